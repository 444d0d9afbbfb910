/**
 * Manage one user: name, roles, password, lock, two-factor and whether the account is active. Each change is
 * sent with the version the admin is looking at; the answer (the updated user) replaces what is shown.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import type { TUser } from '../../lib/types';
import { allows } from '../../lib/usePolicy';
import { useUserMutations } from './admin.api';
import { UserAssignments } from './UserAssignments';
import { UserSecurity } from './UserSecurity';
import { UserInvitation } from '../invitations/UserInvitation';
import { isLocked } from './userStatus';

export function UserEditor({ initial, onReload }: { initial: TUser; onReload: () => Promise<TUser | undefined> }) {
  const [user, setUser] = useState(initial);
  const [displayName, setDisplayName] = useState(initial.displayName);
  const [message, setMessage] = useState<string | null>(null);
  const m = useUserMutations(user.id);
  const canEdit = allows(user, 'update');
  const stale = [m.update.error, m.addAssignment.error, m.removeAssignment.error].find((e) => isApiError(e) && e.status === 409);

  const applied = (text: string) => (u: TUser) => { setUser(u); setMessage(text); };

  const reload = async () => {
    const latest = await onReload();
    if (latest) {
      setUser(latest);
      setDisplayName(latest.displayName);
      m.update.reset(); m.addAssignment.reset(); m.removeAssignment.reset();
      setMessage('Loaded the latest version.');
    }
  };

  const saveName = (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    m.update.mutate({ displayName: displayName.trim(), version: user.version }, { onSuccess: applied('Name saved.') });
  };

  const nameError = isApiError(m.update.error) ? m.update.error.fieldMessage('displayName') : undefined;

  return (
    <Stack gap="md">
      <div>
        <Text className="break-anywhere">{user.email}</Text>
        <Group gap={6} mt={4}>
          <Badge miw="max-content" variant="light" color={user.active ? 'blue' : 'gray'}>{user.active ? 'Active' : 'Deactivated'}</Badge>
          {isLocked(user) ? <Badge miw="max-content" variant="light" color="red">Locked</Badge> : null}
          <Badge miw="max-content" variant="light" color={user.totpEnabled ? 'indigo' : 'gray'}>{user.totpEnabled ? 'Two-factor on' : 'Two-factor off'}</Badge>
        </Group>
        <Text size="sm" c="dimmed" mt={4}>Last signed in: {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'never'}</Text>
      </div>
      <div aria-live="polite">
        {message ? <Alert color="blue" variant="light" role="status">{message}</Alert> : null}
      </div>
      {stale ? (
        <Alert color="red" variant="light" role="alert" title="Someone else changed this user">
          {stale.message} What you typed has been kept.
          <Group mt="sm"><Button size="xs" variant="default" onClick={() => void reload()}>Load the latest version</Button></Group>
        </Alert>
      ) : null}

      {canEdit ? (
        <form onSubmit={saveName} noValidate>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput label="Name" required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={nameError} style={{ flex: '1 1 14rem' }} maxLength={120} />
            <Button type="submit" variant="default" loading={m.update.isPending && m.update.variables?.displayName !== undefined}
              disabled={displayName.trim() === user.displayName}>
              Save name
            </Button>
          </Group>
        </form>
      ) : null}
      {m.update.error && !stale && !(isApiError(m.update.error) && m.update.error.fields.length) ? <ErrorAlert error={m.update.error} title="The change was not saved" /> : null}

      <Divider />
      <section aria-labelledby="user-roles-heading">
        <Title order={3} size="h4" id="user-roles-heading" mb="xs">Roles</Title>
        <UserAssignments user={user} mutations={m} onChanged={applied} />
      </section>

      {canEdit ? (
        <>
          <Divider />
          <section aria-labelledby="user-security-heading">
            <Title order={3} size="h4" id="user-security-heading" mb="xs">Sign-in and access</Title>
            <UserSecurity user={user} update={m.update} onChanged={applied} />
          </section>
          <Divider />
          <section aria-labelledby="user-invitation-heading">
            <Title order={3} size="h4" id="user-invitation-heading" mb="xs">Invitation</Title>
            <UserInvitation userId={user.id} active={user.active} />
          </section>
        </>
      ) : null}
    </Stack>
  );
}
