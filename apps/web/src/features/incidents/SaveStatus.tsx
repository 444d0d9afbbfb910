/** What autosave is doing, in words (INC-2), and the panels for a refused save: never a silent overwrite. */
import { useState } from 'react';
import { Alert, Button, CopyButton, Group, Stack, Text } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { FormModel } from './formModel';
import { typedText } from './formModel';
import { isoToLondonText } from './time';
import type { SaveStatus } from './useAutosave';
import { fieldLabel } from './labels';
import { DARK_ALERT_TITLE } from './formParts';

const hhmm = (d: Date) => isoToLondonText(d.toISOString()).time;

export function saveStatusText(s: SaveStatus, lastSavedIso: string | null): string {
  switch (s.kind) {
    case 'idle': return lastSavedIso ? `Saved at ${isoToLondonText(lastSavedIso).time}` : 'Not saved yet: start typing and it saves as you go';
    case 'pending': return 'Saved on this device…';
    case 'saving': return 'Saving…';
    case 'saved': return `Saved at ${hhmm(s.at)}`;
    case 'offline': return 'Offline — saved on this device, will retry';
    case 'retrying': return 'Haven could not be reached — saved on this device, will retry';
    case 'conflict': return 'Not saved: someone else changed this incident';
    case 'invalid': {
      // the fields by their labels, never the server's paths (each message is also shown beside its field)
      const [first, ...rest] = s.error.fields;
      if (!first) return `Not saved: ${s.error.message}`;
      return `Not saved: ${fieldLabel(first.field)}: ${first.message}${rest.length ? ` (and ${rest.length} more, marked below)` : ''}`;
    }
    case 'session': return 'Your session has ended — saved on this device. Sign in again to carry on.';
  }
}

export function SaveStatusText({ status, lastSavedIso }: { status: SaveStatus; lastSavedIso: string | null }) {
  const bad = status.kind === 'conflict' || status.kind === 'invalid' || status.kind === 'session';
  const warn = status.kind === 'offline' || status.kind === 'retrying';
  return (
    <Text size="sm" role="status" aria-live="polite" data-testid="save-status" fw={bad || warn ? 600 : 400}
      c={bad ? 'red.9' : warn ? 'orange.9' : 'dimmed'} className="break-anywhere">
      {saveStatusText(status, lastSavedIso)}
    </Text>
  );
}

/** The user's own words, read-only and copyable, so nothing typed is lost whichever version they keep. */
export function YourTextPanel({ form, title, intro, onDismiss }: { form: FormModel; title: string; intro: string; onDismiss?: () => void }) {
  const items = typedText(form);
  return (
    <Alert color="orange" styles={DARK_ALERT_TITLE} variant="light" title={title} role="region" aria-label={title}>
      <Stack gap="sm">
        <Text size="sm">{intro}</Text>
        {items.length === 0 ? <Text size="sm">You had not written any text.</Text> : items.map((x, i) => (
          <Stack key={i} gap={4}>
            <Textarea label={`Your text: ${x.label}`} value={x.text} readOnly autosize minRows={2} maxRows={10} />
            <CopyButton value={x.text}>
              {({ copied, copy }) => <Button size="xs" variant="default" onClick={copy} w="fit-content">{copied ? 'Copied' : `Copy ${x.label.toLowerCase()}`}</Button>}
            </CopyButton>
          </Stack>
        ))}
        {onDismiss ? <Group><Button size="xs" variant="subtle" onClick={onDismiss}>Hide my earlier text</Button></Group> : null}
      </Stack>
    </Alert>
  );
}

export function ConflictAlert({ message, onLoadLatest }: { message: string; onLoadLatest: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Alert color="red" styles={DARK_ALERT_TITLE} variant="light" role="alert" title="Someone else saved this incident first">
      <Stack gap="sm">
        <Text size="sm">
          {message} Your changes have not been saved to Haven, and nothing of theirs has been overwritten. Your text is kept on this
          device. Load their version to carry on: your own text will stay on this page so you can copy it back in.
        </Text>
        <Group>
          <Button size="sm" loading={busy} onClick={() => {
            setBusy(true);
            setError(null);
            onLoadLatest().catch(setError).finally(() => setBusy(false));
          }}>Load their version</Button>
        </Group>
        {error ? <ErrorAlert error={error} title="Their version could not be loaded" /> : null}
      </Stack>
    </Alert>
  );
}
