/** On-call rows → DTOs with times and the caller's actions; live-event payloads carry no pupil. */
import type { TOnCallEvent, TOnCallRequest, TOnCallStatus, TOnCallUrgency } from '@haven/contracts';
import { pgTimestampToIso } from '../../core/time.ts';
import { effectiveEntry } from '../behaviour/behaviour.rules.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type { RequestRow } from './oncall.repo.ts';
import type { RecipientRow } from './oncall-recipients.repo.ts';
import { canStep, locationText, onCallTimes } from './oncall.rules.ts';

export interface Viewer { userId: string; responderSiteIds: readonly string[] }
export interface LocationEntry { siteId: string | null; code: string; label: string }

const date = (v: string | Date) => new Date(pgTimestampToIso(v));
const isoOrNull = (v: string | Date | null) => (v === null ? null : pgTimestampToIso(v));

export function locationLabel(locations: readonly LocationEntry[], siteId: string, code: string | null): string | null {
  return code ? (effectiveEntry(locations, siteId, code)?.label ?? code) : null;
}

/** `recipients`: this request's rows of on_call_recipients (who was called, who is coming). */
export function presentRequest(row: RequestRow, viewer: Viewer, locations: readonly LocationEntry[], recipients: readonly RecipientRow[]): TOnCallRequest {
  const r = row.request;
  const status = r.status as TOnCallStatus;
  const responder = viewer.responderSiteIds.includes(r.siteId);
  const requester = r.requestedBy === viewer.userId;
  const mine = recipients.find((x) => x.userId === viewer.userId);
  const coming = recipients.filter((x) => x.comingAt !== null)
    .sort((a, b) => Date.parse(pgTimestampToIso(a.comingAt!)) - Date.parse(pgTimestampToIso(b.comingAt!)));
  const allowed: string[] = [];
  if (responder && canStep(status, 'acknowledge') && !mine?.comingAt) allowed.push('acknowledge');
  if (responder && canStep(status, 'resolve')) allowed.push('resolve');
  if (requester && canStep(status, 'cancel')) allowed.push('cancel');
  const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);
  return {
    id: r.id, siteId: r.siteId, siteName: row.siteName,
    locationCode: r.locationCode, locationLabel: locationLabel(locations, r.siteId, r.locationCode), locationDetail: r.locationDetail,
    pupil: r.pupilId && row.pupilLegalForename !== null && row.pupilLegalSurname !== null
      ? { id: r.pupilId, displayName: displayName({ legalForename: row.pupilLegalForename, legalSurname: row.pupilLegalSurname, preferredForename: row.pupilPreferredForename, preferredSurname: row.pupilPreferredSurname }) }
      : null,
    urgency: r.urgency as TOnCallUrgency, note: r.note, status,
    requestedBy: { id: r.requestedBy, displayName: row.requestedByName }, requestedAt: pgTimestampToIso(r.requestedAt),
    acknowledgedBy: person(r.acknowledgedBy, row.acknowledgedByName), acknowledgedAt: isoOrNull(r.acknowledgedAt),
    resolvedBy: person(r.resolvedBy, row.resolvedByName), resolvedAt: isoOrNull(r.resolvedAt),
    outcome: r.outcome,
    coming: coming.map((x) => ({ id: x.userId, displayName: x.displayName })),
    escalationLevel: r.escalationLevel, escalatedAt: isoOrNull(r.escalatedAt),
    alertsYou: responder && !!mine?.alertedAt && !mine.comingAt && (status === 'open' || status === 'acknowledged'),
    ...onCallTimes({ requestedAt: date(r.requestedAt), acknowledgedAt: r.acknowledgedAt ? date(r.acknowledgedAt) : null, resolvedAt: r.resolvedAt ? date(r.resolvedAt) : null }),
    allowed,
  };
}

export function presentEvent(row: RequestRow, locations: readonly LocationEntry[]): TOnCallEvent {
  const r = row.request;
  const at = r.resolvedAt ?? r.acknowledgedAt ?? r.requestedAt;
  return {
    id: r.id, siteId: r.siteId, status: r.status as TOnCallStatus, urgency: r.urgency as TOnCallUrgency,
    location: locationText(locationLabel(locations, r.siteId, r.locationCode), r.locationDetail), at: pgTimestampToIso(at),
    escalationLevel: r.escalationLevel,
  };
}
