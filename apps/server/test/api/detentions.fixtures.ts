/** Fixtures for the sanctions suites: coming school days of the demo calendar, the demo parent's child, detention types. */
import { englandTermDates, addSchoolDays, previousSchoolDay } from '../../src/core/calendar/calendar.ts';
import { londonToday } from '../../src/core/time.ts';
import { json, type Session, type TestContext } from '../harness.ts';
import { demoEmail } from '../harness.ts';

const CAL = englandTermDates(2026);
/** The n-th school day after today in the demo calendar (every site uses the trust's). */
export const schoolDayAhead = (n: number): string => addSchoolDays(CAL, londonToday(), n);
export const lastSchoolDay = (): string => previousSchoolDay(CAL, londonToday())!;
/** The first Saturday after today. */
export function saturdayAhead(): string {
  const d = new Date(`${londonToday()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7 || 7));
  return d.toISOString().slice(0, 10);
}

export async function parentChild(t: TestContext): Promise<{ pupilId: string; parentUserId: string }> {
  const rows = await t.database.query<{ pupil_id: string; user_id: string }>(
    `select pc.pupil_id, u.id as user_id from pupil_contacts pc join contacts c on c.id = pc.contact_id join users u on u.id = c.user_id
      where u.email = $1 and pc.parental_responsibility order by pc.pupil_id limit 1`, [demoEmail('parent')]);
  return { pupilId: rows[0]!.pupil_id, parentUserId: rows[0]!.user_id };
}

export async function addType(t: TestContext, who: Session, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/detention-types', headers: who.headers, payload: { durationMinutes: 30, defaultLocation: 'Room 12', ...body } });
  if (res.statusCode !== 201) throw new Error(`addType: ${res.statusCode} ${res.body}`);
  return json(res);
}
