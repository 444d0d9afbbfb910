/**
 * Tasks (POL-3): created by escalation rules (and later by other workflows) for a role at a site, or for one user.
 * Holders of task.read see the tasks of the roles they hold at each site; anyone sees tasks assigned to them.
 */
import { ROLES, type TRole, type TTask, type TTaskListQuery, type TTaskStatus } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { rolesAt, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, forbidden, notFound } from '../../core/http/errors.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './tasks.repo.ts';

export function visibilityOf(actor: Actor): repo.TaskVisibility {
  const rolesBySite = new Map<string, string[]>();
  for (const siteId of scope(actor, 'task.read').siteIds) rolesBySite.set(siteId, [...new Set(rolesAt(actor, siteId))]);
  return { trustId: actor.trustId, userId: actor.userId, rolesBySite };
}

const isRole = (r: string | null): r is TRole => r !== null && (ROLES as readonly string[]).includes(r);

export function presentTask(actor: Actor, r: repo.TaskRow): TTask {
  const t = r.task;
  return {
    id: t.id, siteId: t.siteId, siteName: r.siteName,
    pupil: t.pupilId && r.pupilForename !== null && r.pupilSurname !== null
      ? { id: t.pupilId, name: displayName({ legalForename: r.pupilForename, legalSurname: r.pupilSurname, preferredForename: r.pupilPreferredForename, preferredSurname: r.pupilPreferredSurname }) }
      : null,
    sourceType: t.sourceType, sourceId: t.sourceId, title: t.title, detail: t.detail, suggestion: t.suggestion,
    assignedRole: isRole(t.assignedRole) ? t.assignedRole : null, assignedToMe: t.assignedUserId === actor.userId,
    status: t.status as TTaskStatus, dueOn: t.dueOn, createdAt: pgTimestampToIso(t.createdAt),
    completedAt: t.completedAt ? pgTimestampToIso(t.completedAt) : null,
    completedBy: t.completedBy ? { id: t.completedBy, name: r.completerName ?? '' } : null,
    allowed: t.status === 'open' ? ['complete', 'dismiss'] : [],
  };
}

export async function listTasks(deps: Deps, actor: Actor, q: TTaskListQuery) {
  const v = visibilityOf(actor);
  if (q.siteId && !v.rolesBySite.has(q.siteId)) throw forbidden('You do not work at that site.');
  const { rows, total } = await repo.listTasks(deps.database.db, v, { siteId: q.siteId, status: q.status ?? 'open', mine: q.mine === 'true' }, q.page, q.pageSize);
  return { items: rows.map((r) => presentTask(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

export async function finishTask(deps: Deps, actor: Actor, ctx: AuditContext, id: string, outcome: 'done' | 'dismissed') {
  const v = visibilityOf(actor);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const found = await repo.findTask(tx, v, id);
    if (!found) throw notFound('task');
    if (found.task.status !== 'open' || !(await repo.finishTask(tx, id, outcome, actor.userId, new Date()))) {
      throw conflict(`This task was already ${found.task.status === 'dismissed' ? 'dismissed' : 'completed'}.`);
    }
    audit.record({ action: outcome === 'done' ? 'task.complete' : 'task.dismiss', entityType: 'task', entityId: id, siteId: found.task.siteId,
      details: { sourceType: found.task.sourceType, pupilId: found.task.pupilId } });
    return presentTask(actor, (await repo.findTask(tx, v, id))!);
  });
}
