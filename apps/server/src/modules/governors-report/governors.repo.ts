/**
 * Reads for the governors' termly report that no dashboard answers yet: physical interventions (ANA-3 figures) and
 * record quality (ANA-6) over sites and dates, as counts only: nothing here returns a pupil or a member of staff.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { rowsOf } from '../analytics/analytics.repo.ts';
import { uuidArray } from '../analytics/analytics.source.ts';

export interface Window { siteIds: readonly string[]; from: string; to: string }

export interface InterventionRow { minutes: number | null; pupilInjured: boolean; staffInjured: boolean; pupilDebriefed: boolean; staffDebriefed: boolean; parentInformed: boolean }

/** One row per physical intervention of a submitted, not voided incident in the window (SPEC §9: minutes = end − start). */
export async function interventions(db: Executor, w: Window): Promise<InterventionRow[]> {
  return rowsOf<InterventionRow>(await db.execute(sql`
    select coalesce(x.duration_minutes, case when x.started_at is not null and x.ended_at is not null
                    then floor(extract(epoch from (x.ended_at - x.started_at)) / 60)::int end) as minutes,
           x.pupil_injured as "pupilInjured", x.staff_injured as "staffInjured",
           x.pupil_debrief_at is not null as "pupilDebriefed", x.staff_debrief_at is not null as "staffDebriefed",
           x.parent_informed_at is not null as "parentInformed"
      from physical_interventions x join incidents i on i.id = x.incident_id
     where i.site_id = any(${uuidArray(w.siteIds)}) and i.voided_at is null and i.status <> 'draft'
       and i.occurred_on between ${w.from}::date and ${w.to}::date`));
}

export interface QualityCounts { submitted: number; signedOff: number; signedOffWithin48h: number; returned: number }

/** Incidents first submitted in the window: signed off, within 48 clock hours of first submission, ever returned. */
export async function recordQuality(db: Executor, w: Window): Promise<QualityCounts> {
  return rowsOf<QualityCounts>(await db.execute(sql`
    select count(*)::int as submitted,
           count(*) filter (where i.signed_off_at is not null)::int as "signedOff",
           count(*) filter (where i.signed_off_at is not null and i.signed_off_at - i.first_submitted_at <= interval '48 hours')::int as "signedOffWithin48h",
           count(*) filter (where exists (select 1 from incident_versions v where v.incident_id = i.id and v.change = 'return'))::int as returned
      from incidents i
     where i.site_id = any(${uuidArray(w.siteIds)}) and i.voided_at is null and i.first_submitted_at is not null
       and i.occurred_on between ${w.from}::date and ${w.to}::date`))[0]!;
}

export interface TermRow { id: string; name: string; startDate: string; endDate: string; siteId: string | null }

/** The trust-wide half-terms (site-specific ones follow the trust's dates), in order. */
export async function trustTerms(db: Executor, trustId: string): Promise<TermRow[]> {
  return rowsOf<TermRow>(await db.execute(sql`
    select t.id, t.name || ' ' || y.label as name, t.start_date::text as "startDate", t.end_date::text as "endDate", t.site_id as "siteId"
      from terms t join academic_years y on y.id = t.academic_year_id
     where t.trust_id = ${trustId}::uuid and t.site_id is null order by t.start_date`));
}

export async function trustName(db: Executor, trustId: string): Promise<string> {
  return rowsOf<{ name: string }>(await db.execute(sql`select name from trusts where id = ${trustId}::uuid`))[0]?.name ?? '';
}
