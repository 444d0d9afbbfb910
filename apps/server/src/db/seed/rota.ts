/**
 * Demo support team (STF-3): five teaching assistants across the cluster lead's two sites and a third, each with a
 * weekly pattern (one-to-one with pupils who have EHCP hours, a small group, a behaviour buddy with a teacher,
 * walkabouts, one slot at the other site), travel times between the sites, and one absence this week not yet covered.
 * The demo staff account (Sam Okafor) is one of the team, so "where am I today" has something to show.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../core/db/client.ts';
import { addDays, weekdayOf } from '../../core/calendar/calendar.ts';
import { pupils, staffMembers } from '../schema/pupils.ts';
import { rotaExceptions, rotaPatterns, siteTravelTimes } from '../schema/rota.ts';

type Mode = 'one_to_one' | 'small_group' | 'behaviour_buddy' | 'walkabout' | 'cover';
interface Slot { site: number; days: number[]; period: string; mode: Mode; pupil?: number; teacher?: boolean }

const ALL = [1, 2, 3, 4, 5];
/** Team member → slots; `site` and `pupil` count from 0 (the first site, that site's first EHCP pupil). */
const TEAM: { site: number; slots: Slot[] }[] = [
  { site: 0, slots: [
    { site: 0, days: ALL, period: 'P1', mode: 'one_to_one', pupil: 0 }, { site: 0, days: ALL, period: 'P2', mode: 'one_to_one', pupil: 0 },
    { site: 0, days: ALL, period: 'P3', mode: 'walkabout' }, { site: 0, days: [1, 3, 5], period: 'P4', mode: 'small_group' },
  ] },
  { site: 0, slots: [
    { site: 0, days: ALL, period: 'P1', mode: 'one_to_one', pupil: 1 }, { site: 0, days: ALL, period: 'P2', mode: 'behaviour_buddy', teacher: true },
    { site: 0, days: [2, 4], period: 'P4', mode: 'one_to_one', pupil: 1 },
  ] },
  { site: 1, slots: [
    { site: 1, days: ALL, period: 'P1', mode: 'one_to_one', pupil: 0 }, { site: 1, days: ALL, period: 'P2', mode: 'one_to_one', pupil: 0 },
    // Wednesday afternoon at the first site, straight after a morning at the second: the 20-minute journey does not fit
    { site: 1, days: [3], period: 'P3', mode: 'walkabout' }, { site: 0, days: [3], period: 'P4', mode: 'small_group' },
  ] },
  { site: 1, slots: [
    { site: 1, days: ALL, period: 'P3', mode: 'walkabout' }, { site: 1, days: ALL, period: 'P4', mode: 'behaviour_buddy', teacher: true },
  ] },
  { site: 2, slots: [
    { site: 2, days: ALL, period: 'P1', mode: 'one_to_one', pupil: 0 }, { site: 2, days: [1, 2, 3, 4], period: 'P2', mode: 'walkabout' },
  ] },
];

export async function seedDemoRota(tx: Tx, trustId: string, trustSiteIds: readonly string[], today: string, demoStaffUserId: string | undefined): Promise<number> {
  if (trustSiteIds.length < 3) return 0;
  const siteIds = trustSiteIds.slice(0, 3);
  const staff = await tx.select().from(staffMembers).where(and(eq(staffMembers.trustId, trustId), inArray(staffMembers.siteId, siteIds), eq(staffMembers.jobTitle, 'Teaching assistant')))
    .orderBy(asc(staffMembers.surname), asc(staffMembers.id));
  const teachers = await tx.select().from(staffMembers).where(and(eq(staffMembers.trustId, trustId), inArray(staffMembers.siteId, siteIds), eq(staffMembers.jobTitle, 'Teacher')))
    .orderBy(asc(staffMembers.surname));
  const ehcp = await tx.select({ id: pupils.id, siteId: pupils.siteId }).from(pupils)
    .where(and(inArray(pupils.siteId, siteIds), eq(pupils.senStatus, 'ehcp'), isNull(pupils.enrolmentEnd))).orderBy(asc(pupils.legalSurname), asc(pupils.id));
  const used = new Set<string>();
  const pick = (site: number): typeof staff[number] | undefined => {
    const demo = site === 0 ? staff.find((s) => s.userId === demoStaffUserId && !used.has(s.id)) : undefined;
    const s = demo ?? staff.find((x) => x.siteId === siteIds[site] && !used.has(x.id));
    if (s) used.add(s.id);
    return s;
  };
  const monday = addDays(today, 1 - weekdayOf(today));
  const validFrom = addDays(monday, -28);
  const patterns: (typeof rotaPatterns.$inferInsert)[] = [];
  const pupilHours = new Map<string, number>();
  const members: string[] = [];
  for (const member of TEAM) {
    const s = pick(member.site);
    if (!s) continue;
    members.push(s.id);
    for (const slot of member.slots) {
      const siteId = siteIds[slot.site]!;
      const pupil = slot.pupil === undefined ? undefined : ehcp.filter((p) => p.siteId === siteId)[slot.pupil];
      if (slot.mode === 'one_to_one' && !pupil) continue;
      const teacher = slot.teacher ? teachers.find((t) => t.siteId === siteId) : undefined;
      if (slot.mode === 'behaviour_buddy' && !teacher) continue;
      for (const weekday of slot.days) {
        patterns.push({ id: uuidv7(), trustId, siteId, staffId: s.id, weekday, periodCode: slot.period, mode: slot.mode, pupilId: pupil?.id ?? null,
          teacherStaffId: teacher?.id ?? null, validFrom, validTo: null });
      }
      if (pupil) pupilHours.set(pupil.id, (pupilHours.get(pupil.id) ?? 0) + 300);
    }
  }
  if (patterns.length) await tx.insert(rotaPatterns).values(patterns);
  // EHCP hours: a little more than the pattern covers for the first pupil (a gap to see), the others covered
  let first = true;
  for (const [id, minutes] of pupilHours) {
    await tx.update(pupils).set({ ehcpSupportMinutes: first ? minutes + 120 : minutes }).where(eq(pupils.id, id));
    first = false;
  }
  await tx.insert(siteTravelTimes).values([
    { id: uuidv7(), trustId, siteA: [siteIds[0]!, siteIds[1]!].sort()[0]!, siteB: [siteIds[0]!, siteIds[1]!].sort()[1]!, minutes: 20 },
    { id: uuidv7(), trustId, siteA: [siteIds[0]!, siteIds[2]!].sort()[0]!, siteB: [siteIds[0]!, siteIds[2]!].sort()[1]!, minutes: 35 },
  ]);
  // one absence: the second member of the team, the next weekday from today, the whole day
  const absent = members[1];
  if (absent) {
    const weekday = weekdayOf(today);
    const day = weekday >= 6 ? addDays(today, 8 - weekday) : today;
    await tx.insert(rotaExceptions).values({ id: uuidv7(), trustId, siteId: siteIds[0]!, staffId: absent, date: day, periodCode: null, kind: 'absence', note: 'Off sick' });
  }
  return patterns.length;
}
