/**
 * Demo training (STF-1): a course catalogue with real-world facts (Team Teach Level 1 lasts 24 months and Level 2 12;
 * a Team Teach trainer 12 months with a 4-month grace to assist but not lead; a General Services (GSA) tutor keeps
 * status by an annual assessed refresher; an RRN-certified course (PRICE) refreshed yearly with competence per
 * technique and the full course every fourth year), five years of certificates for the staff of the trust (some
 * valid, some expiring, some expired or in grace, some never trained), a completed session with its register, an
 * upcoming one with bookings, and line management (the cluster lead manages the support staff of her two sites).
 * Deterministic from the staff ids, so a reseed gives the same demo.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../core/db/client.ts';
import { londonToday } from '../../core/time.ts';
import { addDays } from '../../core/calendar/dates.ts';
import { roleAssignments } from '../schema/users.ts';
import { staffMembers } from '../schema/pupils.ts';
import { lineManagement, trainingAttendees, trainingCertificates, trainingCourses, trainingSessions } from '../schema/training.ts';
import { addMonths, certificateDates } from '../../modules/training/training.rules.ts';
import { bulkInsert } from './bulk-insert.ts';

type Course = typeof trainingCourses.$inferInsert;
const L1 = ['CARING_C_GUIDE', 'FRIENDLY_HOLD', 'SINGLE_ELBOW'];
const ALL = [...L1, 'FIGURE_OF_FOUR', 'DOUBLE_ELBOW', 'SEATED_SINGLE_ELBOW'];

export function demoCourses(trustId: string): Course[] {
  const c = (code: string, name: string, provider: string, level: string | null, validityMonths: number, rest: Partial<Course> = {}): Course =>
    ({ id: uuidv7(), trustId, code, name, provider, level, validityMonths, ...rest });
  const priceFull = c('PRICE-FULL', 'PRICE positive behaviour support and physical intervention (full course)', 'PRICE', 'Full course', 12,
    { physicalSkills: true, techniqueCodes: ALL, fullCourseEveryYears: 4 });
  const priceRefresher = c('PRICE-REF', 'PRICE annual refresher (competence tested per technique)', 'PRICE', 'Refresher', 12,
    { physicalSkills: true, techniqueCodes: ALL, fullCourseEveryYears: 4 });
  priceFull.refresherCourseId = priceRefresher.id;
  priceRefresher.refresherCourseId = priceRefresher.id;
  return [
    c('TT-L1', 'Team Teach positive behaviour training, Level 1', 'Team Teach', 'Level 1', 24, { physicalSkills: true, techniqueCodes: L1 }),
    c('TT-L2', 'Team Teach positive behaviour training, Level 2 (advanced)', 'Team Teach', 'Level 2', 12, { physicalSkills: true, techniqueCodes: ALL }),
    c('TT-TRAINER', 'Team Teach trainer', 'Team Teach', 'Trainer', 12, { graceMonths: 4, graceNote: 'May assist on a course but not lead one', tutorCourse: true }),
    c('GSA-DEESC', 'General Services de-escalation and physical intervention', 'General Services', 'Foundation', 12, { physicalSkills: true, techniqueCodes: [...L1, 'FIGURE_OF_FOUR'] }),
    c('GSA-TUTOR', 'General Services tutor (annual 3-day assessed refresher)', 'General Services', 'Tutor', 12, { tutorCourse: true }),
    priceFull, priceRefresher,
    c('SAFEGUARD', 'Safeguarding and child protection (all staff)', 'Trust safeguarding team', null, 12),
    c('TRAUMA', 'Trauma-informed practice', 'Trust training', null, 36),
  ];
}

/** A number 0..n-1 from a uuid, stable across runs. */
const pick = (id: string, salt: number, n: number) => (parseInt(id.replace(/-/g, '').slice(-8), 16) + salt * 7919) % n;

export async function seedDemoTraining(tx: Tx, trustId: string, now: Date): Promise<void> {
  const today = londonToday(now);
  const courses = demoCourses(trustId);
  await tx.insert(trainingCourses).values(courses);
  const byCode = new Map(courses.map((c) => [c.code, c]));
  const staff = await tx.select().from(staffMembers).where(eq(staffMembers.trustId, trustId)).orderBy(asc(staffMembers.siteId), asc(staffMembers.id));
  const leads = await tx.select({ userId: roleAssignments.userId, role: roleAssignments.role }).from(roleAssignments)
    .where(and(eq(roleAssignments.trustId, trustId), inArray(roleAssignments.role, ['cluster_lead', 'head'])));
  const clusterUser = leads.find((l) => l.role === 'cluster_lead')?.userId;
  const lead = staff.find((s) => s.userId === clusterUser);
  const certs: (typeof trainingCertificates.$inferInsert)[] = [];
  const add = (staffId: string, code: string, issuedOn: string, source = 'import') => {
    const course = byCode.get(code)!;
    certs.push({ id: uuidv7(), trustId, staffId, courseId: course.id, ...certificateDates(issuedOn, course.validityMonths, course.graceMonths ?? 0),
      techniqueCodes: course.techniqueCodes ?? [], source, certificateNumber: `${code}-${staffId.slice(0, 6).toUpperCase()}-${issuedOn.slice(0, 4)}` });
  };
  // five years of history: each member of staff renews (or lapses) on their own rhythm
  for (const s of staff) {
    if (s.id === lead?.id) continue;
    const physical = pick(s.id, 1, 10) < 7 ? (pick(s.id, 2, 3) === 0 ? 'TT-L2' : pick(s.id, 2, 3) === 1 ? 'TT-L1' : 'GSA-DEESC') : null;
    for (const code of [physical, 'SAFEGUARD', pick(s.id, 3, 2) ? 'TRAUMA' : null]) {
      if (!code) continue;
      const course = byCode.get(code)!;
      // the last certificate: from well in date to lapsed, so the matrix shows every status
      const offsetDays = -[30, 120, 250, 320, 345, 380, 420, 700][pick(s.id, code.length, 8)]!;
      let issued = addDays(addMonths(today, -(course.validityMonths - 12)), offsetDays);
      if (issued > today) issued = addDays(today, -30);
      for (let k = 0; k < 5 && issued >= addMonths(today, -60); k += 1) {
        add(s.id, code, issued);
        issued = addMonths(issued, -course.validityMonths);
      }
    }
  }
  if (lead) {
    add(lead.id, 'GSA-TUTOR', addMonths(today, -5), 'manual');
    add(lead.id, 'GSA-TUTOR', addMonths(today, -17), 'manual');
    add(lead.id, 'TT-TRAINER', addDays(addMonths(today, -13), 0), 'manual'); // in grace: may assist but not lead
    add(lead.id, 'TT-L2', addMonths(today, -2), 'manual');
    add(lead.id, 'SAFEGUARD', addMonths(today, -3), 'manual');
  }
  await bulkInsert(tx, trainingCertificates, certs);

  if (!lead) return;
  // line management: the cluster lead manages the support staff of the sites she works at; each site's others report to her too
  const support = staff.filter((s) => s.id !== lead.id && s.siteId === lead.siteId && /assistant|mentor|support/i.test(s.jobTitle)).slice(0, 12);
  if (support.length) await tx.insert(lineManagement).values(support.map((s) => ({ id: uuidv7(), trustId, staffId: s.id, managerStaffId: lead.id, startsOn: addMonths(today, -14), createdBy: clusterUser! })));

  const gsa = byCode.get('GSA-DEESC')!;
  const past = { id: uuidv7(), trustId, courseId: gsa.id, siteId: lead.siteId, tutorStaffId: lead.id, venue: 'Sports hall', startsOn: addDays(today, -21), endsOn: addDays(today, -21), capacity: 12, status: 'completed', createdBy: clusterUser! };
  const next = { id: uuidv7(), trustId, courseId: gsa.id, siteId: lead.siteId, tutorStaffId: lead.id, venue: 'Training room', startsOn: addDays(today, 14), endsOn: addDays(today, 14), capacity: 12, status: 'planned', createdBy: clusterUser! };
  await tx.insert(trainingSessions).values([past, next]);
  const attendees = support.slice(0, 6);
  const pastCerts: (typeof trainingCertificates.$inferInsert)[] = [];
  const register = attendees.map((s, i) => {
    const absent = i === 5;
    const competence = absent ? {} : Object.fromEntries(gsa.techniqueCodes!.map((t, j) => [t, i === 4 && j === 3 ? 'not_yet' : 'passed'])) as Record<string, 'passed' | 'not_yet'>;
    const certificateId = absent ? null : uuidv7();
    if (certificateId) {
      pastCerts.push({ id: certificateId, trustId, staffId: s.id, courseId: gsa.id, ...certificateDates(past.endsOn, gsa.validityMonths, 0),
        techniqueCodes: gsa.techniqueCodes!.filter((t) => competence[t] === 'passed'), source: 'session', sessionId: past.id, createdBy: clusterUser! });
    }
    return { id: uuidv7(), sessionId: past.id, staffId: s.id, attendance: absent ? 'absent' : 'attended', competence, certificateId };
  });
  if (pastCerts.length) await tx.insert(trainingCertificates).values(pastCerts);
  if (register.length) await tx.insert(trainingAttendees).values(register);
  const booked = support.slice(6, 10).map((s) => ({ id: uuidv7(), sessionId: next.id, staffId: s.id }));
  if (booked.length) await tx.insert(trainingAttendees).values(booked);
}
