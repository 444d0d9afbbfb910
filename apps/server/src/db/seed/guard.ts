/**
 * Production refuses demo data (issue 11 #19). The demo trust's accounts have a password and two-factor secrets
 * published in the README, so a production server holding them is open to anyone. `haven serve` with
 * NODE_ENV=production checks the database before it listens, and exits saying why, unless HAVEN_ALLOW_DEMO=true.
 */
import { verify } from '@node-rs/argon2';
import type { Database } from '../../core/db/client.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_TOTP_SECRETS } from './accounts.ts';
import { DEMO_TRUST_NAME } from './generator.ts';

/** Password checks run this many at a time (argon2 runs on libuv's thread pool). */
const PARALLEL = 4;

/** Why the database holds demo data, in words (empty when it does not). */
export async function demoDataFound(database: Database): Promise<string[]> {
  const reasons: string[] = [];
  const [trusts, demoUsers] = await Promise.all([
    database.query<{ n: number }>('select count(*)::int as n from trusts where name = $1', [DEMO_TRUST_NAME]),
    database.query<{ n: number }>('select count(*)::int as n from users where active and email like $1', [`%@${DEMO_EMAIL_DOMAIN}`]),
  ]);
  if (trusts[0]!.n > 0) reasons.push(`the database holds the demo trust ("${DEMO_TRUST_NAME}")`);
  if (demoUsers[0]!.n > 0) reasons.push(`${demoUsers[0]!.n} active account(s) use the demo address domain @${DEMO_EMAIL_DOMAIN}`);
  const secrets = Object.values(DEMO_TOTP_SECRETS);
  const totp = await database.query<{ n: number }>('select count(*)::int as n from users where active and totp_secret = any($1::text[])', [secrets]);
  if (totp[0]!.n > 0) reasons.push(`${totp[0]!.n} active account(s) use a published demo two-factor secret`);
  const hashes = await database.query<{ password_hash: string }>('select password_hash from users where active and password_hash is not null');
  let published = 0;
  for (let i = 0; i < hashes.length; i += PARALLEL) {
    const batch = await Promise.all(hashes.slice(i, i + PARALLEL).map((h) => verify(h.password_hash, DEMO_PASSWORD).catch(() => false)));
    published += batch.filter(Boolean).length;
  }
  if (published > 0) reasons.push(`${published} active account(s) have the published demo password`);
  return reasons;
}

export class DemoDataRefusedError extends Error {}

/** Throws, saying why, when production would serve demo data without HAVEN_ALLOW_DEMO=true. */
export async function refuseDemoInProduction(database: Database, config: { env: string; allowDemo: boolean }): Promise<void> {
  if (config.env !== 'production' || config.allowDemo) return;
  const reasons = await demoDataFound(database);
  if (!reasons.length) return;
  throw new DemoDataRefusedError([
    'Refusing to serve: NODE_ENV is "production" but this database holds demo data, whose passwords and two-factor',
    'secrets are published in the README, so anyone could sign in:',
    ...reasons.map((r) => `  - ${r}`),
    'Use a database without the demo trust, change or deactivate those accounts, or set HAVEN_ALLOW_DEMO=true to',
    'serve it anyway (a public demonstration only, never with real pupils).',
  ].join('\n'));
}
