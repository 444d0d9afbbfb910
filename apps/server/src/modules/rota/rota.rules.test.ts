import { describe, expect, it } from 'vitest';
import { deploymentsFor, doubleBookings, gaps, minutesOf, slotProblem, suggestCover, travelProblems, travelTimeOf,
  type ExceptionRow, type PatternSlot, type Period, type RotaDay } from './rota.rules.ts';

const PERIODS: Period[] = [
  { code: 'P1', label: 'Period 1', start: '09:00', end: '10:00' },
  { code: 'P2', label: 'Period 2', start: '10:05', end: '11:05' },
  { code: 'P3', label: 'Period 3', start: '11:30', end: '12:30' },
];
const periodsOf = () => new Map(PERIODS.map((p) => [p.code, p]));
const open = (...ids: string[]) => new Set(ids);
const MON: RotaDay = { date: '2026-12-07', weekday: 1, openSiteIds: open('A', 'B') };
const TUE: RotaDay = { date: '2026-12-08', weekday: 2, openSiteIds: open('A', 'B') };
const slot = (over: Partial<PatternSlot>): PatternSlot => ({ id: 'p1', staffId: 's1', siteId: 'A', weekday: 1, periodCode: 'P1', mode: 'walkabout', pupilId: null, teacherStaffId: null, validFrom: '2026-09-01', validTo: null, ...over });
const exc = (over: Partial<ExceptionRow>): ExceptionRow => ({ id: 'e1', staffId: 's1', siteId: 'A', date: MON.date, periodCode: null, kind: 'absence', mode: null, pupilId: null, teacherStaffId: null, coversExceptionId: null, coversPatternId: null, ...over });
const trained = (map: Record<string, string[]>) => (staffId: string) => new Set(map[staffId] ?? []);
const travel = travelTimeOf([{ siteA: 'B', siteB: 'A', minutes: 20 }], 30);

describe('deploymentsFor', () => {
  it('applies a pattern on its weekday while valid and open, and not on a closed site', () => {
    const p = [slot({}), slot({ id: 'p2', weekday: 2 }), slot({ id: 'p3', validTo: '2026-12-06' }), slot({ id: 'p4', validFrom: '2026-12-08' })];
    expect(deploymentsFor([MON, TUE], p, []).deployments.map((d) => `${d.patternId}@${d.date}`)).toEqual(['p1@2026-12-07', 'p2@2026-12-08']);
    expect(deploymentsFor([{ ...MON, openSiteIds: open('B') }], p, []).deployments).toEqual([]);
  });
  it('a whole-day absence displaces every slot that day; a period absence only that period; cover fills the slot', () => {
    const p = [slot({}), slot({ id: 'p2', periodCode: 'P2', mode: 'one_to_one', pupilId: 'pu1' })];
    const day = deploymentsFor([MON], p, [exc({})]);
    expect(day.deployments).toEqual([]);
    expect(day.displaced.map((d) => [d.patternId, d.coveredBy])).toEqual([['p1', null], ['p2', null]]);
    const one = deploymentsFor([MON], p, [exc({ periodCode: 'P2' })]);
    expect(one.deployments.map((d) => d.patternId)).toEqual(['p1']);
    const covered = deploymentsFor([MON], p, [exc({ periodCode: 'P2' }), exc({ id: 'c1', staffId: 's2', kind: 'cover', periodCode: 'P2', mode: 'one_to_one', pupilId: 'pu1', coversExceptionId: 'e1', coversPatternId: 'p2' })]);
    expect(covered.displaced[0]!.coveredBy).toBe('s2');
    expect(covered.deployments.find((d) => d.staffId === 's2')).toMatchObject({ pupilId: 'pu1', coversStaffId: 's1', mode: 'one_to_one' });
  });
  it('training takes someone out like an absence; cover elsewhere puts them at another site', () => {
    const r = deploymentsFor([MON], [slot({})], [exc({ kind: 'training', periodCode: 'P1' }), exc({ id: 'c', kind: 'cover', siteId: 'B', periodCode: 'P2', mode: 'walkabout' })]);
    expect(r.displaced[0]!.kind).toBe('training');
    expect(r.deployments).toMatchObject([{ siteId: 'B', periodCode: 'P2', coversStaffId: null }]);
  });
});

describe('doubleBookings and travel', () => {
  it('finds one person twice in a period, not two people once', () => {
    const { deployments } = deploymentsFor([MON], [slot({}), slot({ id: 'p2', siteId: 'B' }), slot({ id: 'p3', staffId: 's2' })], []);
    expect(doubleBookings(deployments)).toEqual([{ staffId: 's1', date: MON.date, periodCode: 'P1', siteIds: ['A', 'B'] }]);
  });
  it('flags a move between sites with less time than the journey, by period times, not by the order of the rows', () => {
    const { deployments } = deploymentsFor([MON], [slot({ id: 'x', periodCode: 'P2', siteId: 'B' }), slot({}), slot({ id: 'y', periodCode: 'P3', siteId: 'A' })], []);
    expect(travelProblems(deployments, periodsOf, travel)).toEqual([
      { staffId: 's1', date: MON.date, fromSiteId: 'A', fromPeriod: 'P1', toSiteId: 'B', toPeriod: 'P2', gapMinutes: 5, travelMinutes: 20 },
    ]);
    // 25 minutes from P2's end to P3's start is enough for 20 minutes' travel; not for the 30-minute default
    expect(travelProblems(deployments, periodsOf, travelTimeOf([], 30)).map((t) => t.toPeriod)).toEqual(['P2', 'P3']);
  });
  it('reads times strictly', () => {
    expect(minutesOf('09:05')).toBe(545);
    expect(minutesOf('24:00')).toBeNull();
    expect(minutesOf('9.05')).toBeNull();
  });
});

describe('gaps', () => {
  const need = { pupilId: 'pu1', siteId: 'A', holds: ['SUPPORTING_HOLD'], ehcpMinutes: null };
  it('a pupil whose plan needs a trained adult: untrained one-to-one, and days with nobody trained', () => {
    const { deployments } = deploymentsFor([MON, TUE], [slot({ mode: 'one_to_one', pupilId: 'pu1' }), slot({ id: 'p2', staffId: 's2', weekday: 2, mode: 'one_to_one', pupilId: 'pu1' })], []);
    const g = gaps([MON, TUE], deployments, [need], trained({ s1: ['SUPPORTING_HOLD'] }), periodsOf);
    expect(g).toEqual([
      { kind: 'untrained_adult', pupilId: 'pu1', date: TUE.date, periodCode: 'P1', staffId: 's2', missing: ['SUPPORTING_HOLD'] },
      { kind: 'no_trained_adult', pupilId: 'pu1', date: TUE.date },
    ]);
  });
  it('EHCP hours: one-to-one minutes (a period counted once) against the weekly figure pro rata to open days', () => {
    const p = [slot({ mode: 'one_to_one', pupilId: 'pu1' }), slot({ id: 'p2', staffId: 's2', mode: 'one_to_one', pupilId: 'pu1' }), slot({ id: 'p3', periodCode: 'P2', mode: 'one_to_one', pupilId: 'pu1' })];
    const { deployments } = deploymentsFor([MON, TUE], p, []);
    const ehcp = { pupilId: 'pu1', siteId: 'A', holds: [], ehcpMinutes: 600 };
    // two open days of five: 240 minutes required; 120 covered
    expect(gaps([MON, TUE], deployments, [ehcp], trained({}), periodsOf)).toEqual([{ kind: 'ehcp_hours', pupilId: 'pu1', requiredMinutes: 240, coveredMinutes: 120 }]);
    expect(gaps([MON], deployments, [{ ...ehcp, ehcpMinutes: 300 }], trained({}), periodsOf)).toEqual([]);
  });
});

describe('suggestCover', () => {
  const candidates = [
    { staffId: 's1', homeSiteId: 'A', name: 'Absent Person' },
    { staffId: 's2', homeSiteId: 'B', name: 'Bea Far' },
    { staffId: 's3', homeSiteId: 'A', name: 'Cal Near' },
    { staffId: 's4', homeSiteId: 'A', name: 'Dee Busy' },
    { staffId: 's5', homeSiteId: 'A', name: 'Eve Untrained' },
    { staffId: 's6', homeSiteId: 'A', name: 'Fay Away' },
    { staffId: 's7', homeSiteId: 'B', name: 'Gus Tight' },
  ];
  it('trained, free, not away, reachable; nearest first', () => {
    const { deployments } = deploymentsFor([MON], [slot({ staffId: 's4', periodCode: 'P2' }), slot({ id: 'g', staffId: 's7', siteId: 'B', periodCode: 'P1' })], []);
    const away = [exc({ staffId: 's6' })];
    const t = trained({ s2: ['H'], s3: ['H'], s4: ['H'], s6: ['H'], s7: ['H'] });
    const out = suggestCover({ staffId: 's1', siteId: 'A', date: MON.date, periodCode: 'P2', holds: ['H'] }, candidates, deployments, away, t, periodsOf, travel);
    expect(out).toEqual([
      { staffId: 's3', name: 'Cal Near', fromSiteId: 'A', travelMinutes: 0 },
      { staffId: 's2', name: 'Bea Far', fromSiteId: 'B', travelMinutes: 20 },
    ]);
  });
  it('with no holds needed, anyone free will do', () => {
    const out = suggestCover({ staffId: 's1', siteId: 'A', date: MON.date, periodCode: 'P1', holds: [] }, candidates.slice(0, 3), [], [], trained({}), periodsOf, travel);
    expect(out.map((s) => s.staffId)).toEqual(['s3', 's2']);
  });
});

describe('slotProblem', () => {
  it('names the field', () => {
    expect(slotProblem({ mode: 'one_to_one' })?.field).toBe('pupilId');
    expect(slotProblem({ mode: 'walkabout', pupilId: 'x' })?.field).toBe('pupilId');
    expect(slotProblem({ mode: 'behaviour_buddy' })?.field).toBe('teacherStaffId');
    expect(slotProblem({ mode: 'small_group', validFrom: '2026-09-02', validTo: '2026-09-01' })?.field).toBe('validTo');
    expect(slotProblem({ mode: 'behaviour_buddy', teacherStaffId: 't' })).toBeNull();
  });
});
