/**
 * The parent portal's queries (PAR-1). Every query is about one child the caller is linked to (the service checks the
 * link first) or about what was sent to the caller's own contact records. Sealed safeguarding concerns are read only
 * to leave out the incidents they were raised from; nothing of theirs is returned.
 */
import { and, asc, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { sites, academicYears } from '../../db/schema/platform.ts';
import { contacts, pupilContacts, pupilGroups, pupils, staffMembers } from '../../db/schema/pupils.ts';
import { behaviourEvents, incidentPupils, incidentStaff, incidents, parentCopies } from '../../db/schema/recording.ts';
import { safeguardingConcerns } from '../../db/schema/safeguarding.ts';
import { behaviourCategories, policyOptions } from '../../db/schema/policy.ts';
import { detentionAssignments, detentionSessions, detentionTypes, isolationPupils, isolationSessions } from '../../db/schema/sanctions.ts';
import { exclusions, meetings } from '../../db/schema/exclusions.ts';
import { behaviourSupportPlanAcknowledgements as planAcks, behaviourSupportPlans as plans } from '../../db/schema/plans.ts';
import { communicationAttachments, communications } from '../../db/schema/comms.ts';
import { parentPortalAcknowledgements as portalAcks, parentPortalSettings } from '../../db/schema/parent-portal.ts';
import { users } from '../../db/schema/users.ts';
import { DEFAULT_SETTINGS, type VisibilitySettings } from './parent-portal.rules.ts';

export interface ChildLink {
  pupilId: string; contactId: string; trustId: string; siteId: string; siteName: string; legalForename: string; legalSurname: string;
  preferredForename: string | null; preferredSurname: string | null; yearGroup: number; formName: string | null;
}

/** The caller's children: pupils on roll linked, with parental responsibility, to a contact record that is this user. */
export async function childLinks(db: Executor, userId: string, trustId: string, today: string): Promise<ChildLink[]> {
  return db.select({
    pupilId: pupils.id, contactId: contacts.id, trustId: pupils.trustId, siteId: pupils.siteId, siteName: sites.name,
    legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename,
    preferredSurname: pupils.preferredSurname, yearGroup: pupils.yearGroup, formName: pupilGroups.name,
  }).from(contacts)
    .innerJoin(pupilContacts, and(eq(pupilContacts.contactId, contacts.id), eq(pupilContacts.parentalResponsibility, true)))
    .innerJoin(pupils, eq(pupils.id, pupilContacts.pupilId))
    .innerJoin(sites, eq(sites.id, pupils.siteId))
    .leftJoin(pupilGroups, eq(pupilGroups.id, pupils.formGroupId))
    .where(and(eq(contacts.userId, userId), eq(pupils.trustId, trustId), or(isNull(pupils.enrolmentEnd), gte(pupils.enrolmentEnd, today))))
    .orderBy(asc(pupils.legalForename), asc(pupils.id));
}

export async function settingsOf(db: Executor, trustId: string): Promise<VisibilitySettings & { version: number; updatedAt: Date | null; updatedByName: string | null }> {
  const row = (await db.select({ s: parentPortalSettings, by: users.displayName }).from(parentPortalSettings)
    .leftJoin(users, eq(users.id, parentPortalSettings.updatedBy)).where(eq(parentPortalSettings.trustId, trustId)))[0];
  if (!row) return { ...DEFAULT_SETTINGS, version: 0, updatedAt: null, updatedByName: null };
  return { hiddenCategoryCodes: row.s.hiddenCategoryCodes, hideStaffNames: row.s.hideStaffNames, version: row.s.version, updatedAt: row.s.updatedAt, updatedByName: row.by };
}

/** The trust's categories as a site sees them (a site's own row with a code replaces the trust's). */
export async function categoriesAt(db: Executor, trustId: string, siteId: string | null) {
  const rows = await db.select({ code: behaviourCategories.code, name: behaviourCategories.name, polarity: behaviourCategories.polarity, siteId: behaviourCategories.siteId })
    .from(behaviourCategories).where(and(eq(behaviourCategories.trustId, trustId),
      siteId ? or(isNull(behaviourCategories.siteId), eq(behaviourCategories.siteId, siteId)) : undefined))
    .orderBy(asc(behaviourCategories.sortOrder), asc(behaviourCategories.name));
  const out = new Map<string, { name: string; polarity: string }>();
  for (const r of rows.filter((x) => x.siteId === null)) out.set(r.code, r);
  for (const r of rows.filter((x) => x.siteId !== null)) if (siteId) out.set(r.code, r);
  return out;
}

export async function optionLabels(db: Executor, trustId: string, siteId: string, kind: string): Promise<Map<string, string>> {
  const rows = await db.select({ code: policyOptions.code, label: policyOptions.label, siteId: policyOptions.siteId }).from(policyOptions)
    .where(and(eq(policyOptions.trustId, trustId), eq(policyOptions.kind, kind), or(isNull(policyOptions.siteId), eq(policyOptions.siteId, siteId))));
  const out = new Map<string, string>();
  for (const r of rows.filter((x) => x.siteId === null)) out.set(r.code, r.label);
  for (const r of rows.filter((x) => x.siteId !== null)) out.set(r.code, r.label);
  return out;
}

export async function academicYearStart(db: Executor, trustId: string, today: string): Promise<string | null> {
  const row = (await db.select({ start: academicYears.startDate }).from(academicYears)
    .where(and(eq(academicYears.trustId, trustId), sql`${academicYears.startDate} <= ${today}::date`, sql`${academicYears.endDate} >= ${today}::date`)))[0];
  return row?.start ?? null;
}

/** The child's quick points since a day, with how many pupils shared each log (a group log's note is not shown). */
export async function eventsOf(db: Executor, pupilId: string, since: string) {
  return db.select({
    id: behaviourEvents.id, occurredOn: behaviourEvents.occurredOn, occurredAt: behaviourEvents.occurredAt, createdAt: behaviourEvents.createdAt,
    categoryCode: behaviourEvents.categoryCode, polarity: behaviourEvents.polarity, points: behaviourEvents.points, note: behaviourEvents.note,
    recordedBy: users.displayName,
    batchSize: sql<number>`(select count(*)::int from ${behaviourEvents} b2 where b2.batch_id = ${behaviourEvents.batchId} and b2.voided_at is null)`,
  }).from(behaviourEvents).leftJoin(users, eq(users.id, behaviourEvents.recordedBy))
    .where(and(eq(behaviourEvents.pupilId, pupilId), isNull(behaviourEvents.voidedAt), sql`${behaviourEvents.occurredOn} >= ${since}::date`))
    .orderBy(desc(behaviourEvents.occurredAt));
}

/** The child's incidents with this child's part, how many pupils are on each, and whether a sealed concern was raised from it. */
export async function incidentsOf(db: Executor, pupilId: string) {
  return db.select({
    i: incidents, role: incidentPupils.role,
    pupilCount: sql<number>`(select count(*)::int from ${incidentPupils} ip2 where ip2.incident_id = ${incidents.id})`,
    linkedToConcern: sql<boolean>`exists (select 1 from ${safeguardingConcerns} sc where sc.incident_id = ${incidents.id})`,
  }).from(incidentPupils).innerJoin(incidents, eq(incidents.id, incidentPupils.incidentId))
    .where(and(eq(incidentPupils.pupilId, pupilId), eq(incidents.status, 'signed_off'), isNull(incidents.voidedAt)))
    .orderBy(desc(incidents.occurredAt));
}

export async function staffOnIncidents(db: Executor, incidentIds: string[]): Promise<Map<string, string[]>> {
  if (!incidentIds.length) return new Map();
  const rows = await db.select({ incidentId: incidentStaff.incidentId, forename: staffMembers.forename, surname: staffMembers.surname })
    .from(incidentStaff).innerJoin(staffMembers, eq(staffMembers.id, incidentStaff.staffId)).where(inArray(incidentStaff.incidentId, incidentIds));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.incidentId, [...(out.get(r.incidentId) ?? []), `${r.forename} ${r.surname}`]);
  return out;
}

export async function detentionsOf(db: Executor, pupilId: string) {
  return db.select({ a: detentionAssignments, date: detentionSessions.date, start: detentionSessions.startTime, end: detentionSessions.endTime,
    room: detentionSessions.room, type: detentionTypes.name, cancelled: detentionSessions.cancelledAt })
    .from(detentionAssignments).innerJoin(detentionSessions, eq(detentionSessions.id, detentionAssignments.sessionId))
    .innerJoin(detentionTypes, eq(detentionTypes.id, detentionSessions.typeId))
    .where(eq(detentionAssignments.pupilId, pupilId)).orderBy(desc(detentionSessions.date));
}

export async function isolationsOf(db: Executor, pupilId: string) {
  return db.select({ p: isolationPupils, date: isolationSessions.date, session: isolationSessions.session, room: isolationSessions.room })
    .from(isolationPupils).innerJoin(isolationSessions, eq(isolationSessions.id, isolationPupils.sessionId))
    .where(eq(isolationPupils.pupilId, pupilId)).orderBy(desc(isolationSessions.date));
}

export async function exclusionsOf(db: Executor, pupilId: string) {
  return db.select().from(exclusions).where(eq(exclusions.pupilId, pupilId)).orderBy(desc(exclusions.startDate));
}

/** Meetings about the child the parent is involved in: named among those invited, or a parent or reintegration meeting. */
export async function meetingsOf(db: Executor, pupilId: string, contactIds: string[]) {
  const invited = contactIds.map((id) => sql`${meetings.attendees} @> ${JSON.stringify([{ kind: 'contact', refId: id }])}::jsonb`);
  return db.select().from(meetings)
    .where(and(eq(meetings.pupilId, pupilId), or(inArray(meetings.type, ['parent', 'reintegration']), ...invited)))
    .orderBy(desc(meetings.date));
}

/** The child's active plans that the school shares with parents. */
export async function shareablePlansOf(db: Executor, pupilId: string) {
  return db.select().from(plans)
    .where(and(eq(plans.pupilId, pupilId), eq(plans.status, 'active'), eq(plans.shareableWithParents, true)));
}

export async function planAcksBy(db: Executor, planIds: string[], contactIds: string[]) {
  if (!planIds.length || !contactIds.length) return [];
  return db.select().from(planAcks).where(and(inArray(planAcks.planId, planIds), inArray(planAcks.contactId, contactIds)))
    .orderBy(desc(planAcks.acknowledgedAt));
}

/** Messages and letters sent to the caller's contact records about the child, with whether a file was kept. */
export async function communicationsTo(db: Executor, pupilId: string, contactIds: string[]) {
  if (!contactIds.length) return [];
  const rows = await db.select({ c: communications }).from(communications)
    .where(and(eq(communications.pupilId, pupilId), inArray(communications.contactId, contactIds)))
    .orderBy(desc(communications.createdAt));
  return rows.map((r) => ({ c: r.c, hasFile: r.c.attachmentId !== null }));
}

/** The communications that carried a parent's copy of a restraint record for the child (LAW-12), by incident. */
export async function restraintCopyCommunications(db: Executor, pupilId: string): Promise<Map<string, string>> {
  const rows = await db.select({ incidentId: parentCopies.incidentId, ids: parentCopies.communicationIds }).from(parentCopies)
    .where(and(eq(parentCopies.pupilId, pupilId), eq(parentCopies.action, 'sent')));
  const out = new Map<string, string>();
  for (const r of rows) {
    const ids = (typeof r.ids === 'string' ? JSON.parse(r.ids) : r.ids) as string[];
    for (const id of ids) out.set(id, r.incidentId);
  }
  return out;
}

export async function portalAcksOf(db: Executor, userId: string, kind: string) {
  return db.select().from(portalAcks).where(and(eq(portalAcks.userId, userId), eq(portalAcks.kind, kind)));
}

export async function insertPortalAck(db: Executor, row: typeof portalAcks.$inferInsert) {
  await db.insert(portalAcks).values(row).onConflictDoNothing();
}

export async function communication(db: Executor, id: string) {
  return (await db.select().from(communications).where(eq(communications.id, id)))[0];
}

export async function attachmentOf(db: Executor, id: string) {
  return (await db.select().from(communicationAttachments).where(eq(communicationAttachments.id, id)))[0];
}

export async function incidentDay(db: Executor, ids: string[]): Promise<Map<string, { occurredOn: string | null; status: string; voided: boolean; linked: boolean }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: incidents.id, on: incidents.occurredOn, status: incidents.status, voidedAt: incidents.voidedAt,
    linked: sql<boolean>`exists (select 1 from ${safeguardingConcerns} sc where sc.incident_id = ${incidents.id})` })
    .from(incidents).where(inArray(incidents.id, ids));
  return new Map(rows.map((r) => [r.id, { occurredOn: r.on, status: r.status, voided: r.voidedAt !== null, linked: r.linked }]));
}
