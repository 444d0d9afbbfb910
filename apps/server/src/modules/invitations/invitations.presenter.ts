/** Invitation rows as the API shows them: never the token nor its hash. */
import type { TInvitation, TInvitationKind } from '@haven/contracts';
import type { InvitationWithUser } from './invitations.repo.ts';
import { invitationStatus } from './invitations.rules.ts';

export function presentInvitation(i: InvitationWithUser, now: Date, allowed: string[]): TInvitation {
  const status = invitationStatus(i, now);
  return {
    id: i.id, kind: i.kind as TInvitationKind, userId: i.userId, email: i.email, displayName: i.displayName, status,
    expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString(), usedAt: i.usedAt ? i.usedAt.toISOString() : null,
    emailStatus: i.emailStatus,
    allowed: status === 'accepted' ? [] : status === 'pending' ? allowed : allowed.filter((a) => a === 'resend'),
  };
}
