/**
 * Impact (ANA-5): each pupil's and the group's incidents per school day in the N school weeks before the start and
 * the N after, with the count and the school days behind every rate, and the records themselves.
 */
import { useState } from 'react';
import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import type { TSupportIntervention } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { formatDate, plural } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { rateText, useImpact, useImpactRecords } from './support.api';

interface Part { count: number; schoolDays: number; rate: number | null }
interface Drill { window: 'before' | 'after'; pupilId?: string; label: string }

function change(before: Part, after: Part): string {
  if (before.rate === null || after.rate === null) return 'Nothing to compare';
  const d = after.rate - before.rate;
  if (Math.abs(d) < 1e-9) return 'No change';
  return `${d < 0 ? 'Down' : 'Up'} ${Math.abs(d).toFixed(2)} a day`;
}

export function SupportImpact({ iv }: { iv: TSupportIntervention }) {
  const [weeks, setWeeks] = useState<number>(6);
  const q = useImpact(iv.id, weeks);
  const [drill, setDrill] = useState<Drill | null>(null);
  const canDrill = allows(iv, 'drill_down');
  const figure = (p: Part, d: Drill) => (
    <Stack gap={0}>
      <Text fw={600}>{rateText(p.rate)}</Text>
      <Text size="xs" c="dimmed">{canDrill && p.count > 0 ? <Button variant="subtle" size="compact-xs" px={0} onClick={() => setDrill(d)}>{plural(p.count, 'incident')}<span className="visually-hidden-inline"> {d.label}</span></Button> : plural(p.count, 'incident')} in {plural(p.schoolDays, 'school day')}</Text>
    </Stack>
  );
  const im = q.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="support-impact">
      <Title order={2} size="h4" id="support-impact">Impact</Title>
      <Text size="sm" c="dimmed">Incidents per school day (the pupil involved or instigating; drafts and voided records never count) in the school weeks before the start and after it. Holidays, weekends and INSET days are not school days.</Text>
      <Group mt="sm" align="flex-end">
        <NumberInput label="School weeks before and after" min={1} max={26} value={weeks} onChange={(v) => { const n = Number(v); if (Number.isInteger(n) && n >= 1 && n <= 26) setWeeks(n); }} w={220} allowDecimal={false} />
      </Group>
      {q.isPending ? <Loading label="Working out the impact…" /> : null}
      {q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {im ? (
        <>
          <Text size="sm" mt="sm">Before: {im.before.from ? `${formatDate(im.before.from)} to ${formatDate(im.before.to)}` : 'no school days'} ({im.before.schoolDays} school days). After: {im.after.from ? `${formatDate(im.after.from)} to ${formatDate(im.after.to)}` : 'not started yet'} ({im.after.schoolDays} school days{im.after.complete ? '' : ', in progress'}).</Text>
          {!im.after.complete ? <Alert variant="light" color="blue" mt="xs">In progress: the figures after the start run to {formatDate(im.today)}.</Alert> : null}
          <Table.ScrollContainer minWidth={360} mt="sm">
            <Table striped captionSide="top">
              <Table.Caption style={{ textAlign: 'left' }}>Incidents per school day, before and after the start</Table.Caption>
              <Table.Thead><Table.Tr>{['Pupil', 'Before', 'After', 'Change'].map((h) => <Table.Th key={h} scope="col">{h}</Table.Th>)}</Table.Tr></Table.Thead>
              <Table.Tbody>
                {im.pupils.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Th scope="row">{p.displayName}</Table.Th>
                    <Table.Td>{figure(p.impact.before, { window: 'before', pupilId: p.id, label: `before the start for ${p.displayName}` })}</Table.Td>
                    <Table.Td>{figure(p.impact.after, { window: 'after', pupilId: p.id, label: `after the start for ${p.displayName}` })}</Table.Td>
                    <Table.Td>{change(p.impact.before, p.impact.after)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row">The group (per pupil)</Table.Th>
                  <Table.Td>{figure(im.group.before, { window: 'before', label: 'before the start for the group' })}</Table.Td>
                  <Table.Td>{figure(im.group.after, { window: 'after', label: 'after the start for the group' })}</Table.Td>
                  <Table.Td>{change(im.group.before, im.group.after)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
      <AppModal opened={drill !== null} onClose={() => setDrill(null)} title={drill ? `Incidents ${drill.label}` : ''}>
        {drill ? <Records id={iv.id} weeks={weeks} drill={drill} /> : null}
      </AppModal>
    </Card>
  );
}

function Records({ id, weeks, drill }: { id: string; weeks: number; drill: Drill }) {
  const q = useImpactRecords(id, { weeks, window: drill.window, pupilId: drill.pupilId });
  if (q.isPending) return <Loading label="Loading the records…" />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">School days from {formatDate(q.data.from)} to {formatDate(q.data.to)}.</Text>
      <Stack component="ul" gap="xs" p={0} m={0} aria-label="Incidents counted">
        {q.data.items.map((r) => (
          <li key={`${r.incidentId}-${r.pupil.id}`} style={{ listStyle: 'none' }}>
            <AnchorLink to="/incidents/$incidentId" params={{ incidentId: r.incidentId }}>{formatDate(r.occurredOn)}: {r.categories.join(', ') || 'Incident'}</AnchorLink>
            <Text size="xs" c="dimmed">{r.pupil.displayName} ({r.role})</Text>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
