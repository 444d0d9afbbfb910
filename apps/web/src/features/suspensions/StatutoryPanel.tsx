/**
 * The live statutory check beside the issue form: running total (LAW-2, LAW-3), warnings, refusal, board duty, AP day,
 * and the deadlines already passed (counted from the day the parents were told) or needing next year's calendar.
 */
import { Alert, Card, List, Progress, Stack, Text, Title } from '@mantine/core';
import type { TExclusionPreview } from '@haven/contracts';
import { formatDate } from '../../lib/format';
import { PassedDeadlines, PendingDeadlines } from './DeadlineNotes';

const SESSION = { am: 'morning', pm: 'afternoon' } as const;
const fmt = (d: number) => (Number.isInteger(d) ? String(d) : d.toFixed(1));

export function StatutoryPanel({ p, permanent }: { p: TExclusionPreview; permanent: boolean }) {
  const pct = Math.min(100, (p.yearDays / 45) * 100);
  const colour = p.refusal ? 'red' : p.yearDays >= 35 ? 'orange' : 'blue';
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="statutory-check" aria-live="polite">
      <Title order={2} size="h4" id="statutory-check" mb="sm">Statutory check</Title>
      <Stack gap="sm">
        {!permanent ? (
          <div>
            <Text fw={600} data-testid="running-total">Running total this academic year: {fmt(p.yearDays)} of 45 school days</Text>
            <Text size="sm" c="dimmed">{fmt(p.yearDaysBefore)} already, plus {fmt(p.days)} for this one (a lunchtime counts as half a day).</Text>
            <Progress value={pct} color={colour} mt={6} aria-label={`${fmt(p.yearDays)} of 45 school days`} />
            <Text size="sm" mt={4}>This term: autumn {fmt(p.termDays.autumn)}, spring {fmt(p.termDays.spring)}, summer {fmt(p.termDays.summer)} days.</Text>
          </div>
        ) : <Text>A permanent exclusion is not counted towards the 45-day limit.</Text>}
        {p.refusal ? <Alert color="red" title="This cannot be issued" role="alert">{p.refusal.message}</Alert> : null}
        {p.warnings.filter((w) => w.rule === 'LAW-2').map((w) => <Alert key={w.message} color="orange" title="Approaching the limit">{w.message}</Alert>)}
        {p.warnings.filter((w) => w.rule !== 'LAW-2' && w.rule !== 'LAW-8').map((w) => <Alert key={w.message} color="orange">{w.message}</Alert>)}
        <div>
          <Text fw={600}>Governing board</Text>
          <Text size="sm" data-testid="board-duty">{p.boardDuty.message}</Text>
          {p.boardDuty.deadline ? <Text size="sm" fw={600}>Deadline: {formatDate(p.boardDuty.deadline)}{p.boardDuty.conditional ? ' (if the parents make representations)' : ''}</Text> : null}
          {p.boardDuty.pending ? <Text size="sm" fw={600}>Deadline: needs next year&apos;s calendar</Text> : null}
        </div>
        <PassedDeadlines items={p.passedDeadlines} title={`Already passed (counted from ${formatDate(p.decisionDate)}, when the parents were told)`} />
        <PendingDeadlines items={p.pendingDeadlines} />
        {p.provisionDueFrom ? (
          <Alert color="yellow" title="Education from the sixth school day">Full-time education must be arranged from {formatDate(p.provisionDueFrom)}.</Alert>
        ) : null}
        {!permanent && p.lastDay ? (
          <div>
            <Text fw={600}>Dates</Text>
            <List size="sm" spacing={2}>
              <List.Item>School days: {p.schoolDays.map(formatDate).join(', ')}</List.Item>
              <List.Item>Last day: {formatDate(p.lastDay)}</List.Item>
              {p.returnDate ? <List.Item data-testid="return-date">Returns: {formatDate(p.returnDate)}, {p.returnSession ? SESSION[p.returnSession] : ''} (reintegration meeting that day)</List.Item>
                : <List.Item data-testid="return-date">Returns: the first school day after {formatDate(p.lastDay)} (needs next year&apos;s calendar)</List.Item>}
            </List>
          </div>
        ) : null}
      </Stack>
    </Card>
  );
}
