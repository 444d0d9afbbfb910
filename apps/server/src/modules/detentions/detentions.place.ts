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

/** Why a pupil could not be put in a session, checked under the session's lock. */
export type PlaceProblem = 'gone' | 'cancelled' | 'full' | 'already';

const PROBLEM_TEXT: Record<PlaceProblem, (capacity: number) => [string, { field: string; message: string }[]]> = {
  gone: () => ['That detention session no longer exists.', []],
  cancelled: () => ['That detention session has been cancelled.', [{ field: 'sessionId', message: 'Cancelled' }]],
  full: (capacity) => [`That session is full (${capacity} places): choose another.`, [{ field: 'sessionId', message: 'Full' }]],
  already: () => ['This pupil is already in that session.', [{ field: 'pupilId', message: 'Already in this session' }]],
};

/** Someone chose this session: a problem is theirs to see (409). */
export async function placePupil(tx: Executor, w: SanctionWrite, p: Placement): Promise<repo.AssignmentRow> {
  const r = await tryPlacePupil(tx, w, p);
  if ('row' in r) return r.row;
  const [message, fields] = PROBLEM_TEXT[r.problem](r.capacity);
  throw conflict(message, fields);
}

/**
 * Lock the session, then check it (still there, not cancelled, a place left, the pupil not in it yet) and place the
 * pupil; or say what stopped it, having written nothing.
 */
export async function tryPlacePupil(tx: Executor, w: SanctionWrite, p: Placement): Promise<{ row: repo.AssignmentRow } | { problem: PlaceProblem; capacity: number }> {
  await repo.lockSession(tx, p.sessionId);
  const session = await repo.findSession(tx, p.trustId, p.sessionId);
  if (!session) return { problem: 'gone', capacity: 0 };
  const s = session.session;
  if (s.cancelledAt) return { problem: 'cancelled', capacity: s.capacity };
  if (!hasSpace(s.capacity, session.assigned)) return { problem: 'full', capacity: s.capacity };
  const existing = await repo.assignmentsOfSessions(tx, [s.id]);
  if (existing.some((e) => e.a.pupilId === p.pupilId)) return { problem: 'already', capacity: s.capacity };
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
    pupil: { firstName: row.preferredForename ?? row.legalForename, lastName: row.preferredSurname ?? row.legalSurname, yearGroup: row.yearGroup },
    date: s.date, startTime: s.startTime, endTime: s.endTime, room: s.room, createdBy: p.actingUserId,
  });
  if (told > 0) w.audit.record({ action: 'detention.parents_notified', entityType: 'detention_assignment', entityId: id, siteId: s.siteId, details: { messages: told } });
  return { row: (await repo.findAssignment(tx, p.trustId, id))! };
}
