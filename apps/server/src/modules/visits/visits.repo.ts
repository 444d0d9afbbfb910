/**
 * Queries of visits and their settings (the only place with their SQL), plus what a visit reads from the modules
 * that own it: pupils (medical flag, notes), staff, the pupil's active plan (plans.repo activePlanForPupil), active
 * risk assessment, certificates (training.repo validCertificatesOn) and incidents linked to the visit.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { sites } from '../../db/schema/platform.ts';
import { contacts, pupilContacts, pupils, staffMembers } from '../../db/schema/pupils.ts';
import { users } from '../../db/schema/users.ts';
import { riskAssessments } from '../../db/schema/risk-assessments.ts';
import { incidentPupils, incidents } from '../../db/schema/recording.ts';
import { policyOptions } from '../../db/schema/policy.ts';
import {
  visitApprovalSteps, visitCategories, visitConsents, visitCoordinators, visitPupils, visitRiskLibrary, visitStaff, visitStandingApprovals, visits,
} from '../../db/schema/visits.ts';

export type VisitRow = typeof visits.$inferSelect;
export type CategoryRow = typeof visitCategories.$inferSelect;
export type ConsentRow = typeof visitConsents.$inferSelect;

export async function find(db: Executor, trustId: string, id: string, lock = false): Promise<VisitRow | undefined> {
  const q = db.select().from(visits).where(and(eq(visits.trustId, trustId), eq(visits.id, id)));
  return (await (lock ? q.for('update') : q))[0];
}

export async function insert(db: Executor, row: typeof visits.$inferInsert): Promise<void> { await db.insert(visits).values(row); }

/** Changes the visit when it is still at `version`; the new row, or undefined when someone changed it first. */
export async function update(db: Executor, id: string, version: number, set: Partial<typeof visits.$inferInsert>): Promise<VisitRow | undefined> {
  return (await db.update(visits).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(visits.id, id), eq(visits.version, version))).returning())[0];
}

export async function listAt(db: Executor, trustId: string, siteIds: readonly string[]) {
  if (!siteIds.length) return [];
  return db.select({
    v: visits, siteName: sites.name, categoryName: visitCategories.name,
    leaderName: sql<string | null>`(select s.forename || ' ' || s.surname from staff_members s where s.id = ${visits.leaderStaffId})`,
    pupilCount: sql<number>`(select count(*)::int from visit_pupils vp where vp.visit_id = ${visits.id})`,
    staffCount: sql<number>`(select count(*)::int from visit_staff vs where vs.visit_id = ${visits.id})`,
  }).from(visits).innerJoin(sites, eq(sites.id, visits.siteId)).innerJoin(visitCategories, eq(visitCategories.id, visits.categoryId))
    .where(and(eq(visits.trustId, trustId), inArray(visits.siteId, [...siteIds]))).orderBy(desc(visits.startDate), desc(visits.id)).limit(500);
}

export async function category(db: Executor, trustId: string, id: string): Promise<CategoryRow | undefined> {
  return (await db.select().from(visitCategories).where(and(eq(visitCategories.trustId, trustId), eq(visitCategories.id, id))))[0];
}
export async function categories(db: Executor, trustId: string): Promise<CategoryRow[]> {
  return db.select().from(visitCategories).where(eq(visitCategories.trustId, trustId)).orderBy(asc(visitCategories.sortOrder), asc(visitCategories.code));
}
export async function library(db: Executor, trustId: string) {
  return db.select().from(visitRiskLibrary).where(and(eq(visitRiskLibrary.trustId, trustId), eq(visitRiskLibrary.active, true))).orderBy(asc(visitRiskLibrary.title));
}
/** Library assessments by id, retired ones too: a visit keeps what it adopted. */
export async function libraryByIds(db: Executor, trustId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select().from(visitRiskLibrary).where(and(eq(visitRiskLibrary.trustId, trustId), inArray(visitRiskLibrary.id, [...ids]))).orderBy(asc(visitRiskLibrary.title));
}
export async function standingApprovals(db: Executor, trustId: string, siteIds: readonly string[]) {
  if (!siteIds.length) return [];
  return db.select({ a: visitStandingApprovals, categoryName: visitCategories.name, approvedByName: users.displayName }).from(visitStandingApprovals)
    .innerJoin(visitCategories, eq(visitCategories.id, visitStandingApprovals.categoryId)).innerJoin(users, eq(users.id, visitStandingApprovals.approvedBy))
    .where(and(eq(visitStandingApprovals.trustId, trustId), inArray(visitStandingApprovals.siteId, [...siteIds]), isNull(visitStandingApprovals.revokedAt)))
    .orderBy(desc(visitStandingApprovals.expiresOn));
}
/** The site's standing approval for the category covering every day of the visit (approved on or before it starts). */
export async function currentStandingApproval(db: Executor, siteId: string, categoryId: string, startDate: string, endDate: string) {
  return (await db.select().from(visitStandingApprovals).where(and(eq(visitStandingApprovals.siteId, siteId), eq(visitStandingApprovals.categoryId, categoryId),
    isNull(visitStandingApprovals.revokedAt), lte(visitStandingApprovals.approvedOn, startDate), gte(visitStandingApprovals.expiresOn, endDate)))
    .orderBy(desc(visitStandingApprovals.expiresOn)).limit(1))[0];
}
export async function standingApproval(db: Executor, id: string | null) {
  return id ? (await db.select().from(visitStandingApprovals).where(eq(visitStandingApprovals.id, id)))[0] : undefined;
}
export async function coordinators(db: Executor, trustId: string, siteIds: readonly string[]) {
  if (!siteIds.length) return [];
  return db.select({ siteId: visitCoordinators.siteId, userId: visitCoordinators.userId, name: users.displayName }).from(visitCoordinators)
    .innerJoin(users, eq(users.id, visitCoordinators.userId)).where(and(eq(visitCoordinators.trustId, trustId), inArray(visitCoordinators.siteId, [...siteIds])));
}
export async function isCoordinator(db: Executor, siteId: string, userId: string): Promise<boolean> {
  return (await db.select({ u: visitCoordinators.userId }).from(visitCoordinators).where(and(eq(visitCoordinators.siteId, siteId), eq(visitCoordinators.userId, userId)))).length > 0;
}

export async function pupilsOf(db: Executor, visitId: string) {
  return db.select({ id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
    preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname, yearGroup: pupils.yearGroup, medicalFlag: pupils.medicalFlag, medicalNotes: pupils.medicalNotes })
    .from(visitPupils).innerJoin(pupils, eq(pupils.id, visitPupils.pupilId)).where(eq(visitPupils.visitId, visitId)).orderBy(asc(pupils.legalSurname), asc(pupils.legalForename));
}
export type VisitPupilRow = Awaited<ReturnType<typeof pupilsOf>>[number];

export async function staffOf(db: Executor, visitId: string) {
  return db.select({ id: staffMembers.id, forename: staffMembers.forename, surname: staffMembers.surname, jobTitle: staffMembers.jobTitle, userId: staffMembers.userId })
    .from(visitStaff).innerJoin(staffMembers, eq(staffMembers.id, visitStaff.staffId)).where(eq(visitStaff.visitId, visitId)).orderBy(asc(staffMembers.surname));
}

export async function pupilsAtSite(db: Executor, trustId: string, siteId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.trustId, trustId), eq(pupils.siteId, siteId), inArray(pupils.id, [...ids])));
}
export async function staffAtSite(db: Executor, trustId: string, siteId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select({ id: staffMembers.id }).from(staffMembers).where(and(eq(staffMembers.trustId, trustId), eq(staffMembers.siteId, siteId), eq(staffMembers.active, true), inArray(staffMembers.id, [...ids])));
}

export async function setParticipants(db: Executor, trustId: string, visitId: string, pupilIds: readonly string[], staffIds: readonly string[]): Promise<void> {
  await db.delete(visitPupils).where(eq(visitPupils.visitId, visitId));
  await db.delete(visitStaff).where(eq(visitStaff.visitId, visitId));
  if (pupilIds.length) await db.insert(visitPupils).values(pupilIds.map((pupilId) => ({ visitId, pupilId, trustId })));
  if (staffIds.length) await db.insert(visitStaff).values(staffIds.map((staffId) => ({ visitId, staffId, trustId })));
}

/** The active risk assessment of each pupil. */
export async function activeRiskAssessments(db: Executor, pupilIds: readonly string[]) {
  if (!pupilIds.length) return new Map<string, typeof riskAssessments.$inferSelect>();
  const rows = await db.select().from(riskAssessments).where(and(inArray(riskAssessments.pupilId, [...pupilIds]), eq(riskAssessments.status, 'active')));
  return new Map(rows.map((r) => [r.pupilId, r]));
}

/** Technique code → label from the trust's technique lists (site entries win over trust-wide ones). */
export async function techniqueLabels(db: Executor, trustId: string, siteId: string): Promise<Map<string, string>> {
  const rows = await db.select({ code: policyOptions.code, label: policyOptions.label, siteId: policyOptions.siteId }).from(policyOptions)
    .where(and(eq(policyOptions.trustId, trustId), eq(policyOptions.kind, 'technique')));
  const out = new Map<string, string>();
  for (const r of rows) if (r.siteId === null || r.siteId === siteId) if (!out.has(r.code) || r.siteId === siteId) out.set(r.code, r.label);
  return out;
}

/** Every consent decision for the visit, newest first (the first per pupil counts). */
export async function consentsOf(db: Executor, visitId: string) {
  return db.select({ c: visitConsents, recordedByName: users.displayName }).from(visitConsents).innerJoin(users, eq(users.id, visitConsents.recordedBy))
    .where(eq(visitConsents.visitId, visitId)).orderBy(desc(visitConsents.recordedAt), desc(visitConsents.id));
}
export async function insertConsent(db: Executor, row: typeof visitConsents.$inferInsert): Promise<void> { await db.insert(visitConsents).values(row); }

export async function steps(db: Executor, visitId: string) {
  return db.select({ s: visitApprovalSteps, by: users.displayName }).from(visitApprovalSteps).innerJoin(users, eq(users.id, visitApprovalSteps.byUserId))
    .where(eq(visitApprovalSteps.visitId, visitId)).orderBy(asc(visitApprovalSteps.at), asc(visitApprovalSteps.id));
}
export async function addStep(db: Executor, row: typeof visitApprovalSteps.$inferInsert): Promise<void> { await db.insert(visitApprovalSteps).values(row); }

export async function incidentsOf(db: Executor, visitId: string) {
  const rows = await db.select({ id: incidents.id, occurredAt: incidents.occurredAt, status: incidents.status, pupilId: incidentPupils.pupilId })
    .from(incidents).leftJoin(incidentPupils, eq(incidentPupils.incidentId, incidents.id)).where(and(eq(incidents.visitId, visitId), isNull(incidents.voidedAt)))
    .orderBy(asc(incidents.occurredAt));
  return rows;
}
/** Incidents at the visit's site on its days, about its pupils, not linked to any visit: the leader links them. */
export async function incidentsToLink(db: Executor, row: VisitRow, pupilIds: string[]) {
  if (pupilIds.length === 0) return [];
  const day = sql`(${incidents.occurredAt} at time zone 'Europe/London')::date`;
  return db.select({ id: incidents.id, occurredAt: incidents.occurredAt, status: incidents.status, pupilId: incidentPupils.pupilId })
    .from(incidents).innerJoin(incidentPupils, eq(incidentPupils.incidentId, incidents.id))
    .where(and(eq(incidents.siteId, row.siteId), isNull(incidents.visitId), isNull(incidents.voidedAt), inArray(incidentPupils.pupilId, pupilIds),
      sql`${day} between ${row.startDate}::date and ${row.endDate}::date`))
    .orderBy(asc(incidents.occurredAt));
}
export async function findIncident(db: Executor, trustId: string, id: string) {
  return (await db.select({ id: incidents.id, siteId: incidents.siteId, visitId: incidents.visitId }).from(incidents).where(and(eq(incidents.trustId, trustId), eq(incidents.id, id))))[0];
}
export async function unlinkIncident(db: Executor, incidentId: string, visitId: string): Promise<boolean> {
  return (await db.update(incidents).set({ visitId: null }).where(and(eq(incidents.id, incidentId), eq(incidents.visitId, visitId))).returning({ id: incidents.id })).length > 0;
}
export async function linkIncident(db: Executor, incidentId: string, visitId: string): Promise<void> {
  await db.update(incidents).set({ visitId }).where(eq(incidents.id, incidentId));
}

export async function userNames(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return new Map();
  return new Map((await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, want))).map((u) => [u.id, u.name]));
}
export async function siteName(db: Executor, id: string): Promise<string> {
  return (await db.select({ name: sites.name }).from(sites).where(eq(sites.id, id)))[0]?.name ?? '';
}

/** A parent's contacts with parental responsibility for each of their children (user → pupil → contact). */
export async function parentLinks(db: Executor, userId: string) {
  return db.select({ pupilId: pupilContacts.pupilId, contactId: contacts.id, forename: contacts.forename, surname: contacts.surname, phone: contacts.phone })
    .from(contacts).innerJoin(pupilContacts, and(eq(pupilContacts.contactId, contacts.id), eq(pupilContacts.parentalResponsibility, true)))
    .where(eq(contacts.userId, userId));
}
/** Visits (not drafts) a set of pupils go on, from a day on. */
export async function visitsOfPupils(db: Executor, pupilIds: readonly string[], statuses: readonly string[], from: string) {
  if (!pupilIds.length) return [];
  return db.select({ v: visits, pupilId: visitPupils.pupilId, siteName: sites.name }).from(visitPupils).innerJoin(visits, eq(visits.id, visitPupils.visitId))
    .innerJoin(sites, eq(sites.id, visits.siteId))
    .where(and(inArray(visitPupils.pupilId, [...pupilIds]), inArray(visits.status, [...statuses]), gte(visits.endDate, from))).orderBy(asc(visits.startDate));
}

/** The visits (left, or back) at a site on an incident's day that any of its pupils was on: the visit it happened on. */
export async function visitsOnIncident(db: Executor, siteId: string, occurredAt: string, pupilIds: readonly string[]) {
  if (pupilIds.length === 0) return [];
  return db.select({ id: visits.id, purpose: visits.purpose }).from(visits)
    .where(and(eq(visits.siteId, siteId), inArray(visits.status, ['departed', 'completed']),
      sql`(${occurredAt}::timestamptz at time zone 'Europe/London')::date between ${visits.startDate} and ${visits.endDate}`,
      sql`exists (select 1 from visit_pupils vp where vp.visit_id = ${visits.id} and vp.pupil_id in (${sql.join(pupilIds.map((p) => sql`${p}::uuid`), sql`, `)}))`));
}
