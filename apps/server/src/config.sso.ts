/**
 * Single sign-on providers (PLT-1, OpenID Connect: Microsoft Entra ID, Google, any certified provider) from
 * HAVEN_OIDC_* and, for a second provider, HAVEN_OIDC2_*. Documented in the README. The client secrets are
 * credentials: never log them.
 */
import { z } from 'zod';

export interface SsoProviderConfig {
  /** Part of the paths: the redirect URI to register at the provider is <HAVEN_PUBLIC_URL>/api/v1/auth/sso/<id>/callback. */
  id: 'oidc' | 'oidc2';
  /** The text of the button on the sign-in page, e.g. "Sign in with Microsoft". */
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated; always includes openid. */
  scopes: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

// Discovery, keys and the token exchange travel over this address, so it must be TLS; plain http is only allowed on
// this machine (tests, and a provider run locally for development).
const issuer = z.url({ protocol: /^https?$/ })
  .refine((v) => { const u = new URL(v); return u.protocol === 'https:' || LOOPBACK.has(u.hostname); },
    'must be an https:// address (http:// is allowed only for localhost)')
  .refine((v) => { const u = new URL(v); return !u.search && !u.hash; }, 'must be the issuer identifier itself, without ?query or #fragment')
  .optional();
const clientId = z.string().trim().min(1).max(500).optional();
const clientSecret = z.string().min(1).max(2000).optional();
const label = z.string().trim().min(1).max(60).optional();
const scopes = z.string().trim().regex(/^[\x21\x23-\x5b\x5d-\x7e]+( +[\x21\x23-\x5b\x5d-\x7e]+)*$/, 'must be scope names separated by spaces')
  .refine((v) => v.split(/ +/).includes('openid'), 'must include openid').optional();

export const SSO_ENV = {
  HAVEN_OIDC_ISSUER: issuer, HAVEN_OIDC_CLIENT_ID: clientId, HAVEN_OIDC_CLIENT_SECRET: clientSecret,
  HAVEN_OIDC_LABEL: label, HAVEN_OIDC_SCOPES: scopes,
  HAVEN_OIDC2_ISSUER: issuer, HAVEN_OIDC2_CLIENT_ID: clientId, HAVEN_OIDC2_CLIENT_SECRET: clientSecret,
  HAVEN_OIDC2_LABEL: label, HAVEN_OIDC2_SCOPES: scopes,
};

type SsoEnv = { [K in keyof typeof SSO_ENV]?: z.output<(typeof SSO_ENV)[K]> } & { NODE_ENV?: string; HAVEN_PUBLIC_URL?: string };
type Prefix = 'HAVEN_OIDC' | 'HAVEN_OIDC2';
const PROVIDERS: { id: SsoProviderConfig['id']; prefix: Prefix }[] = [{ id: 'oidc', prefix: 'HAVEN_OIDC' }, { id: 'oidc2', prefix: 'HAVEN_OIDC2' }];

function read(e: SsoEnv, p: Prefix) {
  return {
    issuer: e[`${p}_ISSUER`], clientId: e[`${p}_CLIENT_ID`], clientSecret: e[`${p}_CLIENT_SECRET`],
    label: e[`${p}_LABEL`], scopes: e[`${p}_SCOPES`],
  };
}

/** A half-configured provider is refused at start, not discovered at the first sign-in. */
export function checkSsoEnv(e: SsoEnv, ctx: z.RefinementCtx): void {
  let any = false;
  for (const { prefix } of PROVIDERS) {
    const v = read(e, prefix);
    if (!v.issuer && !v.clientId && !v.clientSecret) continue;
    any = true;
    for (const [key, value] of [['ISSUER', v.issuer], ['CLIENT_ID', v.clientId], ['CLIENT_SECRET', v.clientSecret]] as const) {
      if (!value) ctx.addIssue({ code: 'custom', path: [`${prefix}_${key}`], message: `${prefix}_${key} is required when single sign-on is configured (${prefix}_ISSUER, _CLIENT_ID and _CLIENT_SECRET)` });
    }
  }
  if (any && e.NODE_ENV === 'production' && !e.HAVEN_PUBLIC_URL) {
    ctx.addIssue({ code: 'custom', path: ['HAVEN_PUBLIC_URL'], message: 'HAVEN_PUBLIC_URL is required for single sign-on: the provider sends people back to <HAVEN_PUBLIC_URL>/api/v1/auth/sso/oidc/callback' });
  }
}

export function ssoProvidersFromEnv(e: SsoEnv): SsoProviderConfig[] {
  const out: SsoProviderConfig[] = [];
  for (const { id, prefix } of PROVIDERS) {
    const v = read(e, prefix);
    if (!v.issuer || !v.clientId || !v.clientSecret) continue;
    out.push({
      id, issuer: v.issuer, clientId: v.clientId, clientSecret: v.clientSecret,
      label: v.label ?? 'Sign in with your organisation account',
      scopes: (v.scopes ?? 'openid email profile').split(/ +/).join(' '),
    });
  }
  return out;
}
