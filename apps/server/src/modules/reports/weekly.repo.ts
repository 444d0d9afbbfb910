/**
 * The raw counts behind the senior leaders' weekly report, per site, by SPEC §9: voided and draft records never
 * count; incidents count records; pupil involvements count (incident, pupil) pairs where the pupil was involved or
 * the instigator; quick events count one per pupil (one row each). Days are Europe/London calendar days.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';

export interface RawSiteWeek {
  siteId: string; siteName: string;
  incidents: number; pupilInvolvements: number; negativeEvents: number; positiveEvents: number;
  physicalInterventions: number; physicalInterventionMinutes: number;
}
export interface RawSiteNow { siteId: string; awaitingReview: number; overdueReview: number; overdueTasks: number }

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;
const inSites = (siteIds: string[]) => sql`(select (jsonb_array_elements_text(${JSON.stringify(siteIds)}::jsonb))::uuid)`;

/** Counts for [from, to] (inclusive days) at each site, every site listed even with nothing recorded. */
export async function weekCounts(db: Executor, siteIds: string[], from: string, to: string): Promise<RawSiteWeek[]> {
  if (!siteIds.length) return [];
  const r = await db.execute(sql`with counted as (
      select i.id, i.site_id from incidents i
      where i.site_id in ${inSites(siteIds)} and i.status <> 'draft' and i.voided_at is null
        and i.occurred_on between ${from}::date and ${to}::date)
    select s.id as site_id, s.name as site_name,
      (select count(*) from counted c where c.site_id = s.id)::int as incidents,
      (select count(*) from incident_pupils ip join counted c on c.id = ip.incident_id
         where c.site_id = s.id and ip.role in ('involved', 'instigator'))::int as pupil_involvements,
      (select count(*) from behaviour_events e where e.site_id = s.id and e.voided_at is null and e.polarity = 'negative'
         and e.occurred_on between ${from}::date and ${to}::date)::int as negative_events,
      (select count(*) from behaviour_events e where e.site_id = s.id and e.voided_at is null and e.polarity = 'positive'
         and e.occurred_on between ${from}::date and ${to}::date)::int as positive_events,
      (select count(*) from physical_interventions pi join counted c on c.id = pi.incident_id where c.site_id = s.id)::int as physical_interventions,
      (select coalesce(sum(pi.duration_minutes), 0) from physical_interventions pi join counted c on c.id = pi.incident_id where c.site_id = s.id)::int as pi_minutes
    from sites s where s.id in ${inSites(siteIds)} order by s.name`);
  return rowsOf<Record<string, unknown>>(r).map((x) => ({
    siteId: String(x.site_id), siteName: String(x.site_name), incidents: Number(x.incidents), pupilInvolvements: Number(x.pupil_involvements),
    negativeEvents: Number(x.negative_events), positiveEvents: Number(x.positive_events),
    physicalInterventions: Number(x.physical_interventions), physicalInterventionMinutes: Number(x.pi_minutes),
  }));
}

/** What is open now: incidents awaiting review (and those past the deadline), escalation tasks past their due date. */
export async function openNow(db: Executor, siteIds: string[], overdueBefore: Date, today: string): Promise<RawSiteNow[]> {
  if (!siteIds.length) return [];
  const r = await db.execute(sql`select s.id as site_id,
      (select count(*) from incidents i where i.site_id = s.id and i.status = 'submitted' and i.voided_at is null)::int as awaiting,
      (select count(*) from incidents i where i.site_id = s.id and i.status = 'submitted' and i.voided_at is null
         and i.submitted_at < ${overdueBefore.toISOString()}::timestamptz)::int as overdue,
      (select count(*) from tasks t where t.site_id = s.id and t.status = 'open' and t.due_on is not null and t.due_on < ${today})::int as tasks
    from sites s where s.id in ${inSites(siteIds)}`);
  return rowsOf<Record<string, unknown>>(r).map((x) => ({ siteId: String(x.site_id), awaitingReview: Number(x.awaiting), overdueReview: Number(x.overdue), overdueTasks: Number(x.tasks) }));
}
