/**
 * One performance review (STF-4). The line manager sets objectives, writes the mid-year and annual reviews and their
 * observations, and moves the review on; the member of staff writes their own comments; both link evidence from
 * Haven and sign at the annual review. The cluster lead reads. Any change after a signature asks both to sign again.
 */
import { useEffect, useState } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { Alert, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { REVIEW_STAGE_LABELS, type TPerformanceReview, type TPerformanceReviewUpdate } from '@haven/contracts';
import { Page } from '../../components/Page';
import { Loading } from '../../components/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { UkDateInput } from '../../components/UkDateInput';
import { apiUrl } from '../../lib/api';
import { formatDate, formatInstantDate } from '../../lib/format';
import { useEvidenceOptions, useReview, useReviewActions } from './reviews.api';

const route = getRouteApi('/performance-reviews/$id');
type Draft = Omit<TPerformanceReviewUpdate, 'version'>;

const draftOf = (r: TPerformanceReview): Draft => ({
  objectives: r.objectives.map((o) => ({ id: o.id, title: o.title, successMeasure: o.successMeasure, midYearProgress: o.midYearProgress, annualOutcome: o.annualOutcome })),
  midYearReviewerComment: r.midYearReviewerComment, midYearRevieweeComment: r.midYearRevieweeComment, midYearOn: r.midYearOn,
  annualReviewerComment: r.annualReviewerComment, annualRevieweeComment: r.annualRevieweeComment, annualOn: r.annualOn,
  observations: r.observations.map((o) => ({ id: o.id, on: o.on, text: o.text })), evidence: r.evidence.map((e) => ({ kind: e.kind, refId: e.refId })),
});

/** What the caller may send: the reviewer everything but the reviewee's comments; the member of staff their comments and the evidence. */
function ownPart(d: Draft, as: TPerformanceReview['as']): Draft {
  if (as === 'reviewee') return { midYearRevieweeComment: d.midYearRevieweeComment ?? null, annualRevieweeComment: d.annualRevieweeComment ?? null, evidence: d.evidence ?? [] };
  const { midYearRevieweeComment: _m, annualRevieweeComment: _a, ...rest } = d;
  return rest;
}

export function ReviewPage() {
  const { id } = route.useParams();
  const review = useReview(id);
  if (review.isPending) return <Page title="Performance review"><Loading /></Page>;
  if (review.error) return <Page title="Performance review"><ErrorAlert error={review.error} onRetry={() => void review.refetch()} /></Page>;
  return <ReviewForm r={review.data} />;
}

function ReviewForm({ r }: { r: TPerformanceReview }) {
  const [d, setD] = useState<Draft>(() => draftOf(r));
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => { setD(draftOf(r)); }, [r]);
  const { save, sign } = useReviewActions(r.id);
  const editable = r.allowed.includes('edit');
  const reviewer = editable && r.as === 'reviewer';
  const reviewee = editable && r.as === 'reviewee';
  const options = useEvidenceOptions(r.id, editable);
  const set = (patch: Partial<Draft>) => { setSaved(null); setD((x) => ({ ...x, ...patch })); };
  const submit = (extra: Partial<TPerformanceReviewUpdate> = {}, message = 'Saved.') =>
    save.mutate({ version: r.version, ...ownPart(d, r.as), ...extra }, { onSuccess: () => setSaved(message) });
  const objectives = d.objectives ?? [];
  const setObjective = (i: number, patch: Partial<NonNullable<Draft['objectives']>[number]>) => set({ objectives: objectives.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  const linked = new Set((d.evidence ?? []).map((e) => `${e.kind}:${e.refId}`));
  const next = r.stage === 'objectives' ? 'mid_year' : r.stage === 'mid_year' ? 'annual' : null;

  return (
    <Page title={`Performance review ${r.academicYear}`} description={`${r.staff.name}, ${r.staff.siteName}`}
      actions={<Button component="a" variant="default" href={apiUrl(`/performance-reviews/${encodeURIComponent(r.id)}/pdf`)} target="_blank" rel="noopener">Print (PDF)</Button>}>
      <Stack gap="lg" maw={860}>
        <Facts items={[['Member of staff', `${r.staff.name} (${r.staff.siteName})`], ['Reviewer', `${r.reviewer.name} (${r.reviewer.siteName})`], ['Stage', REVIEW_STAGE_LABELS[r.stage]],
          ['Signed by the reviewer', r.reviewerSignedAt ? formatInstantDate(r.reviewerSignedAt) : 'Not yet'], ['Signed by the member of staff', r.revieweeSignedAt ? formatInstantDate(r.revieweeSignedAt) : 'Not yet']]} />
        {saved ? <Alert color="green" variant="light" role="status">{saved}</Alert> : null}
        <ErrorAlert error={save.error ?? sign.error} title="Not saved" />

        <Paper withBorder p="md" component="section" aria-labelledby="rv-objectives">
          <Title order={2} size="h4" id="rv-objectives" mb="sm">Objectives</Title>
          <Stack gap="md">
            {objectives.length === 0 ? <Text size="sm">No objectives set yet.</Text> : null}
            {objectives.map((o, i) => (
              <Stack key={o.id ?? i} gap="xs">
                <TextInput label={`Objective ${i + 1}`} value={o.title} readOnly={!reviewer} required onChange={(e) => setObjective(i, { title: e.currentTarget.value })} />
                <Textarea label="How success is measured" autosize minRows={1} value={o.successMeasure ?? ''} readOnly={!reviewer} onChange={(e) => setObjective(i, { successMeasure: e.currentTarget.value })} />
                {r.stage !== 'objectives' ? <Textarea label="Progress at mid-year" autosize minRows={1} value={o.midYearProgress ?? ''} readOnly={!reviewer} onChange={(e) => setObjective(i, { midYearProgress: e.currentTarget.value })} /> : null}
                {r.stage === 'annual' || r.stage === 'signed' ? <Textarea label="Outcome at the annual review" autosize minRows={1} value={o.annualOutcome ?? ''} readOnly={!reviewer} onChange={(e) => setObjective(i, { annualOutcome: e.currentTarget.value })} /> : null}
                {reviewer ? <Group><Button variant="subtle" color="red" size="xs" onClick={() => set({ objectives: objectives.filter((_, j) => j !== i) })}>Remove objective {i + 1}</Button></Group> : null}
              </Stack>
            ))}
            {reviewer ? <Group><Button variant="default" size="sm" onClick={() => set({ objectives: [...objectives, { title: '' }] })}>Add an objective</Button></Group> : null}
          </Stack>
        </Paper>

        {r.stage !== 'objectives' ? (
          <ReviewMeeting title="Mid-year review" id="rv-mid" on={d.midYearOn ?? null} reviewerText={d.midYearReviewerComment ?? null} revieweeText={d.midYearRevieweeComment ?? null}
            reviewer={reviewer} reviewee={reviewee} onChange={(p) => set({ midYearOn: p.on, midYearReviewerComment: p.reviewerText, midYearRevieweeComment: p.revieweeText })} />
        ) : null}
        {r.stage === 'annual' || r.stage === 'signed' ? (
          <ReviewMeeting title="Annual review" id="rv-annual" on={d.annualOn ?? null} reviewerText={d.annualReviewerComment ?? null} revieweeText={d.annualRevieweeComment ?? null}
            reviewer={reviewer} reviewee={reviewee} onChange={(p) => set({ annualOn: p.on, annualReviewerComment: p.reviewerText, annualRevieweeComment: p.revieweeText })} />
        ) : null}

        <Paper withBorder p="md" component="section" aria-labelledby="rv-obs">
          <Title order={2} size="h4" id="rv-obs" mb="sm">Observations by the reviewer</Title>
          <Stack gap="sm">
            {(d.observations ?? []).length === 0 ? <Text size="sm">None recorded.</Text> : null}
            {(d.observations ?? []).map((o, i) => (
              <Group key={o.id ?? i} align="flex-start" gap="sm" wrap="wrap">
                {reviewer ? <UkDateInput label={`Observation ${i + 1} date`} value={o.on} w={160}
                  onChange={(iso) => set({ observations: (d.observations ?? []).map((x, j) => (j === i ? { ...x, on: iso ?? x.on } : x)) })} /> : <Text size="sm" fw={600}>{formatDate(o.on)}</Text>}
                <Textarea label={`Observation ${i + 1}`} style={{ flex: '1 1 16rem' }} autosize minRows={1} value={o.text} readOnly={!reviewer}
                  onChange={(e) => { const v = e.currentTarget.value; set({ observations: (d.observations ?? []).map((x, j) => (j === i ? { ...x, text: v } : x)) }); }} />
              </Group>
            ))}
            {reviewer ? <Group><Button variant="default" size="sm" onClick={() => set({ observations: [...(d.observations ?? []), { on: new Date().toISOString().slice(0, 10), text: '' }] })}>Add an observation</Button></Group> : null}
          </Stack>
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="rv-evidence">
          <Title order={2} size="h4" id="rv-evidence" mb="sm">Evidence from Haven</Title>
          {editable ? (
            <Checkbox.Group label="Certificates and incidents to link" value={[...linked]}
              onChange={(v) => set({ evidence: v.map((k) => { const [kind, refId] = k.split(':'); return { kind: kind as 'certificate' | 'incident', refId: refId! }; }) })}>
              <Stack gap={6} mt={6}>
                {(options.data?.items ?? []).map((o) => <Checkbox key={`${o.kind}:${o.refId}`} value={`${o.kind}:${o.refId}`} label={`${o.label}${o.on ? ` — ${formatDate(o.on)}` : ''}`} />)}
                {options.data && options.data.items.length === 0 ? <Text size="sm">Nothing to link yet for this year.</Text> : null}
              </Stack>
            </Checkbox.Group>
          ) : r.evidence.length ? <Stack gap={4}>{r.evidence.map((e) => <Text key={e.refId} size="sm">{e.label}{e.on ? ` — ${formatDate(e.on)}` : ''}</Text>)}</Stack> : <Text size="sm">None linked.</Text>}
        </Paper>

        {editable ? (
          <Group gap="sm" wrap="wrap">
            <Button loading={save.isPending} onClick={() => submit()}>Save</Button>
            {reviewer && next ? <Button variant="default" loading={save.isPending} onClick={() => submit({ stage: next }, `Moved to the ${REVIEW_STAGE_LABELS[next].toLowerCase()}.`)}>
              Move to the {REVIEW_STAGE_LABELS[next].toLowerCase()}</Button> : null}
            {r.allowed.includes('sign') ? <Button color="#1b5e20" loading={sign.isPending} onClick={() => sign.mutate(r.version, { onSuccess: () => setSaved('Signed.') })}>Sign the review</Button> : null}
          </Group>
        ) : null}
        {r.allowed.includes('sign') ? <Text size="sm" c="dimmed">Save your changes before signing: you sign the review as it was last saved.</Text> : null}
      </Stack>
    </Page>
  );
}

function ReviewMeeting({ title, id, on, reviewerText, revieweeText, reviewer, reviewee, onChange }: {
  title: string; id: string; on: string | null; reviewerText: string | null; revieweeText: string | null; reviewer: boolean; reviewee: boolean;
  onChange: (p: { on: string | null; reviewerText: string | null; revieweeText: string | null }) => void;
}) {
  const cur = { on, reviewerText, revieweeText };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">{title}</Title>
      <Stack gap="sm">
        {reviewer ? <UkDateInput label="Date of the meeting" value={on ?? ''} w={200} onChange={(iso) => onChange({ ...cur, on: iso || null })} />
          : <Text size="sm"><b>Date of the meeting:</b> {on ? formatDate(on) : 'Not recorded'}</Text>}
        <Textarea label="Reviewer's comments" autosize minRows={2} value={reviewerText ?? ''} readOnly={!reviewer} onChange={(e) => onChange({ ...cur, reviewerText: e.currentTarget.value })} />
        <Textarea label="Member of staff's comments" autosize minRows={2} value={revieweeText ?? ''} readOnly={!reviewee} onChange={(e) => onChange({ ...cur, revieweeText: e.currentTarget.value })} />
      </Stack>
    </Paper>
  );
}
