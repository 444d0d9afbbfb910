/**
 * Physical intervention figures (ANA-3, SPEC §9) as pure functions over the interventions counted in a period:
 * durations (incidents.rules durationMinutes: end − start in whole minutes), distinct pupils and staff, techniques,
 * injuries and medical attention, debriefs done, and the parent informed — at all, by the end of the same day, and
 * the review queue's "not informed by the end of the day" flag (incidents.rules parentNotInformedSameDay, LAW-10).
 * Which figures an intervention counts in is one function (`piFlags`), used by the totals and the drill-down alike.
 */
import type { TPiKind } from '@haven/contracts';
import { durationMinutes, parentNotInformedSameDay } from '../incidents/incidents.rules.ts';
import { median } from '../analytics/analytics.rules.ts';

export interface StaffTechnique { staffId: string; techniqueCodes: readonly string[] }

export interface PiRow {
  id: string; incidentId: string; siteId: string; occurredOn: string; pupilId: string | null;
  startedAt: string | null; endedAt: string | null; staffTechniques: readonly StaffTechnique[];
  pupilInjured: boolean; staffInjured: boolean; medicalAttention: string | null;
  pupilDebriefAt: string | null; staffDebriefAt: string | null; parentInformedAt: string | null;
  /** STF-2: (member of staff, technique) uses without a valid certificate on the day (missing, expired, not covering). */
  uncertified: readonly UncertifiedUse[];
}

export interface UncertifiedUse { staffId: string; techniqueCode: string; problem: 'missing' | 'expired' | 'not_covered' }

/** Answers that mean no medical attention was needed ("None needed.", "No", "N/A", "Nil", "Not required"). */
const NONE = /^(none|no|nil|n\/?a|not (needed|required|necessary)|nothing)\b/;

/** Medical attention was given: the record says something other than none (blank counts as none). */
export function medicalAttentionGiven(text: string | null): boolean {
  const t = (text ?? '').trim().toLowerCase().replace(/^[\s"'(.-]+/, '');
  return t !== '' && !NONE.test(t);
}

/** A debrief is done once its recorded date has passed; a date still to come is only scheduled. */
export function debriefDone(at: string | null, now: Date): boolean {
  return at !== null && Date.parse(at) <= now.getTime();
}

const TWO_DAYS_MS = 48 * 3_600_000;

/**
 * Told by the end of the London day the intervention began: the same-day rule (parentNotInformedSameDay) judged once
 * that day is over, i.e. at a moment two days after the start. Without a start time it cannot be judged: false.
 */
export function parentInformedSameDay(pi: Pick<PiRow, 'startedAt' | 'parentInformedAt'>): boolean {
  if (!pi.startedAt || !pi.parentInformedAt) return false;
  return !parentNotInformedSameDay(pi, new Date(Date.parse(pi.startedAt) + TWO_DAYS_MS));
}

/** Every figure one intervention counts in, as of `now`. */
export function piFlags(pi: PiRow, now: Date): Record<TPiKind, boolean> {
  const pupilDebriefed = debriefDone(pi.pupilDebriefAt, now);
  const staffDebriefed = debriefDone(pi.staffDebriefAt, now);
  return {
    all: true, pupilInjured: pi.pupilInjured, staffInjured: pi.staffInjured, medicalAttention: medicalAttentionGiven(pi.medicalAttention),
    pupilDebriefed, pupilNotDebriefed: !pupilDebriefed, staffDebriefed, staffNotDebriefed: !staffDebriefed,
    parentInformed: pi.parentInformedAt !== null, parentInformedSameDay: parentInformedSameDay(pi),
    parentNotInformedByEndOfDay: parentNotInformedSameDay(pi, now),
    uncertified: pi.uncertified.length > 0,
  };
}

/** Technique codes used in an intervention (by any member of staff), each once. */
export function techniquesOf(pi: Pick<PiRow, 'staffTechniques'>): string[] {
  return [...new Set(pi.staffTechniques.flatMap((s) => s.techniqueCodes))];
}

export const COUNTED_FLAGS = ['pupilInjured', 'staffInjured', 'medicalAttention', 'pupilDebriefed', 'staffDebriefed', 'parentInformed',
  'parentInformedSameDay', 'parentNotInformedByEndOfDay', 'uncertified'] as const;
export type CountedFlag = typeof COUNTED_FLAGS[number];

export interface PiSummary {
  count: number;
  minutes: number[];
  totalMinutes: number;
  medianMinutes: number | null;
  pupils: number;
  staff: number;
  flags: Record<CountedFlag, number>;
}

/** The ANA-3 figures of a set of interventions. */
export function summarise(rows: readonly PiRow[], now: Date): PiSummary {
  const minutes: number[] = [];
  const pupils = new Set<string>();
  const staff = new Set<string>();
  const flags = Object.fromEntries(COUNTED_FLAGS.map((f) => [f, 0])) as Record<CountedFlag, number>;
  for (const pi of rows) {
    const m = durationMinutes(pi.startedAt, pi.endedAt);
    if (m !== null) minutes.push(m);
    if (pi.pupilId) pupils.add(pi.pupilId);
    for (const s of pi.staffTechniques) staff.add(s.staffId);
    const f = piFlags(pi, now);
    for (const k of COUNTED_FLAGS) if (f[k]) flags[k]++;
  }
  return {
    count: rows.length, minutes, totalMinutes: minutes.reduce((a, b) => a + b, 0), medianMinutes: median(minutes),
    pupils: pupils.size, staff: staff.size, flags,
  };
}

/** Per technique: interventions using it, and (intervention, member of staff) pairs using it. */
export function byTechnique(rows: readonly PiRow[]): Map<string, { interventions: number; staffUses: number }> {
  const out = new Map<string, { interventions: number; staffUses: number }>();
  for (const pi of rows) {
    for (const code of techniquesOf(pi)) {
      const t = out.get(code) ?? { interventions: 0, staffUses: 0 };
      t.interventions++;
      t.staffUses += new Set(pi.staffTechniques.filter((s) => s.techniqueCodes.includes(code)).map((s) => s.staffId)).size;
      out.set(code, t);
    }
  }
  return out;
}

/** Interventions and minutes per pupil, most first (then most minutes, then id): the "pupils with most" table. */
export function topPupils(rows: readonly PiRow[], n: number): { pupilId: string; count: number; totalMinutes: number }[] {
  const per = new Map<string, { count: number; totalMinutes: number }>();
  for (const pi of rows) {
    if (!pi.pupilId) continue;
    const p = per.get(pi.pupilId) ?? { count: 0, totalMinutes: 0 };
    p.count++;
    p.totalMinutes += durationMinutes(pi.startedAt, pi.endedAt) ?? 0;
    per.set(pi.pupilId, p);
  }
  return [...per.entries()].map(([pupilId, p]) => ({ pupilId, ...p }))
    .sort((a, b) => b.count - a.count || b.totalMinutes - a.totalMinutes || (a.pupilId < b.pupilId ? -1 : 1)).slice(0, n);
}

/** STF-2: uses without a valid certificate per technique, and per member of staff (by problem), most first. */
export function uncertifiedUses(rows: readonly PiRow[]) {
  const byTechnique = new Map<string, number>();
  const byStaff = new Map<string, { uses: number; missing: number; expired: number; notCovered: number }>();
  for (const pi of rows) {
    for (const u of pi.uncertified) {
      byTechnique.set(u.techniqueCode, (byTechnique.get(u.techniqueCode) ?? 0) + 1);
      const s = byStaff.get(u.staffId) ?? { uses: 0, missing: 0, expired: 0, notCovered: 0 };
      s.uses++;
      if (u.problem === 'missing') s.missing++; else if (u.problem === 'expired') s.expired++; else s.notCovered++;
      byStaff.set(u.staffId, s);
    }
  }
  return {
    byTechnique: [...byTechnique.entries()].map(([code, uses]) => ({ code, uses })).sort((a, b) => b.uses - a.uses || (a.code < b.code ? -1 : 1)),
    byStaff: [...byStaff.entries()].map(([staffId, s]) => ({ staffId, ...s })).sort((a, b) => b.uses - a.uses || (a.staffId < b.staffId ? -1 : 1)),
  };
}

/**
 * The interventions behind one figure (optionally one technique, pupil or member of staff), newest first. For the
 * "without a valid certificate" figure, the technique and member of staff narrow to uncertified uses of them.
 */
export function recordsOf(rows: readonly PiRow[], kind: TPiKind, now: Date,
  opts: { technique?: string | undefined; pupilId?: string | undefined; staffId?: string | undefined } = {}): PiRow[] {
  const uses = (pi: PiRow) => (kind === 'uncertified'
    ? pi.uncertified.some((u) => (!opts.technique || u.techniqueCode === opts.technique) && (!opts.staffId || u.staffId === opts.staffId))
    : (!opts.technique || techniquesOf(pi).includes(opts.technique)) && (!opts.staffId || pi.staffTechniques.some((s) => s.staffId === opts.staffId)));
  return rows.filter((pi) => piFlags(pi, now)[kind] && uses(pi)
    && (!opts.pupilId || pi.pupilId === opts.pupilId))
    .sort((a, b) => (b.startedAt ?? b.occurredOn).localeCompare(a.startedAt ?? a.occurredOn) || a.id.localeCompare(b.id));
}
