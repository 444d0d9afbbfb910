/**
 * LAW-12: "Parent's copy of the record" on an incident with a physical intervention, for the school's behaviour leads
 * and headteacher. Per pupil: where the copy stands, a preview of the PDF, sending it (email where the parent takes
 * email and email is set up, otherwise a letter to hand over, then marked as sent), or withholding it with a reason.
 * The same-day warning shows until the copy is sent or withheld.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, List, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import {
  PARENT_COPY_STATUS_LABELS, PARENT_COPY_WITHHOLD_REASON_LABELS, PARENT_COPY_WITHHOLD_REASONS, type TParentCopyStatus, type TParentCopyWithholdReason,
} from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { DARK_ALERT_TITLE } from './formParts';
import { ReadSection } from './IncidentDetails';
import { fieldLabel } from './labels';
import { parentCopyPreviewUrl, useMarkCopySent, useParentCopies, useParentCopyAction } from './parentCopy.api';
import type { TIncident, TParentCopy } from './types';

const COLOURS: Record<TParentCopyStatus, string> = {
  not_sent: 'gray', sending: 'blue', to_send_by_hand: 'orange', sent: 'green', not_delivered: 'red', withheld: 'yellow',
};
const REASON_OPTIONS = [{ value: '', label: 'Choose the reason' }, ...PARENT_COPY_WITHHOLD_REASONS.map((r) => ({ value: r, label: PARENT_COPY_WITHHOLD_REASON_LABELS[r] }))];

export function ParentCopyCard({ inc }: { inc: TIncident }) {
  const show = inc.physicalIntervention && inc.allowed.includes('parentCopy');
  const q = useParentCopies(inc.id, show);
  if (!show) return null;
  return (
    <ReadSection title="Parent's copy of the record" id="view-parent-copy">
      <Text size="sm" mb="sm">
        Parents must be given a copy of the record of force, restraint or seclusion as soon as practicable, unless that would
        risk significant harm to the pupil or the pupil is 20 or over.
      </Text>
      {q.isPending ? <Loading label="Loading the parent's copy…" /> : null}
      {q.isError ? <ErrorAlert error={q.error} title="Could not load the parent's copy" onRetry={() => void q.refetch()} /> : null}
      {q.data && q.data.items.length === 0 ? <Text size="sm">Choose the pupil in the physical intervention section first.</Text> : null}
      <Stack gap="lg">
        {q.data?.items.map((c) => <PupilCopy key={c.pupilId} inc={inc} copy={c} />)}
      </Stack>
    </ReadSection>
  );
}

function PupilCopy({ inc, copy }: { inc: TIncident; copy: TParentCopy }) {
  const action = useParentCopyAction(inc.id);
  const mark = useMarkCopySent(inc.id);
  const [withholding, setWithholding] = useState(false);
  const [done, setDone] = useState('');
  const headingId = `parent-copy-${copy.pupilId}`;
  const send = () => {
    setDone('');
    action.mutate({ action: 'send', body: { pupilId: copy.pupilId } }, {
      onSuccess: (list) => {
        const c = list.items.find((x) => x.pupilId === copy.pupilId);
        setDone(c?.status === 'to_send_by_hand' ? 'Recorded: print the letter from the preview and hand it over, then mark it as sent.' : 'The copy is being emailed.');
      },
    });
  };
  const fieldErrors = action.variables?.action === 'send' && isApiError(action.error) ? action.error.fields : [];
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3} size="h5" id={headingId}>{copy.pupilName}</Title>
        <Badge color={COLOURS[copy.status]} variant="light" c="dark.7">{PARENT_COPY_STATUS_LABELS[copy.status]}</Badge>
      </Group>
      {copy.outstanding ? (
        <Alert color="red" styles={DARK_ALERT_TITLE} variant="light" title="The parent's copy has not been given yet" role="status">
          The day of the intervention is over. Send the copy (or record why it is withheld) as soon as you can.
        </Alert>
      ) : null}
      {copy.decidedAt ? (
        <Text size="sm">
          {copy.status === 'withheld' ? 'Withheld' : 'Sent'} {formatDateTime(copy.decidedAt)}{copy.decidedBy ? ` by ${copy.decidedBy.name}` : ''}.
          {copy.givenAt && copy.status !== 'withheld' ? ` Every parent had it by ${formatDateTime(copy.givenAt)}.` : ''}
        </Text>
      ) : null}
      {copy.status === 'withheld' && copy.withholdReason ? (
        <Text size="sm"><Text span fw={600} size="sm">Reason: </Text>{PARENT_COPY_WITHHOLD_REASON_LABELS[copy.withholdReason]}. {copy.withholdExplanation}</Text>
      ) : null}
      {copy.recipients.length ? (
        <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }} aria-label={`Who the copy for ${copy.pupilName} went to`}>
          {copy.recipients.map((r) => (
            <li key={r.communicationId}>
              <Group gap="sm" wrap="wrap">
                <Text size="sm">{r.name}: {r.channel === 'email' ? 'email' : 'by hand'}, {r.status === 'to_send_by_hand' ? 'to send by hand' : r.status === 'failed' ? 'not delivered' : r.status === 'pending' ? 'sending' : 'sent'}</Text>
                {r.status === 'to_send_by_hand' || r.status === 'failed' ? (
                  <Button size="compact-xs" variant="light" loading={mark.isPending && mark.variables === r.communicationId} onClick={() => mark.mutate(r.communicationId)}>
                    Mark as sent by hand<span className="visually-hidden-inline"> to {r.name}</span>
                  </Button>
                ) : null}
              </Group>
            </li>
          ))}
        </Stack>
      ) : null}
      <Group gap="sm" wrap="wrap">
        {copy.allowed.includes('preview') ? (
          <Anchor href={parentCopyPreviewUrl(inc.id, copy.pupilId)} target="_blank" rel="noopener" size="sm" fw={600}>
            Preview the copy (PDF)<span className="visually-hidden-inline"> for {copy.pupilName}</span>
          </Anchor>
        ) : null}
        {copy.allowed.includes('send') ? (
          <Button size="sm" onClick={send} loading={action.isPending && action.variables.action === 'send'}>
            {copy.status === 'not_sent' || copy.status === 'withheld' ? 'Send to parents' : 'Send again'}<span className="visually-hidden-inline"> of {copy.pupilName}</span>
          </Button>
        ) : null}
        {copy.allowed.includes('withhold') && !withholding ? (
          <Button size="sm" variant="default" onClick={() => setWithholding(true)}>Withhold the copy<span className="visually-hidden-inline"> for {copy.pupilName}</span></Button>
        ) : null}
      </Group>
      <Text size="sm" role="status" aria-live="polite">{copy.status === 'sent' ? '' : done}</Text>
      {fieldErrors.length ? (
        <Alert color="red" styles={DARK_ALERT_TITLE} variant="light" title="Complete the record before sending the copy" role="alert">
          <List size="sm">{fieldErrors.map((f) => <List.Item key={f.field}>{fieldLabel(f.field)}: {f.message}</List.Item>)}</List>
        </Alert>
      ) : action.variables?.action === 'send' && action.isError ? <ErrorAlert error={action.error} title="The copy was not sent" /> : null}
      {withholding ? <WithholdForm incidentId={inc.id} copy={copy} onClose={() => setWithholding(false)} /> : null}
    </Stack>
  );
}

function WithholdForm({ incidentId, copy, onClose }: { incidentId: string; copy: TParentCopy; onClose: () => void }) {
  const action = useParentCopyAction(incidentId);
  const [reason, setReason] = useState('');
  const [explanation, setExplanation] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; explanation?: string }>({});
  const serverErr = (f: string) => (isApiError(action.error) ? action.error.fieldMessage(f) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = { reason: reason ? undefined : 'Choose why the copy is withheld', explanation: explanation.trim().length >= 10 ? undefined : 'Explain the decision in a sentence or two' };
    setErrors(next);
    if (next.reason || next.explanation) return;
    action.mutate({ action: 'withhold', body: { pupilId: copy.pupilId, reason: reason as TParentCopyWithholdReason, explanation: explanation.trim() } }, { onSuccess: onClose });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Withhold the copy for ${copy.pupilName}`}>
      <Stack gap="sm">
        <NativeSelect label="Why the copy is withheld" value={reason} data={REASON_OPTIONS} error={errors.reason ?? serverErr('reason')}
          onChange={(e) => setReason(e.currentTarget.value)} />
        <Textarea label="Explanation" description="What makes this necessary, and who was consulted (for example the designated safeguarding lead)"
          autosize minRows={3} maxLength={5000} value={explanation} error={errors.explanation ?? serverErr('explanation')}
          onChange={(e) => setExplanation(e.currentTarget.value)} />
        {action.isError && !(isApiError(action.error) && action.error.fields.length) ? <ErrorAlert error={action.error} title="The copy was not withheld" /> : null}
        <Group gap="sm">
          <Button type="submit" loading={action.isPending}>Withhold the copy</Button>
          <Button variant="subtle" onClick={onClose}>Cancel</Button>
        </Group>
      </Stack>
    </form>
  );
}
