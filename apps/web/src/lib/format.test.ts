import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatInstantDate, formatNumber, formatTimeOfDay, londonNow, londonTodayIso, plural } from './format';

describe('UK formats', () => {
  it('groups thousands, with or without the fast path for small whole numbers', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(7)).toBe('7');
    expect(formatNumber(-42)).toBe('-42');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1,000');
    expect(formatNumber(9999)).toBe('9,999');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });

  it('writes counts with their noun', () => {
    expect(plural(1, 'pupil')).toBe('1 pupil');
    expect(plural(3, 'pupil')).toBe('3 pupils');
    expect(plural(12000, 'event')).toBe('12,000 events');
  });

  it('writes dates as dd/mm/yyyy and times in London, made on first use', () => {
    expect(formatDate('2026-11-22')).toBe('22/11/2026');
    expect(formatDateTime('2026-07-01T09:05:00Z')).toBe('01/07/2026 10:05');
    expect(formatDateTime('2026-12-01T09:05:00Z')).toBe('01/12/2026 09:05');
  });
  it('reads every date and time of an instant from the one London formatter, midnight as 00 and across the clocks changing', () => {
    expect(formatDateTime('2026-06-30T23:30:07Z', true)).toBe('01/07/2026 00:30:07');
    expect(formatTimeOfDay('2026-06-30T23:30:07Z')).toBe('00:30:07');
    expect(formatInstantDate('2026-06-30T23:30:07Z')).toBe('01/07/2026');
    expect(formatInstantDate('2026-12-31T23:30:00Z')).toBe('31/12/2026');
    expect(londonTodayIso(new Date('2026-03-29T00:59:00Z'))).toBe('2026-03-29');
    expect(londonNow(new Date('2026-03-29T01:00:00Z'))).toEqual({ year: 2026, month: 3, day: 29, hour: 2 });
    expect(formatTimeOfDay('not a date')).toBe('not a date');
  });
});
