import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from '../../core/calendar/dates.ts';
import {
  addMonths, capacityProblem, certificateDates, certificateState, fullCourseDue, latestStatusOn, matrixStatus, reminderThresholdDue,
  techniqueCoverage, techniquesPassed,
} from './training.rules.ts';

describe('addMonths (expiry arithmetic)', () => {
  it.each([
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-02-29', 24, '2026-02-28'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-02-28', 12, '2024-02-28'],
    ['2025-05-31', -3, '2025-02-28'],
    ['2025-01-01', 24, '2027-01-01'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it('rejects a date that does not exist', () => {
    expect(() => addMonths('2025-02-29', 1)).toThrow();
  });

  it('never moves more than the months asked, nor by less than 28 days a month', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 1, max: 60 }), (offset, months) => {
      const from = new Date(Date.UTC(2000, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
      const to = addMonths(from, months);
      const days = daysBetween(from, to);
      return days >= months * 28 - 3 && days <= months * 31 && Number(to.slice(8)) <= Number(from.slice(8));
    }));
  });
});

describe('certificate state and matrix status', () => {
  const teamTeachTrainer = certificateDates('2025-01-31', 12, 4);
  it('works out expiry and grace from the course', () => {
    expect(teamTeachTrainer).toEqual({ issuedOn: '2025-01-31', expiresOn: '2026-01-31', graceUntil: '2026-05-31' });
    expect(certificateDates('2024-02-29', 12, 0)).toEqual({ issuedOn: '2024-02-29', expiresOn: '2025-02-28', graceUntil: '2025-02-28' });
  });
  it.each([
    ['2025-01-30', 'not_yet'], ['2025-01-31', 'valid'], ['2026-01-30', 'valid'], ['2026-01-31', 'in_grace'],
    ['2026-05-30', 'in_grace'], ['2026-05-31', 'expired'],
  ])('on %s a trainer certificate is %s', (on, state) => {
    expect(certificateState(teamTeachTrainer, on)).toBe(state);
  });
  it('calls a certificate expiring within 60 days', () => {
    const c = certificateDates('2025-01-01', 12, 0);
    expect(matrixStatus([c], '2025-11-01').status).toBe('valid');
    expect(matrixStatus([c], '2025-11-02').status).toBe('expiring');
    expect(matrixStatus([c], '2026-01-01').status).toBe('expired');
    expect(matrixStatus([], '2026-01-01').status).toBe('never');
    expect(matrixStatus([certificateDates('2027-01-01', 12, 0)], '2026-01-01').status).toBe('never');
  });
  it('takes the best certificate of several', () => {
    const old = certificateDates('2022-01-01', 12, 0);
    const renewed = certificateDates('2025-06-01', 12, 0);
    const r = matrixStatus([old, renewed], '2025-07-01');
    expect(r.status).toBe('valid');
    expect(r.best).toEqual(renewed);
    expect(matrixStatus([old, certificateDates('2024-01-01', 12, 4)], '2025-02-01').status).toBe('in_grace');
  });
});

describe('technique coverage', () => {
  const held = [{ ...certificateDates('2025-01-01', 12, 0), techniqueCodes: ['guide', 'escort'] }];
  it.each([
    ['guide', '2025-06-01', 'valid'],
    ['seated', '2025-06-01', 'not_covering'],
    ['guide', '2026-02-01', 'expired'],
    ['seated', '2026-02-01', 'missing'],
    ['guide', '2024-06-01', 'missing'],
  ])('%s on %s is %s', (code, on, expected) => {
    expect(techniqueCoverage(held, code, on)).toBe(expected);
  });
  it('reports a certificate in grace', () => {
    expect(techniqueCoverage([{ ...certificateDates('2025-01-01', 12, 4), techniqueCodes: ['guide'] }], 'guide', '2026-02-01')).toBe('in_grace');
  });
  it('gives certificates only for techniques passed', () => {
    expect(techniquesPassed(['guide', 'escort', 'seated'], { guide: 'passed', escort: 'not_yet' })).toEqual(['guide']);
  });
});

describe('capacity', () => {
  it('allows at most 15 per instructor on a physical-skills course', () => {
    expect(capacityProblem({ capacity: 15, instructors: 1, physicalSkills: true })).toBeNull();
    expect(capacityProblem({ capacity: 16, instructors: 1, physicalSkills: true })).toMatch(/at most 15/);
    expect(capacityProblem({ capacity: 30, instructors: 2, physicalSkills: true })).toBeNull();
    expect(capacityProblem({ capacity: 40, instructors: 1, physicalSkills: false })).toBeNull();
    expect(capacityProblem({ capacity: 0, instructors: 1, physicalSkills: false })).not.toBeNull();
  });
});

describe('reminders and full courses', () => {
  it.each([
    ['2026-03-01', '2025-12-31', 60], ['2026-03-01', '2025-12-30', null], ['2026-03-01', '2026-01-30', 30],
    ['2026-03-01', '2026-02-22', 7], ['2026-03-01', '2026-02-28', 7], ['2026-03-01', '2026-03-01', null],
  ])('a certificate expiring %s on %s is due reminder %s', (expires, today, due) => {
    expect(reminderThresholdDue(expires, today)).toBe(due);
  });
  it('asks for the full RRN course every fourth year', () => {
    expect(fullCourseDue('2022-09-01', 4, '2026-08-31')).toBe(false);
    expect(fullCourseDue('2022-09-01', 4, '2026-09-01')).toBe(true);
    expect(fullCourseDue(null, 4, '2026-09-01')).toBe(true);
    expect(fullCourseDue(null, null, '2026-09-01')).toBe(false);
  });
});

describe('latestStatusOn (the matrix\'s one deciding certificate)', () => {
  it('answers as matrixStatus does for one certificate or none, on any day, across month ends and leap years', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: -800, max: 800 }), fc.constantFrom(1, 6, 12, 24, 36), fc.integer({ min: 0, max: 6 }), fc.boolean(),
      (offset, dayAfter, validity, grace, none) => {
        const issued = addDays('2022-01-01', offset);
        const on = addDays(issued, dayAfter);
        const c = certificateDates(issued, validity, grace);
        const cert = none ? undefined : c;
        return latestStatusOn(on)(cert) === matrixStatus(cert ? [cert] : [], on).status;
      }), { numRuns: 2000 });
  });

  it('is expiring exactly 60 days before the expiry and valid the day before that', () => {
    const c = certificateDates('2024-02-29', 12, 0);
    expect(c.expiresOn).toBe('2025-02-28');
    expect(latestStatusOn(addDays('2025-02-28', -60))(c)).toBe('expiring');
    expect(latestStatusOn(addDays('2025-02-28', -61))(c)).toBe('valid');
    expect(latestStatusOn('2025-02-28')(c)).toBe('expired');
  });
});
