/**
 * Escalation thresholds (POL-3), pure: given a pupil's recent behaviour (already aggregated by the database) and
 * the rules in force, which rules has the pupil reached? The database part is escalation.ts.
 *
 * Definitions (SPEC §9): voided and draft records never count; an incident counts against a pupil only when their
 * role is involved or instigator. A rule's period is the last `periodDays` calendar days including today (a 1-day
 * rule means today). With category codes a rule counts those categories; without, every category of its polarity.
 */
import { addDays } from '../../core/calendar/dates.ts';

export type Polarity = 'positive' | 'negative' | 'neutral';

export interface RuleSpec {
  id: string;
  measure: 'count' | 'points';
  categoryCodes: readonly string[];
  polarity: Polarity;
  threshold: number;
  periodDays: number;
}

export interface OccurrenceCategory { code: string; polarity: Polarity | null; pointsAbs: number }

/**
 * Behaviour of one pupil on one day: either a group of `weight` quick events of one category (pointsAbs is their
 * total), or one incident (weight 1) with its categories (pointsAbs each).
 */
export interface Occurrence { pupilId: string; day: string; weight: number; categories: readonly OccurrenceCategory[] }

export interface Firing { ruleId: string; pupilId: string; value: number }

/** First day (inclusive) of a rule's period ending today. */
export function windowStart(today: string, periodDays: number): string {
  return addDays(today, -(Math.max(1, Math.floor(periodDays)) - 1));
}

export function categoryMatches(rule: Pick<RuleSpec, 'categoryCodes' | 'polarity'>, c: OccurrenceCategory): boolean {
  return rule.categoryCodes.length > 0 ? rule.categoryCodes.includes(c.code) : c.polarity === rule.polarity;
}

/** What an occurrence adds to a rule's measure: its weight (count) or its matching points (points); 0 if nothing matches. */
export function contribution(rule: RuleSpec, o: Occurrence): number {
  const matching = o.categories.filter((c) => categoryMatches(rule, c));
  if (matching.length === 0) return 0;
  if (rule.measure === 'count') return o.weight;
  return matching.reduce((sum, c) => sum + Math.abs(c.pointsAbs), 0);
}

/** The rule's measure for one pupil over its period ending today (future-dated records do not count). */
export function measureFor(rule: RuleSpec, occurrences: readonly Occurrence[], pupilId: string, today: string): number {
  const from = windowStart(today, rule.periodDays);
  let total = 0;
  for (const o of occurrences) {
    if (o.pupilId !== pupilId || o.day < from || o.day > today) continue;
    total += contribution(rule, o);
  }
  return total;
}

export function reached(rule: Pick<RuleSpec, 'threshold'>, value: number): boolean {
  return value >= rule.threshold;
}

/** Every (rule, pupil) at or over its threshold, in rule order then pupil order. */
export function firings(rules: readonly RuleSpec[], occurrences: readonly Occurrence[], pupilIds: readonly string[], today: string): Firing[] {
  const out: Firing[] = [];
  const pupils = [...new Set(pupilIds)];
  for (const rule of rules) {
    for (const pupilId of pupils) {
      const value = measureFor(rule, occurrences, pupilId, today);
      if (reached(rule, value)) out.push({ ruleId: rule.id, pupilId, value });
    }
  }
  return out;
}

/** The longest period among the rules: the one window the aggregate query has to read. */
export function longestPeriod(rules: readonly Pick<RuleSpec, 'periodDays'>[]): number {
  return rules.reduce((m, r) => Math.max(m, r.periodDays), 1);
}

/** The task's detail line: what was reached, over which period. */
export function describeFiring(rule: Pick<RuleSpec, 'measure' | 'periodDays' | 'threshold'>, value: number): string {
  const period = rule.periodDays === 1 ? 'today' : `in the last ${rule.periodDays} days`;
  const what = rule.measure === 'count' ? `${value} ${value === 1 ? 'event' : 'events'}` : `${value} points`;
  return `${what} ${period} (threshold ${rule.threshold}).`;
}
