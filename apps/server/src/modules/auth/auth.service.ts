/** Sign-in (PLT-1): password, lockout, TOTP second step and enrolment, sessions, sign-out. */
import { ROLES_REQUIRING_TOTP, type TLoginResult } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { dummyHash, verifyPassword } from '../../core/auth/password.ts';
import * as repo from './auth.repo.ts';
import { hashSecret, newSecret } from './tokens.ts';
import { checkTotp, newTotpSecret, otpauthUrl } from './totp.ts';
import type { Tx } from '../../core/db/client.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';

export interface ClientInfo { ip: string | null; userAgent: string | null; audit: AuditContext }
export interface NewSession { token: string; csrfToken: string; maxAgeSeconds: number }
export type LoginOutcome = { result: TLoginResult; session?: NewSession };

const CHALLENGE_MINUTES = 5;
const CHALLENGE_MAX_ATTEMPTS = 5;
const badCredentials = () => new AppError(401, 'invalid_credentials', 'The email address or password is not right.');
const badCode = () => new AppError(401, 'invalid_code', 'That code is not right, or has already been used. Enter the current code from your authenticator app.');

function asUser(ctx: AuditContext, user: repo.UserRow): AuditContext {
  return { ...ctx, trustId: user.trustId, actorUserId: user.id, actorLabel: `${user.displayName} <${user.email}>` };
}

async function startSession(deps: Deps, tx: Tx, audit: AuditQueue, user: repo.UserRow, client: ClientInfo, method: string): Promise<NewSession> {
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

export async function login(deps: Deps, email: string, password: string, client: ClientInfo): Promise<LoginOutcome> {
  const { database, config } = deps;
  const user = await repo.findUserByEmail(database.db, email);
  if (!user || !user.active || !user.passwordHash) {
    await verifyPassword(await dummyHash(), password);
    await inTransaction(database, client.audit, async (_tx, audit) => {
      audit.record({ action: 'auth.login_failed', entityType: 'user', details: { reason: 'unknown_or_inactive' } });
    });
    throw badCredentials();
  }
  const ctx = asUser(client.audit, user);
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    await inTransaction(database, ctx, async (_tx, audit) => {
      audit.record({ action: 'auth.login_failed', entityType: 'user', entityId: user.id, details: { reason: 'locked' } });
    });
    throw new AppError(429, 'account_locked', `Too many failed sign-in attempts. Try again in ${config.login.lockMinutes} minutes, or ask your trust administrator to unlock your account.`);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await inTransaction(database, ctx, async (tx, audit) => {
      const failures = user.failedLoginCount + 1;
      const lock = failures >= config.login.maxFailures;
      await repo.updateUser(tx, user.id, lock
        ? { failedLoginCount: 0, lockedUntil: new Date(Date.now() + config.login.lockMinutes * 60_000) }
        : { failedLoginCount: failures });
      audit.record({ action: lock ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: user.id, details: { reason: 'password', failures } });
    });
    throw badCredentials();
  }
  return inTransaction(database, ctx, async (tx, audit): Promise<LoginOutcome> => {
    const challenge = newSecret();
    const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES * 60_000);
    if (user.totpEnabled && user.totpSecret) {
      await repo.insertChallenge(tx, { userId: user.id, tokenHash: hashSecret(challenge), purpose: 'totp', pendingSecret: null, expiresAt });
      audit.record({ action: 'auth.password_accepted', entityType: 'user', entityId: user.id, details: { next: 'totp' } });
      return { result: { status: 'totp_required', challenge } };
    }
    const roles = await repo.rolesOfUser(tx, user.id);
    if (roles.some((r) => ROLES_REQUIRING_TOTP.includes(r))) {
      const secret = newTotpSecret();
      await repo.insertChallenge(tx, { userId: user.id, tokenHash: hashSecret(challenge), purpose: 'enrol', pendingSecret: secret, expiresAt });
      audit.record({ action: 'auth.password_accepted', entityType: 'user', entityId: user.id, details: { next: 'totp_enrolment' } });
      return { result: { status: 'totp_enrolment_required', challenge, secret, otpauthUrl: otpauthUrl(secret, user.email) } };
    }
    const session = await startSession(deps, tx, audit, user, client, 'password');
    return { result: { status: 'ok', csrfToken: session.csrfToken }, session };
  });
}

/** The second step: a TOTP code for an enrolled user, or the first code from a newly added authenticator. */
export async function completeTotp(deps: Deps, purpose: 'totp' | 'enrol', challengeToken: string, code: string, client: ClientInfo): Promise<LoginOutcome> {
  const { database } = deps;
  const challenge = await repo.findChallenge(database.db, hashSecret(challengeToken));
  const expired = () => new AppError(401, 'challenge_expired', 'Your sign-in has expired. Sign in again with your email and password.');
  if (!challenge || challenge.purpose !== purpose || challenge.usedAt || challenge.expiresAt.getTime() < Date.now()
      || challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) throw expired();
  const user = await repo.findUserById(database.db, challenge.userId);
  if (!user || !user.active) throw expired();
  const secret = purpose === 'enrol' ? challenge.pendingSecret : user.totpSecret;
  const step = secret ? checkTotp(secret, code, purpose === 'enrol' ? null : user.totpLastStep) : null;
  const ctx = asUser(client.audit, user);
  if (step === null) {
    await inTransaction(database, ctx, async (tx, audit) => {
      await repo.updateChallenge(tx, challenge.id, { attempts: challenge.attempts + 1 });
      audit.record({ action: 'auth.totp_failed', entityType: 'user', entityId: user.id, details: { purpose } });
    });
    throw badCode();
  }
  return inTransaction(database, ctx, async (tx, audit): Promise<LoginOutcome> => {
    await repo.updateChallenge(tx, challenge.id, { usedAt: new Date() });
    await repo.updateUser(tx, user.id, purpose === 'enrol'
      ? { totpSecret: secret, totpEnabled: true, totpLastStep: step }
      : { totpLastStep: step });
    if (purpose === 'enrol') audit.record({ action: 'auth.totp_enrolled', entityType: 'user', entityId: user.id });
    const session = await startSession(deps, tx, audit, user, client, purpose === 'enrol' ? 'password+totp_enrolment' : 'password+totp');
    return { result: { status: 'ok', csrfToken: session.csrfToken }, session };
  });
}

export async function logout(deps: Deps, actor: Actor, audit: AuditContext, everywhere: boolean): Promise<void> {
  await inTransaction(deps.database, audit, async (tx, q) => {
    if (everywhere) {
      const n = await repo.revokeAllSessions(tx, actor.userId);
      q.record({ action: 'auth.logout_everywhere', entityType: 'user', entityId: actor.userId, details: { sessionsRevoked: n } });
    } else if (actor.sessionId) {
      await repo.revokeSession(tx, actor.sessionId);
      q.record({ action: 'auth.logout', entityType: 'user', entityId: actor.userId, details: { sessionId: actor.sessionId } });
    }
  });
}
