/** The records behind support-intervention impact (ANA-5): pupil involvements, counted as the dashboards count them. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { involvementsOfPupilsSql } from '../analytics/analytics.source.ts';
import { rowsOf } from '../analytics/analytics.repo.ts';
import { displayName } from '../pupils/pupils.presenter.ts';

/** Per pupil, the days with involvements and how many on each day (from `from` to `to`). */
export async function involvementDays(db: Executor, trustId: string, pupilIds: readonly string[], from: string, to: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (pupilIds.length === 0) return out;
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
