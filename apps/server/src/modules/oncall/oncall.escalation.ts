/**
 * Pure rules of escalating a call for help (issue 13): who is called first, how long a call may wait unanswered, and
 * who is called next. Responders come in tiers — the site's on-call list first, then the site's leads (behaviour
 * leads, cluster leads, heads, senior leaders). An urgent call goes to the first tier; an emergency to every tier at
 * once. When nobody has said they are coming within the wait, the call goes to the next tier with someone new in it;
 * when there is no one new left, everyone called is called again once, and the escalation stops.
 */
import { ON_CALL_ESCALATE_LIMITS, type TOnCallStatus, type TOnCallUrgency } from '@haven/contracts';

/** The most escalations a call can have: each tier after the first, plus the final reminder to everyone. */
export const MAX_ESCALATION_LEVEL = 3;

export interface EscalationSetting { siteId: string | null; escalateAfterSeconds: number }

/** The wait at a site: its own setting, else the trust's, else the default. */
export function escalateAfter(settings: readonly EscalationSetting[], siteId: string): { seconds: number; source: 'site' | 'trust' | 'default' } {
  const site = settings.find((s) => s.siteId === siteId);
  if (site) return { seconds: site.escalateAfterSeconds, source: 'site' };
  const trust = settings.find((s) => s.siteId === null);
  if (trust) return { seconds: trust.escalateAfterSeconds, source: 'trust' };
  return { seconds: ON_CALL_ESCALATE_LIMITS.default, source: 'default' };
}

/** Tiers in order, each without the caller and without anyone in an earlier tier; empty tiers drop out. */
export function responderTiers(tiers: readonly (readonly string[])[], callerId: string): string[][] {
  const seen = new Set<string>([callerId]);
  const out: string[][] = [];
  for (const tier of tiers) {
    const fresh = [...new Set(tier)].filter((u) => !seen.has(u));
    fresh.forEach((u) => seen.add(u));
    if (fresh.length) out.push(fresh);
  }
  return out;
}

/** Who is called when the call is raised: the first tier, or every tier for an emergency. */
export function firstCall(tiers: readonly (readonly string[])[], urgency: TOnCallUrgency): string[] {
  return urgency === 'emergency' ? tiers.flat() : [...(tiers[0] ?? [])];
}

export type EscalationDecision =
  | { kind: 'none'; reason: 'answered' | 'closed' | 'already' | 'exhausted' }
  | { kind: 'escalate'; level: number; call: string[]; again: boolean; scheduleNext: boolean };

export interface EscalationInput {
  status: TOnCallStatus;
  /** The call's escalation level now, and the level this timer was set for (always current + 1 when it is due). */
  currentLevel: number;
  dueLevel: number;
  tiers: readonly (readonly string[])[];
  /** Everyone already called for this request. */
  called: ReadonlySet<string>;
}

/**
 * What happens when a call's escalation timer fires. Only an open call escalates (someone saying they are coming
 * stops it); a timer for a level already reached does nothing, so a job run twice escalates once.
 */
export function nextEscalation(i: EscalationInput): EscalationDecision {
  if (i.status === 'acknowledged') return { kind: 'none', reason: 'answered' };
  if (i.status !== 'open') return { kind: 'none', reason: 'closed' };
  if (i.dueLevel !== i.currentLevel + 1) return { kind: 'none', reason: 'already' };
  if (i.dueLevel > MAX_ESCALATION_LEVEL) return { kind: 'none', reason: 'exhausted' };
  const nextTier = i.tiers.find((tier) => tier.some((u) => !i.called.has(u)));
  if (nextTier) {
    return { kind: 'escalate', level: i.dueLevel, call: nextTier.filter((u) => !i.called.has(u)), again: false, scheduleNext: i.dueLevel < MAX_ESCALATION_LEVEL };
  }
  if (!i.called.size) return { kind: 'none', reason: 'exhausted' };
  // Nobody new is left: call everyone once more, and stop.
  return { kind: 'escalate', level: i.dueLevel, call: [...i.called], again: true, scheduleNext: false };
}
