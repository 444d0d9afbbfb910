import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  actionProblem, actionsIn, changesBetween, overallRating, ratingOfScore, reminderDue, reviewDue, riskMatrix, riskRating, riskScore,
  REVIEW_REMINDER_DAYS,
} from './risk-assessments.rules.ts';
import type { RiskAssessmentContent, StoredRiskHazard } from '../../db/schema/risk-assessments.ts';

const hz = (id: string, la: number, sa: number, extra: Partial<StoredRiskHazard> = {}): StoredRiskHazard => ({
  id, hazard: `Hazard ${id}`, atRisk: ['staff'], likelihoodBefore: 5, severityBefore: 5, controls: 'Two adults', likelihoodAfter: la, severityAfter: sa, ...extra,
});

describe('the 5 × 5 risk matrix', () => {
  it.each([
    [1, 1, 1, 'low'], [1, 4, 4, 'low'], [2, 2, 4, 'low'], [1, 5, 5, 'medium'], [3, 3, 9, 'medium'], [2, 5, 10, 'high'],
    [4, 4, 16, 'high'], [3, 4, 12, 'high'], [4, 5, 20, 'very_high'], [5, 5, 25, 'very_high'], [5, 1, 5, 'medium'],
  ])('likelihood %i × severity %i = %i, %s', (l, s, score, rating) => {
    expect(riskScore(l, s)).toBe(score);
    expect(riskRating(l, s)).toBe(rating);
  });

  it('refuses values off the scale', () => {
    for (const [l, s] of [[0, 3], [6, 1], [3, 0], [2.5, 2], [Number.NaN, 1], [1, 6]] as [number, number][]) expect(() => riskScore(l, s)).toThrow(RangeError);
    for (const score of [0, 26, 3.5, -1]) expect(() => ratingOfScore(score)).toThrow(RangeError);
  });

  it('band edges: 4 low, 5 medium, 9 medium, 10 high, 16 high, 20 very high', () => {
    expect([4, 5, 9, 10, 16, 17, 20].map(ratingOfScore)).toEqual(['low', 'medium', 'medium', 'high', 'high', 'very_high', 'very_high']);
  });

  it('the rating never falls as likelihood or severity rises (property)', () => {
    const rank = { low: 0, medium: 1, high: 2, very_high: 3 };
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (l, s) => {
      const r = rank[riskRating(l, s)];
      if (l < 5) expect(rank[riskRating(l + 1, s)]).toBeGreaterThanOrEqual(r);
      if (s < 5) expect(rank[riskRating(l, s + 1)]).toBeGreaterThanOrEqual(r);
      expect(riskRating(l, s)).toBe(riskRating(s, l));
    }));
  });

  it('lays out 25 cells, likelihood 5 at the top', () => {
    const m = riskMatrix();
    expect(m.map((r) => r.likelihood)).toEqual([5, 4, 3, 2, 1]);
    expect(m.flatMap((r) => r.cells)).toHaveLength(25);
    expect(m[0]!.cells[4]).toEqual({ severity: 5, score: 25, rating: 'very_high' });
    expect(m[4]!.cells[0]).toEqual({ severity: 1, score: 1, rating: 'low' });
  });

  it('the overall rating is the highest left after controls; none without hazards', () => {
    expect(overallRating([])).toBeNull();
    expect(overallRating([hz('a', 1, 2), hz('b', 3, 4), hz('c', 2, 2)])).toBe('high');
    expect(overallRating([hz('a', 1, 1)])).toBe('low');
  });
});

describe('status and actions', () => {
  it('a draft is edited and signed off, then activated; the active one is revised', () => {
    expect(actionsIn('draft', false, false)).toEqual(['edit', 'sign_off']);
    expect(actionsIn('draft', true, false)).toEqual(['edit', 'activate']);
    expect(actionsIn('active', true, false)).toEqual(['revise']);
    expect(actionsIn('active', true, true)).toEqual([]);
    expect(actionsIn('superseded', true, false)).toEqual([]);
  });
  it('explains what cannot happen', () => {
    expect(actionProblem('activate', 'draft', false, 2)).toMatch(/signs the draft off/);
    expect(actionProblem('sign_off', 'draft', false, 0)).toMatch(/at least one hazard/);
    expect(actionProblem('sign_off', 'draft', true, 1)).toMatch(/already/);
    expect(actionProblem('edit', 'active', true, 1)).toMatch(/Only a draft/);
    expect(actionProblem('revise', 'superseded', true, 1)).toMatch(/Only the active/);
    expect(actionProblem('activate', 'draft', true, 1)).toBeNull();
    expect(actionProblem('sign_off', 'draft', false, 1)).toBeNull();
  });
});

describe('review dates', () => {
  it('a review is due on the date and after, for the active assessment only', () => {
    expect(reviewDue('active', '2026-12-06', '2026-12-06')).toBe(true);
    expect(reviewDue('active', '2026-12-07', '2026-12-06')).toBe(false);
    expect(reviewDue('draft', '2026-01-01', '2026-12-06')).toBe(false);
  });
  it(`reminders start ${REVIEW_REMINDER_DAYS} days before`, () => {
    expect(reminderDue('active', '2026-12-20', '2026-12-06')).toBe(true);
    expect(reminderDue('active', '2026-12-21', '2026-12-06')).toBe(false);
    expect(reminderDue('active', '2026-11-01', '2026-12-06')).toBe(true);
    expect(reminderDue('superseded', '2026-12-07', '2026-12-06')).toBe(false);
  });
});

describe('field-level history', () => {
  const base: RiskAssessmentContent = { title: 'RA', summary: '', hazards: [hz('a', 2, 2), hz('b', 3, 3)], reviewDate: '2027-01-10', planId: null };
  it('names each changed field, hazards by id', () => {
    const next: RiskAssessmentContent = { ...base, reviewDate: '2027-02-01', hazards: [hz('a', 1, 2, { atRisk: ['staff', 'pupil'] }), hz('c', 1, 1)] };
    const c = changesBetween(base, next);
    expect(c.map((x) => x.field)).toEqual(['reviewDate', 'hazards.a.atRisk', 'hazards.a.likelihoodAfter', 'hazards.c', 'hazards.b']);
    expect(c[1]).toMatchObject({ before: 'Staff', after: 'Staff, The pupil' });
    expect(c[3]!.label).toBe('Hazard added: Hazard c');
    expect(c[4]).toMatchObject({ label: 'Hazard removed: Hazard b', after: null });
  });
  it('nothing changed, nothing listed; the first version lists what it holds', () => {
    expect(changesBetween(base, structuredClone(base))).toEqual([]);
    expect(changesBetween(null, base).map((x) => x.field)).toEqual(['title', 'reviewDate', 'hazards.a', 'hazards.b']);
  });
  it('names the plan by its label', () => {
    expect(changesBetween(base, { ...base, planId: 'p1' }, (id) => (id ? 'Plan v2' : null))).toEqual([{ field: 'planId', label: 'Behaviour support plan', before: null, after: 'Plan v2' }]);
  });
});
