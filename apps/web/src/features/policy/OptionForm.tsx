/** Add or change an entry of one list (location, period, action, motivation, hold or technique). */
import { useState, type FormEvent } from 'react';
import { Button, Group, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useOptionMutations } from './policy.api';
import type { PolicyScope, TOption, TOptionKind } from './policy.types';
import { fieldMessage, SaveError } from './PolicyParts';
import { parseTime, TIME_HINT } from '../incidents/time';

interface Values { code: string; label: string; start: string; end: string; level: string; sortOrder: number | string; active: boolean }

const fromOption = (o?: TOption): Values => ({
  code: o?.code ?? '', label: o?.label ?? '', start: o?.details.start ?? '', end: o?.details.end ?? '', level: o?.details.level ?? '',
  sortOrder: o?.sortOrder ?? 0, active: o?.active ?? true,
});
const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v));
/** A period's times are typed (24-hour): a browser's time box follows the device's language (12-hour on a US phone). */
const hhmm = (text: string): string | null => parseTime(text) || null;

export const KIND_NOUN: Record<Exclude<TOptionKind, 'setting'>, string> = {
  location: 'location', period: 'period', action: 'action', motivation: 'motivation', technique: 'hold or technique',
};

function validate(kind: TOptionKind, v: Values, isNew: boolean): Record<string, string> {
  const e: Record<string, string> = {};
  if (isNew && !/^[A-Z0-9_]{1,30}$/.test(v.code)) e.code = 'Use 1 to 30 capital letters, digits or underscores, like MAIN_HALL';
  if (!v.label.trim()) e.label = 'Enter a name';
  if (kind === 'period') {
    const [start, end] = [hhmm(v.start), hhmm(v.end)];
    if (!start) e['details.start'] = 'Enter the start time, like 09:05';
    if (!end) e['details.end'] = 'Enter the end time, like 09:55';
    else if (start && start >= end) e['details.end'] = 'The end must be after the start';
  }
  if (!Number.isInteger(num(v.sortOrder)) || num(v.sortOrder) < 0) e.sortOrder = 'Use a whole number, 0 or more';
  return e;
}

export function OptionForm({ kind, scope, option, template, onDone, onReload }: {
  kind: Exclude<TOptionKind, 'setting'>;
  scope: PolicyScope;
  option?: TOption;
  /** A new entry for this site replacing a trust-wide one (same code). */
  template?: TOption;
  onDone: (o: TOption) => void;
  onReload?: () => Promise<TOption | undefined>;
}) {
  const [values, setValues] = useState<Values>(() => fromOption(option ?? template));
  const [version, setVersion] = useState(option?.version ?? 0);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const { create, update } = useOptionMutations();
  const mutation = option ? update : create;
  const fe = (f: string) => fieldMessage(clientErrors, mutation.error, f);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((prev) => ({ ...prev, [k]: v }));
  const noun = KIND_NOUN[kind];

  const details = () => (kind === 'period' ? { start: hhmm(values.start) ?? values.start, end: hhmm(values.end) ?? values.end } : kind === 'technique' && values.level.trim() ? { level: values.level.trim() } : {});
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errors = validate(kind, values, !option && !template);
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const common = { label: values.label.trim(), details: details(), sortOrder: num(values.sortOrder), active: values.active };
    if (option) update.mutate({ id: option.id, body: { ...common, version } }, { onSuccess: onDone });
    else create.mutate({ kind, siteId: scope.siteId, code: values.code, ...common }, { onSuccess: onDone });
  };
  const reload = async () => {
    const latest = await onReload?.();
    if (latest) { setValues(fromOption(latest)); setVersion(latest.version); update.reset(); }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <SaveError error={mutation.error} what={noun} onReload={option && onReload ? () => void reload() : undefined} />
        {template ? <Text size="sm">This replaces the trust-wide {noun} at this site only.</Text> : null}
        {option || template ? (
          <Text size="sm"><strong>Code:</strong> {values.code} <Text span c="dimmed" size="sm">(fixed: records keep it)</Text></Text>
        ) : (
          <TextInput label="Code" description="Capital letters, digits and underscores. It cannot be changed later." required value={values.code}
            onChange={(e) => set('code', e.currentTarget.value.toUpperCase().replace(/\s+/g, '_'))} error={fe('code')} maxLength={30} autoComplete="off" />
        )}
        <TextInput label="Name" required value={values.label} onChange={(e) => set('label', e.currentTarget.value)} error={fe('label')} maxLength={80} />
        {kind === 'period' ? (
          <SimpleGrid cols={{ base: 2 }} spacing="md">
            <TextInput label="Starts" description={TIME_HINT} required value={values.start} inputMode="numeric" autoComplete="off" maxLength={5}
              onChange={(e) => set('start', e.currentTarget.value)} error={fe('details.start')} />
            <TextInput label="Ends" description={TIME_HINT} required value={values.end} inputMode="numeric" autoComplete="off" maxLength={5}
              onChange={(e) => set('end', e.currentTarget.value)} error={fe('details.end')} />
          </SimpleGrid>
        ) : null}
        {kind === 'technique' ? (
          <TextInput label="Level (optional)" description="For example Level 1 (non-restrictive) or Level 3 (restrictive)" value={values.level}
            onChange={(e) => set('level', e.currentTarget.value)} error={fe('details.level')} maxLength={60} />
        ) : null}
        <NumberInput label="Order in lists" description="Lower numbers come first; equal ones are sorted by name" min={0} allowDecimal={false}
          value={values.sortOrder} onChange={(v) => set('sortOrder', v)} error={fe('sortOrder')} />
        <Switch label="Active" description={template ? `Switch off to hide this ${noun} at this site` : `Inactive entries are kept for past records but cannot be chosen`}
          checked={values.active} onChange={(e) => set('active', e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>{option ? 'Save changes' : `Add ${noun}`}</Button>
        </Group>
      </Stack>
    </form>
  );
}
