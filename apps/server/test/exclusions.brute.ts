/**
 * Brute-force exclusion figures straight from raw rows (no shared code with the module): the oracle for the ANA-4
 * property tests. Counts by start date in [from, to]; days lost from slots inside [from, to]; 35+ from slots in the year.
 */
import type { TestContext } from './harness.ts';

export interface RawExclusion { id: string; site_id: string; pupil_id: string; category: string; status: string; start_date: string; slots: string[]; reason_codes: string[] }

export async function rawExclusions(t: TestContext, siteIds: readonly string[]): Promise<RawExclusion[]> {
  const rows = await t.database.query<RawExclusion>(`select id, site_id, pupil_id, category, status, start_date::text as start_date, slots, reason_codes from exclusions`);
  return rows.filter((r) => siteIds.includes(r.site_id));
}

export function bruteExclusions(rows: readonly RawExclusion[], from: string, to: string, yearStart: string, yearEnd: string) {
  const live = rows.filter((r) => r.status !== 'cancelled');
  const inPeriod = live.filter((r) => r.start_date >= from && r.start_date <= to);
  const susp = inPeriod.filter((r) => r.category !== 'permanent');
  let sessions = 0;
  const yearSessions: Record<string, number> = {};
  for (const r of live) {
    if (r.category === 'permanent' || r.start_date > to) continue;
    for (const s of r.slots) {
      const d = s.slice(0, 10);
      if (d >= from && d <= to) sessions++;
      if (d >= yearStart && d <= yearEnd) yearSessions[r.pupil_id] = (yearSessions[r.pupil_id] ?? 0) + 1;
    }
  }
  const perPupil: Record<string, number> = {};
  for (const r of susp) perPupil[r.pupil_id] = (perPupil[r.pupil_id] ?? 0) + 1;
  const reasons: Record<string, number> = {};
  for (const r of inPeriod) for (const c of new Set(r.reason_codes)) reasons[c] = (reasons[c] ?? 0) + 1;
  return {
    suspensions: susp.length,
    lunchtime: susp.filter((r) => r.category === 'lunchtime').length,
    permanent: inPeriod.length - susp.length,
    daysLost: sessions / 2,
    pupilsSuspended: Object.keys(perPupil).length,
    repeatPupils: Object.values(perPupil).filter((n) => n >= 2).length,
    pupilsAt35: Object.values(yearSessions).filter((n) => n / 2 >= 35).length,
    reasons,
  };
}
