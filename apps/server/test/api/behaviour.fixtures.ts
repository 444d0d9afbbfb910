/**
 * Fixtures for the quick-log, chronology, notification and task tests: the demo trust's sites and pupils, and
 * policy entries, users, incidents and tasks written straight to the database with codes no demo policy uses.
 */
import { and, eq, gte, isNull, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TRole } from '@haven/contracts';
import type { TestContext } from '../harness.ts';
import { demoEmail, json, sessionFor } from '../harness.ts';
import { sites } from '../../src/db/schema/platform.ts';
import { pupils } from '../../src/db/schema/pupils.ts';
import { roleAssignments, users } from '../../src/db/schema/users.ts';
import { behaviourCategories, policyOptions } from '../../src/db/schema/policy.ts';
import { incidentPupils, incidents } from '../../src/db/schema/recording.ts';
import { tasks } from '../../src/db/schema/workflow.ts';
import { londonToday } from '../../src/core/time.ts';

export interface DemoSites { trustId: string; site1: string; site2: string; site3: string }

/** Site 1 is the demo staff member's; site 2 the cluster lead's other site; site 3 a site neither works at. */
export async function demoSites(t: TestContext): Promise<DemoSites> {
  const staff = await sessionFor(t, demoEmail('staff'));
  const cluster = await sessionFor(t, demoEmail('cluster_lead'));
  const me = (s: { headers: Record<string, string> }) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers });
  const site1 = json<{ sites: { id: string }[] }>(await me(staff)).sites[0]!.id;
  const site2 = json<{ sites: { id: string }[] }>(await me(cluster)).sites.map((s) => s.id).find((id) => id !== site1)!;
  const all = await t.database.db.select({ id: sites.id, trustId: sites.trustId }).from(sites).orderBy(sites.name);
  const site3 = all.map((s) => s.id).find((id) => id !== site1 && id !== site2)!;
  return { trustId: all[0]!.trustId, site1, site2, site3 };
}

/** Pupils on roll today at a site, in a stable order. */
export async function pupilsAt(t: TestContext, siteId: string, n: number): Promise<string[]> {
  const rows = await t.database.db.select({ id: pupils.id }).from(pupils)
    .where(and(eq(pupils.siteId, siteId), or(isNull(pupils.enrolmentEnd), gte(pupils.enrolmentEnd, londonToday())),
      sql`${pupils.enrolmentStart} <= '2026-09-01'`))
    .orderBy(pupils.legalSurname, pupils.id).limit(n);
  return rows.map((r) => r.id);
}

export async function addCategory(t: TestContext, trustId: string, c: {
  siteId?: string | null; code: string; name?: string; polarity: 'positive' | 'negative' | 'neutral';
  severity?: number; points?: number; quickLog?: boolean; active?: boolean;
}): Promise<string> {
  const id = uuidv7();
  await t.database.db.insert(behaviourCategories).values({
    id, trustId, siteId: c.siteId ?? null, code: c.code, name: c.name ?? `Test ${c.code}`, polarity: c.polarity,
    severity: c.severity ?? 0, points: c.points ?? 0, quickLog: c.quickLog ?? true, active: c.active ?? true,
  });
  return id;
}

export async function addOption(t: TestContext, trustId: string, o: { siteId?: string | null; kind: string; code: string; details?: Record<string, unknown>; active?: boolean }): Promise<void> {
  await t.database.db.insert(policyOptions).values({
    id: uuidv7(), trustId, siteId: o.siteId ?? null, kind: o.kind, code: o.code, label: `Test ${o.code}`, details: o.details ?? {}, active: o.active ?? true,
  });
}

/** A user holding one role at one site (or trust-wide), for scoping tests; returns their email. */
export async function addUser(t: TestContext, trustId: string, role: TRole, siteId: string | null): Promise<string> {
  const id = uuidv7();
  const email = `${role}-${id.slice(-8)}@test.haven.test`;
  await t.database.db.insert(users).values({ id, trustId, email, displayName: `Test ${role} ${id.slice(-4)}` });
  await t.database.db.insert(roleAssignments).values({ id: uuidv7(), trustId, userId: id, role, siteId });
  return email;
}

export async function addIncident(t: TestContext, trustId: string, i: {
  siteId: string; pupilId: string; createdBy: string; status?: string; occurredAt?: string | null; role?: string;
  categoryCodes?: string[]; voided?: boolean; physicalIntervention?: boolean; severity?: number;
}): Promise<string> {
  const id = uuidv7();
  const occurredAt = i.occurredAt === undefined ? '2026-11-16T11:00:00Z' : i.occurredAt;
  await t.database.db.insert(incidents).values({
    id, trustId, siteId: i.siteId, status: i.status ?? 'submitted', createdBy: i.createdBy,
    occurredAt: occurredAt ? new Date(occurredAt) : null, occurredOn: occurredAt ? occurredAt.slice(0, 10) : null,
    categoryCodes: i.categoryCodes ?? [], severity: i.severity ?? 2, physicalIntervention: i.physicalIntervention ?? false,
    behaviour: 'Test incident text', ...(i.voided ? { voidedAt: new Date(), voidedBy: i.createdBy, voidReason: 'Test void' } : {}),
  });
  await t.database.db.insert(incidentPupils).values({ incidentId: id, pupilId: i.pupilId, trustId, role: i.role ?? 'involved' });
  return id;
}

export async function addTask(t: TestContext, trustId: string, k: { siteId: string; assignedRole?: string | null; assignedUserId?: string | null; pupilId?: string | null; title?: string; status?: string }): Promise<string> {
  const id = uuidv7();
  await t.database.db.insert(tasks).values({
    id, trustId, siteId: k.siteId, pupilId: k.pupilId ?? null, sourceType: 'escalation_rule', title: k.title ?? 'Test task',
    assignedRole: k.assignedRole ?? null, assignedUserId: k.assignedUserId ?? null, status: k.status ?? 'open',
  });
  return id;
}

export const userIdOf = async (t: TestContext, email: string): Promise<string> =>
  (await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

export interface ErrorBody { error: { code: string; message: string; fields?: { field: string; message: string }[] } }
export const fieldsOf = (body: ErrorBody): string[] => (body.error.fields ?? []).map((f) => f.field);
