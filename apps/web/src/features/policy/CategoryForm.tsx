/**
 * Add or change a behaviour category. The code is fixed once made (records keep it); points must agree with the
 * polarity. What the user typed stays in the form when the server refuses it.
 */
import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { POLARITY_LABELS, POLARITIES } from '@haven/contracts';
import { useCategoryMutations } from './policy.api';
import type { PolicyScope, TCategory, TPolarity } from './policy.types';
import { fieldMessage, SaveError } from './PolicyParts';

interface Values { code: string; name: string; polarity: TPolarity; severity: number | string; points: number | string; quickLog: boolean; sortOrder: number | string; active: boolean }

const fromCategory = (c?: Partial<TCategory>): Values => ({
  code: c?.code ?? '', name: c?.name ?? '', polarity: c?.polarity ?? 'negative', severity: c?.severity ?? 1, points: c?.points ?? -1,
  quickLog: c?.quickLog ?? true, sortOrder: c?.sortOrder ?? 0, active: c?.active ?? true,
});
const POLARITY_OPTIONS = POLARITIES.map((p) => ({ value: p, label: POLARITY_LABELS[p] }));
const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v));

function validate(v: Values, isNew: boolean): Record<string, string> {
  const e: Record<string, string> = {};
  if (isNew && !/^[A-Z0-9_]{1,30}$/.test(v.code)) e.code = 'Use 1 to 30 capital letters, digits or underscores, like LATE_TO_LESSON';
  if (!v.name.trim()) e.name = 'Enter a name';
  const severity = num(v.severity); const points = num(v.points);
  if (!Number.isInteger(severity) || severity < 0 || severity > 5) e.severity = 'Severity is a whole number from 0 to 5';
  if (!Number.isInteger(points) || points < -100 || points > 100) e.points = 'Points are a whole number from -100 to 100';
  else if (v.polarity === 'positive' && points < 0) e.points = 'A positive category cannot take points away: use 0 or more';
  else if (v.polarity === 'negative' && points > 0) e.points = 'A negative category cannot give points: use 0 or less';
  else if (v.polarity === 'neutral' && points !== 0) e.points = 'A neutral observation carries no points: use 0';
  if (!Number.isInteger(num(v.sortOrder)) || num(v.sortOrder) < 0) e.sortOrder = 'Use a whole number, 0 or more';
  return e;
}

/**
 * `category` given: edit it. `template` given: a new entry for this site replacing a trust-wide one (same code).
 * Neither: a new entry for the scope.
 */
export function CategoryForm({ scope, category, template, onDone, onReload }: {
  scope: PolicyScope;
  category?: TCategory;
  template?: TCategory;
  onDone: (c: TCategory) => void;
  onReload?: () => Promise<TCategory | undefined>;
}) {
  const [values, setValues] = useState<Values>(() => fromCategory(category ?? template));
  const [version, setVersion] = useState(category?.version ?? 0);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const { create, update } = useCategoryMutations();
  const mutation = category ? update : create;
  const fe = (f: string) => fieldMessage(clientErrors, mutation.error, f);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((prev) => ({ ...prev, [k]: v }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errors = validate(values, !category && !template);
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const common = { name: values.name.trim(), polarity: values.polarity, severity: num(values.severity), points: num(values.points), quickLog: values.quickLog, sortOrder: num(values.sortOrder), active: values.active };
    if (category) update.mutate({ id: category.id, body: { ...common, version } }, { onSuccess: onDone });
    else create.mutate({ siteId: scope.siteId, code: values.code, ...common }, { onSuccess: onDone });
  };

  const reload = async () => {
    const latest = await onReload?.();
    if (latest) { setValues(fromCategory(latest)); setVersion(latest.version); update.reset(); }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <SaveError error={mutation.error} what="category" onReload={category && onReload ? () => void reload() : undefined} />
        {template ? <Text size="sm">This replaces the trust-wide category at this site only. Other sites keep the trust&apos;s version.</Text> : null}
        {category || template ? (
          <Text size="sm"><strong>Code:</strong> {values.code} <Text span c="dimmed" size="sm">(fixed: records keep it)</Text></Text>
        ) : (
          <TextInput label="Code" description="Capital letters, digits and underscores. It cannot be changed later." required value={values.code}
            onChange={(e) => set('code', e.currentTarget.value.toUpperCase().replace(/\s+/g, '_'))} error={fe('code')} maxLength={30} autoComplete="off" />
        )}
        <TextInput label="Name" description="As staff see it when they log" required value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={fe('name')} maxLength={80} />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
          <NativeSelect label="Polarity" value={values.polarity} data={POLARITY_OPTIONS} error={fe('polarity')}
            onChange={(e) => set('polarity', e.currentTarget.value as TPolarity)} />
          <NumberInput label="Severity" description="0 (none) to 5 (most serious)" min={0} max={5} allowDecimal={false} value={values.severity}
            onChange={(v) => set('severity', v)} error={fe('severity')} />
          <NumberInput label="Points" description="Positive: 0 or more. Negative: 0 or less." min={-100} max={100} allowDecimal={false} value={values.points}
            onChange={(v) => set('points', v)} error={fe('points')} />
        </SimpleGrid>
        <NumberInput label="Order in lists" description="Lower numbers come first; equal ones are sorted by name" min={0} allowDecimal={false}
          value={values.sortOrder} onChange={(v) => set('sortOrder', v)} error={fe('sortOrder')} />
        <Switch label="Offer in the quick log" description="Otherwise it can only be chosen within a full incident"
          checked={values.quickLog} onChange={(e) => set('quickLog', e.currentTarget.checked)} />
        <Switch label="Active" description={template ? 'Switch off to hide this category at this site' : 'Inactive categories are kept for past records but cannot be chosen'}
          checked={values.active} onChange={(e) => set('active', e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>{category ? 'Save changes' : 'Add category'}</Button>
        </Group>
      </Stack>
    </form>
  );
}
