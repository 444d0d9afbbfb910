/** What presenting and checking a plan needs besides the plan: the pupil, names, the pupil's parents, who may own it. */
import { and, eq, inArray, isNull, max, or } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { sites } from '../../db/schema/platform.ts';
import { contacts, pupilContacts, pupils } from '../../db/schema/pupils.ts';
import { roleAssignments, users } from '../../db/schema/users.ts';
import { behaviourSupportPlanChanges as changes } from '../../db/schema/plans.ts';
import { DATA_ROLE_LIST } from '../../core/policy/permissions.ts';
import { displayName } from '../pupils/pupils.presenter.ts';

export async function findPupil(db: Executor, trustId: string, id: string) {
  const p = (await db.select({ id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
    preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname, yearGroup: pupils.yearGroup, siteName: sites.name })
    .from(pupils).innerJoin(sites, eq(sites.id, pupils.siteId)).where(and(eq(pupils.trustId, trustId), eq(pupils.id, id))))[0];
  return p ? { ...p, displayName: displayName(p) } : undefined;
}
export type PlanPupil = NonNullable<Awaited<ReturnType<typeof findPupil>>>;

export async function siteNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  return new Map((await db.select({ id: sites.id, name: sites.name }).from(sites).where(inArray(sites.id, [...new Set(ids)]))).map((s) => [s.id, s.name]));
}

export async function userNames(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((i): i is string => !!i))];
  if (!want.length) return new Map();
  return new Map((await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, want))).map((u) => [u.id, u.name]));
}

/** The pupil's parents and carers (their contacts), first contact first. */
export async function contactsOfPupil(db: Executor, pupilId: string) {
  const rows = await db.select({ id: contacts.id, title: contacts.title, forename: contacts.forename, surname: contacts.surname, relationship: pupilContacts.relationship, priority: pupilContacts.priority })
    .from(pupilContacts).innerJoin(contacts, eq(contacts.id, pupilContacts.contactId)).where(eq(pupilContacts.pupilId, pupilId))
    .orderBy(pupilContacts.priority, contacts.surname);
  return rows.map((r) => ({ id: r.id, name: [r.title, r.forename, r.surname].filter(Boolean).join(' '), relationship: r.relationship }));
}

/** Members of staff who may own a plan at a site: active users holding a staff data role there (or trust-wide). */
export async function possibleOwners(db: Executor, trustId: string, siteId: string): Promise<{ userId: string; name: string }[]> {
  const rows = await db.selectDistinct({ id: users.id, name: users.displayName }).from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.trustId, trustId), inArray(roleAssignments.role, [...DATA_ROLE_LIST]),
      or(eq(roleAssignments.siteId, siteId), isNull(roleAssignments.siteId)), eq(users.active, true)))
    .orderBy(users.displayName);
  return rows.map((r) => ({ userId: r.id, name: r.name }));
}

/** The last version that changed the plan's content (0 when never changed after it was created). */
export async function lastContentVersion(db: Executor, planId: string): Promise<number> {
  return Number((await db.select({ v: max(changes.version) }).from(changes).where(eq(changes.planId, planId)))[0]?.v ?? 0);
}
