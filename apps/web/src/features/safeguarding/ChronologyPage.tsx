/** LAW-11: a pupil's child-protection chronology, kept apart from the behaviour record; DSL only, every read audited. */
import { Stack, Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { isApiError } from '../../lib/api';
import { ConcernView } from './ConcernPage';
import { SealedBanner } from './SealedBanner';
import { useChronology } from './safeguarding.api';

export function ChronologyPage() {
  const { pupilId } = useParams({ from: '/safeguarding/pupils/$pupilId' });
  const chronology = useChronology(pupilId);
  if (chronology.isPending) return <Loading label="Loading the chronology…" />;
  if (chronology.isError) {
    const gone = isApiError(chronology.error) && [400, 403, 404].includes(chronology.error.status);
    return (
      <Page title={gone ? 'Chronology not available' : 'Could not load the chronology'}>
        {gone ? <Text>Only the designated safeguarding lead of the pupil's school can see this chronology.</Text>
          : <ErrorAlert error={chronology.error} onRetry={() => void chronology.refetch()} />}
      </Page>
    );
  }
  const { pupil, items } = chronology.data;
  return (
    <Page title={`Safeguarding chronology: ${pupil.displayName}`} documentTitle="Safeguarding chronology">
      <SealedBanner />
      <div><ButtonLink to="/safeguarding/pupils/$pupilId/transfer" params={{ pupilId: pupil.id }} variant="light">Transfer the child-protection file</ButtonLink></div>
      {items.length ? (
        <Stack component="ol" gap="md" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Concerns, newest first">
          {items.map((c) => <li key={c.id}><ConcernView c={c} /></li>)}
        </Stack>
      ) : <Text>No safeguarding concerns have been raised about this pupil at your schools.</Text>}
      <Text><AnchorLink to="/pupils/$pupilId" params={{ pupilId: pupil.id }}>Back to {pupil.displayName}'s profile</AnchorLink></Text>
    </Page>
  );
}
