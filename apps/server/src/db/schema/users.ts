/** People who sign in, what they may do where, their sessions and API tokens. */
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { sites, trusts } from './platform.ts';

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash'),
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  /** The last TOTP time step accepted, so a code cannot be replayed. */
  totpLastStep: integer('totp_last_step'),
  failedLoginCount: integer('failed_login_count').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_email_uq').on(t.email), index('users_trust_idx').on(t.trustId)]);

/** One role at one site; a null site means the role applies across the whole trust. */
export const roleAssignments = pgTable('role_assignments', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  role: text('role').notNull(),
  siteId: uuid('site_id').references(() => sites.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('role_assignments_user_idx').on(t.userId)]);

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  tokenHash: text('token_hash').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  ip: text('ip'),
  userAgent: text('user_agent'),
}, (t) => [uniqueIndex('sessions_token_hash_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)]);

/** The half-way state of a two-step sign-in (password accepted, TOTP code still needed). */
export const loginChallenges = pgTable('login_challenges', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  tokenHash: text('token_hash').notNull(),
  purpose: text('purpose').notNull(),
  pendingSecret: text('pending_secret'),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('login_challenges_token_hash_uq').on(t.tokenHash)]);

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  /** Always set for tokens made since issue 11 (at most a year ahead); a token without one is refused. */
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** The areas (contracts TOKEN_AREAS) the token may change; empty: read-only. */
  writeAreas: text('write_areas').array().notNull().default(sql`'{}'::text[]`),
}, (t) => [uniqueIndex('api_tokens_token_hash_uq').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)]);

/**
 * Failed sign-ins for an email address that has no usable account, counted exactly like a user's own
 * (users.failed_login_count / locked_until), so lockout answers an unknown address as it answers a known one.
 * Keyed by a SHA-256 of the normalised address: a mistyped address is not kept. Not tenant-owned (no trust yet).
 */
export const loginThrottles = pgTable('login_throttles', {
  emailHash: text('email_hash').primaryKey(),
  failedCount: integer('failed_count').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('login_throttles_updated_idx').on(t.updatedAt)]);

/** A single sign-on identity (PLT-1, OpenID Connect): the provider's subject linked to a Haven user. */
export const userIdentities = pgTable('user_identities', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  /** The provider's issuer URL. */
  issuer: text('issuer').notNull(),
  subject: text('subject').notNull(),
  email: text('email'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
}, (t) => [uniqueIndex('user_identities_issuer_subject_uq').on(t.issuer, t.subject), index('user_identities_user_idx').on(t.userId)]);

/** The state of a single sign-on round trip (state, nonce, PKCE verifier), kept server-side for ten minutes. */
export const oidcLogins = pgTable('oidc_logins', {
  id: uuid('id').primaryKey(),
  stateHash: text('state_hash').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('oidc_logins_state_hash_uq').on(t.stateHash)]);
