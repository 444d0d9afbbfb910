/**
 * What the head must know about a record's deadlines at a glance: those already passed when it was entered (a record
 * entered late), and those the calendar does not reach yet ("needs next year's calendar", filled in once it does).
 */
import { Alert, List } from '@mantine/core';
import type { TStatutoryDeadline } from '@haven/contracts';
import { formatDate } from '../../lib/format';

export function PassedDeadlines({ items, title }: { items: TStatutoryDeadline[]; title: string }) {
  if (!items.length) return null;
  return (
    <Alert color="red" title={title} data-testid="passed-deadlines">
      <List size="sm" spacing={2}>
        {items.map((d) => <List.Item key={d.kind}>{d.label}: due {formatDate(d.due)}{d.conditional ? ' (if it applies)' : ''}</List.Item>)}
      </List>
    </Alert>
  );
}

export function PendingDeadlines({ items }: { items: TStatutoryDeadline[] }) {
  if (!items.length) return null;
  return (
    <Alert color="yellow" title="Needs next year's calendar" data-testid="pending-deadlines">
      <List size="sm" spacing={2}>
        {items.map((d) => <List.Item key={d.kind}>{d.label}: needs next year&apos;s calendar</List.Item>)}
      </List>
      The school calendar does not yet reach these dates. The trust administrator has a task to enter next year&apos;s terms; the dates are filled in as soon as they do.
    </Alert>
  );
}
