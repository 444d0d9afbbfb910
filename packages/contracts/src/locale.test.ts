import { describe, expect, it } from 'vitest';
import { ASCII_COLLATION_ORDER, compareText, groupDigits } from './locale.ts';

describe('counts and names in British order without starting Intl', () => {
  it('groups whole numbers as Intl.NumberFormat(en-GB) does, and hands it anything else', () => {
    const intl = new Intl.NumberFormat('en-GB');
    for (const n of [0, 7, -42, 999, 1000, -1000, 9999, 12345, 123456, 1234567, -9876543210, Number.MAX_SAFE_INTEGER]) expect(groupDigits(n)).toBe(intl.format(n));
    for (const n of [2.5, 1234.5678, -0.001, Number.NaN, Number.POSITIVE_INFINITY, 1e21]) expect(groupDigits(n)).toBe(intl.format(n));
  });

  it('knows the collator\'s order of printable ASCII', () => {
    const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    expect(chars.sort(new Intl.Collator('en-GB').compare).join('')).toBe(ASCII_COLLATION_ORDER);
  });

  it('orders names as Intl.Collator(en-GB) does: case, punctuation, prefixes, accents and other scripts', () => {
    const collator = new Intl.Collator('en-GB');
    const sign = (x: number) => Math.sign(x);
    const names = ["O'Neill", 'ONeill', 'Oneill', 'oneill', 'Smith-Jones', 'Smith Jones', 'Smithjones', 'smith', 'Smith', 'Smit',
      'Zoë', 'Zoe', 'zoe', 'Émile', 'Emile', 'emile', 'Ødegaard', 'Łukasz', 'Иван', '李', 'Year 10', 'Year 9', 'A', 'a', '', ' ', 'a b', 'ab', 'aB', 'Ab'];
    for (const a of names) for (const b of names) expect([a, b, sign(compareText(a, b))]).toEqual([a, b, sign(collator.compare(a, b))]);
    // and many random ASCII strings (a fixed seed, so a failure repeats)
    let seed = 20261207;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const alphabet = "aAbBzZ -'.09_~";
    const word = () => Array.from({ length: Math.floor(rand() * 6) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    for (let i = 0; i < 20_000; i += 1) {
      const [a, b] = [word(), word()];
      expect([a, b, sign(compareText(a, b))]).toEqual([a, b, sign(collator.compare(a, b))]);
    }
  });
});
