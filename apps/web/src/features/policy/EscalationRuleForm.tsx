/**
 * Add or change an escalation rule (POL-3): when a pupil reaches N events of a kind in a period (or a points total),
 * create a task for a role, notify them, and suggest what to do.
 */
import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { ESCALATION_MEASURE_LABELS, ESCALATION_MEASURES, ESCALATION_NOTIFY_ROLES, POLARITIES, POLARITY_LABELS, ROLE_LABELS } from '@haven/contracts';
import { useCategories, useRuleMutations } from './policy.api';
import type { PolicyScope, TEscalationRule, TPolarity, TRole } from './policy.types';
import { fieldMessage, SaveError } from './PolicyParts';
import { useCatalogue } from '../support/support.api';

type Measure = TEscalationRule['measure'];
interface Values {
  name: string; measure: Measure; polarity: TPolarity; categoryCodes: string[]; threshold: number | string; periodDays: number | string;
  notifyRole: TRole; taskTitle: string; suggestion: string; suggestInterventionTypeId: string; active: boolean;
}

const fromRule = (r?: TEscalationRule): Values => ({
  name: r?.name ?? '', measure: r?.measure ?? 'count', polarity: r?.polarity ?? 'negative', categoryCodes: r?.categoryCodes ?? [],
  threshold: r?.threshold ?? 3, periodDays: r?.periodDays ?? 7, notifyRole: r?.notifyRole ?? 'behaviour_lead', taskTitle: r?.taskTitle ?? '',
  suggestion: r?.suggestion ?? '', suggestInterventionTypeId: r?.suggestInterventionTypeId ?? '', active: r?.active ?? true,
});
const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v));
const MEASURE_OPTIONS = ESCALATION_MEASURES.map((m) => ({ value: m, label: ESCALATION_MEASURE_LABELS[m] }));
const POLARITY_OPTIONS = POLARITIES.map((p) => ({ value: p, label: POLARITY_LABELS[p] }));
const ROLE_OPTIONS = ESCALATION_NOTIFY_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function validate(v: Values): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.name.trim()) e.name = 'Enter a name';
  if (!Number.isInteger(num(v.threshold)) || num(v.threshold) < 1) e.threshold = 'Use a whole number, 1 or more';
  if (!Number.isInteger(num(v.periodDays)) || num(v.periodDays) < 1 || num(v.periodDays) > 365) e.periodDays = 'Use a whole number of days from 1 to 365';
  if (!v.taskTitle.trim()) e.taskTitle = 'Enter the task title';
  return e;
}

export function EscalationRuleForm({ scope, rule, onDone, onReload }: {
  scope: PolicyScope;
  rule?: TEscalationRule;
  onDone: (r: TEscalationRule) => void;
  onReload?: () => Promise<TEscalationRule | undefined>;
}) {
  const [values, setValues] = useState<Values>(() => fromRule(rule));
  const catalogue = useCatalogue();
  const [version, setVersion] = useState(rule?.version ?? 0);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const categories = useCategories(rule ? { siteId: rule.siteId } : scope);
  const { create, update } = useRuleMutations();
  const mutation = rule ? update : create;
  const fe = (f: string) => fieldMessage(clientErrors, mutation.error, f);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((prev) => ({ ...prev, [k]: v }));

  // the categories a rule may name: active ones of the chosen polarity in its scope (plus any it already names)
  const choices = (categories.data?.items ?? [])
    .filter((c) => (c.active && !c.overridden && c.polarity === values.polarity) || values.categoryCodes.includes(c.code))
    .filter((c, i, all) => all.findIndex((x) => x.code === c.code) === i);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errors = validate(values);
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const body = {
      name: values.name.trim(), measure: values.measure, polarity: values.polarity, categoryCodes: values.categoryCodes,
      threshold: num(values.threshold), periodDays: num(values.periodDays), notifyRole: values.notifyRole,
      taskTitle: values.taskTitle.trim(), suggestion: values.suggestion.trim() || null, suggestInterventionTypeId: values.suggestInterventionTypeId || null, active: values.active,
    };
    if (rule) update.mutate({ id: rule.id, body: { ...body, version } }, { onSuccess: onDone });
    else create.mutate({ siteId: scope.siteId, ...body }, { onSuccess: onDone });
  };
  const reload = async () => {
    const latest = await onReload?.();
    if (latest) { setValues(fromRule(latest)); setVersion(latest.version); update.reset(); }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <SaveError error={mutation.error} what="rule" onReload={rule && onReload ? () => void reload() : undefined} />
        <TextInput label="Name" description="Shown in the notification, e.g. Five negatives in a week" required value={values.name}
          onChange={(e) => set('name', e.currentTarget.value)} error={fe('name')} maxLength={120} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NativeSelect label="Measure" value={values.measure} data={MEASURE_OPTIONS} error={fe('measure')}
            onChange={(e) => set('measure', e.currentTarget.value as Measure)} />
          <NativeSelect label="Kind of behaviour" value={values.polarity} data={POLARITY_OPTIONS} error={fe('polarity')}
            onChange={(e) => setValues((prev) => ({ ...prev, polarity: e.currentTarget.value as TPolarity, categoryCodes: [] }))} />
        </SimpleGrid>
        <Checkbox.Group label="Categories counted" description={`None ticked: every ${POLARITY_LABELS[values.polarity].toLowerCase()} category counts`}
          value={values.categoryCodes} onChange={(v) => set('categoryCodes', v)} error={fe('categoryCodes')}>
          <Stack gap={6} mt={6}>
            {categories.isPending ? <Text size="sm" c="dimmed">Loading categories…</Text> : null}
            {categories.isSuccess && choices.length === 0 ? <Text size="sm" c="dimmed">No categories of this kind yet.</Text> : null}
            {choices.map((c) => <Checkbox key={c.code} value={c.code} label={`${c.name} (${c.code})`} />)}
          </Stack>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 2 }} spacing="md">
          <NumberInput label={values.measure === 'count' ? 'Number of events' : 'Points total'} description="Reached at or above" required withAsterisk={false} min={1} allowDecimal={false}
            value={values.threshold} onChange={(v) => set('threshold', v)} error={fe('threshold')} />
          <NumberInput label="Within (days)" description="Including today; 1 to 365" required withAsterisk={false} min={1} max={365} allowDecimal={false}
            value={values.periodDays} onChange={(v) => set('periodDays', v)} error={fe('periodDays')} />
        </SimpleGrid>
        <NativeSelect label="Task for and notify" value={values.notifyRole} data={ROLE_OPTIONS} error={fe('notifyRole')}
          onChange={(e) => set('notifyRole', e.currentTarget.value as TRole)} />
        <TextInput label="Task title" description="e.g. Review behaviour and agree support" required value={values.taskTitle}
          onChange={(e) => set('taskTitle', e.currentTarget.value)} error={fe('taskTitle')} maxLength={200} />
        <Textarea label="Suggested sanction or intervention (optional)" autosize minRows={2} value={values.suggestion}
          onChange={(e) => set('suggestion', e.currentTarget.value)} error={fe('suggestion')} maxLength={1000} />
        <NativeSelect label="Suggest a support intervention (optional)" description="The task names it, for the lead to start from the pupil's page"
          value={values.suggestInterventionTypeId} error={fe('suggestInterventionTypeId')} onChange={(e) => set('suggestInterventionTypeId', e.currentTarget.value)}
          data={[{ value: '', label: 'None' }, ...(catalogue.data?.items ?? []).filter((t) => t.active || t.id === values.suggestInterventionTypeId).map((t) => ({ value: t.id, label: t.name }))]} />
        <Switch label="Active" description="Inactive rules are kept but never fire" checked={values.active} onChange={(e) => set('active', e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>{rule ? 'Save changes' : 'Add rule'}</Button>
        </Group>
      </Stack>
    </form>
  );
}
