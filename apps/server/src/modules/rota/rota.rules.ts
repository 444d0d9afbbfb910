/**
 * The rota's pure rules (STF-3): a week's deployments from the weekly patterns and the dated exceptions, and what is
 * wrong with them — double bookings, impossible travel between sites, pupils whose plan needs a trained adult with
 * none deployed to them, EHCP hours not covered — and who can cover an absence. No I/O: the service loads the rows.
 */

export type RotaMode = 'one_to_one' | 'small_group' | 'behaviour_buddy' | 'walkabout' | 'cover';
export type ExceptionKind = 'absence' | 'training' | 'cover';

/** A period of a site's school day ('HH:MM' times). */
export interface Period { code: string; label: string; start: string; end: string }

export interface PatternSlot {
  id: string; staffId: string; siteId: string; weekday: number; periodCode: string; mode: RotaMode;
  pupilId: string | null; teacherStaffId: string | null; validFrom: string; validTo: string | null;
}

export interface ExceptionRow {
  id: string; staffId: string; siteId: string; date: string; periodCode: string | null; kind: ExceptionKind;
  mode: RotaMode | null; pupilId: string | null; teacherStaffId: string | null; coversExceptionId: string | null; coversPatternId: string | null;
}

export interface Deployment {
  staffId: string; siteId: string; date: string; periodCode: string; mode: RotaMode; pupilId: string | null; teacherStaffId: string | null;
  patternId: string | null; exceptionId: string | null;
  /** For cover of an absence: whose slot this is. */
  coversStaffId: string | null;
}

/** A slot of someone's pattern that their absence or training empties, and the cover recorded for it (if any). */
export interface Displaced {
  exceptionId: string; kind: ExceptionKind; staffId: string; siteId: string; date: string; periodCode: string; patternId: string;
  mode: RotaMode; pupilId: string | null; teacherStaffId: string | null; coveredBy: string | null;
}

/** A day of the week asked for: its ISO weekday and the sites open (a school day there). */
export interface RotaDay { date: string; weekday: number; openSiteIds: ReadonlySet<string> }

const awayCovers = (e: ExceptionRow, date: string, periodCode: string): boolean =>
  e.kind !== 'cover' && e.date === date && (e.periodCode === null || e.periodCode === periodCode);

export const patternApplies = (p: PatternSlot, day: RotaDay): boolean =>
  p.weekday === day.weekday && p.validFrom <= day.date && (p.validTo === null || p.validTo >= day.date) && day.openSiteIds.has(p.siteId);

/**
 * The week's deployments: every pattern slot that applies on a day its site is open, unless its member of staff is
 * absent or training then (that slot is displaced, with the cover recorded for it), and every cover exception.
 */
export function deploymentsFor(days: readonly RotaDay[], patterns: readonly PatternSlot[], exceptions: readonly ExceptionRow[]) {
  const deployments: Deployment[] = [];
  const displaced: Displaced[] = [];
  const awayByStaff = new Map<string, ExceptionRow[]>();
  for (const e of exceptions) if (e.kind !== 'cover') awayByStaff.set(e.staffId, [...(awayByStaff.get(e.staffId) ?? []), e]);
  const coverOf = new Map<string, ExceptionRow>();
  for (const e of exceptions) if (e.kind === 'cover' && e.coversPatternId) coverOf.set(`${e.coversPatternId}|${e.date}`, e);
  const patternById = new Map(patterns.map((p) => [p.id, p]));
  for (const day of days) {
    for (const p of patterns) {
      if (!patternApplies(p, day)) continue;
      const away = (awayByStaff.get(p.staffId) ?? []).find((e) => awayCovers(e, day.date, p.periodCode));
      if (away) {
        const cover = coverOf.get(`${p.id}|${day.date}`);
        displaced.push({ exceptionId: away.id, kind: away.kind, staffId: p.staffId, siteId: p.siteId, date: day.date, periodCode: p.periodCode, patternId: p.id,
          mode: p.mode, pupilId: p.pupilId, teacherStaffId: p.teacherStaffId, coveredBy: cover?.staffId ?? null });
        continue;
      }
      deployments.push({ staffId: p.staffId, siteId: p.siteId, date: day.date, periodCode: p.periodCode, mode: p.mode, pupilId: p.pupilId,
        teacherStaffId: p.teacherStaffId, patternId: p.id, exceptionId: null, coversStaffId: null });
    }
  }
  const dates = new Set(days.map((d) => d.date));
  for (const e of exceptions) {
    if (e.kind !== 'cover' || !dates.has(e.date) || !e.periodCode) continue;
    const covered = e.coversPatternId ? patternById.get(e.coversPatternId) : undefined;
    deployments.push({ staffId: e.staffId, siteId: e.siteId, date: e.date, periodCode: e.periodCode, mode: e.mode ?? 'cover',
      pupilId: e.pupilId, teacherStaffId: e.teacherStaffId, patternId: null, exceptionId: e.id, coversStaffId: covered?.staffId ?? null });
  }
  return { deployments, displaced };
}

export interface DoubleBooking { staffId: string; date: string; periodCode: string; siteIds: string[] }

/** One person deployed twice in one date and period (anywhere). */
export function doubleBookings(deployments: readonly Deployment[]): DoubleBooking[] {
  const groups = new Map<string, Deployment[]>();
  for (const d of deployments) {
    const key = `${d.staffId}|${d.date}|${d.periodCode}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()].filter((g) => g.length > 1)
    .map((g) => ({ staffId: g[0]!.staffId, date: g[0]!.date, periodCode: g[0]!.periodCode, siteIds: g.map((d) => d.siteId) }));
}

/** 'HH:MM' → minutes after midnight; null when not a time. */
export function minutesOf(time: string | null | undefined): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time ?? '');
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

export function periodMinutes(p: Period | undefined): number {
  const s = minutesOf(p?.start);
  const e = minutesOf(p?.end);
  return s === null || e === null || e <= s ? 0 : e - s;
}

/** Minutes to travel between two sites: 0 for the same site, else the configured figure or the default. */
export type TravelTime = (a: string, b: string) => number;
export function travelTimeOf(pairs: readonly { siteA: string; siteB: string; minutes: number }[], defaultMinutes: number): TravelTime {
  const m = new Map<string, number>();
  for (const p of pairs) m.set(pairKey(p.siteA, p.siteB), p.minutes);
  return (a, b) => (a === b ? 0 : m.get(pairKey(a, b)) ?? defaultMinutes);
}
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export interface TravelProblem {
  staffId: string; date: string; fromSiteId: string; fromPeriod: string; toSiteId: string; toPeriod: string; gapMinutes: number; travelMinutes: number;
}

type PeriodsOf = (siteId: string) => ReadonlyMap<string, Period>;

/** Consecutive deployments of one person at two sites with less time between the periods than the journey takes. */
export function travelProblems(deployments: readonly Deployment[], periodsOf: PeriodsOf, travel: TravelTime): TravelProblem[] {
  const out: TravelProblem[] = [];
  for (const list of groupBy(deployments, (d) => `${d.staffId}|${d.date}`).values()) {
    // each period's times read once (not at every comparison of the sort)
    const timed = list.map((d) => { const p = periodsOf(d.siteId).get(d.periodCode); return { d, start: minutesOf(p?.start), end: minutesOf(p?.end) }; })
      .filter((x): x is { d: Deployment; start: number; end: number } => x.start !== null && x.end !== null)
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < timed.length; i++) {
      const a = timed[i - 1]!;
      const b = timed[i]!;
      if (a.d.siteId === b.d.siteId) continue;
      const gap = b.start - a.end;
      const need = travel(a.d.siteId, b.d.siteId);
      if (gap < need) out.push({ staffId: a.d.staffId, date: a.d.date, fromSiteId: a.d.siteId, fromPeriod: a.d.periodCode, toSiteId: b.d.siteId, toPeriod: b.d.periodCode, gapMinutes: gap, travelMinutes: need });
    }
  }
  return out;
}

/** The techniques a member of staff's valid certificates cover on a date. */
export type TrainedFor = (staffId: string, date: string) => ReadonlySet<string>;
export const missingHolds = (holds: readonly string[], covered: ReadonlySet<string>): string[] => holds.filter((h) => !covered.has(h));

export interface PupilNeed { pupilId: string; siteId: string; holds: readonly string[]; ehcpMinutes: number | null }

export type Gap =
  | { kind: 'untrained_adult'; pupilId: string; date: string; periodCode: string; staffId: string; missing: string[] }
  | { kind: 'no_trained_adult'; pupilId: string; date: string }
  | { kind: 'ehcp_hours'; pupilId: string; requiredMinutes: number; coveredMinutes: number };

/**
 * Gaps: a one-to-one adult not trained for the holds the pupil's plan approves; a day the pupil's site is open with
 * no trained adult deployed one-to-one to a pupil whose plan needs one; EHCP minutes not covered by one-to-one time
 * (a period counted once however many adults; the weekly figure pro rata to the days the pupil's site is open).
 */
export function gaps(days: readonly RotaDay[], deployments: readonly Deployment[], needs: readonly PupilNeed[], trainedFor: TrainedFor, periodsOf: PeriodsOf): Gap[] {
  const out: Gap[] = [];
  const oneToOne = groupBy(deployments.filter((d) => d.mode === 'one_to_one' && d.pupilId), (d) => d.pupilId!);
  for (const need of needs) {
    const mine = oneToOne.get(need.pupilId) ?? [];
    const open = days.filter((d) => d.openSiteIds.has(need.siteId));
    if (need.holds.length) {
      for (const d of mine) {
        const missing = missingHolds(need.holds, trainedFor(d.staffId, d.date));
        if (missing.length) out.push({ kind: 'untrained_adult', pupilId: need.pupilId, date: d.date, periodCode: d.periodCode, staffId: d.staffId, missing });
      }
      for (const day of open) {
        const trained = mine.some((d) => d.date === day.date && missingHolds(need.holds, trainedFor(d.staffId, d.date)).length === 0);
        if (!trained) out.push({ kind: 'no_trained_adult', pupilId: need.pupilId, date: day.date });
      }
    }
    if (need.ehcpMinutes && need.ehcpMinutes > 0) {
      const required = Math.round((need.ehcpMinutes * open.length) / 5);
      const slots = new Map<string, number>();
      for (const d of mine) slots.set(`${d.date}|${d.periodCode}`, periodMinutes(periodsOf(d.siteId).get(d.periodCode)));
      const covered = [...slots.values()].reduce((s, n) => s + n, 0);
      if (covered < required) out.push({ kind: 'ehcp_hours', pupilId: need.pupilId, requiredMinutes: required, coveredMinutes: covered });
    }
  }
  return out;
}

export interface Candidate { staffId: string; homeSiteId: string; name: string }
export interface Suggestion { staffId: string; name: string; fromSiteId: string; travelMinutes: number }

/**
 * Who can cover a displaced slot: not the absent person, not away then, not deployed in that period (free), trained
 * for every hold of the pupil's plan on that date, able to get there between their periods either side; nearest
 * first (from where they are that day, else their own site), then by name.
 */
export function suggestCover(slot: { staffId: string; siteId: string; date: string; periodCode: string; holds: readonly string[] },
  candidates: readonly Candidate[], deployments: readonly Deployment[], away: readonly ExceptionRow[], trainedFor: TrainedFor,
  periodsOf: PeriodsOf, travel: TravelTime): Suggestion[] {
  const target = periodsOf(slot.siteId).get(slot.periodCode);
  const targetStart = minutesOf(target?.start);
  const out: Suggestion[] = [];
  for (const c of candidates) {
    if (c.staffId === slot.staffId) continue;
    if (away.some((e) => e.staffId === c.staffId && awayCovers(e, slot.date, slot.periodCode))) continue;
    const today = deployments.filter((d) => d.staffId === c.staffId && d.date === slot.date);
    if (today.some((d) => d.periodCode === slot.periodCode)) continue;
    if (missingHolds(slot.holds, trainedFor(c.staffId, slot.date)).length) continue;
    const timed = today.map((d) => ({ d, p: periodsOf(d.siteId).get(d.periodCode) }));
    const before = timed.filter((x) => targetStart !== null && (minutesOf(x.p?.end) ?? Infinity) <= targetStart)
      .sort((a, b) => minutesOf(b.p?.end)! - minutesOf(a.p?.end)!)[0];
    const after = timed.filter((x) => targetStart !== null && (minutesOf(x.p?.start) ?? -Infinity) > targetStart)
      .sort((a, b) => minutesOf(a.p?.start)! - minutesOf(b.p?.start)!)[0];
    if (before && target && minutesOf(target.start)! - minutesOf(before.p!.end)! < travel(before.d.siteId, slot.siteId)) continue;
    if (after && target && minutesOf(after.p!.start)! - minutesOf(target.end)! < travel(slot.siteId, after.d.siteId)) continue;
    const from = before?.d.siteId ?? after?.d.siteId ?? timed[0]?.d.siteId ?? c.homeSiteId;
    out.push({ staffId: c.staffId, name: c.name, fromSiteId: from, travelMinutes: travel(from, slot.siteId) });
  }
  return out.sort((a, b) => a.travelMinutes - b.travelMinutes || a.name.localeCompare(b.name));
}

/** The pattern slot's problem as a field error, or null: one_to_one names a pupil, behaviour_buddy a teacher. */
export function slotProblem(s: { mode: RotaMode; pupilId?: string | null | undefined; teacherStaffId?: string | null | undefined; validFrom?: string | undefined; validTo?: string | null | undefined }): { field: string; message: string } | null {
  if (s.mode === 'one_to_one' && !s.pupilId) return { field: 'pupilId', message: 'Choose the pupil this one-to-one support is for.' };
  if (s.mode !== 'one_to_one' && s.pupilId) return { field: 'pupilId', message: 'Only one-to-one support names a pupil.' };
  if (s.mode === 'behaviour_buddy' && !s.teacherStaffId) return { field: 'teacherStaffId', message: 'Choose the teacher this behaviour buddy works with.' };
  if (s.mode !== 'behaviour_buddy' && s.teacherStaffId) return { field: 'teacherStaffId', message: 'Only a behaviour buddy names a teacher.' };
  if (s.validFrom && s.validTo && s.validTo < s.validFrom) return { field: 'validTo', message: 'The last date is before the first.' };
  return null;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x); else m.set(k, [x]);
  }
  return m;
}
