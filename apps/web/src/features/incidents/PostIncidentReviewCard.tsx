/** Post-incident review (REV-3) for serious incidents: what happened, learning, plan and risk changes, staff support. */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Switch } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useHas } from './access';
import { ReadSection, TextBlock } from './IncidentDetails';
import { usePostIncidentReview, useSavePostIncidentReview } from './incidents.api';
import type { TIncident, TPostIncidentReview } from './types';
import { linkKey, parseLinkKey, ReviewLinksField, ReviewLinksList } from '../plans-use/ReviewLinksField';

type Key = 'whatHappened' | 'learning' | 'planChanges' | 'riskAssessmentChanges' | 'staffSupport';
const FIELDS: Array<{ key: Key; label: string; description: string }> = [
  { key: 'whatHappened', label: 'Summary of what happened', description: 'A short account, drawing on the record and the debriefs' },
  { key: 'learning', label: 'Learning', description: 'What could be done differently next time' },
  { key: 'planChanges', label: "Changes to the pupil's plans", description: 'Behaviour support plan and handling plan' },
  { key: 'riskAssessmentChanges', label: 'Changes to the risk assessment', description: 'New hazards or controls' },
  { key: 'staffSupport', label: 'Staff support offered', description: 'Debrief, wellbeing support, training' },
];

export function PostIncidentReviewCard({ inc }: { inc: TIncident }) {
  const canEdit = inc.allowed.includes('postIncidentReview');
  const relevant = inc.serious || inc.physicalIntervention;
  // Only reviewers may read it (the route needs incident.review), so nobody else asks.
  const reviewer = useHas()('incident.review');
  const pir = usePostIncidentReview(inc.id, relevant && reviewer);
  if (!relevant || !reviewer) return null;
  if (!canEdit && pir.data === null) return null;
  return (
    <ReadSection title="Post-incident review" id="view-pir">
      {pir.isPending ? <Loading label="Loading the review…" /> : null}
      {pir.isError ? <ErrorAlert error={pir.error} title="Could not load the post-incident review" onRetry={() => void pir.refetch()} /> : null}
      {pir.isSuccess ? (canEdit ? <PirForm incidentId={inc.id} pir={pir.data} /> : pir.data ? <PirRead pir={pir.data} /> : null) : null}
    </ReadSection>
  );
}

function PirRead({ pir }: { pir: TPostIncidentReview }) {
  return (
    <Stack gap="sm">
      {pir.status === 'completed' ? <Alert color="green" variant="light">Completed {formatDateTime(pir.completedAt)}</Alert> : <Alert color="blue" variant="light">In progress</Alert>}
      {FIELDS.map((f) => <TextBlock key={f.key} label={f.label} text={pir[f.key]} />)}
      <ReviewLinksList links={pir.links} />
    </Stack>
  );
}

function PirForm({ incidentId, pir }: { incidentId: string; pir: TPostIncidentReview | null }) {
  const [values, setValues] = useState<Record<Key, string>>(() =>
    Object.fromEntries(FIELDS.map((f) => [f.key, pir?.[f.key] ?? ''])) as Record<Key, string>);
  const [complete, setComplete] = useState(pir?.status === 'completed');
  const [links, setLinks] = useState<string[]>(() => (pir?.links ?? []).map(linkKey));
  const [saved, setSaved] = useState(false);
  const save = useSavePostIncidentReview(incidentId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const body = { ...Object.fromEntries(FIELDS.map((f) => [f.key, values[f.key].trim() || null])), complete, links: links.map(parseLinkKey) };
    save.mutate(body, { onSuccess: () => setSaved(true) });
  };
  const fieldErr = (k: string) => (isApiError(save.error) ? save.error.fieldMessage(k) : undefined);
  return (
    <form onSubmit={submit} noValidate aria-label="Post-incident review">
      <Stack gap="md">
        {pir?.status === 'completed' ? <Alert color="green" variant="light">Completed {formatDateTime(pir.completedAt)}</Alert> : null}
        {FIELDS.map((f) => (
          <Textarea key={f.key} label={f.label} description={f.description} autosize minRows={3} maxLength={10000} value={values[f.key]}
            error={fieldErr(f.key)} onChange={(e) => { const v = e.currentTarget.value; setValues((p) => ({ ...p, [f.key]: v })); setSaved(false); }} />
        ))}
        <ReviewLinksField incidentId={incidentId} value={links} onChange={(v) => { setLinks(v); setSaved(false); }} error={fieldErr('links')} />
        {pir?.links.length ? <ReviewLinksList links={pir.links} /> : null}
        <Switch label="The review is complete" checked={complete} onChange={(e) => { setComplete(e.currentTarget.checked); setSaved(false); }} />
        {save.isError && !(isApiError(save.error) && save.error.fields.length) ? <ErrorAlert error={save.error} title="The review was not saved" /> : null}
        <Group justify="space-between" wrap="wrap">
          <span role="status" aria-live="polite">{saved ? 'Post-incident review saved.' : ''}</span>
          <Button type="submit" loading={save.isPending}>Save post-incident review</Button>
        </Group>
      </Stack>
    </form>
  );
}
