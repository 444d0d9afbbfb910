/**
 * "Performance reviews" (STF-4): the caller's own reviews, and — for a line manager — their team's reviews, with a
 * button to start this year's review for anyone in the team who has none. Phone first: cards, not a wide table.
 */
import { useNavigate } from '@tanstack/react-router';
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { REVIEW_STAGE_LABELS, type TPerformanceReviewList } from '@haven/contracts';
import { Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatInstantDate } from '../../lib/format';
import { useReviewList, useStartReview } from './reviews.api';

/** The academic year today is in (September to August), e.g. 2026/27. */
export function currentAcademicYear(now = new Date()): string {
  const y = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}

function ReviewCards({ items, who }: { items: TPerformanceReviewList['items']; who: 'staff' | 'reviewer' }) {
  return (
    <Stack gap="sm">
      {items.map((r) => (
        <Card key={r.id} withBorder padding="md">
          <Group justify="space-between" align="flex-start" gap="xs">
            <div>
              <AnchorLink to="/performance-reviews/$id" params={{ id: r.id }} fw={600}>
                {who === 'staff' ? r.staff.name : `Your review ${r.academicYear}`}{who === 'staff' ? ` — ${r.academicYear}` : ''}
              </AnchorLink>
              <Text size="sm" c="dimmed">{who === 'staff' ? r.staff.siteName : `Reviewer: ${r.reviewer.name}`} · updated {formatInstantDate(r.updatedAt)}</Text>
            </div>
            <Badge variant="light" color={r.stage === 'signed' ? 'green' : 'blue'} c="dark.7">{REVIEW_STAGE_LABELS[r.stage]}</Badge>
          </Group>
          {r.stage !== 'signed' && (r.reviewerSigned || r.revieweeSigned)
            ? <Text size="sm" mt={4}>Signed by {r.reviewerSigned ? 'the reviewer' : 'the member of staff'}; waiting for {r.reviewerSigned ? 'the member of staff' : 'the reviewer'}.</Text> : null}
        </Card>
      ))}
    </Stack>
  );
}

export function ReviewsPage() {
  const mine = useReviewList('mine');
  const team = useReviewList('team');
  const start = useStartReview();
  const navigate = useNavigate();
  const year = currentAcademicYear();
  const withReview = new Set((team.data?.items ?? []).filter((r) => r.academicYear === year).map((r) => r.staff.staffId));
  const toStart = (team.data?.team ?? []).filter((p) => !withReview.has(p.staffId));
  return (
    <Page title="Performance reviews" description="Objectives, the mid-year and annual reviews, and sign-off. Seen only by you, your line manager and the cluster lead.">
      <Stack gap="xl">
        <Stack gap="sm" component="section" aria-labelledby="my-reviews">
          <Title order={2} size="h3" id="my-reviews">My reviews</Title>
          {mine.isPending ? <Loading /> : mine.error ? <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />
            : mine.data.items.length === 0 ? <Text size="sm">You have no performance review yet. Your line manager starts it.</Text>
            : <ReviewCards items={mine.data.items} who="reviewer" />}
        </Stack>
        {team.data && (team.data.team.length > 0 || team.data.items.length > 0) ? (
          <Stack gap="sm" component="section" aria-labelledby="team-reviews">
            <Title order={2} size="h3" id="team-reviews">My team's reviews</Title>
            <ErrorAlert error={start.error} title="The review was not started" />
            {toStart.map((p) => (
              <Card key={p.staffId} withBorder padding="md">
                <Group justify="space-between" gap="xs">
                  <div><Text fw={600}>{p.name}</Text><Text size="sm" c="dimmed">{p.siteName} · no review for {year} yet</Text></div>
                  <Button size="sm" loading={start.isPending && start.variables?.staffId === p.staffId}
                    onClick={() => start.mutate({ staffId: p.staffId, academicYear: year }, { onSuccess: (r) => void navigate({ to: '/performance-reviews/$id', params: { id: r.id } }) })}>
                    Start the {year} review<span className="visually-hidden-inline"> for {p.name}</span>
                  </Button>
                </Group>
              </Card>
            ))}
            <ReviewCards items={team.data.items} who="staff" />
          </Stack>
        ) : team.error ? <ErrorAlert error={team.error} /> : null}
      </Stack>
    </Page>
  );
}
