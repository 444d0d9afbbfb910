/** User and role-assignment queries for trust administration (always within one trust). */
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { roleAssignments, users } from '../../db/schema/users.ts';
import { sites } from '../../db/schema/platform.ts';

export type UserRow = typeof users.$inferSelect;
export interface AssignmentRow { id: string; userId: string; role: string; siteId: string | null; siteName: string | null }

export interface UserFilter { trustId: string; search?: string | undefined; siteId?: string | undefined; role?: string | undefined }

function where(f: UserFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(users.trustId, f.trustId)];
  if (f.search) {
    const p = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(users.email, p), ilike(users.displayName, p)));
  }
  if (f.siteId || f.role) {
    const conds = [sql`ra.user_id = ${users.id}`];
    if (f.siteId) conds.push(sql`(ra.site_id = ${f.siteId} or ra.site_id is null)`);
    if (f.role) conds.push(sql`ra.role = ${f.role}`);
    parts.push(sql`exists (select 1 from ${roleAssignments} ra where ${sql.join(conds, sql` and `)})`);
  }
  return and(...parts);
}

export async function listUsers(db: Executor, f: UserFilter, page: number, pageSize: number) {
  const w = where(f);
  const [rows, totals] = await Promise.all([
    db.select().from(users).where(w).orderBy(asc(users.displayName), asc(users.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(users).where(w),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export async function findUser(db: Executor, trustId: string, id: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(and(eq(users.trustId, trustId), eq(users.id, id))).limit(1);
  return rows[0];
}

export async function emailTaken(db: Executor, email: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return rows.length > 0;
}

export async function assignmentsOf(db: Executor, userIds: string[]): Promise<AssignmentRow[]> {
  if (userIds.length === 0) return [];
  return db.select({ id: roleAssignments.id, userId: roleAssignments.userId, role: roleAssignments.role, siteId: roleAssignments.siteId, siteName: sites.name })
    .from(roleAssignments).leftJoin(sites, eq(sites.id, roleAssignments.siteId))
    .where(inArray(roleAssignments.userId, userIds)).orderBy(roleAssignments.role);
}

export async function insertUser(db: Executor, v: Omit<typeof users.$inferInsert, 'id'>): Promise<UserRow> {
  const rows = await db.insert(users).values({ id: uuidv7(), ...v }).returning();
  return rows[0]!;
}

export async function updateUser(db: Executor, id: string, version: number, patch: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const rows = await db.update(users).set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, version))).returning();
  return rows[0];
}

export async function bumpUserVersion(db: Executor, id: string): Promise<void> {
  await db.update(users).set({ version: sql`${users.version} + 1`, updatedAt: new Date() }).where(eq(users.id, id));
}

export async function insertAssignment(db: Executor, v: { trustId: string; userId: string; role: string; siteId: string | null }) {
  const rows = await db.insert(roleAssignments).values({ id: uuidv7(), ...v }).returning();
  return rows[0]!;
}

export async function deleteAssignment(db: Executor, userId: string, id: string) {
  const rows = await db.delete(roleAssignments).where(and(eq(roleAssignments.id, id), eq(roleAssignments.userId, userId))).returning();
  return rows[0];
}

export async function siteIdsOfTrust(db: Executor, trustId: string): Promise<string[]> {
  const rows = await db.select({ id: sites.id }).from(sites).where(eq(sites.trustId, trustId));
  return rows.map((r) => r.id);
}
