import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterFailure, backoffMs, isValidCron, nextRun, weeklyCron } from './jobs.rules.ts';

describe('job backoff', () => {
  it.each([[1, 30_000], [2, 60_000], [3, 120_000], [5, 480_000], [20, 6 * 3_600_000]])('after %i failed attempts waits %i ms', (n, ms) => {
    expect(backoffMs(n)).toBe(ms);
  });
  it('never shrinks and never exceeds six hours', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (n) => backoffMs(n + 1) >= backoffMs(n) && backoffMs(n) <= 6 * 3_600_000));
  });
  it('is dead exactly when every attempt is used', () => {
    const now = new Date('2026-11-18T10:00:00Z');
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (attempts, max) => {
      const r = afterFailure(attempts, max, now);
      return attempts >= max ? r.status === 'dead' : r.status === 'queued' && r.runAt.getTime() === now.getTime() + backoffMs(attempts);
    }));
  });
});

describe('schedules', () => {
  it('every Monday 07:00 Europe/London, across the clocks changing', () => {
    const cron = weeklyCron(1, 7);
    expect(cron).toBe('0 7 * * 1');
    // winter (GMT): 07:00 is 07:00Z
    expect(nextRun(cron, 'Europe/London', new Date('2026-11-18T12:00:00Z')).toISOString()).toBe('2026-11-23T07:00:00.000Z');
    // clocks go forward on Sunday 29 March 2026: Monday 07:00 BST is 06:00Z
    expect(nextRun(cron, 'Europe/London', new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-30T06:00:00.000Z');
    // strictly after: at the very minute it fires, the next is a week later
    expect(nextRun(cron, 'Europe/London', new Date('2026-11-23T07:00:00Z')).toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });
  it('Sunday is weekday 7 and maps to cron 0', () => {
    expect(weeklyCron(7, 18)).toBe('0 18 * * 0');
    expect(() => weeklyCron(0, 7)).toThrow(RangeError);
    expect(() => weeklyCron(1, 24)).toThrow(RangeError);
  });
  it('validates cron expressions', () => {
    expect(isValidCron('*/5 * * * *')).toBe(true);
    expect(isValidCron('30 6 * * *')).toBe(true);
    expect(isValidCron('61 6 * * *')).toBe(false);
    expect(isValidCron('* * *')).toBe(false);
  });
  it('always moves forward', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 23 }), fc.date({ min: new Date('2025-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), (d, h, after) => {
      const next = nextRun(weeklyCron(d, h), 'Europe/London', after);
      return next > after && next.getTime() - after.getTime() <= 7 * 86_400_000 + 3_600_000;
    }), { numRuns: 200 });
  });
});
