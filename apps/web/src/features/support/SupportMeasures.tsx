/** Baseline and outcome measures (SDQ with its band, Boxall, daily points average, the trust's own scales). */
import { useState, type FormEvent } from 'react';
import { Button, Card, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { SDQ_BAND_LABELS, SDQ_INFORMANT_LABELS, type TSupportIntervention } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { formatDate, londonTodayIso } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { UkDateInput } from '../sanctions/SanctionParts';
import { useRecordMeasure } from './support.api';

const PHASES = { baseline: 'Baseline', outcome: 'Outcome' } as const;

export function SupportMeasures({ iv }: { iv: TSupportIntervention }) {
  const [open, setOpen] = useState(false);
  const name = (id: string) => iv.pupils.find((p) => p.id === id)?.displayName ?? '';
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="support-measures">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4" id="support-measures">Measures</Title>
        {allows(iv, 'record_measure') && iv.type.measures.length ? <Button variant="default" onClick={() => setOpen(true)}>Record a measure</Button> : null}
      </Group>
      {iv.type.measures.length === 0 ? <Text size="sm" c="dimmed">This intervention uses no measures.</Text> : <Text size="sm" c="dimmed">Uses: {iv.type.measures.map((m) => m.name).join('; ')}.</Text>}
      {iv.measures.length ? (
        <div className="haven-table-scroll" tabIndex={0} role="group" aria-label="Measures recorded (scrolls sideways)" style={{ overflowX: 'auto', marginTop: 'var(--mantine-spacing-sm)' }}><div style={{ minWidth: 420 }}>
          <Table striped captionSide="top">
            <Table.Caption style={{ textAlign: 'left' }}>Measures recorded</Table.Caption>
            <Table.Thead><Table.Tr>{['Pupil', 'Measure', 'When', 'Score', 'Date'].map((h) => <Table.Th key={h} scope="col">{h}</Table.Th>)}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {iv.measures.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{name(m.pupilId)}</Table.Td><Table.Td>{m.measureName}{m.informant ? ` (${SDQ_INFORMANT_LABELS[m.informant as keyof typeof SDQ_INFORMANT_LABELS] ?? m.informant})` : ''}</Table.Td>
                  <Table.Td>{PHASES[m.phase]}</Table.Td><Table.Td>{m.value}{m.band ? ` – ${SDQ_BAND_LABELS[m.band as keyof typeof SDQ_BAND_LABELS] ?? m.band}` : ''}</Table.Td><Table.Td>{formatDate(m.recordedOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div></div>
      ) : <Text size="sm" mt="sm">No measures recorded yet.</Text>}
      <AppModal opened={open} onClose={() => setOpen(false)} title="Record a measure">
        {open ? <MeasureForm iv={iv} onDone={() => setOpen(false)} /> : null}
      </AppModal>
    </Card>
  );
}

function MeasureForm({ iv, onDone }: { iv: TSupportIntervention; onDone: () => void }) {
  const record = useRecordMeasure();
  const [pupilId, setPupil] = useState<string | null>(iv.pupils[0]?.id ?? null);
  const [measure, setMeasure] = useState<string | null>(iv.type.measures[0]?.key ?? null);
  const [phase, setPhase] = useState<string>('baseline');
  const [value, setValue] = useState<number | string>('');
  const [informant, setInformant] = useState<string | null>('teacher');
  const [recordedOn, setOn] = useState(londonTodayIso());
  const scale = iv.type.measures.find((m) => m.key === measure);
  const fe = (f: string) => fieldMessage({}, record.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate({ id: iv.id, body: {
      pupilId: pupilId ?? '', measure: measure ?? '', phase, value: value === '' ? Number.NaN : Number(value), informant: measure === 'sdq' ? informant : null, recordedOn: recordedOn || 'not a date',
    } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={record.error} what="measure" />
        <Select label="Pupil" required data={iv.pupils.map((p) => ({ value: p.id, label: p.displayName }))} value={pupilId} onChange={setPupil} error={fe('pupilId')} allowDeselect={false} />
        <Select label="Measure" required data={iv.type.measures.map((m) => ({ value: m.key, label: m.name }))} value={measure} onChange={setMeasure} error={fe('measure')} allowDeselect={false} />
        <Select label="Baseline or outcome" required data={Object.entries(PHASES).map(([v, l]) => ({ value: v, label: l }))} value={phase} onChange={(v) => setPhase(v ?? 'baseline')} allowDeselect={false} />
        {measure === 'sdq' ? <Select label="Completed by" required data={Object.entries(SDQ_INFORMANT_LABELS).map(([v, l]) => ({ value: v, label: l }))} value={informant} onChange={setInformant} error={fe('informant')} /> : null}
        <NumberInput label="Score" required description={scale ? `From ${scale.min} to ${scale.max}; ${scale.higherIsBetter ? 'higher' : 'lower'} is better` : undefined}
          value={value} onChange={setValue} error={fe('value')} clampBehavior="none" decimalScale={1} />
        <UkDateInput label="Date" required value={recordedOn} onChange={(v) => setOn(v ?? '')} error={fe('recordedOn')} />
        <Button type="submit" loading={record.isPending}>Save the measure</Button>
      </Stack>
    </form>
  );
}
