/**
 * Writing parents, carers and other contacts of a site's pupils, with the link that says how they are related,
 * whether they hold parental responsibility and in what order to call them. A contact is matched by the MIS's
 * contact id where the source gives one, else by name among the pupil's own contacts, else by name and email
 * anywhere in the trust (a parent of two children is one contact). Links the source leaves out are reported.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor, Tx } from '../../core/db/client.ts';
import { contacts, pupilContacts, pupils } from '../../db/schema/pupils.ts';
import { bulkInsert, bulkUpdate } from './people.bulk.ts';
import { LEFT_OUT_LIMIT, auditMany, changedFields, type Plan, type PlanInput, type PersonRecord } from './people.types.ts';

export const CONTACT_FIELDS = ['title', 'forename', 'surname', 'email', 'phone', 'preferredContact', 'externalId', 'address', 'language'] as const;
const LINK_FIELDS = ['relationship', 'parentalResponsibility', 'priority'] as const;

type ContactRow = typeof contacts.$inferSelect;
const nameKey = (forename: unknown, surname: unknown) => `${String(forename).toLowerCase()} ${String(surname).toLowerCase()}`;

export async function planContacts(db: Executor, input: PlanInput): Promise<Plan> {
  const { target, records, given } = input;
  const upns = [...new Set(records.map((r) => r.upn as string))];
  const pupilRows = upns.length
    ? await db.select({ id: pupils.id, upn: pupils.upn }).from(pupils).where(and(eq(pupils.siteId, target.siteId), inArray(pupils.upn, upns)))
    : [];
  const pupilByUpn = new Map(pupilRows.map((p) => [p.upn, p.id]));
  const pupilIds = pupilRows.map((p) => p.id);
  const externalIds = [...new Set(records.map((r) => r.externalId as string | null | undefined).filter((x): x is string => !!x))];
  const [links, byExternal] = await Promise.all([
    pupilIds.length ? db.select({ link: pupilContacts, contact: contacts }).from(pupilContacts)
      .innerJoin(contacts, eq(contacts.id, pupilContacts.contactId)).where(inArray(pupilContacts.pupilId, pupilIds)) : Promise.resolve([]),
    externalIds.length ? db.select().from(contacts).where(and(eq(contacts.trustId, target.trustId), inArray(contacts.externalId, externalIds))) : Promise.resolve([] as ContactRow[]),
  ]);
  // by email only for the rows not found by id or among the pupil's own contacts (a new child of a known parent)
  const namesOf = new Map<string, Set<string>>();
  for (const l of links) namesOf.set(l.link.pupilId, (namesOf.get(l.link.pupilId) ?? new Set()).add(nameKey(l.contact.forename, l.contact.surname)));
  const emails = [...new Set(records.filter((r) => r.email && !r.externalId && !namesOf.get(pupilByUpn.get(r.upn as string) ?? '')?.has(nameKey(r.forename, r.surname)))
    .map((r) => r.email as string))];
  const byEmail = emails.length ? await db.select().from(contacts).where(and(eq(contacts.trustId, target.trustId), inArray(contacts.email, emails))) : [];
  const contactById = new Map<string, ContactRow>();
  for (const c of [...byExternal, ...byEmail, ...links.map((l) => l.contact)]) contactById.set(c.id, c);
  const externalMap = new Map(byExternal.map((c) => [c.externalId!, c.id]));
  const emailIndex = new Map<string, ContactRow[]>();
  for (const c of byEmail) if (c.email) emailIndex.set(c.email, [...(emailIndex.get(c.email) ?? []), c]);
  const linksOf = new Map<string, typeof links>();
  for (const l of links) linksOf.set(l.link.pupilId, [...(linksOf.get(l.link.pupilId) ?? []), l]);

  const problems: Plan['problems'] = [];
  const newContacts = new Map<string, typeof contacts.$inferInsert>();
  const contactUpdates = new Map<string, { row: Record<string, unknown>; changed: string[] }>();
  const newLinks: (typeof pupilContacts.$inferInsert)[] = [];
  const linkUpdates: { row: Record<string, unknown>; changed: string[] }[] = [];
  /** The same person on several rows (siblings) becomes one contact: file key → contact id. */
  const inFile = new Map<string, string>();
  const seenLinks = new Set<string>();
  const order = new Map<string, number>();
  let unchanged = 0;
  let changedCount = 0;

  const findContact = (rec: PersonRecord, pupilId: string): string | undefined => {
    const ext = rec.externalId as string | null | undefined;
    const fileKey = ext ? `ext:${ext}` : `name:${nameKey(rec.forename, rec.surname)}|${String(rec.email ?? rec.phone ?? '')}`;
    const known = inFile.get(fileKey);
    if (known) return known;
    let id = ext ? externalMap.get(ext) : undefined;
    id ??= linksOf.get(pupilId)?.find((l) => nameKey(l.contact.forename, l.contact.surname) === nameKey(rec.forename, rec.surname))?.contact.id;
    if (!id && rec.email) id = emailIndex.get(rec.email as string)?.find((c) => nameKey(c.forename, c.surname) === nameKey(rec.forename, rec.surname))?.id;
    if (id) inFile.set(fileKey, id);
    return id ?? (inFile.set(fileKey, ''), undefined);
  };

  for (const rec of records) {
    const pupilId = pupilByUpn.get(rec.upn as string);
    if (!pupilId) {
      problems.push({ row: rec.row, column: input.columnOf('upn'), message: `No pupil with the UPN ${String(rec.upn)} at this school: import the pupils first.` });
      continue;
    }
    const n = (order.get(pupilId) ?? 0) + 1;
    order.set(pupilId, n);
    const wantedContact: Record<string, unknown> = {};
    for (const f of CONTACT_FIELDS) if (given.has(f) && rec[f] !== undefined) wantedContact[f] = rec[f];
    const wantedLink: Record<string, unknown> = { relationship: rec.relationship };
    if (given.has('parentalResponsibility')) wantedLink.parentalResponsibility = rec.parentalResponsibility;
    wantedLink.priority = (rec.priority as number | null | undefined) ?? n;

    let contactId = findContact(rec, pupilId);
    let contactChanged = false;
    if (!contactId) {
      contactId = uuidv7();
      const ext = rec.externalId as string | null | undefined;
      inFile.set(ext ? `ext:${ext}` : `name:${nameKey(rec.forename, rec.surname)}|${String(rec.email ?? rec.phone ?? '')}`, contactId);
      newContacts.set(contactId, {
        id: contactId, trustId: target.trustId, ...(wantedContact as Partial<typeof contacts.$inferInsert>),
        forename: rec.forename as string, surname: rec.surname as string,
      });
    } else if (!newContacts.has(contactId)) {
      const stored = contactById.get(contactId)!;
      const pending = contactUpdates.get(contactId);
      const base = pending?.row ?? stored;
      const changed = changedFields(base, wantedContact, CONTACT_FIELDS);
      if (changed.length) {
        contactChanged = true;
        contactUpdates.set(contactId, { row: { ...base, ...wantedContact }, changed: [...new Set([...(pending?.changed ?? []), ...changed])] });
      }
    }
    const linkKey = `${pupilId}|${contactId}`;
    if (seenLinks.has(linkKey)) {
      problems.push({ row: rec.row, column: input.columnOf('forename'), message: `This contact is already listed for pupil ${String(rec.upn)} on an earlier row.` });
      continue;
    }
    seenLinks.add(linkKey);
    const storedLink = linksOf.get(pupilId)?.find((l) => l.contact.id === contactId)?.link;
    if (!storedLink) {
      newLinks.push({ pupilId, contactId, trustId: target.trustId, relationship: rec.relationship as string,
        parentalResponsibility: (wantedLink.parentalResponsibility as boolean | undefined) ?? false, priority: wantedLink.priority as number });
      continue;
    }
    const changed = changedFields(storedLink, wantedLink, LINK_FIELDS);
    if (changed.length) linkUpdates.push({ row: { ...storedLink, ...wantedLink }, changed });
    if (changed.length || contactChanged) changedCount += 1;
    else unchanged += 1;
  }
  const leftLinks = links.filter((l) => !seenLinks.has(`${l.link.pupilId}|${l.contact.id}`));
  const upnOf = new Map(pupilRows.map((p) => [p.id, p.upn]));
  return {
    problems,
    counts: { rows: records.length, added: newLinks.length, changed: changedCount, unchanged, left: leftLinks.length },
    leftOut: leftLinks.slice(0, LEFT_OUT_LIMIT).map((l) => `${upnOf.get(l.link.pupilId) ?? ''} ${l.contact.forename} ${l.contact.surname} (${l.link.relationship})`),
    async apply(tx: Tx, audit, source) {
      await bulkInsert(tx, contacts, [...newContacts.values()]);
      await bulkUpdate(tx, contacts, [...contactUpdates.values()].map((u) => u.row), CONTACT_FIELDS);
      await bulkInsert(tx, pupilContacts, newLinks);
      await updateLinks(tx, linkUpdates.map((u) => u.row));
      const e = { siteId: target.siteId, importId: source.importId };
      auditMany(audit, { ...e, action: 'contact.created', entityType: 'contact' }, [...newContacts.values()].map((c) => ({ id: c.id! })));
      auditMany(audit, { ...e, action: 'contact.updated', entityType: 'contact' }, [...contactUpdates].map(([id, u]) => ({ id, details: { changed: u.changed } })));
      auditMany(audit, { ...e, action: 'pupil.contact.linked', entityType: 'pupil' }, newLinks.map((l) => ({ id: l.pupilId, details: { contactId: l.contactId, relationship: l.relationship, parentalResponsibility: l.parentalResponsibility, priority: l.priority } })));
      auditMany(audit, { ...e, action: 'pupil.contact.updated', entityType: 'pupil' }, linkUpdates.map((u) => ({ id: u.row.pupilId as string, details: { contactId: u.row.contactId, changed: u.changed } })));
    },
  };
}

async function updateLinks(tx: Tx, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((r) => ({ pupil_id: r.pupilId, contact_id: r.contactId, relationship: r.relationship, parental_responsibility: r.parentalResponsibility, priority: r.priority }));
    await tx.execute(sql`update ${pupilContacts} as t set relationship = v.relationship, parental_responsibility = v.parental_responsibility, priority = v.priority
      from jsonb_populate_recordset(null::${pupilContacts}, ${JSON.stringify(chunk)}::jsonb) as v where t.pupil_id = v.pupil_id and t.contact_id = v.contact_id`);
  }
}
