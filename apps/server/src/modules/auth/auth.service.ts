/** Sign-in (PLT-1): password, lockout, TOTP second step and enrolment, sessions, sign-out. */
import type { TLoginResult } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import type { Tx } from '../../core/db/client.ts';
import type { Config } from '../../config.ts';
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

/**
 * Password sign-in. Every attempt does the same work whether or not the address has a usable account (one argon2
 * verification, one read of its failure count, one write), and lockout counts failures per address for unknown
 * addresses too (login_throttles), so the answers — status, body and timing class — never say whether an account
 * exists: after `maxFailures` wrong attempts any address answers 429 for `lockMinutes`.
 */
export async function login(deps: Deps, email: string, password: string, client: ClientInfo): Promise<LoginOutcome> {
  const { database, config } = deps;
  const user = await repo.findUserByEmail(database.db, email);
  const known = user && user.active && user.passwordHash ? user : null;
  const emailHash = hashSecret(email.trim().toLowerCase());
  const state = known ? { failures: known.failedLoginCount, lockedUntil: known.lockedUntil } : await repo.findThrottle(database.db, emailHash);
  // Verify even when locked or unknown, so a locked or unknown address takes as long as a known one.
  const passwordOk = await verifyPassword(known?.passwordHash ?? await dummyHash(), password);
  const ctx = known ? asUser(client.audit, known) : client.audit;
  if (isLocked(state.lockedUntil)) {
    await inTransaction(database, ctx, async (tx, audit) => {
      if (!known) await repo.touchThrottle(tx, emailHash);
      audit.record({ action: 'auth.login_failed', entityType: 'user', entityId: known?.id ?? null, details: { reason: known ? 'locked' : 'unknown_or_inactive' } });
    });
    throw accountLocked(config.login.lockMinutes);
  }
  if (!known || !passwordOk) {
    await inTransaction(database, ctx, async (tx, audit) => {
      const lock = await countFailure(tx, config.login, known, emailHash, state.failures);
      audit.record({ action: lock ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: known?.id ?? null,
        details: known ? { reason: 'password', failures: state.failures + 1 } : { reason: 'unknown_or_inactive' } });
    });
    throw badCredentials();
  }
  return inTransaction(database, ctx, async (tx, audit): Promise<LoginOutcome> => {
    const step = await secondFactorStep(tx, audit, known, 'password');
    if (step) return { result: step };
    const session = await startSession(deps, tx, audit, known, client, 'password');
    return { result: { status: 'ok', csrfToken: session.csrfToken }, session };
  });
}

const isLocked = (until: Date | null) => !!until && until.getTime() > Date.now();
const accountLocked = (minutes: number) => new AppError(429, 'account_locked',
  `Too many failed sign-in attempts. Try again in ${minutes} minutes, or ask your trust administrator to unlock your account.`);

/**
 * One more failed attempt (a wrong password, or a wrong two-factor code) for a user or an unknown address; at
 * `maxFailures` the address is locked for `lockMinutes` and the count starts again. True when it locked.
 */
async function countFailure(tx: Tx, rules: Config['login'], user: repo.UserRow | null, emailHash: string, failuresBefore: number): Promise<boolean> {
  const failures = failuresBefore + 1;
  const lock = failures >= rules.maxFailures;
  const patch = lock ? { failures: 0, lockedUntil: new Date(Date.now() + rules.lockMinutes * 60_000) } : { failures, lockedUntil: null };
  if (user) await repo.updateUser(tx, user.id, { failedLoginCount: patch.failures, ...(lock ? { lockedUntil: patch.lockedUntil } : {}) });
  else await repo.saveThrottle(tx, emailHash, patch.failures, patch.lockedUntil);
  return lock;
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
  if (isLocked(user.lockedUntil)) throw accountLocked(deps.config.login.lockMinutes);
  const secret = purpose === 'enrol' ? challenge.pendingSecret : user.totpSecret;
  const step = secret ? checkTotp(secret, code, purpose === 'enrol' ? null : user.totpLastStep) : null;
  const ctx = asUser(client.audit, user);
  if (step === null) {
    // A wrong code counts towards the account's lockout like a wrong password (someone who has the password must
    // not get five guesses per challenge for ever).
    const locked = await inTransaction(database, ctx, async (tx, audit) => {
      await repo.updateChallenge(tx, challenge.id, { attempts: challenge.attempts + 1 });
      const lock = await countFailure(tx, deps.config.login, user, '', user.failedLoginCount);
      audit.record({ action: lock ? 'auth.locked' : 'auth.totp_failed', entityType: 'user', entityId: user.id, details: { purpose, reason: 'totp', failures: user.failedLoginCount + 1 } });
      return lock;
    });
    if (locked) throw accountLocked(deps.config.login.lockMinutes);
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
