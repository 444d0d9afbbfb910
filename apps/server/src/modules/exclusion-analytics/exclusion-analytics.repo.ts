/**
 * Exclusion analytics reads (ANA-4). Exclusions are few next to behaviour events (a trust of 20,000 pupils records
 * thousands a year, not millions), so figures come straight from the records through the partial index on
 * (site_id, start_date) for issued ones: exact by construction, no rollup to keep in step. Cancelled records never count.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { rowsOf } from '../analytics/analytics.repo.ts';
import { pupilCondition, uuidArray, type PupilFilter } from '../analytics/analytics.source.ts';

export interface ExclusionRow {
  id: string; siteId: string; pupilId: string; category: string; startDate: string; sessions: number | null;
  reasonCodes: string[]; slots: string[];
}

export interface Window { siteIds: readonly string[]; from: string; to: string; pupil?: PupilFilter | undefined }

/** A suspension lasts at most 45 school days: 200 calendar days back covers any record with a session in the window. */
const LOOKBACK_DAYS = 200;

function pupilJoin(f: PupilFilter | undefined): SQL {
  const pc = pupilCondition(f);
  return pc ? sql`join pupils p on p.id = x.pupil_id and ${pc}` : sql``;
}

/** Issued (not cancelled) exclusions of the sites starting in [from − 200 days, to]: the rules pick what counts. */
export async function exclusionRows(db: Executor, w: Window): Promise<ExclusionRow[]> {
  return rowsOf<ExclusionRow>(await db.execute(sql`
    select x.id, x.site_id as "siteId", x.pupil_id as "pupilId", x.category, x.start_date::text as "startDate", x.sessions,
           x.reason_codes as "reasonCodes", x.slots
      from exclusions x ${pupilJoin(w.pupil)}
     where x.site_id = any(${uuidArray(w.siteIds)}) and x.status <> 'cancelled'
       and x.start_date between (${w.from}::date - ${LOOKBACK_DAYS}::int) and ${w.to}::date`));
}

/** Pupils on roll on any day of [from, to] per site (the DfE rates' headcount). */
export async function headcounts(db: Executor, w: Window): Promise<Map<string, number>> {
  const pc = pupilCondition(w.pupil);
  const rows = rowsOf<{ siteId: string; n: number }>(await db.execute(sql`
    select p.site_id as "siteId", count(*)::int as n from pupils p
     where p.site_id = any(${uuidArray(w.siteIds)}) and ${w.from}::date <= ${w.to}::date and p.enrolment_start <= ${w.to}::date
       and (p.enrolment_end is null or p.enrolment_end >= ${w.from}::date) ${pc ? sql`and ${pc}` : sql``}
     group by 1`));
  return new Map(rows.map((r) => [r.siteId, r.n]));
}

export interface OpenDuties { board: number; provision: number; notifications: number; overdue: number }

/** Statutory duties still open today (the same tests as the suspensions deadlines view). */
export async function openDuties(db: Executor, w: Window, today: string): Promise<OpenDuties> {
  const rows = rowsOf<OpenDuties>(await db.execute(sql`
    with x as (select x.* from exclusions x ${pupilJoin(w.pupil)} where x.site_id = any(${uuidArray(w.siteIds)}) and x.status <> 'cancelled'),
    b as (select board_deadline as due from x where board_duty_kind <> 'representations_only' and board_outcome is null
            and (board_duty_kind <> 'consider_if_representations' or parents_made_representations)),
    v as (select provision_due_from as due from x where provision_due_from is not null and provision_provider is null),
    n as (select x.board_notified_on as due from exclusion_notifications n join x on x.id = n.exclusion_id
           where n.status = 'to_do' and n.occasion = 'issue')
    select (select count(*) from b)::int as board, (select count(*) from v)::int as provision, (select count(*) from n)::int as notifications,
           ((select count(*) from b where due < ${today}::date) + (select count(*) from v where due < ${today}::date)
             + (select count(*) from n where due < ${today}::date))::int as overdue`));
  return rows[0]!;
}

export async function nationalRates(db: Executor): Promise<{ year: string; measure: 'suspension' | 'permanent'; rate: number; source: string }[]> {
  return rowsOf(await db.execute(sql`select year, measure, rate::float8 as rate, source from national_exclusion_rates order by year, measure`));
}

export async function reasonLabels(db: Executor, trustId: string): Promise<Map<string, string>> {
  const rows = rowsOf<{ code: string; label: string }>(await db.execute(sql`
    select distinct on (code) code, label from exclusion_reasons where trust_id = ${trustId}::uuid order by code, valid_from desc`));
  return new Map(rows.map((r) => [r.code, r.label]));
}
