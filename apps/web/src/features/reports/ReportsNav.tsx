/** The links between the report pages. */
import { Group } from '@mantine/core';
import { ButtonLink } from '../../components/links';
import { useCan } from '../../lib/usePolicy';

export function ReportsNav() {
  const subscribe = useCan('reports.subscribe');
  return (
    <Group gap="xs" wrap="wrap" component="nav" aria-label="Reports">
      <ButtonLink to="/reports" variant="subtle" size="sm">Weekly report</ButtonLink>
      {subscribe ? <ButtonLink to="/reports/subscriptions" variant="subtle" size="sm">Email subscriptions</ButtonLink> : null}
      <ButtonLink to="/reports/definitions" variant="subtle" size="sm">How figures are counted</ButtonLink>
    </Group>
  );
}
