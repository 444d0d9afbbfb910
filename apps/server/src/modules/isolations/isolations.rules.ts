/**
 * Internal exclusion / isolation rules (SAN-2), pure: a session is on a school day; "set times" need a start and an end
 * after it; a morning, afternoon or whole day needs no times. The register follows the detention register's rules.
 */
import { isSchoolDay, type SchoolCalendar } from '../../core/calendar/calendar.ts';
import { toMinutes, type Problem } from '../detentions/detentions.rules.ts';

export { markProblem, hasSpace } from '../detentions/detentions.rules.ts';

export function isolationProblem(cal: SchoolCalendar, s: { date: string; session: string; startTime?: string | null | undefined; endTime?: string | null | undefined }): Problem | null {
  if (!isSchoolDay(cal, s.date)) return { field: 'date', message: 'Not a school day at this site (a weekend, a holiday or a closure day)' };
  if (s.session === 'times') {
    if (!s.startTime) return { field: 'startTime', message: 'Give the start time' };
    if (!s.endTime) return { field: 'endTime', message: 'Give the end time' };
  }
  if (s.startTime && s.endTime && toMinutes(s.endTime) <= toMinutes(s.startTime)) return { field: 'endTime', message: 'Must be after the start time' };
  return null;
}

/** Sessions a pupil spends in isolation over a list of sessions: a whole day counts as two (AM and PM). */
export function sessionsCount(parts: readonly string[]): number {
  return parts.reduce((n, p) => n + (p === 'day' ? 2 : 1), 0);
}
