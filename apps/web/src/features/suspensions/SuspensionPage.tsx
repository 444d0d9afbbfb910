/** One suspension or permanent exclusion: the facts, the letter, who has been told, what was sent, and what follows. */
import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { EXCLUSION_CATEGORY_LABELS, type TExclusion } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { apiUrl, isApiError } from '../../lib/api';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import { CommunicationsCard } from './CommunicationsCard';
import { NotificationsCard } from './NotificationsCard';
import { FollowUpCard } from './FollowUpCard';
import { CancelButton } from './CancelButton';
import { MeetingCard } from './MeetingCard';
import { useSuspension } from './suspensions.api';
import { PassedDeadlines, PendingDeadlines } from './DeadlineNotes';

export function SuspensionPage() {
  return (
    <RequirePermission permission="suspension.read" what="suspensions">
      <SuspensionView />
    </RequirePermission>
  );
}

const SESSION = { am: 'morning', pm: 'afternoon' } as const;
const fmt = (d: number) => (Number.isInteger(d) ? String(d) : d.toFixed(1));

function period(r: TExclusion): string {
  if (r.category === 'permanent') return `Permanent, from ${formatDate(r.startDate)}`;
  const unit = r.category === 'lunchtime' ? 'lunchtime' : 'session';
  return `${plural(r.days, 'school day')} (${plural(r.sessions ?? 0, unit)}), ${formatDate(r.startDate)} ${SESSION[r.startSession]} to ${formatDate(r.lastDay)}`;
}

function SuspensionView() {
  const { suspensionId } = useParams({ from: '/suspensions/$suspensionId' });
  const q = useSuspension(suspensionId);
  if (q.isPending) return <Loading label="Loading…" />;
  if (q.isError) {
    return (
      <Page title={isApiError(q.error) && q.error.status === 404 ? 'Not found' : 'Could not load this record'}>
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      </Page>
    );
  }
  const r = q.data;
  const title = `${EXCLUSION_CATEGORY_LABELS[r.category]}: ${r.pupil.displayName}`;
  return (
    <Page title={title} description={`${r.siteName} · issued by ${r.issuedBy.displayName} on ${formatDateTime(r.issuedAt)}`}
      actions={<Group gap="xs">
        {r.allowed.includes('letter') ? <Anchor href={apiUrl(`/suspensions/${r.id}/letter`)} download data-testid="letter-link">Download the parent letter (PDF)</Anchor> : null}
        {r.allowed.includes('newLinked') ? <ButtonLink variant="default" to="/suspensions/new" search={{ previous: r.id }}>New linked exclusion</ButtonLink> : null}
        {r.allowed.includes('cancel') ? <CancelButton id={r.id} /> : null}
      </Group>}>
      {r.status === 'cancelled' ? <Alert color="gray" title="Cancelled">Cancelled on {formatDateTime(r.cancelledAt)}: {r.cancelReason}. Everyone was told again.</Alert> : null}
      {r.provisionMissing ? <Alert color="yellow" title="Education from the sixth school day">Full-time education is due from {formatDate(r.provisionDueFrom)} and none is recorded yet.</Alert> : null}
      {r.lateEntry ? <PassedDeadlines items={r.lateEntry.passed}
        title={`Entered late: on ${formatDate(r.lateEntry.enteredOn)}, after the parents were told on ${formatDate(r.decisionDate)}. These deadlines had already passed`} /> : null}
      <PendingDeadlines items={r.pendingDeadlines} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md" component="section" aria-labelledby="facts">
          <Title order={2} size="h4" id="facts" mb="sm">The decision</Title>
          <Facts items={[
            ['Pupil', <AnchorLink key="p" to="/pupils/$pupilId" params={{ pupilId: r.pupil.id }}>{r.pupil.displayName}</AnchorLink>],
            ['Status', <Badge key="s" color={r.status === 'cancelled' ? 'gray' : 'red'} variant="light" c="dark.7">{r.status === 'cancelled' ? 'Cancelled' : 'Issued'}</Badge>],
            ['Period', period(r)],
            ['Parents told of the decision', formatDate(r.decisionDate)],
            ['Returns', r.returnDate ? `${formatDate(r.returnDate)}, ${r.returnSession ? SESSION[r.returnSession] : ''}` : r.category === 'permanent' ? null : "Needs next year's calendar"],
            ['Reasons', r.reasons.map((x) => `${x.label} (${x.code})`).join('; ')],
            ['What happened', r.details],
            ['Running total this year', `${fmt(r.yearDays)} of 45 school days`],
            ['Misses a public examination', r.missesPublicExam ? (r.publicExamDate ? `Yes, on ${formatDate(r.publicExamDate)}` : 'Yes') : null],
            ['Follows', r.previousExclusionId ? <AnchorLink key="prev" to="/suspensions/$suspensionId" params={{ suspensionId: r.previousExclusionId }}>the earlier exclusion</AnchorLink> : null],
            ['Followed by', r.laterExclusionIds.length ? <Stack key="later" gap={0}>{r.laterExclusionIds.map((id, i) => <AnchorLink key={id} to="/suspensions/$suspensionId" params={{ suspensionId: id }}>linked exclusion {i + 1}</AnchorLink>)}</Stack> : null],
          ]} />
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="board">
          <Title order={2} size="h4" id="board" mb="sm">Governing board and deadlines</Title>
          <Stack gap="xs">
            <Text size="sm">{r.boardDutyMessage}</Text>
            <Facts items={[
              ['Board notified', formatDate(r.boardNotifiedOn)],
              ['Board deadline', r.boardDeadline ? formatDate(r.boardDeadline) : r.pendingDeadlines.some((d) => d.kind === 'board_consideration') ? "Needs next year's calendar" : null],
              ['Parents made representations', r.parentsMadeRepresentations ? 'Yes' : 'Not recorded'],
              ['Board meeting', r.boardMeetingDate ? formatDate(r.boardMeetingDate) : 'Not arranged'],
              ['Outcome', r.boardOutcome ? `${r.boardOutcome.replace(/_/g, ' ')} (${formatDate(r.boardOutcomeOn)})` : null],
              ['Independent review requests by', r.independentReviewBy ? formatDate(r.independentReviewBy) : r.pendingDeadlines.some((d) => d.kind === 'independent_review') ? "Needs next year's calendar" : null],
              ['Education from day 6', r.provisionDueFrom ? `Due ${formatDate(r.provisionDueFrom)}${r.provisionProvider ? `: ${r.provisionProvider} from ${formatDate(r.provisionFrom)}` : ''}`
                : r.pendingDeadlines.some((d) => d.kind === 'alternative_provision') ? "Needs next year's calendar" : null],
            ]} />
          </Stack>
        </Card>
      </SimpleGrid>
      <NotificationsCard r={r} />
      {r.meetings.map((m) => <MeetingCard key={m.id} m={m} recordId={r.id} />)}
      {r.allowed.includes('recordBoard') ? <FollowUpCard r={r} /> : null}
      <CommunicationsCard recordId={r.id} />
      <Text size="sm"><AnchorLink to="/suspensions">All suspensions</AnchorLink></Text>
    </Page>
  );
}
