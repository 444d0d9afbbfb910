/**
 * Exclusion figures (ANA-4, SPEC §9) from issued records, as pure functions: what counts in a period, days lost
 * (sessions inside the period ÷ 2; a lunchtime is one session), pupils at 35+ days in the academic year, repeat
 * suspensions, reasons, and the DfE rates (per 100 pupils on roll). Cancelled records never reach here.
 */
import { WARN_FROM_DAYS } from '../suspensions/suspensions.rules.ts';

export interface CountedExclusion {
  id: string; siteId: string; pupilId: string; category: string; startDate: string; reasonCodes: readonly string[]; slots: readonly string[]; sessions?: number | null;
}

export interface SiteTotals { suspensions: number; lunchtime: number; permanent: number; sessionsLost: number }

export interface ExclusionSummary extends SiteTotals {
  pupilsSuspended: number;
  repeatPupils: number;
  pupilsAt35: number;
  reasons: Map<string, { suspensions: number; permanent: number }>;
  bySite: Map<string, SiteTotals>;
  /** The records counted in the period (start date inside it). */
  counted: CountedExclusion[];
  at35PupilIds: Set<string>;
  repeatPupilIds: Set<string>;
}

export const isSuspension = (category: string): boolean => category === 'suspension' || category === 'lunchtime';

const slotDate = (s: string): string => s.slice(0, 10);

/** Sessions of a record inside [from, to]: each slot is one session (a lunchtime slot too). Permanent: none. */
export function sessionsWithin(r: Pick<CountedExclusion, 'category' | 'slots'>, from: string, to: string): number {
  if (!isSuspension(r.category)) return 0;
  let n = 0;
  for (const s of r.slots) { const d = slotDate(s); if (d >= from && d <= to) n++; }
  return n;
}

/** Days lost = sessions ÷ 2. */
export const daysLost = (sessions: number): number => sessions / 2;

/** DfE rate = count ÷ headcount × 100; null ("n/a") with no pupils. */
export function dfeRate(count: number, headcount: number): number | null {
  return headcount === 0 ? null : (count / headcount) * 100;
}

function emptyTotals(): SiteTotals { return { suspensions: 0, lunchtime: 0, permanent: 0, sessionsLost: 0 }; }

/**
 * Everything ANA-4 counts: records starting in [from, to]; sessions lost inside it; pupils whose suspended days inside
 * the academic year reach 35 (LAW-2's warning); pupils with two or more suspensions starting in the period.
 */
export function summarise(records: readonly CountedExclusion[], from: string, to: string, year: { startDate: string; endDate: string }): ExclusionSummary {
  const out: ExclusionSummary = {
    ...emptyTotals(), pupilsSuspended: 0, repeatPupils: 0, pupilsAt35: 0, reasons: new Map(), bySite: new Map(), counted: [],
    at35PupilIds: new Set(), repeatPupilIds: new Set(),
  };
  const perPupil = new Map<string, number>();
  const yearSessions = new Map<string, number>();
  for (const r of records) {
    const site = out.bySite.get(r.siteId) ?? emptyTotals();
    out.bySite.set(r.siteId, site);
    const lost = sessionsWithin(r, from, to);
    out.sessionsLost += lost;
    site.sessionsLost += lost;
    const inYear = sessionsWithin(r, year.startDate, year.endDate);
    if (inYear) yearSessions.set(r.pupilId, (yearSessions.get(r.pupilId) ?? 0) + inYear);
    if (r.startDate < from || r.startDate > to) continue;
    out.counted.push(r);
    const key = isSuspension(r.category) ? 'suspensions' : 'permanent';
    out[key]++;
    site[key]++;
    if (r.category === 'lunchtime') { out.lunchtime++; site.lunchtime++; }
    if (isSuspension(r.category)) perPupil.set(r.pupilId, (perPupil.get(r.pupilId) ?? 0) + 1);
    for (const code of new Set(r.reasonCodes)) {
      const c = out.reasons.get(code) ?? { suspensions: 0, permanent: 0 };
      c[key]++;
      out.reasons.set(code, c);
    }
  }
  out.pupilsSuspended = perPupil.size;
  for (const [p, n] of perPupil) if (n >= 2) out.repeatPupilIds.add(p);
  out.repeatPupils = out.repeatPupilIds.size;
  for (const [p, s] of yearSessions) if (daysLost(s) >= WARN_FROM_DAYS) out.at35PupilIds.add(p);
  out.pupilsAt35 = out.at35PupilIds.size;
  return out;
}
