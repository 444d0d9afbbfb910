/**
 * On a pupil's contacts (for the office, people.manage): a contact's parent-portal account, and "Invite to parent
 * portal" for a contact with parental responsibility who has none — by email, to their address on record or
 * another. The parent then sees exactly the children this contact has parental responsibility for.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Stack, TextInput } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { useCan } from '../../lib/usePolicy';
import { invitationKeys, useInvitationActions, usePortalAccess } from './invitations.api';
import { InvitationStatus } from './InvitationStatus';

export function ParentPortalAction({ pupilId, contactId, contactName }: { pupilId: string; contactId: string; contactName: string }) {
  const canManage = useCan('people.manage');
  const access = usePortalAccess(pupilId, canManage);
  const a = useInvitationActions(invitationKeys.portal(pupilId));
  const [asking, setAsking] = useState(false);
  const [email, setEmail] = useState<string | null>(null);
  const mine = access.data?.items.find((i) => i.contactId === contactId);
  if (!canManage || !mine) return null;

  const sent = a.inviteParent.data ?? a.resend.data;
  const err = isApiError(a.inviteParent.error) ? a.inviteParent.error : undefined;
  const send = (e: FormEvent) => {
    e.preventDefault();
    const to = (email ?? mine.email ?? '').trim();
    a.inviteParent.mutate({ contactIds: [contactId], ...(to ? { email: to } : {}) }, { onSuccess: () => setAsking(false) });
  };

  return (
    <Stack gap={6} mt={6}>
      <div aria-live="polite">
        {sent ? <Alert color="blue" variant="light" role="status">Invitation sent to {sent.email}.</Alert> : null}
      </div>
      {mine.account === 'active' ? <Group gap={6}><Badge miw="max-content" variant="light" color="green">Parent portal account</Badge></Group> : null}
      {mine.account === 'invited' && mine.invitation ? (
        <>
          <InvitationStatus invitation={mine.invitation} />
          {mine.invitation.allowed.includes('resend') ? (
            <Group>
              <Button size="xs" variant="default" loading={a.resend.isPending} onClick={() => a.resend.mutate(mine.invitation!.id)}>
                Send a new invitation<span className="visually-hidden-inline"> to {contactName}</span>
              </Button>
            </Group>
          ) : null}
        </>
      ) : null}
      {a.resend.error ? <ErrorAlert error={a.resend.error} title="Nothing was sent" /> : null}
      {mine.allowed.includes('invite') && !asking ? (
        <Group>
          <Button size="xs" variant="default" onClick={() => setAsking(true)}>
            Invite to parent portal<span className="visually-hidden-inline"> ({contactName})</span>
          </Button>
        </Group>
      ) : null}
      {asking ? (
        <form onSubmit={send} noValidate aria-label={`Invite ${contactName} to the parent portal`}>
          <Stack gap="xs">
            {a.inviteParent.error && !err?.fieldMessage('email') ? <ErrorAlert error={a.inviteParent.error} title="Nothing was sent" /> : null}
            <TextInput label="Send the invitation to" type="email" required value={email ?? mine.email ?? ''}
              onChange={(e) => setEmail(e.currentTarget.value)} error={err?.fieldMessage('email')} autoComplete="off" />
            <Group gap="xs" wrap="wrap">
              <Button size="xs" type="submit" loading={a.inviteParent.isPending}>Send invitation</Button>
              <Button size="xs" variant="default" onClick={() => { setAsking(false); a.inviteParent.reset(); }}>Cancel</Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}
