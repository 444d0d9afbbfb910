/**
 * Data for the pupil summary (ANA-7, EHCP annual review / looked-after review): behaviour points, signed-off
 * incidents (no free text: descriptions may name other pupils), physical interventions and a half-term trend.
 * Safeguarding concerns live in their own sealed table and are never read here.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

export interface PointsRow { polarity: string; events: number; points: number }
export interface SummaryIncident { id: string; occurredOn: string; role: string; severity: number | null; categoryCodes: string[]; physicalIntervention: boolean; location: string | null }
export interface SummaryPi { durationMinutes: number | null; pupilInjured: boolean; pupilDebriefed: boolean; parentInformed: boolean }
export interface HalfTermRow { name: string; startDate: string; endDate: string; incidents: number; negative: number; positive: number }

export async function points(db: Executor, pupilId: string, from: string, to: string): Promise<PointsRow[]> {
  return rowsOf<PointsRow>(await db.execute(sql`select polarity, count(*)::int as events, coalesce(sum(points), 0)::int as points
    from behaviour_events where pupil_id = ${pupilId} and voided_at is null and occurred_on between ${from}::date and ${to}::date
    group by polarity order by polarity`)).map((r) => ({ polarity: r.polarity, events: Number(r.events), points: Number(r.points) }));
}

/** Signed-off, not voided incidents the pupil was part of, oldest first, with the location's name. */
export async function signedOffIncidents(db: Executor, pupilId: string, from: string, to: string): Promise<SummaryIncident[]> {
  const r = await db.execute(sql`select i.id, i.occurred_on, ip.role, i.severity, i.category_codes, i.physical_intervention,
      (select o.label from policy_options o where o.kind = 'location' and o.code = i.location_code and o.trust_id = i.trust_id
         and (o.site_id = i.site_id or o.site_id is null) order by o.site_id nulls last limit 1) as location
    from incidents i join incident_pupils ip on ip.incident_id = i.id and ip.pupil_id = ${pupilId}
    where i.status = 'signed_off' and i.voided_at is null and i.occurred_on between ${from}::date and ${to}::date
    order by i.occurred_at, i.id`);
  return rowsOf<Record<string, unknown>>(r).map((x) => ({
    id: String(x.id), occurredOn: String(x.occurred_on).slice(0, 10), role: String(x.role), severity: x.severity === null ? null : Number(x.severity),
    categoryCodes: (typeof x.category_codes === 'string' ? JSON.parse(x.category_codes) : x.category_codes) as string[],
    physicalIntervention: Boolean(x.physical_intervention), location: (x.location as string | null) ?? null,
  }));
}

/** Physical interventions on this pupil in signed-off incidents of the period. */
export async function physicalInterventions(db: Executor, pupilId: string, from: string, to: string): Promise<SummaryPi[]> {
  const r = await db.execute(sql`select pi.duration_minutes, pi.pupil_injured, pi.pupil_debrief_at is not null as debriefed,
      pi.parent_informed_at is not null as informed
    from physical_interventions pi join incidents i on i.id = pi.incident_id
    where pi.pupil_id = ${pupilId} and i.status = 'signed_off' and i.voided_at is null and i.occurred_on between ${from}::date and ${to}::date`);
  return rowsOf<Record<string, unknown>>(r).map((x) => ({
    durationMinutes: x.duration_minutes === null ? null : Number(x.duration_minutes), pupilInjured: Boolean(x.pupil_injured),
    pupilDebriefed: Boolean(x.debriefed), parentInformed: Boolean(x.informed),
  }));
}

/**
 * Per half-term of the site's calendar overlapping the period: incidents (SPEC §9: not draft, not voided; involved or
 * instigator only) and quick events by polarity.
 */
export async function halfTermTrend(db: Executor, pupil: { id: string; trustId: string; siteId: string }, from: string, to: string): Promise<HalfTermRow[]> {
  const r = await db.execute(sql`select t.name, t.start_date, t.end_date,
      (select count(*) from incidents i join incident_pupils ip on ip.incident_id = i.id and ip.pupil_id = ${pupil.id}
         and ip.role in ('involved', 'instigator')
         where i.status <> 'draft' and i.voided_at is null and i.occurred_on between greatest(t.start_date, ${from}::date) and least(t.end_date, ${to}::date))::int as incidents,
      (select count(*) from behaviour_events e where e.pupil_id = ${pupil.id} and e.voided_at is null and e.polarity = 'negative'
         and e.occurred_on between greatest(t.start_date, ${from}::date) and least(t.end_date, ${to}::date))::int as negative,
      (select count(*) from behaviour_events e where e.pupil_id = ${pupil.id} and e.voided_at is null and e.polarity = 'positive'
         and e.occurred_on between greatest(t.start_date, ${from}::date) and least(t.end_date, ${to}::date))::int as positive
    from terms t where t.trust_id = ${pupil.trustId} and (t.site_id = ${pupil.siteId} or (t.site_id is null and not exists (
        select 1 from terms t2 where t2.site_id = ${pupil.siteId} and t2.academic_year_id = t.academic_year_id)))
      and t.end_date >= ${from}::date and t.start_date <= ${to}::date
    order by t.start_date`);
  return rowsOf<Record<string, unknown>>(r).map((x) => ({
    name: String(x.name), startDate: String(x.start_date).slice(0, 10), endDate: String(x.end_date).slice(0, 10),
    incidents: Number(x.incidents), negative: Number(x.negative), positive: Number(x.positive),
  }));
}

export async function categoryNames(db: Executor, trustId: string, siteId: string): Promise<Map<string, string>> {
  const rows = rowsOf<{ code: string; name: string; site_id: string | null }>(await db.execute(sql`select code, name, site_id from behaviour_categories
    where trust_id = ${trustId} and (site_id is null or site_id = ${siteId}) order by site_id nulls first`));
  return new Map(rows.map((r) => [r.code, r.name]));
}
