/**
 * Pupils and contacts written by hand (issue 12 #1), in the caller's transaction, each change audited. Creating and
 * editing a pupil and adding a contact go through the same planners as an import (people.pupils.ts,
 * people.contacts.ts), so a form and a file obey the same rules and write the same audit actions. Leaving, re-joining,
 * moving site, the sealed facts and editing or removing one contact by id are single-record writes of their own.
 *
 * Moving site: the model holds one site and one enrolment span per pupil, so a move sets the new site and starts the
 * enrolment there; the old span, site and form are kept in the `pupil.moved` audit entry. The pupil's records
 * (incidents, points, concerns) keep the site where they happened; memberships of the old site's groups end.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { TContactInput, TContactUpdate } from '@haven/contracts';
import type { Tx } from '../../core/db/client.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';
import { AppError, conflict, notFound, type FieldError } from '../../core/http/errors.ts';
import { contacts, pupilContacts, pupils } from '../../db/schema/pupils.ts';
import { communications } from '../../db/schema/comms.ts';
import { planPupils } from './people.pupils.ts';
import { CONTACT_FIELDS, planContacts } from './people.contacts.ts';
import { changedFields, type PersonRecord, type Plan, type Target } from './people.types.ts';
import { checkContactReach, orNull, reorder } from './pupil-records.rules.ts';
import { ukDate } from './people.rules.ts';

export type PupilRow = typeof pupils.$inferSelect;

export const invalid = (problems: FieldError[]): AppError =>
  new AppError(400, 'invalid_request', problems.map((p) => `${p.field}: ${p.message}`).join(' '), problems);

/** The pupil, locked until the transaction ends (a concurrent edit waits, then finds the version moved on). */
export async function lockPupil(tx: Tx, id: string): Promise<PupilRow | undefined> {
  const rows = await tx.select().from(pupils).where(eq(pupils.id, id)).limit(1).for('update');
  return rows[0];
}

/** 409 naming `upn` when another pupil of the trust holds it (never naming a pupil the caller may not see). */
export async function refuseTakenUpn(tx: Tx, trustId: string, upn: string, exceptId: string | null, siteId: string): Promise<void> {
  const rows = await tx.select({ id: pupils.id, siteId: pupils.siteId, enrolmentEnd: pupils.enrolmentEnd }).from(pupils)
    .where(and(eq(pupils.trustId, trustId), eq(pupils.upn, upn))).limit(1);
  const holder = rows[0];
  if (!holder || holder.id === exceptId) return;
  const message = holder.siteId !== siteId
    ? `The UPN ${upn} belongs to a pupil at another school of the trust: a UPN is never used twice. Ask that school to move the pupil here, or correct the UPN.`
    : holder.enrolmentEnd
      ? `The UPN ${upn} belongs to a pupil of this school who left on ${ukDate(holder.enrolmentEnd)}: re-join that pupil rather than adding them again.`
      : `The UPN ${upn} belongs to another pupil of this school: a UPN is never used twice.`;
  throw conflict(message, [{ field: 'upn', message }]);
}

/** Plan problems (from the shared planners) as a 400 naming each field. */
function refusePlan(plan: Plan): void {
  if (plan.problems.length) throw invalid(plan.problems.map((p) => ({ field: p.column ?? 'form', message: p.message })));
}

/** Creates a pupil through the import's planner; returns the new pupil's id. */
export async function createPupil(tx: Tx, audit: AuditQueue, target: Target, fields: Record<string, unknown>): Promise<string> {
  const record: PersonRecord = { row: 0, ...fields };
  const plan = await planPupils(tx, { target, records: [record], given: new Set(Object.keys(fields)), columnOf: (f) => f });
  refusePlan(plan);
  await plan.apply(tx, audit, { importId: null });
  const rows = await tx.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.trustId, target.trustId), eq(pupils.upn, fields.upn as string))).limit(1);
  return rows[0]!.id;
}

/**
 * Changes the fields given through the import's planner (the UPN, which the planner matches on, is changed first).
 * Leaving and re-joining are their own actions: the stored leaving date is given as it is, so an edit never
 * re-joins a leaver. Returns the new version.
 */
export async function updatePupil(tx: Tx, audit: AuditQueue, target: Target, stored: PupilRow, fields: Record<string, unknown>): Promise<number> {
  const { upn: newUpn, ...rest } = fields as { upn?: string } & Record<string, unknown>;
  const upnChanged = newUpn !== undefined && newUpn !== stored.upn;
  if (upnChanged) {
    await tx.update(pupils).set({ upn: newUpn }).where(eq(pupils.id, stored.id));
    audit.record({ action: 'pupil.updated', entityType: 'pupil', entityId: stored.id, siteId: stored.siteId,
      details: { importId: null, changed: ['upn'], before: { upn: stored.upn }, after: { upn: newUpn } } });
  }
  const upn = upnChanged ? newUpn : stored.upn;
  const record: PersonRecord = { row: 0, upn, yearGroup: stored.yearGroup, ...rest, enrolmentEnd: stored.enrolmentEnd };
  const plan = await planPupils(tx, { target, records: [record], given: new Set([...Object.keys(rest), 'enrolmentEnd']), columnOf: (f) => f });
  refusePlan(plan);
  await plan.apply(tx, audit, { importId: null });
  if (plan.counts.changed === 0 && upnChanged) await bump(tx, stored);
  return stored.version + (plan.counts.changed || upnChanged ? 1 : 0);
}

async function bump(tx: Tx, p: PupilRow, set: Partial<typeof pupils.$inferInsert> = {}): Promise<number> {
  await tx.update(pupils).set({ ...set, version: p.version + 1, updatedAt: new Date() }).where(eq(pupils.id, p.id));
  return p.version + 1;
}

export async function leave(tx: Tx, audit: AuditQueue, p: PupilRow, date: string, reason: string): Promise<number> {
  const v = await bump(tx, p, { enrolmentEnd: date, leavingReason: reason });
  audit.record({ action: 'pupil.left', entityType: 'pupil', entityId: p.id, siteId: p.siteId, details: { upn: p.upn, date, reason } });
  return v;
}

export async function rejoin(tx: Tx, audit: AuditQueue, p: PupilRow, date: string): Promise<number> {
  const v = await bump(tx, p, { enrolmentStart: date, enrolmentEnd: null, leavingReason: null });
  audit.record({ action: 'pupil.rejoined', entityType: 'pupil', entityId: p.id, siteId: p.siteId,
    details: { upn: p.upn, date, previous: { enrolmentStart: p.enrolmentStart, enrolmentEnd: p.enrolmentEnd, leavingReason: p.leavingReason } } });
  return v;
}

export async function move(tx: Tx, audit: AuditQueue, p: PupilRow, toSiteId: string, date: string): Promise<number> {
  await tx.execute(sql`delete from pupil_group_members m using pupil_groups g
    where m.group_id = g.id and m.pupil_id = ${p.id} and g.site_id = ${p.siteId}`);
  const v = await bump(tx, p, { siteId: toSiteId, formGroupId: null, enrolmentStart: date, enrolmentEnd: null, leavingReason: null });
  const details = { upn: p.upn, fromSiteId: p.siteId, toSiteId, date,
    previous: { enrolmentStart: p.enrolmentStart, enrolmentEnd: p.enrolmentEnd, leavingReason: p.leavingReason, formGroupId: p.formGroupId } };
  // one entry in each site's trail: it left one and joined the other
  audit.record({ action: 'pupil.moved', entityType: 'pupil', entityId: p.id, siteId: toSiteId, details });
  audit.record({ action: 'pupil.moved.away', entityType: 'pupil', entityId: p.id, siteId: p.siteId, details: { upn: p.upn, toSiteId, date } });
  return v;
}

/** Sealed facts: the audit entry keeps the names of the fields only (core/audit/audit.ts `sealed`). */
export async function updateSealed(tx: Tx, audit: AuditQueue, p: PupilRow, s: { childInNeed: boolean; childProtectionPlan: boolean }): Promise<number> {
  const v = await bump(tx, p, s);
  const changed = (['childInNeed', 'childProtectionPlan'] as const).filter((k) => p[k] !== s[k]);
  audit.record({ action: 'pupil.sealed.updated', entityType: 'pupil', entityId: p.id, siteId: p.siteId, sealed: true,
    details: { changed: Object.fromEntries(changed.map((k) => [k, true])) } });
  return v;
}

// --- contacts ------------------------------------------------------------------------------------------------------

async function linksOf(tx: Tx, pupilId: string) {
  return tx.select({ link: pupilContacts, contact: contacts }).from(pupilContacts)
    .innerJoin(contacts, eq(contacts.id, pupilContacts.contactId))
    .where(eq(pupilContacts.pupilId, pupilId)).orderBy(asc(pupilContacts.priority), asc(contacts.surname));
}

/** Writes the calling order (1…n) where it changed. */
async function writeOrder(tx: Tx, pupilId: string, order: { contactId: string; priority: number }[], current: Map<string, number>): Promise<void> {
  for (const o of order) {
    if (current.get(o.contactId) === o.priority) continue;
    await tx.update(pupilContacts).set({ priority: o.priority }).where(and(eq(pupilContacts.pupilId, pupilId), eq(pupilContacts.contactId, o.contactId)));
  }
}

const nameKey = (f: string, s: string) => `${f.trim().toLowerCase()} ${s.trim().toLowerCase()}`;

/**
 * Adds a contact through the import's contacts planner: someone of the same name and email elsewhere in the trust
 * (a sibling's parent) becomes the same contact. Someone of the same name already linked to the pupil is refused.
 */
export async function addContact(tx: Tx, audit: AuditQueue, target: Target, p: PupilRow, c: TContactInput): Promise<string> {
  const fields = contactFields(c);
  const reach = checkContactReach(fields as { preferredContact: string; email: string | null; phone: string | null; address: string | null });
  if (reach) throw invalid([reach]);
  const before = await linksOf(tx, p.id);
  if (before.some((l) => nameKey(l.contact.forename, l.contact.surname) === nameKey(c.forename, c.surname))) {
    const message = `${c.forename} ${c.surname} is already a contact of this pupil: change their details instead.`;
    throw conflict(message, [{ field: 'forename', message }]);
  }
  const record: PersonRecord = { row: 0, upn: p.upn, ...fields, relationship: c.relationship.trim(), parentalResponsibility: c.parentalResponsibility, priority: before.length + 1 };
  const plan = await planContacts(tx, { target, records: [record], given: new Set([...Object.keys(fields), 'parentalResponsibility']), columnOf: (f) => f });
  refusePlan(plan);
  await plan.apply(tx, audit, { importId: null });
  const after = await linksOf(tx, p.id);
  const added = after.find((l) => !before.some((b) => b.contact.id === l.contact.id))!;
  const current = new Map(after.map((l) => [l.contact.id, l.link.priority]));
  await writeOrder(tx, p.id, reorder(before.map((l) => l.contact.id), added.contact.id, c.priority), current);
  return added.contact.id;
}

function contactFields(c: TContactUpdate): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of CONTACT_FIELDS) {
    if (f === 'externalId' || !(f in c)) continue;
    const v = (c as Record<string, unknown>)[f];
    out[f] = typeof v === 'string' ? (f === 'email' ? orNull(v)?.toLowerCase() ?? null : orNull(v)) : v ?? null;
  }
  if ('forename' in out && !out.forename) delete out.forename;
  if ('surname' in out && !out.surname) delete out.surname;
  return out;
}

/** Changes one contact of the pupil (the person, for every pupil they are linked to, and this pupil's link). */
export async function updateContact(tx: Tx, audit: AuditQueue, p: PupilRow, contactId: string, c: TContactUpdate): Promise<void> {
  const links = await linksOf(tx, p.id);
  const found = links.find((l) => l.contact.id === contactId);
  if (!found) throw notFound('contact');
  const wanted = contactFields(c);
  const reach = checkContactReach({ ...found.contact, ...wanted } as { preferredContact: string; email: string | null; phone: string | null; address: string | null });
  if (reach) throw invalid([reach]);
  if ((wanted.forename || wanted.surname) && links.some((l) => l.contact.id !== contactId
    && nameKey(l.contact.forename, l.contact.surname) === nameKey(String(wanted.forename ?? found.contact.forename), String(wanted.surname ?? found.contact.surname)))) {
    const message = 'Another contact of this pupil has that name.';
    throw conflict(message, [{ field: 'forename', message }]);
  }
  const changed = changedFields(found.contact, wanted, CONTACT_FIELDS);
  if (changed.length) {
    await tx.update(contacts).set(Object.fromEntries(changed.map((f) => [f, wanted[f]])) as Partial<typeof contacts.$inferInsert>).where(eq(contacts.id, contactId));
    audit.record({ action: 'contact.updated', entityType: 'contact', entityId: contactId, siteId: p.siteId, details: { importId: null, changed } });
  }
  const link: Record<string, unknown> = {};
  if (c.relationship !== undefined) link.relationship = c.relationship.trim();
  if (c.parentalResponsibility !== undefined) link.parentalResponsibility = c.parentalResponsibility;
  const linkChanged = changedFields(found.link, link, ['relationship', 'parentalResponsibility']);
  if (linkChanged.length) {
    await tx.update(pupilContacts).set(Object.fromEntries(linkChanged.map((f) => [f, link[f]])) as Partial<typeof pupilContacts.$inferInsert>)
      .where(and(eq(pupilContacts.pupilId, p.id), eq(pupilContacts.contactId, contactId)));
  }
  if (c.priority != null) {
    const order = reorder(links.map((l) => l.contact.id), contactId, c.priority);
    const current = new Map(links.map((l) => [l.contact.id, l.link.priority]));
    if (order.some((o) => current.get(o.contactId) !== o.priority)) linkChanged.push('priority');
    await writeOrder(tx, p.id, order, current);
  }
  if (linkChanged.length) {
    audit.record({ action: 'pupil.contact.updated', entityType: 'pupil', entityId: p.id, siteId: p.siteId, details: { importId: null, contactId, changed: linkChanged } });
  }
}

/**
 * Unlinks a contact from the pupil; the others move up. The person's record goes too when nothing else needs it (no
 * other pupil, no parent account, no message sent to them).
 */
export async function removeContact(tx: Tx, audit: AuditQueue, p: PupilRow, contactId: string): Promise<void> {
  const links = await linksOf(tx, p.id);
  const found = links.find((l) => l.contact.id === contactId);
  if (!found) throw notFound('contact');
  await tx.delete(pupilContacts).where(and(eq(pupilContacts.pupilId, p.id), eq(pupilContacts.contactId, contactId)));
  const rest = links.filter((l) => l.contact.id !== contactId);
  await writeOrder(tx, p.id, rest.map((l, i) => ({ contactId: l.contact.id, priority: i + 1 })), new Map(rest.map((l) => [l.contact.id, l.link.priority])));
  audit.record({ action: 'pupil.contact.unlinked', entityType: 'pupil', entityId: p.id, siteId: p.siteId, details: { contactId, relationship: found.link.relationship } });
  const [others, sent] = await Promise.all([
    tx.select({ n: sql<number>`count(*)::int` }).from(pupilContacts).where(eq(pupilContacts.contactId, contactId)),
    tx.select({ n: sql<number>`count(*)::int` }).from(communications).where(eq(communications.contactId, contactId)),
  ]);
  if (!found.contact.userId && Number(others[0]!.n) === 0 && Number(sent[0]!.n) === 0) {
    await tx.delete(contacts).where(eq(contacts.id, contactId));
    audit.record({ action: 'contact.deleted', entityType: 'contact', entityId: contactId, siteId: p.siteId, details: { reason: 'no longer a contact of any pupil' } });
  }
}
