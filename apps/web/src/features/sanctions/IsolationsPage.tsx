/** Internal exclusion / isolation (SAN-2): sessions of a site with room, staff, work set, pupils and register. */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { ISOLATION_PART_LABELS, ISOLATION_PARTS, type TIsolationSession } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import { addDaysIso, formatDate, yearGroupLabel } from './isolation-format';
import { allows } from '../../lib/usePolicy';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { useAssignIsolation, useIsolations, useMarkIsolation, useScheduleIsolation, useSiteStaffUsers } from './sanctions.api';
import {MarkBadge, RegisterButtons, timeRange, UkDateInput, useSiteChoice } from './SanctionParts';
import { PupilPicker } from './PupilPicker';
import { PersonAvatar } from '../photos/PersonAvatar';
import { londonTodayIso } from '../../lib/format';

export function IsolationsPage() {
  const { siteId, picker } = useSiteChoice();
  const list = useIsolations(siteId, addDaysIso(londonTodayIso(), -14));
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  return (
    <Page title="Isolation" description="Internal exclusion sessions: room, staff, the work set, pupils and the register (last two weeks and coming up).">
      {picker}
      {notice ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>{notice}</Alert> : null}
      {allows(list.data, 'create') ? <Group><Button onClick={() => setOpen(true)}>Schedule isolation</Button></Group> : null}
      {list.isPending ? <Loading label="Loading isolation sessions…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <Text>No isolation sessions in this period.</Text> : null}
      {items.map((s) => <IsolationCard key={s.id} s={s} onNotice={setNotice} />)}
      <AppModal opened={open} onClose={() => setOpen(false)} title="Schedule isolation">
        {open && siteId ? <ScheduleIsolationForm siteId={siteId} onDone={(s) => { setOpen(false); setNotice(`Isolation on ${formatDate(s.date)} scheduled.`); }} /> : null}
      </AppModal>
    </Page>
  );
}

function IsolationCard({ s, onNotice }: { s: TIsolationSession; onNotice: (m: string) => void }) {
  const mark = useMarkIsolation();
  const assign = useAssignIsolation();
  const [pupilId, setPupilId] = useState<string | null>(null);
  const canMark = allows(s, 'register') && s.date <= londonTodayIso();
  const headingId = `iso-${s.id}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>{formatDate(s.date)}, {ISOLATION_PART_LABELS[s.session]} {timeRange(s)}</Title>
      <Text size="sm" c="dimmed" className="break-anywhere">{s.room} · with {s.staff.displayName}{s.capacity ? ` · ${s.pupils.length} of ${s.capacity} places` : ''}</Text>
      {s.workSet ? <Text size="sm" mt={4} className="break-anywhere"><strong>Work set:</strong> {s.workSet}</Text> : null}
      {mark.error ? <ErrorAlert error={mark.error} title="Not marked" /> : null}
      <Stack component="ul" gap={6} p={0} mt="sm" mb={0} aria-label={`Pupils in isolation on ${formatDate(s.date)}`}>
        {s.pupils.map((p) => (
          <Group key={p.id} component="li" justify="space-between" wrap="wrap" gap="xs" style={{ listStyle: 'none' }}>
            <Group gap={6}><PersonAvatar name={p.pupil.displayName} photo={p.pupil.photo} size="sm" /><AnchorLink to="/pupils/$pupilId" params={{ pupilId: p.pupil.id }}>{p.pupil.displayName}</AnchorLink><Text size="xs" c="dimmed">{yearGroupLabel(p.pupil.yearGroup)}</Text><MarkBadge status={p.status} /></Group>
            {canMark ? <RegisterButtons name={p.pupil.displayName} busy={mark.isPending} onMark={(status, excuseReason) => mark.mutate({ id: p.id, status, ...(excuseReason ? { excuseReason } : {}) })} /> : null}
          </Group>
        ))}
      </Stack>
      {s.pupils.length === 0 ? <Text size="sm">No pupils yet.</Text> : null}
      {allows(s, 'assign') && s.date >= londonTodayIso() ? (
        <Group align="flex-end" mt="sm" gap="sm" wrap="wrap">
          <div style={{ minWidth: 240 }}><PupilPicker siteId={s.siteId} value={pupilId} onChange={setPupilId} label="Add a pupil" error={fieldMessage({}, assign.error, 'pupilId')} /></div>
          <Button variant="default" disabled={!pupilId} loading={assign.isPending} onClick={() => pupilId && assign.mutate({ id: s.id, pupilId }, { onSuccess: () => { setPupilId(null); onNotice('Pupil added to isolation.'); } })}>Add<span className="visually-hidden-inline"> to isolation on {formatDate(s.date)}</span></Button>
        </Group>
      ) : null}
    </Card>
  );
}

function ScheduleIsolationForm({ siteId, onDone }: { siteId: string; onDone: (s: TIsolationSession) => void }) {
  const [date, setDate] = useState<string | null>('');
  const [session, setSession] = useState<string>('am');
  const [startTime, setStart] = useState('');
  const [endTime, setEnd] = useState('');
  const [room, setRoom] = useState('');
  const [staffUserId, setStaff] = useState<string | null>(null);
  const [workSet, setWorkSet] = useState('');
  const [capacity, setCapacity] = useState<number | string>('');
  const staff = useSiteStaffUsers(siteId);
  const schedule = useScheduleIsolation();
  const fe = (f: string) => fieldMessage({}, schedule.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    schedule.mutate({
      siteId, date: date || 'not a date', session, startTime: startTime || null, endTime: endTime || null, room: room.trim(), staffUserId: staffUserId ?? '',
      workSet: workSet.trim() || null, capacity: capacity === '' ? null : Number(capacity),
    }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={schedule.error} what="isolation session" />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <UkDateInput label="Date" required value="" onChange={setDate} error={fe('date')} />
          <Select label="When" required data={ISOLATION_PARTS.map((p) => ({ value: p, label: ISOLATION_PART_LABELS[p] }))} value={session} onChange={(v) => setSession(v ?? 'am')} allowDeselect={false} />
        </SimpleGrid>
        {session === 'times' ? (
          <SimpleGrid cols={2} spacing="md">
            <TextInput label="From" value={startTime} onChange={(e) => setStart(e.currentTarget.value)} error={fe('startTime')} maxLength={5} description="Like 09:00" />
            <TextInput label="To" value={endTime} onChange={(e) => setEnd(e.currentTarget.value)} error={fe('endTime')} maxLength={5} description="Like 11:30" />
          </SimpleGrid>
        ) : null}
        <TextInput label="Room" required value={room} onChange={(e) => setRoom(e.currentTarget.value)} error={fe('room')} maxLength={120} />
        <Select label="Member of staff in charge" required searchable data={staff.data ?? []} value={staffUserId} onChange={setStaff} error={fe('staffUserId')} />
        <Textarea label="Work set" autosize minRows={2} value={workSet} onChange={(e) => setWorkSet(e.currentTarget.value)} error={fe('workSet')} maxLength={4000} />
        <NumberInput label="Places (optional)" min={1} max={100} value={capacity} onChange={setCapacity} error={fe('capacity')} />
        <Button type="submit" loading={schedule.isPending}>Schedule isolation</Button>
      </Stack>
    </form>
  );
}
