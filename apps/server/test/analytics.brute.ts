/**
 * A brute-force reading of SPEC §9 over the raw rows, written independently of the analytics SQL: every figure the
 * dashboard gives must equal what this computes record by record, day by day.
 */
import { isSchoolDay, addDays, weekdayOf, type SchoolCalendar, type TermName } from '../src/core/calendar/calendar.ts';
import { effectiveEntries, londonDateAndMinutes, periodAt } from '../src/modules/behaviour/behaviour.rules.ts';
import type { Database } from '../src/core/db/client.ts';

export type Counts = Record<string, number>;
export interface Canonical {
  pupilDays: number; schoolDays: number;
  totals: Counts;
  cat: Record<string, Counts>; loc: Record<string, Counts>; wp: Record<string, Counts>; period: Record<string, Counts>;
  staff: Record<string, Counts>; pupil: Record<string, Counts>; site: Record<string, Counts>; year: Record<string, Counts>;
  sitePupilDays: Record<string, number>; yearPupilDays: Record<string, number>;
  series: Record<string, { counts: Counts; pupilDays: number; schoolDays: number }>;
}

interface Raw {
  events: { id: string; site_id: string; trust_id: string; pupil_id: string; category_code: string; polarity: string; occurred_at: string; occurred_on: string; period_code: string | null; location_code: string | null; recorded_by: string; voided_at: string | null }[];
  incidents: { id: string; site_id: string; trust_id: string; status: string; occurred_at: string | null; occurred_on: string | null; period_code: string | null; location_code: string | null; category_codes: string[]; created_by: string; voided_at: string | null }[];
  involvements: { incident_id: string; pupil_id: string; role: string }[];
  interventions: { incident_id: string; pupil_id: string | null }[];
  pupils: { id: string; site_id: string; year_group: number; enrolment_start: string; enrolment_end: string | null; sen_status: string; fsm: boolean; sex: string }[];
  options: { siteId: string | null; code: string; details: unknown; active: boolean }[];
  terms: { site_id: string | null; academic_year_id: string; term: string; half_term: number; name: string; start_date: string; end_date: string }[];
  closures: { site_id: string | null; date: string; reason: string }[];
  sites: { id: string }[];
}

export async function loadRaw(database: Database, trustId: string): Promise<Raw> {
  const q = <T>(sql: string) => database.query<T>(sql, [trustId]);
  return {
    events: await q(`select id, site_id, trust_id, pupil_id, category_code, polarity, occurred_at::text, occurred_on::text, period_code, location_code, recorded_by, voided_at::text from behaviour_events where trust_id = $1`),
    incidents: await q(`select id, site_id, trust_id, status, occurred_at::text, occurred_on::text, period_code, location_code, category_codes, created_by, voided_at::text from incidents where trust_id = $1`),
    involvements: await q(`select incident_id, pupil_id, role from incident_pupils where trust_id = $1`),
    interventions: await q(`select incident_id, pupil_id from physical_interventions where trust_id = $1`),
    pupils: await q(`select id, site_id, year_group, enrolment_start::text, enrolment_end::text, sen_status, fsm, sex from pupils where trust_id = $1`),
    options: await q(`select site_id as "siteId", code, details, active from policy_options where trust_id = $1 and kind = 'period'`),
    terms: await q(`select site_id, academic_year_id, term, half_term, name, start_date::text, end_date::text from terms where trust_id = $1`),
    closures: await q(`select site_id, date::text, reason from closure_days where trust_id = $1`),
    sites: await q(`select id from sites where trust_id = $1`),
  };
}

function calendarOf(raw: Raw, siteId: string): SchoolCalendar {
  const own = new Set(raw.terms.filter((t) => t.site_id === siteId).map((t) => t.academic_year_id));
  const terms = raw.terms.filter((t) => t.site_id === siteId || (t.site_id === null && !own.has(t.academic_year_id)))
    .map((t) => ({ name: t.name, term: t.term as TermName, halfTerm: t.half_term as 1 | 2, startDate: t.start_date, endDate: t.end_date }));
  return { terms, closures: raw.closures.filter((c) => c.site_id === null || c.site_id === siteId) };
}

const inc = (c: Counts, m: string, by = 1) => { c[m] = (c[m] ?? 0) + by; };
const cell = (r: Record<string, Counts>, k: string, m: string) => { inc(r[k] ??= {}, m); };

/**
 * `today`: a period that runs past it counts only up to it (SPEC §9: a period still in progress counts the school days
 * so far), records and pupil-days alike; a period starting after it counts nothing.
 */
export interface BruteQuery { siteIds: string[]; from: string; to: string; granularity: 'day' | 'week' | 'month'; categoryCode?: string; yearGroup?: number; today?: string }

function bucket(d: string, g: BruteQuery['granularity']): string {
  if (g === 'day') return d;
  if (g === 'month') return `${d.slice(0, 7)}-01`;
  return addDays(d, -(weekdayOf(d) - 1));
}

export function brute(raw: Raw, query: BruteQuery): Canonical {
  const q = { ...query, to: query.today !== undefined && query.today < query.to ? query.today : query.to };
  const sites = new Set(q.siteIds);
  const pupilById = new Map(raw.pupils.map((p) => [p.id, p]));
  const okPupil = (id: string | null) => q.yearGroup === undefined || (id !== null && pupilById.get(id)?.year_group === q.yearGroup);
  const out: Canonical = { pupilDays: 0, schoolDays: 0, totals: {}, cat: {}, loc: {}, wp: {}, period: {}, staff: {}, pupil: {}, site: {}, year: {}, sitePupilDays: {}, yearPupilDays: {}, series: {} };
  const periodOf = (siteId: string, at: string, recorded: string | null) => {
    if (recorded) return recorded;
    const windows = effectiveEntries(raw.options, siteId).filter((o) => o.active);
    return periodAt(londonDateAndMinutes(new Date(at)).minutes, windows) ?? '';
  };
  const count = (r: { m: string; site: string; day: string; cats: string[]; loc: string; period: string; staff: string; pupil: string | null }) => {
    if (q.categoryCode && !r.cats.includes(q.categoryCode)) return;
    inc(out.totals, r.m);
    for (const c of q.categoryCode ? [q.categoryCode] : r.cats) cell(out.cat, c, r.m);
    cell(out.loc, r.loc, r.m);
    cell(out.wp, `${weekdayOf(r.day)}:${r.period}`, r.m);
    cell(out.period, r.period, r.m);
    cell(out.staff, r.staff, r.m);
    cell(out.site, r.site, r.m);
    if (r.pupil) {
      cell(out.pupil, r.pupil, r.m);
      const p = pupilById.get(r.pupil);
      if (p) cell(out.year, String(p.year_group), r.m);
    }
    const b = (out.series[bucket(r.day, q.granularity)] ??= { counts: {}, pupilDays: 0, schoolDays: 0 });
    inc(b.counts, r.m);
  };
  const inRange = (site: string, day: string | null): day is string => sites.has(site) && day !== null && day >= q.from && day <= q.to;

  for (const e of raw.events) {
    if (e.voided_at || !inRange(e.site_id, e.occurred_on) || !okPupil(e.pupil_id)) continue;
    count({ m: e.polarity === 'positive' ? 'pos' : e.polarity === 'negative' ? 'neg' : 'neu', site: e.site_id, day: e.occurred_on, cats: [e.category_code],
      loc: e.location_code ?? '', period: periodOf(e.site_id, e.occurred_at, e.period_code), staff: e.recorded_by, pupil: e.pupil_id });
  }
  for (const i of raw.incidents) {
    if (i.voided_at || i.status === 'draft' || !inRange(i.site_id, i.occurred_on)) continue;
    const base = { site: i.site_id, day: i.occurred_on, cats: i.category_codes.length ? [...new Set(i.category_codes)] : [''], loc: i.location_code ?? '',
      period: i.occurred_at ? periodOf(i.site_id, i.occurred_at, i.period_code) : (i.period_code ?? ''), staff: i.created_by };
    const involved = raw.involvements.filter((x) => x.incident_id === i.id && (x.role === 'involved' || x.role === 'instigator'));
    if (q.yearGroup === undefined || involved.some((x) => okPupil(x.pupil_id))) count({ ...base, m: 'inc', pupil: null });
    for (const x of involved) if (okPupil(x.pupil_id)) count({ ...base, m: 'inv', pupil: x.pupil_id });
    for (const x of raw.interventions) if (x.incident_id === i.id && okPupil(x.pupil_id)) count({ ...base, m: 'pi', pupil: x.pupil_id });
  }

  const schoolDates = new Set<string>();
  for (const siteId of q.siteIds) {
    const cal = calendarOf(raw, siteId);
    const roll = raw.pupils.filter((p) => p.site_id === siteId && okPupil(p.id));
    for (let d = q.from; d <= q.to; d = addDays(d, 1)) {
      if (!isSchoolDay(cal, d)) continue;
      schoolDates.add(d);
      const b = (out.series[bucket(d, q.granularity)] ??= { counts: {}, pupilDays: 0, schoolDays: 0 });
      for (const p of roll) {
        if (p.enrolment_start > d || (p.enrolment_end !== null && p.enrolment_end < d)) continue;
        out.pupilDays++;
        b.pupilDays++;
        out.sitePupilDays[siteId] = (out.sitePupilDays[siteId] ?? 0) + 1;
        out.yearPupilDays[String(p.year_group)] = (out.yearPupilDays[String(p.year_group)] ?? 0) + 1;
      }
    }
  }
  out.schoolDays = schoolDates.size;
  for (const d of schoolDates) out.series[bucket(d, q.granularity)]!.schoolDays++;
  return out;
}

/** The dates in [from, to] that are a school day at one or more of the sites, in order. */
export function schoolDates(raw: Raw, siteIds: readonly string[], from: string, to: string): string[] {
  const cals = siteIds.map((id) => calendarOf(raw, id));
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (cals.some((c) => isSchoolDay(c, d))) out.push(d);
  return out;
}
