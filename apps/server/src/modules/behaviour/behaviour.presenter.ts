/** Quick-event rows → contract DTOs, with the actions this caller may take (`void` for leads, `undo` for the author). */
import type { TBehaviourEvent, TPolarity, TPupilGroupItem } from '@haven/contracts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type { EventRow, listGroups, LoggedEvent, LogPupil } from './behaviour.repo.ts';
import { undoOpen } from './behaviour.rules.ts';

export function eventActions(actor: Actor, e: { trustId: string; siteId: string; recordedBy: string; createdAt: string | Date; voidedAt: string | Date | null }, now: Date): string[] {
  if (e.voidedAt) return [];
  const allowed: string[] = [];
  if (e.recordedBy === actor.userId && undoOpen(new Date(pgTimestampToIso(e.createdAt)), now)) allowed.push('undo');
  if (can(actor, 'incident.void', e)) allowed.push('void');
  return allowed;
}

export function presentEvent(actor: Actor, r: EventRow, now: Date): TBehaviourEvent {
  const e = r.event;
  return {
    id: e.id, batchId: e.batchId, siteId: e.siteId, pupilId: e.pupilId,
    pupilName: displayName({ legalForename: r.pupilForename, legalSurname: r.pupilSurname, preferredForename: r.pupilPreferredForename, preferredSurname: r.pupilPreferredSurname }),
    categoryCode: e.categoryCode, categoryName: r.categoryName ?? e.categoryCode,
    polarity: e.polarity as TPolarity, severity: e.severity, points: e.points,
    occurredAt: pgTimestampToIso(e.occurredAt), occurredOn: e.occurredOn, periodCode: e.periodCode, locationCode: e.locationCode,
    note: e.note, recordedBy: { id: e.recordedBy, name: r.recorderName },
    createdAt: pgTimestampToIso(e.createdAt), voided: e.voidedAt !== null, voidReason: e.voidReason,
    allowed: eventActions(actor, e, now),
  };
}

/** An event just logged, from the row as written and the names the log read (the quick log's answer: no read back). */
export function presentNewEvent(actor: Actor & { displayName: string }, e: LoggedEvent, pupil: LogPupil, categoryName: string, now: Date): TBehaviourEvent {
  const createdAt = e.createdAt.toISOString();
  return {
    id: e.id, batchId: e.batchId, siteId: e.siteId, pupilId: e.pupilId, pupilName: displayName(pupil),
    categoryCode: e.categoryCode, categoryName, polarity: e.polarity as TPolarity, severity: e.severity, points: e.points,
    occurredAt: e.occurredAt.toISOString(), occurredOn: e.occurredOn, periodCode: e.periodCode ?? null, locationCode: e.locationCode ?? null,
    note: e.note ?? null, recordedBy: { id: e.recordedBy, name: actor.displayName }, createdAt, voided: false, voidReason: null,
    allowed: eventActions(actor, { trustId: e.trustId, siteId: e.siteId, recordedBy: e.recordedBy, createdAt, voidedAt: null }, now),
  };
}

export function presentGroup(r: Awaited<ReturnType<typeof listGroups>>[number]): TPupilGroupItem {
  return { ...r, kind: r.kind as TPupilGroupItem['kind'], pupilCount: Number(r.pupilCount) };
}
