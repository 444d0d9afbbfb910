/** The editor of a draft (new or saved): title, summary, the plan it goes with, the review date and the hazards, with the matrix as it stands. */
import { useState } from 'react';
import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import type { TRiskAssessment, TRiskAssessmentList } from '@haven/contracts';
import { UkDateInput } from '../../components/UkDateInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { useRiskAssessmentMutations, type RiskAssessmentDraft } from './riskAssessments.api';
import { HazardRows, blankHazard } from './HazardRows';
import { RiskMatrix } from './RiskMatrix';

export function RiskAssessmentEditor({ pupilId, plans, existing, onDone, onCancel }: {
  pupilId: string; plans: TRiskAssessmentList['plans']; existing?: TRiskAssessment; onDone: (id: string) => void; onCancel: () => void;
}) {
  const m = useRiskAssessmentMutations(pupilId);
  const [draft, setDraft] = useState<RiskAssessmentDraft>(() => existing
    ? { title: existing.title, summary: existing.summary, reviewDate: existing.reviewDate, planId: existing.plan?.id ?? null,
      hazards: existing.hazards.map(({ id, hazard, atRisk, likelihoodBefore, severityBefore, controls, likelihoodAfter, severityAfter }) => ({ id, hazard, atRisk, likelihoodBefore, severityBefore, controls, likelihoodAfter, severityAfter })) }
    : { title: '', summary: '', reviewDate: '', planId: plans.find((p) => p.status === 'active')?.id ?? null, hazards: [blankHazard()] });
  const mutation = existing ? m.save : m.create;
  const error = mutation.error;
  const fieldError = (f: string) => (isApiError(error) ? error.fieldMessage(f) : undefined);
  const set = (patch: Partial<RiskAssessmentDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = () => {
    const done = (a: TRiskAssessment) => onDone(a.id);
    if (existing) m.save.mutate({ id: existing.id, version: existing.version, draft }, { onSuccess: done });
    else m.create.mutate(draft, { onSuccess: done });
  };
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} fz="h3">{existing ? 'Change the draft' : 'New risk assessment'}</Title>
        {existing?.signedOff ? <Text size="sm" c="orange.9">Saving a change takes the sign-off away: a lead signs off the draft again.</Text> : null}
        <TextInput label="Title" required value={draft.title} onChange={(e) => set({ title: e.currentTarget.value })} error={fieldError('title')} />
        <Textarea label="Summary" description="Context: needs, where and when the risks arise" autosize minRows={2} value={draft.summary} onChange={(e) => set({ summary: e.currentTarget.value })} error={fieldError('summary')} />
        <Select label="Behaviour support plan" placeholder={plans.length ? 'Not linked' : 'This pupil has no plan yet'} clearable data={plans.map((p) => ({ value: p.id, label: p.label }))}
          value={draft.planId} onChange={(v) => set({ planId: v })} error={fieldError('planId')} disabled={!plans.length} />
        <UkDateInput label="Review by" required value={draft.reviewDate} onChange={(iso, text) => set({ reviewDate: iso ?? text })} error={fieldError('reviewDate')} />
        <Title order={3} fz="h4">Hazards</Title>
        {fieldError('hazards') && !draft.hazards.length ? <Text c="red" size="sm">{fieldError('hazards')}</Text> : null}
        <HazardRows hazards={draft.hazards} onChange={(hazards) => set({ hazards })} fieldError={fieldError} />
        <RiskMatrix caption="After controls, as it stands" marks={draft.hazards.map((h, n) => ({ label: `H${n + 1}`, likelihood: h.likelihoodAfter, severity: h.severityAfter }))} />
        <ErrorAlert error={error} title="Not saved" />
        <Group>
          <Button onClick={save} loading={mutation.isPending}>{existing ? 'Save the draft' : 'Save as a draft'}</Button>
          <Button variant="default" onClick={onCancel}>Cancel</Button>
        </Group>
      </Stack>
    </Card>
  );
}
