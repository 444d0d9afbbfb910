import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { effectiveEntries, effectiveEntry, londonDateAndMinutes, onRoll, parseHhMm, periodAt, undoOpen, UNDO_WINDOW_MS } from './behaviour.rules.ts';

const S1 = 'site-1';
const S2 = 'site-2';

describe('effectiveEntry', () => {
  const rows = [
    { siteId: null, code: 'A', v: 'trust A' },
    { siteId: S1, code: 'A', v: 'site 1 A' },
    { siteId: null, code: 'B', v: 'trust B' },
    { siteId: S2, code: 'C', v: 'site 2 C' },
  ];
  it.each([
    [S1, 'A', 'site 1 A', 'a site row replaces the trust row with the same code'],
    [S2, 'A', 'trust A', 'a site without its own row inherits the trust row'],
    [S1, 'B', 'trust B', 'inherited'],
    [S1, 'C', undefined, "another site's own row never applies"],
    [S2, 'C', 'site 2 C', "the site's own code"],
    [S1, 'Z', undefined, 'unknown code'],
  ])('%s %s → %s (%s)', (site, code, expected, _why) => {
    expect(effectiveEntry(rows, site, code)?.v).toBe(expected);
  });

  it('does not depend on row order, and effectiveEntries agrees with it for every code', () => {
    const arbRow = fc.record({ siteId: fc.constantFrom(null, S1, S2), code: fc.constantFrom('A', 'B', 'C'), v: fc.string() });
    fc.assert(fc.property(fc.uniqueArray(arbRow, { selector: (r) => `${r.siteId}:${r.code}` }), fc.constantFrom(S1, S2), (rows, site) => {
      const reversed = [...rows].reverse();
      for (const code of ['A', 'B', 'C']) {
        expect(effectiveEntry(reversed, site, code)).toEqual(effectiveEntry(rows, site, code));
        const own = rows.find((r) => r.siteId === site && r.code === code);
        const trust = rows.find((r) => r.siteId === null && r.code === code);
        expect(effectiveEntry(rows, site, code)).toEqual(own ?? trust);
      }
      const all = effectiveEntries(rows, site);
      expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
      for (const r of all) expect(effectiveEntry(rows, site, r.code)).toEqual(r);
    }));
  });
});

describe('londonDateAndMinutes', () => {
  it.each([
    ['2026-11-17T03:17:00Z', '2026-11-17', 3 * 60 + 17, 'GMT in winter'],
    ['2026-06-15T08:30:00Z', '2026-06-15', 9 * 60 + 30, 'BST in summer: an hour ahead'],
    ['2026-06-15T23:30:00Z', '2026-06-16', 30, 'half past eleven UTC in summer is the next London day'],
    ['2026-03-29T00:59:00Z', '2026-03-29', 59, 'the last GMT minute before the clocks go forward'],
    ['2026-03-29T01:00:00Z', '2026-03-29', 2 * 60, 'clocks go forward: 01:00 UTC is 02:00 BST'],
    ['2026-10-25T00:30:00Z', '2026-10-25', 60 + 30, 'first 01:30 of the day clocks go back (BST)'],
    ['2026-10-25T01:30:00Z', '2026-10-25', 60 + 30, 'second 01:30 (GMT)'],
  ])('%s → %s minute %i (%s)', (iso, date, minutes) => {
    expect(londonDateAndMinutes(new Date(iso))).toEqual({ date, minutes });
  });
});

describe('parseHhMm and periodAt', () => {
  it.each([['09:05', 545], ['9:05', 545], ['00:00', 0], ['23:59', 1439], ['24:00', null], ['12:60', null], ['0905', null], ['', null], [9, null], [null, null]])(
    '%j → %j', (v, expected) => { expect(parseHhMm(v)).toBe(expected); });

  const periods = [
    { code: 'P1', details: { start: '09:00', end: '10:00' } },
    { code: 'BREAK', details: { start: '10:00', end: '10:20' } },
    { code: 'P2', details: { start: '10:20', end: '11:20' } },
    { code: 'BROKEN', details: { start: '13:00' } },
    { code: 'BACKWARDS', details: { start: '15:00', end: '14:00' } },
    { code: 'JUNK', details: null },
  ];
  it.each([
    ['08:59', null], ['09:00', 'P1'], ['09:59', 'P1'], ['10:00', 'BREAK'], ['10:19', 'BREAK'], ['10:20', 'P2'], ['11:20', null],
    ['13:30', null], ['14:30', null],
  ])('%s → %s (start inclusive, end exclusive; unreadable windows ignored)', (hhmm, code) => {
    expect(periodAt(parseHhMm(hhmm)!, periods)).toBe(code);
  });

  it('prefers the window that started last where windows overlap', () => {
    expect(periodAt(parseHhMm('09:30')!, [{ code: 'DAY', details: { start: '08:00', end: '16:00' } }, { code: 'P1', details: { start: '09:00', end: '10:00' } }])).toBe('P1');
  });

  it('always answers a period whose window contains the minute, or null when none does', () => {
    const arbPeriod = fc.tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 240 }), fc.string({ minLength: 1, maxLength: 4 }))
      .map(([start, len, code]) => ({ code, start, end: Math.min(1440, start + len) }));
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    fc.assert(fc.property(fc.array(arbPeriod, { maxLength: 8 }), fc.integer({ min: 0, max: 1439 }), (ps, minute) => {
      const configured = ps.filter((p) => p.end < 1440).map((p) => ({ code: p.code, details: { start: hhmm(p.start), end: hhmm(p.end) } }));
      const code = periodAt(minute, configured);
      const containing = ps.filter((p) => p.end < 1440 && p.start <= minute && minute < p.end);
      if (containing.length === 0) expect(code).toBeNull();
      else expect(containing.map((p) => p.code)).toContain(code);
    }));
  });
});

describe('undoOpen', () => {
  const t0 = new Date('2026-11-17T10:00:00Z');
  it.each([[0, true], [10_000, true], [UNDO_WINDOW_MS, true], [UNDO_WINDOW_MS + 1, false], [60_000, false], [-2_000, true]])(
    '%i ms after logging → %s', (ms, open) => { expect(undoOpen(t0, new Date(t0.getTime() + ms))).toBe(open); });
  it('gives the author at least the 10 seconds they are shown, and never more than 20', () => {
    expect(UNDO_WINDOW_MS).toBeGreaterThanOrEqual(10_000);
    expect(UNDO_WINDOW_MS).toBeLessThanOrEqual(20_000);
  });
});

describe('onRoll', () => {
  it.each([
    [{ enrolmentStart: '2025-09-01', enrolmentEnd: null }, '2026-11-17', true],
    [{ enrolmentStart: '2026-11-17', enrolmentEnd: null }, '2026-11-17', true],
    [{ enrolmentStart: '2026-11-18', enrolmentEnd: null }, '2026-11-17', false],
    [{ enrolmentStart: '2025-09-01', enrolmentEnd: '2026-11-17' }, '2026-11-17', true],
    [{ enrolmentStart: '2025-09-01', enrolmentEnd: '2026-11-16' }, '2026-11-17', false],
  ])('%j on %s → %s', (p, day, expected) => { expect(onRoll(p, day)).toBe(expected); });
});
