import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatInstantDate, formatNumber, formatTimeOfDay, londonNow, londonOffsetMs, londonParts, londonTodayIso, plural } from './format';

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

  it('reckons London time by the UK rule exactly as Intl\'s zone data gives it, hour by hour from 1996 to 2045', () => {
    const intl = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    const asIntl = (d: Date) => {
      const p: Record<string, string> = {};
      for (const x of intl.formatToParts(d)) p[x.type] = x.value;
      return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
    };
    let wrong = 0;
    for (let t = Date.UTC(1996, 0, 1); t < Date.UTC(2046, 0, 1); t += 3_600_000) {
      const d = new Date(t + 1_000 * ((t / 3_600_000) % 3600));
      if (JSON.stringify(londonParts(d)) !== JSON.stringify(asIntl(d))) wrong += 1;
    }
    expect(wrong).toBe(0);
    // the minutes either side of each change
    for (const iso of ['2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z', '2026-10-25T00:59:59Z', '2026-10-25T01:00:00Z', '2031-03-30T01:00:00Z']) {
      expect(londonParts(new Date(iso))).toEqual(asIntl(new Date(iso)));
    }
    expect(londonOffsetMs(Date.parse('2026-10-25T00:59:59Z'))).toBe(3_600_000);
    expect(londonOffsetMs(Date.parse('2026-10-25T01:00:00Z'))).toBe(0);
  });
  it('asks Intl before 1996, when the rule was otherwise (British Standard Time, other end dates)', () => {
    expect(londonOffsetMs(Date.parse('1970-06-01T12:00:00Z'))).toBeNull();
    expect(formatDateTime('1970-06-01T12:00:00Z')).toBe('01/06/1970 13:00');
    expect(formatDateTime('1968-12-01T12:00:00Z')).toBe('01/12/1968 13:00');
    expect(formatDateTime('1995-10-22T12:00:00Z')).toBe('22/10/1995 12:00');
  });
});
