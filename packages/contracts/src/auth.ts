import { z } from 'zod';
import { ZId } from './common.ts';
import { ZRole } from './enums.ts';
import { TOKEN_AREAS } from './auth-codes.ts';

export const ZLoginBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});

/** Login answers either with a session, or with the second step it needs. */
export const ZLoginResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), csrfToken: z.string() }),
  z.object({ status: z.literal('totp_required'), challenge: z.string() }),
  z.object({
    status: z.literal('totp_enrolment_required'),
    challenge: z.string(),
    secret: z.string().describe('Base32 TOTP secret to add to an authenticator app'),
    otpauthUrl: z.string(),
  }),
]);
export type TLoginResult = z.infer<typeof ZLoginResult>;

/** The password policy, shared by a starting password, a reset and a password set from an invitation. */
export const ZNewPassword = z.string().min(12, 'Use at least 12 characters').max(256, 'Use at most 256 characters');

export const ZTotpBody = z.strictObject({
  challenge: z.string().min(10).max(200),
  code: z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app'),
});

export const ZRoleAssignment = z.object({
  id: ZId,
  role: ZRole,
  siteId: ZId.nullable().describe('null means the whole trust'),
  siteName: z.string().nullable(),
});
export type TRoleAssignment = z.infer<typeof ZRoleAssignment>;

export const ZMeSite = z.object({ id: ZId, name: z.string(), shortName: z.string() });

export const ZMe = z.object({
  user: z.object({ id: ZId, email: z.string(), displayName: z.string(), totpEnabled: z.boolean() }),
  trust: z.object({ id: ZId, name: z.string() }),
  assignments: z.array(ZRoleAssignment),
  sites: z.array(ZMeSite).describe('Sites the user works at through any role'),
  permissions: z.array(z.string()).describe('Permissions the user holds at one site or more'),
  csrfToken: z.string().optional(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZTokenArea = z.enum(TOKEN_AREAS);
/** The longest a token may live: a year. */
export const TOKEN_MAX_DAYS = 365;

export const ZApiTokenCreate = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS, `A token can last at most a year (${TOKEN_MAX_DAYS} days)`).default(90)
    .describe('Days until the token stops working: 1 to 365 (default 90)'),
  writeAreas: z.array(ZTokenArea).max(TOKEN_AREAS.length).default([])
    .refine((a) => new Set(a).size === a.length, 'Name each area once')
    .describe('Areas the token may change; empty (the default) makes a read-only token'),
});
export type TApiTokenCreate = z.input<typeof ZApiTokenCreate>;
export const ZApiToken = z.object({
  id: ZId, name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(), revokedAt: z.string().nullable(),
  writeAreas: z.array(ZTokenArea).describe('Empty: read-only'),
});
export const ZApiTokenCreated = ZApiToken.extend({ token: z.string().describe('Shown once; store it safely') });

/** Single sign-on (PLT-1, OpenID Connect): the providers configured, shown as buttons on the sign-in page. */
export const ZSsoProvider = z.object({
  id: z.string().describe('Used in /api/v1/auth/sso/{id}/start'),
  label: z.string().describe('Button text, e.g. "Sign in with Microsoft"'),
});
export const ZSsoProviders = z.object({ providers: z.array(ZSsoProvider) });
export type TSsoProvider = z.infer<typeof ZSsoProvider>;

/**
 * Why a single sign-on attempt ended back on the sign-in page (/sign-in?error=…). Deliberately coarse: the page
 * never shows what the provider said, and never whether an email address belongs to someone.
 */
export const SSO_ERRORS = ['sso_failed', 'sso_expired', 'sso_cancelled', 'sso_no_account', 'sso_unverified_email'] as const;
export const ZSsoError = z.enum(SSO_ERRORS);
export type TSsoError = z.infer<typeof ZSsoError>;

/** After single sign-on, a role that needs two-factor continues with Haven's own code step. */
export const ZSsoContinue = z.discriminatedUnion('status', [
  z.object({ status: z.literal('totp_required'), challenge: z.string(), returnTo: z.string() }),
  z.object({
    status: z.literal('totp_enrolment_required'),
    challenge: z.string(),
    secret: z.string().describe('Base32 TOTP secret to add to an authenticator app'),
    otpauthUrl: z.string(),
    returnTo: z.string(),
  }),
]);
export type TSsoContinue = z.infer<typeof ZSsoContinue>;
