/** One line about an invitation: where it stands, when its link stops working, and whether the email went. */
import { Badge, Group, Text } from '@mantine/core';
import { formatDateTime, formatInstantDate } from '../../lib/format';
import type { TInvitation } from '../../lib/types';

const STATUS: Record<TInvitation['status'], { label: string; color: string }> = {
  pending: { label: 'Invitation sent', color: 'blue' },
  accepted: { label: 'Invitation accepted', color: 'green' },
  expired: { label: 'Invitation expired', color: 'orange' },
  revoked: { label: 'Invitation withdrawn', color: 'gray' },
};

function emailWords(status: string): string {
  if (status === 'sent') return 'The email was delivered to the mail server.';
  if (status === 'pending') return 'The email is being sent.';
  return 'The email could not be sent: send a new link, or check the address.';
}

export function InvitationStatus({ invitation }: { invitation: TInvitation }) {
  const s = STATUS[invitation.status];
  return (
    <div>
      <Group gap={6} wrap="wrap">
        <Badge miw="max-content" variant="light" color={s.color}>{s.label}</Badge>
        <Text size="sm" className="break-anywhere">to {invitation.email}</Text>
      </Group>
      <Text size="sm" c="dimmed" mt={2}>
        {invitation.status === 'accepted' ? `Password set ${formatDateTime(invitation.usedAt)}.`
          : invitation.status === 'pending' ? `Sent ${formatDateTime(invitation.createdAt)}; the link works until ${formatInstantDate(invitation.expiresAt)}. ${emailWords(invitation.emailStatus)}`
            : `Sent ${formatDateTime(invitation.createdAt)}.`}
      </Text>
    </div>
  );
}
