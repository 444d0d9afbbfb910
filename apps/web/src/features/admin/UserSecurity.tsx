/** Password, lock-out, two-factor and deactivation for one user. Risky actions ask "are you sure?" first. */
import { useState, type FormEvent } from 'react';
import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import type { TUser, TUserUpdate } from '../../lib/types';
import { isLocked } from './userStatus';

type Update = UseMutationResult<TUser, Error, TUserUpdate>;

function Confirmable({ label, question, color, onConfirm, loading }: {
  label: string; question: string; color?: string; onConfirm: () => void; loading: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) return <Button variant="default" color={color} onClick={() => setAsking(true)}>{label}</Button>;
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label={label}>
      <Text size="sm">{question}</Text>
      <Button size="xs" color={color} loading={loading} onClick={() => { onConfirm(); setAsking(false); }}>Yes, {label.toLowerCase()}</Button>
      <Button size="xs" variant="default" onClick={() => setAsking(false)}>Cancel</Button>
    </Group>
  );
}

export function UserSecurity({ user, update, onChanged }: { user: TUser; update: Update; onChanged: (t: string) => (u: TUser) => void }) {
  const [password, setPassword] = useState('');
  const [pwError, setPwError] = useState<string>();
  const busy = (k: keyof TUserUpdate) => update.isPending && update.variables?.[k] !== undefined;
  const serverPwError = isApiError(update.error) ? update.error.fieldMessage('password') : undefined;

  const setNewPassword = (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 12) { setPwError('Use at least 12 characters'); return; }
    setPwError(undefined);
    update.mutate({ password, version: user.version }, {
      onSuccess: (u) => { setPassword(''); onChanged('New password set. Give it to them securely.')(u); },
    });
  };

  return (
    <Stack gap="md">
      <form onSubmit={setNewPassword} noValidate>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <PasswordInput label="New password" description="At least 12 characters" autoComplete="new-password"
            value={password} onChange={(e) => { setPassword(e.currentTarget.value); setPwError(undefined); }} error={pwError ?? serverPwError}
            style={{ flex: '1 1 14rem' }} visibilityToggleFocusable visibilityToggleButtonProps={{ 'aria-label': 'Show password' }} />
          <Button type="submit" variant="default" loading={busy('password')}>Set password</Button>
        </Group>
      </form>
      <Group gap="sm" wrap="wrap" align="flex-start">
        {isLocked(user) ? (
          <Stack gap={4}>
            <Text size="sm">Locked after failed sign-ins until {formatDateTime(user.lockedUntil)}.</Text>
            <Button variant="default" loading={busy('unlock')}
              onClick={() => update.mutate({ unlock: true, version: user.version }, { onSuccess: onChanged('Account unlocked.') })}>
              Unlock account
            </Button>
          </Stack>
        ) : null}
        {user.totpEnabled ? (
          <Confirmable label="Reset two-factor" loading={busy('resetTotp')}
            question="They will set up their authenticator app again at their next sign-in."
            onConfirm={() => update.mutate({ resetTotp: true, version: user.version }, { onSuccess: onChanged('Two-factor sign-in reset.') })} />
        ) : null}
        {user.active ? (
          <Confirmable label="Deactivate account" color="red" loading={busy('active')}
            question="They will be signed out and unable to sign in. Their records are kept."
            onConfirm={() => update.mutate({ active: false, version: user.version }, { onSuccess: onChanged('Account deactivated.') })} />
        ) : (
          <Button variant="default" loading={busy('active')}
            onClick={() => update.mutate({ active: true, version: user.version }, { onSuccess: onChanged('Account reactivated.') })}>
            Reactivate account
          </Button>
        )}
      </Group>
    </Stack>
  );
}
