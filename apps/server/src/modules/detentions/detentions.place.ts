/**
 * Putting a pupil in a detention session: the one write every route into a detention goes through (a leader, a
 * member of staff from their incident, an escalation rule, a missed detention). It locks the session, enforces the
 * capacity, writes the assignment, audits it and tells the parents, all in the caller's transaction.
 */
import { uuidv7 } from 'uuidv7';
import type { AuditQueue } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { conflict } from '../../core/http/errors.ts';
import type { AfterCommit } from '../../core/notify/notify.ts';
import type { Deps } from '../../core/http/context.ts';
import { sendAfterCommit } from '../../core/comms/comms.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './detentions.repo.ts';
import { notifyParents } from './detentions.parents.ts';
import { hasSpace } from './detentions.rules.ts';

/** What a sanctions write carries besides its transaction: live events and parent messages to send after commit. */
export interface SanctionWrite {
  deps: Deps;
  after: AfterCommit;
  audit: AuditQueue;
  /** Communications-log ids to email once the transaction has committed (finishWrite). */
  comms: string[];
}

export function newWrite(deps: Deps, after: AfterCommit, audit: AuditQueue): SanctionWrite {
  return { deps, after, audit, comms: [] };
}

/** After commit: live events out, parent emails sent in the background. */
export function finishWrite(deps: Deps, after: AfterCommit, comms: readonly string[]): void {
  after.publish(deps.hub);
  sendAfterCommit(deps, comms);
}

export interface Placement {
  trustId: string;
  sessionId: string;
  pupilId: string;
  source: 'incident' | 'direct' | 'rule' | 'missed';
  incidentId?: string | null;
  escalationRuleId?: string | null;
  previousAssignmentId?: string | null;
  reason?: string | null;
  assignedBy: string | null;
  /** Who the parent messages are from (the person who acted, or who recorded what triggered a rule). */
  actingUserId: string;
}

export async function placePupil(tx: Executor, w: SanctionWrite, p: Placement): Promise<repo.AssignmentRow> {
  await repo.lockSession(tx, p.sessionId);
  const session = await repo.findSession(tx, p.trustId, p.sessionId);
  if (!session) throw conflict('That detention session no longer exists.');
  const s = session.session;
  if (s.cancelledAt) throw conflict('That detention session has been cancelled.', [{ field: 'sessionId', message: 'Cancelled' }]);
  if (!hasSpace(s.capacity, session.assigned)) throw conflict(`That session is full (${s.capacity} places): choose another.`, [{ field: 'sessionId', message: 'Full' }]);
  const existing = await repo.assignmentsOfSessions(tx, [s.id]);
  if (existing.some((e) => e.a.pupilId === p.pupilId)) throw conflict('This pupil is already in that session.', [{ field: 'pupilId', message: 'Already in this session' }]);
  const id = uuidv7();
  await repo.insertAssignment(tx, {
    id, trustId: p.trustId, siteId: s.siteId, sessionId: s.id, pupilId: p.pupilId, source: p.source, incidentId: p.incidentId ?? null,
    escalationRuleId: p.escalationRuleId ?? null, previousAssignmentId: p.previousAssignmentId ?? null, reason: p.reason || null,
    status: 'assigned', assignedBy: p.assignedBy,
  });
  w.audit.record({
    action: 'detention.assign', entityType: 'detention_assignment', entityId: id, siteId: s.siteId,
    details: { sessionId: s.id, pupilId: p.pupilId, source: p.source, incidentId: p.incidentId ?? null, escalationRuleId: p.escalationRuleId ?? null, previousAssignmentId: p.previousAssignmentId ?? null },
  });
  const row = (await repo.findAssignment(tx, p.trustId, id))!;
  const told = await notifyParents(tx, w, {
    trustId: p.trustId, siteId: s.siteId, assignmentId: id, pupilId: p.pupilId, pupilName: displayName(row), typeName: session.typeName,
    date: s.date, startTime: s.startTime, endTime: s.endTime, room: s.room, createdBy: p.actingUserId,
  });
  if (told > 0) w.audit.record({ action: 'detention.parents_notified', entityType: 'detention_assignment', entityId: id, siteId: s.siteId, details: { messages: told } });
  return (await repo.findAssignment(tx, p.trustId, id))!;
}
