import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isUsOrderOnly, parseSenStatus, parseSex, parseUkDate, parseUpn, parseYearGroup, parseYesNo } from './people.rules.ts';
import { makeUpn } from '../pupils/upn.rules.ts';

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }) => (p.ok ? p.value : `!${p.reason}`);

describe('dates (UK order; US order and impossible dates refused)', () => {
  it.each([
    ['07/05/2013', '2013-05-07'], ['7/5/2013', '2013-05-07'], ['07-05-2013', '2013-05-07'], ['07.05.2013', '2013-05-07'],
    ['2013-05-07', '2013-05-07'], ['2013-05-07T00:00:00', '2013-05-07'], ['29/02/2012', '2012-02-29'], ['31/12/2012 00:00', '2012-12-31'],
  ])('%s → %s', (input, out) => expect(value(parseUkDate(input))).toBe(out));
  it.each([['05/25/2013', /US date/], ['31/02/2013', /not a real date/], ['29/02/2013', /not a real date/], ['07/05/13', /two-digit year/], ['13/13/2013', /not a real date/], ['soon', /not a date/], ['2013-02-30', /not a real date/]])(
    '%s is refused', (input, why) => expect(value(parseUkDate(input))).toMatch(why));
  it('every real day written dd/mm/yyyy reads back as itself, and is never taken for US order', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().slice(0, 10);
      const uk = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
      expect(value(parseUkDate(uk))).toBe(iso);
      expect(isUsOrderOnly(uk)).toBe(false);
    }), { numRuns: 500 });
  });
});

describe('codes', () => {
  it.each([['Year 9', 9], ['Y9', 9], ['9', 9], ['yr 11', 11], ['R', 0], ['Reception', 0], ['N1', -1], ['N2', -1], ['14', 14]])('year group %s → %d', (t, n) => expect(value(parseYearGroup(t))).toBe(n));
  it.each(['Year 15', '0', 'X', 'Y', 'Year'])('year group %s is unknown', (t) => expect(value(parseYearGroup(t))).toMatch(/^!/));
  it.each([['M', 'M'], ['male', 'M'], ['F', 'F'], ['Girl', 'F']])('sex %s → %s', (t, s) => expect(value(parseSex(t))).toBe(s));
  it.each([['Y', true], ['yes', true], ['TRUE', true], ['1', true], ['', false], ['N', false], ['False', false]])('yes/no %j → %s', (t, b) => expect(value(parseYesNo(t))).toBe(b));
  it.each([['N', 'none'], ['K', 'sen_support'], ['E', 'ehcp'], ['S', 'ehcp'], ['EHCP', 'ehcp'], ['SEN support', 'sen_support']])('SEN %s → %s', (t, s) => expect(value(parseSenStatus(t))).toBe(s));
  it('a UPN with any other check letter is refused; spaces and lower case are tidied', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(...'ABCDEFGHJKLMNPQRTUVWXYZ'), (la, est, serial, letter) => {
      const upn = makeUpn(la, est, 25, serial);
      expect(value(parseUpn(` ${upn.toLowerCase().slice(0, 6)} ${upn.slice(6)} `))).toBe(upn);
      if (letter !== upn[0]) expect(value(parseUpn(letter + upn.slice(1)))).toMatch(/check letter/);
    }), { numRuns: 300 });
  });
});
