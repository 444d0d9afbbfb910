/**
 * Absences, training and cover (STF-3): record that someone is away, see the slots it empties, and cover each from
 * Haven's suggestions (trained for the pupil's holds that day, free, nearest site first).
 */
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { ROTA_EXCEPTION_LABELS, ROTA_MODE_LABELS, type TRotaException } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import { allows } from '../../lib/usePolicy';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { formatDate } from '../sanctions/isolation-format';
import { UkDateInput, useSiteChoice } from '../sanctions/SanctionParts';
import { useChooseCover, useCreateException, useDeleteException, useExceptions, useSiteStaff, useSuggestions } from './rota.api';
import { londonTodayIso } from '../../lib/format';

export function RotaExceptionsPage() {
  const { siteId, picker } = useSiteChoice();
  const list = useExceptions(siteId, londonTodayIso());
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [cover, setCover] = useState<{ exceptionId: string; patternId: string } | null>(null);
  const items = (list.data?.items ?? []).filter((e) => e.kind !== 'cover' || !e.coversExceptionId);
  return (
    <Page title="Absences and cover" description="Who is away or training in the next four weeks, the slots it empties, and who covers them.">
      {picker}
      <AnchorLink to="/rota">Back to the rota</AnchorLink>
      {notice ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>{notice}</Alert> : null}
      {allows(list.data, 'create') ? <Group><Button onClick={() => setOpen(true)}>Record an absence</Button></Group> : null}
      {list.isPending && siteId ? <Loading label="Loading absences…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <Text>Nobody is recorded as away in the next four weeks.</Text> : null}
      {items.map((e) => <ExceptionCard key={e.id} e={e} onCover={(patternId) => setCover({ exceptionId: e.id, patternId })} onNotice={setNotice} />)}
      <AppModal opened={open} onClose={() => setOpen(false)} title="Record an absence">
        {open && siteId ? <AbsenceForm siteId={siteId} onDone={(e) => { setOpen(false); setNotice(`${e.staff.displayName}: ${ROTA_EXCEPTION_LABELS[e.kind].toLowerCase()} on ${formatDate(e.date)} recorded.`); }} /> : null}
      </AppModal>
      <AppModal opened={!!cover} onClose={() => setCover(null)} title="Choose cover">
        {cover ? <CoverChoice {...cover} onDone={(name) => { setCover(null); setNotice(`${name} now covers that slot.`); }} /> : null}
      </AppModal>
    </Page>
  );
}

function ExceptionCard({ e, onCover, onNotice }: { e: TRotaException; onCover: (patternId: string) => void; onNotice: (m: string) => void }) {
  const remove = useDeleteException();
  const id = `exc-${e.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={id} padding="sm">
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Title order={2} size="h4" id={id} style={{ flex: 1, minWidth: 0 }}>{e.staff.displayName}: {ROTA_EXCEPTION_LABELS[e.kind]} {formatDate(e.date)}{e.periodLabel ? `, ${e.periodLabel}` : ', all day'}</Title>
        {allows(e, 'delete') ? <Button size="xs" variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate(e.id, { onSuccess: () => onNotice('Removed, with any cover recorded for it.') })}>Remove<span className="visually-hidden-inline"> {e.staff.displayName} on {formatDate(e.date)}</span></Button> : null}
      </Group>
      {e.note ? <Text size="sm" className="break-anywhere">{e.note}</Text> : null}
      {e.kind === 'cover' ? <Text size="sm">At {e.siteName}{e.mode ? `: ${ROTA_MODE_LABELS[e.mode]}` : ''}{e.pupil ? ` with ${e.pupil.displayName}` : ''}</Text> : null}
      {remove.error ? <ErrorAlert error={remove.error} title="Not removed" /> : null}
      {e.kind !== 'cover' && e.slots.length === 0 ? <Text size="sm" c="dimmed">No slots of their pattern fall then.</Text> : null}
      <Stack component="ul" gap={6} p={0} mt="xs" mb={0}>
        {e.slots.map((s) => (
          <Group key={s.patternId} component="li" justify="space-between" wrap="wrap" gap="xs" style={{ listStyle: 'none' }}>
            <Text size="sm" className="break-anywhere">{s.periodLabel} · {s.siteName} · {ROTA_MODE_LABELS[s.mode]}{s.pupil ? ` with ${s.pupil.displayName}` : ''}</Text>
            {s.coveredBy ? <Badge color="green" variant="light" c="#1b5e20" style={{ textTransform: 'none' }}>Covered by {s.coveredBy.displayName}</Badge>
              : allows(e, 'cover') ? <Button size="xs" onClick={() => onCover(s.patternId)}>Find cover<span className="visually-hidden-inline"> for {s.periodLabel}</span></Button>
                : <Badge color="red" variant="light" c="#a11">Not covered</Badge>}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function CoverChoice({ exceptionId, patternId, onDone }: { exceptionId: string; patternId: string; onDone: (name: string) => void }) {
  const sug = useSuggestions(exceptionId, patternId, true);
  const choose = useChooseCover();
  const d = sug.data;
  if (sug.isPending) return <Loading label="Finding who can cover…" />;
  if (sug.isError) return <ErrorAlert error={sug.error} onRetry={() => void sug.refetch()} />;
  return (
    <Stack gap="sm">
      <Text size="sm">{formatDate(d!.date)}, {d!.periodLabel}{d!.pupil ? ` with ${d!.pupil.displayName}` : ''}.</Text>
      {d!.holds.length ? <Text size="sm">Their plan approves: {d!.holds.map((h) => h.label).join(', ')}. Only people trained for these that day are suggested.</Text> : null}
      {choose.error ? <ErrorAlert error={choose.error} title="Cover not recorded" /> : null}
      {d!.items.length === 0 ? <Alert color="orange" variant="light">Nobody in the support team is free and trained for this slot.</Alert> : null}
      <Stack component="ul" gap={6} p={0} m={0}>
        {d!.items.map((s) => (
          <Group key={s.staff.id} component="li" justify="space-between" wrap="wrap" style={{ listStyle: 'none' }}>
            <Text size="sm">{s.staff.displayName} · {s.travelMinutes === 0 ? `already at ${s.fromSiteName}` : `${s.travelMinutes} minutes from ${s.fromSiteName}`}</Text>
            <Button size="xs" loading={choose.isPending} onClick={() => choose.mutate({ exceptionId, patternId, staffId: s.staff.id }, { onSuccess: () => onDone(s.staff.displayName) })}>
              Choose<span className="visually-hidden-inline"> {s.staff.displayName}</span>
            </Button>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}

function AbsenceForm({ siteId, onDone }: { siteId: string; onDone: (e: TRotaException) => void }) {
  const staff = useSiteStaff(siteId);
  const create = useCreateException();
  const [staffId, setStaffId] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(londonTodayIso());
  const [kind, setKind] = useState<string>('absence');
  const [note, setNote] = useState('');
  const fe = (f: string) => fieldMessage({}, create.error, f);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    create.mutate({ staffId: staffId ?? '', date: date || 'not a date', kind, periodCode: null, note: note.trim() || null }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={create.error} what="absence" />
        <Select label="Member of staff" required searchable data={staff.data ?? []} value={staffId} onChange={setStaffId} error={fe('staffId')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <UkDateInput label="Date" required value={date ?? ''} onChange={setDate} error={fe('date')} />
          <Select label="Why" required data={[{ value: 'absence', label: 'Absent' }, { value: 'training', label: 'Training' }]} value={kind} onChange={(v) => setKind(v ?? 'absence')} allowDeselect={false} error={fe('kind')} />
        </SimpleGrid>
        <TextInput label="Note (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} error={fe('note')} />
        <Button type="submit" loading={create.isPending}>Record</Button>
      </Stack>
    </form>
  );
}
