/** On the users page: email a user a link to set their own password, see where it stands, send a new one or withdraw it. */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { invitationKeys, useInvitationActions, useUserInvitation } from './invitations.api';
import { InvitationStatus } from './InvitationStatus';

export function UserInvitation({ userId, active }: { userId: string; active: boolean }) {
  const state = useUserInvitation(userId);
  const a = useInvitationActions(invitationKeys.user(userId));
  const error = a.inviteUser.error ?? a.revoke.error;
  if (state.isPending) return <Loading label="Loading the invitation…" />;
  if (state.isError) return <ErrorAlert error={state.error} onRetry={() => void state.refetch()} />;
  const { passwordSet, invitation } = state.data;
  const pending = invitation?.status === 'pending';
  return (
    <Stack gap="sm">
      {invitation ? <InvitationStatus invitation={invitation} /> : null}
      {!passwordSet && !invitation ? <Text size="sm">They have not set a password yet.</Text> : null}
      <div aria-live="polite">
        {a.inviteUser.isSuccess ? <Alert color="blue" variant="light" role="status">Invitation sent to {a.inviteUser.data.email}. Any earlier link no longer works.</Alert> : null}
        {a.revoke.isSuccess ? <Alert color="blue" variant="light" role="status">Invitation withdrawn: its link no longer works.</Alert> : null}
      </div>
      {error ? <ErrorAlert error={error} title="Nothing was sent" /> : null}
      {active ? (
        <Group gap="sm" wrap="wrap">
          <Button variant="default" loading={a.inviteUser.isPending} onClick={() => { a.revoke.reset(); a.inviteUser.mutate(userId); }}>
            {invitation ? 'Send a new invitation' : passwordSet ? 'Email a link to set a new password' : 'Invite by email'}
          </Button>
          {pending && invitation ? (
            <Button variant="default" color="red" loading={a.revoke.isPending} onClick={() => { a.inviteUser.reset(); a.revoke.mutate(invitation.id); }}>
              Withdraw invitation
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}
