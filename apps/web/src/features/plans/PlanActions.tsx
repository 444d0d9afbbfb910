/**
 * What a plan writer does to a plan besides editing it: activate it (replacing the pupil's active plan), sign it as
 * its author, and record that a parent or carer has acknowledged it (which parent, when and how). Each sends the
 * version on screen, so an action on a plan someone has just changed is refused rather than applied blind.
 */
import { useState } from 'react';
import { Alert, Button, Group, Select, Stack } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { ACK_METHODS, ACK_METHOD_LABELS, type TPlan } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UkDateInput } from '../../components/UkDateInput';
import { isApiError } from '../../lib/api';
import { allows } from '../../lib/usePolicy';
import { usePlanMutations, usePlanOptions } from './plans.api';
import { londonTodayIso } from '../../lib/format';

export function PlanActions({ p }: { p: TPlan }) {
  const m = usePlanMutations();
  const [acking, setAcking] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const error = m.activate.error ?? m.sign.error;
  const canSign = allows(p, 'sign') && !(p.signature?.current);
  if (!allows(p, 'activate') && !canSign && !allows(p, 'acknowledge')) return null;
  return (
    <Stack gap="xs">
      <Group gap="sm">
        {allows(p, 'activate') ? <Button onClick={() => setConfirming(true)}>Activate this plan</Button> : null}
        {canSign ? <Button variant="default" loading={m.sign.isPending} onClick={() => m.sign.mutate({ id: p.id, version: p.version })}>Sign as author</Button> : null}
        {allows(p, 'acknowledge') ? <Button variant="default" onClick={() => setAcking(true)}>Record a parent's acknowledgement</Button> : null}
      </Group>
      {error ? <ErrorAlert error={error} /> : null}
      <AppModal opened={confirming} onClose={() => setConfirming(false)} title="Activate this plan?" size="md">
        <Stack gap="sm">
          <Alert color="blue">This becomes the plan every member of staff reads for {p.pupil.displayName}. Any plan active now is superseded and kept in the history.</Alert>
          {m.activate.error ? <ErrorAlert error={m.activate.error} /> : null}
          <Group>
            <Button loading={m.activate.isPending} onClick={() => m.activate.mutate({ id: p.id, version: p.version }, { onSuccess: () => setConfirming(false) })}>Activate</Button>
            <Button variant="default" onClick={() => setConfirming(false)}>Cancel</Button>
          </Group>
        </Stack>
      </AppModal>
      <AppModal opened={acking} onClose={() => setAcking(false)} title="Record a parent's acknowledgement" size="md">
        {acking ? <AcknowledgeForm p={p} onDone={() => setAcking(false)} /> : null}
      </AppModal>
    </Stack>
  );
}


function AcknowledgeForm({ p, onDone }: { p: TPlan; onDone: () => void }) {
  const options = usePlanOptions(p.pupilId);
  const m = usePlanMutations();
  const [contactId, setContactId] = useState<string | null>(null);
  const [method, setMethod] = useState<string>('in_person');
  const [day, setDay] = useState<string>(londonTodayIso());
  const [note, setNote] = useState('');
  const err = m.acknowledge.error;
  const fieldError = (f: string) => (isApiError(err) ? err.fields.find((x) => x.field === f)?.message : undefined);
  const submit = () => {
    // a day given for today is recorded as now; an earlier day at midday
    const at = day === londonTodayIso() ? new Date().toISOString() : new Date(`${day}T12:00:00Z`).toISOString();
    m.acknowledge.mutate({ id: p.id, body: { version: p.version, contactId: contactId ?? '', method, acknowledgedAt: at, ...(note.trim() ? { note: note.trim() } : {}) } }, { onSuccess: onDone });
  };
  return (
    <Stack gap="sm">
      <Select label="Parent or carer" required data={(options.data?.contacts ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.relationship})` }))}
        value={contactId} onChange={setContactId} error={fieldError('contactId')} />
      <Select label="How they acknowledged it" required data={ACK_METHODS.map((k) => ({ value: k, label: ACK_METHOD_LABELS[k] }))} value={method}
        onChange={(v) => setMethod(v ?? 'in_person')} allowDeselect={false} error={fieldError('method')} />
      <UkDateInput label="When" required value={day} onChange={(iso) => { if (iso) setDay(iso); }} error={fieldError('acknowledgedAt')} />
      <Textarea label="Note (optional)" autosize minRows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldError('note')} />
      {err && !fieldError('contactId') && !fieldError('acknowledgedAt') ? <ErrorAlert error={err} /> : null}
      <Group>
        <Button onClick={submit} loading={m.acknowledge.isPending} disabled={!contactId}>Record acknowledgement</Button>
        <Button variant="default" onClick={onDone}>Cancel</Button>
      </Group>
    </Stack>
  );
}
