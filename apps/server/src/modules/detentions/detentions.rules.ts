/**
 * Detention rules (SAN-1), pure: sessions only on school days and with an end after the start; a session never holds
 * more pupils than its capacity; a register is taken on or after the day; what a missed detention leads to; which
 * session a pupil goes to when a rule or a missed detention assigns one.
 */
import type { TRegisterMark } from '@haven/contracts';
import { isSchoolDay, type SchoolCalendar } from '../../core/calendar/calendar.ts';

export interface Problem { field: string; message: string }

export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export function fromMinutes(m: number): string {
  const clamped = Math.max(0, Math.min(23 * 60 + 59, m));
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}

/** The end of a session starting at `start` that lasts `minutes` (never past 23:59). */
export function endTimeFor(start: string, minutes: number): string {
  return fromMinutes(toMinutes(start) + minutes);
}

/** Problems with a session's day and times: the day must be a school day of the site, and it must end after it starts. */
export function sessionProblem(cal: SchoolCalendar, s: { date: string; startTime: string; endTime: string }): Problem | null {
  if (!isSchoolDay(cal, s.date)) return { field: 'date', message: 'Not a school day at this site (a weekend, a holiday or a closure day)' };
  if (toMinutes(s.endTime) <= toMinutes(s.startTime)) return { field: 'endTime', message: 'Must be after the start time' };
  return null;
}

/** Places left in a session (never negative). */
export function placesLeft(capacity: number, assigned: number): number {
  return Math.max(0, capacity - assigned);
}

export function hasSpace(capacity: number, assigned: number): boolean {
  return assigned < capacity;
}

/** A capacity may be lowered only as far as the pupils already in the session. */
export function capacityProblem(capacity: number, assigned: number): Problem | null {
  return capacity < assigned ? { field: 'capacity', message: `${assigned} pupils are already in this session: the capacity cannot be lower` } : null;
}

/** A register may be marked on the day of the session or after it, never before. */
export function markProblem(sessionDate: string, today: string, mark: { status: TRegisterMark; excuseReason?: string | null | undefined }): Problem | null {
  if (sessionDate > today) return { field: 'status', message: 'The register can be taken on the day of the detention or after it' };
  if (mark.status === 'excused' && !mark.excuseReason?.trim()) return { field: 'excuseReason', message: 'Say why the pupil is excused' };
  return null;
}

export interface CandidateSession { id: string; date: string; startTime: string; capacity: number; assigned: number; cancelled: boolean; pupilIds: readonly string[] }

/**
 * The session a pupil is put into automatically: the first (by date, then start time) after `after` that is not
 * cancelled, is on a school day, has a place and does not already hold the pupil. Null when there is none.
 */
export function pickSession(cal: SchoolCalendar, sessions: readonly CandidateSession[], after: string, pupilId: string): CandidateSession | null {
  const sorted = [...sessions].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id));
  return sorted.find((s) => s.date > after && !s.cancelled && isSchoolDay(cal, s.date) && hasSpace(s.capacity, s.assigned) && !s.pupilIds.includes(pupilId)) ?? null;
}

export interface MissedConfig { missedTaskRole: string | null; missedReassignTypeId: string | null }
export interface MissedPlan { task: string | null; reassignTypeId: string | null }

/** What missing a detention of this type leads to (a missed detention escalates by the type's configured rule). */
export function missedPlan(type: MissedConfig): MissedPlan {
  return { task: type.missedTaskRole, reassignTypeId: type.missedReassignTypeId };
}

/**
 * May a member of staff without sanction.manage put this pupil in a detention? Only from an incident they recorded,
 * in which the pupil was involved or the instigator, and only where the site's policy does not turn this off.
 */
export function staffMayAssign(a: { policyAllows: boolean; incident: { recordedBy: string; pupilRoles: Record<string, string> } | null; userId: string; pupilId: string }): boolean {
  if (!a.policyAllows || !a.incident) return false;
  const role = a.incident.pupilRoles[a.pupilId];
  return a.incident.recordedBy === a.userId && (role === 'involved' || role === 'instigator');
}

/** The site policy setting `staff_assign_detention` (any false-like value turns staff assignment off; default on). */
export function policyAllowsStaff(settings: Record<string, unknown>): boolean {
  const v = settings.staff_assign_detention;
  return !(v === false || v === 0 || v === '0' || (typeof v === 'string' && ['false', 'no', 'off'].includes(v.toLowerCase())));
}
