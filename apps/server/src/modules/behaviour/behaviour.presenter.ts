/** Quick-event rows → contract DTOs, with the actions this caller may take (`void` for leads, `undo` for the author). */
import type { TBehaviourEvent, TPolarity, TPupilGroupItem } from '@haven/contracts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type { EventRow, listGroups } from './behaviour.repo.ts';
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

export function presentGroup(r: Awaited<ReturnType<typeof listGroups>>[number]): TPupilGroupItem {
  return { ...r, kind: r.kind as TPupilGroupItem['kind'], pupilCount: Number(r.pupilCount) };
}
