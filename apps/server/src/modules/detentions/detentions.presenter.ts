/** Detention rows → DTOs, with what the caller may do. A register is shown only to those who may read sanctions. */
import type { TDetentionAssignment, TDetentionSession, TDetentionType } from '@haven/contracts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { photoRef } from '../photos/photos.refs.ts';
import type { AssignmentRow, SessionRow, TypeRow } from './detentions.repo.ts';

const iso = (v: string | Date | null) => (v === null ? null : pgTimestampToIso(v));

export function presentType(actor: Actor, t: TypeRow): TDetentionType {
  return {
    id: t.id, siteId: t.siteId, name: t.name, durationMinutes: t.durationMinutes, defaultLocation: t.defaultLocation,
    missedTaskRole: t.missedTaskRole, missedReassignTypeId: t.missedReassignTypeId, active: t.active, version: t.version,
    allowed: can(actor, 'sanction.manage', { trustId: actor.trustId, siteId: t.siteId }) ? ['edit'] : [],
  };
}

export function presentAssignment(r: AssignmentRow): TDetentionAssignment {
  const a = r.a;
  return {
    id: a.id, sessionId: a.sessionId,
    pupil: { id: a.pupilId, displayName: displayName(r), yearGroup: r.yearGroup, photo: photoRef(r.photoId) },
    source: a.source as TDetentionAssignment['source'], incidentId: a.incidentId, reason: a.reason,
    status: a.status as TDetentionAssignment['status'], excuseReason: a.excuseReason, markedAt: iso(a.markedAt), parentsNotifiedAt: iso(a.parentsNotifiedAt),
    date: r.date, startTime: r.startTime, typeName: r.typeName,
  };
}

/** Who may take the register: those who manage sanctions at the site, and the supervising member of staff. */
export function mayMark(actor: Actor, s: { trustId: string; siteId: string; supervisorUserId: string }): boolean {
  return can(actor, 'sanction.manage', s) || s.supervisorUserId === actor.userId;
}

export function presentSession(actor: Actor, row: SessionRow, pupils: readonly AssignmentRow[] | null): TDetentionSession {
  const s = row.session;
  const manage = can(actor, 'sanction.manage', s);
  const allowed: string[] = [];
  if (!s.cancelledAt) allowed.push('assign');
  if (manage) allowed.push('edit');
  if (mayMark(actor, s)) allowed.push('register');
  const showRegister = pupils !== null && (can(actor, 'sanction.read', s) || s.supervisorUserId === actor.userId);
  return {
    id: s.id, siteId: s.siteId, siteName: row.siteName, type: { id: s.typeId, name: row.typeName, durationMinutes: row.durationMinutes },
    date: s.date, startTime: s.startTime, endTime: s.endTime, room: s.room, supervisor: { id: s.supervisorUserId, displayName: row.supervisorName },
    capacity: s.capacity, assigned: row.assigned, cancelled: s.cancelledAt !== null, version: s.version,
    pupils: showRegister ? pupils.map(presentAssignment) : null,
    allowed,
  };
}
