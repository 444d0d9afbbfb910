/**
 * Training queries other modules rely on (STF-2 holds checked against certificates, STF-3 deployment, STF-4 reviews):
 * the certificates a member of staff holds on a day, what they cover, and line management on a day. These take no
 * actor: the calling service has already authorised the staff it asks about. Keep these signatures stable.
 */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { staffMembers } from '../../db/schema/pupils.ts';
import { lineManagement, trainingCertificates, trainingCourses } from '../../db/schema/training.ts';
import { certificateState, techniqueCoverage, type CertificateState, type HeldCertificate, type TechniqueCoverage } from './training.rules.ts';

export interface HeldCertificateRow extends HeldCertificate {
  certificateId: string;
  courseId: string;
  courseCode: string;
  courseName: string;
  provider: string;
  level: string | null;
  physicalSkills: boolean;
  tutorCourse: boolean;
  /** On the day asked about: valid | in_grace | expired (certificates issued after that day are left out). */
  state: Exclude<CertificateState, 'not_yet'>;
}

export interface StaffCertificates {
  staffId: string;
  /** Every unrevoked certificate issued on or before the day, newest expiry first. */
  certificates: HeldCertificateRow[];
  /** Technique code → the best coverage among certificates that cover it (valid > in_grace > expired). */
  techniques: Record<string, Exclude<TechniqueCoverage, 'not_covering' | 'missing'>>;
  /** True when some certificate is valid or in grace on the day (so an uncovered technique is 'not_covering'). */
  holdsCurrent: boolean;
}

/** What a member of staff's certificates say about a technique: valid, in_grace, expired, not_covering or missing. */
export function coverageOf(entry: StaffCertificates | undefined, technique: string, on: string): TechniqueCoverage {
  return techniqueCoverage(entry?.certificates ?? [], technique, on);
}

/**
 * For each member of staff, the certificates held on `on` and the techniques they cover. Every id asked about has
 * an entry (with no certificates when they hold none, so each technique is 'missing').
 */
export async function validCertificatesOn(db: Executor, staffIds: readonly string[], on: string): Promise<Map<string, StaffCertificates>> {
  return entriesOn(staffIds, staffIds.length ? await heldUpTo(db, staffIds, on) : [], on);
}

/**
 * validCertificatesOn for several days at once (a week's rota), from one read of the certificates issued by the last
 * of them: day → staff id → entry.
 */
export async function validCertificatesOnDays(db: Executor, staffIds: readonly string[], days: readonly string[]): Promise<Map<string, Map<string, StaffCertificates>>> {
  const last = days.reduce((a, b) => (b > a ? b : a), '');
  const rows = staffIds.length && last ? await heldUpTo(db, staffIds, last) : [];
  return new Map(days.map((day) => [day, entriesOn(staffIds, rows, day)]));
}

/** Unrevoked certificates of these members of staff issued on or before `on`, with their course, newest expiry first. */
async function heldUpTo(db: Executor, staffIds: readonly string[], on: string) {
  return db.select({
    certificateId: trainingCertificates.id, staffId: trainingCertificates.staffId, courseId: trainingCertificates.courseId,
    issuedOn: trainingCertificates.issuedOn, expiresOn: trainingCertificates.expiresOn, graceUntil: trainingCertificates.graceUntil,
    techniqueCodes: trainingCertificates.techniqueCodes, courseCode: trainingCourses.code, courseName: trainingCourses.name,
    provider: trainingCourses.provider, level: trainingCourses.level, physicalSkills: trainingCourses.physicalSkills,
    tutorCourse: trainingCourses.tutorCourse,
  }).from(trainingCertificates).innerJoin(trainingCourses, eq(trainingCourses.id, trainingCertificates.courseId))
    .where(and(inArray(trainingCertificates.staffId, [...new Set(staffIds)]), isNull(trainingCertificates.revokedAt), lte(trainingCertificates.issuedOn, on)))
    .orderBy(sql`${trainingCertificates.expiresOn} desc`);
}

/** The entries of validCertificatesOn on `on` from certificate rows (those issued after `on` are left out). */
function entriesOn(staffIds: readonly string[], rows: Awaited<ReturnType<typeof heldUpTo>>, on: string): Map<string, StaffCertificates> {
  const out = new Map<string, StaffCertificates>();
  for (const id of staffIds) out.set(id, { staffId: id, certificates: [], techniques: {}, holdsCurrent: false });
  const rank = { valid: 3, in_grace: 2, expired: 1 } as const;
  for (const r of rows) {
    const entry = out.get(r.staffId);
    if (!entry) continue;
    const state = certificateState(r, on);
    if (state === 'not_yet') continue;
    entry.certificates.push({ ...r, state });
    if (state !== 'expired') entry.holdsCurrent = true;
    for (const code of r.techniqueCodes) {
      const had = entry.techniques[code];
      if (!had || rank[state] > rank[had]) entry.techniques[code] = state;
    }
  }
  return out;
}

export interface LineManagerRow {
  id: string;
  staffId: string;
  managerStaffId: string;
  managerName: string;
  managerSiteId: string;
  startsOn: string;
  endsOn: string | null;
}

const onDay = (on: string) => and(lte(lineManagement.startsOn, on), or(isNull(lineManagement.endsOn), gte(lineManagement.endsOn, on)));

/** The line manager of a member of staff on a day (ends_on is the last day managed), or null. */
export async function lineManagerOf(db: Executor, staffId: string, on: string): Promise<LineManagerRow | null> {
  const rows = await db.select({
    id: lineManagement.id, staffId: lineManagement.staffId, managerStaffId: lineManagement.managerStaffId,
    managerName: sql<string>`${staffMembers.forename} || ' ' || ${staffMembers.surname}`, managerSiteId: staffMembers.siteId,
    startsOn: lineManagement.startsOn, endsOn: lineManagement.endsOn,
  }).from(lineManagement).innerJoin(staffMembers, eq(staffMembers.id, lineManagement.managerStaffId))
    .where(and(eq(lineManagement.staffId, staffId), onDay(on))).orderBy(sql`${lineManagement.startsOn} desc`).limit(1);
  return rows[0] ?? null;
}

/** The line managers of many members of staff on a day: staff id → manager row. */
export async function lineManagersOf(db: Executor, staffIds: readonly string[], on: string): Promise<Map<string, LineManagerRow>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db.select({
    id: lineManagement.id, staffId: lineManagement.staffId, managerStaffId: lineManagement.managerStaffId,
    managerName: sql<string>`${staffMembers.forename} || ' ' || ${staffMembers.surname}`, managerSiteId: staffMembers.siteId,
    startsOn: lineManagement.startsOn, endsOn: lineManagement.endsOn,
  }).from(lineManagement).innerJoin(staffMembers, eq(staffMembers.id, lineManagement.managerStaffId))
    .where(and(inArray(lineManagement.staffId, [...new Set(staffIds)]), onDay(on))).orderBy(asc(lineManagement.startsOn));
  return new Map(rows.map((r) => [r.staffId, r]));
}

/** The members of staff someone line-manages on a day (ids). */
export async function managedBy(db: Executor, managerStaffId: string, on: string): Promise<string[]> {
  const rows = await db.select({ staffId: lineManagement.staffId }).from(lineManagement)
    .where(and(eq(lineManagement.managerStaffId, managerStaffId), onDay(on)));
  return rows.map((r) => r.staffId);
}
