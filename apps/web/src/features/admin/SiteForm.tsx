/**
 * Create or edit a site. Values stay in the form when the server refuses them; a 409 (someone else changed the
 * site) says so and offers to load their version rather than overwriting it.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { PHASE_OPTIONS, SITE_KIND_OPTIONS } from '../../lib/labels';
import type { TPhase, TSite, TSiteCreate, TSiteKind } from '../../lib/types';
import { useCreateSite, useUpdateSite } from './admin.api';

interface Values { name: string; shortName: string; urn: string; laCode: string; establishmentNumber: string; phase: TPhase; kind: TSiteKind; active: boolean }

const fromSite = (s?: TSite): Values => ({
  name: s?.name ?? '', shortName: s?.shortName ?? '', urn: s?.urn ?? '', laCode: s?.laCode ?? '',
  establishmentNumber: s?.establishmentNumber ?? '', phase: s?.phase ?? 'secondary', kind: s?.kind ?? 'semh', active: s?.active ?? true,
});

function validate(v: Values): Partial<Record<keyof Values, string>> {
  const e: Partial<Record<keyof Values, string>> = {};
  if (v.name.trim().length < 2) e.name = 'Enter the site name (at least 2 characters)';
  if (!v.shortName.trim()) e.shortName = 'Enter a short name, for example the initials';
  if (v.urn && !/^\d{6}$/.test(v.urn)) e.urn = 'A URN is 6 digits';
  if (v.laCode && !/^\d{3}$/.test(v.laCode)) e.laCode = 'An LA code is 3 digits';
  if (v.establishmentNumber && !/^\d{4}$/.test(v.establishmentNumber)) e.establishmentNumber = 'An establishment number is 4 digits';
  return e;
}

export function SiteForm({ site, onDone, onReload }: { site?: TSite; onDone: (s: TSite) => void; onReload?: () => Promise<TSite | undefined> }) {
  const [values, setValues] = useState<Values>(() => fromSite(site));
  const [version, setVersion] = useState(site?.version ?? 0);
  const [clientErrors, setClientErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const create = useCreateSite();
  const update = useUpdateSite(site?.id ?? '');
  const mutation = site ? update : create;
  const err = mutation.error;
  const stale = isApiError(err) && err.status === 409;

  const set = <K extends keyof Values>(k: K, v: Values[K]) => {
    setValues((prev) => ({ ...prev, [k]: v }));
    setClientErrors((prev) => (prev[k] ? { ...prev, [k]: undefined } : prev));
  };
  const fieldError = (k: keyof Values) => clientErrors[k] ?? (isApiError(err) ? err.fieldMessage(k) : undefined);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errors = validate(values);
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const body: TSiteCreate = {
      name: values.name.trim(), shortName: values.shortName.trim(), urn: values.urn || null, laCode: values.laCode || null,
      establishmentNumber: values.establishmentNumber || null, phase: values.phase, kind: values.kind,
    };
    if (site) update.mutate({ ...body, active: values.active, version }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  const reload = async () => {
    const latest = await onReload?.();
    if (latest) {
      setValues(fromSite(latest));
      setVersion(latest.version);
      update.reset();
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {stale ? (
          <Alert color="red" variant="light" role="alert" title="Someone else changed this site">
            {err.message} Your changes are still in the form below.
            {onReload ? <Group mt="sm"><Button size="xs" variant="default" onClick={() => void reload()}>Load their version (discard mine)</Button></Group> : null}
          </Alert>
        ) : err && !(isApiError(err) && err.fields.length) ? <ErrorAlert error={err} title="The site was not saved" /> : null}
        <TextInput label="Name" required value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={fieldError('name')} maxLength={120} />
        <TextInput label="Short name" description="Shown in lists, for example OAK" required value={values.shortName}
          onChange={(e) => set('shortName', e.currentTarget.value)} error={fieldError('shortName')} maxLength={20} />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
          <TextInput label="URN (optional)" description="6 digits" inputMode="numeric" value={values.urn}
            onChange={(e) => set('urn', e.currentTarget.value.trim())} error={fieldError('urn')} maxLength={6} />
          <TextInput label="LA code (optional)" description="3 digits" inputMode="numeric" value={values.laCode}
            onChange={(e) => set('laCode', e.currentTarget.value.trim())} error={fieldError('laCode')} maxLength={3} />
          <TextInput label="Establishment number (optional)" description="4 digits" inputMode="numeric" value={values.establishmentNumber}
            onChange={(e) => set('establishmentNumber', e.currentTarget.value.trim())} error={fieldError('establishmentNumber')} maxLength={4} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NativeSelect label="Phase" value={values.phase} data={PHASE_OPTIONS} error={fieldError('phase')}
            onChange={(e) => set('phase', e.currentTarget.value as TPhase)} />
          <NativeSelect label="Type of school" value={values.kind} data={SITE_KIND_OPTIONS} error={fieldError('kind')}
            onChange={(e) => set('kind', e.currentTarget.value as TSiteKind)} />
        </SimpleGrid>
        {site ? (
          <Switch label="Active" description="Inactive sites are kept for their records but hidden from day-to-day use"
            checked={values.active} onChange={(e) => set('active', e.currentTarget.checked)} />
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>{site ? 'Save changes' : 'Add site'}</Button>
        </Group>
      </Stack>
    </form>
  );
}
