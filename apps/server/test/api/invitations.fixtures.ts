/** Shared by the invitation and agency-share suites: cookies of a sign-in answer, the token of a link, a parent to invite. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TestContext } from '../harness.ts';
import { contacts, pupilContacts, pupils } from '../../src/db/schema/pupils.ts';

export function cookiesOf(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'];
  const list = Array.isArray(set) ? set : set ? [String(set)] : [];
  return list.map((c: string) => c.split(';')[0]).join('; ');
}
/** The error part of an error answer: its code, message and the fields named. */
export function errorOf(res: { body: string }): { code: string; message: string; fields: { field: string; message: string }[] } {
  const e = (JSON.parse(res.body) as { error: { code: string; message: string; fields?: { field: string; message: string }[] } }).error;
  return { ...e, fields: e.fields ?? [] };
}
export const tokenOf = (link: string) => link.split('#token=')[1]!;

/** A contact with parental responsibility and an email, without an account, of a pupil at the site. */
export async function uninvitedParent(t: TestContext, siteId: string, skip = 0) {
  const rows = await t.database.db.select({ contactId: contacts.id, email: contacts.email, pupilId: pupils.id }).from(contacts)
    .innerJoin(pupilContacts, and(eq(pupilContacts.contactId, contacts.id), eq(pupilContacts.parentalResponsibility, true)))
    .innerJoin(pupils, eq(pupils.id, pupilContacts.pupilId))
    .where(and(eq(pupils.siteId, siteId), isNull(contacts.userId), sql`${contacts.email} is not null`, isNull(pupils.enrolmentEnd)))
    .orderBy(contacts.id).limit(skip + 1);
  return rows[skip]!;
}

