/** Pure rules of single sign-on (PLT-1): where a sign-in may return to, which email may link, what counts as MFA. */

const MAX_RETURN_TO = 512;

/**
 * The path to send someone back to after signing in, or null when it could lead off Haven. Only a relative path of
 * this origin is accepted: no scheme, no host, no protocol-relative `//host`, no backslashes (browsers read `/\host`
 * as `//host`) and no control characters. The answer is re-serialised by the URL parser, so what is stored is what
 * the browser will resolve.
 */
export function safeReturnTo(value: string | undefined, publicUrl: string): string | null {
  if (value === undefined || value === '') return '/';
  if (value.length > MAX_RETURN_TO || !value.startsWith('/') || value.startsWith('//')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try { url = new URL(value, publicUrl); } catch { return null; }
  if (url.origin !== new URL(publicUrl).origin) return null;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('//') ? null : path;
}

/** Identity claims of an ID token that decide whether it may be linked to a Haven account by email. */
export interface EmailClaims { email?: unknown; email_verified?: unknown; xms_edov?: unknown }

/**
 * The email address a provider vouches for, or null. Linking an account by email is only safe when the provider
 * has verified that the person controls the address, so `email_verified` must be exactly `true` (Google sends it).
 * Microsoft Entra ID never sends `email_verified`, and its `email` and `preferred_username` can be set by a tenant
 * administrator to any value (the "nOAuth" weakness), so neither is trusted on its own. Entra's optional claim
 * `xms_edov` ("email domain owner verified") is accepted in its place, and only when the token has no
 * `email_verified` at all.
 */
export function verifiedEmail(claims: EmailClaims): string | null {
  if (typeof claims.email !== 'string') return null;
  const email = claims.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) return null;
  if (claims.email_verified === true) return email;
  if (claims.email_verified === undefined && claims.xms_edov === true) return email;
  return null;
}

/**
 * Methods (RFC 8176 `amr`) that show the provider already checked a second factor: `mfa` itself, or a possession
 * factor (a one-time code, or a hardware or software key), which is what Haven's own TOTP step would add.
 */
const MFA_METHODS = new Set(['mfa', 'otp', 'hwk', 'swk']);

export function providerDidMfa(amr: unknown): boolean {
  return Array.isArray(amr) && amr.some((m) => typeof m === 'string' && MFA_METHODS.has(m));
}

/** An OAuth error code from a provider, kept for the audit only when it has the shape the standard gives it. */
export function oauthErrorCode(value: unknown): string {
  return typeof value === 'string' && /^[a-z0-9_]{1,60}$/i.test(value) ? value : 'other';
}
