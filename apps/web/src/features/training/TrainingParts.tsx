/** Shared pieces of the training pages: the status badge, the site choice (or the whole trust), the course picker. */
import { Badge, Select } from '@mantine/core';
import { useState } from 'react';
import { MATRIX_STATUS_LABELS, type TMatrixStatus } from '@haven/contracts';
import { useMe } from '../../lib/usePolicy';

const COLOURS: Record<TMatrixStatus, { color: string; text: string }> = {
  valid: { color: 'green', text: '#1b5e20' }, expiring: { color: 'yellow', text: '#6b4a00' }, in_grace: { color: 'orange', text: '#8a4b00' },
  expired: { color: 'red', text: '#a11' }, never: { color: 'gray', text: '#333' },
};
const SHORT: Record<TMatrixStatus, string> = { valid: 'Valid', expiring: 'Expiring', in_grace: 'In grace', expired: 'Expired', never: 'Never' };

export function StatusBadge({ status, long = false }: { status: TMatrixStatus; long?: boolean }) {
  const c = COLOURS[status];
  return <Badge variant="light" color={c.color} c={c.text} miw="max-content">{long ? MATRIX_STATUS_LABELS[status] : SHORT[status]}</Badge>;
}

/** A site of the caller's, or (with `allowTrust`) every site they read training at. */
export function useTrainingSite(allowTrust: boolean): { siteId: string | undefined; picker: React.ReactNode } {
  const me = useMe();
  const [siteId, setSiteId] = useState<string>(me.sites[0]?.id ?? 'all');
  const data = [...(allowTrust && me.sites.length > 1 ? [{ value: 'all', label: 'All my sites' }] : []), ...me.sites.map((s) => ({ value: s.id, label: s.name }))];
  const picker = data.length > 1 ? <Select label="Site" data={data} value={siteId} onChange={(v) => setSiteId(v ?? 'all')} allowDeselect={false} maw={320} /> : null;
  return { siteId: siteId === 'all' ? undefined : siteId, picker };
}

export const siteName = (sites: { id: string; name: string }[], id: string | null) => sites.find((s) => s.id === id)?.name ?? (id ? 'Another site' : 'Across the trust');
