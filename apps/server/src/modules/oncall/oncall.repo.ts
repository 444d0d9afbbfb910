/** On-call request queries. Lists take the caller's responder sites and user id, so nothing else can be in the rows. */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../core/db/client.ts';
import { onCallRequests } from '../../db/schema/workflow.ts';
import { policyOptions } from '../../db/schema/policy.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';

const requester = alias(users, 'requester');
const acknowledger = alias(users, 'acknowledger');
const resolver = alias(users, 'resolver');

/** Location entries of the trust (trust-wide and every site's), for effectiveEntry() to pick from. */
export async function locationOptions(db: Executor, trustId: string) {
  return db.select({ siteId: policyOptions.siteId, code: policyOptions.code, label: policyOptions.label, active: policyOptions.active })
    .from(policyOptions).where(and(eq(policyOptions.trustId, trustId), eq(policyOptions.kind, 'location')));
}

export async function findPupil(db: Executor, id: string) {
  const rows = await db.select({ id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId }).from(pupils).where(eq(pupils.id, id));
  return rows[0];
}

export async function siteOf(db: Executor, id: string) {
  const rows = await db.select({ id: sites.id, trustId: sites.trustId, name: sites.name }).from(sites).where(eq(sites.id, id));
  return rows[0];
}

export type NewRequest = typeof onCallRequests.$inferInsert & { id: string };

export async function insertRequest(tx: Executor, row: NewRequest): Promise<void> {
  await tx.insert(onCallRequests).values(row);
}

function requestQuery(db: Executor) {
  return db.select({
    request: onCallRequests,
    siteName: sites.name,
    pupilLegalForename: pupils.legalForename, pupilLegalSurname: pupils.legalSurname,
    pupilPreferredForename: pupils.preferredForename, pupilPreferredSurname: pupils.preferredSurname,
    requestedByName: requester.displayName,
    acknowledgedByName: acknowledger.displayName,
    resolvedByName: resolver.displayName,
  }).from(onCallRequests)
    .innerJoin(sites, eq(sites.id, onCallRequests.siteId))
    .innerJoin(requester, eq(requester.id, onCallRequests.requestedBy))
    .leftJoin(pupils, eq(pupils.id, onCallRequests.pupilId))
    .leftJoin(acknowledger, eq(acknowledger.id, onCallRequests.acknowledgedBy))
    .leftJoin(resolver, eq(resolver.id, onCallRequests.resolvedBy));
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export async function findRequest(db: Executor, id: string) {
  return (await requestQuery(db).where(eq(onCallRequests.id, id)))[0];
}

export interface RequestFilter {
  trustId: string;
  /** Sites where the caller answers calls: every request there. */
  responderSiteIds: readonly string[];
  /** The caller: their own requests anywhere. */
  userId: string;
  siteId?: string | undefined;
  statuses: readonly string[];
  limit: number;
}

export async function listRequests(db: Executor, f: RequestFilter) {
  const visible: SQL | undefined = f.responderSiteIds.length
    ? or(inArray(onCallRequests.siteId, [...f.responderSiteIds]), eq(onCallRequests.requestedBy, f.userId))
    : eq(onCallRequests.requestedBy, f.userId);
  const active = f.statuses.every((s) => s === 'open' || s === 'acknowledged');
  // Live calls: waiting ones first, emergencies first, then the longest waiting. History: newest first.
  const order = active
    ? [desc(sql`(${onCallRequests.status} = 'open')`), desc(sql`(${onCallRequests.urgency} = 'emergency')`), asc(onCallRequests.requestedAt)]
    : [desc(onCallRequests.requestedAt)];
  return requestQuery(db).where(and(
    eq(onCallRequests.trustId, f.trustId), visible, inArray(onCallRequests.status, [...f.statuses]),
    f.siteId ? eq(onCallRequests.siteId, f.siteId) : undefined,
  )).orderBy(...order, desc(onCallRequests.id)).limit(f.limit);
}

/** Moves a request on only from the statuses given, so two responders racing cannot both acknowledge it. */
export async function transition(tx: Executor, id: string, from: readonly string[], set: Partial<typeof onCallRequests.$inferInsert>): Promise<boolean> {
  const rows = await tx.update(onCallRequests).set(set)
    .where(and(eq(onCallRequests.id, id), inArray(onCallRequests.status, [...from]))).returning({ id: onCallRequests.id });
  return rows.length === 1;
}
