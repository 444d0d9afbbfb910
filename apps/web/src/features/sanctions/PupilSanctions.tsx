/** On a pupil's profile: points and milestones (SAN-5), detentions (SAN-1), managed moves and AP placements (SAN-4). */
import { useState } from 'react';
import { Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { PLACEMENT_KIND_LABELS, PLACEMENT_OUTCOME_LABELS } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { formatDate, formatNumber, plural } from '../../lib/format';
import { allows, useMe } from '../../lib/usePolicy';
import { usePlacements, usePupilDetentions, usePupilRewards } from './sanctions.api';
import { MarkBadge } from './SanctionParts';
import { EndPlacementForm, PlacementForm, ReviewOutcome } from './PlacementForms';

export function PupilSanctions({ pupilId, pupilName }: { pupilId: string; pupilName: string }) {
  const me = useMe();
  const rewards = me.permissions.includes('rewards.read');
  const sanctions = me.permissions.includes('sanction.read');
  if (!rewards && !sanctions) return null;
  return (
    <>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {rewards ? <RewardsCard pupilId={pupilId} /> : null}
        {sanctions ? <DetentionsCard pupilId={pupilId} /> : null}
      </SimpleGrid>
      {sanctions ? <PlacementsCard pupilId={pupilId} pupilName={pupilName} /> : null}
    </>
  );
}

function RewardsCard({ pupilId }: { pupilId: string }) {
  const r = usePupilRewards(pupilId, true);
  const d = r.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pupil-rewards">
      <Title order={2} size="h4" id="pupil-rewards" mb="sm">Rewards</Title>
      {r.isError ? <ErrorAlert error={r.error} /> : null}
      {d ? (
        <Stack gap="xs">
          <Text><Text span fz={28} fw={700}>{formatNumber(d.points)}</Text> points in {d.academicYear}</Text>
          {d.next ? (
            <>
              <Progress value={Math.min(100, (d.points / d.next.points) * 100)} aria-label={`Progress to ${d.next.name}`} />
              <Text size="sm">{formatNumber(d.next.toGo)} more to {d.next.name}</Text>
            </>
          ) : null}
          <Group gap={6} component="ul" p={0} m={0} aria-label="Milestones reached" style={{ listStyle: 'none' }}>
            {d.milestones.filter((m) => m.reachedAt).map((m) => <li key={m.id}><Badge color="yellow" c="#6b4e00" variant="light">{m.name} reached {formatDate(m.reachedAt!.slice(0, 10))}</Badge></li>)}
          </Group>
          <Text size="sm">Positive to negative this year: <strong>{d.ratio.ratioText}</strong> ({d.ratio.positive} positive, {d.ratio.negative} negative)</Text>
        </Stack>
      ) : null}
    </Card>
  );
}

function DetentionsCard({ pupilId }: { pupilId: string }) {
  const list = usePupilDetentions(pupilId, true);
  const items = list.data ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pupil-detentions">
      <Title order={2} size="h4" id="pupil-detentions" mb="sm">Detentions</Title>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {list.data && items.length === 0 ? <Text size="sm">No detentions this year.</Text> : null}
      <Stack component="ul" gap={6} p={0} m={0} aria-label="Detentions">
        {items.slice(0, 8).map((a) => (
          <Group key={a.id} component="li" gap={6} wrap="wrap" style={{ listStyle: 'none' }}>
            <AnchorLink to="/detentions/$sessionId" params={{ sessionId: a.sessionId }}>{a.typeName}, {formatDate(a.date)}</AnchorLink>
            <MarkBadge status={a.status} />
          </Group>
        ))}
      </Stack>
      {items.length > 8 ? <Text size="xs" c="dimmed" mt={4}>And {items.length - 8} earlier.</Text> : null}
    </Card>
  );
}

function PlacementsCard({ pupilId, pupilName }: { pupilId: string; pupilName: string }) {
  const list = usePlacements(pupilId, true);
  const [dialog, setDialog] = useState<'new' | { end: string } | null>(null);
  const items = list.data?.items ?? [];
  const ending = dialog && dialog !== 'new' ? items.find((p) => p.id === dialog.end) : undefined;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pupil-placements">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="pupil-placements">Managed moves and alternative provision</Title>
        {allows(list.data, 'create') ? <Button size="xs" variant="default" onClick={() => setDialog('new')}>Record a placement</Button> : null}
      </Group>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {list.data && items.length === 0 ? <Text size="sm">None recorded.</Text> : null}
      <Stack gap="sm">
        {items.map((p) => (
          <Card key={p.id} withBorder padding="sm">
            <Group gap={6} wrap="wrap">
              <Text fw={600} className="break-anywhere">{PLACEMENT_KIND_LABELS[p.kind]}: {p.provider}</Text>
              <Badge variant="light" color={p.status === 'active' ? 'green' : 'gray'} c={p.status === 'active' ? '#1b5e20' : undefined}>{p.status === 'active' ? 'Active' : p.status === 'planned' ? 'Planned' : 'Ended'}</Badge>
            </Group>
            <Text size="sm">{formatDate(p.startDate)} to {p.endDate ? formatDate(p.endDate) : 'open-ended'} · {plural(p.sessionsPerWeek, 'session')} a week</Text>
            {p.purpose ? <Text size="sm" c="dimmed" className="break-anywhere">{p.purpose}</Text> : null}
            {p.finalOutcome ? <Text size="sm"><strong>Outcome:</strong> {PLACEMENT_OUTCOME_LABELS[p.finalOutcome]}{p.outcomeNotes ? ` — ${p.outcomeNotes}` : ''}</Text> : null}
            <Stack component="ul" gap={4} p={0} mt={6} mb={0} aria-label={`Reviews of ${p.provider}`}>
              {p.reviews.map((r) => (
                <li key={r.id} style={{ listStyle: 'none' }}>
                  <Text size="sm" span>Review {formatDate(r.reviewDate)}: </Text>
                  {r.outcome ? <Text size="sm" span className="break-anywhere">{r.outcome}</Text> : (
                    <>{r.overdue ? <Badge color="red" variant="light" c="#a11" mr={6}>Overdue</Badge> : <Text size="sm" span c="dimmed">to come </Text>}
                      {allows(p, 'review') ? <ReviewOutcome reviewId={r.id} date={r.reviewDate} /> : null}</>
                  )}
                </li>
              ))}
            </Stack>
            {allows(p, 'end') ? <Group mt="xs"><Button size="xs" variant="default" onClick={() => setDialog({ end: p.id })}>Record the final outcome<span className="visually-hidden-inline"> of {p.provider}</span></Button></Group> : null}
          </Card>
        ))}
      </Stack>
      <AppModal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog === 'new' ? `Record a placement for ${pupilName}` : 'Final outcome'}>
        {dialog === 'new' ? <PlacementForm pupilId={pupilId} onDone={() => setDialog(null)} /> : null}
        {ending ? <EndPlacementForm placement={ending} onDone={() => setDialog(null)} /> : null}
      </AppModal>
    </Card>
  );
}
