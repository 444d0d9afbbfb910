/**
 * Tasks from the escalation rules (POL-3), replayed over the generated year with the rules engine's own pure rules
 * (modules/policy/escalation.rules.ts): each time a quick event is logged, the pupil's behaviour over each rule's
 * period (calendar days up to that day; quick events and the submitted incidents they were involved in or
 * instigated) is measured, and when a threshold is reached with no open task of that rule for the pupil, a task is
 * created for the rule's role. The behaviour lead closes it a few working days later; later ones are still open.
 */
import { contribution, describeFiring, windowStart, type Occurrence, type Polarity, type RuleSpec } from '../../modules/policy/escalation.rules.ts';
import { afterWorkingMinutes } from './clock.ts';
import type { ActivityTables } from './activity.ts';
import type { IdFactory, Rng } from './prng.ts';
import type { SiteModel } from './site-model.ts';
import type { EscalationRuleRow } from './types.ts';

/** An occurrence and when it was recorded (it counts from then on). */
interface Recorded { occurrence: Occurrence; at: number }

function recordedBehaviour(site: SiteModel, out: ActivityTables): Map<string, Recorded[]> {
  const byPupil = new Map<string, Recorded[]>();
  const add = (r: Recorded) => {
    const list = byPupil.get(r.occurrence.pupilId) ?? [];
    list.push(r);
    byPupil.set(r.occurrence.pupilId, list);
  };
  for (const e of out.behaviourEvents) {
    if (e.voidedAt) continue;
    add({ at: (e.createdAt as Date).getTime(), occurrence: { pupilId: e.pupilId, day: e.occurredOn, weight: 1, categories: [{ code: e.categoryCode, polarity: e.polarity as Polarity, pointsAbs: Math.abs(e.points) }] } });
  }
  const incidents = new Map(out.incidents.filter((i) => i.firstSubmittedAt && !i.voidedAt && i.status !== 'draft').map((i) => [i.id ?? '', i]));
  for (const p of out.incidentPupils) {
    const i = incidents.get(p.incidentId);
    if (!i || (p.role !== 'involved' && p.role !== 'instigator')) continue;
    const categories = (i.categoryCodes as string[]).map((code) => {
      const c = site.policy.categories.find((x) => x.code === code);
      return { code, polarity: (c?.polarity ?? null) as Polarity | null, pointsAbs: Math.abs(c?.points ?? 0) };
    });
    add({ at: (i.firstSubmittedAt as Date).getTime(), occurrence: { pupilId: p.pupilId, day: i.occurredOn ?? '', weight: 1, categories } });
  }
  return byPupil;
}

/** The index of the first occurrence on or after `day` (binary search over a day-ordered list). */
function firstOnOrAfter(history: readonly Recorded[], day: string): number {
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((history[mid]?.occurrence.day ?? '') < day) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export function addEscalationTasks(rng: Rng, ids: IdFactory, trustId: string, site: SiteModel, rules: readonly EscalationRuleRow[], now: Date, out: ActivityTables): void {
  const specs: RuleSpec[] = rules.filter((r) => r.active !== false).map((r) => ({
    id: r.id ?? '', measure: r.measure as RuleSpec['measure'], categoryCodes: r.categoryCodes as string[], polarity: (r.polarity ?? 'negative') as Polarity,
    threshold: r.threshold, periodDays: r.periodDays,
  }));
  const rowById = new Map(rules.map((r) => [r.id ?? '', r]));
  const byPupil = recordedBehaviour(site, out);
  // Evaluations happen when quick events are logged (the engine runs in the quick log's transaction).
  const evaluations = out.behaviourEvents.filter((e) => !e.voidedAt).map((e) => ({ pupilId: e.pupilId, at: (e.createdAt as Date).getTime(), day: e.occurredOn }))
    .sort((a, b) => a.at - b.at || (a.pupilId < b.pupilId ? -1 : 1));
  for (const history of byPupil.values()) history.sort((a, b) => (a.occurrence.day < b.occurrence.day ? -1 : a.occurrence.day > b.occurrence.day ? 1 : 0));
  const starts = new Map<string, string>();
  const windowFrom = (day: string, periodDays: number): string => {
    const key = `${day}:${periodDays}`;
    const cached = starts.get(key);
    if (cached) return cached;
    const from = windowStart(day, periodDays);
    starts.set(key, from);
    return from;
  };
  const openUntil = new Map<string, number>();
  for (const evaluation of evaluations) {
    const history = byPupil.get(evaluation.pupilId) ?? [];
    for (const rule of specs) {
      const key = `${rule.id}:${evaluation.pupilId}`;
      if ((openUntil.get(key) ?? 0) > evaluation.at) continue;
      const from = windowFrom(evaluation.day, rule.periodDays);
      let value = 0;
      // The history is in day order: start at the window's first day, stop after its last.
      for (let i = firstOnOrAfter(history, from); i < history.length; i += 1) {
        const r = history[i];
        if (!r || r.occurrence.day > evaluation.day) break;
        if (r.at <= evaluation.at) value += contribution(rule, r.occurrence);
      }
      if (value < rule.threshold) continue;
      const row = rowById.get(rule.id);
      if (!row) continue;
      const createdAt = new Date(evaluation.at);
      const completedAt = afterWorkingMinutes(createdAt, rng.int(600, 5000));
      const done = completedAt <= now;
      openUntil.set(key, done ? completedAt.getTime() : Number.POSITIVE_INFINITY);
      out.tasks.push({
        id: ids.next(), trustId, siteId: site.id, pupilId: evaluation.pupilId, sourceType: 'escalation_rule', sourceId: rule.id, title: row.taskTitle,
        detail: `${row.name}: ${describeFiring(rule, value)}`, suggestion: row.suggestion ?? null, assignedRole: row.notifyRole,
        status: done ? 'done' : 'open', createdAt, completedAt: done ? completedAt : null, completedBy: done ? site.leadUserId : null,
      });
    }
  }
}
