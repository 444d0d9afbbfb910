/** `haven user create`: the first trust administrator on a fresh production install, or any user. */
import { ensureStarterCatalogue } from '../modules/support-interventions/support-catalogue.starter.ts';
import readline from 'node:readline/promises';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TRole } from '@haven/contracts';
import type { Database } from '../core/db/client.ts';
import { inTransaction } from '../core/db/tx.ts';
import { SYSTEM_AUDIT } from '../core/audit/audit.ts';
import { hashPassword } from '../core/auth/password.ts';
import { sites, trusts } from '../db/schema/platform.ts';
import { roleAssignments, users } from '../db/schema/users.ts';
import { ensureReasonCodes } from '../modules/suspensions/reasons.service.ts';
import { ensureStaffRecord } from '../modules/people/people.staff.ts';
import { seedDefaults as seedRetentionDefaults } from '../modules/retention/retention.repo.ts';

async function askPassword(): Promise<string> {
  const fromEnv = process.env.HAVEN_NEW_USER_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error('Set HAVEN_NEW_USER_PASSWORD, or run in a terminal to be asked for the password.');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try { return await rl.question('Password (at least 12 characters): '); } finally { rl.close(); }
}

export async function createUserFromCli(database: Database, opts: { email: string; displayName: string; roles: { role: TRole; siteShortName: string | null }[]; trustName?: string }) {
  const email = opts.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error('--email: not a valid email address');
  const password = await askPassword();
  if (password.length < 12) throw new Error('The password must have at least 12 characters.');
  const passwordHash = await hashPassword(password);
  return inTransaction(database, { ...SYSTEM_AUDIT, actorLabel: 'haven user create (command line)' }, async (tx, audit) => {
    if ((await tx.select({ id: users.id }).from(users).where(eq(users.email, email))).length) throw new Error(`A user with the email ${email} already exists.`);
    let trust = (await tx.select().from(trusts).limit(1))[0];
    if (!trust) {
      const id = uuidv7();
      await tx.insert(trusts).values({ id, name: opts.trustName ?? 'My trust' });
      trust = (await tx.select().from(trusts).where(eq(trusts.id, id)))[0]!;
      // The trust's census reason codes, copied from the published set (SPEC §6), so recording can check them at once.
      await ensureReasonCodes(tx, id);
      await ensureStarterCatalogue(tx, id);
      await seedRetentionDefaults(tx, id, uuidv7);
      audit.record({ action: 'trust.create', entityType: 'trust', entityId: id, details: { name: trust.name } });
    }
    const siteRows = await tx.select().from(sites).where(eq(sites.trustId, trust.id));
    const id = uuidv7();
    await tx.insert(users).values({ id, trustId: trust.id, email, displayName: opts.displayName, passwordHash });
    for (const r of opts.roles) {
      const site = r.siteShortName ? siteRows.find((s) => s.shortName.toLowerCase() === r.siteShortName!.toLowerCase()) : null;
      if (r.siteShortName && !site) throw new Error(`No site with the short name "${r.siteShortName}". Sites: ${siteRows.map((s) => s.shortName).join(', ') || 'none yet'}`);
      await tx.insert(roleAssignments).values({ id: uuidv7(), trustId: trust.id, userId: id, role: r.role, siteId: site?.id ?? null });
    }
    audit.record({ action: 'user.create', entityType: 'user', entityId: id, details: { after: { email, displayName: opts.displayName, roles: opts.roles } } });
    await ensureStaffRecord(tx, audit, { id, trustId: trust.id, email, displayName: opts.displayName });
    return { id, email };
  });
}
