/** A parent's email choices (PAR-2): for each kind of record, be emailed straight away, once a day, or never. */
import { useEffect, useState } from 'react';
import { Button, SegmentedControl, Stack, Text } from '@mantine/core';
import { NOTIFY_FREQUENCIES, NOTIFY_FREQUENCY_LABELS, type TNotifyFrequency, type TPortalKind } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { usePreferences, useSavePreferences } from './parent.api';
import './parent-styles';

export function ParentEmailPage() {
  return (
    <RequirePermission permission="parent.children.read" what="the parent portal">
      <Prefs />
    </RequirePermission>
  );
}

function Prefs() {
  const prefs = usePreferences();
  const save = useSavePreferences();
  const [draft, setDraft] = useState<Record<string, TNotifyFrequency>>({});
  useEffect(() => { if (prefs.data) setDraft(Object.fromEntries(prefs.data.items.map((i) => [i.kind, i.frequency]))); }, [prefs.data]);
  return (
    <Page title="Email choices" description="We email you when something new is shared about your children. The email says only that there is something new: sign in to read it.">
      {prefs.isPending ? <Loading /> : null}
      {prefs.isError ? <ErrorAlert error={prefs.error} onRetry={() => void prefs.refetch()} /> : null}
      {prefs.data ? (
        <Stack gap="md">
          {prefs.data.items.map((i) => (
            <div key={i.kind}>
              <Text fw={600} id={`pref-${i.kind}`}>{i.label}</Text>
              <SegmentedControl fullWidth aria-labelledby={`pref-${i.kind}`} value={draft[i.kind] ?? i.frequency}
                onChange={(v) => setDraft((d) => ({ ...d, [i.kind]: v as TNotifyFrequency }))}
                data={NOTIFY_FREQUENCIES.map((f) => ({ value: f, label: NOTIFY_FREQUENCY_LABELS[f] }))} />
            </div>
          ))}
          {save.error ? <ErrorAlert error={save.error} /> : null}
          {save.isSuccess ? <Text c="green.8">Your choices are saved.</Text> : null}
          <Button loading={save.isPending} onClick={() => save.mutate(Object.entries(draft).map(([kind, frequency]) => ({ kind: kind as TPortalKind, frequency })))}>Save my choices</Button>
        </Stack>
      ) : null}
    </Page>
  );
}
