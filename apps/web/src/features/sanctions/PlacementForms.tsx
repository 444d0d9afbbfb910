/** Forms for managed moves and alternative-provision placements: record one, a review's outcome, the final outcome. */
import { useState, type FormEvent } from 'react';
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { PLACEMENT_KIND_LABELS, PLACEMENT_KINDS, PLACEMENT_OUTCOME_LABELS, PLACEMENT_OUTCOMES, type TPlacement } from '@haven/contracts';
import { formatDate } from '../../lib/format';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { useCreatePlacement, useEndPlacement, useReviewOutcome } from './sanctions.api';
import { UkDateInput } from './SanctionParts';

export function PlacementForm({ pupilId, onDone }: { pupilId: string; onDone: () => void }) {
  const [kind, setKind] = useState<string>('alternative_provision');
  const [provider, setProvider] = useState('');
  const [start, setStart] = useState<string | null>('');
  const [end, setEnd] = useState<string | null>('');
  const [sessions, setSessions] = useState<number | string>(4);
  const [purpose, setPurpose] = useState('');
  const [review, setReview] = useState<string | null>('');
  const create = useCreatePlacement();
  const fe = (f: string) => fieldMessage({}, create.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      pupilId, kind, provider: provider.trim(), startDate: start || 'not a date', endDate: end || null, sessionsPerWeek: Number(sessions) || 0,
      purpose: purpose.trim() || null, reviewDates: review ? [review] : [],
    }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={create.error} what="placement" />
        <Select label="Kind" required data={PLACEMENT_KINDS.map((k) => ({ value: k, label: PLACEMENT_KIND_LABELS[k] }))} value={kind} onChange={(v) => setKind(v ?? kind)} allowDeselect={false} />
        <TextInput label="Provider or receiving school" required value={provider} onChange={(e) => setProvider(e.currentTarget.value)} error={fe('provider')} maxLength={200} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <UkDateInput label="Start date" required value="" onChange={setStart} error={fe('startDate')} />
          <UkDateInput label="End date (if known)" value="" onChange={setEnd} error={fe('endDate')} />
        </SimpleGrid>
        <NumberInput label="Sessions a week" required min={1} max={10} value={sessions} onChange={setSessions} error={fe('sessionsPerWeek')} />
        <UkDateInput label="First review" value="" onChange={setReview} error={fe('reviewDates')} />
        <Textarea label="Purpose" autosize minRows={2} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} maxLength={2000} />
        <Button type="submit" loading={create.isPending}>Save placement</Button>
      </Stack>
    </form>
  );
}

export function EndPlacementForm({ placement, onDone }: { placement: TPlacement; onDone: () => void }) {
  const [outcome, setOutcome] = useState<string | null>(null);
  const [end, setEnd] = useState<string | null>('');
  const [notes, setNotes] = useState('');
  const endIt = useEndPlacement();
  const fe = (f: string) => fieldMessage({}, endIt.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    endIt.mutate({ id: placement.id, body: { finalOutcome: outcome ?? '', endDate: end || 'not a date', outcomeNotes: notes.trim() || null, version: placement.version } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={endIt.error} what="outcome" />
        <Select label="Final outcome" required data={PLACEMENT_OUTCOMES.map((o) => ({ value: o, label: PLACEMENT_OUTCOME_LABELS[o] }))} value={outcome} onChange={setOutcome} error={fe('finalOutcome')} />
        <UkDateInput label="End date" required value="" onChange={setEnd} error={fe('endDate')} />
        <Textarea label="Notes" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} maxLength={2000} />
        <Button type="submit" loading={endIt.isPending}>Save outcome</Button>
      </Stack>
    </form>
  );
}

export function ReviewOutcome({ reviewId, date }: { reviewId: string; date: string }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const save = useReviewOutcome();
  if (!open) return <Button size="compact-xs" variant="subtle" onClick={() => setOpen(true)}>Record outcome<span className="visually-hidden-inline"> of the review on {formatDate(date)}</span></Button>;
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" mt={4}>
      <TextInput size="xs" label={`Outcome of the review on ${formatDate(date)}`} value={text} onChange={(e) => setText(e.currentTarget.value)} maxLength={2000} error={fieldMessage({}, save.error, 'outcome')} />
      <Button size="xs" disabled={!text.trim()} loading={save.isPending} onClick={() => save.mutate({ id: reviewId, outcome: text.trim() }, { onSuccess: () => setOpen(false) })}>Save</Button>
    </Group>
  );
}
