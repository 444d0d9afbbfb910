import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REFERRAL_STATUSES } from '@haven/contracts';
import { datesProblem, isOverdue, needsOverdueAlert, statusChangeProblem } from './referrals.rules.ts';

describe('referral statuses', () => {
  it.each([
    ['draft', 'sent', true], ['draft', 'accepted', false], ['draft', 'closed', true],
    ['sent', 'accepted', true], ['sent', 'declined', true], ['sent', 'waiting', true], ['sent', 'draft', false],
    ['waiting', 'accepted', true], ['waiting', 'sent', false], ['accepted', 'closed', true], ['accepted', 'declined', false],
    ['declined', 'closed', true], ['closed', 'sent', false], ['closed', 'draft', false],
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(statusChangeProblem(from, to) === null).toBe(ok);
  });

  it('staying put is always allowed, and nothing leaves closed', () => {
    fc.assert(fc.property(fc.constantFrom(...REFERRAL_STATUSES), fc.constantFrom(...REFERRAL_STATUSES), (a, b) => {
      if (a === b) expect(statusChangeProblem(a, b)).toBeNull();
      if (a === 'closed' && b !== 'closed') expect(statusChangeProblem(a, b)).toContain('closed');
      if (b === 'draft' && a !== 'draft') expect(statusChangeProblem(a, b)).not.toBeNull();
    }));
  });
});

describe('overdue', () => {
  const sent = { status: 'sent', expectedResponseOn: '2027-03-10', respondedOn: null, overdueAlertedOn: null };
  it('is overdue the day after the expected response, while sent with no response', () => {
    expect(isOverdue(sent, '2027-03-10')).toBe(false);
    expect(isOverdue(sent, '2027-03-11')).toBe(true);
    expect(isOverdue({ ...sent, respondedOn: '2027-03-09' }, '2027-03-11')).toBe(false);
    expect(isOverdue({ ...sent, status: 'waiting' }, '2027-03-11')).toBe(false);
    expect(isOverdue({ ...sent, status: 'draft' }, '2027-03-11')).toBe(false);
    expect(isOverdue({ ...sent, expectedResponseOn: null }, '2027-03-11')).toBe(false);
  });
  it('alerts once; again only after the expected date is moved later and passes', () => {
    expect(needsOverdueAlert(sent, '2027-03-11')).toBe(true);
    expect(needsOverdueAlert({ ...sent, overdueAlertedOn: '2027-03-11' }, '2027-03-20')).toBe(false);
    expect(needsOverdueAlert({ ...sent, overdueAlertedOn: '2027-03-11', expectedResponseOn: '2027-03-18' }, '2027-03-17')).toBe(false);
    expect(needsOverdueAlert({ ...sent, overdueAlertedOn: '2027-03-11', expectedResponseOn: '2027-03-18' }, '2027-03-19')).toBe(true);
  });
  it('dates hang together', () => {
    expect(datesProblem({ madeOn: '2027-03-01', expectedResponseOn: '2027-02-01', respondedOn: null })?.field).toBe('expectedResponseOn');
    expect(datesProblem({ madeOn: '2027-03-01', expectedResponseOn: null, respondedOn: '2027-02-01' })?.field).toBe('respondedOn');
    expect(datesProblem({ madeOn: '2027-03-01', expectedResponseOn: '2027-03-01', respondedOn: '2027-03-01' })).toBeNull();
  });
});
