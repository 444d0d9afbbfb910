/**
 * Quick-event and pupil-group queries: the only place in this module with SQL. Reads take the caller's visibility
 * (site scopes and user id), so a list can never include another site's rows or someone else's when it should not.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { pgArray, runStatement, runStatementLater, statement } from '../../core/db/prepared.ts';
import type { RuleRow } from '../policy/escalation.repo.ts';
import { behaviourEvents } from '../../db/schema/recording.ts';
import { behaviourCategories, policyOptions } from '../../db/schema/policy.ts';
import { pupilGroupMembers, pupilGroups, pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';

/** Who may see which quick events: every event at `readSiteIds`, one's own at `recordSiteIds`, voided ones at `voidSiteIds`. */
export interface EventVisibility {
  trustId: string;
  userId: string;
  readSiteIds: string[];
  recordSiteIds: string[];
  /** Voided rows are shown only here (empty: never). */
  voidSiteIds: string[];
}

const anyOf = (col: Parameters<typeof inArray>[0], ids: string[]): SQL => (ids.length ? inArray(col, ids) : sql`false`);

export function eventVisibleWhere(v: EventVisibility): SQL {
  return and(
    eq(behaviourEvents.trustId, v.trustId),
    or(anyOf(behaviourEvents.siteId, v.readSiteIds), and(eq(behaviourEvents.recordedBy, v.userId), anyOf(behaviourEvents.siteId, v.recordSiteIds))),
    or(isNull(behaviourEvents.voidedAt), anyOf(behaviourEvents.siteId, v.voidSiteIds)),
  )!;
}

export async function findPupilsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({
    id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, enrolmentStart: pupils.enrolmentStart, enrolmentEnd: pupils.enrolmentEnd,
  }).from(pupils).where(inArray(pupils.id, ids));
}

/** Category rows with this code for the trust and these sites (trust rows and site overrides). */
export async function categoryRows(db: Executor, trustId: string, siteIds: string[], code: string) {
  return db.select().from(behaviourCategories).where(and(
    eq(behaviourCategories.trustId, trustId), eq(behaviourCategories.code, code),
    or(isNull(behaviourCategories.siteId), anyOf(behaviourCategories.siteId, siteIds)),
  ));
}

/** Option rows of a kind (period, location …) for the trust and these sites; all codes when `code` is omitted. */
export async function optionRows(db: Executor, trustId: string, siteIds: string[], kind: string, code?: string) {
  return db.select({ siteId: policyOptions.siteId, code: policyOptions.code, details: policyOptions.details, active: policyOptions.active, sortOrder: policyOptions.sortOrder })
    .from(policyOptions).where(and(
      eq(policyOptions.trustId, trustId), eq(policyOptions.kind, kind),
      or(isNull(policyOptions.siteId), anyOf(policyOptions.siteId, siteIds)),
      code === undefined ? undefined : eq(policyOptions.code, code),
    ));
}

export type NewEvent = typeof behaviourEvents.$inferInsert;
/** An event as the quick log writes it: its id and times set. */
export type LoggedEvent = NewEvent & { id: string; createdAt: Date; occurredAt: Date };

export async function insertEvents(db: Executor, rows: NewEvent[]): Promise<void> {
  if (rows.length) await db.insert(behaviourEvents).values(rows);
}

const eventColumns = {
  event: behaviourEvents,
  pupilForename: pupils.legalForename, pupilSurname: pupils.legalSurname,
  pupilPreferredForename: pupils.preferredForename, pupilPreferredSurname: pupils.preferredSurname,
  recorderName: users.displayName, categoryName: behaviourCategories.name,
};

function eventsQuery(db: Executor) {
  return db.select(eventColumns).from(behaviourEvents)
    .innerJoin(pupils, eq(pupils.id, behaviourEvents.pupilId))
    .innerJoin(users, eq(users.id, behaviourEvents.recordedBy))
    .leftJoin(behaviourCategories, eq(behaviourCategories.id, behaviourEvents.categoryId));
}

export type EventRow = Awaited<ReturnType<typeof findEventsByIds>>[number];

export async function findEventsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return eventsQuery(db).where(inArray(behaviourEvents.id, ids)).orderBy(asc(pupils.legalSurname), asc(pupils.legalForename));
}

export async function findBatch(db: Executor, trustId: string, batchId: string) {
  return eventsQuery(db).where(and(eq(behaviourEvents.trustId, trustId), eq(behaviourEvents.batchId, batchId)))
    .orderBy(asc(pupils.legalSurname), asc(pupils.legalForename));
}

export async function findEvent(db: Executor, trustId: string, id: string) {
  const rows = await eventsQuery(db).where(and(eq(behaviourEvents.trustId, trustId), eq(behaviourEvents.id, id))).limit(1);
  return rows[0];
}

export async function voidEvents(db: Executor, ids: string[], by: string, reason: string, at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(behaviourEvents).set({ voidedAt: at, voidedBy: by, voidReason: reason })
    .where(and(inArray(behaviourEvents.id, ids), isNull(behaviourEvents.voidedAt)));
}

export interface EventListFilter {
  pupilId?: string | undefined;
  siteId?: string | undefined;
  mine?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function listEvents(db: Executor, v: EventVisibility, f: EventListFilter, page: number, pageSize: number) {
  const where = and(
    eventVisibleWhere(v),
    f.pupilId ? eq(behaviourEvents.pupilId, f.pupilId) : undefined,
    f.siteId ? eq(behaviourEvents.siteId, f.siteId) : undefined,
    f.mine ? eq(behaviourEvents.recordedBy, v.userId) : undefined,
    f.from ? gte(behaviourEvents.occurredOn, f.from) : undefined,
    f.to ? lte(behaviourEvents.occurredOn, f.to) : undefined,
  );
  const rows = await eventsQuery(db).where(where)
    .orderBy(desc(behaviourEvents.occurredAt), desc(behaviourEvents.id)).limit(pageSize).offset((page - 1) * pageSize);
  const totals = await db.select({ n: count() }).from(behaviourEvents).where(where);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

/** Forms, classes and teaching groups at these sites (not archived ones), with the number of pupils on roll today. */
export async function listGroups(db: Executor, trustId: string, siteIds: string[], today: string) {
  if (siteIds.length === 0) return [];
  const onRollCount = sql<number>`(select count(*)::int from ${pupilGroupMembers} m join ${pupils} p on p.id = m.pupil_id
    where m.group_id = ${pupilGroups.id} and p.enrolment_start <= ${today} and (p.enrolment_end is null or p.enrolment_end >= ${today}))`;
  return db.select({
    id: pupilGroups.id, siteId: pupilGroups.siteId, siteName: sites.name, name: pupilGroups.name, kind: pupilGroups.kind,
    yearGroup: pupilGroups.yearGroup, pupilCount: onRollCount,
  }).from(pupilGroups).innerJoin(sites, eq(sites.id, pupilGroups.siteId))
    .where(and(eq(pupilGroups.trustId, trustId), inArray(pupilGroups.siteId, siteIds), isNull(pupilGroups.archivedAt)))
    .orderBy(asc(sites.name), asc(pupilGroups.kind), asc(pupilGroups.yearGroup), asc(pupilGroups.name));
}

/**
 * Everything a quick log checks against, in ONE statement (its first round trip, pipelined with the idempotency
 * claim and the pupils' recent behaviour): the pupils named, the category rows of the code at their sites, the
 * period options of their sites and the location given, the escalation rules in force there and the pupils' open
 * tasks from them, and for a positive
 * category the reward milestones, the academic year and each pupil's points and milestones reached this year.
 * A fixed text, prepared once per connection (core/db/prepared.ts). Dates and timestamps come back as text.
 */
const LOG_CONTEXT = statement(`
  with p as (
    select id, trust_id as "trustId", site_id as "siteId", enrolment_start::text as "enrolmentStart", enrolment_end::text as "enrolmentEnd",
           legal_forename as "legalForename", legal_surname as "legalSurname", preferred_forename as "preferredForename", preferred_surname as "preferredSurname"
      from pupils where id = any($1::uuid[])
  ), s as (select distinct "siteId" as site_id from p),
  c as (
    select id, site_id as "siteId", code, name, polarity, severity, points, quick_log as "quickLog", active from behaviour_categories
     where trust_id = $2::uuid and code = $3 and (site_id is null or site_id in (select site_id from s))
  ),
  y as (select label, start_date::text as "startDate", end_date::text as "endDate" from academic_years
         where trust_id = $2::uuid and start_date <= $6::date and end_date >= $6::date limit 1),
  yr as (select coalesce((select "startDate" from y), $7::date::text) as start_day, coalesce((select "endDate" from y), $8::date::text) as end_day,
                coalesce((select label from y), $9) as label),
  positive as (select 1 where exists (select 1 from c where polarity = 'positive'))
  select
    (select coalesce(json_agg(p), '[]') from p) as pupils,
    (select coalesce(json_agg(c), '[]') from c) as categories,
    (select coalesce(json_agg(o), '[]') from (
      select site_id as "siteId", kind, code, details, active, sort_order as "sortOrder" from policy_options
       where trust_id = $2::uuid and (site_id is null or site_id in (select site_id from s))
         and ((kind = 'period' and ($4::text is null or code = $4)) or (kind = 'location' and code = $5))) o) as options,
    (select coalesce(json_agg(r order by r.name, r.id), '[]') from (
      select id, trust_id as "trustId", site_id as "siteId", name, measure, category_codes as "categoryCodes", polarity, threshold,
             period_days as "periodDays", notify_role as "notifyRole", task_title as "taskTitle", suggestion,
             suggest_intervention_type_id as "suggestInterventionTypeId", active, version,
             created_at as "createdAt", updated_at as "updatedAt"
        from escalation_rules where trust_id = $2::uuid and active and (site_id is null or site_id in (select site_id from s))) r) as rules,
    (select coalesce(json_agg(m order by m.points, m.name), '[]') from (
      select id, site_id as "siteId", name, points from reward_milestones
       where trust_id = $2::uuid and active and (site_id is null or site_id in (select site_id from s)) and exists (select 1 from positive)) m) as milestones,
    (select row_to_json(y) from y) as year,
    (select coalesce(json_agg(r.id || ':' || u.pupil_id), '[]')
       from escalation_rules r cross join unnest($1::uuid[]) as u(pupil_id)
       cross join lateral (select 1 from tasks t where t.source_type = 'escalation_rule' and t.source_id = r.id and t.pupil_id = u.pupil_id
                             and t.status = 'open' and t.trust_id = $2::uuid limit 1) t
      where r.trust_id = $2::uuid and r.active) as "openTasks",
    (select coalesce(json_agg(t), '[]') from (
      select p.id as "pupilId",
             (select coalesce(sum(e.points), 0)::int from behaviour_events e where e.trust_id = $2::uuid and e.pupil_id = p.id
                 and e.occurred_at >= (yr.start_day::date - 2)::timestamp at time zone 'UTC'
                 and e.polarity = 'positive' and e.voided_at is null and e.occurred_on between yr.start_day::date and yr.end_day::date) as points,
             (select coalesce(json_agg(a.milestone_id), '[]') from reward_milestone_awards a where a.pupil_id = p.id and a.academic_year = yr.label) as have
        from p, yr where exists (select 1 from positive)) t) as rewards`);

export interface LogPupil {
  id: string; trustId: string; siteId: string; enrolmentStart: string; enrolmentEnd: string | null;
  legalForename: string; legalSurname: string; preferredForename: string | null; preferredSurname: string | null;
}
export interface LogCategory { id: string; siteId: string | null; code: string; name: string; polarity: string; severity: number; points: number; quickLog: boolean; active: boolean }
export interface LogOption { siteId: string | null; kind: string; code: string; details: unknown; active: boolean; sortOrder: number }
export interface LogContext {
  pupils: LogPupil[];
  categories: LogCategory[];
  options: LogOption[];
  rules: RuleRow[];
  milestones: { id: string; siteId: string | null; name: string; points: number }[];
  year: { label: string; startDate: string; endDate: string } | null;
  rewards: { pupilId: string; points: number; have: string[] }[];
  /** Open tasks from escalation rules for these pupils, as "ruleId:pupilId". */
  openTasks: string[];
}

/**
 * The quick log's context (LOG_CONTEXT). A pupil's points are summed over this academic year's events only, found
 * through the pupil's index (pupil, time) from two days before the year's first date (no London date of the year
 * can fall before that), not over every event the pupil ever had. `defaultYear` is England's academic year of
 * `today`, for a trust without a calendar.
 */
export async function logContext(db: Executor, q: {
  pupilIds: readonly string[]; trustId: string; categoryCode: string; periodCode: string | null; locationCode: string | null;
  today: string; defaultYear: { label: string; startDate: string; endDate: string };
}): Promise<LogContext> {
  const rows = await runStatement<LogContext>(db, LOG_CONTEXT, [pgArray(q.pupilIds), q.trustId, q.categoryCode, q.periodCode, q.locationCode,
    q.today, q.defaultYear.startDate, q.defaultYear.endDate, q.defaultYear.label]);
  const ctx = rows[0]!;
  const asDate = (v: unknown) => new Date(String(v));
  return { ...ctx, rules: ctx.rules.map((r) => ({ ...r, createdAt: asDate(r.createdAt), updatedAt: asDate(r.updatedAt) })) };
}

/**
 * The events of a log in one statement whose result nobody reads: on PostgreSQL it goes out with the transaction's
 * next statement or its commit (prepared.ts runStatementLater). The rows travel as one JSON parameter, expanded by
 * jsonb_populate_recordset (as the incident insert does), so logs of any size share one prepared text.
 */
const INSERT_EVENTS = statement(`
  insert into behaviour_events (id, trust_id, site_id, pupil_id, batch_id, category_id, category_code, polarity, severity, points,
      occurred_at, occurred_on, period_code, location_code, note, recorded_by, created_at)
  select id, trust_id, site_id, pupil_id, batch_id, category_id, category_code, polarity, severity, points,
      occurred_at, occurred_on, period_code, location_code, note, recorded_by, created_at
    from jsonb_populate_recordset(null::behaviour_events, $1::jsonb)`);

export async function insertEventsLater(db: Executor, rows: readonly NewEvent[]): Promise<void> {
  if (rows.length === 0) return;
  await runStatementLater(db, INSERT_EVENTS, [JSON.stringify(rows.map((r) => ({
    id: r.id, trust_id: r.trustId, site_id: r.siteId, pupil_id: r.pupilId, batch_id: r.batchId, category_id: r.categoryId,
    category_code: r.categoryCode, polarity: r.polarity, severity: r.severity, points: r.points, occurred_at: r.occurredAt,
    occurred_on: r.occurredOn, period_code: r.periodCode, location_code: r.locationCode, note: r.note, recorded_by: r.recordedBy, created_at: r.createdAt,
  })))]);
}
