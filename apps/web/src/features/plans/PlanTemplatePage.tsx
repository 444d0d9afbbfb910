/**
 * The trust's behaviour support plan template (plan.template.manage): the heading and prompt of each section, as the
 * trust words them. New plans start with this wording; plans already written keep theirs.
 */
import { useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import type { TPlanTemplate } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { isApiError } from '../../lib/api';
import { allows } from '../../lib/usePolicy';
import { usePlanTemplate, useSavePlanTemplate } from './plans.api';

export function PlanTemplatePage() {
  return (
    <RequirePermission permission="plan.template.manage" what="the plan template">
      <TemplateScreen />
    </RequirePermission>
  );
}

function TemplateScreen() {
  const t = usePlanTemplate();
  return (
    <Page title="Behaviour support plan template" description="The headings and prompts every new behaviour support plan in the trust starts with.">
      {t.isPending ? <Loading label="Loading the template…" /> : null}
      {t.isError ? <ErrorAlert error={t.error} onRetry={() => void t.refetch()} /> : null}
      {t.data ? <Editor key={t.data.version} template={t.data} /> : null}
    </Page>
  );
}

function Editor({ template }: { template: TPlanTemplate }) {
  const save = useSavePlanTemplate();
  const [sections, setSections] = useState(template.sections);
  const [saved, setSaved] = useState(false);
  const err = save.error;
  const fieldError = (i: number, f: string) => (isApiError(err) ? err.fields.find((x) => x.field === `sections.${i}.${f}`)?.message : undefined);
  const edit = (i: number, patch: Partial<TPlanTemplate['sections'][number]>) => { setSaved(false); setSections((s) => s.map((x, j) => (j === i ? { ...x, ...patch } : x))); };
  const editable = allows(template, 'edit');
  return (
    <Stack gap="sm">
      {!template.customised ? <Text size="sm" c="dimmed">The trust has not changed Haven's wording yet.</Text> : null}
      {sections.map((s, i) => (
        <Card key={s.key} withBorder padding="sm" component="section" aria-label={`Section ${i + 1}`}>
          <TextInput label={`Section ${i + 1}: heading`} value={s.heading} onChange={(e) => edit(i, { heading: e.currentTarget.value })} maxLength={120} required disabled={!editable} error={fieldError(i, 'heading')} />
          <Textarea mt="xs" label="Prompt for the writer" autosize minRows={1} maxLength={500} value={s.prompt} onChange={(e) => edit(i, { prompt: e.currentTarget.value })} disabled={!editable} error={fieldError(i, 'prompt')} />
        </Card>
      ))}
      {isApiError(err) && err.status === 409 ? <Alert color="orange">Someone else changed the template first: reload the page to see their wording.</Alert> : err ? <ErrorAlert error={err} /> : null}
      {saved ? <Alert color="green">Saved. New plans start with this wording.</Alert> : null}
      {editable ? (
        <Group>
          <Button loading={save.isPending} onClick={() => save.mutate({ version: template.version, sections }, { onSuccess: () => setSaved(true) })}>Save the template</Button>
        </Group>
      ) : null}
    </Stack>
  );
}
