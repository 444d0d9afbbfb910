/**
 * Training rules (STF-1), pure: expiry arithmetic, a certificate's state on a day, the matrix status of a member of
 * staff for a course, technique coverage (what STF-2 and STF-3 ask), session capacity and reminder thresholds.
 *
 * Dates are ISO 'YYYY-MM-DD'. A certificate issued on I with validity V months expires on E = I + V months (the same
 * day of the month, or the month's last day when it has no such day: 29/02/2024 + 12 → 28/02/2025, 31/01 + 1 →
 * 28/02 or 29/02). It is valid on the days I ≤ d < E, "in grace" on E ≤ d < G where G = E + grace months, and
 * expired from G on.
 */
import { addDays, daysBetween, isoDate, toDayNumber } from '../../core/calendar/dates.ts';

export const REMINDER_THRESHOLDS = [60, 30, 7] as const;
/** The matrix calls a valid certificate "expiring" when it runs out within this many days. */
export const EXPIRING_WITHIN_DAYS = 60;
/** Physical-skills courses: at most 15 participants per instructor (12 recommended). */
export const MAX_PER_INSTRUCTOR = 15;
export const RECOMMENDED_PER_INSTRUCTOR = 12;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `iso` plus `months` calendar months, clamped to the last day of the month reached. */
export function addMonths(iso: string, months: number): string {
  toDayNumber(iso);
  if (!Number.isInteger(months)) throw new Error(`Invalid number of months ${months}`);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return isoDate(year, month, Math.min(d, daysInMonth(year, month)));
}

export interface CertificateDates { issuedOn: string; expiresOn: string; graceUntil: string }

/** The dates of a certificate issued on `issuedOn` for a course of this validity and grace. */
export function certificateDates(issuedOn: string, validityMonths: number, graceMonths: number): CertificateDates {
  const expiresOn = addMonths(issuedOn, validityMonths);
  return { issuedOn, expiresOn, graceUntil: addMonths(expiresOn, graceMonths) };
}

export type CertificateState = 'not_yet' | 'valid' | 'in_grace' | 'expired';

export function certificateState(c: CertificateDates, on: string): CertificateState {
  if (on < c.issuedOn) return 'not_yet';
  if (on < c.expiresOn) return 'valid';
  if (on < c.graceUntil) return 'in_grace';
  return 'expired';
}

export type MatrixStatus = 'valid' | 'expiring' | 'in_grace' | 'expired' | 'never';
export const MATRIX_STATUSES: readonly MatrixStatus[] = ['valid', 'expiring', 'in_grace', 'expired', 'never'];

/** A member of staff's status for one course on a day, from all their (unrevoked) certificates of that course. */
export function matrixStatus(certs: readonly CertificateDates[], on: string): { status: MatrixStatus; best: CertificateDates | null } {
  let best: CertificateDates | null = null;
  let bestRank = -1;
  for (const c of certs) {
    const state = certificateState(c, on);
    const rank = state === 'valid' ? 3 : state === 'in_grace' ? 2 : state === 'expired' ? 1 : 0;
    if (rank > bestRank || (rank === bestRank && best !== null && c.expiresOn > best.expiresOn)) { best = c; bestRank = rank; }
  }
  if (!best || bestRank === 0) return { status: 'never', best: null };
  if (bestRank === 3) return { status: daysBetween(on, best.expiresOn) <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'valid', best };
  return { status: bestRank === 2 ? 'in_grace' : 'expired', best };
}

/**
 * matrixStatus of one deciding certificate (or none) on a day, with the day's "expiring" boundary worked out once:
 * the same answer as matrixStatus(cert ? [cert] : [], on), for a matrix that asks it for every member of staff and
 * course. A valid certificate is expiring when daysBetween(on, expiresOn) ≤ 60, that is expiresOn ≤ on + 60 days.
 */
export function latestStatusOn(on: string): (c: CertificateDates | undefined) => MatrixStatus {
  const expiringUpTo = addDays(on, EXPIRING_WITHIN_DAYS);
  return (c) => {
    if (!c || on < c.issuedOn) return 'never';
    if (on < c.expiresOn) return c.expiresOn <= expiringUpTo ? 'expiring' : 'valid';
    return on < c.graceUntil ? 'in_grace' : 'expired';
  };
}

/** What a member of staff's certificates say about one technique on a day. */
export type TechniqueCoverage = 'valid' | 'in_grace' | 'expired' | 'not_covering' | 'missing';

export interface HeldCertificate extends CertificateDates { techniqueCodes: readonly string[] }

/**
 * valid / in_grace: a certificate in that state covers the technique; expired: only an expired one covered it;
 * not_covering: they hold a current certificate, but none covering it; missing: nothing current or ever covering it.
 */
export function techniqueCoverage(certs: readonly HeldCertificate[], technique: string, on: string): TechniqueCoverage {
  let covering: TechniqueCoverage | null = null;
  let current = false;
  for (const c of certs) {
    const state = certificateState(c, on);
    if (state === 'not_yet') continue;
    if (state !== 'expired') current = true;
    if (!c.techniqueCodes.includes(technique)) continue;
    if (state === 'valid') return 'valid';
    if (state === 'in_grace') covering = 'in_grace';
    else if (covering === null) covering = 'expired';
  }
  if (covering) return covering;
  return current ? 'not_covering' : 'missing';
}

/** Null when the capacity is allowed; otherwise why not. */
export function capacityProblem(s: { capacity: number; instructors: number; physicalSkills: boolean }): string | null {
  if (!Number.isInteger(s.capacity) || s.capacity < 1) return 'Capacity must be at least 1.';
  if (!Number.isInteger(s.instructors) || s.instructors < 1) return 'There must be at least one instructor.';
  if (s.physicalSkills && s.capacity > MAX_PER_INSTRUCTOR * s.instructors) {
    return `A physical-skills session may have at most ${MAX_PER_INSTRUCTOR} participants per instructor (${MAX_PER_INSTRUCTOR * s.instructors} for ${s.instructors}).`;
  }
  return null;
}

/** The reminder threshold due for a certificate expiring on `expiresOn`, seen on `today`: the tightest one reached. */
export function reminderThresholdDue(expiresOn: string, today: string): number | null {
  const left = daysBetween(today, expiresOn);
  if (left <= 0) return null;
  let due: number | null = null;
  for (const t of REMINDER_THRESHOLDS) if (left <= t) due = t;
  return due;
}

/** The techniques a certificate from the register covers: those of the course the attendee passed. */
export function techniquesPassed(courseTechniques: readonly string[], competence: Readonly<Record<string, string>>): string[] {
  return courseTechniques.filter((code) => competence[code] === 'passed');
}

/**
 * RRN-style courses (refresher yearly, the full course every N years): whether the next course a member of staff
 * needs is the full course, given the issue date of their last full course.
 */
export function fullCourseDue(lastFullCourseOn: string | null, everyYears: number | null, on: string): boolean {
  if (everyYears === null) return false;
  if (lastFullCourseOn === null) return true;
  return on >= addMonths(lastFullCourseOn, everyYears * 12);
}
