/**
 * Review actions (REV-1), shown only when the incident's `allowed` list has them: return for amendment (comments
 * required), sign off (the server checks completeness first, REV-2) and void (a reason; nothing is deleted).
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useQueryClient } from '@tanstack/react-query';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { plural } from '../../lib/format';
import { incidentKey, useReviewAction } from './incidents.api';
import { fieldLabel } from './labels';
import type { TIncident } from './types';
import { DARK_ALERT_TITLE } from './formParts';

type Dialog = 'return' | 'sign-off' | 'void' | null;

/** `decided`: signed off or returned, so the incident has left the review queue. */
export function ReviewActions({ inc, onDone }: { inc: TIncident; onDone: (message: string, decided: boolean) => void }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const action = useReviewAction(inc.id);
  const qc = useQueryClient();
  const can = (a: string) => inc.allowed.includes(a);
  if (!can('return') && !can('signOff') && !can('void')) return null;
  // the server would refuse: grey the button out and say why, rather than fail after a click
  const blocked = inc.status === 'submitted' && inc.missing.length > 0;

  const open = (d: Dialog) => { setDialog(d); setText(''); setTried(false); action.reset(); };
  const err = action.error;
  const tooShort = dialog === 'return' ? text.trim().length < 1 : text.trim().length < 3;
  const localError = tried && dialog !== 'sign-off' && tooShort
    ? (dialog === 'return' ? 'Say what needs amending' : 'Give a reason for voiding (at least 3 characters)') : undefined;
  const serverField = isApiError(err) ? err.fieldMessage(dialog === 'void' ? 'reason' : 'comments') : undefined;

  const confirm = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (dialog !== 'sign-off' && tooShort) return;
    const body = dialog === 'return' ? { comments: text.trim(), version: inc.version }
      : dialog === 'void' ? { reason: text.trim(), version: inc.version } : { version: inc.version };
    const done = dialog === 'return' ? 'Returned for amendment. The author has been told.' : dialog === 'void' ? 'Incident voided.' : 'Signed off.';
    if (dialog) action.mutate({ action: dialog, body }, { onSuccess: () => { setDialog(null); onDone(done, dialog !== 'void'); } });
  };

  const missingFields = isApiError(err) && err.status === 400 && !serverField ? err.fields : [];
  const titles: Record<Exclude<Dialog, null>, string> = { return: 'Return for amendment', 'sign-off': 'Sign off this incident', void: 'Void this incident' };

  return (
    <>
      <Group gap="sm" wrap="wrap" role="group" aria-label="Review">
        {can('signOff') ? (
          <Button onClick={() => open('sign-off')} disabled={blocked} aria-describedby={blocked ? 'sign-off-blocked' : undefined}>Sign off</Button>
        ) : null}
        {can('signOff') && blocked ? (
          <Text size="sm" id="sign-off-blocked">Sign-off waits for {plural(inc.missing.length, 'item')} listed under “Still needed before sign-off”.</Text>
        ) : null}
        {can('return') ? <Button variant="default" onClick={() => open('return')}>Return for amendment</Button> : null}
        {can('void') ? <Button variant="subtle" color="red" onClick={() => open('void')}>Void</Button> : null}
      </Group>
      <AppModal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog ? titles[dialog] : ''} size="md">
        <form onSubmit={confirm} noValidate>
          <Stack gap="md">
            {dialog === 'sign-off' ? (
              <Text size="sm">Signing off confirms the record is complete and accurate. Haven checks that every required section is filled first.</Text>
            ) : (
              <Textarea data-autofocus label={dialog === 'return' ? 'What needs amending' : 'Reason for voiding'} required autosize minRows={4}
                description={dialog === 'return' ? 'The author sees these comments on the incident' : 'Voided records are kept, with this reason, but no longer count'}
                value={text} onChange={(e) => setText(e.currentTarget.value)} error={localError ?? serverField} maxLength={dialog === 'void' ? 2000 : 5000} />
            )}
            {missingFields.length ? (
              <Alert color="red" styles={DARK_ALERT_TITLE} variant="light" role="alert" title="Not complete enough to sign off">
                <List size="sm">{missingFields.map((m) => <List.Item key={m.field + m.message}>{fieldLabel(m.field)}: {m.message}</List.Item>)}</List>
              </Alert>
            ) : err && !serverField ? (
              <ErrorAlert error={err} title={isApiError(err) && err.status === 409 ? 'Someone else changed this incident' : 'That did not work'}
                onRetry={isApiError(err) && err.status === 409 ? () => { action.reset(); void qc.invalidateQueries({ queryKey: incidentKey(inc.id) }); } : undefined} />
            ) : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setDialog(null)}>Cancel</Button>
              <Button type="submit" loading={action.isPending} color={dialog === 'void' ? 'red.9' : undefined}>
                {dialog === 'return' ? 'Return to author' : dialog === 'void' ? 'Void incident' : 'Confirm sign-off'}
              </Button>
            </Group>
          </Stack>
        </form>
      </AppModal>
    </>
  );
}
