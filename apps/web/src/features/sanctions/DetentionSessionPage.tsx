/** One detention session: its details, the register (attended, missed, excused) and adding a pupil. */
import { useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import type { TDetentionAssignment, TDetentionSession } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import { formatDate, yearGroupLabel } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { fieldMessage } from '../policy/PolicyParts';
import { useAssignDetention, useDetentionSession, useMarkDetention, type MarkResult } from './sanctions.api';
import {MarkBadge, RegisterButtons } from './SanctionParts';
import { PupilPicker } from './PupilPicker';
import { PersonAvatar } from '../photos/PersonAvatar';
import { londonTodayIso } from '../../lib/format';

const SOURCE_LABELS: Record<TDetentionAssignment['source'], string> = { incident: 'From an incident', direct: 'Assigned directly', rule: 'By an escalation rule', missed: 'After a missed detention' };

function escalationText(r: MarkResult): string | null {
  const e = r.escalation;
  if (!e) return null;
  return [
    `${r.assignment.pupil.displayName} missed this detention.`,
    e.taskId ? 'A task has been created and the behaviour lead told.' : null,
    e.reassignedTo ? `Re-assigned to ${e.reassignedTo.typeName} on ${formatDate(e.reassignedTo.date)} at ${e.reassignedTo.startTime}; parents have been told.` : null,
    e.note,
  ].filter(Boolean).join(' ');
}

export function DetentionSessionPage() {
  const { sessionId } = useParams({ strict: false }) as { sessionId: string };
  const session = useDetentionSession(sessionId);
  if (session.isPending) return <Loading label="Loading the detention…" />;
  if (session.isError) return <Page title="Detention"><ErrorAlert error={session.error} onRetry={() => void session.refetch()} /></Page>;
  return <Session s={session.data} />;
}

function Session({ s }: { s: TDetentionSession }) {
  const mark = useMarkDetention();
  const [notice, setNotice] = useState<string | null>(null);
  const canMark = allows(s, 'register') && s.date <= londonTodayIso();
  const onMark = (a: TDetentionAssignment, status: 'attended' | 'missed' | 'excused', excuseReason?: string) =>
    mark.mutate({ id: a.id, status, ...(excuseReason ? { excuseReason } : {}) }, { onSuccess: (r) => setNotice(escalationText(r) ?? `${a.pupil.displayName}: marked ${status}.`) });
  return (
    <Page title={`${s.type.name}, ${formatDate(s.date)}`} description={`${s.startTime} to ${s.endTime} in ${s.room}`}>
      <Facts items={[['Site', s.siteName], ['Supervised by', s.supervisor.displayName], ['Places', `${s.assigned} of ${s.capacity} taken`], ['Status', s.cancelled ? 'Cancelled' : 'Scheduled']]} />
      {notice ? <Alert color="blue" variant="light" role="status" title="Register updated" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>{notice}</Alert> : null}
      {mark.error ? <ErrorAlert error={mark.error} title="Not marked" /> : null}
      <Card withBorder padding="md" component="section" aria-labelledby="register">
        <Title order={2} size="h4" id="register" mb="sm">Register</Title>
        {!canMark && allows(s, 'register') ? <Text size="sm" c="dimmed" mb="sm">The register can be taken from {formatDate(s.date)}.</Text> : null}
        {s.pupils === null ? <Text size="sm">You can see the session but not who is in it.</Text> : null}
        {s.pupils?.length === 0 ? <Text size="sm">No pupils yet.</Text> : null}
        <Stack component="ul" gap="sm" p={0} m={0} aria-label="Pupils in this detention">
          {(s.pupils ?? []).map((a) => (
            <Card key={a.id} component="li" withBorder padding="xs" style={{ listStyle: 'none' }}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
                  <PersonAvatar name={a.pupil.displayName} photo={a.pupil.photo} />
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Group gap={6}><Text fw={600}><AnchorLink to="/pupils/$pupilId" params={{ pupilId: a.pupil.id }}>{a.pupil.displayName}</AnchorLink></Text><MarkBadge status={a.status} /></Group>
                    <Text size="xs" c="dimmed" className="break-anywhere">{yearGroupLabel(a.pupil.yearGroup)} · {SOURCE_LABELS[a.source]}{a.reason ? ` · ${a.reason}` : ''}{a.excuseReason ? ` · Excused: ${a.excuseReason}` : ''}{a.parentsNotifiedAt ? ' · Parents told' : ''}</Text>
                    {a.incidentId ? <Text size="xs"><AnchorLink to="/incidents/$incidentId" params={{ incidentId: a.incidentId }}>The incident<span className="visually-hidden-inline"> for {a.pupil.displayName}</span></AnchorLink></Text> : null}
                  </Stack>
                </Group>
                {canMark ? <RegisterButtons name={a.pupil.displayName} busy={mark.isPending} onMark={(st, r) => onMark(a, st, r)} /> : null}
              </Group>
            </Card>
          ))}
        </Stack>
      </Card>
      {allows(s, 'assign') && s.date >= londonTodayIso() && s.pupils !== null ? <AddPupil s={s} onAdded={setNotice} /> : null}
      <Text size="sm"><AnchorLink to="/detentions">Back to detentions</AnchorLink></Text>
    </Page>
  );
}

function AddPupil({ s, onAdded }: { s: TDetentionSession; onAdded: (m: string) => void }) {
  const [pupilId, setPupilId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const assign = useAssignDetention();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="add-pupil">
      <Title order={2} size="h4" id="add-pupil" mb="sm">Add a pupil</Title>
      <Stack gap="sm" maw={480}>
        {assign.error && !fieldMessage({}, assign.error, 'pupilId') ? <ErrorAlert error={assign.error} title="Not added" /> : null}
        <PupilPicker siteId={s.siteId} value={pupilId} onChange={setPupilId} error={fieldMessage({}, assign.error, 'pupilId')} />
        <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
        <Group><Button disabled={!pupilId} loading={assign.isPending}
          onClick={() => pupilId && assign.mutate({ sessionId: s.id, pupilId, reason: reason.trim() || null }, { onSuccess: (a) => { setPupilId(null); setReason(''); onAdded(`${a.pupil.displayName} added; parents have been told.`); } })}>Add to detention</Button></Group>
      </Stack>
    </Card>
  );
}
