/** The only place with queries for referrals and professional reports (SUP-5). Every list takes the caller's site ids. */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { agencies, agencyContacts, professionalReports, referrals } from '../../db/schema/casework.ts';
import { attachments } from '../../db/schema/recording.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { users } from '../../db/schema/users.ts';

const referralColumns = {
  r: referrals, agencyName: agencies.name, agencyKind: agencies.kind, contactName: agencyContacts.name, referrerName: users.displayName,
  legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname,
};
function referralsQuery(db: Executor) {
  return db.select(referralColumns).from(referrals)
    .innerJoin(agencies, eq(agencies.id, referrals.agencyId))
    .innerJoin(pupils, eq(pupils.id, referrals.pupilId))
    .innerJoin(users, eq(users.id, referrals.referrerId))
    .leftJoin(agencyContacts, eq(agencyContacts.id, referrals.contactId));
}
export type ReferralListRow = Awaited<ReturnType<typeof referralsQuery>>[number];

export async function listReferrals(db: Executor, siteIds: string[], f: { pupilId?: string | undefined; status?: string | undefined; overdueOn?: string | undefined }) {
  if (!siteIds.length) return [];
  const where = [inArray(referrals.siteId, siteIds)];
  if (f.pupilId) where.push(eq(referrals.pupilId, f.pupilId));
  if (f.status) where.push(eq(referrals.status, f.status));
  if (f.overdueOn) where.push(eq(referrals.status, 'sent'), isNull(referrals.respondedOn), sql`${referrals.expectedResponseOn} < ${f.overdueOn}::date`);
  return referralsQuery(db).where(and(...where)).orderBy(desc(referrals.createdAt), desc(referrals.id)).limit(500);
}

export async function findReferral(db: Executor, id: string) {
  return (await referralsQuery(db).where(eq(referrals.id, id)).limit(1))[0];
}

export async function insertReferral(db: Executor, v: Omit<typeof referrals.$inferInsert, 'id'>): Promise<string> {
  const id = uuidv7();
  await db.insert(referrals).values({ id, ...v });
  return id;
}

export async function updateReferral(db: Executor, id: string, version: number, set: Partial<typeof referrals.$inferInsert>): Promise<boolean> {
  const rows = await db.update(referrals).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(referrals.id, id), eq(referrals.version, version))).returning({ id: referrals.id });
  return rows.length === 1;
}

/** Referrals sent, unanswered, whose expected response day is before `today` (the overdue job; every trust). */
export async function overdueCandidates(db: Executor, today: string) {
  return db.select({ r: referrals, agencyName: agencies.name, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
    preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname })
    .from(referrals).innerJoin(agencies, eq(agencies.id, referrals.agencyId)).innerJoin(pupils, eq(pupils.id, referrals.pupilId))
    .where(and(eq(referrals.status, 'sent'), isNull(referrals.respondedOn), sql`${referrals.expectedResponseOn} < ${today}::date`))
    .orderBy(asc(referrals.expectedResponseOn), asc(referrals.id));
}

export async function markAlerted(db: Executor, id: string, on: string): Promise<void> {
  await db.update(referrals).set({ overdueAlertedOn: on }).where(eq(referrals.id, id));
}

// ------------------------------------------------------------ professional reports

const reportColumns = {
  p: professionalReports, agencyName: agencies.name,
  legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname,
};
function reportsQuery(db: Executor) {
  return db.select(reportColumns).from(professionalReports)
    .innerJoin(pupils, eq(pupils.id, professionalReports.pupilId))
    .leftJoin(agencies, eq(agencies.id, professionalReports.agencyId));
}
export type ReportListRow = Awaited<ReturnType<typeof reportsQuery>>[number];

export async function listReports(db: Executor, siteIds: string[], f: { pupilId?: string | undefined }) {
  if (!siteIds.length) return [];
  const where = [inArray(professionalReports.siteId, siteIds)];
  if (f.pupilId) where.push(eq(professionalReports.pupilId, f.pupilId));
  return reportsQuery(db).where(and(...where)).orderBy(desc(professionalReports.reportDate), desc(professionalReports.id)).limit(500);
}

export async function findReport(db: Executor, id: string) {
  return (await reportsQuery(db).where(eq(professionalReports.id, id)).limit(1))[0];
}

export async function reportsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return reportsQuery(db).where(inArray(professionalReports.id, ids));
}

export async function insertReport(db: Executor, v: Omit<typeof professionalReports.$inferInsert, 'id'>): Promise<string> {
  const id = uuidv7();
  await db.insert(professionalReports).values({ id, ...v });
  return id;
}

/** The current file of each report (the latest not voided). */
export async function filesOf(db: Executor, reportIds: string[]) {
  if (!reportIds.length) return new Map<string, { id: string; filename: string; contentType: string; sizeBytes: number; storage: string; storagePath: string | null; siteId: string }>();
  const rows = await db.select({ ownerId: attachments.ownerId, id: attachments.id, filename: attachments.filename, contentType: attachments.contentType,
    sizeBytes: attachments.sizeBytes, storage: attachments.storage, storagePath: attachments.storagePath, siteId: attachments.siteId })
    .from(attachments).where(and(eq(attachments.ownerType, 'professional_report'), inArray(attachments.ownerId, reportIds), isNull(attachments.voidedAt)))
    .orderBy(asc(attachments.createdAt));
  return new Map(rows.map((r) => [r.ownerId, r]));
}

export async function voidFilesOf(db: Executor, reportId: string, at: Date): Promise<void> {
  await db.update(attachments).set({ voidedAt: at })
    .where(and(eq(attachments.ownerType, 'professional_report'), eq(attachments.ownerId, reportId), isNull(attachments.voidedAt)));
}
