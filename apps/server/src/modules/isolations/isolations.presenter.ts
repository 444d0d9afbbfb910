/** Isolation rows → DTOs with the caller's actions. */
import type { TIsolationSession } from '@haven/contracts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { photoRef } from '../photos/photos.refs.ts';
import type { IsolationPupilRow, IsolationRow } from './isolations.repo.ts';

export function mayMarkIsolation(actor: Actor, s: { trustId: string; siteId: string; staffUserId: string }): boolean {
  return can(actor, 'sanction.manage', s) || s.staffUserId === actor.userId;
}

export function presentIsolationPupil(r: IsolationPupilRow): TIsolationSession['pupils'][number] {
  const p = r.p;
  return {
    id: p.id, sessionId: p.sessionId, pupil: { id: p.pupilId, displayName: displayName(r), yearGroup: r.yearGroup, photo: photoRef(r.photoId) },
    incidentId: p.incidentId, reason: p.reason, status: p.status as 'assigned', excuseReason: p.excuseReason, markedAt: p.markedAt ? pgTimestampToIso(p.markedAt) : null,
  };
}

export function presentIsolation(actor: Actor, row: IsolationRow, pupils: readonly IsolationPupilRow[]): TIsolationSession {
  const s = row.session;
  const allowed: string[] = [];
  if (can(actor, 'sanction.manage', s)) allowed.push('edit', 'assign');
  if (mayMarkIsolation(actor, s)) allowed.push('register');
  return {
    id: s.id, siteId: s.siteId, siteName: row.siteName, date: s.date, session: s.session as 'am', startTime: s.startTime, endTime: s.endTime,
    room: s.room, staff: { id: s.staffUserId, displayName: row.staffName }, workSet: s.workSet, capacity: s.capacity, version: s.version,
    pupils: pupils.map(presentIsolationPupil), allowed,
  };
}
