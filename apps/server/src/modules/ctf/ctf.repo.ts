/**
 * Queries for CTF exports and the profile's "From previous schools": pupils loaded by name of column, never the
 * sealed ones (child in need, child protection plan), and no safeguarding table is read here at all.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { TCtfTransferDocument } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { contacts, pupilContacts, pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { pupilTransferRecords } from '../../db/schema/transfers.ts';

export async function siteOf(db: Executor, siteId: string) {
  return (await db.select({ id: sites.id, trustId: sites.trustId, name: sites.name, urn: sites.urn, la: sites.laCode, est: sites.establishmentNumber })
    .from(sites).where(eq(sites.id, siteId)))[0];
}

/** The columns a CTF carries: an explicit list, so a sealed column can never be exported by accident. */
const EXPORT_COLUMNS = {
  id: pupils.id, upn: pupils.upn, legalSurname: pupils.legalSurname, legalForename: pupils.legalForename,
  preferredSurname: pupils.preferredSurname, preferredForename: pupils.preferredForename, dateOfBirth: pupils.dateOfBirth, sex: pupils.sex,
  yearGroup: pupils.yearGroup, enrolmentStart: pupils.enrolmentStart, enrolmentEnd: pupils.enrolmentEnd, senStatus: pupils.senStatus,
  primaryNeed: pupils.primaryNeed, fsm: pupils.fsm, lookedAfter: pupils.lookedAfter, eal: pupils.eal, firstLanguage: pupils.firstLanguage,
  ethnicity: pupils.ethnicity, medicalFlag: pupils.medicalFlag,
};

export async function pupilsForExport(db: Executor, siteId: string, upns: readonly string[]) {
  return db.select(EXPORT_COLUMNS).from(pupils).where(and(eq(pupils.siteId, siteId), inArray(pupils.upn, [...upns]))).orderBy(asc(pupils.legalSurname), asc(pupils.legalForename));
}

export async function contactsForExport(db: Executor, pupilIds: readonly string[]) {
  if (pupilIds.length === 0) return [];
  return db.select({
    pupilId: pupilContacts.pupilId, priority: pupilContacts.priority, relationship: pupilContacts.relationship,
    parentalResponsibility: pupilContacts.parentalResponsibility, title: contacts.title, forename: contacts.forename, surname: contacts.surname,
    phone: contacts.phone, email: contacts.email,
  }).from(pupilContacts).innerJoin(contacts, eq(contacts.id, pupilContacts.contactId))
    .where(inArray(pupilContacts.pupilId, [...pupilIds])).orderBy(asc(pupilContacts.priority), asc(contacts.surname));
}

export async function transferRecordsOf(db: Executor, pupilIds: readonly string[]) {
  if (pupilIds.length === 0) return [];
  const rows = await db.select({
    id: pupilTransferRecords.id, pupilId: pupilTransferRecords.pupilId, importId: pupilTransferRecords.importId, receivedAt: pupilTransferRecords.receivedAt,
    sourceLea: pupilTransferRecords.sourceLea, sourceEstab: pupilTransferRecords.sourceEstab, sourceUrn: pupilTransferRecords.sourceUrn,
    sourceName: pupilTransferRecords.sourceName, document: pupilTransferRecords.document,
  }).from(pupilTransferRecords).where(inArray(pupilTransferRecords.pupilId, [...pupilIds])).orderBy(desc(pupilTransferRecords.receivedAt), desc(pupilTransferRecords.id));
  return rows.map((r) => ({ ...r, document: r.document as TCtfTransferDocument }));
}

export async function pupilSite(db: Executor, pupilId: string) {
  return (await db.select({ id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId }).from(pupils).where(eq(pupils.id, pupilId)))[0];
}
