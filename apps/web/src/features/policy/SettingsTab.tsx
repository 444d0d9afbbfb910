/** Policy settings: the severity from which an incident counts as serious (REV-1), and when incidents ask for a plan review. */
import { useState, type FormEvent } from 'react';
import { Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { POLICY_SETTINGS } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { allows } from '../../lib/usePolicy';
import { useOptionMutations, useOptions } from './policy.api';
import type { PolicyScope, TOption } from './policy.types';
import { fieldMessage, SaveError } from './PolicyParts';

type Key = keyof typeof POLICY_SETTINGS;
type Setting = (typeof POLICY_SETTINGS)[Key];
const KEYS = Object.keys(POLICY_SETTINGS) as Key[];
const valueOf = (o: TOption | undefined) => (o && o.active && typeof o.details.value === 'number' ? o.details.value : undefined);

export function SettingsTab({ scope, onSaved }: { scope: PolicyScope; onSaved: (message: string) => void }) {
  const list = useOptions('setting', scope);
  if (list.isPending) return <Loading label="Loading settings…" />;
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Stack gap="md">
      {KEYS.map((key) => {
        const setting: Setting = POLICY_SETTINGS[key];
        const is = (o: TOption) => o.code.toLowerCase() === key;
        const own = list.data.items.find((o) => is(o) && o.siteId === scope.siteId);
        const trust = scope.siteId !== null ? list.data.items.find((o) => is(o) && o.siteId === null) : undefined;
        const inForce = valueOf(own) ?? valueOf(trust) ?? setting.default;
        const source = valueOf(own) !== undefined ? 'set here' : valueOf(trust) !== undefined ? 'from the trust-wide policy' : 'the default';
        const mayEdit = own ? allows(own, 'edit') : allows(list.data, 'create');
        return (
          <Card key={key} withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">{setting.label}</Title>
              <Text size="sm">{setting.help}.</Text>
              <Text size="sm">In force: <strong>{inForce}</strong> ({source}).</Text>
              {mayEdit ? <SettingForm key={`${own?.id ?? 'new'}-${own?.version ?? 0}`} setting={setting} scope={scope} own={own}
                code={trust?.code ?? key.toUpperCase()} initial={inForce} onSaved={onSaved} /> : null}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

/** `code`: a site override must carry the trust entry's exact code (seeded data may write it in lower case). */
function SettingForm({ setting, scope, own, code, initial, onSaved }: {
  setting: Setting; scope: PolicyScope; own: TOption | undefined; code: string; initial: number; onSaved: (m: string) => void;
}) {
  const [value, setValue] = useState<number | string>(initial);
  const [clientError, setClientError] = useState<string | undefined>();
  const { create, update } = useOptionMutations();
  const mutation = own ? update : create;
  const error = clientError ?? fieldMessage({}, mutation.error, 'details.value');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(n) || n < setting.min || n > setting.max) { setClientError(`Use a whole number from ${setting.min} to ${setting.max}`); return; }
    setClientError(undefined);
    const done = () => onSaved(`${setting.label} set to ${n}.`);
    if (own) update.mutate({ id: own.id, body: { details: { value: n }, active: true, version: own.version } }, { onSuccess: done });
    else create.mutate({ kind: 'setting', siteId: scope.siteId, code, label: setting.label, details: { value: n }, sortOrder: 0, active: true }, { onSuccess: done });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <SaveError error={mutation.error} what="setting" />
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NumberInput label={`${setting.label} (${scope.siteId ? 'this site' : 'whole trust'})`} min={setting.min} max={setting.max} allowDecimal={false}
            value={value} onChange={setValue} error={error} style={{ flex: '1 1 14rem' }} />
          <Button type="submit" loading={mutation.isPending}>Save<span className="visually-hidden-inline"> {setting.label.toLowerCase()}</span></Button>
        </Group>
      </Stack>
    </form>
  );
}
