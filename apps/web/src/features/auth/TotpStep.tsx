/** The second sign-in step: a 6-digit code, or first-time set-up of an authenticator app. */
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Code, CopyButton, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { isApiError } from '../../lib/api';
import { useTotpStep } from './auth.api';

/** Groups a base32 secret in fours so it can be typed into an app. */
function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})/g, '$1 ').trim();
}

export function TotpStep(props: {
  kind: 'verify' | 'enrol';
  challenge: string;
  secret?: string;
  otpauthUrl?: string;
  onRestart: () => void;
  /** After the session has started (the set-password page goes on to the app). */
  onDone?: () => void;
  /** Why enrolment is asked for, when not because the role requires it. */
  why?: string | undefined;
  restartLabel?: string;
}) {
  const { kind, challenge, secret, otpauthUrl, onRestart, onDone, why, restartLabel } = props;
  const [code, setCode] = useState('');
  const step = useTotpStep(kind);
  const err = step.error;
  const codeError = isApiError(err) && err.status === 400 ? (err.fieldMessage('code') ?? err.message) : undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    step.mutate({ challenge, code: code.replace(/\s+/g, '') }, { onSuccess: () => onDone?.() });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Title order={1} fz={26}>{kind === 'verify' ? 'Enter your two-factor code' : 'Set up two-factor sign-in'}</Title>
        {kind === 'verify' ? (
          <Text size="sm">Open your authenticator app and enter the 6-digit code it shows for Haven.</Text>
        ) : (
          <Stack gap="xs">
            <Text size="sm">{why ?? 'Your role needs two-factor sign-in.'} Add Haven to an authenticator app (for example Microsoft Authenticator or Google Authenticator):</Text>
            <List type="ordered" size="sm" spacing={4}>
              <List.Item>In the app, choose to add an account and to enter a setup key.</List.Item>
              <List.Item>Enter this key (time-based):</List.Item>
            </List>
            <Group gap="xs" wrap="nowrap" align="center">
              <Code fz="md" className="break-anywhere" data-testid="totp-secret" style={{ flex: 1 }}>{groupSecret(secret ?? '')}</Code>
              <CopyButton value={secret ?? ''}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy key'}</Button>
                )}
              </CopyButton>
            </Group>
            {otpauthUrl?.startsWith('otpauth://') ? (
              <Text size="sm">
                On this phone?{' '}
                <Anchor href={otpauthUrl}>Open the authenticator app</Anchor>. The setup link is:{' '}
                <Code className="break-anywhere" data-testid="totp-url">{otpauthUrl}</Code>
              </Text>
            ) : null}
            <Text size="sm">Then enter the 6-digit code the app shows.</Text>
          </Stack>
        )}
        {err && !codeError ? (
          <Alert color="red" variant="light" role="alert" title="Could not sign in">
            {err.message} If this keeps happening, choose Start again.
          </Alert>
        ) : null}
        <TextInput
          label="6-digit code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={codeError}
          data-autofocus
        />
        <Button type="submit" loading={step.isPending} fullWidth>{kind === 'verify' ? 'Continue' : 'Confirm and sign in'}</Button>
        <Button variant="subtle" onClick={onRestart}>{restartLabel ?? 'Start again'}</Button>
      </Stack>
    </form>
  );
}
