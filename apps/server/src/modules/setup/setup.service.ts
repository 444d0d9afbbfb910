/**
 * The production first run (issue 12 #6), shared by `haven setup` and the first-run page: on a database with no
 * trust, one transaction creates the trust (with its census reason codes), its sites, this academic year's calendar,
 * optionally Haven's suggested behaviour policy, and the first trust administrator. Every row is audited in the same
 * transaction, so the audit chain starts here. Refused once any trust exists; two setups at once are serialised by a
 * transaction-scoped advisory lock, and the second is refused.
 */
import { ensureStarterCatalogue } from '../support-interventions/support-catalogue.starter.ts';
import { insertStartingAgencies } from '../agencies/agencies.repo.ts';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TSetupResult, ZSetupInput } from '@haven/contracts';
import type { z } from 'zod';
import type { Database, Tx } from '../../core/db/client.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, fieldError } from '../../core/http/errors.ts';
import { hashPassword } from '../../core/auth/password.ts';
import { trusts } from '../../db/schema/platform.ts';
import { behaviourCategories, policyOptions } from '../../db/schema/policy.ts';
import { TRUST_CATEGORIES, TRUST_OPTIONS } from '../../db/seed/policy.ts';
import { ensureReasonCodes } from '../suspensions/reasons.service.ts';
import { insertSite } from '../admin/sites.repo.ts';
import { insertAssignment, insertUser, emailTaken } from '../admin/users.repo.ts';
import { insertClosure, insertTerm, insertYear } from '../calendar/calendar.repo.ts';
import { checkSites, setupCalendar, setupTermsProblem, type CheckedSite, type SetupCalendar } from './setup.rules.ts';
import { seedDefaults as seedRetentionDefaults } from '../retention/retention.repo.ts';

/** Serialises first runs (any key unused elsewhere; the audit chain uses 7421337). */
const SETUP_LOCK = 7421338;

export type SetupInput = Omit<z.infer<typeof ZSetupInput>, 'code'>;

export const alreadySetUp = () => new AppError(409, 'already_set_up', 'Haven is already set up: this database holds a trust. Sign in instead, or use an empty database for a new installation.');

/** True when the database holds no trust yet. */
export async function needsSetup(database: Database): Promise<boolean> {
  const rows = await database.db.select({ id: trusts.id }).from(trusts).limit(1);
  return rows.length === 0;
}

/** Everything that can be checked before the transaction: 400 naming the field. */
export function checkSetup(input: SetupInput, today: string): { sites: CheckedSite[]; calendar: SetupCalendar } {
  const checked = checkSites(input.sites);
  if ('problem' in checked) throw fieldError(checked.problem.field, checked.problem.message);
  const calendar = setupCalendar(today, input.terms);
  const p = setupTermsProblem(calendar, input.terms);
  if (p) throw fieldError(p.field, p.message);
  return { sites: checked.sites, calendar };
}

export interface SetupOptions {
  today: string;
  /** Who ran it, for the audit log: the command line or the first-run page. */
  audit: Omit<AuditContext, 'trustId' | 'actorUserId'>;
  /** A TOTP secret the administrator has already proved, and the step of that code (the command line asks for one); otherwise enrolment at first sign-in. */
  totp?: { secret: string; lastStep: number };
}

async function starterPolicy(tx: Tx, audit: AuditQueue, trustId: string): Promise<void> {
  const now = new Date();
  await tx.insert(behaviourCategories).values(TRUST_CATEGORIES.map((c, i) => ({ id: uuidv7(), trustId, siteId: null, ...c, active: true, sortOrder: (i + 1) * 10, createdAt: now, updatedAt: now })));
  const order = new Map<string, number>();
  await tx.insert(policyOptions).values(TRUST_OPTIONS.map((o) => {
    const n = (order.get(o.kind) ?? 0) + 10;
    order.set(o.kind, n);
    return { id: uuidv7(), trustId, siteId: null, kind: o.kind, code: o.code, label: o.label, details: o.details ?? {}, active: o.active ?? true, sortOrder: n, createdAt: now, updatedAt: now };
  }));
  audit.record({ action: 'policy.starter', entityType: 'trust', entityId: trustId, details: { categories: TRUST_CATEGORIES.map((c) => c.code), options: TRUST_OPTIONS.length } });
}

export async function runSetup(database: Database, input: SetupInput, opts: SetupOptions): Promise<TSetupResult> {
  const { sites, calendar } = checkSetup(input, opts.today);
  const email = input.admin.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.admin.password);
  const trustId = uuidv7();
  const ctx: AuditContext = { ...opts.audit, trustId, actorUserId: null };
  return inTransaction(database, ctx, async (tx, audit) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
    if ((await tx.select({ id: trusts.id }).from(trusts).limit(1)).length) throw alreadySetUp();
    if (await emailTaken(tx, email)) throw fieldError('admin.email', 'Already in use');

    await tx.insert(trusts).values({ id: trustId, name: input.trustName });
    await insertStartingAgencies(tx, trustId);
    await ensureReasonCodes(tx, trustId);
    await ensureStarterCatalogue(tx, trustId);
    await seedRetentionDefaults(tx, trustId, uuidv7);
    audit.record({ action: 'trust.create', entityType: 'trust', entityId: trustId, details: { after: { name: input.trustName }, via: 'setup' } });

    const siteIds: string[] = [];
    for (const s of sites) {
      const row = await insertSite(tx, { trustId, name: s.name, shortName: s.shortName, urn: s.urn, laCode: s.laCode, establishmentNumber: s.establishmentNumber, phase: s.phase, kind: s.kind });
      siteIds.push(row.id);
      audit.record({ action: 'site.create', entityType: 'site', entityId: row.id, siteId: row.id, details: { after: s } });
    }

    const yearId = uuidv7();
    await insertYear(tx, { id: yearId, trustId, ...calendar.academicYear });
    audit.record({ action: 'calendar.year.create', entityType: 'academic_year', entityId: yearId, details: { after: calendar.academicYear } });
    for (const t of calendar.terms) {
      const id = uuidv7();
      const row = { academicYearId: yearId, siteId: null, term: t.term, halfTerm: t.halfTerm, name: t.name, startDate: t.startDate, endDate: t.endDate };
      await insertTerm(tx, { id, trustId, ...row });
      audit.record({ action: 'calendar.term.create', entityType: 'term', entityId: id, details: { after: row } });
    }
    for (const c of calendar.closures) {
      const id = uuidv7();
      await insertClosure(tx, { id, trustId, academicYearId: yearId, siteId: null, ...c });
      audit.record({ action: 'calendar.closure.create', entityType: 'closure_day', entityId: id, details: { after: c } });
    }
    if (input.starterPolicy) await starterPolicy(tx, audit, trustId);

    const user = await insertUser(tx, {
      trustId, email, displayName: input.admin.displayName, passwordHash,
      ...(opts.totp ? { totpSecret: opts.totp.secret, totpEnabled: true, totpLastStep: opts.totp.lastStep } : {}),
    });
    await insertAssignment(tx, { trustId, userId: user.id, role: 'trust_admin', siteId: null });
    audit.record({ action: 'user.create', entityType: 'user', entityId: user.id, details: { after: { email, displayName: input.admin.displayName, assignments: [{ role: 'trust_admin', siteId: null }] } } });
    if (opts.totp) audit.record({ action: 'auth.totp_enrolled', entityType: 'user', entityId: user.id, details: { via: 'setup' } });
    audit.record({ action: 'setup.complete', entityType: 'trust', entityId: trustId, details: { sites: siteIds.length, academicYear: calendar.academicYear.label, starterPolicy: input.starterPolicy } });
    return { trustId, siteIds, academicYear: calendar.academicYear.label, adminEmail: email, twoFactor: opts.totp ? 'enrolled' : 'at_first_sign_in' };
  });
}
