/** Pure rules of behaviour support plans (SUP-1): states, activation, field differences, holds, reminders, copying. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EMPTY_CONTENT, actionsFor, activationProblem, changedFields, copiedContent, copySourceProblem, distinct, reminderHorizon, reviewDateProblem, reviewOverdue, unknownHolds,
} from './plans.rules.ts';

const ready = { ...EMPTY_CONTENT, ownerUserId: 'u1', reviewDate: '2027-03-01', triggers: ['Noise'], proactiveStrategies: ['Timetable'] };

describe('plan rules', () => {
  it('offers what each state allows', () => {
    expect(actionsFor('draft')).toEqual(['edit', 'sign', 'activate']);
    expect(actionsFor('active')).toEqual(['edit', 'sign', 'acknowledge', 'copy']);
    expect(actionsFor('superseded')).toEqual(['copy']);
  });

  it.each([
    [{ ...ready, ownerUserId: null }, 'ownerUserId'],
    [{ ...ready, reviewDate: null }, 'reviewDate'],
    [{ ...ready, reviewDate: '2026-01-01' }, 'reviewDate'],
    [{ ...ready, triggers: [] }, 'triggers'],
    [{ ...ready, proactiveStrategies: [] }, 'proactiveStrategies'],
  ])('a plan missing an essential cannot be activated (%#)', (c, field) => {
    expect(activationProblem(c, '2026-12-06')?.field).toBe(field);
  });

  it('a plan with an owner, a review date from today, a trigger and a strategy can be activated', () => {
    expect(activationProblem(ready, '2026-12-06')).toBeNull();
    expect(activationProblem({ ...ready, reviewDate: '2026-12-06' }, '2026-12-06')).toBeNull();
    expect(activationProblem({ ...ready, proactiveStrategies: [], deescalationStrategies: ['Calm voice'] }, '2026-12-06')).toBeNull();
  });

  it('records only the fields that really change, with before and after', () => {
    expect(changedFields(ready, { triggers: ['Noise'], aboutStrengths: 'Kind' })).toEqual([{ field: 'aboutStrengths', from: '', to: 'Kind' }]);
    expect(changedFields(ready, { reviewDate: null, approvedHolds: ['A'] }).map((c) => c.field)).toEqual(['approvedHolds', 'reviewDate']);
    expect(changedFields(ready, {})).toEqual([]);
  });

  it('a change applied then diffed again changes nothing (property)', () => {
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 5 }), fc.string(), (triggers, about) => {
      const change = { triggers, aboutStrengths: about };
      const after = { ...ready, ...change };
      expect(changedFields(after, change)).toEqual([]);
      expect(changedFields(ready, change).every((c) => JSON.stringify(c.from) !== JSON.stringify(c.to))).toBe(true);
    }));
  });

  it('holds must be on the site list; duplicates are dropped in order', () => {
    expect(unknownHolds(['A', 'B', 'C'], ['A', 'C'])).toEqual(['B']);
    expect(unknownHolds([], [])).toEqual([]);
    expect(distinct(['b', 'a', 'b'])).toEqual(['b', 'a']);
  });

  it('review dates: not in the past; reminders a fortnight ahead; overdue only when active', () => {
    expect(reviewDateProblem('2026-12-05', '2026-12-06')?.field).toBe('reviewDate');
    expect(reviewDateProblem('2026-12-06', '2026-12-06')).toBeNull();
    expect(reviewDateProblem(null, '2026-12-06')).toBeNull();
    expect(reminderHorizon('2026-12-25')).toBe('2027-01-08');
    expect(reviewOverdue({ status: 'active', reviewDate: '2026-12-05' }, '2026-12-06')).toBe(true);
    expect(reviewOverdue({ status: 'draft', reviewDate: '2026-12-05' }, '2026-12-06')).toBe(false);
    expect(reviewOverdue({ status: 'active', reviewDate: '2026-12-06' }, '2026-12-06')).toBe(false);
  });

  it('a copy keeps the content, clears the review date and shares no lists with its source', () => {
    const source = { ...ready, triggers: ['Noise'] };
    const copy = copiedContent(source);
    expect(copy).toMatchObject({ triggers: ['Noise'], ownerUserId: 'u1', reviewDate: null });
    copy.triggers.push('Queues');
    expect(source.triggers).toEqual(['Noise']);
  });

  it('copies only the pupil\'s own finished plans, from this site (previous) or another (other_site)', () => {
    const pupil = { id: 'p1', siteId: 's1' };
    expect(copySourceProblem('previous', { pupilId: 'p2', siteId: 's1', status: 'active' }, pupil)).toMatch(/not this pupil/);
    expect(copySourceProblem('previous', { pupilId: 'p1', siteId: 's1', status: 'draft' }, pupil)).toMatch(/draft/);
    expect(copySourceProblem('previous', { pupilId: 'p1', siteId: 's2', status: 'active' }, pupil)).toMatch(/another site/);
    expect(copySourceProblem('other_site', { pupilId: 'p1', siteId: 's1', status: 'superseded' }, pupil)).toMatch(/this site/);
    expect(copySourceProblem('previous', { pupilId: 'p1', siteId: 's1', status: 'superseded' }, pupil)).toBeNull();
    expect(copySourceProblem('other_site', { pupilId: 'p1', siteId: 's2', status: 'active' }, pupil)).toBeNull();
  });
});
