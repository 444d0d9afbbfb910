/** On an incident: put an involved pupil in a coming detention, linked to the incident (SAN-1). */
import { useState } from 'react';
import { Alert, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import type { TIncident } from '../incidents/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { useAssignDetention, useDetentionSessions } from './sanctions.api';
import { londonTodayIso } from '../../lib/format';


export function DetentionFromIncident({ inc }: { inc: TIncident }) {
  const me = useMe();
  const eligible = inc.pupils.filter((p) => p.role === 'involved' || p.role === 'instigator');
  const show = me.permissions.includes('detention.assign') && inc.status !== 'draft' && !inc.voided && eligible.length > 0;
  if (!show) return null;
  return <Assign inc={inc} pupils={eligible} />;
}

function Assign({ inc, pupils }: { inc: TIncident; pupils: TIncident['pupils'] }) {
  const sessions = useDetentionSessions({ siteId: inc.siteId, from: londonTodayIso(), withSpace: true });
  const assign = useAssignDetention();
  const [pupilId, setPupilId] = useState<string | null>(pupils.length === 1 ? pupils[0]!.pupilId : null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const options = (sessions.data?.items ?? []).filter((s) => s.date >= londonTodayIso())
    .map((s) => ({ value: s.id, label: `${s.type.name}, ${formatDate(s.date)} at ${s.startTime} (${s.capacity - s.assigned} left)` }));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="incident-detention">
      <Title order={2} size="h4" id="incident-detention" mb="sm">Detention</Title>
      <Stack gap="sm" maw={520}>
        {done ? <Alert color="blue" variant="light" role="status">{done}</Alert> : null}
        {assign.error ? <ErrorAlert error={assign.error} title="Not assigned" /> : null}
        {pupils.length > 1 ? <Select label="Pupil" data={pupils.map((p) => ({ value: p.pupilId, label: p.displayName }))} value={pupilId} onChange={setPupilId} /> : <Text size="sm">For {pupils[0]!.displayName}.</Text>}
        <Select label="Detention session" data={options} value={sessionId} onChange={setSessionId} placeholder={sessions.isPending ? 'Loading…' : options.length ? 'Choose a session' : 'No session with a place'}
          nothingFoundMessage="No session with a place" />
        <Group>
          <Button disabled={!pupilId || !sessionId} loading={assign.isPending} onClick={() => pupilId && sessionId && assign.mutate({ sessionId, pupilId, incidentId: inc.id },
            { onSuccess: (a) => { setDone(`${a.pupil.displayName} is in ${a.typeName} on ${formatDate(a.date)} at ${a.startTime}. Parents have been told.`); setSessionId(null); } })}>Put in detention</Button>
        </Group>
      </Stack>
    </Card>
  );
}
