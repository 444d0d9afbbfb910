/** Fixtures for the safeguarding and on-call tests: users with any set of role assignments, and who holds a role where. */
import { and, eq, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TRole } from '@haven/contracts';
import type { TestContext } from '../harness.ts';
import { roleAssignments, users } from '../../src/db/schema/users.ts';
import { pupils } from '../../src/db/schema/pupils.ts';

export interface Grant { role: TRole; siteId: string | null }

/** A new active user with exactly these assignments; returns their id and email (for sessionFor). */
export async function addUserWith(t: TestContext, trustId: string, grants: readonly Grant[], label = 'user'): Promise<{ id: string; email: string }> {
  const id = uuidv7();
  const email = `${label.replace(/[^a-z0-9-]/gi, '-')}-${id.slice(-12)}@test.haven.test`;
  await t.database.db.insert(users).values({ id, trustId, email, displayName: `Test ${label} ${id.slice(-4)}` });
  if (grants.length) {
    await t.database.db.insert(roleAssignments).values(grants.map((g) => ({ id: uuidv7(), trustId, userId: id, role: g.role, siteId: g.siteId })));
  }
  return { id, email };
}

/** Active users holding a role directly at a site (not trust-wide), in a stable order. */
export async function usersWithRoleDirectlyAt(t: TestContext, role: TRole, siteId: string): Promise<{ id: string; email: string }[]> {
  return t.database.db.selectDistinct({ id: users.id, email: users.email }).from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.role, role), eq(roleAssignments.siteId, siteId), eq(users.active, true)))
    .orderBy(users.email);
}

export async function trustWideHolders(t: TestContext, role: TRole): Promise<string[]> {
  const rows = await t.database.db.selectDistinct({ id: roleAssignments.userId }).from(roleAssignments)
    .where(and(eq(roleAssignments.role, role), isNull(roleAssignments.siteId)));
  return rows.map((r) => r.id);
}

export async function pupilNames(t: TestContext, id: string): Promise<string[]> {
  const p = (await t.database.db.select().from(pupils).where(eq(pupils.id, id)))[0]!;
  return [p.legalForename, p.legalSurname, p.preferredForename, p.preferredSurname].filter((s): s is string => !!s && s.length > 2);
}
