import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RETENTION_KINDS } from '@haven/contracts';
import { addYears, DEFAULT_RULES, dueDate, holdProblem, isSealedKind, recordDue } from './retention.rules.ts';
import { KIND_SPECS } from './retention.kinds.ts';

describe('retention rules', () => {
  it('every kind has a default rule with its basis and a purge spec ending with its own table', () => {
    for (const k of RETENTION_KINDS) {
      expect(DEFAULT_RULES[k].years).toBeGreaterThan(0);
      expect(DEFAULT_RULES[k].basis.length).toBeGreaterThan(10);
      expect(KIND_SPECS[k].steps.length).toBeGreaterThan(0);
    }
    expect(DEFAULT_RULES.safeguarding_concern).toMatchObject({ trigger: 'date_of_birth', years: 25 });
    expect(isSealedKind('safeguarding_concern')).toBe(true);
    expect(isSealedKind('incident')).toBe(false);
  });

  it('adds whole years, 29 February becoming 28 February in a common year', () => {
    expect(addYears('2001-09-15', 25)).toBe('2026-09-15');
    expect(addYears('2004-02-29', 25)).toBe('2029-02-28');
    expect(addYears('2004-02-29', 4)).toBe('2008-02-29');
    fc.assert(fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 100 }),
      (y, m, d, n) => {
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(addYears(iso, n)).toBe(`${y + n}-${iso.slice(5)}`);
      }));
  });

  it('counts from the rule\'s date; nothing is due while that date is unknown', () => {
    const d = { dateOfBirth: '2010-01-10', leavingDate: null, recordDate: '2020-05-01', closureDate: null };
    expect(dueDate({ trigger: 'date_of_birth', years: 25 }, d)).toBe('2035-01-10');
    expect(dueDate({ trigger: 'record_date', years: 6 }, d)).toBe('2026-05-01');
    expect(dueDate({ trigger: 'leaving_date', years: 6 }, d)).toBeNull();
    expect(dueDate({ trigger: 'closure_date', years: 6 }, d)).toBeNull();
  });

  it('a record about several pupils is due at the latest of their dates, and never while one is unknown', () => {
    expect(recordDue(['2030-01-01', '2035-06-01', '2031-01-01'])).toBe('2035-06-01');
    expect(recordDue(['2030-01-01', null])).toBeNull();
    expect(recordDue([])).toBeNull();
  });

  it('a hold names a pupil or one record, not both and not neither', () => {
    expect(holdProblem({ pupilId: 'p' })).toBeNull();
    expect(holdProblem({ kind: 'incident', recordId: 'r' })).toBeNull();
    expect(holdProblem({ pupilId: 'p', kind: 'incident' })?.field).toBe('pupilId');
    expect(holdProblem({})?.field).toBe('kind');
    expect(holdProblem({ kind: 'incident' })?.field).toBe('recordId');
  });
});
