/** The weekly pattern editor (STF-3): each slot of the support team's usual week at a site; add, change the mode, remove. */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { ROTA_MODE_LABELS, ROTA_MODES, type TRotaMode, type TRotaPattern } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import { allows } from '../../lib/usePolicy';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { formatDate } from '../sanctions/isolation-format';
import { UkDateInput, useSiteChoice } from '../sanctions/SanctionParts';
import { PupilPicker } from '../sanctions/PupilPicker';
import { useDeletePattern, usePatterns, useSavePattern, useSiteStaff } from './rota.api';
import { WEEKDAYS } from './rota-format';
import { londonTodayIso } from '../../lib/format';

export function RotaPatternsPage() {
  const { siteId, picker } = useSiteChoice();
  const list = usePatterns(siteId);
  const remove = useDeletePattern();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const byDay = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ d, slots: items.filter((p) => p.weekday === d) })).filter((x) => x.slots.length);
  return (
    <Page title="Weekly patterns" description="The support team's usual week at this site: who is where in each period, and in which mode.">
      {picker}
      <AnchorLink to="/rota">Back to the rota</AnchorLink>
      {notice ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>{notice}</Alert> : null}
      {allows(list.data, 'create') ? <Group><Button onClick={() => setOpen(true)}>Add a slot</Button></Group> : null}
      {list.isPending && siteId ? <Loading label="Loading patterns…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {remove.error ? <ErrorAlert error={remove.error} title="Not removed" /> : null}
      {list.data && items.length === 0 ? <Text>No weekly pattern at this site yet.</Text> : null}
      {byDay.map(({ d, slots }) => (
        <Card key={d} withBorder component="section" aria-labelledby={`pattern-${d}`} padding="sm">
          <Title order={2} size="h4" id={`pattern-${d}`}>{WEEKDAYS[d]}</Title>
          <Stack component="ul" gap={6} p={0} m={0}>
            {slots.map((p) => <PatternRow key={p.id} p={p} onRemove={() => remove.mutate(p.id, { onSuccess: () => setNotice('Slot removed.') })} />)}
          </Stack>
        </Card>
      ))}
      <AppModal opened={open} onClose={() => setOpen(false)} title="Add a slot">
        {open && siteId ? <PatternForm siteId={siteId} periods={list.data?.periods ?? []} onDone={() => { setOpen(false); setNotice('Slot added.'); }} /> : null}
      </AppModal>
    </Page>
  );
}

function PatternRow({ p, onRemove }: { p: TRotaPattern; onRemove: () => void }) {
  return (
    <Group component="li" justify="space-between" wrap="wrap" gap="xs" style={{ listStyle: 'none' }}>
      <Text size="sm" className="break-anywhere">
        <strong>{p.periodLabel}</strong> · {p.staff.displayName} · {ROTA_MODE_LABELS[p.mode]}{p.pupil ? ` with ${p.pupil.displayName}` : ''}{p.teacher ? ` with ${p.teacher.displayName}` : ''}
        {p.validTo ? ` · until ${formatDate(p.validTo)}` : ''}
      </Text>
      {allows(p, 'delete') ? <Button size="xs" variant="subtle" color="red" onClick={onRemove}>Remove<span className="visually-hidden-inline"> {p.staff.displayName}, {WEEKDAYS[p.weekday]} {p.periodLabel}</span></Button> : null}
    </Group>
  );
}

function PatternForm({ siteId, periods, onDone }: { siteId: string; periods: { code: string; label: string }[]; onDone: () => void }) {
  const staff = useSiteStaff(siteId);
  const save = useSavePattern();
  const [staffId, setStaffId] = useState<string | null>(null);
  const [weekday, setWeekday] = useState<string>('1');
  const [periodCode, setPeriod] = useState<string | null>(null);
  const [mode, setMode] = useState<TRotaMode>('one_to_one');
  const [pupilId, setPupilId] = useState<string | null>(null);
  const [teacherStaffId, setTeacher] = useState<string | null>(null);
  const [validFrom, setFrom] = useState<string | null>(londonTodayIso());
  const [note, setNote] = useState('');
  const fe = (f: string) => fieldMessage({}, save.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ body: {
      siteId, staffId: staffId ?? '', weekday: Number(weekday), periodCode: periodCode ?? '', mode, pupilId: mode === 'one_to_one' ? pupilId : null,
      teacherStaffId: mode === 'behaviour_buddy' ? teacherStaffId : null, validFrom: validFrom || 'not a date', note: note.trim() || null,
    } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={save.error} what="slot" />
        <Select label="Member of staff" required searchable data={staff.data ?? []} value={staffId} onChange={setStaffId} error={fe('staffId')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Select label="Day" required data={[1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: WEEKDAYS[d]! }))} value={weekday} onChange={(v) => setWeekday(v ?? '1')} allowDeselect={false} error={fe('weekday')} />
          <Select label="Period" required data={periods.map((p) => ({ value: p.code, label: p.label }))} value={periodCode} onChange={setPeriod} error={fe('periodCode')} />
        </SimpleGrid>
        <Select label="Mode" required data={ROTA_MODES.map((m) => ({ value: m, label: ROTA_MODE_LABELS[m] }))} value={mode} onChange={(v) => setMode((v ?? 'one_to_one') as TRotaMode)} allowDeselect={false} error={fe('mode')} />
        {mode === 'one_to_one' ? <PupilPicker siteId={siteId} value={pupilId} onChange={setPupilId} label="Pupil" error={fe('pupilId')} /> : null}
        {mode === 'behaviour_buddy' ? <Select label="Teacher" required searchable data={staff.data ?? []} value={teacherStaffId} onChange={setTeacher} error={fe('teacherStaffId')} /> : null}
        <UkDateInput label="From" required value={validFrom ?? ''} onChange={setFrom} error={fe('validFrom')} />
        <TextInput label="Note (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} error={fe('note')} />
        <Button type="submit" loading={save.isPending}>Add the slot</Button>
      </Stack>
    </form>
  );
}
