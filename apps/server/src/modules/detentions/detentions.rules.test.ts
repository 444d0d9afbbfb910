import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { englandTermDates, isSchoolDay, listSchoolDays, addDays } from '../../core/calendar/calendar.ts';
import {
  capacityProblem, endTimeFor, hasSpace, markProblem, missedPlan, pickSession, placesLeft, policyAllowsStaff, sessionProblem, staffMayAssign,
  toMinutes, type CandidateSession,
} from './detentions.rules.ts';

const CAL = englandTermDates(2026);

describe('sessionProblem', () => {
  it.each([
    ['2026-11-23', '15:30', '16:00', null],
    ['2026-11-21', '15:30', '16:00', 'date'], // Saturday
    ['2026-10-28', '15:30', '16:00', 'date'], // October half-term
    ['2026-12-25', '15:30', '16:00', 'date'], // Christmas holiday
    ['2026-11-23', '15:30', '15:30', 'endTime'],
    ['2026-11-23', '15:30', '15:00', 'endTime'],
  ])('%s %s–%s → %s', (date, startTime, endTime, field) => {
    expect(sessionProblem(CAL, { date, startTime, endTime })?.field ?? null).toBe(field);
  });

  it('accepts exactly the school days of the calendar (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 364 }), (n) => {
      const date = addDays('2026-09-01', n);
      expect(sessionProblem(CAL, { date, startTime: '15:00', endTime: '16:00' }) === null).toBe(isSchoolDay(CAL, date));
    }));
  });
});

describe('capacity', () => {
  it('never lets a session hold more than its capacity, through any sequence of attempts (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.boolean(), { maxLength: 100 }), (capacity, attempts) => {
      let assigned = 0;
      for (const add of attempts) {
        if (add && hasSpace(capacity, assigned)) assigned += 1;
        if (!add && assigned > 0) assigned -= 1;
        expect(assigned).toBeLessThanOrEqual(capacity);
        expect(placesLeft(capacity, assigned)).toBe(capacity - assigned);
      }
    }));
  });
  it.each([[5, 3, null], [3, 3, null], [2, 3, 'capacity']])('capacity %i with %i pupils → %s', (c, a, field) => {
    expect(capacityProblem(c, a)?.field ?? null).toBe(field);
  });
});

describe('endTimeFor', () => {
  it.each([['15:30', 30, '16:00'], ['12:40', 20, '13:00'], ['23:30', 60, '23:59']])('%s + %i → %s', (s, m, e) => expect(endTimeFor(s, m)).toBe(e));
  it('is after the start for any duration that fits in the day (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 22 * 60 }), fc.integer({ min: 5, max: 60 }), (start, minutes) => {
      const s = `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`;
      expect(toMinutes(endTimeFor(s, minutes)) - toMinutes(s)).toBe(minutes);
    }));
  });
});

describe('markProblem', () => {
  it.each([
    ['2026-11-23', '2026-11-22', 'attended', null, 'status'],
    ['2026-11-23', '2026-11-23', 'attended', null, null],
    ['2026-11-20', '2026-11-23', 'missed', null, null],
    ['2026-11-20', '2026-11-23', 'excused', null, 'excuseReason'],
    ['2026-11-20', '2026-11-23', 'excused', '  ', 'excuseReason'],
    ['2026-11-20', '2026-11-23', 'excused', 'Dentist', null],
  ] as const)('session %s, today %s, %s (%s) → %s', (date, today, status, excuseReason, field) => {
    expect(markProblem(date, today, { status, excuseReason })?.field ?? null).toBe(field);
  });
});

describe('pickSession', () => {
  const mk = (id: string, date: string, over: Partial<CandidateSession> = {}): CandidateSession => ({ id, date, startTime: '15:30', capacity: 2, assigned: 0, cancelled: false, pupilIds: [], ...over });
  it('takes the first session after the day with a place, on a school day, without the pupil', () => {
    const sessions = [
      mk('late', '2026-11-27'), mk('full', '2026-11-24', { assigned: 2 }), mk('cancelled', '2026-11-24', { cancelled: true }),
      mk('same-day', '2026-11-23'), mk('already', '2026-11-25', { pupilIds: ['p'] }), mk('holiday', '2026-12-24'), mk('good', '2026-11-26'),
    ];
    expect(pickSession(CAL, sessions, '2026-11-23', 'p')?.id).toBe('good');
    expect(pickSession(CAL, sessions, '2026-11-27', 'p')).toBeNull();
  });
  it('always picks a school day strictly after the day, with space (property)', () => {
    const days = listSchoolDays(CAL, '2026-09-01', '2027-07-20');
    const arb = fc.array(fc.record({
      id: fc.uuid(), date: fc.constantFrom(...days, '2026-12-25', '2026-11-21'), startTime: fc.constantFrom('12:30', '15:30'),
      capacity: fc.integer({ min: 1, max: 3 }), assigned: fc.integer({ min: 0, max: 3 }), cancelled: fc.boolean(), pupilIds: fc.constant([] as string[]),
    }), { maxLength: 30 });
    fc.assert(fc.property(arb, fc.constantFrom(...days), (sessions, after) => {
      const got = pickSession(CAL, sessions, after, 'p');
      if (got) {
        expect(got.date > after && isSchoolDay(CAL, got.date) && got.assigned < got.capacity && !got.cancelled).toBe(true);
        for (const s of sessions) if (s.date > after && isSchoolDay(CAL, s.date) && s.assigned < s.capacity && !s.cancelled) expect(s.date >= got.date).toBe(true);
      } else {
        expect(sessions.some((s) => s.date > after && isSchoolDay(CAL, s.date) && s.assigned < s.capacity && !s.cancelled)).toBe(false);
      }
    }));
  });
});

describe('who may assign and what a missed detention leads to', () => {
  const incident = { recordedBy: 'u1', pupilRoles: { p1: 'involved', p2: 'witness', p3: 'instigator' } };
  it.each([
    [true, incident, 'u1', 'p1', true], [true, incident, 'u1', 'p3', true], [true, incident, 'u1', 'p2', false],
    [true, incident, 'u2', 'p1', false], [false, incident, 'u1', 'p1', false], [true, null, 'u1', 'p1', false],
  ] as const)('policy %s, incident by u1, %s assigns %s → %s', (policyAllows, inc, userId, pupilId, ok) => {
    expect(staffMayAssign({ policyAllows, incident: inc, userId, pupilId })).toBe(ok);
  });
  it.each([[{}, true], [{ staff_assign_detention: false }, false], [{ staff_assign_detention: 0 }, false], [{ staff_assign_detention: 'No' }, false], [{ staff_assign_detention: true }, true]])('settings %o → %s', (settings, ok) => {
    expect(policyAllowsStaff(settings)).toBe(ok);
  });
  it('follows the type configuration', () => {
    expect(missedPlan({ missedTaskRole: 'head', missedReassignTypeId: 't' })).toEqual({ task: 'head', reassignTypeId: 't' });
    expect(missedPlan({ missedTaskRole: null, missedReassignTypeId: null })).toEqual({ task: null, reassignTypeId: null });
  });
});
