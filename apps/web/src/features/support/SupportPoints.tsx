/** Check-in/check-out daily points: each pupil's points for a school day, and the days recorded so far. */
import { useState, type FormEvent } from 'react';
import { Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import type { TSupportIntervention } from '@haven/contracts';
import { formatDate, londonTodayIso } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { UkDateInput } from '../sanctions/SanctionParts';
import { useRecordPoints } from './support.api';

export function SupportPoints({ iv }: { iv: TSupportIntervention }) {
  const record = useRecordPoints();
  const max = iv.type.dailyPointsMax ?? 10;
  const [day, setDay] = useState(londonTodayIso());
  const [values, setValues] = useState<Record<string, number | string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const days = [...new Set(iv.points.map((p) => p.day))].sort().reverse().slice(0, 10);
  const cell = (pupilId: string, d: string) => iv.points.find((p) => p.pupilId === pupilId && p.day === d);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const points = iv.pupils.filter((p) => values[p.id] !== undefined && values[p.id] !== '').map((p) => ({ pupilId: p.id, points: Number(values[p.id]) }));
    record.mutate({ id: iv.id, body: { day: day || 'not a date', points } }, { onSuccess: () => { setSaved(`Points for ${formatDate(day)} saved.`); setValues({}); } });
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="support-points">
      <Title order={2} size="h4" id="support-points">Daily points</Title>
      <Text size="sm" c="dimmed">Check-in/check-out: points out of {max} for each school day.</Text>
      {allows(iv, 'record_points') ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm" mt="sm">
            <SaveError error={record.error} what="points" />
            {saved ? <Text size="sm" c="teal.9" role="status">{saved}</Text> : null}
            <UkDateInput label="Day" required value={day} onChange={(v) => setDay(v ?? '')} error={fieldMessage({}, record.error, 'day')} />
            <Group grow wrap="wrap" align="flex-start">
              {iv.pupils.map((p, n) => (
                <NumberInput key={p.id} label={`Points for ${p.displayName}`} min={0} max={max} clampBehavior="none" allowDecimal={false} value={values[p.id] ?? ''}
                  onChange={(v) => setValues({ ...values, [p.id]: v })} error={fieldMessage({}, record.error, `points.${n}.points`)} miw={160} />
              ))}
            </Group>
            <Group><Button type="submit" loading={record.isPending}>Save points</Button></Group>
          </Stack>
        </form>
      ) : null}
      {days.length ? (
        <div className="haven-table-scroll" tabIndex={0} role="group" aria-label="Daily points (scrolls sideways)" style={{ overflowX: 'auto', marginTop: 'var(--mantine-spacing-sm)' }}><div style={{ minWidth: 320 }}>
          <Table striped captionSide="top">
            <Table.Caption style={{ textAlign: 'left' }}>{days.length === 1 ? 'The day recorded' : `The last ${days.length} days recorded`}</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th scope="col">Day</Table.Th>{iv.pupils.map((p) => <Table.Th key={p.id} scope="col">{p.displayName}</Table.Th>)}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {days.map((d) => (
                <Table.Tr key={d}><Table.Th scope="row">{formatDate(d)}</Table.Th>
                  {iv.pupils.map((p) => { const c = cell(p.id, d); return <Table.Td key={p.id}>{c ? `${c.points} / ${c.maxPoints}` : '–'}</Table.Td>; })}</Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div></div>
      ) : <Text size="sm" mt="sm">No points recorded yet.</Text>}
    </Card>
  );
}
