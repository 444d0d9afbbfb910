/** Invitation queries: the only place in this module with SQL. */
import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { invitations } from '../../db/schema/invitations.ts';
import { contacts, pupilContacts, pupils } from '../../db/schema/pupils.ts';
import { trusts } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';

export type InvitationRow = typeof invitations.$inferSelect;
export type InvitationWithUser = InvitationRow & { displayName: string };

const withUser = { invitation: invitations, displayName: users.displayName };
const flatten = (r: { invitation: InvitationRow; displayName: string }): InvitationWithUser => ({ ...r.invitation, displayName: r.displayName });

export async function insertInvitation(db: Executor, v: Omit<typeof invitations.$inferInsert, 'id'>): Promise<InvitationRow> {
  const rows = await db.insert(invitations).values({ id: uuidv7(), ...v }).returning();
  return rows[0]!;
}

/** Withdraws every link of a user that could still be used (a new one replaces them). The ids withdrawn. */
export async function revokeOpenInvitations(db: Executor, userId: string, now: Date): Promise<string[]> {
  const rows = await db.update(invitations).set({ revokedAt: now })
    .where(and(eq(invitations.userId, userId), isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .returning({ id: invitations.id });
  return rows.map((r) => r.id);
}

export async function findInvitation(db: Executor, trustId: string, id: string): Promise<InvitationWithUser | undefined> {
  const rows = await db.select(withUser).from(invitations).innerJoin(users, eq(users.id, invitations.userId))
    .where(and(eq(invitations.trustId, trustId), eq(invitations.id, id))).limit(1);
  return rows[0] && flatten(rows[0]);
}

export async function findByTokenHash(db: Executor, tokenHash: string): Promise<InvitationWithUser | undefined> {
  const rows = await db.select(withUser).from(invitations).innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.tokenHash, tokenHash)).limit(1);
  return rows[0] && flatten(rows[0]);
}

/** Uses the link, only if nobody has, it is not withdrawn and not expired: true when this call used it. */
export async function claimInvitation(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db.update(invitations).set({ usedAt: now })
    .where(and(eq(invitations.id, id), isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .returning({ id: invitations.id });
  return rows.length === 1;
}

export async function setEmailOutcome(db: Executor, id: string, status: string, emailedAt: Date | null): Promise<void> {
  await db.update(invitations).set({ emailStatus: status, emailedAt }).where(eq(invitations.id, id));
}

/** The latest invitation of each of these users. */
export async function latestOf(db: Executor, userIds: string[]): Promise<Map<string, InvitationWithUser>> {
  if (!userIds.length) return new Map();
  const rows = await db.select(withUser).from(invitations).innerJoin(users, eq(users.id, invitations.userId))
    .where(inArray(invitations.userId, userIds)).orderBy(desc(invitations.createdAt), desc(invitations.id));
  const out = new Map<string, InvitationWithUser>();
  for (const r of rows) if (!out.has(r.invitation.userId)) out.set(r.invitation.userId, flatten(r));
  return out;
}

export async function trustName(db: Executor, trustId: string): Promise<string> {
  const rows = await db.select({ name: trusts.name }).from(trusts).where(eq(trusts.id, trustId)).limit(1);
  return rows[0]?.name ?? 'Haven';
}

/** Contacts of this trust with, for each, the pupils they have parental responsibility for (and those pupils' sites). */
export async function contactsWithChildren(db: Executor, trustId: string, contactIds: string[]) {
  if (!contactIds.length) return [];
  const rows = await db.select({
    id: contacts.id, title: contacts.title, forename: contacts.forename, surname: contacts.surname, email: contacts.email, userId: contacts.userId,
    pupilId: pupilContacts.pupilId, parentalResponsibility: pupilContacts.parentalResponsibility, siteId: pupils.siteId,
  }).from(contacts)
    .leftJoin(pupilContacts, eq(pupilContacts.contactId, contacts.id))
    .leftJoin(pupils, eq(pupils.id, pupilContacts.pupilId))
    .where(and(eq(contacts.trustId, trustId), inArray(contacts.id, contactIds)));
  const byId = new Map<string, { id: string; name: string; email: string | null; userId: string | null; children: { pupilId: string; siteId: string }[]; otherLinks: number }>();
  for (const r of rows) {
    const c = byId.get(r.id) ?? { id: r.id, name: [r.title, r.forename, r.surname].filter(Boolean).join(' '), email: r.email, userId: r.userId, children: [], otherLinks: 0 };
    if (r.pupilId && r.siteId) {
      if (r.parentalResponsibility) c.children.push({ pupilId: r.pupilId, siteId: r.siteId });
      else c.otherLinks += 1;
    }
    byId.set(r.id, c);
  }
  return [...byId.values()];
}

export async function linkContactsToUser(db: Executor, contactIds: string[], userId: string): Promise<void> {
  await db.update(contacts).set({ userId }).where(inArray(contacts.id, contactIds));
}

/** A pupil's contacts with their portal account (if any), for the pupil's profile. */
export async function portalContactsOf(db: Executor, pupilId: string) {
  return db.select({
    contactId: contacts.id, email: contacts.email, userId: contacts.userId, parentalResponsibility: pupilContacts.parentalResponsibility,
    passwordSet: users.passwordHash, active: users.active,
  }).from(pupilContacts).innerJoin(contacts, eq(contacts.id, pupilContacts.contactId))
    .leftJoin(users, eq(users.id, contacts.userId))
    .where(eq(pupilContacts.pupilId, pupilId)).orderBy(pupilContacts.priority);
}

/** The sites of the pupils a parent account is linked to (with parental responsibility). */
export async function childSitesOfParent(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ siteId: pupils.siteId }).from(contacts)
    .innerJoin(pupilContacts, and(eq(pupilContacts.contactId, contacts.id), eq(pupilContacts.parentalResponsibility, true)))
    .innerJoin(pupils, eq(pupils.id, pupilContacts.pupilId))
    .where(eq(contacts.userId, userId));
  return rows.map((r) => r.siteId);
}
