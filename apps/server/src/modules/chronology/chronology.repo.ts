/**
 * The pupil chronology's queries: one page of (kind, id, time) across quick events, incidents and the other sources
 * (chronology.sources.ts), newest first, then
 * the details of that page. Safeguarding concerns are never read here: they are sealed and have their own chronology.
 */
import { and, asc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { behaviourEvents, incidentPupils, incidents } from '../../db/schema/recording.ts';
import { behaviourCategories, policyOptions } from '../../db/schema/policy.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { users } from '../../db/schema/users.ts';
import { sites } from '../../db/schema/platform.ts';
import { eventVisibleWhere, type EventVisibility } from '../behaviour/behaviour.repo.ts';
import { rowsOf } from '../analytics/analytics.repo.ts';
import type { ChronologyRows as AnyRows, ChronologySource } from './chronology.sources.ts';

export interface ChronologyFilter {
  pupilId: string;
  from?: string | undefined;
  to?: string | undefined;
  events: boolean;
  incidents: boolean;
  /** Serious incidents and those with a physical intervention only. */
  keyEvents?: boolean | undefined;
}

const anyOf = (col: Parameters<typeof inArray>[0], ids: string[]): SQL => (ids.length ? inArray(col, ids) : sql`false`);

/** An incident's day: its school day, or for a draft with no time yet, the London day it was started. */
const incidentDay = sql`coalesce(${incidents.occurredOn}, (${incidents.createdAt} at time zone 'Europe/London')::date)`;
const incidentAt = sql<string>`coalesce(${incidents.occurredAt}, ${incidents.createdAt})`;

function eventWhere(v: EventVisibility, f: ChronologyFilter): SQL {
  return and(eventVisibleWhere(v), eq(behaviourEvents.pupilId, f.pupilId),
    f.from ? gte(behaviourEvents.occurredOn, f.from) : undefined, f.to ? lte(behaviourEvents.occurredOn, f.to) : undefined)!;
}

/**
 * Incidents the viewer may see: submitted or later at the sites where they read behaviour records; their own at the
 * sites where they record (drafts only ever to their author); voided ones only where they may void.
 */
function incidentWhere(v: EventVisibility, f: ChronologyFilter): SQL {
  return and(
    eq(incidents.trustId, v.trustId),
    sql`exists (select 1 from ${incidentPupils} ip where ip.incident_id = ${incidents.id} and ip.pupil_id = ${f.pupilId})`,
    or(
      and(anyOf(incidents.siteId, v.readSiteIds), ne(incidents.status, 'draft')),
      and(eq(incidents.createdBy, v.userId), anyOf(incidents.siteId, v.recordSiteIds)),
    ),
    or(isNull(incidents.voidedAt), anyOf(incidents.siteId, v.voidSiteIds)),
    f.from ? sql`${incidentDay} >= ${f.from}` : undefined,
    f.to ? sql`${incidentDay} <= ${f.to}` : undefined,
    f.keyEvents ? or(eq(incidents.serious, true), eq(incidents.physicalIntervention, true)) : undefined,
  )!;
}

/** One page of (kind, id) rows across points, incidents and the other sources asked for, newest first (by time, then id), and the total. */
export async function chronologyPage(db: Executor, v: EventVisibility, f: ChronologyFilter, sources: { source: ChronologySource; siteIds: string[] }[], page: number, pageSize: number) {
  const parts: AnyRows[] = [];
  if (f.events) parts.push(db.select({ kind: sql<string>`'event'::text`.as('kind'), id: sql<string>`${behaviourEvents.id}`.as('id'), at: sql<string>`${behaviourEvents.occurredAt}`.as('at') })
    .from(behaviourEvents).where(eventWhere(v, f)).$dynamic());
  if (f.incidents) parts.push(db.select({ kind: sql<string>`'incident'::text`.as('kind'), id: sql<string>`${incidents.id}`.as('id'), at: sql<string>`${incidentAt}`.as('at') })
    .from(incidents).where(incidentWhere(v, f)).$dynamic());
  for (const { source, siteIds } of sources) {
    if (siteIds.length > 0) parts.push(source.rows(db, { pupilId: f.pupilId, siteIds, from: f.from, to: f.to, keyEvents: f.keyEvents }));
  }
  if (parts.length === 0) return { rows: [], total: 0 };
  // one statement: the page of the union, newest first, each row carrying the union's size (no count per kind)
  const union = sql.join(parts.map((q) => sql`(${q})`), sql` union all `);
  const offset = (page - 1) * pageSize;
  const rows = rowsOf<{ kind: string; id: string; total: number | string }>(await db.execute(sql`
    select u.kind, u.id::text as id, count(*) over () as total from (${union}) u order by u.at desc, u.id desc limit ${pageSize} offset ${offset}`));
  // past the last page no row carries the total: count alone then
  const total = rows[0] ? Number(rows[0].total)
    : offset > 0 ? Number(rowsOf<{ n: number | string }>(await db.execute(sql`select count(*) as n from (${union}) u`))[0]?.n ?? 0) : 0;
  return { rows: rows.map((r) => ({ kind: r.kind, id: r.id })), total };
}

export async function eventDetails(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ event: behaviourEvents, recorderName: users.displayName, categoryName: behaviourCategories.name })
    .from(behaviourEvents).innerJoin(users, eq(users.id, behaviourEvents.recordedBy))
    .leftJoin(behaviourCategories, eq(behaviourCategories.id, behaviourEvents.categoryId))
    .where(inArray(behaviourEvents.id, ids));
}

export async function incidentDetails(db: Executor, pupilId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({
    id: incidents.id, trustId: incidents.trustId, siteId: incidents.siteId, status: incidents.status, occurredAt: incidentAt,
    categoryCodes: incidents.categoryCodes, severity: incidents.severity, physicalIntervention: incidents.physicalIntervention,
    serious: incidents.serious, createdBy: incidents.createdBy, creatorName: users.displayName,
    voidedAt: incidents.voidedAt, voidReason: incidents.voidReason, role: incidentPupils.role,
  }).from(incidents)
    .innerJoin(incidentPupils, and(eq(incidentPupils.incidentId, incidents.id), eq(incidentPupils.pupilId, pupilId)))
    .innerJoin(users, eq(users.id, incidents.createdBy))
    .where(inArray(incidents.id, ids));
}

/** Every category row (active or not) that could name a code at these sites, for naming incidents' categories. */
export async function categoryNames(db: Executor, trustId: string, siteIds: string[]) {
  if (siteIds.length === 0) return [];
  return db.select({ siteId: behaviourCategories.siteId, code: behaviourCategories.code, name: behaviourCategories.name })
    .from(behaviourCategories)
    .where(and(eq(behaviourCategories.trustId, trustId), or(isNull(behaviourCategories.siteId), inArray(behaviourCategories.siteId, siteIds))))
    .orderBy(asc(behaviourCategories.sortOrder));
}

/** Period and location names (active or not) at these sites, for naming events' codes. */
export async function optionLabels(db: Executor, trustId: string, siteIds: string[]) {
  if (siteIds.length === 0) return [];
  return db.select({ siteId: policyOptions.siteId, kind: policyOptions.kind, code: policyOptions.code, label: policyOptions.label })
    .from(policyOptions)
    .where(and(eq(policyOptions.trustId, trustId), inArray(policyOptions.kind, ['period', 'location']),
      or(isNull(policyOptions.siteId), inArray(policyOptions.siteId, siteIds))));
}

export async function findPupil(db: Executor, id: string) {
  const rows = await db.select({
    id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, siteName: sites.name, yearGroup: pupils.yearGroup,
    name: sql<string>`coalesce(${pupils.preferredForename}, ${pupils.legalForename}) || ' ' || coalesce(${pupils.preferredSurname}, ${pupils.legalSurname})`,
  })
    .from(pupils).innerJoin(sites, eq(sites.id, pupils.siteId)).where(eq(pupils.id, id)).limit(1);
  return rows[0];
}
