/**
 * The plan editor: every section of the plan under the trust's heading and prompt, folded so that it works on a
 * phone; lists are written one point a line; the approved holds are chosen from the site's list. Saving sends only
 * what changed with the version it started from: if someone else saved first, the server refuses (409) and the
 * editor says so without losing what was typed.
 */
import { useMemo, useState } from 'react';
import { Accordion, Alert, Button, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { PLAN_SECTIONS, type TPlan, type TPlanFields } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UkDateInput } from '../../components/UkDateInput';
import { isApiError } from '../../lib/api';
import { usePlanMutations, usePlanOptions } from './plans.api';
import './plans-styles';

type Draft = Record<string, string | string[] | null>;

const toLines = (v: string[]): string => v.join('\n');
const fromLines = (s: string): string[] => s.split('\n').map((l) => l.replace(/^[-•*]\s*/, '').trim()).filter(Boolean);

function draftOf(p: TPlan): Draft {
  const d: Draft = {};
  for (const s of PLAN_SECTIONS) {
    const v = p.fields[s.key];
    d[s.key] = s.kind === 'list' ? toLines(v as string[]) : s.kind === 'holds' ? [...(v as string[])] : (v as string);
  }
  d.ownerUserId = p.fields.ownerUserId;
  d.reviewDate = p.fields.reviewDate ?? '';
  return d;
}

/** The fields that differ from the plan as loaded, in the API's shape. */
export function changesOf(p: TPlan, d: Draft): Partial<TPlanFields> {
  const out: Record<string, unknown> = {};
  for (const s of PLAN_SECTIONS) {
    const now = s.kind === 'list' ? fromLines(d[s.key] as string) : d[s.key];
    if (JSON.stringify(now) !== JSON.stringify(p.fields[s.key])) out[s.key] = now;
  }
  if ((d.ownerUserId ?? null) !== p.fields.ownerUserId) out.ownerUserId = d.ownerUserId ?? null;
  const review = (d.reviewDate as string) || null;
  if (review !== p.fields.reviewDate) out.reviewDate = review;
  return out as Partial<TPlanFields>;
}

export function PlanEditor({ p, onSaved }: { p: TPlan; onSaved: () => void }) {
  const options = usePlanOptions(p.pupilId);
  const m = usePlanMutations();
  const [draft, setDraft] = useState<Draft>(() => draftOf(p));
  const [badDate, setBadDate] = useState(false);
  const changes = useMemo(() => changesOf(p, draft), [p, draft]);
  const error = m.save.error;
  const fieldError = (key: string) => (isApiError(error) ? error.fields.find((f) => f.field === key || f.field.startsWith(`${key}.`))?.message : undefined);
  const set = (key: string, v: string | string[] | null) => setDraft((d) => ({ ...d, [key]: v }));
  const stale = isApiError(error) && error.status === 409;
  const save = () => m.save.mutate({ id: p.id, body: { ...changes, version: p.version } }, { onSuccess: onSaved });
  const withErrors = PLAN_SECTIONS.filter((s) => fieldError(s.key)).map((s) => s.key);
  return (
    <Stack gap="sm">
      <Group grow preventGrowOverflow={false} wrap="wrap" align="flex-start">
        <Select label="Plan owner" description="Reminded before the review date" data={(options.data?.owners ?? []).map((o) => ({ value: o.userId, label: o.name }))}
          value={(draft.ownerUserId as string | null) ?? null} onChange={(v) => set('ownerUserId', v)} error={fieldError('ownerUserId')} searchable miw={220} />
        <UkDateInput label="Review date" value={(draft.reviewDate as string) ?? ''} onChange={(iso) => { setBadDate(iso === null); if (iso !== null) set('reviewDate', iso); }}
          error={fieldError('reviewDate')} w={200} />
      </Group>
      <Accordion multiple defaultValue={withErrors.length ? withErrors : ['aboutStrengths']} variant="separated">
        {PLAN_SECTIONS.map((s) => {
          const w = p.wording[s.key] ?? { heading: s.heading, prompt: s.prompt };
          return (
            <Accordion.Item key={s.key} value={s.key}>
              <Accordion.Control>{w.heading}{fieldError(s.key) ? <Text span c="red" size="sm"> (check this)</Text> : null}</Accordion.Control>
              <Accordion.Panel>
                {s.kind === 'holds' ? (
                  <Checkbox.Group label={w.heading} description={w.prompt} value={draft[s.key] as string[]} onChange={(v) => set(s.key, v)} error={fieldError(s.key)}>
                    <Stack gap={6} mt={6}>
                      {(options.data?.techniques ?? []).map((t) => <Checkbox key={t.code} value={t.code} label={t.label} />)}
                      {options.data && !options.data.techniques.length ? <Text size="sm" c="dimmed">The school has no holds or techniques in its behaviour policy.</Text> : null}
                    </Stack>
                  </Checkbox.Group>
                ) : (
                  <Textarea label={w.heading} description={s.kind === 'list' ? `${w.prompt} One point a line.` : w.prompt} autosize minRows={s.kind === 'list' ? 3 : 2} maxRows={14}
                    value={draft[s.key] as string} onChange={(e) => set(s.key, e.currentTarget.value)} error={fieldError(s.key)} />
                )}
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
      {stale ? <Alert color="orange" title="Someone else saved this plan first">Your changes are still here. Copy anything you need, then reload the page to see their version and make your changes again.</Alert>
        : error ? <ErrorAlert error={error} /> : null}
      <Group>
        <Button onClick={save} loading={m.save.isPending} disabled={badDate || Object.keys(changes).length === 0}>Save changes</Button>
        <Text size="sm" c="dimmed">{Object.keys(changes).length ? `${Object.keys(changes).length} section${Object.keys(changes).length === 1 ? '' : 's'} changed` : 'No changes yet'}</Text>
      </Group>
    </Stack>
  );
}
