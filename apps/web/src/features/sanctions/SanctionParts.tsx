/** Pieces shared by the detention, isolation and rewards pages: a site choice, a UK date box, register marks. */
import { useState } from 'react';
import { Badge, Button, Group, Select, TextInput } from '@mantine/core';
import { REGISTER_MARK_LABELS, type TRegisterMark } from '@haven/contracts';
import { useMe } from '../../lib/usePolicy';

/** The site a page shows: the only one, or the one chosen (first by default). */
export function useSiteChoice(): { siteId: string | undefined; picker: React.ReactNode } {
  const me = useMe();
  const [siteId, setSiteId] = useState<string | undefined>(me.sites[0]?.id);
  const picker = me.sites.length > 1 ? (
    <Select label="Site" data={me.sites.map((s) => ({ value: s.id, label: s.name }))} value={siteId ?? null}
      onChange={(v) => setSiteId(v ?? undefined)} allowDeselect={false} maw={360} />
  ) : null;
  return { siteId, picker };
}

export { UkDateInput } from '../../components/UkDateInput';

const MARK_COLOURS: Record<TRegisterMark, string> = { assigned: 'gray', attended: 'green', missed: 'red', excused: 'blue' };
/** Darker text on the light badges, for AA contrast. */
const MARK_TEXT: Partial<Record<TRegisterMark, string>> = { attended: '#1b5e20', missed: '#a11' };

export function MarkBadge({ status }: { status: TRegisterMark }) {
  return <Badge variant="light" color={MARK_COLOURS[status]} c={MARK_TEXT[status]} miw="max-content">{REGISTER_MARK_LABELS[status]}</Badge>;
}

/** Attended / Missed / Excused for one pupil; excusing asks for the reason first. */
export function RegisterButtons({ name, busy, onMark }: {
  name: string; busy: boolean; onMark: (status: 'attended' | 'missed' | 'excused', excuseReason?: string) => void;
}) {
  const [excusing, setExcusing] = useState(false);
  const [reason, setReason] = useState('');
  if (excusing) {
    return (
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput label={`Why is ${name} excused?`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} size="xs" />
        <Button size="xs" disabled={!reason.trim() || busy} onClick={() => { onMark('excused', reason.trim()); setExcusing(false); }}>Save</Button>
        <Button size="xs" variant="default" onClick={() => setExcusing(false)}>Cancel</Button>
      </Group>
    );
  }
  const hidden = <span className="visually-hidden-inline"> ({name})</span>;
  return (
    <Group gap="xs" wrap="wrap">
      <Button size="xs" variant="default" disabled={busy} onClick={() => onMark('attended')}>Attended{hidden}</Button>
      <Button size="xs" variant="default" disabled={busy} onClick={() => onMark('missed')}>Missed{hidden}</Button>
      <Button size="xs" variant="default" disabled={busy} onClick={() => setExcusing(true)}>Excused{hidden}</Button>
    </Group>
  );
}

export const timeRange = (s: { startTime: string | null; endTime: string | null }) => (s.startTime ? `${s.startTime}${s.endTime ? `–${s.endTime}` : ''}` : '');
