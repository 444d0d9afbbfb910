/**
 * The records behind support-intervention impact (ANA-5): pupil involvements, counted as the dashboards count them,
 * and for the trust-wide overview the open interventions with their pupils' enrolments in one narrow read.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { involvementsOfPupilsSql, uuidArray } from '../analytics/analytics.source.ts';
import { rowsOf } from '../analytics/analytics.repo.ts';
import { displayName } from '../pupils/pupils.presenter.ts';

/** Per pupil, the days with involvements and how many on each day (from `from` to `to`). */
export async function involvementDays(db: Executor, trustId: string, pupilIds: readonly string[] | SQL, from: string, to: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (Array.isArray(pupilIds) && pupilIds.length === 0) return out;
  const rows = rowsOf<{ pupil: string; day: string; n: number }>(await db.execute(sql`
    select v.pupil, v.day, count(*)::int as n from (${involvementsOfPupilsSql(trustId, pupilIds, from, to)}) v group by 1, 2`));
  for (const r of rows) {
    const days = out.get(r.pupil) ?? [];
    for (let k = 0; k < Number(r.n); k += 1) days.push(String(r.day).slice(0, 10));
    out.set(r.pupil, days);
  }
  return out;
}

export interface InvolvementRow { pupil: string; day: string; incident_id: string; role: string; categories: unknown; status: string; name: string }

/** The involvements themselves, with the pupil's name, for the drill-down. */
export async function involvements(db: Executor, trustId: string, pupilIds: readonly string[], from: string, to: string) {
  if (pupilIds.length === 0) return [];
  const rows = rowsOf<InvolvementRow & { legal_forename: string; legal_surname: string; preferred_forename: string | null; preferred_surname: string | null }>(await db.execute(sql`
    select v.*, p.legal_forename, p.legal_surname, p.preferred_forename, p.preferred_surname
      from (${involvementsOfPupilsSql(trustId, pupilIds, from, to)}) v join pupils p on p.id = v.pupil::uuid
     order by v.day, v.incident_id, v.pupil`));
  return rows.map((r) => ({
    ...r, day: String(r.day).slice(0, 10),
    name: displayName({ legalForename: r.legal_forename, legalSurname: r.legal_surname, preferredForename: r.preferred_forename, preferredSurname: r.preferred_surname }),
  }));
}

export interface OpenMemberRow { id: string; site_id: string; title: string; start_date: string; pupil_id: string | null; enrolment_start: string | null; enrolment_end: string | null }

/**
 * The open interventions at these sites (newest start first, as the list orders them; at most `limit`), one row per
 * pupil (one row with no pupil for an intervention without any), with only what the overview needs.
 */
export async function openWithMembers(db: Executor, trustId: string, siteIds: readonly string[], limit: number): Promise<OpenMemberRow[]> {
  if (siteIds.length === 0) return [];
  return rowsOf<OpenMemberRow>(await db.execute(sql`
    with iv as (select id, site_id, title, start_date from support_interventions
                 where trust_id = ${trustId} and site_id = any(${uuidArray(siteIds)}) and status = 'open'
                 order by start_date desc, id asc limit ${limit})
    select iv.id::text as id, iv.site_id::text as site_id, iv.title, iv.start_date::text as start_date, ip.pupil_id::text as pupil_id,
           p.enrolment_start::text as enrolment_start, p.enrolment_end::text as enrolment_end
      from iv left join support_intervention_pupils ip on ip.intervention_id = iv.id left join pupils p on p.id = ip.pupil_id
     order by iv.start_date desc, iv.id asc`));
}

/** The pupils of the open interventions at these sites, as a query (for involvementDays: no list of ids sent). */
export function openPupilsSql(trustId: string, siteIds: readonly string[]): SQL {
  return sql`select x.pupil_id from support_intervention_pupils x join support_interventions si on si.id = x.intervention_id
    where si.trust_id = ${trustId} and si.site_id = any(${uuidArray(siteIds)}) and si.status = 'open'`;
}
