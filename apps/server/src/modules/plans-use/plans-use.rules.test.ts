import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SchoolCalendar } from '../../core/calendar/calendar.ts';
import {
  countOverdue, daysOverdue, frequencyTrigger, overdueRecords, physicalInterventionTrigger, schoolDaySpan, settingNumber,
  trendAlertTrigger, unapprovedHolds, type ReviewDue,
} from './plans-use.rules.ts';

/** Autumn 2026: October half-term 26–30 October, an INSET day on 2 November. */
const CAL: SchoolCalendar = {
  terms: [
    { name: 'Autumn 1', term: 'autumn', halfTerm: 1, startDate: '2026-09-01', endDate: '2026-10-23' },
    { name: 'Autumn 2', term: 'autumn', halfTerm: 2, startDate: '2026-11-02', endDate: '2026-12-18' },
  ],
  closures: [{ date: '2026-11-02', reason: 'INSET day' }],
};

describe('unapprovedHolds', () => {
  const used = [{ staffId: 'a', techniqueCodes: ['SINGLE_ELBOW', 'FIGURE_OF_FOUR'] }, { staffId: 'b', techniqueCodes: ['figure_of_four', 'T_WRAP'] }];
  it('names the codes the plan does not approve, once each, in first-use order', () => {
    expect(unapprovedHolds(used, ['SINGLE_ELBOW'])).toEqual(['FIGURE_OF_FOUR', 'T_WRAP']);
  });
  it('compares codes without case', () => {
    expect(unapprovedHolds(used, ['single_elbow', 'FIGURE_OF_FOUR'])).toEqual(['T_WRAP']);
  });
  it('flags nothing when every hold is approved, or nothing was used', () => {
    expect(unapprovedHolds(used, ['SINGLE_ELBOW', 'FIGURE_OF_FOUR', 'T_WRAP'])).toEqual([]);
    expect(unapprovedHolds([], ['X'])).toEqual([]);
  });
  it('flags every hold when the plan approves none', () => {
    expect(unapprovedHolds(used, [])).toEqual(['SINGLE_ELBOW', 'FIGURE_OF_FOUR', 'T_WRAP']);
  });
  it('flags nothing without a plan in force', () => {
    expect(unapprovedHolds(used, null)).toEqual([]);
  });
  it('never flags an approved code (property)', () => {
    const code = fc.constantFrom<string>('A', 'B', 'C', 'D');
    fc.assert(fc.property(fc.array(fc.array(code)), fc.array(code), (lists, approved) => {
      const out = unapprovedHolds(lists.map((techniqueCodes, i) => ({ staffId: String(i), techniqueCodes })), approved);
      expect(out.filter((c) => approved.includes(c))).toEqual([]);
      expect(new Set(out).size).toBe(out.length);
      expect(out.filter((c) => approved.includes(c))).toHaveLength(0);
      for (const c of lists.flat()) if (!approved.includes(c)) expect(out).toContain(c);
    }));
  });
});

describe('physicalInterventionTrigger', () => {
  it('asks once per submitted incident with a physical intervention', () => {
    expect(physicalInterventionTrigger({ id: 'i1', occurredOn: '2026-11-05', physicalIntervention: true, status: 'submitted' }))
      .toMatchObject({ kind: 'physical_intervention', key: 'pi:i1' });
  });
  it.each([['draft', true], ['submitted', false], ['signed_off', false]])('not for status %s with physicalIntervention %s', (status, pi) => {
    expect(physicalInterventionTrigger({ id: 'i1', occurredOn: '2026-11-05', physicalIntervention: pi, status })).toBeNull();
  });
});

describe('schoolDaySpan', () => {
  it.each([
    ['2026-10-19', '2026-10-23', 5, 'a full week'],
    ['2026-10-22', '2026-11-04', 4, 'across half-term and an INSET day: 22, 23 Oct, 3, 4 Nov'],
    ['2026-10-24', '2026-10-25', 0, 'a weekend'],
    ['2026-11-05', '2026-11-04', 0, 'backwards'],
  ])('%s to %s is %i (%s)', (from, to, n) => { expect(schoolDaySpan(CAL, from, to)).toBe(n); });
  it('counts weekdays where the calendar holds no term', () => {
    expect(schoolDaySpan(CAL, '2027-01-04', '2027-01-10')).toBe(5);
    expect(schoolDaySpan(null, '2026-10-26', '2026-10-30')).toBe(5);
  });
});

describe('frequencyTrigger', () => {
  const base = { day: '2026-11-05', previousTriggerDays: [], threshold: 3, schoolDays: 5, calendar: CAL };
  it('asks when N incidents fall in the M school days ending on the day', () => {
    // 5 school days to 5 Nov: 22, 23 Oct (no), 3, 4, 5 Nov and 23, 22 Oct → window is 22 Oct .. 5 Nov
    expect(frequencyTrigger({ ...base, incidentDays: ['2026-10-22', '2026-11-04', '2026-11-05'] }))
      .toMatchObject({ kind: 'frequency', key: 'frequency:2026-11-05' });
  });
  it('does not ask below the threshold or outside the window', () => {
    expect(frequencyTrigger({ ...base, incidentDays: ['2026-11-04', '2026-11-05'] })).toBeNull();
    expect(frequencyTrigger({ ...base, incidentDays: ['2026-10-21', '2026-11-04', '2026-11-05'] })).toBeNull();
  });
  it('counts several incidents on one day, and weekend incidents inside the window', () => {
    expect(frequencyTrigger({ ...base, incidentDays: ['2026-11-05', '2026-11-05', '2026-10-24'] })).not.toBeNull();
  });
  it('ignores incidents after the day', () => {
    expect(frequencyTrigger({ ...base, incidentDays: ['2026-11-05', '2026-11-06', '2026-11-09'] })).toBeNull();
  });
  it('asks once for an overlapping window, and again once the earlier window has passed', () => {
    const days = ['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];
    expect(frequencyTrigger({ ...base, day: '2026-11-06', incidentDays: days, previousTriggerDays: ['2026-11-05'] })).toBeNull();
    expect(frequencyTrigger({ ...base, day: '2026-11-05', incidentDays: days, previousTriggerDays: ['2026-11-05'] })).toBeNull();
    const later = ['2026-11-16', '2026-11-17', '2026-11-18'];
    expect(frequencyTrigger({ ...base, day: '2026-11-18', incidentDays: [...days, ...later], previousTriggerDays: ['2026-11-05'] }))
      .toMatchObject({ key: 'frequency:2026-11-18' });
  });
  it('a threshold of 1 asks on the first incident', () => {
    expect(frequencyTrigger({ ...base, threshold: 1, incidentDays: ['2026-11-05'] })).not.toBeNull();
  });
});

describe('trendAlertTrigger', () => {
  it('is keyed by the alert', () => { expect(trendAlertTrigger({ id: 'a1', raisedOn: '2026-11-05' }).key).toBe('trend:a1'); });
});

describe('settingNumber', () => {
  it.each([[5, 5], ['7', 7], [0, 10], [61, 10], [2.5, 10], ['x', 10], [null, 10], [true, 10], ['', 10]])('%s → %s', (raw, out) => {
    expect(settingNumber(raw, 1, 60, 10)).toBe(out);
  });
});

describe('overdue reviews', () => {
  const today = '2026-11-10';
  const r = (kind: ReviewDue['kind'], id: string, siteId: string, ownerId: string | null, reviewDate: string | null): ReviewDue =>
    ({ kind, id, siteId, pupilId: 'p', ownerId, reviewDate });
  const rows = [
    r('plan', 'p1', 's1', 'u1', '2026-11-09'), r('plan', 'p2', 's1', 'u2', '2026-11-10'), r('plan', 'p3', 's2', null, '2026-10-01'),
    r('risk_assessment', 'r1', 's1', 'u1', '2026-11-01'), r('risk_assessment', 'r2', 's2', 'u1', null),
  ];
  it('daysOverdue: due today is not overdue; no review date is not overdue', () => {
    expect(daysOverdue('2026-11-09', today)).toBe(1);
    expect(daysOverdue('2026-11-10', today)).toBe(0);
    expect(daysOverdue(null, today)).toBe(0);
    expect(daysOverdue('2026-03-29', '2026-03-30')).toBe(1);
  });
  it('counts per site and per owner', () => {
    expect(Object.fromEntries(countOverdue(rows, today, (x) => x.siteId))).toEqual({ s1: { plans: 1, riskAssessments: 1 }, s2: { plans: 1, riskAssessments: 0 } });
    const byOwner = countOverdue(rows, today, (x) => x.ownerId);
    expect(byOwner.get('u1')).toEqual({ plans: 1, riskAssessments: 1 });
    expect(byOwner.get(null)).toEqual({ plans: 1, riskAssessments: 0 });
    expect(byOwner.has('u2')).toBe(false);
  });
  it('lists the overdue records longest overdue first', () => {
    expect(overdueRecords(rows, today).map((x) => [x.id, x.daysOverdue])).toEqual([['p3', 40], ['r1', 9], ['p1', 1]]);
  });
});
