/**
 * A brute-force reading of the trend-alert rule (ANA-5) over the raw rows, written independently of the module's SQL
 * and helpers: school days found one date at a time, records tallied one by one, pupil-days counted pupil by pupil
 * and day by day, rates compared as exact fractions.
 */
import { addDays, isSchoolDay, type SchoolCalendar, type TermName } from '../src/core/calendar/calendar.ts';
import type { Database } from '../src/core/db/client.ts';
import { loadRaw } from './analytics.brute.ts';

type Raw = Awaited<ReturnType<typeof loadRaw>>;

function calendarOf(raw: Raw, siteId: string): SchoolCalendar {
  const own = new Set(raw.terms.filter((t) => t.site_id === siteId).map((t) => t.academic_year_id));
  const terms = raw.terms.filter((t) => t.site_id === siteId || (t.site_id === null && !own.has(t.academic_year_id)))
    .map((t) => ({ name: t.name, term: t.term as TermName, halfTerm: t.half_term as 1 | 2, startDate: t.start_date, endDate: t.end_date }));
  return { terms, closures: raw.closures.filter((c) => c.site_id === null || c.site_id === siteId) };
}

export interface BruteAlert { subjectKey: string; measure: string; previousCount: number; currentCount: number; previousFrom: string; currentFrom: string; currentTo: string }

export async function bruteTrendAlerts(database: Database, trustId: string, siteId: string, day: string, s: { periodDays: number; marginPercent: number; minCount: number }): Promise<BruteAlert[]> {
  const raw = await loadRaw(database, trustId);
  const cal = calendarOf(raw, siteId);
  const days: string[] = [];
  for (let d = day; days.length < 2 * s.periodDays && d > addDays(day, -800); d = addDays(d, -1)) if (isSchoolDay(cal, d)) days.unshift(d);
  if (days.length < 2 * s.periodDays) return [];
  const previousDays = days.slice(0, s.periodDays);
  const currentDays = days.slice(s.periodDays);
  const previousFrom = previousDays[0]!;
  const currentFrom = currentDays[0]!;
  const currentTo = currentDays[currentDays.length - 1]!;
  const window = (d: string | null): 0 | 1 | null => (d === null || d < previousFrom || d > currentTo ? null : d < currentFrom ? 0 : 1);

  const tally = new Map<string, [number, number]>();
  const add = (key: string, m: string, w: 0 | 1) => { const c = tally.get(`${key}|${m}`) ?? [0, 0]; c[w] += 1; tally.set(`${key}|${m}`, c); };
  for (const e of raw.events) {
    const w = window(e.occurred_on);
    if (e.site_id !== siteId || e.voided_at || e.polarity !== 'negative' || w === null) continue;
    add('site', 'neg', w);
    add(e.pupil_id, 'neg', w);
  }
  for (const i of raw.incidents) {
    const w = window(i.occurred_on);
    if (i.site_id !== siteId || i.voided_at || i.status === 'draft' || w === null) continue;
    for (const x of raw.involvements) {
      if (x.incident_id !== i.id || (x.role !== 'involved' && x.role !== 'instigator')) continue;
      add('site', 'inv', w);
      add(x.pupil_id, 'inv', w);
    }
    for (const x of raw.interventions) {
      if (x.incident_id !== i.id) continue;
      add('site', 'pi', w);
      if (x.pupil_id) add(x.pupil_id, 'pi', w);
    }
  }

  const roll = raw.pupils.filter((p) => p.site_id === siteId);
  const onRoll = (p: Raw['pupils'][number], d: string) => p.enrolment_start <= d && (p.enrolment_end === null || (p.enrolment_end >= d && p.enrolment_end >= p.enrolment_start));
  const pupilDays = (key: string, ds: string[]) => {
    let n = 0;
    for (const d of ds) for (const p of roll) if ((key === 'site' || p.id === key) && onRoll(p, d)) n += 1;
    return n;
  };
  const out: BruteAlert[] = [];
  for (const [k, [prev, cur]] of tally) {
    const [subjectKey, measure] = k.split('|') as [string, string];
    if (cur < s.minCount) continue;
    const pd = pupilDays(subjectKey, previousDays);
    const cd = pupilDays(subjectKey, currentDays);
    if (pd === 0 || cd === 0) continue;
    // cur/cd > prev/pd × (100 + margin)/100, as fractions
    if (prev > 0 && !(BigInt(cur) * BigInt(pd) * 100n > BigInt(prev) * BigInt(cd) * BigInt(100 + s.marginPercent))) continue;
    out.push({ subjectKey, measure, previousCount: prev, currentCount: cur, previousFrom, currentFrom, currentTo });
  }
  return out.sort((a, b) => `${a.subjectKey}|${a.measure}`.localeCompare(`${b.subjectKey}|${b.measure}`));
}
