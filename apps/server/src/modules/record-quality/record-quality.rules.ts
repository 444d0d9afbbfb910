/**
 * Record-keeping quality (ANA-6, SPEC §9) as pure functions over submitted incidents and their review history
 * (incident_versions: submit / resubmit / return / sign_off, with their times): signed off within 48 clock hours of
 * first submission (analytics.rules signedOffWithin48h), hours to sign-off and their median, returned for amendment at
 * least once, still waiting for review after 48 hours (incidents.rules reviewOverdue, the review queue's rule), and on
 * their physical interventions the parent not informed by the end of the day (incidents.rules
 * parentNotInformedSameDay, the review queue's flag) and a pupil or staff debrief missing. Which figures a record counts
 * in is one function each (`incidentFlags`, `piFlags`), used by the totals and the drill-down alike.
 */
import type { TQualityKind } from '@haven/contracts';
import { median, signedOffWithin48h } from '../analytics/analytics.rules.ts';
import { parentNotInformedSameDay, reviewOverdue } from '../incidents/incidents.rules.ts';

export interface QualityPi { id: string; startedAt: string | null; parentInformedAt: string | null; pupilDebriefAt: string | null; staffDebriefAt: string | null }

export interface QualityIncident {
  id: string; siteId: string; recordedBy: string; occurredOn: string; status: string;
  /** From the review history: the first submission, the latest (re)submission, the sign-off. */
  firstSubmittedAt: string | null; lastSubmittedAt: string | null; signedOffAt: string | null;
  /** Times it was returned for amendment. */
  returns: number;
  pis: readonly QualityPi[];
}

export type IncidentKind = Exclude<TQualityKind, 'missingParentContact' | 'missingDebrief'>;
export type PiKind = Extract<TQualityKind, 'missingParentContact' | 'missingDebrief'>;
export const PI_KINDS: readonly PiKind[] = ['missingParentContact', 'missingDebrief'];
export const isPiKind = (k: TQualityKind): k is PiKind => (PI_KINDS as readonly string[]).includes(k);

/** Hours from first submission to sign-off, or null when not signed off (or a time is missing). */
export function hoursToSignOff(i: Pick<QualityIncident, 'status' | 'firstSubmittedAt' | 'signedOffAt'>): number | null {
  if (i.status !== 'signed_off' || !i.firstSubmittedAt || !i.signedOffAt) return null;
  return (Date.parse(i.signedOffAt) - Date.parse(i.firstSubmittedAt)) / 3_600_000;
}

export function incidentFlags(i: QualityIncident, now: Date): Record<IncidentKind, boolean> {
  const signedOff = i.status === 'signed_off';
  const within = signedOff && signedOffWithin48h(i.firstSubmittedAt, i.signedOffAt);
  return {
    submitted: true, signedOff, signedOffWithin48h: within, notSignedOffWithin48h: !within, returned: i.returns > 0,
    overdueReview: i.status === 'submitted' && i.lastSubmittedAt !== null && reviewOverdue(i.lastSubmittedAt, now),
  };
}

export function piFlags(pi: QualityPi, now: Date): Record<PiKind, boolean> {
  return { missingParentContact: parentNotInformedSameDay(pi, now), missingDebrief: pi.pupilDebriefAt === null || pi.staffDebriefAt === null };
}

export interface QualitySummary {
  submitted: number; signedOff: number; signedOffWithin48h: number; returned: number; overdueReview: number;
  hours: number[]; medianHoursToSignOff: number | null;
  interventions: number; missingParentContact: number; missingDebrief: number;
}

export function summarise(incidents: readonly QualityIncident[], now: Date): QualitySummary {
  const s: QualitySummary = {
    submitted: 0, signedOff: 0, signedOffWithin48h: 0, returned: 0, overdueReview: 0, hours: [], medianHoursToSignOff: null,
    interventions: 0, missingParentContact: 0, missingDebrief: 0,
  };
  for (const i of incidents) {
    const f = incidentFlags(i, now);
    s.submitted++;
    if (f.signedOff) s.signedOff++;
    if (f.signedOffWithin48h) s.signedOffWithin48h++;
    if (f.returned) s.returned++;
    if (f.overdueReview) s.overdueReview++;
    const h = hoursToSignOff(i);
    if (h !== null) s.hours.push(h);
    for (const pi of i.pis) {
      const p = piFlags(pi, now);
      s.interventions++;
      if (p.missingParentContact) s.missingParentContact++;
      if (p.missingDebrief) s.missingDebrief++;
    }
  }
  s.medianHoursToSignOff = median(s.hours);
  return s;
}

/** Incidents grouped by a key (site or recorder), each group summarised. */
export function summariseBy(incidents: readonly QualityIncident[], key: (i: QualityIncident) => string, now: Date): Map<string, QualitySummary> {
  const groups = new Map<string, QualityIncident[]>();
  for (const i of incidents) {
    const k = key(i);
    const list = groups.get(k);
    if (list) list.push(i); else groups.set(k, [i]);
  }
  return new Map([...groups.entries()].map(([k, list]) => [k, summarise(list, now)]));
}

/** The records behind one figure: incidents, or for an intervention figure (incident, intervention) pairs; newest first. */
export function recordsOf(incidents: readonly QualityIncident[], kind: TQualityKind, now: Date): { incident: QualityIncident; pi: QualityPi | null }[] {
  const sorted = [...incidents].sort((a, b) => b.occurredOn.localeCompare(a.occurredOn) || a.id.localeCompare(b.id));
  if (isPiKind(kind)) return sorted.flatMap((incident) => incident.pis.filter((pi) => piFlags(pi, now)[kind]).map((pi) => ({ incident, pi })));
  return sorted.filter((i) => incidentFlags(i, now)[kind]).map((incident) => ({ incident, pi: null }));
}
