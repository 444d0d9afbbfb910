/** The trust's catalogue of support interventions and its own measurement scales (SUP-3): kept by a trust-wide lead. */
import { useState, type FormEvent } from 'react';
import { Badge, Button, Checkbox, Group, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { BUILT_IN_MEASURES, MEASURE_LABELS, SUPPORT_KIND_LABELS, SUPPORT_KINDS, type TSupportScale, type TSupportType } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { allows } from '../../lib/usePolicy';
import { fieldMessage, ResponsiveTable, SaveError } from '../policy/PolicyParts';
import { useAddScale, useCatalogue, useSaveType } from './support.api';

export function SupportCataloguePage() {
  const q = useCatalogue();
  const [editing, setEditing] = useState<TSupportType | 'new' | null>(null);
  const [scaleOpen, setScaleOpen] = useState(false);
  const scales = q.data?.scales ?? [];
  const measureName = (key: string) => (MEASURE_LABELS as Record<string, string>)[key] ?? scales.find((s) => s.key === key)?.name ?? key;
  return (
    <Page title="Support intervention catalogue" description="The support interventions your trust offers (not physical interventions), how long each usually runs and what it measures."
      actions={allows(q.data, 'create') ? <Group gap="xs"><Button onClick={() => setEditing('new')}>Add an intervention</Button><Button variant="default" onClick={() => setScaleOpen(true)}>Add a scale</Button></Group> : null}>
      {q.isPending ? <Loading label="Loading the catalogue…" /> : null}
      {q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <ResponsiveTable<TSupportType> caption="Interventions in the catalogue" rows={q.data.items} rowKey={(r) => r.id}
          columns={[
            { header: 'Name', primary: true, cell: (r) => <>{r.name} {r.active ? null : <Badge color="gray" variant="light">Withdrawn</Badge>}</> },
            { header: 'Kind', cell: (r) => SUPPORT_KIND_LABELS[r.kind] },
            { header: 'Usual length', cell: (r) => `${r.defaultWeeks} weeks` },
            { header: 'Measures', cell: (r) => <Text size="sm" className="break-anywhere">{r.measures.map(measureName).join('; ') || 'None'}{r.dailyPoints ? ` · points out of ${r.dailyPointsMax} a day` : ''}</Text> },
          ]}
          actions={(r) => (allows(r, 'edit') ? <Button size="compact-sm" variant="subtle" onClick={() => setEditing(r)}>Edit<span className="visually-hidden-inline"> {r.name}</span></Button> : null)} />
      ) : null}
      {scales.length ? <Text size="sm">Your trust&apos;s own scales: {scales.map((s: TSupportScale) => `${s.name} (${s.min}–${s.max}, ${s.higherIsBetter ? 'higher' : 'lower'} is better)`).join('; ')}.</Text> : null}
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add an intervention' : 'Edit the intervention'}>
        {editing ? <TypeForm entry={editing === 'new' ? null : editing} scales={scales} onDone={() => setEditing(null)} /> : null}
      </AppModal>
      <AppModal opened={scaleOpen} onClose={() => setScaleOpen(false)} title="Add a scale">
        {scaleOpen ? <ScaleForm onDone={() => setScaleOpen(false)} /> : null}
      </AppModal>
    </Page>
  );
}

function TypeForm({ entry, scales, onDone }: { entry: TSupportType | null; scales: TSupportScale[]; onDone: () => void }) {
  const save = useSaveType();
  const [name, setName] = useState(entry?.name ?? '');
  const [kind, setKind] = useState<string>(entry?.kind ?? 'group');
  const [description, setDescription] = useState(entry?.description ?? '');
  const [weeks, setWeeks] = useState<number | string>(entry?.defaultWeeks ?? 6);
  const [measures, setMeasures] = useState<string[]>(entry?.measures ?? []);
  const [dailyPoints, setDailyPoints] = useState(entry?.dailyPoints ?? false);
  const [max, setMax] = useState<number | string>(entry?.dailyPointsMax ?? 10);
  const [active, setActive] = useState(entry?.active ?? true);
  const fe = (f: string) => fieldMessage({}, save.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { name: name.trim(), kind, description: description.trim() || null, defaultWeeks: Number(weeks), measures, dailyPoints, dailyPointsMax: dailyPoints ? Number(max) : null };
    save.mutate(entry ? { id: entry.id, body: { ...body, active, version: entry.version } } : { body }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={save.error} what="intervention" />
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fe('name')} maxLength={80} />
        <Select label="Kind" required data={SUPPORT_KINDS.map((k) => ({ value: k, label: SUPPORT_KIND_LABELS[k] }))} value={kind} onChange={(v) => setKind(v ?? 'group')} allowDeselect={false} error={fe('kind')} />
        <Textarea label="What it is (optional)" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={1000} />
        <NumberInput label="Usual length in weeks" required min={1} max={52} allowDecimal={false} value={weeks} onChange={setWeeks} error={fe('defaultWeeks')} />
        <Checkbox.Group label="Measures" value={measures} onChange={setMeasures} error={fe('measures')}>
          <Stack gap={6} mt={4}>
            {BUILT_IN_MEASURES.map((m) => <Checkbox key={m} value={m} label={MEASURE_LABELS[m]} />)}
            {scales.map((s) => <Checkbox key={s.key} value={s.key} label={`${s.name} (${s.min}–${s.max})`} />)}
          </Stack>
        </Checkbox.Group>
        <Switch label="Records check-in/check-out points every school day" checked={dailyPoints} onChange={(e) => setDailyPoints(e.currentTarget.checked)} />
        {dailyPoints ? <NumberInput label="Most points in a day" required min={1} max={100} allowDecimal={false} value={max} onChange={setMax} error={fe('dailyPointsMax')} /> : null}
        {entry ? <Switch label="Offered (switch off to withdraw it; running interventions carry on)" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /> : null}
        <Button type="submit" loading={save.isPending}>Save</Button>
      </Stack>
    </form>
  );
}

function ScaleForm({ onDone }: { onDone: () => void }) {
  const add = useAddScale();
  const [name, setName] = useState('');
  const [min, setMin] = useState<number | string>(1);
  const [max, setMax] = useState<number | string>(10);
  const [higher, setHigher] = useState(true);
  const fe = (f: string) => fieldMessage({}, add.error, f);
  const submit = (e: FormEvent) => { e.preventDefault(); add.mutate({ name: name.trim(), min: Number(min), max: Number(max), higherIsBetter: higher }, { onSuccess: onDone }); };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={add.error} what="scale" />
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fe('name')} maxLength={80} />
        <Group grow>
          <NumberInput label="Lowest score" required allowDecimal={false} value={min} onChange={setMin} error={fe('min')} />
          <NumberInput label="Highest score" required allowDecimal={false} value={max} onChange={setMax} error={fe('max')} />
        </Group>
        <Switch label="A higher score is better" checked={higher} onChange={(e) => setHigher(e.currentTarget.checked)} />
        <Button type="submit" loading={add.isPending}>Add the scale</Button>
      </Stack>
    </form>
  );
}
