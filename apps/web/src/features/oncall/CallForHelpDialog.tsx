/**
 * Call for urgent help (INC-5): where (the site's places and/or words), how urgent, optionally which pupil. After
 * sending, the dialog follows the call live: waiting, who is on the way, resolved — and lets the caller cancel it.
 */
import { useState, type FormEvent } from 'react';
import { Button, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import type { TOnCallRequest } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { PupilChooser, type ChosenPupil } from '../safeguarding/PupilChooser';
import { useCallForHelp, useLocations, useOnCallRequest, useOnCallStep } from './oncall.api';
import { CALLER_ROLES, comingText, formatDuration, sitesWithRole } from './oncall-format';

export function CallForHelpDialog({ onClose }: { onClose: () => void }) {
  const [sent, setSent] = useState<TOnCallRequest | null>(null);
  return (
    <AppModal opened onClose={onClose} title={sent ? 'Help called' : 'Call for help'} size="md">
      {sent ? <Following first={sent} onClose={onClose} /> : <CallForm onSent={setSent} />}
    </AppModal>
  );
}

function CallForm({ onSent }: { onSent: (r: TOnCallRequest) => void }) {
  const me = useMe();
  const sites = sitesWithRole(me, CALLER_ROLES);
  const [siteId, setSiteId] = useState(sites[0]?.id ?? '');
  const [locationCode, setLocationCode] = useState('');
  const [detail, setDetail] = useState('');
  const [urgency, setUrgency] = useState<'urgent' | 'emergency'>('urgent');
  const [pupil, setPupil] = useState<ChosenPupil[]>([]);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const locations = useLocations(siteId || undefined);
  const call = useCallForHelp();
  const fieldMessage = (f: string) => (isApiError(call.error) ? call.error.fieldMessage(f) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!locationCode && !detail.trim()) { setMissing('Say where help is needed'); return; }
    setMissing(undefined);
    call.mutate({
      siteId: siteId || undefined, locationCode: locationCode || null, locationDetail: detail.trim() || null,
      pupilId: pupil[0]?.id ?? null, urgency, note: note.trim() || null,
    }, { onSuccess: onSent });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {sites.length > 1 ? (
          <NativeSelect label="School" value={siteId} onChange={(e) => { setSiteId(e.currentTarget.value); setLocationCode(''); setPupil([]); }}
            data={sites.map((s) => ({ value: s.id, label: s.name }))} error={fieldMessage('siteId')} />
        ) : null}
        <SegmentedControl fullWidth value={urgency} onChange={(v) => setUrgency(v === 'emergency' ? 'emergency' : 'urgent')}
          color={urgency === 'emergency' ? 'red.9' : 'yellow.4'} autoContrast aria-label="How urgent"
          data={[{ value: 'urgent', label: 'Urgent' }, { value: 'emergency', label: 'Emergency' }]} />
        {locations.data?.length ? (
          <NativeSelect label="Where" value={locationCode} onChange={(e) => setLocationCode(e.currentTarget.value)} error={fieldMessage('locationCode')}
            data={[{ value: '', label: 'Choose a place (or describe it below)' }, ...locations.data]} />
        ) : null}
        <TextInput label={locations.data?.length ? 'Where exactly' : 'Where'} placeholder="e.g. Room 4, by the back door" value={detail}
          onChange={(e) => setDetail(e.currentTarget.value)} maxLength={300} error={missing ?? fieldMessage('locationDetail')} data-autofocus />
        <PupilChooser label="Pupil (optional)" chosen={pupil} onChange={setPupil} max={1} siteId={siteId || undefined} error={fieldMessage('pupilId')} />
        <Textarea label="Anything responders should know (optional)" autosize minRows={2} maxLength={2000} value={note}
          onChange={(e) => setNote(e.currentTarget.value)} error={fieldMessage('note')} />
        {call.isError && !fieldMessage('locationDetail') && !fieldMessage('locationCode') ? <ErrorAlert error={call.error} title="Help was not called" /> : null}
        <Button type="submit" color="red" size="lg" loading={call.isPending} fullWidth>Call for help now</Button>
      </Stack>
    </form>
  );
}

function Following({ first, onClose }: { first: TOnCallRequest; onClose: () => void }) {
  const followed = useOnCallRequest(first.id);
  const step = useOnCallStep();
  const r = followed.data ?? first;
  const where = [r.locationLabel, r.locationDetail].filter(Boolean).join(' – ');
  const status = r.status === 'open' ? (r.escalationLevel > 0 ? 'Nobody has answered yet: more people have been called. Waiting for a responder…' : 'Waiting for a responder…')
    : r.status === 'acknowledged' ? `${comingText(r.coming.length ? r.coming : [{ displayName: r.acknowledgedBy?.displayName ?? '' }])} (answered in ${formatDuration(r.responseSeconds)}).`
      : r.status === 'resolved' ? `Resolved by ${r.resolvedBy?.displayName ?? 'a responder'}.` : 'You cancelled this call.';
  return (
    <Stack gap="sm">
      <Text>Help was called at {formatDateTime(r.requestedAt)} to {where}.</Text>
      <Text fw={700} size="lg" role="status" aria-live="polite">{status}</Text>
      {step.isError ? <ErrorAlert error={step.error} /> : null}
      {r.allowed.includes('cancel') ? (
        <Button variant="default" loading={step.isPending}
          onClick={() => step.mutate({ id: r.id, step: 'cancel' })}>Cancel the call (help no longer needed)</Button>
      ) : null}
      <Button onClick={onClose}>Close</Button>
    </Stack>
  );
}
