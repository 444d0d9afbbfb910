/**
 * Demo support interventions (SUP-3): the starter catalogue, a check-in/check-out intervention for three pupils at
 * the first site led by the behaviour lead (a session and points every school day so far, baseline SDQs), and an
 * SEMH group meeting on Wednesdays with baseline SDQ and Boxall scores. Dates follow the site's calendar, so no
 * session falls on a holiday or an INSET day.
 */
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../core/db/client.ts';
import { addDays, listSchoolDays } from '../../core/calendar/calendar.ts';
import { londonToday } from '../../core/time.ts';
import { loadSiteCalendar } from '../../modules/calendar/calendar.service.ts';
import { ensureStarterCatalogue } from '../../modules/support-interventions/support-catalogue.starter.ts';
import { pupils } from '../schema/pupils.ts';
import { roleAssignments, users } from '../schema/users.ts';
import { supportAttendance, supportDailyPoints, supportInterventionPupils, supportInterventionTypes, supportInterventions, supportMeasures, supportSessions } from '../schema/support.ts';

/** A small deterministic wobble (no randomness: the demo is the same every time). */
const wobble = (n: number, k: number) => ((n * 7 + k * 3) % 5) - 2;

export async function seedDemoSupport(tx: Tx, trustId: string, now: Date): Promise<void> {
  await ensureStarterCatalogue(tx, trustId);
  const lead = (await tx.select({ id: users.id }).from(users).where(and(eq(users.trustId, trustId), eq(users.email, 'behaviour-lead@demo.haven.test'))))[0];
  if (!lead) return;
  // the behaviour lead's own site (site 1 of the generated trust)
  const site = (await tx.select({ siteId: roleAssignments.siteId }).from(roleAssignments)
    .where(and(eq(roleAssignments.userId, lead.id), eq(roleAssignments.role, 'behaviour_lead'), isNotNull(roleAssignments.siteId))).limit(1))
    .map((r) => ({ id: r.siteId! }))[0];
  if (!site) return;
  const types = await tx.select().from(supportInterventionTypes).where(eq(supportInterventionTypes.trustId, trustId));
  const cico = types.find((t) => t.name === 'Check-in/check-out')!;
  const semh = types.find((t) => t.name === 'SEMH group')!;
  const roll = await tx.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.siteId, site.id), isNull(pupils.enrolmentEnd)))
    .orderBy(asc(pupils.legalSurname), asc(pupils.legalForename), asc(pupils.id)).limit(8);
  if (roll.length < 8) return;
  const cal = await loadSiteCalendar(tx, trustId, site.id);
  const today = londonToday(now);
  const schoolDaysSoFar = listSchoolDays(cal, addDays(today, -120), today);
  if (schoolDaysSoFar.length < 20) return;
  const stamp = { createdAt: now, updatedAt: now };

  // check-in/check-out: started 15 school days ago, a session and points every school day up to yesterday
  const cicoStart = schoolDaysSoFar.at(-15)!;
  const cicoId = uuidv7();
  const trio = roll.slice(0, 3).map((p) => p.id);
  await tx.insert(supportInterventions).values({ id: cicoId, trustId, siteId: site.id, typeId: cico.id, title: 'Check-in/check-out (Year group trio)', leadUserId: lead.id,
    startDate: cicoStart, plannedEndDate: addDays(cicoStart, 6 * 7 - 1), status: 'open', createdBy: lead.id, ...stamp });
  const targets = [['Arrive on time and check in every morning', 'Average 7 points a day'], ['Stay in lessons without being sent out'], ['Use the calm card instead of walking out']];
  await tx.insert(supportInterventionPupils).values(trio.map((pupilId, n) => ({ interventionId: cicoId, pupilId, trustId, targets: targets[n]!, ...stamp })));
  const held = schoolDaysSoFar.filter((d) => d >= cicoStart && d < today);
  for (const [k, day] of held.entries()) {
    const sessionId = uuidv7();
    await tx.insert(supportSessions).values({ id: sessionId, trustId, interventionId: cicoId, sessionDate: day, recordedAt: new Date(`${day}T15:30:00Z`), recordedBy: lead.id, ...stamp });
    await tx.insert(supportAttendance).values(trio.map((pupilId, n) => ({ sessionId, pupilId, trustId, status: (k + n) % 9 === 4 ? 'absent' : 'attended' })));
    await tx.insert(supportDailyPoints).values(trio.map((pupilId, n) => ({
      interventionId: cicoId, pupilId, day, trustId, points: Math.max(0, Math.min(10, 5 + Math.floor(k / 4) + wobble(k, n))), maxPoints: 10, recordedBy: lead.id, ...stamp,
    })));
  }
  await tx.insert(supportMeasures).values(trio.map((pupilId, n) => ({
    id: uuidv7(), trustId, interventionId: cicoId, pupilId, measure: 'sdq', phase: 'baseline', value: 17 + n * 2, informant: 'teacher', recordedOn: cicoStart, recordedBy: lead.id, ...stamp,
  })));

  // SEMH group: five pupils, Wednesdays from 20 school days ago to the planned end
  const semhStart = schoolDaysSoFar.at(-20)!;
  const semhId = uuidv7();
  const group = roll.slice(3, 8).map((p) => p.id);
  const semhEnd = addDays(semhStart, 8 * 7 - 1);
  await tx.insert(supportInterventions).values({ id: semhId, trustId, siteId: site.id, typeId: semh.id, title: 'SEMH group: Wednesday nurture', leadUserId: lead.id,
    startDate: semhStart, plannedEndDate: semhEnd, status: 'open', createdBy: lead.id, ...stamp });
  await tx.insert(supportInterventionPupils).values(group.map((pupilId) => ({ interventionId: semhId, pupilId, trustId, targets: ['Name a feeling and ask an adult for help'], ...stamp })));
  for (const day of listSchoolDays(cal, semhStart, semhEnd).filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 3)) {
    const sessionId = uuidv7();
    const past = day < today;
    await tx.insert(supportSessions).values({ id: sessionId, trustId, interventionId: semhId, sessionDate: day, ...(past ? { recordedAt: new Date(`${day}T15:00:00Z`), recordedBy: lead.id } : {}), ...stamp });
    if (past) await tx.insert(supportAttendance).values(group.map((pupilId, n) => ({ sessionId, pupilId, trustId, status: n === 4 && day.endsWith('1') ? 'excused' : 'attended' })));
  }
  await tx.insert(supportMeasures).values(group.flatMap((pupilId, n) => [
    { id: uuidv7(), trustId, interventionId: semhId, pupilId, measure: 'sdq', phase: 'baseline', value: 15 + n, informant: 'teacher', recordedOn: semhStart, recordedBy: lead.id, ...stamp },
    { id: uuidv7(), trustId, interventionId: semhId, pupilId, measure: 'boxall_developmental', phase: 'baseline', value: 70 + n * 6, informant: null, recordedOn: semhStart, recordedBy: lead.id, ...stamp },
  ]));
}
