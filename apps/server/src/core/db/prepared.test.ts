/** SQL text helpers for the hot path: literals quoted exactly as the driver quotes them, array literals, statement names. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { pgArray, quoteLiteral, statementName } from './prepared.ts';

describe('quoteLiteral', () => {
  it("quotes any string exactly as pg's escapeLiteral does", () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => { expect(quoteLiteral(s)).toBe(pg.escapeLiteral(s)); }), { numRuns: 1000 });
  });
  it.each([["O'Brien", "'O''Brien'"], ['a\\b', " E'a\\\\b'"], ["'\\'", " E'''\\\\'''"], ['', "''"]])('%s → %s', (s, q) => expect(quoteLiteral(s)).toBe(q));
});

describe('pgArray', () => {
  it('quotes every element, so commas, braces, quotes and backslashes stay inside it', () => {
    expect(pgArray(['a', 'b,c', '{d}', 'e"f', 'g\\h'])).toBe('{"a","b,c","{d}","e\\"f","g\\\\h"}');
    expect(pgArray([])).toBe('{}');
  });
});

describe('statementName', () => {
  it('names the same text the same way and different texts differently, within PostgreSQL’s 63 bytes', () => {
    expect(statementName('select 1')).toBe(statementName('select 1'));
    expect(statementName('select 1')).not.toBe(statementName('select 2'));
    expect(statementName('x'.repeat(5000)).length).toBeLessThanOrEqual(63);
  });
});
