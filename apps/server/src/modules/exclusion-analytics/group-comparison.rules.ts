/**
 * Pupil-group comparison (ANA-2, SPEC §9) over per-pupil counts and pupil-days, for any measure: the group's count
 * and rate per 100 pupils per school day, the group rate ratio against everyone else, the risk index (% of the
 * group's pupils with at least one) and the risk ratio. Suppression per viewer; "n/a" for zero denominators.
 */
import { PUPIL_GROUP_KEYS, PUPIL_GROUP_LABELS, type TGroupComparison } from '@haven/contracts';
import { derived, figure, groupRateRatio, ratePer100, riskIndex, riskRatio } from '../analytics/analytics.rules.ts';

export interface GroupPupil {
  pupilId: string; yearGroup: number; senStatus: string; pupilPremium: boolean; fsm: boolean; lookedAfter: boolean; eal: boolean;
  sex: string; ethnicity: string | null; pupilDays: number;
}

export interface GroupDef { key: string; label: string; test: (p: GroupPupil) => boolean }

const yearLabel = (y: number) => (y === 0 ? 'Reception' : y < 0 ? 'Nursery' : `Year ${y}`);
const SEX_LABELS: Record<string, string> = { M: 'Boys', F: 'Girls' };

/** The groups to compare: the fixed ones, then each sex, ethnicity and year group present among the pupils. */
export function groupsOf(pupils: readonly GroupPupil[]): GroupDef[] {
  const fixed: Record<typeof PUPIL_GROUP_KEYS[number], (p: GroupPupil) => boolean> = {
    sen_support: (p) => p.senStatus === 'sen_support', ehcp: (p) => p.senStatus === 'ehcp', sen_any: (p) => p.senStatus !== 'none',
    pupil_premium: (p) => p.pupilPremium, fsm: (p) => p.fsm, looked_after: (p) => p.lookedAfter, eal: (p) => p.eal,
  };
  const defs: GroupDef[] = PUPIL_GROUP_KEYS.map((k) => ({ key: k, label: PUPIL_GROUP_LABELS[k] ?? k, test: fixed[k] }));
  const distinct = <T>(f: (p: GroupPupil) => T) => [...new Set(pupils.map(f))].filter((v) => v !== null && v !== '').sort() as NonNullable<T>[];
  for (const s of distinct((p) => p.sex)) defs.push({ key: `sex:${s}`, label: SEX_LABELS[s] ?? `Sex ${s}`, test: (p) => p.sex === s });
  for (const e of distinct((p) => p.ethnicity)) defs.push({ key: `ethnicity:${e}`, label: `Ethnicity ${e}`, test: (p) => p.ethnicity === e });
  for (const y of distinct((p) => p.yearGroup).sort((a, b) => a - b)) defs.push({ key: `year:${y}`, label: yearLabel(y), test: (p) => p.yearGroup === y });
  return defs;
}

/**
 * One row per group. Pupils counted: on roll in the period (pupil-days > 0) or with a record in it. The count of a
 * group sums its pupils' counts; everyone else is every other counted pupil.
 */
export function compareGroups(pupils: readonly GroupPupil[], counts: ReadonlyMap<string, number>, suppress: boolean): TGroupComparison['rows'] {
  const counted = pupils.filter((p) => p.pupilDays > 0 || (counts.get(p.pupilId) ?? 0) > 0);
  const tally = (ps: readonly GroupPupil[]) => {
    let n = 0; let days = 0; let withEvent = 0;
    for (const p of ps) { const c = counts.get(p.pupilId) ?? 0; n += c; days += p.pupilDays; if (c > 0) withEvent++; }
    return { pupils: ps.length, n, days, withEvent };
  };
  return groupsOf(counted).map((g) => {
    const inG = counted.filter(g.test);
    const a = tally(inG);
    const b = tally(counted.filter((p) => !g.test(p)));
    const deps = [a.n, b.n, a.withEvent, b.withEvent, a.pupils];
    return {
      group: g.key, label: g.label, pupils: figure(a.pupils, null, suppress), pupilDays: a.days,
      count: figure(a.n, ratePer100(a.n, a.days), suppress, [a.pupils]),
      rateRatio: derived(groupRateRatio(a.n, a.days, b.n, b.days), suppress, deps),
      pupilsWithEvent: figure(a.withEvent, null, suppress),
      riskIndex: derived(riskIndex(a.withEvent, a.pupils), suppress, [a.withEvent, a.pupils]),
      riskRatio: derived(riskRatio(a.withEvent, a.pupils, b.withEvent, b.pupils), suppress, deps),
    };
  });
}
