/** What the trust's parents see in the parent portal (trust administrators and behaviour leads): categories, staff names. */
import { useEffect, useState } from 'react';
import { Button, Checkbox, Stack, Switch, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDateTime } from '../../lib/format';
import { usePortalSettings, useSavePortalSettings } from './parent.api';
import './parent-styles';

export function ParentPortalSettingsPage() {
  return (
    <RequirePermission permission="parent_portal.manage" what="the parent portal's settings">
      <Settings />
    </RequirePermission>
  );
}

function Settings() {
  const s = usePortalSettings();
  const save = useSavePortalSettings();
  const [hidden, setHidden] = useState<string[]>([]);
  const [hideStaff, setHideStaff] = useState(true);
  useEffect(() => { if (s.data) { setHidden(s.data.hiddenCategoryCodes); setHideStaff(s.data.hideStaffNames); } }, [s.data]);
  return (
    <Page title="Parent portal" description="Choose what parents see about their own children. Sealed safeguarding records and other pupils are never shown, whatever is chosen here.">
      {s.isPending ? <Loading /> : null}
      {s.isError ? <ErrorAlert error={s.error} onRetry={() => void s.refetch()} /> : null}
      {s.data ? (
        <Stack gap="md">
          <Switch checked={hideStaff} onChange={(e) => setHideStaff(e.currentTarget.checked)} label="Hide the names of staff"
            description="When staff names are hidden, the school's written account of an incident is not shown either (it may name staff)." />
          <div>
            <Title order={2} size="h4">Behaviour categories parents see</Title>
            <Text size="sm" c="dimmed" mb="xs">An incident or point in a category that is not ticked is not shown to parents at all.</Text>
            <Stack gap={6}>
              {s.data.categories.map((c) => (
                <Checkbox key={c.code} label={`${c.name} (${c.polarity})`} checked={!hidden.includes(c.code)}
                  onChange={(e) => setHidden((h) => (e.currentTarget.checked ? h.filter((x) => x !== c.code) : [...h, c.code]))} />
              ))}
            </Stack>
          </div>
          {save.error ? <ErrorAlert error={save.error} /> : null}
          {save.isSuccess ? <Text c="green.8">Saved.</Text> : null}
          <Button loading={save.isPending} onClick={() => save.mutate({ hiddenCategoryCodes: hidden, hideStaffNames: hideStaff, version: s.data.version })}>Save</Button>
          {s.data.updatedAt ? <Text size="sm" c="dimmed">Last changed {formatDateTime(s.data.updatedAt)}{s.data.updatedByName ? ` by ${s.data.updatedByName}` : ''}.</Text> : null}
        </Stack>
      ) : null}
    </Page>
  );
}
