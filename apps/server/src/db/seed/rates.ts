/**
 * How often things happen in the generated school year, by kind of school. The shapes follow what schools and the DfE
 * report (SPEC §9): positives three to four times negatives; special schools and AP far above mainstream; persistent
 * disruption the commonest serious reason, then verbal abuse of adults, then assaults on pupils; boys and pupils on
 * free school meals over-represented; a few pupils account for most incidents and almost all physical interventions;
 * more on Mondays and Fridays, and after lunch.
 */
import type { TSiteKind } from '@haven/contracts';
import type { Rng } from './prng.ts';

export interface KindRates {
  /** Quick events per pupil per school day, before weekday, period and pupil weights. */
  readonly positive: number;
  readonly negative: number;
  readonly neutral: number;
  /** Full incidents, and those with a physical intervention, per 100 pupils per school day. */
  readonly incidents: number;
  readonly physicalInterventions: number;
  /** Pupils at the site who account for most physical interventions. */
  readonly piPupils: number;
}

export const KIND_RATES: Readonly<Record<TSiteKind, KindRates>> = {
  semh: { positive: 0.5, negative: 0.16, neutral: 0.03, incidents: 1.9, physicalInterventions: 0.34, piPupils: 6 },
  asc: { positive: 0.42, negative: 0.12, neutral: 0.04, incidents: 1.1, physicalInterventions: 0.26, piPupils: 7 },
  ap: { positive: 0.46, negative: 0.15, neutral: 0.03, incidents: 1.8, physicalInterventions: 0.1, piPupils: 2 },
  mld: { positive: 0.3, negative: 0.07, neutral: 0.03, incidents: 0.6, physicalInterventions: 0.08, piPupils: 3 },
  pmld: { positive: 0.3, negative: 0.03, neutral: 0.05, incidents: 0.3, physicalInterventions: 0.05, piPupils: 2 },
  mainstream: { positive: 0.2, negative: 0.05, neutral: 0.01, incidents: 0.25, physicalInterventions: 0.005, piPupils: 1 },
};

/** Monday … Friday. */
export const WEEKDAY_FACTOR = {
  negative: [1.15, 0.95, 0.9, 0.95, 1.2],
  positive: [0.95, 1, 1, 1, 1.1],
} as const;

/** Relative chance of each period, by polarity: negatives climb after lunch; positives follow lessons. */
export const PERIOD_WEIGHTS: Readonly<Record<'positive' | 'negative', Readonly<Record<string, number>>>> = {
  negative: { REGISTRATION: 0.4, P1: 0.8, BREAK: 0.9, P2: 0.9, P3: 1, LUNCH: 1.3, P4: 1.6, P5: 1.4 },
  positive: { REGISTRATION: 0.5, P1: 1.2, BREAK: 0.4, P2: 1.2, P3: 1.2, LUNCH: 0.5, P4: 1.1, P5: 1 },
};

/** Where things happen, by the kind of period. */
export const LOCATION_WEIGHTS: Readonly<Record<'lesson' | 'BREAK' | 'LUNCH' | 'REGISTRATION', Readonly<Record<string, number>>>> = {
  lesson: { CLASSROOM: 76, CORRIDOR: 8, SPORTS_HALL: 5, OUTDOOR_AREA: 4, SENSORY_ROOM: 2, CALM_ROOM: 2, SOFT_PLAY: 1, OFF_SITE: 2 },
  BREAK: { PLAYGROUND: 68, CORRIDOR: 14, TOILETS: 8, DINING_HALL: 6, CALM_ROOM: 4 },
  LUNCH: { DINING_HALL: 44, PLAYGROUND: 40, CORRIDOR: 8, TOILETS: 6, SENSORY_ROOM: 2 },
  REGISTRATION: { CLASSROOM: 58, RECEPTION: 26, CORRIDOR: 10, MINIBUS: 6 },
};

export const QUICK_CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  KINDNESS: 16, EFFORT: 26, RESPECT: 14, RESILIENCE: 12, GREAT_LEARNING: 16, HELPING_OTHERS: 12, OUTSTANDING: 4, SELF_REGULATION: 12,
  LOW_LEVEL_DISRUPTION: 40, LATE_TO_LESSON: 12, INAPPROPRIATE_LANGUAGE: 15, REFUSAL: 18, DEFIANCE: 15,
  OBSERVATION: 40, DYSREGULATED_ARRIVAL: 25, LOW_MOOD: 25, FIRST_AID: 10,
};

/** The main category of a full incident, by kind of school (codes missing from a site's policy are skipped). */
export function incidentCategoryWeights(kind: TSiteKind, physical: boolean): Readonly<Record<string, number>> {
  if (physical) {
    return kind === 'asc'
      ? { PHYSICAL_ASSAULT_ADULT: 42, PHYSICAL_ASSAULT_PUPIL: 22, ABSCONDING: 18, DAMAGE: 14, VERBAL_ABUSE_ADULT: 4 }
      : { PHYSICAL_ASSAULT_PUPIL: 34, PHYSICAL_ASSAULT_ADULT: 26, ABSCONDING: 12, DAMAGE: 16, VERBAL_ABUSE_ADULT: 8, WEAPON: 2, DRUGS_ALCOHOL: 2 };
  }
  const base: Record<string, number> = {
    PERSISTENT_DISRUPTION: 30, DEFIANCE: 9, REFUSAL: 6, VERBAL_ABUSE_ADULT: 16, PHYSICAL_ASSAULT_PUPIL: 10, VERBAL_ABUSE_PUPIL: 8,
    DAMAGE: 6, ABSCONDING: 5, BULLYING: 2, DISCRIMINATORY_LANGUAGE: 3, ONLINE_MISUSE: 3, THEFT: 2, PHYSICAL_ASSAULT_ADULT: 3,
    DRUGS_ALCOHOL: 1, WEAPON: 0.5,
  };
  if (kind === 'asc') Object.assign(base, { PHYSICAL_ASSAULT_ADULT: 8, ABSCONDING: 8, ONLINE_MISUSE: 1, DRUGS_ALCOHOL: 0, WEAPON: 0, THEFT: 0.5, BULLYING: 1 });
  if (kind === 'ap') Object.assign(base, { ONLINE_MISUSE: 6, DRUGS_ALCOHOL: 3, ABSCONDING: 9, THEFT: 3 });
  return base;
}

/** What else is often recorded with a main category. */
export const COMPANION_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  PERSISTENT_DISRUPTION: ['REFUSAL', 'DEFIANCE', 'INAPPROPRIATE_LANGUAGE'],
  DEFIANCE: ['REFUSAL', 'INAPPROPRIATE_LANGUAGE'],
  REFUSAL: ['DEFIANCE'],
  VERBAL_ABUSE_ADULT: ['DEFIANCE', 'DAMAGE'],
  VERBAL_ABUSE_PUPIL: ['INAPPROPRIATE_LANGUAGE', 'DISCRIMINATORY_LANGUAGE'],
  PHYSICAL_ASSAULT_PUPIL: ['VERBAL_ABUSE_PUPIL', 'DAMAGE'],
  PHYSICAL_ASSAULT_ADULT: ['VERBAL_ABUSE_ADULT', 'DAMAGE', 'ABSCONDING'],
  DAMAGE: ['VERBAL_ABUSE_ADULT', 'REFUSAL'],
  ABSCONDING: ['REFUSAL', 'DAMAGE'],
  BULLYING: ['VERBAL_ABUSE_PUPIL', 'ONLINE_MISUSE'],
  ONLINE_MISUSE: ['BULLYING', 'REFUSAL'],
};

/** Categories whose other pupil is on the receiving end (an "affected" pupil). */
export const AGAINST_A_PUPIL: ReadonlySet<string> = new Set(['PHYSICAL_ASSAULT_PUPIL', 'VERBAL_ABUSE_PUPIL', 'BULLYING', 'DISCRIMINATORY_LANGUAGE', 'THEFT']);

export function motivationWeights(kind: TSiteKind, category: string): Readonly<Record<string, number>> {
  const base: Record<string, number> = kind === 'asc'
    ? { SENSORY: 30, AVOID_TASK: 30, OBTAIN_ITEM: 12, AVOID_PEER_ADULT: 10, OBTAIN_ATTENTION: 6, UNKNOWN: 12 }
    : { AVOID_TASK: 32, OBTAIN_ATTENTION: 24, AVOID_PEER_ADULT: 16, OBTAIN_ITEM: 10, SENSORY: 4, UNKNOWN: 14 };
  if (category === 'THEFT' || category === 'ONLINE_MISUSE') base.obtain_item = (base.obtain_item ?? 0) + 30;
  if (category === 'ABSCONDING' || category === 'REFUSAL') base.avoid_demand = (base.avoid_demand ?? 0) + 25;
  if (category.startsWith('verbal_abuse') || category === 'BULLYING') base.obtain_attention = (base.obtain_attention ?? 0) + 15;
  return base;
}

/** A Poisson-distributed count (Knuth; the means here are small). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) { k += 1; p *= rng.next(); }
  return k;
}

export function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** A log-normal number of minutes with the given median, clamped. */
export function lognormalMinutes(rng: Rng, median: number, spread: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(median * Math.exp(spread * gaussian(rng)))));
}

/** Keep the weights whose keys are allowed (the codes in a site's policy). */
export function onlyAllowed(weights: Readonly<Record<string, number>>, allowed: ReadonlySet<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, w] of Object.entries(weights)) if (allowed.has(k) && w > 0) out[k] = w;
  return out;
}
