/**
 * Single sign-on with OpenID Connect (PLT-1): authorization code flow with PKCE (S256), state and nonce kept
 * server-side for ten minutes and used once, the ID token checked by openid-client (issuer, audience, expiry,
 * signature, nonce). SSO never creates an account: it finds the Haven user by a linked identity (issuer, subject),
 * or links on first use to the active user whose email the provider has verified. A role that needs two-factor
 * still passes Haven's TOTP step unless the provider reports it checked a second factor itself.
 */
import * as oidc from 'openid-client';
import type { TSsoContinue, TSsoError, TSsoProvider } from '@haven/contracts';
import type { SsoProviderConfig } from '../../config.sso.ts';
import type { Deps } from '../../core/http/context.ts';
import { AppError, fieldError, notFound } from '../../core/http/errors.ts';
import { inTransaction } from '../../core/db/tx.ts';
import * as repo from './auth.repo.ts';
import * as ssoRepo from './sso.repo.ts';
import { asUser, secondFactorStep, startSession, type ClientInfo, type NewSession } from './session.ts';
import { hashSecret, safeEqual } from './tokens.ts';
import { otpauthUrl } from './totp.ts';
import { oauthErrorCode, providerDidMfa, safeReturnTo, verifiedEmail, type EmailClaims } from './sso.rules.ts';

const LOGIN_MINUTES = 10;
const DISCOVERY_TTL_MS = 24 * 3600_000;
const CHALLENGE_MAX_ATTEMPTS = 5;

export function providers(deps: Deps): TSsoProvider[] {
  return deps.config.sso.map((p) => ({ id: p.id, label: p.label }));
}

function providerById(deps: Deps, id: string): SsoProviderConfig | undefined {
  return deps.config.sso.find((p) => p.id === id);
}

export function callbackPath(id: string): string { return `/api/v1/auth/sso/${id}/callback`; }
const redirectUri = (deps: Deps, id: string) => `${deps.config.publicUrl}${callbackPath(id)}`;

// Discovery (metadata and, lazily, signing keys) is fetched once a day per provider, not at every sign-in. A failed
// discovery is not kept, so the next attempt tries again.
const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

function clientConfig(p: SsoProviderConfig): Promise<oidc.Configuration> {
  const key = `${p.issuer}\n${p.clientId}\n${hashSecret(p.clientSecret)}`;
  const hit = discovered.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  // config.sso.ts allows plain http only for a provider on this machine.
  const insecure = new URL(p.issuer).protocol === 'http:';
  const config = oidc.discovery(new URL(p.issuer), p.clientId, p.clientSecret, undefined,
    { timeout: 10, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) });
  const entry = { at: Date.now(), config };
  discovered.set(key, entry);
  config.catch(() => { if (discovered.get(key) === entry) discovered.delete(key); });
  return config;
}

/** What went wrong, for the server log: codes and names only, never tokens, codes or the provider's own text. */
function describeError(e: unknown): Record<string, unknown> {
  if (e instanceof oidc.ResponseBodyError) return { errorType: 'ResponseBodyError', oauthError: oauthErrorCode(e.error), status: e.status };
  if (e instanceof oidc.AuthorizationResponseError) return { errorType: 'AuthorizationResponseError', oauthError: oauthErrorCode(e.error) };
  if (e instanceof oidc.ClientError) return { errorType: 'ClientError', code: e.code ?? null };
  if (e instanceof Error) return { errorType: e.name, code: (e as { code?: unknown }).code ?? null };
  return { errorType: typeof e };
}

export type StartOutcome =
  | { ok: true; location: string; state: string; maxAgeSeconds: number }
  | { ok: false; error: TSsoError; log: Record<string, unknown> };

/** Begins a sign-in: stores the round trip (state hashed) and answers the provider's authorization URL. */
export async function start(deps: Deps, providerId: string, returnToParam: string | undefined): Promise<StartOutcome> {
  const p = providerById(deps, providerId);
  if (!p) throw notFound('sign-in provider');
  const returnTo = safeReturnTo(returnToParam, deps.config.publicUrl);
  if (returnTo === null) throw fieldError('returnTo', 'Must be a path within Haven, such as /pupils.');
  let config: oidc.Configuration;
  try { config = await clientConfig(p); } catch (e) {
    return { ok: false, error: 'sso_failed', log: { provider: p.id, reason: 'discovery_failed', ...describeError(e) } };
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const now = Date.now();
  // Technical state of an anonymous round trip, not a record: it is not audited (the outcome of the callback is).
  await ssoRepo.purgeOidcLogins(deps.database.db, new Date(now - 24 * 3600_000));
  await ssoRepo.insertOidcLogin(deps.database.db, {
    stateHash: hashSecret(state), nonce, codeVerifier, returnTo, expiresAt: new Date(now + LOGIN_MINUTES * 60_000),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(deps, p.id), scope: p.scopes, state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256',
  });
  return { ok: true, location: url.href, state, maxAgeSeconds: LOGIN_MINUTES * 60 };
}

export type CallbackOutcome =
  | { kind: 'session'; session: NewSession; location: string }
  | { kind: 'second_factor'; challenge: string; returnTo: string; location: string }
  | { kind: 'failed'; error: TSsoError; log: Record<string, unknown> };

export interface CallbackInput {
  providerId: string;
  /** The query string exactly as received (the library reads code, state and iss from it). */
  rawQuery: string;
  /** The state this browser was given at start (cookie): binds the response to the browser that began the sign-in. */
  stateCookie: string | undefined;
}

interface Claims extends EmailClaims { sub: string; iss: string; amr?: unknown }

/** The provider's answer: checks it, exchanges the code, finds (or links) the Haven user, then session or TOTP. */
export async function callback(deps: Deps, input: CallbackInput, client: ClientInfo): Promise<CallbackOutcome> {
  const { database } = deps;
  const params = new URLSearchParams(input.rawQuery);
  const fail = async (error: TSsoError, reason: string, extra: Record<string, unknown> = {}, user?: repo.UserRow): Promise<CallbackOutcome> => {
    const details = { provider: input.providerId, reason, ...extra };
    await inTransaction(database, user ? asUser(client.audit, user) : client.audit, async (_tx, audit) => {
      audit.record({ action: 'auth.sso_failed', entityType: 'user', entityId: user?.id ?? null, details });
    });
    return { kind: 'failed', error, log: details };
  };

  const p = providerById(deps, input.providerId);
  if (!p) return { kind: 'failed', error: 'sso_failed', log: { reason: 'unknown_provider' } };
  const state = params.get('state');
  if (!state || !input.stateCookie || !safeEqual(state, input.stateCookie)) return fail('sso_expired', 'state_mismatch');
  const now = new Date();
  const login = await ssoRepo.consumeOidcLogin(database.db, hashSecret(state), now);
  if (!login) return fail('sso_expired', `state_${await ssoRepo.oidcLoginState(database.db, hashSecret(state), now)}`);
  if (params.has('error')) {
    const code = oauthErrorCode(params.get('error'));
    return fail(code === 'access_denied' ? 'sso_cancelled' : 'sso_failed', 'provider_error', { oauthError: code });
  }

  let claims: Claims;
  try {
    const config = await clientConfig(p);
    const currentUrl = new URL(`${redirectUri(deps, p.id)}?${input.rawQuery}`);
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl,
      { expectedState: state, expectedNonce: login.nonce, pkceCodeVerifier: login.codeVerifier, idTokenExpected: true });
    const idToken = tokens.claims();
    if (!idToken) return fail('sso_failed', 'no_id_token');
    claims = { ...idToken };
    // Some providers put profile claims only in userinfo (the ID token of a code flow need not carry them). Both
    // email and email_verified are then taken from userinfo, fetched with the access token and bound to the same sub.
    if (idToken.email === undefined && config.serverMetadata().userinfo_endpoint) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
      claims = { ...claims, email: info.email, email_verified: info.email_verified };
    }
  } catch (e) {
    return fail('sso_failed', 'exchange_failed', describeError(e));
  }

  const existing = await ssoRepo.findIdentity(database.db, claims.iss, claims.sub);
  let user: repo.UserRow | undefined;
  let linkEmail: string | null = null;
  if (existing) {
    user = await repo.findUserById(database.db, existing.userId);
    if (!user || !user.active) return fail('sso_no_account', 'inactive', {}, user);
  } else {
    const email = verifiedEmail(claims);
    if (!email && typeof claims.email !== 'string') return fail('sso_no_account', 'no_email');
    if (!email) return fail('sso_unverified_email', 'email_unverified');
    user = await repo.findUserByEmail(database.db, email);
    if (!user || !user.active) return fail('sso_no_account', 'no_account');
    // A second subject claiming the same address at the same provider (a recreated or reassigned account) is not
    // linked silently: an administrator must remove the old link first.
    const other = await ssoRepo.findIdentityOfUser(database.db, user.id, claims.iss);
    if (other) return fail('sso_failed', 'linked_to_other_subject', {}, user);
    linkEmail = email;
  }

  const found = user;
  const mfa = providerDidMfa(claims.amr);
  return inTransaction(database, asUser(client.audit, found), async (tx, audit): Promise<CallbackOutcome> => {
    if (existing) await ssoRepo.touchIdentity(tx, existing.id);
    else {
      const identityId = await ssoRepo.insertIdentity(tx, { trustId: found.trustId, userId: found.id, issuer: claims.iss, subject: claims.sub, email: linkEmail });
      audit.record({ action: 'auth.sso_linked', entityType: 'user', entityId: found.id, details: { provider: p.id, issuer: claims.iss, identityId } });
    }
    const step = mfa ? null : await secondFactorStep(tx, audit, found, 'sso');
    audit.record({ action: 'auth.sso_login', entityType: 'user', entityId: found.id, details: { provider: p.id, issuer: claims.iss, mfaAtProvider: mfa, next: step ? step.status : 'session' } });
    if (step) {
      return { kind: 'second_factor', challenge: step.challenge, returnTo: login.returnTo ?? '/', location: `/sign-in?sso=${step.status === 'totp_required' ? 'totp' : 'enrol'}` };
    }
    const session = await startSession(deps, tx, audit, found, client, mfa ? 'sso+provider_mfa' : 'sso');
    return { kind: 'session', session, location: login.returnTo ?? '/' };
  });
}

/**
 * The web app, sent to /sign-in?sso=totp after single sign-on, asks here for the step to show. The challenge
 * travels in an httpOnly cookie rather than the address bar, so it (and an enrolment secret) never lands in the
 * browser history, a Referer or an access log.
 */
export async function continueStep(deps: Deps, cookie: { challenge: string; returnTo: string } | null): Promise<TSsoContinue> {
  const expired = new AppError(401, 'challenge_expired', 'Your sign-in has expired. Sign in again.');
  if (!cookie) throw expired;
  const challenge = await repo.findChallenge(deps.database.db, hashSecret(cookie.challenge));
  if (!challenge || !challenge.purpose.startsWith('sso_') || challenge.usedAt || challenge.expiresAt.getTime() < Date.now()
      || challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) throw expired;
  const user = await repo.findUserById(deps.database.db, challenge.userId);
  if (!user || !user.active) throw expired;
  const returnTo = safeReturnTo(cookie.returnTo, deps.config.publicUrl) ?? '/';
  if (challenge.purpose === 'sso_enrol' && challenge.pendingSecret) {
    const secret = challenge.pendingSecret;
    return { status: 'totp_enrolment_required', challenge: cookie.challenge, secret, otpauthUrl: otpauthUrl(secret, user.email), returnTo };
  }
  return { status: 'totp_required', challenge: cookie.challenge, returnTo };
}
