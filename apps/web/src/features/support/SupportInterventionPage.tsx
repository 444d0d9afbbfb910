/**
 * One support intervention (SUP-3): who it is for and their targets, the register (sessions × pupils), check-in/
 * check-out daily points, baseline and outcome measures, and its impact with the records behind it (ANA-5).
 */
import { useState, type FormEvent } from 'react';
import { useParams } from '@tanstack/react-router';
import { Alert, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { SUPPORT_KIND_LABELS, type TSupportIntervention } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import { formatDate, londonTodayIso } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { UkDateInput } from '../sanctions/SanctionParts';
import { useEndIntervention, useIntervention } from './support.api';
import { SupportRegister } from './SupportRegister';
import { SupportPoints } from './SupportPoints';
import { SupportMeasures } from './SupportMeasures';
import { SupportImpact } from './SupportImpact';

export function SupportInterventionPage() {
  const { interventionId } = useParams({ strict: false }) as { interventionId: string };
  const q = useIntervention(interventionId);
  const [ending, setEnding] = useState(false);
  const iv = q.data;
  return (
    <Page title={iv ? iv.title : 'Support intervention'} description={iv ? `${iv.type.name} · ${SUPPORT_KIND_LABELS[iv.type.kind]} · ${iv.siteName}` : undefined}
      actions={iv && allows(iv, 'end') ? <Button variant="default" onClick={() => setEnding(true)}>End the intervention</Button> : null}>
      {q.isPending ? <Loading label="Loading the intervention…" /> : null}
      {q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {iv ? (
        <>
          <Card withBorder padding="md">
            <Facts items={[
              ['Led by', iv.lead.displayName],
              ['Dates', `${formatDate(iv.startDate)} to ${formatDate(iv.endedOn ?? iv.plannedEndDate)}${iv.endedOn ? ' (ended)' : ' (planned)'}`],
              ['Status', <Badge key="s" color={iv.status === 'open' ? 'green' : 'gray'} variant="light">{iv.status === 'open' ? 'Running' : 'Ended'}</Badge>],
              ...(iv.endNotes ? [['Notes at the end', iv.endNotes] as [string, string]] : []),
            ]} />
          </Card>
          <PupilsCard iv={iv} />
          <SupportRegister iv={iv} />
          {iv.type.dailyPoints ? <SupportPoints iv={iv} /> : null}
          <SupportMeasures iv={iv} />
          <SupportImpact iv={iv} />
        </>
      ) : null}
      <AppModal opened={ending} onClose={() => setEnding(false)} title="End the intervention">
        {ending && iv ? <EndForm iv={iv} onDone={() => setEnding(false)} /> : null}
      </AppModal>
    </Page>
  );
}

function PupilsCard({ iv }: { iv: TSupportIntervention }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="support-pupils">
      <Title order={2} size="h4" id="support-pupils">Pupils and targets</Title>
      <Stack component="ul" gap="sm" p={0} mt="sm" mb={0}>
        {iv.pupils.map((p) => (
          <li key={p.id} style={{ listStyle: 'none' }}>
            <Group gap="xs" wrap="wrap">
              <AnchorLink to="/pupils/$pupilId" params={{ pupilId: p.id }} fw={600}>{p.displayName}</AnchorLink>
              <Text size="sm" c="dimmed">attended {p.attended} of {p.sessionsRecorded} sessions{p.pointsAverage !== null ? ` · daily points ${p.pointsAverage}%` : ''}</Text>
            </Group>
            {p.targets.length ? <List size="sm" mt={4}>{p.targets.map((t) => <List.Item key={t}><span className="break-anywhere">{t}</span></List.Item>)}</List> : <Text size="sm" c="dimmed">No targets set.</Text>}
          </li>
        ))}
      </Stack>
    </Card>
  );
}

function EndForm({ iv, onDone }: { iv: TSupportIntervention; onDone: () => void }) {
  const end = useEndIntervention();
  const [endedOn, setEndedOn] = useState(londonTodayIso());
  const [notes, setNotes] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    end.mutate({ id: iv.id, body: { endedOn: endedOn || 'not a date', notes: notes.trim() || null, version: iv.version } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={end.error} what="intervention" />
        <Alert variant="light" color="blue">Once ended, the register, points and measures are closed. Record the outcome measures first.</Alert>
        <UkDateInput label="Ended on" required value={endedOn} onChange={(v) => setEndedOn(v ?? '')} error={fieldMessage({}, end.error, 'endedOn')} />
        <Textarea label="Notes (optional)" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} maxLength={2000} />
        <Button type="submit" loading={end.isPending}>End the intervention</Button>
      </Stack>
    </form>
  );
}
