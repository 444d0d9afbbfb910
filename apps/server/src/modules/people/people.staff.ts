/**
 * Writing the members of staff of a site, with or without an account (supply staff have none). Matched by staff code
 * at the site, else by work email; a record is linked to the trust's user with the same email. Active staff the
 * source leaves out are reported, never deactivated by an import. Kept by hand too (add, edit, mark as left), with the
 * same rules: a staff code or work email names one member of staff at a site. And every user given a staff role has a
 * record at each site where they hold it, made in the same transaction (ensureStaffRecord).
 */
import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor, Tx } from '../../core/db/client.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';
import { diff } from '../../core/audit/diff.ts';
import { conflict } from '../../core/http/errors.ts';
import { sites } from '../../db/schema/platform.ts';
import { staffMembers } from '../../db/schema/pupils.ts';
import { roleAssignments, users } from '../../db/schema/users.ts';
import { bulkInsert, bulkUpdate, inValues } from './people.bulk.ts';
import { splitDisplayName, staffJobTitle, staffSitesOf } from './people.staff.rules.ts';
import { LEFT_OUT_LIMIT, auditMany, changedFields, type Plan, type PlanInput } from './people.types.ts';

const STAFF_FIELDS = ['staffCode', 'forename', 'surname', 'jobTitle', 'email', 'active', 'userId'] as const;
export const DEFAULT_JOB_TITLE = 'Member of staff';

export async function planStaff(db: Executor, input: PlanInput): Promise<Plan> {
  const { target, records, given } = input;
  const emails = [...new Set(records.map((r) => r.email as string | null).filter((e): e is string => !!e))];
  const [existing, accounts] = await Promise.all([
    db.select().from(staffMembers).where(eq(staffMembers.siteId, target.siteId)),
    emails.length ? db.select({ id: users.id, email: users.email }).from(users).where(and(eq(users.trustId, target.trustId), inValues(users.email, emails))) : Promise.resolve([]),
  ]);
  const byCode = new Map(existing.filter((s) => s.staffCode).map((s) => [s.staffCode!.toLowerCase(), s]));
  const byEmail = new Map(existing.filter((s) => s.email).map((s) => [s.email!.toLowerCase(), s]));
  const userByEmail = new Map(accounts.map((u) => [u.email.toLowerCase(), u.id]));
  const inserts: (typeof staffMembers.$inferInsert)[] = [];
  const updates: { row: Record<string, unknown>; changed: string[] }[] = [];
  const matched = new Set<string>();
  const problems: Plan['problems'] = [];
  let unchanged = 0;
  for (const rec of records) {
    const code = rec.staffCode as string | null | undefined;
    const email = rec.email as string | null | undefined;
    const stored = (code ? byCode.get(code.toLowerCase()) : undefined) ?? (email ? byEmail.get(email) : undefined);
    if (stored && matched.has(stored.id)) {
      problems.push({ row: rec.row, column: input.columnOf(code ? 'staffCode' : 'email'), message: 'This row matches the same member of staff as an earlier row (by staff code or email).' });
      continue;
    }
    const wanted: Record<string, unknown> = { active: true };
    for (const f of ['staffCode', 'forename', 'surname', 'jobTitle', 'email'] as const) if (given.has(f) && rec[f] !== undefined) wanted[f] = rec[f];
    if (wanted.jobTitle === null) wanted.jobTitle = stored?.jobTitle ?? DEFAULT_JOB_TITLE;
    const userId = email ? userByEmail.get(email) : undefined;
    if (userId && !stored?.userId) wanted.userId = userId;
    if (!stored) {
      inserts.push({ id: uuidv7(), trustId: target.trustId, siteId: target.siteId, ...(wanted as Partial<typeof staffMembers.$inferInsert>),
        forename: rec.forename as string, surname: rec.surname as string, jobTitle: (wanted.jobTitle as string | undefined) ?? DEFAULT_JOB_TITLE });
      continue;
    }
    matched.add(stored.id);
    const changed = changedFields(stored, wanted, STAFF_FIELDS);
    if (changed.length) updates.push({ row: { ...stored, ...wanted }, changed }); else unchanged += 1;
  }
  const left = existing.filter((s) => s.active && !matched.has(s.id));
  return {
    problems,
    counts: { rows: records.length, added: inserts.length, changed: updates.length, unchanged, left: left.length },
    leftOut: left.slice(0, LEFT_OUT_LIMIT).map((s) => `${s.forename} ${s.surname}${s.staffCode ? ` (${s.staffCode})` : ''}`),
    async apply(tx: Tx, audit, source) {
      await bulkInsert(tx, staffMembers, inserts);
      await bulkUpdate(tx, staffMembers, updates.map((u) => u.row), STAFF_FIELDS);
      const e = { siteId: target.siteId, importId: source.importId };
      auditMany(audit, { ...e, action: 'staff.created', entityType: 'staff_member' }, inserts.map((s) => ({ id: s.id!, details: { linkedToUser: !!s.userId } })));
      auditMany(audit, { ...e, action: 'staff.updated', entityType: 'staff_member' }, updates.map((u) => ({ id: u.row.id as string, details: { changed: u.changed } })));
    },
  };
}

export type StaffRow = typeof staffMembers.$inferSelect;
export interface StaffFields { forename: string; surname: string; jobTitle: string; email: string | null; staffCode: string | null }
export type StaffPatch = Partial<StaffFields> & { active?: boolean };

/** A staff code or work email names one member of staff at a site (imports match on them): a second is refused. */
async function checkUnique(db: Executor, siteId: string, v: { staffCode?: string | null | undefined; email?: string | null | undefined }, exceptId?: string): Promise<void> {
  const others = (cond: ReturnType<typeof sql>) => db.select({ id: staffMembers.id }).from(staffMembers)
    .where(and(eq(staffMembers.siteId, siteId), cond, exceptId ? ne(staffMembers.id, exceptId) : undefined)).limit(1);
  if (v.staffCode && (await others(sql`lower(${staffMembers.staffCode}) = ${v.staffCode.toLowerCase()}`)).length) {
    throw conflict('Another member of staff at this school has that staff code.', [{ field: 'staffCode', message: 'Already used by another member of staff here' }]);
  }
  if (v.email && (await others(sql`lower(${staffMembers.email}) = ${v.email.toLowerCase()}`)).length) {
    throw conflict('Another member of staff at this school has that email address.', [{ field: 'email', message: 'Already used by another member of staff here' }]);
  }
}

/** The trust's user with this email, where they have no staff record at the site yet (as imports link records). */
async function accountFor(db: Executor, trustId: string, siteId: string, email: string | null): Promise<string | null> {
  if (!email) return null;
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.trustId, trustId), eq(users.email, email.toLowerCase()),
    sql`not exists (select 1 from ${staffMembers} sm where sm.user_id = users.id and sm.site_id = ${siteId})`)).limit(1);
  return rows[0]?.id ?? null;
}

const AUDITED = ['forename', 'surname', 'jobTitle', 'email', 'staffCode', 'active', 'userId'];

/** Adds a member of staff by hand (supply and visiting staff have no account; one with the email of a user is linked). */
export async function createStaffRecord(tx: Tx, audit: AuditQueue, target: { trustId: string; siteId: string }, v: StaffFields): Promise<StaffRow> {
  await checkUnique(tx, target.siteId, v);
  const userId = await accountFor(tx, target.trustId, target.siteId, v.email);
  const row = (await tx.insert(staffMembers).values({ id: uuidv7(), trustId: target.trustId, siteId: target.siteId, userId, ...v }).returning())[0]!;
  audit.record({ action: 'staff.created', entityType: 'staff_member', entityId: row.id, siteId: row.siteId,
    details: { importId: null, linkedToUser: !!userId, after: Object.fromEntries(AUDITED.map((k) => [k, row[k as keyof StaffRow]])) } });
  return row;
}

/** Changes a member of staff's record: names, job title, email, staff code, or marks them as left (active false) or back. */
export async function updateStaffRecord(tx: Tx, audit: AuditQueue, before: StaffRow, patch: StaffPatch): Promise<StaffRow> {
  await checkUnique(tx, before.siteId, patch, before.id);
  const set: Partial<typeof staffMembers.$inferInsert> = { ...patch };
  if (!before.userId && patch.email && patch.email !== before.email) {
    const userId = await accountFor(tx, before.trustId, before.siteId, patch.email);
    if (userId) set.userId = userId;
  }
  const changed = Object.keys(set).filter((k) => (set as Record<string, unknown>)[k] !== before[k as keyof StaffRow]);
  if (changed.length === 0) return before;
  const after = (await tx.update(staffMembers).set(set).where(eq(staffMembers.id, before.id)).returning())[0]!;
  audit.record({ action: 'staff.updated', entityType: 'staff_member', entityId: before.id, siteId: before.siteId,
    details: { importId: null, changed, ...diff(before, after, AUDITED) } });
  return after;
}

/**
 * Gives a user a staff record at each site where they hold a staff role (every active site for a trust-wide one),
 * in the caller's transaction: a record of the site with the user's email and no account is linked to them; else one
 * is made from their name, with a job title from their most senior role there. A record they already have, even one
 * marked as left, is left as it is. Returns how many records were made or linked.
 */
export async function ensureStaffRecord(tx: Executor, audit: AuditQueue, user: { id: string; trustId: string; email: string; displayName: string }): Promise<number> {
  const assignments = await tx.select({ role: roleAssignments.role, siteId: roleAssignments.siteId }).from(roleAssignments).where(eq(roleAssignments.userId, user.id));
  const trustWide = assignments.some((a) => a.siteId === null);
  const trustSites = trustWide
    ? (await tx.select({ id: sites.id }).from(sites).where(and(eq(sites.trustId, user.trustId), eq(sites.active, true)))).map((r) => r.id) : [];
  const wanted = staffSitesOf(assignments, trustSites);
  if (wanted.size === 0) return 0;
  const email = user.email.toLowerCase();
  const existing = await tx.select().from(staffMembers).where(and(inArray(staffMembers.siteId, [...wanted.keys()]),
    or(eq(staffMembers.userId, user.id), and(isNull(staffMembers.userId), sql`lower(${staffMembers.email}) = ${email}`))));
  let made = 0;
  for (const [siteId, roles] of wanted) {
    const here = existing.filter((s) => s.siteId === siteId);
    if (here.some((s) => s.userId === user.id)) continue;
    const unlinked = here.sort((a, b) => Number(b.active) - Number(a.active))[0];
    if (unlinked) {
      await tx.update(staffMembers).set({ userId: user.id }).where(eq(staffMembers.id, unlinked.id));
      audit.record({ action: 'staff.updated', entityType: 'staff_member', entityId: unlinked.id, siteId,
        details: { importId: null, automatic: true, changed: ['userId'], before: { userId: null }, after: { userId: user.id } } });
    } else {
      const id = uuidv7();
      const name = splitDisplayName(user.displayName);
      const jobTitle = staffJobTitle(roles) ?? DEFAULT_JOB_TITLE;
      await tx.insert(staffMembers).values({ id, trustId: user.trustId, siteId, userId: user.id, ...name, jobTitle, email });
      audit.record({ action: 'staff.created', entityType: 'staff_member', entityId: id, siteId,
        details: { importId: null, automatic: true, linkedToUser: true, roles, after: { ...name, jobTitle, email, userId: user.id } } });
    }
    made += 1;
  }
  return made;
}

/** A new site: users with a trust-wide staff role work there too, so each gets a staff record at it. */
export async function ensureStaffRecordsAtNewSite(tx: Tx, audit: AuditQueue, trustId: string): Promise<number> {
  const trustWide = await tx.selectDistinct({ id: users.id, trustId: users.trustId, email: users.email, displayName: users.displayName })
    .from(roleAssignments).innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.trustId, trustId), isNull(roleAssignments.siteId), eq(users.active, true)));
  let made = 0;
  for (const u of trustWide) made += await ensureStaffRecord(tx, audit, u);
  return made;
}
