/**
 * Task queries. A task is visible to a user who holds its assigned role at its site (within their task.read scope),
 * or to the user it is assigned to. The caller passes the roles it holds per site, so the SQL never widens scope.
 */
import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../core/db/client.ts';
import { tasks } from '../../db/schema/workflow.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';

export interface TaskVisibility {
  trustId: string;
  userId: string;
  /** Site id → the roles the user holds there (only sites where they hold task.read). */
  rolesBySite: Map<string, string[]>;
}

export function taskVisibleWhere(v: TaskVisibility): SQL {
  const byRole = [...v.rolesBySite.entries()].filter(([, roles]) => roles.length > 0)
    .map(([siteId, roles]) => and(eq(tasks.siteId, siteId), inArray(tasks.assignedRole, roles)));
  return and(eq(tasks.trustId, v.trustId), or(eq(tasks.assignedUserId, v.userId), ...byRole))!;
}

const completer = alias(users, 'completer');

function tasksQuery(db: Executor) {
  return db.select({
    task: tasks, siteName: sites.name, completerName: completer.displayName,
    pupilForename: pupils.legalForename, pupilSurname: pupils.legalSurname,
    pupilPreferredForename: pupils.preferredForename, pupilPreferredSurname: pupils.preferredSurname,
  }).from(tasks)
    .innerJoin(sites, eq(sites.id, tasks.siteId))
    .leftJoin(pupils, eq(pupils.id, tasks.pupilId))
    .leftJoin(completer, eq(completer.id, tasks.completedBy));
}

export type TaskRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;

export async function listTasks(db: Executor, v: TaskVisibility, f: { siteId?: string | undefined; status: string; mine?: boolean }, page: number, pageSize: number) {
  const where = and(taskVisibleWhere(v), eq(tasks.status, f.status), f.siteId ? eq(tasks.siteId, f.siteId) : undefined,
    f.mine ? eq(tasks.assignedUserId, v.userId) : undefined);
  // open tasks: oldest first (the queue); finished ones: most recently finished first
  const order = f.status === 'open' ? [sql`${tasks.createdAt} asc`, tasks.id] : [sql`${tasks.completedAt} desc nulls last`, desc(tasks.id)];
  const rows = await tasksQuery(db).where(where).orderBy(...order).limit(pageSize).offset((page - 1) * pageSize);
  const totals = await db.select({ n: count() }).from(tasks).where(where);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export async function findTask(db: Executor, v: TaskVisibility, id: string) {
  const rows = await tasksQuery(db).where(and(taskVisibleWhere(v), eq(tasks.id, id))).limit(1);
  return rows[0];
}

export async function finishTask(db: Executor, id: string, status: 'done' | 'dismissed', by: string, at: Date): Promise<boolean> {
  const rows = await db.update(tasks).set({ status, completedAt: at, completedBy: by })
    .where(and(eq(tasks.id, id), eq(tasks.status, 'open'))).returning({ id: tasks.id });
  return rows.length > 0;
}
