/** One sealed concern, for the DSL of its site (every opening is audited), with the triage form. */
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import type { TSafeguardingConcern } from '@haven/contracts';
import { BodyMap } from '../../components/BodyMap';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { AnchorLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { SealedBanner } from './SealedBanner';
import { TriageForm } from './TriageForm';
import { useConcern } from './safeguarding.api';
import { categoryLabel, outcomeLabel, STATUS_COLOURS, statusLabel } from './safeguarding-labels';

function Block({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <div>
      <Text fw={600} size="sm">{label}</Text>
      <Text className="break-anywhere" style={{ whiteSpace: 'pre-wrap' }}>{text}</Text>
    </div>
  );
}

export function ConcernView({ c, headingLevel = 2 }: { c: TSafeguardingConcern; headingLevel?: 2 | 3 }) {
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`concern-${c.id}`}>
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          <Title order={headingLevel} size="h4" id={`concern-${c.id}`}>{categoryLabel(c.category)}</Title>
          <Badge color={STATUS_COLOURS[c.status]} variant="filled" autoContrast>{statusLabel(c.status)}</Badge>
        </Group>
        <Facts items={[
          ['Pupils', c.pupils.map((p, i) => <span key={p.id}>{i ? ', ' : ''}<AnchorLink to="/pupils/$pupilId" params={{ pupilId: p.id }}>{p.displayName}</AnchorLink></span>)],
          ['School', c.siteName],
          ['Raised', `${formatDateTime(c.raisedAt)} by ${c.raisedBy.displayName}`],
          ['From incident', c.incidentId ? <AnchorLink to="/incidents/$incidentId" params={{ incidentId: c.incidentId }}>Open the incident</AnchorLink> : null],
          ['Triage', c.triageOutcome ? `${outcomeLabel(c.triageOutcome)} – ${formatDateTime(c.triagedAt)}${c.triagedBy ? ` by ${c.triagedBy.displayName}` : ''}` : 'Not triaged yet'],
        ]} />
        <Block label="What was seen, heard or told" text={c.concern} />
        <Block label="The child's words" text={c.childWords} />
        <Block label="Action taken" text={c.actionTaken} />
        <Block label="Triage notes" text={c.triageNotes} />
        {c.bodyMap.length ? <BodyMap readOnly label="Body map" marks={c.bodyMap.map((m) => ({ ...m, person: 'pupil' as const }))} /> : null}
      </Stack>
    </Card>
  );
}

export function ConcernPage() {
  const { concernId } = useParams({ from: '/safeguarding/$concernId' });
  const concern = useConcern(concernId);
  if (concern.isPending) return <Loading label="Loading the concern…" />;
  if (concern.isError) {
    const gone = isApiError(concern.error) && (concern.error.status === 404 || concern.error.status === 400);
    return (
      <Page title={gone ? 'Concern not found' : 'Could not load the concern'}>
        {gone ? <Text>This concern does not exist, or you are not a designated safeguarding lead at its school.</Text>
          : <ErrorAlert error={concern.error} onRetry={() => void concern.refetch()} />}
        <Text><AnchorLink to="/">Go to your home page</AnchorLink></Text>
      </Page>
    );
  }
  const c = concern.data;
  return (
    <Page title="Safeguarding concern" description={c.pupils.map((p) => p.displayName).join(', ')}>
      <SealedBanner />
      <ConcernView c={c} />
      <TriageForm key={c.id} concern={c} />
      <Group gap="md">
        {c.pupils.map((p) => (
          <AnchorLink key={p.id} to="/safeguarding/pupils/$pupilId" params={{ pupilId: p.id }}>Safeguarding chronology of {p.displayName}</AnchorLink>
        ))}
        <AnchorLink to="/safeguarding">Back to concerns</AnchorLink>
      </Group>
    </Page>
  );
}
