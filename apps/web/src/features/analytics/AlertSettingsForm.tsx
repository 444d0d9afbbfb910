/**
 * Trend-alert settings (ANA-5) for leads: the trust-wide settings (a trust-wide role only) and each site's own, which
 * replace the trust's there. Saves send the version read, so two people editing at once cannot overwrite each other.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { TREND_ALERT_LIMITS, type TAlertSettingsList, type TAlertSettingsScope } from '@haven/contracts';
import { formatDateTime } from '../../lib/format';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { useAlertMutations } from './trend-alerts.api';

type Num = number | string;
interface Values { enabled: boolean; periodDays: Num; marginPercent: Num; minCount: Num }

const TRUST = 'trust';
const num = (v: Num) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v));
const fromScope = (s: TAlertSettingsScope): Values => ({ enabled: s.enabled, periodDays: s.periodDays, marginPercent: s.marginPercent, minCount: s.minCount });

const SOURCE_TEXT: Record<TAlertSettingsScope['source'], (site: boolean) => string> = {
  site: () => "This site's own settings: they replace the trust-wide ones here.",
  trust: (site) => (site ? 'Using the trust-wide settings. Saving here gives this site its own.' : 'The trust-wide settings, used at every site without its own.'),
  default: (site) => (site ? "Using Haven's defaults (the trust has none of its own). Saving here gives this site its own." : "Haven's defaults: nothing has been saved for the trust yet."),
};

function validate(v: Values): Record<string, string> {
  const e: Record<string, string> = {};
  for (const [field, what] of [['periodDays', 'school days'], ['marginPercent', 'per cent'], ['minCount', 'records']] as const) {
    const { min, max } = TREND_ALERT_LIMITS[field];
    const n = num(v[field]);
    if (!Number.isInteger(n) || n < min || n > max) e[field] = `Choose from ${min} to ${max} ${what}`;
  }
  return e;
}

export function AlertSettingsForm({ list, onReload }: { list: TAlertSettingsList; onReload: () => Promise<TAlertSettingsList | undefined> }) {
  const scopes = [...(list.trust.allowed.includes('update') ? [list.trust] : []), ...list.sites];
  const keyOf = (s: TAlertSettingsScope) => s.siteId ?? TRUST;
  const [key, setKey] = useState(() => keyOf(scopes[0]!));
  const scope = scopes.find((s) => keyOf(s) === key) ?? scopes[0]!;
  const [values, setValues] = useState<Values>(() => fromScope(scope));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const { save, reset } = useAlertMutations();
  const fe = (f: string) => fieldMessage(clientErrors, save.error, f);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => { setSaved(null); setValues((prev) => ({ ...prev, [k]: v })); };
  const choose = (k: string) => {
    const next = scopes.find((s) => keyOf(s) === k)!;
    setKey(k);
    setValues(fromScope(next));
    setClientErrors({});
    setSaved(null);
    save.reset();
    reset.reset();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errors = validate(values);
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    save.mutate({ siteId: scope.siteId, version: scope.version, enabled: values.enabled, periodDays: num(values.periodDays), marginPercent: num(values.marginPercent), minCount: num(values.minCount) },
      { onSuccess: (s) => { setValues(fromScope(s)); setSaved(`Saved. ${s.enabled ? 'Alerts are checked after school on every weekday.' : 'No alerts will be raised here.'}`); } });
  };
  const reload = async () => {
    const latest = await onReload();
    const fresh = latest && [latest.trust, ...latest.sites].find((s) => keyOf(s) === key);
    if (fresh) { setValues(fromScope(fresh)); save.reset(); reset.reset(); }
  };
  const backToTrust = () => {
    if (!scope.siteId) return;
    reset.mutate({ siteId: scope.siteId, version: scope.version }, { onSuccess: (s) => { setValues(fromScope(s)); setSaved('This site now uses the trust-wide settings.'); } });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Trend alert settings">
      <Stack gap="md">
        <NativeSelect label="Settings for" value={key} onChange={(e) => choose(e.currentTarget.value)}
          data={scopes.map((s) => ({ value: keyOf(s), label: s.siteId ? s.siteName ?? 'Site' : 'The whole trust (every site without its own)' }))} />
        <Text size="sm">
          {SOURCE_TEXT[scope.source](scope.siteId !== null)}
          {scope.updatedAt ? ` Last changed ${formatDateTime(scope.updatedAt)}${scope.updatedBy ? ` by ${scope.updatedBy}` : ''}.` : ''}
        </Text>
        <SaveError error={save.error ?? reset.error} what="alert settings" onReload={() => void reload()} />
        {saved ? <Alert color="green" variant="light" role="status">{saved}</Alert> : null}
        <Switch label="Raise trend alerts" description="Checked after school on weekdays; a behaviour lead gets a task and a notification for each alert"
          checked={values.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
          <NumberInput label="School days in each period" description="The latest period is compared with the same number of school days before it (5 to 60)"
            min={5} max={60} clampBehavior="none" allowDecimal={false} value={values.periodDays} onChange={(v) => set('periodDays', v)} error={fe('periodDays')} />
          <NumberInput label="Rise needed (%)" description="How much higher the latest rate must be (1 to 1000)"
            min={1} max={1000} clampBehavior="none" allowDecimal={false} value={values.marginPercent} onChange={(v) => set('marginPercent', v)} error={fe('marginPercent')} />
          <NumberInput label="Fewest records in the latest period" description="So one or two records more is not an alert (1 to 100)"
            min={1} max={100} clampBehavior="none" allowDecimal={false} value={values.minCount} onChange={(v) => set('minCount', v)} error={fe('minCount')} />
        </SimpleGrid>
        <Group justify="space-between" wrap="wrap">
          {scope.allowed.includes('reset') ? <Button variant="default" onClick={backToTrust} loading={reset.isPending}>Use the trust-wide settings</Button> : <span />}
          <Button type="submit" loading={save.isPending}>Save settings</Button>
        </Group>
      </Stack>
    </form>
  );
}
