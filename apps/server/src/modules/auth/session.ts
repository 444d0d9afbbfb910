/**
 * What every way of signing in shares (password, single sign-on): the second factor a user still owes, and the
 * session that starts once nothing more is owed.
 */
import { ROLES_REQUIRING_TOTP, type TLoginResult } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Tx } from '../../core/db/client.ts';
import * as repo from './auth.repo.ts';
import { hashSecret, newSecret } from './tokens.ts';
import { newTotpSecret, otpauthUrl } from './totp.ts';

export interface ClientInfo { ip: string | null; userAgent: string | null; audit: AuditContext }
export interface NewSession { token: string; csrfToken: string; maxAgeSeconds: number }

export const CHALLENGE_MINUTES = 5;

/** The audit context once the user is known, so their sign-in entries carry their name and trust. */
export function asUser(ctx: AuditContext, user: repo.UserRow): AuditContext {
  return { ...ctx, trustId: user.trustId, actorUserId: user.id, actorLabel: `${user.displayName} <${user.email}>` };
}

/** How the first factor was given; an SSO challenge is marked so the session's audit says how it began. */
export type FirstFactor = 'password' | 'sso';
export type SecondStep = Exclude<TLoginResult, { status: 'ok' }>;

/**
 * The two-factor step a user must pass before a session starts, or null when none is owed: their code when they
 * have enrolled an authenticator, enrolment when their role requires two-factor (or they chose it) and they have not.
 */
export async function secondFactorStep(tx: Tx, audit: AuditQueue, user: repo.UserRow, via: FirstFactor,
  opts: { offerEnrolment?: boolean } = {}): Promise<SecondStep | null> {
  const challenge = newSecret();
  const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES * 60_000);
  const prefix = via === 'sso' ? 'sso_' : '';
  const accepted = via === 'sso' ? 'auth.sso_accepted' : 'auth.password_accepted';
  if (user.totpEnabled && user.totpSecret) {
    await repo.insertChallenge(tx, { userId: user.id, tokenHash: hashSecret(challenge), purpose: `${prefix}totp`, pendingSecret: null, expiresAt });
    audit.record({ action: accepted, entityType: 'user', entityId: user.id, details: { next: 'totp' } });
    return { status: 'totp_required', challenge };
  }
  const roles = await repo.rolesOfUser(tx, user.id);
  // enrolment is owed when the role requires two-factor; `offerEnrolment` (someone setting their first password chose it) asks for it anyway
  if (roles.some((r) => ROLES_REQUIRING_TOTP.includes(r)) || opts.offerEnrolment) {
    const secret = newTotpSecret();
    await repo.insertChallenge(tx, { userId: user.id, tokenHash: hashSecret(challenge), purpose: `${prefix}enrol`, pendingSecret: secret, expiresAt });
    audit.record({ action: accepted, entityType: 'user', entityId: user.id, details: { next: 'totp_enrolment' } });
    return { status: 'totp_enrolment_required', challenge, secret, otpauthUrl: otpauthUrl(secret, user.email) };
  }
  return null;
}

/** Starts a session: a random cookie token (stored hashed) and its CSRF token; clears any failed-password count. */
export async function startSession(deps: Deps, tx: Tx, audit: AuditQueue, user: repo.UserRow, client: ClientInfo, method: string): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const maxAgeSeconds = deps.config.session.absoluteHours * 3600;
  const sessionId = await repo.insertSession(tx, {
    trustId: user.trustId, userId: user.id, tokenHash: hashSecret(token), csrfToken,
    expiresAt: new Date(Date.now() + maxAgeSeconds * 1000), ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  await repo.updateUser(tx, user.id, { lastLoginAt: new Date(), failedLoginCount: 0, lockedUntil: null });
  audit.record({ action: 'auth.login', entityType: 'user', entityId: user.id, details: { method, sessionId } });
  return { token, csrfToken, maxAgeSeconds };
}
