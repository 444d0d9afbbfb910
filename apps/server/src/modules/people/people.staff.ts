/**
 * Writing the members of staff of a site, with or without an account (supply staff have none). Matched by staff code
 * at the site, else by work email; a record is linked to the trust's user with the same email. Active staff the
 * source leaves out are reported, never deactivated by an import.
 */
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor, Tx } from '../../core/db/client.ts';
import { staffMembers } from '../../db/schema/pupils.ts';
import { users } from '../../db/schema/users.ts';
import { bulkInsert, bulkUpdate, inValues } from './people.bulk.ts';
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
