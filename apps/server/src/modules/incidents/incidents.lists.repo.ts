/**
 * Incident lists: every query takes the caller's scope (sites where they read every record, and sites where they see
 * only what they recorded), so no list can include a record the caller may not open.
 */
import { and, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { incidents } from '../../db/schema/recording.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';
import type { TIncidentStatus } from '@haven/contracts';
import { PUPIL_NAME, iso, rowsOf } from './incidents.repo.ts';
import type { ListRow } from './incidents.presenter.ts';

export interface ListScope { trustId: string; userId: string; readSiteIds: string[]; ownSiteIds: string[] }
/** Filters both lists share (REV-2 triage): at least this severity, with or without a physical intervention, one category. */
export interface TriageFilter { severityMin?: number | undefined; physicalIntervention?: boolean | undefined; categoryCode?: string | undefined; uncertifiedHold?: boolean | undefined; unapprovedHold?: boolean | undefined }
export interface ListFilter extends TriageFilter {
  siteId?: string | undefined; status?: TIncidentStatus | undefined; pupilId?: string | undefined; mine?: boolean | undefined;
  includeVoided?: boolean | undefined; from?: string | undefined; to?: string | undefined;
}

/** STF-2: a hold on incident row `row` was used without a valid certificate (missing, expired or not covering it). */
const uncertifiedOf = (row: SQL) => sql`exists (select 1 from incident_certificate_flags cf where cf.incident_id = ${row}.id
  and cf.problem in ('missing', 'expired', 'not_covered'))`;
/** A hold was used on the incident `row` that the pupil's plan in force did not approve (modules/plans-use stores the check). */
const unapprovedHoldOf = (row: SQL) => sql`exists (select 1 from incident_plan_checks pc where pc.incident_id = ${row}.id and jsonb_array_length(pc.unapproved_codes) > 0)`;

/** The triage filters on an incidents row `i` (raw SQL, for the queue). */
function triageSql(f: TriageFilter): SQL {
  return sql.join([
    sql`true`,
    f.severityMin !== undefined ? sql`i.severity >= ${f.severityMin}` : undefined,
    f.physicalIntervention !== undefined ? sql`i.physical_intervention = ${f.physicalIntervention}` : undefined,
    f.categoryCode ? sql`i.category_codes @> jsonb_build_array(${f.categoryCode}::text)` : undefined,
    f.uncertifiedHold !== undefined ? sql`${f.uncertifiedHold ? sql`` : sql`not `}${uncertifiedOf(sql.raw('i'))}` : undefined,
    f.unapprovedHold !== undefined ? sql`${f.unapprovedHold ? sql`` : sql`not`} ${unapprovedHoldOf(sql.raw('i'))}` : undefined,
  ].filter((x): x is SQL => x !== undefined), sql` and `);
}

/** The names of an incident row's categories as its site calls them (a site's own category before the trust's), else the code. */
const categoryNamesOf = (row: SQL) => sql<unknown>`(select coalesce(json_agg(coalesce(
    (select c.name from behaviour_categories c where c.trust_id = ${row}.trust_id and (c.site_id is null or c.site_id = ${row}.site_id)
      and c.code = x.code order by c.site_id nulls last limit 1), x.code) order by x.n), '[]'::json)
  from jsonb_array_elements_text(${row}.category_codes) with ordinality as x(code, n))`;
const SUMMARY_CHARS = 200;

function visibleTo(s: ListScope): SQL | undefined {
  return or(
    s.readSiteIds.length ? inArray(incidents.siteId, s.readSiteIds) : undefined,
    s.ownSiteIds.length ? and(eq(incidents.createdBy, s.userId), inArray(incidents.siteId, s.ownSiteIds)) : undefined,
  );
}

const pupilNames = sql<unknown>`(select coalesce(json_agg(${PUPIL_NAME} order by p.legal_surname, p.legal_forename), '[]'::json)
  from incident_pupils ip join pupils p on p.id = ip.pupil_id where ip.incident_id = ${incidents.id})`;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) as T : v as T);

export async function listIncidents(db: Executor, s: ListScope, f: ListFilter, page: number, pageSize: number): Promise<{ rows: ListRow[]; total: number }> {
  if (!s.readSiteIds.length && !s.ownSiteIds.length) return { rows: [], total: 0 };
  const where = and(
    eq(incidents.trustId, s.trustId), visibleTo(s),
    f.siteId ? eq(incidents.siteId, f.siteId) : undefined,
    f.status ? eq(incidents.status, f.status) : undefined,
    f.mine ? eq(incidents.createdBy, s.userId) : undefined,
    f.includeVoided ? undefined : isNull(incidents.voidedAt),
    f.pupilId ? sql`exists (select 1 from incident_pupils x where x.incident_id = ${incidents.id} and x.pupil_id = ${f.pupilId})` : undefined,
    f.from ? sql`${incidents.occurredOn} >= ${f.from}::date` : undefined,
    f.to ? sql`${incidents.occurredOn} <= ${f.to}::date` : undefined,
    f.severityMin !== undefined ? sql`${incidents.severity} >= ${f.severityMin}` : undefined,
    f.physicalIntervention !== undefined ? eq(incidents.physicalIntervention, f.physicalIntervention) : undefined,
    f.categoryCode ? sql`${incidents.categoryCodes} @> jsonb_build_array(${f.categoryCode}::text)` : undefined,
    f.uncertifiedHold !== undefined ? sql`${f.uncertifiedHold ? sql`` : sql`not `}${uncertifiedOf(sql.raw('"incidents"'))}` : undefined,
    f.unapprovedHold !== undefined ? sql`${f.unapprovedHold ? sql`` : sql`not`} ${unapprovedHoldOf(sql.raw('"incidents"'))}` : undefined,
  );
  const [rows, totals] = await Promise.all([
    db.select({
      id: incidents.id, trustId: incidents.trustId, siteId: incidents.siteId, siteName: sites.name, status: incidents.status,
      voidedAt: incidents.voidedAt, occurredAt: incidents.occurredAt, severity: incidents.severity, categoryCodes: incidents.categoryCodes,
      physicalIntervention: incidents.physicalIntervention, serious: incidents.serious, createdBy: incidents.createdBy,
      createdByName: users.displayName, updatedAt: incidents.updatedAt, version: incidents.version, pupilNames,
      categoryNames: categoryNamesOf(sql.raw('"incidents"')), summary: sql<string | null>`left(${incidents.behaviour}, ${SUMMARY_CHARS})`,
    }).from(incidents).innerJoin(sites, eq(sites.id, incidents.siteId)).innerJoin(users, eq(users.id, incidents.createdBy))
      .where(where).orderBy(desc(sql`coalesce(${incidents.occurredAt}, ${incidents.createdAt})`), desc(incidents.id))
      .limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(incidents).where(where),
  ]);
  return {
    total: Number(totals[0]?.n ?? 0),
    rows: rows.map((r) => ({
      ...r, status: r.status as TIncidentStatus, voided: r.voidedAt !== null, occurredAt: iso(r.occurredAt), updatedAt: iso(r.updatedAt)!,
      categoryCodes: r.categoryCodes as string[], pupilNames: parse<string[]>(r.pupilNames), categoryNames: parse<string[]>(r.categoryNames),
    })),
  };
}

export interface QueueRow extends ListRow {
  submittedAt: string;
  resubmitted: boolean;
  unapprovedHold: boolean;
  pis: { pupilId: string | null; startedAt: string | null; parentInformedAt: string | null }[];
  /** LAW-12: the decisions about parents' copies, oldest first; `given` once every parent of a send has it. */
  copies: { pupilId: string; action: 'sent' | 'withheld'; given: boolean }[];
  /** STF-2: a hold was used without a valid certificate. */
  uncertifiedHold: boolean;
}

/** REV-2: what waits for review at these sites, oldest submission first. */
export async function reviewQueue(db: Executor, siteIds: string[], f: TriageFilter & { submittedBefore?: Date | undefined } = {}, limit = 500): Promise<QueueRow[]> {
  if (!siteIds.length) return [];
  const r = await db.execute(sql`select i.id, i.trust_id, i.site_id, s.name as site_name, i.status, i.occurred_at, i.severity, i.category_codes,
      i.physical_intervention, i.serious, i.created_by, u.display_name as created_by_name, i.updated_at, i.version, i.submitted_at,
      (select coalesce(json_agg(${PUPIL_NAME} order by p.legal_surname, p.legal_forename), '[]'::json)
         from incident_pupils ip join pupils p on p.id = ip.pupil_id where ip.incident_id = i.id) as pupil_names,
      ${categoryNamesOf(sql.raw('i'))} as category_names, left(i.behaviour, ${SUMMARY_CHARS}) as summary,
      exists (select 1 from incident_versions v where v.incident_id = i.id and v.change = 'resubmit') as resubmitted,
      ${uncertifiedOf(sql.raw('i'))} as uncertified_hold,
      ${unapprovedHoldOf(sql.raw('i'))} as unapproved_hold,
      (select coalesce(json_agg(json_build_object('pupilId', pi.pupil_id, 'startedAt', pi.started_at, 'parentInformedAt', pi.parent_informed_at)), '[]'::json)
         from physical_interventions pi where pi.incident_id = i.id) as pis,
      (select coalesce(json_agg(json_build_object('pupilId', c.pupil_id, 'action', c.action,
           'given', c.action = 'sent' and jsonb_array_length(c.communication_ids) > 0 and not exists (select 1 from communications m
             where m.id in (select (jsonb_array_elements_text(c.communication_ids))::uuid) and m.status <> 'sent')) order by c.decided_at, c.id), '[]'::json)
         from pi_parent_copies c where c.incident_id = i.id) as copies
    from incidents i join sites s on s.id = i.site_id join users u on u.id = i.created_by
    where i.status = 'submitted' and i.voided_at is null and i.site_id in (select (jsonb_array_elements_text(${JSON.stringify(siteIds)}::jsonb))::uuid)
      and ${triageSql(f)} ${f.submittedBefore ? sql`and i.submitted_at <= ${f.submittedBefore.toISOString()}::timestamptz` : sql``}
    order by i.submitted_at, i.id limit ${limit}`);
  return rowsOf(r).map((x) => ({
    id: x.id as string, trustId: x.trust_id as string, siteId: x.site_id as string, siteName: x.site_name as string, status: 'submitted',
    voided: false, occurredAt: iso(x.occurred_at), severity: x.severity as number | null, categoryCodes: parse<string[]>(x.category_codes),
    physicalIntervention: Boolean(x.physical_intervention), serious: Boolean(x.serious), createdBy: x.created_by as string,
    createdByName: x.created_by_name as string, updatedAt: iso(x.updated_at)!, version: Number(x.version), pupilNames: parse<string[]>(x.pupil_names),
    categoryNames: parse<string[]>(x.category_names), summary: (x.summary as string | null) ?? null,
    submittedAt: iso(x.submitted_at)!, resubmitted: Boolean(x.resubmitted), unapprovedHold: Boolean(x.unapproved_hold),
    pis: parse<{ pupilId: string | null; startedAt: string | null; parentInformedAt: string | null }[]>(x.pis)
      .map((p) => ({ pupilId: p.pupilId, startedAt: iso(p.startedAt), parentInformedAt: iso(p.parentInformedAt) })),
    copies: parse<QueueRow['copies']>(x.copies), uncertifiedHold: Boolean(x.uncertified_hold),
  }));
}

export interface ExportDetails {
  location: string | null; period: string | null; motivation: string | null; actions: string[]; staff: string[];
  antecedent: string | null; behaviour: string | null; consequence: string | null;
}

/** For a download: each incident's narrative and the labels of its options (the site's own option before the trust's), and its staff. */
export async function exportDetails(db: Executor, ids: string[]): Promise<Map<string, ExportDetails>> {
  if (!ids.length) return new Map();
  const label = (kind: string, code: SQL) => sql`(select o.label from policy_options o where o.trust_id = i.trust_id
      and (o.site_id is null or o.site_id = i.site_id) and o.kind = ${kind} and o.code = ${code} order by o.site_id nulls last limit 1)`;
  const r = await db.execute(sql`select i.id, i.antecedent, i.behaviour, i.consequence,
      coalesce(${label('location', sql`i.location_code`)}, i.location_code) as location,
      coalesce(${label('period', sql`i.period_code`)}, i.period_code) as period,
      coalesce(${label('motivation', sql`i.motivation_code`)}, i.motivation_code) as motivation,
      (select coalesce(json_agg(coalesce(${label('action', sql`a.code`)}, a.code) order by a.n), '[]'::json)
         from jsonb_array_elements_text(i.action_codes) with ordinality as a(code, n)) as actions,
      (select coalesce(json_agg(sm.forename || ' ' || sm.surname order by sm.surname, sm.forename), '[]'::json)
         from incident_staff st join staff_members sm on sm.id = st.staff_id where st.incident_id = i.id) as staff
    from incidents i where i.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`);
  return new Map(rowsOf(r).map((x) => [x.id as string, {
    location: (x.location as string | null) ?? null, period: (x.period as string | null) ?? null, motivation: (x.motivation as string | null) ?? null,
    actions: parse<string[]>(x.actions), staff: parse<string[]>(x.staff), antecedent: (x.antecedent as string | null) ?? null,
    behaviour: (x.behaviour as string | null) ?? null, consequence: (x.consequence as string | null) ?? null,
  }]));
}

/** Counts for the dashboard: submitted incidents (and how many wait longer than the cut-off), and open PIs' parent-informed times. */
export async function flagCounts(db: Executor, siteIds: string[], overdueBefore: Date) {
  if (!siteIds.length) return { awaitingReview: 0, overdue: 0, pis: [] as { incidentId: string; startedAt: string | null; parentInformedAt: string | null }[] };
  const sitesIn = sql`(select (jsonb_array_elements_text(${JSON.stringify(siteIds)}::jsonb))::uuid)`;
  const c = rowsOf<{ awaiting: number; overdue: number }>(await db.execute(sql`select count(*)::int as awaiting,
      count(*) filter (where submitted_at < ${overdueBefore.toISOString()}::timestamptz)::int as overdue
    from incidents where status = 'submitted' and voided_at is null and site_id in ${sitesIn}`))[0];
  const pis = rowsOf<{ incident_id: string; started_at: string | null; parent_informed_at: string | null }>(await db.execute(sql`select pi.incident_id,
      pi.started_at, pi.parent_informed_at from physical_interventions pi join incidents i on i.id = pi.incident_id
    where i.physical_intervention and i.status <> 'signed_off' and i.voided_at is null and i.site_id in ${sitesIn} and pi.started_at is not null`));
  return {
    awaitingReview: Number(c?.awaiting ?? 0), overdue: Number(c?.overdue ?? 0),
    pis: pis.map((p) => ({ incidentId: p.incident_id, startedAt: iso(p.started_at), parentInformedAt: iso(p.parent_informed_at) })),
  };
}
