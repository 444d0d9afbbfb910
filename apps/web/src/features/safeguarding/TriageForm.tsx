/** The DSL's decision on a concern: status, outcome and notes, saved against the version that was read. */
import { useState, type FormEvent } from 'react';
import { Button, Card, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { REFERRAL_OUTCOMES, TRIAGE_OUTCOME_LABELS, TRIAGE_OUTCOMES, type TSafeguardingConcern, type TSafeguardingTriage, type TTriageOutcome } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { useTriage } from './safeguarding.api';

const STATUS_OPTIONS = [
  { value: 'triaged', label: 'Triaged – handled in school' }, { value: 'referred', label: 'Referred to an agency' }, { value: 'closed', label: 'Closed' },
];
const OUTCOME_OPTIONS = [{ value: '', label: 'Choose an outcome' }, ...TRIAGE_OUTCOMES.map((o) => ({ value: o, label: TRIAGE_OUTCOME_LABELS[o] }))];
const isOutcome = (o: string | null): o is TTriageOutcome => !!o && (TRIAGE_OUTCOMES as readonly string[]).includes(o);

export function TriageForm({ concern }: { concern: TSafeguardingConcern }) {
  const triage = useTriage(concern.id);
  const [status, setStatus] = useState<TSafeguardingTriage['status']>(concern.status === 'new' ? 'triaged' : concern.status);
  const [outcome, setOutcome] = useState<string>(isOutcome(concern.triageOutcome) ? concern.triageOutcome : '');
  const [notes, setNotes] = useState(concern.triageNotes ?? '');
  const [missing, setMissing] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (!isOutcome(outcome)) { setMissing('Choose the outcome of your triage'); return; }
    setMissing(undefined);
    triage.mutate({ status, triageOutcome: outcome, triageNotes: notes.trim() || null, version: concern.version }, { onSuccess: () => setSaved(true) });
  };
  const fieldMessage = (f: string) => (isApiError(triage.error) ? triage.error.fieldMessage(f) : undefined);
  const stale = isApiError(triage.error) && triage.error.status === 409;
  const referralHint = status === 'referred' && isOutcome(outcome) && !REFERRAL_OUTCOMES.includes(outcome);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="triage-title">
      <Title order={2} size="h4" id="triage-title" mb="sm">Triage</Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <NativeSelect label="Status" data={STATUS_OPTIONS} value={status} error={fieldMessage('status')}
            onChange={(e) => setStatus(e.currentTarget.value as TSafeguardingTriage['status'])} />
          <NativeSelect label="Outcome" data={OUTCOME_OPTIONS} value={outcome} required
            error={missing ?? fieldMessage('triageOutcome') ?? (referralHint ? 'A referred concern needs a referral outcome' : undefined)}
            onChange={(e) => setOutcome(e.currentTarget.value)} />
          <Textarea label="Notes (optional)" description="Decisions, who you spoke to, referral references" autosize minRows={3} maxLength={20000}
            value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={fieldMessage('triageNotes')} />
          {stale ? (
            <ErrorAlert error={triage.error} title="Someone else saved first" onRetry={() => window.location.reload()} />
          ) : triage.isError && !fieldMessage('status') && !fieldMessage('triageOutcome') ? <ErrorAlert error={triage.error} title="Not saved" /> : null}
          {saved ? <Text role="status" c="green.9">Triage saved.</Text> : null}
          <Button type="submit" loading={triage.isPending} style={{ alignSelf: 'flex-start' }}>Save triage</Button>
        </Stack>
      </form>
    </Card>
  );
}
