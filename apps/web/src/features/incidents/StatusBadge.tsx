/** Light badges carry dark text: the tinted colours alone are below 4.5:1 for small text. */
/** An incident's review status (REV-1) as a badge, with voided shown on top of it. */
import { Badge, Group } from '@mantine/core';
import { STATUS_COLOURS, statusLabel } from './labels';
import type { TIncidentStatus } from './types';

export function StatusBadges({ status, voided, physicalIntervention, serious }: {
  status: TIncidentStatus;
  voided: boolean;
  physicalIntervention?: boolean;
  serious?: boolean;
}) {
  return (
    <Group gap={6} wrap="wrap">
      {voided ? <Badge color="red" variant="filled" miw="max-content">Voided</Badge> : null}
      <Badge color={STATUS_COLOURS[status]} variant="light" c="dark.7" miw="max-content">{statusLabel(status)}</Badge>
      {physicalIntervention ? <Badge color="grape" variant="light" c="dark.7" miw="max-content">Physical intervention</Badge> : null}
      {serious ? <Badge color="red" variant="light" c="dark.7" miw="max-content">Serious</Badge> : null}
    </Group>
  );
}
