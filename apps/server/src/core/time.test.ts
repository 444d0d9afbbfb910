import { describe, expect, it } from 'vitest';
import { londonDateAndMinutes, londonToday } from './time.ts';

const intl = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
/** What Intl says of this very instant (no remembered offset): the reference the fast path must always agree with. */
function reference(at: Date): { date: string; minutes: number } {
  const p = Object.fromEntries(intl.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

describe('londonDateAndMinutes (offsets remembered per UTC hour)', () => {
  it('agrees with Intl every 37 minutes from 2019 to 2031, across every change of the clocks', () => {
    const mismatches: string[] = [];
    for (let t = Date.UTC(2019, 0, 1); t < Date.UTC(2031, 0, 1); t += 37 * 60_000 + 13_000) {
      const at = new Date(t); // every minute of the hour comes round, with seconds
      const got = londonDateAndMinutes(at);
      const want = reference(at);
      if (got.date !== want.date || got.minutes !== want.minutes) mismatches.push(at.toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with Intl minute by minute either side of the clocks going forward and back', () => {
    for (const change of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z']) {
      for (let m = -90; m <= 90; m++) {
        const at = new Date(Date.parse(change) + m * 60_000 - 1);
        expect(londonDateAndMinutes(at)).toEqual(reference(at));
      }
    }
  });

  it('takes the slow way before 1972 (London on British Standard Time, 1968–71) and still agrees', () => {
    for (const iso of ['1970-06-01T23:30:00Z', '1969-12-31T23:59:59Z', '1900-01-01T00:00:00Z', '1845-07-01T00:00:30Z']) {
      expect(londonDateAndMinutes(new Date(iso))).toEqual(reference(new Date(iso)));
    }
  });

  it('londonToday is the date part', () => {
    expect(londonToday(new Date('2026-06-15T23:30:00Z'))).toBe('2026-06-16');
    expect(londonToday(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
  });
});
