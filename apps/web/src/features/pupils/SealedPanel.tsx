/** Sealed safeguarding facts (INC-4): the API sends them only to the DSL of the pupil's site. */
import { Paper, Text, Title } from '@mantine/core';
import { Facts } from '../../components/Facts';
import type { TPupilProfile } from '../../lib/types';

export function SealedPanel({ sealed }: { sealed: NonNullable<TPupilProfile['sealed']> }) {
  return (
    <Paper component="section" aria-labelledby="sealed-heading" className="sealed-panel" p="md" radius="sm" data-testid="sealed-panel">
      <Title order={2} size="h4" id="sealed-heading" c="red.9" mb={4}>Safeguarding (sealed)</Title>
      <Text size="sm" mb="sm">
        Only the designated safeguarding lead for this site can see this. Your viewing is recorded in the audit log.
        Do not share it outside safeguarding procedures.
      </Text>
      <Facts items={[
        ['Child in need', sealed.childInNeed ? 'Yes' : 'No'],
        ['Child protection plan', sealed.childProtectionPlan ? 'Yes' : 'No'],
      ]} />
    </Paper>
  );
}
