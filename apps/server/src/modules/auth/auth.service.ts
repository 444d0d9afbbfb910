/** Sign-in (PLT-1): password, lockout, TOTP second step and enrolment, sessions, sign-out. */
import type { TLoginResult } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { dummyHash, verifyPassword } from '../../core/auth/password.ts';
import * as repo from './auth.repo.ts';
import { hashSecret } from './tokens.ts';
import { checkTotp } from './totp.ts';
import { asUser, secondFactorStep, startSession, type ClientInfo, type NewSession } from './session.ts';

export type { ClientInfo, NewSession } from './session.ts';
export type LoginOutcome = { result: TLoginResult; session?: NewSession };

const CHALLENGE_MAX_ATTEMPTS = 5;
const badCredentials = () => new AppError(401, 'invalid_credentials', 'The email address or password is not right.');
const badCode = () => new AppError(401, 'invalid_code', 'That code is not right, or has already been used. Enter the current code from your authenticator app.');

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
    const step = await secondFactorStep(tx, audit, user, 'password');
    if (step) return { result: step };
    const session = await startSession(deps, tx, audit, user, client, 'password');
    return { result: { status: 'ok', csrfToken: session.csrfToken }, session };
  });
}

/**
 * The second step: a TOTP code for an enrolled user, or the first code from a newly added authenticator. The
 * challenge came from a password or from single sign-on (purpose `sso_totp` / `sso_enrol`); either is completed here.
 */
export async function completeTotp(deps: Deps, purpose: 'totp' | 'enrol', challengeToken: string, code: string, client: ClientInfo): Promise<LoginOutcome> {
  const { database } = deps;
  const challenge = await repo.findChallenge(database.db, hashSecret(challengeToken));
  const viaSso = challenge?.purpose.startsWith('sso_') ?? false;
  const expired = () => new AppError(401, 'challenge_expired', `Your sign-in has expired. Sign in again${viaSso ? '' : ' with your email and password'}.`);
  if (!challenge || challenge.purpose !== (viaSso ? `sso_${purpose}` : purpose) || challenge.usedAt || challenge.expiresAt.getTime() < Date.now()
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
    // Both claims are atomic, so two simultaneous requests with one valid code cannot both open a session.
    if (!(await repo.claimChallenge(tx, challenge.id))) throw new AppError(401, 'challenge_expired', 'Your sign-in has expired. Sign in again with your email and password.');
    if (!(await repo.claimTotpStep(tx, user.id, step))) throw badCode();
    if (purpose === 'enrol') await repo.updateUser(tx, user.id, { totpSecret: secret, totpEnabled: true });
    if (purpose === 'enrol') audit.record({ action: 'auth.totp_enrolled', entityType: 'user', entityId: user.id });
    const session = await startSession(deps, tx, audit, user, client, `${viaSso ? 'sso' : 'password'}+${purpose === 'enrol' ? 'totp_enrolment' : 'totp'}`);
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
