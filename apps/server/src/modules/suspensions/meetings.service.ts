/** Meetings about a pupil (SUP-4): for now the reintegration meeting scheduled when a suspension is issued. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TMeeting } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { forbidden, notFound } from '../../core/http/errors.ts';
import { meetings } from '../../db/schema/exclusions.ts';
import { tasks } from '../../db/schema/workflow.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './suspensions.repo.ts';
import { presentMeeting } from './suspensions.presenter.ts';

async function presentAll(deps: Deps, actor: Actor, rows: repo.MeetingRow[]): Promise<TMeeting[]> {
  const pupils = new Map((await repo.pupilsByIds(deps.database.db, [...new Set(rows.map((r) => r.pupilId))])).map((p) => [p.id, displayName(p)]));
  return rows.map((m) => presentMeeting(actor, m, pupils.get(m.pupilId) ?? ''));
}

export async function list(deps: Deps, actor: Actor, q: { pupilId?: string | undefined; from?: string | undefined }) {
  const siteIds = scope(actor, 'suspension.read').siteIds;
  if (!siteIds.length) return { items: [] };
  const where = [inArray(meetings.siteId, siteIds)];
  if (q.pupilId) where.push(eq(meetings.pupilId, q.pupilId));
  const rows = (await deps.database.db.select().from(meetings).where(and(...where)).orderBy(asc(meetings.date)).limit(500))
    .filter((m) => !q.from || m.date >= q.from);
  return { items: await presentAll(deps, actor, rows) };
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, input: Partial<Pick<TMeeting, 'date' | 'status' | 'attendees' | 'notes' | 'agreedActions'>>) {
  const row = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const m = (await tx.select().from(meetings).where(eq(meetings.id, id)))[0];
    if (!m || m.trustId !== actor.trustId || !can(actor, 'suspension.read', m)) throw notFound('meeting');
    if (!can(actor, 'suspension.manage', m)) throw forbidden('Only the head, a senior leader or the behaviour lead of the school may change this meeting.');
    const next = {
      date: input.date ?? m.date, status: input.status ?? m.status, attendees: input.attendees ?? m.attendees,
      notes: input.notes !== undefined ? input.notes : m.notes, agreedActions: input.agreedActions ?? m.agreedActions, updatedAt: new Date(),
    };
    await tx.update(meetings).set(next).where(eq(meetings.id, id));
    if (next.status !== 'scheduled') {
      await tx.update(tasks).set({ status: next.status === 'held' ? 'done' : 'dismissed', completedAt: new Date(), completedBy: actor.userId })
        .where(and(eq(tasks.sourceType, 'meeting'), eq(tasks.sourceId, id), eq(tasks.status, 'open')));
    } else if (input.date) {
      await tx.update(tasks).set({ dueOn: input.date }).where(and(eq(tasks.sourceType, 'meeting'), eq(tasks.sourceId, id), eq(tasks.status, 'open')));
    }
    audit.record({ action: 'meeting.update', entityType: 'meeting', entityId: id, siteId: m.siteId,
      details: { before: { date: m.date, status: m.status }, after: { date: next.date, status: next.status, attendees: next.attendees.length, agreedActions: next.agreedActions.length } } });
    return { ...m, ...next };
  });
  return (await presentAll(deps, actor, [row]))[0]!;
}
