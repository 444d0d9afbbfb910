import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REFERRAL_OUTCOMES, TRIAGE_OUTCOMES, type TSafeguardingTriage } from '@haven/contracts';
import { concernSite, triageProblems } from './safeguarding.rules.ts';

const A = 'site-a';
const B = 'site-b';

describe('concernSite', () => {
  it.each([
    { pupils: [A], requested: undefined, expected: { ok: true, siteId: A } },
    { pupils: [A, A, A], requested: A, expected: { ok: true, siteId: A } },
    { pupils: [A, B], requested: undefined, field: 'pupilIds' },
    { pupils: [A, B], requested: A, field: 'pupilIds' },
    { pupils: [A], requested: B, field: 'siteId' },
    { pupils: [], requested: undefined, field: 'pupilIds' },
  ])('$pupils requested $requested', ({ pupils, requested, expected, field }) => {
    const r = concernSite(pupils, requested);
    if (expected) expect(r).toEqual(expected);
    else expect(r.ok ? null : r.error.field).toBe(field);
  });

  it('accepts exactly the inputs whose pupils share one site that matches any request', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(A, B, 'site-c'), { maxLength: 10 }), fc.option(fc.constantFrom(A, B), { nil: undefined }), (pupils, requested) => {
      const r = concernSite(pupils, requested);
      const one = new Set(pupils).size === 1;
      expect(r.ok).toBe(one && (requested === undefined || requested === pupils[0]));
      if (r.ok) expect(pupils).toContain(r.siteId);
    }));
  });
});

describe('triageProblems', () => {
  it.each([
    ['triaged', 'monitor', null],
    ['triaged', 'no_further_action', null],
    ['triaged', 'referral_social_care', 'status'],
    ['referred', 'referral_police', null],
    ['referred', 'early_help', 'triageOutcome'],
    ['closed', 'referral_other', null],
    ['closed', 'no_further_action', null],
  ] as const)('%s with %s', (status, triageOutcome, field) => {
    const problems = triageProblems({ status, triageOutcome });
    expect(problems.map((p) => p.field)).toEqual(field ? [field] : []);
  });

  it('accepts a referral outcome exactly when the status is referred or closed, and "referred" only with one', () => {
    fc.assert(fc.property(fc.constantFrom<TSafeguardingTriage['status']>('triaged', 'referred', 'closed'), fc.constantFrom(...TRIAGE_OUTCOMES), (status, triageOutcome) => {
      const referral = REFERRAL_OUTCOMES.includes(triageOutcome);
      const ok = triageProblems({ status, triageOutcome }).length === 0;
      expect(ok).toBe(status === 'closed' || (status === 'referred') === referral);
    }));
  });
});
