/**
 * Pure rules of the plan in use (issue 14 §3–4, SUP-1, SUP-2, REV-3, ANA-6): which holds used in a physical
 * intervention the pupil's plan does not approve, when an incident calls for a "review the plan" task (a physical
 * intervention, or N incidents in M school days), and which plan and risk-assessment reviews are overdue, per site
 * and per owner. No I/O: tested beside this file.
 */
import { POLICY_SETTINGS } from '@haven/contracts';
import { schoolDaysBetween, type SchoolCalendar } from '../../core/calendar/calendar.ts';

/** Defaults of the per-site settings N (incidents) and M (school days). */
export const DEFAULT_REVIEW_INCIDENTS = POLICY_SETTINGS.plan_review_incidents.default;
export const DEFAULT_REVIEW_SCHOOL_DAYS = POLICY_SETTINGS.plan_review_school_days.default;

/** Shared with the incident form, which shows the same judgement as the record is made. */
export { unapprovedHolds, type StaffTechniques } from '@haven/contracts';

export type ReviewTriggerKind = 'physical_intervention' | 'frequency' | 'trend_alert';

export interface ReviewTrigger { kind: ReviewTriggerKind; key: string; detail: string }

/** A physical intervention on a submitted incident asks for a review, once per incident. */
export function physicalInterventionTrigger(incident: { id: string; occurredOn: string; physicalIntervention: boolean; status: string }): ReviewTrigger | null {
  if (!incident.physicalIntervention || incident.status === 'draft') return null;
  return { kind: 'physical_intervention', key: `pi:${incident.id}`, detail: `A physical intervention was recorded on ${incident.occurredOn}.` };
}

/** How many school days from `from` to `to` inclusive; a calendar that does not cover the span counts weekdays. */
export function schoolDaySpan(cal: SchoolCalendar | null, from: string, to: string): number {
  if (from > to) return 0;
  const n = cal ? schoolDaysBetween(cal, from, to) : 0;
  if (n > 0 || (cal && cal.terms.some((t) => t.startDate <= to && t.endDate >= from))) return n;
  let count = 0;
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const w = d.getUTCDay();
    if (w !== 0 && w !== 6) count += 1;
  }
  return count;
}

export interface FrequencyInput {
  /** The day of the incident being judged. */
  day: string;
  /** Days of the pupil's incidents (submitted, not voided), this one included; any order, repeats for several on a day. */
  incidentDays: readonly string[];
  /** Days on which a frequency review was already asked for, for this plan. */
  previousTriggerDays: readonly string[];
  threshold: number;
  schoolDays: number;
  calendar: SchoolCalendar | null;
}

/**
 * N incidents in M school days: the incidents of the M school days ending on `day` (a weekend incident counts with
 * the school days around it) reach N. Once asked for, not asked again while an earlier request's window overlaps
 * this one (so the sixth and seventh incidents of the same bad fortnight add no second task).
 */
export function frequencyTrigger(f: FrequencyInput): ReviewTrigger | null {
  const within = (d: string) => d <= f.day && schoolDaySpan(f.calendar, d, f.day) <= f.schoolDays;
  const count = f.incidentDays.filter(within).length;
  if (count < f.threshold) return null;
  if (f.previousTriggerDays.some((d) => d <= f.day && within(d))) return null;
  if (f.previousTriggerDays.includes(f.day)) return null;
  return {
    kind: 'frequency', key: `frequency:${f.day}`,
    detail: `${count} incidents in the ${f.schoolDays} school days to ${f.day} (the review point is ${f.threshold}).`,
  };
}

/** A pupil's trend alert asks for a review once per alert. */
export function trendAlertTrigger(alert: { id: string; raisedOn: string }): ReviewTrigger {
  return { kind: 'trend_alert', key: `trend:${alert.id}`, detail: `A trend alert on ${alert.raisedOn}: the pupil's rate of incidents is rising.` };
}

/** A setting as a whole number within bounds, or its default. */
export function settingNumber(raw: unknown, min: number, max: number, fallback: number): number {
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export type ReviewRecordKind = 'plan' | 'risk_assessment';

export interface ReviewDue {
  kind: ReviewRecordKind;
  id: string;
  siteId: string;
  pupilId: string;
  ownerId: string | null;
  reviewDate: string | null;
}

/** Days overdue (1 = due yesterday), or 0 when not overdue; a record without a review date is not overdue. */
export function daysOverdue(reviewDate: string | null, today: string): number {
  if (!reviewDate || reviewDate >= today) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${reviewDate}T00:00:00Z`)) / 86_400_000);
}

export interface OverdueCount { plans: number; riskAssessments: number }

/** Overdue reviews counted per key (site or owner); records not overdue are left out; an unowned record counts under null. */
export function countOverdue(records: readonly ReviewDue[], today: string, keyOf: (r: ReviewDue) => string | null): Map<string | null, OverdueCount> {
  const out = new Map<string | null, OverdueCount>();
  for (const r of records) {
    if (daysOverdue(r.reviewDate, today) === 0) continue;
    const k = keyOf(r);
    const c = out.get(k) ?? { plans: 0, riskAssessments: 0 };
    if (r.kind === 'plan') c.plans += 1; else c.riskAssessments += 1;
    out.set(k, c);
  }
  return out;
}

/** The overdue records, longest overdue first, then by kind and id (a stable order for paging). */
export function overdueRecords<T extends ReviewDue>(records: readonly T[], today: string): (T & { daysOverdue: number })[] {
  return records.map((r) => ({ ...r, daysOverdue: daysOverdue(r.reviewDate, today) })).filter((r) => r.daysOverdue > 0)
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}
