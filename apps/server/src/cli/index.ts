/**
 * The `haven` command: serve, setup, migrate, seed, user create, audit verify, backup, restore, jobs, import, export,
 * analytics-rebuild, openapi, demo-code. What a command runs is imported when it runs (`await import`), so a command
 * loads only its own part of the server: refusing a bad flag, or `audit verify`, does not load the whole app first.
 */
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ROLES, type TRole } from '@haven/contracts';
import { ConfigError, loadConfig } from '../config.ts';
import type { Database } from '../core/db/client.ts';
import { DataDirLockedError } from '../core/db/lock.ts';
import { isDriverError, safeErrorText } from '../core/http/safe-error.ts';
import { AppError } from '../core/http/errors.ts';
import { jobsCommand } from './jobs.ts';
import { importCommand } from './import.ts';
import { exportCommand } from './export.ts';
import { setupCommand } from './setup.ts';
import { DEMO_ACCOUNTS, findDemoAccount } from '../db/seed/accounts.ts';
import { totpNow } from '../modules/auth/totp.ts';

const runMigrations = async (db: Database) => (await import('../core/db/migrate.ts')).runMigrations(db);

// spelt as in the README's table of demo accounts (the role code with underscores is accepted too)
const ROLES_NEEDING_CODE = DEMO_ACCOUNTS.filter((a) => a.totpSecret).map((a) => a.role.replaceAll('_', '-'));

const program = new Command('haven').description('Haven: behaviour, safeguarding and pastoral-support records').showHelpAfterError();

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const { openConfiguredDatabase } = await import('../core/db/open.ts');
  const { database, release } = await openConfiguredDatabase(loadConfig());
  try { return await fn(database); } finally { await release(); }
}

const positiveInt = (v: string) => {
  const n = Number.parseInt(v, 10);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('a whole number from 1 to 1000');
  return n;
};

program.command('serve').description('Serve the web app and API (migrates, and seeds the demo trust into an empty database)')
  .action(async () => { await (await import('./serve.ts')).serve(loadConfig()); });

program.command('migrate').description('Apply database migrations').action(() => withDatabase(async (db) => {
  await runMigrations(db);
  process.stdout.write(`Migrations applied to ${db.describe}\n`);
}));

program.command('seed').description('Seed the demo trust into an empty database (never in production)')
  .option('--scale <n>', 'make the trust N times larger (benchmarks)', positiveInt, 1)
  .action((opts: { scale: number }) => withDatabase(async (db) => {
    await runMigrations(db);
    const { isDatabaseEmpty, seedDemo } = await import('../db/seed/demo.ts');
    if (!(await isDatabaseEmpty(db))) throw new Error('The database already holds a trust. Seed into an empty one: set HAVEN_DATA_DIR to a new directory, or DATABASE_URL to an empty database.');
    const t0 = Date.now();
    const summary = await seedDemo(db, { scale: opts.scale, password: loadConfig().demoPassword });
    process.stdout.write(`Seeded the demo trust at scale ${opts.scale} in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}\n`);
  }));

const user = program.command('user').description('Manage users');
user.command('create').description('Create a user (the password is read from HAVEN_NEW_USER_PASSWORD, or asked for)')
  .requiredOption('--email <email>', 'sign-in email address')
  .requiredOption('--name <name>', 'display name')
  .option('--role <role[@site]...>', `role, optionally at a site short name, e.g. trust_admin or staff@SEMH (roles: ${ROLES.join(', ')})`, (v: string, acc: string[]) => [...acc, v], [] as string[])
  .action((opts: { email: string; name: string; role: string[] }) => withDatabase(async (db) => {
    await runMigrations(db);
    const roles = opts.role.map((r) => {
      const [role, site] = r.split('@');
      if (!(ROLES as readonly string[]).includes(role ?? '')) throw new Error(`Unknown role "${role}". Roles: ${ROLES.join(', ')}`);
      return { role: role as TRole, siteShortName: site ?? null };
    });
    const { createUserFromCli } = await import('./user.ts');
    const created = await createUserFromCli(db, { email: opts.email, displayName: opts.name, roles });
    process.stdout.write(`Created user ${created.email} (${created.id})\n`);
  }));

const audit = program.command('audit').description('The audit log');
audit.command('verify').description('Check the audit hash chain; reports edited, inserted or deleted entries by position')
  .action(() => withDatabase(async (db) => {
    const { verifyAuditChain } = await import('../core/audit/verify.ts');
    const { count, problems } = await verifyAuditChain(db);
    if (problems.length === 0) { process.stdout.write(`Audit chain intact: ${count} entries verified.\n`); return; }
    for (const p of problems) process.stderr.write(`position ${p.position}: ${p.message}\n`);
    process.stderr.write(`Audit chain BROKEN: ${problems.length} problem(s) in ${count} entries.\n`);
    process.exitCode = 1;
  }));

program.command('backup').argument('<file>', 'where to write the SQL dump').description('Write a portable SQL dump (restorable into either database kind)')
  .action((file: string) => withDatabase(async (db) => {
    const config = loadConfig();
    // files attached to records on the embedded database (or in HAVEN_ATTACHMENTS_DIR) go into the dump too
    const { backupDatabase } = await import('../core/db/backup.ts');
    const summary = await backupDatabase(db, file, { attachmentsDir: config.attachmentsDir ?? path.join(config.dataDir, 'attachments') });
    process.stdout.write(`Backup written to ${file}: ${JSON.stringify(summary)}\n`);
  }));

program.command('restore').argument('<file>', 'a dump made by haven backup').description('Restore a dump into an empty database')
  .action((file: string) => withDatabase(async (db) => {
    const { restoreDatabase } = await import('../core/db/backup.ts');
    const summary = await restoreDatabase(db, file);
    process.stdout.write(`Restored ${file} into ${db.describe}: ${JSON.stringify(summary)}\n`);
  }));

jobsCommand(program, withDatabase, () => loadConfig());
importCommand(program, withDatabase);
exportCommand(program, withDatabase);
setupCommand(program, withDatabase);

program.command('analytics-rebuild').description('Rebuild the analytics rollup and calendars from the records (after a bulk load, or to repair), site by site in short transactions: recording and dashboards go on meanwhile')
  .action(() => withDatabase(async (db) => {
    await runMigrations(db);
    const t0 = Date.now();
    const { rebuildAnalytics } = await import('../modules/analytics/analytics.rebuild.ts');
    const r = await rebuildAnalytics(db);
    process.stdout.write(`Analytics rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${r.days} site-days, ${r.calendars} trust calendar(s).\n`);
  }));

program.command('openapi').argument('<file>', 'where to write the document (JSON)')
  .description('Write the OpenAPI document of the API (as served at /api/v1/openapi.json), for API tools and client generators')
  .action(async (file: string) => {
    const { writeOpenApiDocument } = await import('./openapi.ts');
    const { operations } = await writeOpenApiDocument(loadConfig(), file);
    process.stdout.write(`OpenAPI document written to ${file}: ${operations} operations.\n`);
  });

program.command('demo-code').argument('<role>', `a demo role: ${ROLES_NEEDING_CODE.join(', ')}`)
  .description("Print the current two-factor code of a demo account (its secret is published; never in production)")
  .action((role: string) => {
    if (loadConfig().env === 'production') throw new Error('demo-code is for the demo trust only, not in production.');
    const account = findDemoAccount(role);
    if (!account?.totpSecret) throw new Error(`No demo account with two-factor for "${role}". Roles: ${ROLES_NEEDING_CODE.join(', ')}`);
    const remaining = 30 - (Math.floor(Date.now() / 1000) % 30);
    process.stdout.write(`${totpNow(account.totpSecret)}  (${account.email}; valid for ${remaining} more seconds)\n`);
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof DataDirLockedError || e instanceof ConfigError || e instanceof AppError) process.stderr.write(`${e.message}\n`);
  // a database error is named by its code only: its message can quote the data being written (safe-error.ts)
  else process.stderr.write(`haven: ${e instanceof Error && !isDriverError(e) ? e.message : safeErrorText(e)}\n`);
  process.exit(1);
});
