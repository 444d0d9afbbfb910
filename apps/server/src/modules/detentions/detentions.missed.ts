/**
 * A missed detention escalates by its type's rule (SAN-1): a task for the configured role (notified in the app) and/or
 * a place in the next session of the configured longer type after the missed one. When no session of that type has a
 * place, the task says so (and one is created for the behaviour lead if the type names no role), so nothing is lost.
 */
import type { TDetentionAssignment, TRole } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { formatUkDate } from '../../core/calendar/calendar.ts';
import { notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { londonToday } from '../../core/time.ts';
import * as escalationRepo from '../policy/escalation.repo.ts';
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './detentions.repo.ts';
import { presentAssignment } from './detentions.presenter.ts';
import { missedPlan } from './detentions.rules.ts';
import type { SanctionWrite } from './detentions.place.ts';
import { placeInNextSession } from './detentions.auto.ts';
import type { detentionSessions } from '../../db/schema/sanctions.ts';

export interface MissedResult { taskId: string | null; reassignedTo: TDetentionAssignment | null; note: string | null }

export async function escalateMissed(tx: Executor, w: SanctionWrite, m: {
  actor: Actor; assignment: repo.AssignmentRow; session: typeof detentionSessions.$inferSelect;
}): Promise<MissedResult> {
  const { actor, assignment, session } = m;
  const type = (await repo.findType(tx, actor.trustId, session.typeId))!;
  const plan = missedPlan(type);
  const pupilName = displayName(assignment);
  let reassigned: repo.AssignmentRow | null = null;
  let note: string | null = null;
  if (plan.reassignTypeId) {
    const next = await repo.findType(tx, actor.trustId, plan.reassignTypeId);
    const cal = await loadSiteCalendar(tx, actor.trustId, session.siteId);
    const r = await placeInNextSession(tx, w, {
      cal, typeId: plan.reassignTypeId, typeName: next?.name ?? 'follow-up', siteId: session.siteId,
      after: [session.date, londonToday()].sort().at(-1)!, pupilName,
      placement: {
        trustId: actor.trustId, pupilId: assignment.a.pupilId, source: 'missed', incidentId: assignment.a.incidentId,
        previousAssignmentId: assignment.a.id, reason: `Missed ${type.name} on ${formatUkDate(session.date)}`, assignedBy: actor.userId, actingUserId: actor.userId,
      },
    });
    if ('row' in r) reassigned = r.row;
    else note = r.reason;
  }
  const taskRole = plan.task ?? (note ? 'behaviour_lead' : null);
  let taskId: string | null = null;
  if (taskRole) {
    const detail = [
      `${pupilName} missed ${type.name} on ${formatUkDate(session.date)} at ${session.startTime}.`,
      reassigned ? `Re-assigned to ${reassigned.typeName} on ${formatUkDate(reassigned.date)} at ${reassigned.startTime}.` : null,
      note,
    ].filter(Boolean).join(' ');
    [taskId] = await escalationRepo.insertTasks(tx, [{
      trustId: actor.trustId, siteId: session.siteId, pupilId: assignment.a.pupilId, sourceType: 'detention_missed', sourceId: assignment.a.id,
      title: `Missed detention: ${pupilName}`, detail, suggestion: 'Speak to the pupil and their parents; check the follow-up detention.', assignedRole: taskRole, status: 'open',
    }]) as [string];
    const recipients = await usersWithRoleAt(tx, actor.trustId, session.siteId, [taskRole as TRole]);
    await notify(tx, w.after, recipients, { trustId: actor.trustId, siteId: session.siteId, kind: 'detention.missed', title: `Missed detention: ${pupilName}`, body: detail, link: '/tasks' });
    for (const userId of recipients) w.after.push(userId, 'task.created', { id: taskId, title: `Missed detention: ${pupilName}` });
    w.audit.record({ action: 'task.create', entityType: 'task', entityId: taskId, siteId: session.siteId, details: { sourceType: 'detention_missed', assignmentId: assignment.a.id, role: taskRole } });
  }
  return { taskId, reassignedTo: reassigned ? presentAssignment(reassigned) : null, note };
}
