/**
 * "Raise a safeguarding concern" on a pupil's page, and for the DSL a link to the pupil's safeguarding chronology.
 * Loaded with the pupil page, so it imports nothing from the contracts' runtime.
 */
import { Group } from '@mantine/core';
import { ButtonLink } from '../../components/links';
import { useMe } from '../../lib/usePolicy';

export function RaiseConcernLink({ pupilId, canReadSealed }: { pupilId: string; canReadSealed: boolean }) {
  const me = useMe();
  if (!me.permissions.includes('safeguarding.raise')) return null;
  return (
    <Group gap="sm">
      <ButtonLink to="/safeguarding/raise" search={{ pupilId }} color="red" variant="light">Raise a safeguarding concern</ButtonLink>
      {canReadSealed ? <ButtonLink to="/safeguarding/pupils/$pupilId" params={{ pupilId }} variant="default">Safeguarding chronology</ButtonLink> : null}
    </Group>
  );
}
