/**
 * The public half of an invitation: the set-password page checks its link, then sets the password under the same
 * policy as everywhere else (contracts ZNewPassword), uses the link up, and signs the person in — through the
 * two-factor step their role requires (auth/session.ts), or offered when it does not.
 */
import { ROLES_REQUIRING_TOTP, type TInvitationKind, type TLoginResult } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { hashPassword } from '../../core/auth/password.ts';
import { clockNow } from '../../core/time.ts';
import { hashSecret } from '../auth/tokens.ts';
import * as authRepo from '../auth/auth.repo.ts';
import { asUser, secondFactorStep, startSession, type ClientInfo, type NewSession } from '../auth/session.ts';
import * as repo from './invitations.repo.ts';
import { invitationStatus, unusableMessage } from './invitations.rules.ts';

const notValid = () => new AppError(404, 'invitation_not_found', 'This link is not valid. Check that you opened the whole link from the email, or ask for a new one.');

/** The invitation behind a token, if it can still be used; otherwise a clear error (410 for a used, expired or withdrawn link). */
async function usable(deps: Deps, token: string) {
  const db = deps.database.db;
  const inv = await repo.findByTokenHash(db, hashSecret(token));
  if (!inv) throw notValid();
  const user = await authRepo.findUserById(db, inv.userId);
  if (!user) throw notValid();
  const status = user.active ? invitationStatus(inv, clockNow(deps)) : 'revoked';
  if (status !== 'pending') throw new AppError(410, `invitation_${status}`, unusableMessage(status));
  return { inv, user };
}

async function twoFactorOf(deps: Deps, user: authRepo.UserRow): Promise<'required' | 'optional' | 'enrolled'> {
  if (user.totpEnabled) return 'enrolled';
  const roles = await authRepo.rolesOfUser(deps.database.db, user.id);
  return roles.some((r) => ROLES_REQUIRING_TOTP.includes(r)) ? 'required' : 'optional';
}

export async function check(deps: Deps, token: string) {
  const { inv, user } = await usable(deps, token);
  return { email: user.email, displayName: user.displayName, kind: inv.kind as TInvitationKind, expiresAt: inv.expiresAt.toISOString(), twoFactor: await twoFactorOf(deps, user) };
}

export async function accept(deps: Deps, body: { token: string; password: string; setUpTwoFactor?: boolean | undefined }, client: ClientInfo): Promise<{ result: TLoginResult; session?: NewSession }> {
  const { inv, user } = await usable(deps, body.token);
  const passwordHash = await hashPassword(body.password);
  return inTransaction(deps.database, asUser(client.audit, user), async (tx, audit) => {
    // atomic: of two requests with one link, one sets the password and the other is told the link was used
    if (!(await repo.claimInvitation(tx, inv.id, clockNow(deps)))) throw new AppError(410, 'invitation_accepted', unusableMessage('accepted'));
    await authRepo.updateUser(tx, user.id, { passwordHash, failedLoginCount: 0, lockedUntil: null });
    // a link used as a password reset ends the sessions started with the old password
    const sessionsEnded = user.passwordHash ? await authRepo.revokeAllSessions(tx, user.id) : 0;
    audit.record({ action: 'invitation.accept', entityType: 'invitation', entityId: inv.id, siteId: inv.siteId,
      details: { kind: inv.kind, userId: user.id, passwordSet: true, ...(sessionsEnded ? { sessionsEnded } : {}) } });
    const after = (await authRepo.findUserById(tx, user.id))!;
    const step = await secondFactorStep(tx, audit, after, 'password', { offerEnrolment: body.setUpTwoFactor === true });
    if (step) return { result: step };
    const session = await startSession(deps, tx, audit, after, client, 'invitation');
    return { result: { status: 'ok', csrfToken: session.csrfToken }, session };
  });
}
