/**
 * Brute-force physical intervention (ANA-3) and record-quality (ANA-6) figures straight from raw rows, sharing no code
 * with the modules: the oracle for their API and property tests. Times are read as epoch milliseconds and London dates
 * worked out here with Intl; the review history is read from incident_versions row by row.
 */
import type { Database } from '../src/core/db/client.ts';

const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const day = (ms: number) => LONDON.format(new Date(ms));
const H48 = 48 * 3600 * 1000;

export interface RawIncident {
  id: string; site_id: string; created_by: string; status: string; voided: boolean; occurred_on: string | null;
  first_ms: number | null; submitted_ms: number | null; signed_ms: number | null;
}
export interface RawVersion { incident_id: string; change: string; at_ms: number }
export interface RawPi {
  id: string; incident_id: string; pupil_id: string | null; start_ms: number | null; end_ms: number | null; staff_techniques: { staffId: string; techniqueCodes: string[] }[];
  pupil_injured: boolean; staff_injured: boolean; medical_attention: string | null; pupil_debrief_ms: number | null; staff_debrief_ms: number | null; parent_ms: number | null;
}
export interface Raw { incidents: RawIncident[]; versions: RawVersion[]; pis: RawPi[]; pupils: Map<string, number>; involved: Map<string, string[]> }

const ms = (col: string, as: string) => `floor(extract(epoch from ${col}) * 1000)::float8 as ${as}`;

export async function loadRaw(db: Database, trustId: string): Promise<Raw> {
  const incidents = await db.query<RawIncident>(`select id, site_id, created_by, status, voided_at is not null as voided, occurred_on::text as occurred_on,
      ${ms('first_submitted_at', 'first_ms')}, ${ms('submitted_at', 'submitted_ms')}, ${ms('signed_off_at', 'signed_ms')} from incidents where trust_id = $1`, [trustId]);
  const versions = await db.query<RawVersion>(`select incident_id, change, ${ms('changed_at', 'at_ms')} from incident_versions where trust_id = $1`, [trustId]);
  const pis = await db.query<RawPi>(`select id, incident_id, pupil_id, ${ms('started_at', 'start_ms')}, ${ms('ended_at', 'end_ms')}, staff_techniques, pupil_injured, staff_injured,
      medical_attention, ${ms('pupil_debrief_at', 'pupil_debrief_ms')}, ${ms('staff_debrief_at', 'staff_debrief_ms')}, ${ms('parent_informed_at', 'parent_ms')}
      from physical_interventions where trust_id = $1`, [trustId]);
  const pupils = new Map((await db.query<{ id: string; year_group: number }>('select id, year_group from pupils where trust_id = $1', [trustId])).map((p) => [p.id, p.year_group]));
  const involved = new Map<string, string[]>();
  for (const r of await db.query<{ incident_id: string; pupil_id: string }>(`select incident_id, pupil_id from incident_pupils where trust_id = $1 and role in ('involved', 'instigator')`, [trustId])) {
    involved.set(r.incident_id, [...(involved.get(r.incident_id) ?? []), r.pupil_id]);
  }
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) as RawPi['staff_techniques'] : v as RawPi['staff_techniques']);
  return { incidents, versions, pis: pis.map((p) => ({ ...p, staff_techniques: parse(p.staff_techniques) })), pupils, involved };
}

/** `today`: a range that runs past it counts only up to it (SPEC §9: a period in progress counts the days so far). */
export interface Query { siteIds: string[]; from: string; to: string; yearGroup?: number | undefined; today?: string }

function counted(raw: Raw, q: Query): RawIncident[] {
  return raw.incidents.filter((i) => !i.voided && i.status !== 'draft' && i.occurred_on !== null && q.siteIds.includes(i.site_id)
    && i.occurred_on >= q.from && i.occurred_on <= q.to && (q.today === undefined || i.occurred_on <= q.today));
}

function middle(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Not told by the end of the London day the intervention began, judged at `now`. */
function notToldByEndOfDay(p: RawPi, now: number): boolean {
  if (p.start_ms === null) return false;
  const d = day(p.start_ms);
  return day(now) > d && (p.parent_ms === null || day(p.parent_ms) > d);
}

export interface PiFigures {
  count: number; totalMinutes: number; medianMinutes: number | null; pupils: number; staff: number; pupilInjured: number; staffInjured: number;
  medicalAttention: number; pupilDebriefed: number; staffDebriefed: number; parentInformed: number; parentInformedSameDay: number; parentNotInformedByEndOfDay: number;
}

function piFigures(pis: RawPi[], now: number): PiFigures {
  const minutes = pis.flatMap((p) => (p.start_ms !== null && p.end_ms !== null && p.end_ms > p.start_ms ? [Math.floor((p.end_ms - p.start_ms) / 60000)] : []));
  const given = (t: string | null) => t !== null && t.trim() !== '' && !/^(none|no\b|n\/a)/i.test(t.trim());
  return {
    count: pis.length, totalMinutes: minutes.reduce((a, b) => a + b, 0), medianMinutes: middle(minutes),
    pupils: new Set(pis.map((p) => p.pupil_id).filter(Boolean)).size, staff: new Set(pis.flatMap((p) => p.staff_techniques.map((s) => s.staffId))).size,
    pupilInjured: pis.filter((p) => p.pupil_injured).length, staffInjured: pis.filter((p) => p.staff_injured).length,
    medicalAttention: pis.filter((p) => given(p.medical_attention)).length,
    pupilDebriefed: pis.filter((p) => p.pupil_debrief_ms !== null && p.pupil_debrief_ms <= now).length,
    staffDebriefed: pis.filter((p) => p.staff_debrief_ms !== null && p.staff_debrief_ms <= now).length,
    parentInformed: pis.filter((p) => p.parent_ms !== null).length,
    parentInformedSameDay: pis.filter((p) => p.start_ms !== null && p.parent_ms !== null && day(p.parent_ms) <= day(p.start_ms)).length,
    parentNotInformedByEndOfDay: pis.filter((p) => notToldByEndOfDay(p, now)).length,
  };
}

export function brutePi(raw: Raw, q: Query, now: number) {
  const incidents = new Map(counted(raw, q).map((i) => [i.id, i]));
  const pis = raw.pis.filter((p) => incidents.has(p.incident_id)
    && (q.yearGroup === undefined || (p.pupil_id !== null && raw.pupils.get(p.pupil_id) === q.yearGroup)));
  const techniques: Record<string, { interventions: number; staffUses: number }> = {};
  for (const p of pis) {
    for (const code of new Set(p.staff_techniques.flatMap((s) => s.techniqueCodes))) {
      const t = (techniques[code] ??= { interventions: 0, staffUses: 0 });
      t.interventions++;
      t.staffUses += new Set(p.staff_techniques.filter((s) => s.techniqueCodes.includes(code)).map((s) => s.staffId)).size;
    }
  }
  const perPupil: Record<string, number> = {};
  for (const p of pis) if (p.pupil_id) perPupil[p.pupil_id] = (perPupil[p.pupil_id] ?? 0) + 1;
  return {
    totals: piFigures(pis, now),
    bySite: Object.fromEntries(q.siteIds.map((s) => [s, piFigures(pis.filter((p) => incidents.get(p.incident_id)!.site_id === s), now)])),
    techniques, perPupil,
  };
}

export interface QualityFigures {
  submitted: number; signedOff: number; signedOffWithin48h: number; medianHoursToSignOff: number | null; returned: number;
  interventions: number; missingParentContact: number; missingDebrief: number; overdueReview: number;
}

export function bruteQuality(raw: Raw, q: Query, now: number) {
  const incidents = counted(raw, q).filter((i) => q.yearGroup === undefined || (raw.involved.get(i.id) ?? []).some((p) => raw.pupils.get(p) === q.yearGroup));
  const history = new Map<string, RawVersion[]>();
  for (const v of raw.versions) history.set(v.incident_id, [...(history.get(v.incident_id) ?? []), v]);
  const figures = (list: RawIncident[]): QualityFigures => {
    const f: QualityFigures = { submitted: 0, signedOff: 0, signedOffWithin48h: 0, medianHoursToSignOff: null, returned: 0, interventions: 0, missingParentContact: 0, missingDebrief: 0, overdueReview: 0 };
    const hours: number[] = [];
    for (const i of list) {
      const h = history.get(i.id) ?? [];
      const subs = h.filter((v) => v.change === 'submit' || v.change === 'resubmit').map((v) => v.at_ms);
      const signs = h.filter((v) => v.change === 'sign_off').map((v) => v.at_ms);
      const first = subs.length ? Math.min(...subs) : i.first_ms;
      const last = subs.length ? Math.max(...subs) : i.submitted_ms;
      const signed = signs.length ? Math.max(...signs) : i.signed_ms;
      f.submitted++;
      if (i.status === 'signed_off') {
        f.signedOff++;
        if (first !== null && signed !== null) {
          hours.push((signed - first) / 3_600_000);
          if (signed - first <= H48) f.signedOffWithin48h++;
        }
      }
      if (h.some((v) => v.change === 'return')) f.returned++;
      if (i.status === 'submitted' && last !== null && now - last > H48) f.overdueReview++;
      for (const p of raw.pis.filter((x) => x.incident_id === i.id)) {
        f.interventions++;
        if (notToldByEndOfDay(p, now)) f.missingParentContact++;
        if (p.pupil_debrief_ms === null || p.staff_debrief_ms === null) f.missingDebrief++;
      }
    }
    const m = middle(hours);
    f.medianHoursToSignOff = m === null ? null : Math.round(m * 3_600_000) / 3_600_000;
    return f;
  };
  const recorders = [...new Set(incidents.map((i) => i.created_by))];
  return {
    totals: figures(incidents),
    bySite: Object.fromEntries(q.siteIds.map((s) => [s, figures(incidents.filter((i) => i.site_id === s))])),
    byStaff: Object.fromEntries(recorders.map((u) => [u, figures(incidents.filter((i) => i.created_by === u))])),
  };
}
