/** Pupil queries. Every read takes the caller's site scope, so a list can never include another site's pupils. */
import { and, asc, count, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { contacts, pupilContacts, pupilGroupMembers, pupilGroups, pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';

export interface PupilListFilter {
  siteIds: string[];
  search?: string | undefined;
  yearGroup?: number | undefined;
  groupId?: string | undefined;
  /** On roll (the default), leavers only, or both. */
  status?: 'on_roll' | 'left' | 'all' | undefined;
  today: string;
}

function escapeLike(s: string): string { return s.replace(/[\\%_]/g, (c) => `\\${c}`); }

function listWhere(f: PupilListFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    inArray(pupils.siteId, f.siteIds),
    f.status === 'all' ? undefined
      : f.status === 'left' ? lt(pupils.enrolmentEnd, f.today)
        : or(isNull(pupils.enrolmentEnd), gte(pupils.enrolmentEnd, f.today)),
  ];
  if (f.yearGroup !== undefined) parts.push(eq(pupils.yearGroup, f.yearGroup));
  if (f.groupId) parts.push(sql`exists (select 1 from ${pupilGroupMembers} m where m.group_id = ${f.groupId} and m.pupil_id = ${pupils.id})`);
  for (const word of (f.search ?? '').split(/\s+/).filter(Boolean).slice(0, 5)) {
    const p = `%${escapeLike(word)}%`;
    parts.push(or(ilike(pupils.legalForename, p), ilike(pupils.legalSurname, p), ilike(pupils.preferredForename, p),
      ilike(pupils.preferredSurname, p), ilike(pupils.upn, p)));
  }
  return and(...parts);
}

export async function listPupils(db: Executor, f: PupilListFilter, page: number, pageSize: number) {
  if (f.siteIds.length === 0) return { rows: [], total: 0 };
  const where = listWhere(f);
  const [rows, totals] = await Promise.all([
    db.select({
      id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, siteName: sites.name, upn: pupils.upn,
      legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
      preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname,
      yearGroup: pupils.yearGroup, formName: pupilGroups.name, enrolmentEnd: pupils.enrolmentEnd,
    }).from(pupils)
      .innerJoin(sites, eq(sites.id, pupils.siteId))
      .leftJoin(pupilGroups, eq(pupilGroups.id, pupils.formGroupId))
      .where(where)
      .orderBy(asc(pupils.legalSurname), asc(pupils.legalForename), asc(pupils.id))
      .limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(pupils).where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export type PupilListRow = Awaited<ReturnType<typeof listPupils>>['rows'][number];

export async function findPupil(db: Executor, id: string) {
  const rows = await db.select({ pupil: pupils, siteName: sites.name }).from(pupils)
    .innerJoin(sites, eq(sites.id, pupils.siteId)).where(eq(pupils.id, id)).limit(1);
  return rows[0];
}

export async function pupilGroupsOf(db: Executor, pupilId: string) {
  return db.select({ id: pupilGroups.id, name: pupilGroups.name, kind: pupilGroups.kind }).from(pupilGroupMembers)
    .innerJoin(pupilGroups, eq(pupilGroups.id, pupilGroupMembers.groupId))
    .where(eq(pupilGroupMembers.pupilId, pupilId)).orderBy(pupilGroups.kind, pupilGroups.name);
}

export async function pupilContactsOf(db: Executor, pupilId: string) {
  return db.select({
    id: contacts.id, title: contacts.title, forename: contacts.forename, surname: contacts.surname, email: contacts.email,
    phone: contacts.phone, preferredContact: contacts.preferredContact, address: contacts.address, language: contacts.language,
    relationship: pupilContacts.relationship,
    parentalResponsibility: pupilContacts.parentalResponsibility, priority: pupilContacts.priority,
  }).from(pupilContacts).innerJoin(contacts, eq(contacts.id, pupilContacts.contactId))
    .where(eq(pupilContacts.pupilId, pupilId)).orderBy(pupilContacts.priority, contacts.surname);
}

/** A parent's children: pupils linked to a contact record that is this user, with parental responsibility. */
export async function childrenOfParent(db: Executor, userId: string, today: string) {
  return db.select({
    id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, siteName: sites.name,
    legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
    preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname,
    yearGroup: pupils.yearGroup, formName: pupilGroups.name,
  }).from(contacts)
    .innerJoin(users, eq(users.id, contacts.userId))
    .innerJoin(pupilContacts, and(eq(pupilContacts.contactId, contacts.id), eq(pupilContacts.parentalResponsibility, true)))
    .innerJoin(pupils, eq(pupils.id, pupilContacts.pupilId))
    .innerJoin(sites, eq(sites.id, pupils.siteId))
    .leftJoin(pupilGroups, eq(pupilGroups.id, pupils.formGroupId))
    .where(and(eq(contacts.userId, userId), or(isNull(pupils.enrolmentEnd), gte(pupils.enrolmentEnd, today))))
    .orderBy(asc(pupils.legalForename));
}
