/**
 * Quick behaviour events (INC-1) for one site on one school day: each pupil on roll gets a Poisson number of positive,
 * negative and neutral points from their weights, the weekday and the time of term; a few positives are whole-group
 * awards sharing a batch; a few are undone within seconds (voided, never deleted).
 */
import { UNDO_REASON } from '@haven/contracts';
import { addMinutes, clockMinutes, londonInstant } from './clock.ts';
import type { IdFactory, Rng } from './prng.ts';
import type { Polarity } from './policy.ts';
import { LOCATION_WEIGHTS, PERIOD_WEIGHTS, QUICK_CATEGORY_WEIGHTS, WEEKDAY_FACTOR, KIND_RATES, lognormalMinutes, onlyAllowed, poisson } from './rates.ts';
import { QUICK_NOTES } from './narratives.ts';
import { onRollOn, pickWeighted, type PupilModel, type SiteModel } from './site-model.ts';
import type { BehaviourCategoryRow, BehaviourEventRow, PolicyOptionRow } from './types.ts';

export interface DayContext {
  readonly rng: Rng;
  readonly ids: IdFactory;
  readonly trustId: string;
  readonly site: SiteModel;
  readonly date: string;
  /** 1 = Monday … 5 = Friday. */
  readonly weekday: number;
  /** Settling-in and end-of-half-term effects. */
  readonly termFactor: number;
  /** Nothing may be dated after this instant. */
  readonly now: Date;
  /** The name of a pupil's first contact, for the parent-contact log. */
  readonly contactName: (pupilId: string) => string | null;
}

export interface Moment { periodCode: string; locationCode: string | null; at: Date }

type PeriodKind = keyof typeof LOCATION_WEIGHTS;
const periodKind = (code: string): PeriodKind => (code === 'REGISTRATION' || code === 'BREAK' || code === 'LUNCH' ? code : 'lesson');

/** A time in a period of the site's day, and a fitting place; `weights` favours some periods. */
export function pickMoment(rng: Rng, site: SiteModel, date: string, weights: Readonly<Record<string, number>>): Moment {
  const periods = site.policy.options.period;
  const period = pickWeighted(rng, periods, (p) => weights[p.code] ?? 1) ?? periods[0];
  if (!period) throw new Error(`Site ${site.index + 1} has no periods in its policy`);
  const { start, end } = period.details as { start: string; end: string };
  const minute = rng.int(clockMinutes(start), clockMinutes(end) - 1);
  return { periodCode: period.code, locationCode: pickLocation(rng, site, periodKind(period.code)), at: londonInstant(date, minute) };
}

const allowedCodes = (rows: readonly PolicyOptionRow[]): Set<string> => new Set(rows.map((r) => r.code));

const locationWeights = new WeakMap<SiteModel, Map<PeriodKind, Record<string, number>>>();

export function pickLocation(rng: Rng, site: SiteModel, kind: PeriodKind): string | null {
  const perSite = locationWeights.get(site) ?? new Map<PeriodKind, Record<string, number>>();
  locationWeights.set(site, perSite);
  const weights = perSite.get(kind) ?? onlyAllowed(LOCATION_WEIGHTS[kind], allowedCodes(site.policy.options.location));
  perSite.set(kind, weights);
  return Object.keys(weights).length === 0 ? null : rng.weighted(weights);
}

export function pickRecorder(rng: Rng, site: SiteModel): { staffId: string; userId: string } {
  const s = pickWeighted(rng, site.staff, (x) => x.recordWeight);
  if (!s) throw new Error(`Site ${site.index + 1} has nobody to record behaviour`);
  return s;
}

function quickCategories(site: SiteModel, polarity: Polarity): BehaviourCategoryRow[] {
  return site.policy.categories.filter((c) => c.polarity === polarity && c.quickLog !== false);
}

export function addDayEvents(ctx: DayContext, onRoll: readonly PupilModel[], out: BehaviourEventRow[]): void {
  const { rng, site } = ctx;
  const rates = KIND_RATES[site.kind];
  const weekdayIndex = Math.min(4, Math.max(0, ctx.weekday - 1));
  const choices: Record<Polarity, BehaviourCategoryRow[]> = {
    positive: quickCategories(site, 'positive'), negative: quickCategories(site, 'negative'), neutral: quickCategories(site, 'neutral'),
  };
  for (const pupil of onRoll) {
    const means: Record<Polarity, number> = {
      positive: rates.positive * pupil.posWeight * (WEEKDAY_FACTOR.positive[weekdayIndex] ?? 1) * (2 - ctx.termFactor),
      negative: rates.negative * pupil.negWeight * (WEEKDAY_FACTOR.negative[weekdayIndex] ?? 1) * ctx.termFactor,
      neutral: rates.neutral,
    };
    for (const polarity of ['positive', 'negative', 'neutral'] as const) {
      const n = poisson(rng, means[polarity]);
      for (let i = 0; i < n; i += 1) {
        const category = pickWeighted(rng, choices[polarity], (c) => QUICK_CATEGORY_WEIGHTS[c.code] ?? 5);
        if (category) addEvent(ctx, category, pupil, onRoll, out);
      }
    }
  }
}

function addEvent(ctx: DayContext, category: BehaviourCategoryRow, pupil: PupilModel, onRoll: readonly PupilModel[], out: BehaviourEventRow[]): void {
  const { rng, site } = ctx;
  const polarity = category.polarity as Polarity;
  const moment = pickMoment(rng, site, ctx.date, PERIOD_WEIGHTS[polarity === 'positive' ? 'positive' : 'negative']);
  // Most points are logged on the spot; some at the end of the lesson or the day.
  const createdAt = addMinutes(moment.at, rng.chance(0.7) ? rng.int(0, 3) : lognormalMinutes(rng, 45, 0.9, 5, 300));
  if (createdAt > ctx.now) return;
  const recorder = pickRecorder(rng, site);
  const note = rng.chance(polarity === 'negative' ? 0.35 : 0.15) ? rng.pick(QUICK_NOTES[polarity] ?? []) : null;
  const batchId = ctx.ids.next();
  // A whole-group award: the same point for a few classmates, logged in one go.
  const group = polarity === 'positive' && rng.chance(0.1)
    ? rng.shuffle(onRoll.filter((p) => p !== pupil && p.row.formGroupId === pupil.row.formGroupId && onRollOn(p, ctx.date))).slice(0, rng.int(1, 3))
    : [];
  const undone = rng.chance(0.006) && createdAt.getTime() + 9000 <= ctx.now.getTime();
  for (const p of [pupil, ...group]) {
    out.push({
      id: ctx.ids.next(), trustId: ctx.trustId, siteId: site.id, pupilId: p.id, batchId,
      categoryId: category.id ?? '', categoryCode: category.code, polarity, severity: category.severity ?? 0, points: category.points ?? 0,
      occurredAt: moment.at, occurredOn: ctx.date, periodCode: moment.periodCode, locationCode: moment.locationCode, note,
      recordedBy: recorder.userId, createdAt,
      ...(undone ? { voidedAt: new Date(createdAt.getTime() + rng.int(3, 9) * 1000), voidedBy: recorder.userId, voidReason: UNDO_REASON } : {}),
    });
  }
}
