/** Configuration from the environment, validated once at start. Every variable is documented in the README. */
import path from 'node:path';
import { z } from 'zod';
import { SSO_ENV, checkSsoEnv, ssoProvidersFromEnv, type SsoProviderConfig } from './config.sso.ts';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://').optional(),
  HAVEN_DATA_DIR: z.string().default('./data'),
  HAVEN_ATTACHMENTS_DIR: z.string().optional(),
  HAVEN_DEMO_PASSWORD: z.string().min(8).optional(),
  HAVEN_SEED_DEMO: bool.optional(),
  /** Let NODE_ENV=production serve a database holding demo data (published passwords): a public demonstration only. */
  HAVEN_ALLOW_DEMO: bool.default(false),
  HAVEN_WEB_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXY: bool.default(false),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(20),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  /** The address users reach Haven at, for links in emails (e.g. https://haven.example.org). */
  HAVEN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465. Unset: no email is sent. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'SMTP_URL must look like smtp://user:pass@host:587 or smtps://…').optional(),
  SMTP_FROM: z.string().min(3).max(200).optional(),
  SMTP_TLS_REJECT_UNAUTHORIZED: bool.default(true),
  /** How long an emailed set-password link (an invitation) works. */
  HAVEN_INVITATION_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  /** Background jobs (reminders, email retries, scheduled reports) run inside `haven serve` unless false. */
  HAVEN_JOBS: bool.default(true),
  HAVEN_JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** The analytics refresher's pause between passes (ms); it runs inside `haven serve`. */
  HAVEN_ANALYTICS_REFRESH_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** Requests run at once per kind in one process, and how long one may wait for a turn before a 503 (issue 19). */
  HAVEN_MAX_WRITES: z.coerce.number().int().min(1).max(10_000).default(16),
  HAVEN_MAX_READS: z.coerce.number().int().min(1).max(10_000).default(16),
  HAVEN_MAX_ANALYTICS: z.coerce.number().int().min(1).max(10_000).default(4),
  HAVEN_QUEUE_MS: z.coerce.number().int().min(1).max(60_000).default(2000),
  /** Single sign-on (OpenID Connect): HAVEN_OIDC_* and HAVEN_OIDC2_*, see config.sso.ts. */
  ...SSO_ENV,
}).superRefine((e, ctx) => {
  checkSsoEnv(e, ctx);
  if (e.SMTP_URL && !e.SMTP_FROM) ctx.addIssue({ code: 'custom', path: ['SMTP_FROM'], message: 'SMTP_FROM is required when SMTP_URL is set (e.g. "Haven <haven@school.example>")' });
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Where attachments are stored on disk. Unset: under the data directory with the embedded database, in the database with PostgreSQL. */
  attachmentsDir: string | undefined;
  demoPassword: string | undefined;
  seedDemo: boolean;
  /** HAVEN_ALLOW_DEMO: production serves demo data anyway (db/seed/guard.ts). */
  allowDemo: boolean;
  webDist: string;
  logLevel: string;
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  trustProxy: boolean;
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  bodyLimit: number;
  /** Base of links in emails, without a trailing slash. */
  publicUrl: string;
  mail: MailConfig;
  /** Emailed set-password links (invitations): how many days one works. */
  invitations: { days: number };
  /** Single sign-on providers (PLT-1); empty when none is configured. */
  sso: SsoProviderConfig[];
  /** The background job runner started by `haven serve` (PLT-4). */
  jobs: { enabled: boolean; intervalSeconds: number };
  /** The background analytics refresher's pause between passes (ms). */
  analyticsRefreshMs: number;
  /** Concurrency per kind of request and the longest wait for a turn (core/http/load-shed.ts). */
  load: { write: number; read: number; analytics: number; queueMs: number };
}

/** SMTP settings (PLT-4, PAR-2). `smtpUrl` holds credentials: never log it (see redactUrl). */
export interface MailConfig { smtpUrl: string | undefined; from: string; tlsRejectUnauthorized: boolean }

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (DATABASE_URL=) means "not set", as a user would expect.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.HAVEN_DATA_DIR),
    attachmentsDir: e.HAVEN_ATTACHMENTS_DIR ? path.resolve(e.HAVEN_ATTACHMENTS_DIR) : undefined,
    demoPassword: e.HAVEN_DEMO_PASSWORD,
    seedDemo: e.HAVEN_SEED_DEMO ?? e.NODE_ENV !== 'production',
    allowDemo: e.HAVEN_ALLOW_DEMO,
    webDist: path.resolve(e.HAVEN_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    logLevel: e.LOG_LEVEL,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS, cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production' },
    trustProxy: e.TRUST_PROXY,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES, ratePerMinute: e.LOGIN_RATE_PER_MINUTE },
    bodyLimit: e.BODY_LIMIT_BYTES,
    publicUrl: (e.HAVEN_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    sso: ssoProvidersFromEnv(e),
    jobs: { enabled: e.HAVEN_JOBS, intervalSeconds: e.HAVEN_JOBS_INTERVAL_SECONDS },
    analyticsRefreshMs: e.HAVEN_ANALYTICS_REFRESH_MS,
    load: { write: e.HAVEN_MAX_WRITES, read: e.HAVEN_MAX_READS, analytics: e.HAVEN_MAX_ANALYTICS, queueMs: e.HAVEN_QUEUE_MS },
    invitations: { days: e.HAVEN_INVITATION_DAYS },
    mail: { smtpUrl: e.SMTP_URL, from: e.SMTP_FROM ?? 'Haven <haven@localhost>', tlsRejectUnauthorized: e.SMTP_TLS_REJECT_UNAUTHORIZED },
  };
}
