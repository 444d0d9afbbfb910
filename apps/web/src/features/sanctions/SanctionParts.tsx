/** Pieces shared by the detention, isolation and rewards pages: a site choice, a UK date box, register marks. */
import { useState } from 'react';
import { Badge, Button, Group, Select, TextInput } from '@mantine/core';
import { REGISTER_MARK_LABELS, type TRegisterMark } from '@haven/contracts';
import { useMe } from '../../lib/usePolicy';
import { formatDate, parseUkDate } from '../../lib/format';

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

/** A date typed the UK way (dd/mm/yyyy); `onChange` gets the ISO date, '' when empty or null when not a date. */
export function UkDateInput({ label, value, onChange, error, required, description }: {
  label: string; value: string; onChange: (iso: string | null, text: string) => void; error?: string | undefined; required?: boolean; description?: string;
}) {
  const [text, setText] = useState(value ? formatDate(value) : '');
  return (
    <TextInput label={label} required={required} description={description ?? 'Day/month/year, like 24/11/2026'} value={text} error={error}
      inputMode="numeric" autoComplete="off" maxLength={10}
      onChange={(e) => { const t = e.currentTarget.value; setText(t); onChange(parseUkDate(t), t); }} />
  );
}

const MARK_COLOURS: Record<TRegisterMark, string> = { assigned: 'gray', attended: 'green', missed: 'red', excused: 'blue' };

export function MarkBadge({ status }: { status: TRegisterMark }) {
  return <Badge variant="light" color={MARK_COLOURS[status]} c={status === 'missed' ? '#a11' : undefined} miw="max-content">{REGISTER_MARK_LABELS[status]}</Badge>;
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
      <Button size="xs" variant="light" color="green" disabled={busy} onClick={() => onMark('attended')}>Attended{hidden}</Button>
      <Button size="xs" variant="light" color="red" disabled={busy} onClick={() => onMark('missed')}>Missed{hidden}</Button>
      <Button size="xs" variant="default" disabled={busy} onClick={() => setExcusing(true)}>Excused{hidden}</Button>
    </Group>
  );
}

export const timeRange = (s: { startTime: string | null; endTime: string | null }) => (s.startTime ? `${s.startTime}${s.endTime ? `–${s.endTime}` : ''}` : '');
export const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
