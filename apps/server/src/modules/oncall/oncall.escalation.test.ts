import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_ESCALATION_LEVEL, escalateAfter, firstCall, nextEscalation, responderTiers } from './oncall.escalation.ts';

describe('escalateAfter', () => {
  it('takes the site, else the trust, else 60 s', () => {
    expect(escalateAfter([], 's1')).toEqual({ seconds: 60, source: 'default' });
    expect(escalateAfter([{ siteId: null, escalateAfterSeconds: 90 }], 's1')).toEqual({ seconds: 90, source: 'trust' });
    expect(escalateAfter([{ siteId: null, escalateAfterSeconds: 90 }, { siteId: 's1', escalateAfterSeconds: 30 }], 's1')).toEqual({ seconds: 30, source: 'site' });
    expect(escalateAfter([{ siteId: 's2', escalateAfterSeconds: 30 }], 's1')).toEqual({ seconds: 60, source: 'default' });
  });
});

describe('responderTiers and firstCall', () => {
  it('drops the caller, repeats and empty tiers', () => {
    expect(responderTiers([['a', 'b', 'me'], ['b', 'c', 'c'], ['me']], 'me')).toEqual([['a', 'b'], ['c']]);
    expect(responderTiers([[], ['lead']], 'me')).toEqual([['lead']]);
  });
  it('calls the first tier for an urgent call and every tier for an emergency', () => {
    const tiers = [['a'], ['lead', 'head']];
    expect(firstCall(tiers, 'urgent')).toEqual(['a']);
    expect(firstCall(tiers, 'emergency')).toEqual(['a', 'lead', 'head']);
    expect(firstCall([], 'urgent')).toEqual([]);
  });
});

describe('nextEscalation', () => {
  const tiers = [['a', 'b'], ['lead', 'head']];
  const base = { status: 'open' as const, currentLevel: 0, dueLevel: 1, tiers, called: new Set(['a', 'b']) };

  it('goes to the next tier when nobody has answered', () => {
    expect(nextEscalation(base)).toEqual({ kind: 'escalate', level: 1, call: ['lead', 'head'], again: false, scheduleNext: true });
  });
  it('stops as soon as someone is coming, or the call is over', () => {
    expect(nextEscalation({ ...base, status: 'acknowledged' })).toEqual({ kind: 'none', reason: 'answered' });
    expect(nextEscalation({ ...base, status: 'resolved' })).toEqual({ kind: 'none', reason: 'closed' });
    expect(nextEscalation({ ...base, status: 'cancelled' })).toEqual({ kind: 'none', reason: 'closed' });
  });
  it('does nothing for a level already reached (a job run twice escalates once)', () => {
    expect(nextEscalation({ ...base, currentLevel: 1 })).toEqual({ kind: 'none', reason: 'already' });
  });
  it('calls everyone again once when no one new is left, then stops', () => {
    const all = new Set(['a', 'b', 'lead', 'head']);
    expect(nextEscalation({ ...base, currentLevel: 1, dueLevel: 2, called: all })).toEqual({ kind: 'escalate', level: 2, call: [...all], again: true, scheduleNext: false });
    expect(nextEscalation({ ...base, tiers: [], called: new Set() })).toEqual({ kind: 'none', reason: 'exhausted' });
  });
  it('an emergency (every tier already called) goes straight to the reminder', () => {
    const r = nextEscalation({ ...base, called: new Set(tiers.flat()) });
    expect(r).toMatchObject({ kind: 'escalate', level: 1, again: true, scheduleNext: false });
  });
  it('always ends: never beyond the last level, never calls the same person twice unless calling everyone again', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 4 }), { maxLength: 4 }), (raw) => {
      const t = responderTiers(raw, 'me');
      const called = new Set(firstCall(t, 'urgent'));
      let level = 0;
      for (let step = 0; step < 10; step++) {
        const d = nextEscalation({ status: 'open', currentLevel: level, dueLevel: level + 1, tiers: t, called });
        if (d.kind === 'none') return true;
        expect(d.level).toBeLessThanOrEqual(MAX_ESCALATION_LEVEL);
        if (!d.again) expect(d.call.some((u) => called.has(u))).toBe(false);
        d.call.forEach((u) => called.add(u));
        level = d.level;
        if (!d.scheduleNext) return true;
      }
      return false;
    }));
  });
});
