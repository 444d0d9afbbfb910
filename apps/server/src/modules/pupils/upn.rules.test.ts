import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UPN_CHECK_ALPHABET, makeUpn, normaliseUpn, upnCheckLetter, validateUpn } from './upn.rules.ts';

describe('upnCheckLetter', () => {
  it('gives B for the worked example in SPEC §7 (B801200005001)', () => {
    // 8×2 + 0×3 + 1×4 + 2×5 + 0×6 + 0×7 + 0×8 + 0×9 + 5×10 + 0×11 + 0×12 + 1×13 = 93; 93 mod 23 = 1 → B
    expect(upnCheckLetter('801200005001')).toBe('B');
  });

  it.each([
    ['000000000000', 'A', 'sum 0'],
    ['000000000001', 'P', 'sum 13: index 13 is P, because I and O are not in the alphabet'],
    ['100000000000', 'C', 'sum 2'],
    ['000000000009', 'C', 'sum 117; 117 mod 23 = 2'],
    ['999999999999', 'F', 'sum 9 × (2 + … + 13) = 810; 810 mod 23 = 5'],
    ['80120000500B', 'B', 'a final letter counts as its index: B = 1, the same as the digit 1, so sum 93'],
    ['80120000500Z', 'Y', 'Z = 22: 80 + 22 × 13 = 366; 366 mod 23 = 21'],
  ])('%s → %s (%s)', (body, letter) => {
    expect(upnCheckLetter(body)).toBe(letter);
  });

  it.each(['80120000500', '8012000050011', '80120000500I', '80120000500b', 'A01200005001', ''])('refuses the malformed body %j', (body) => {
    expect(() => upnCheckLetter(body)).toThrow(/Invalid UPN body/);
  });
});

describe('validateUpn', () => {
  it.each([
    ['B801200005001', true, false],
    ['B80120000500B', true, true],
    [makeUpn(383, 7001, 26, 1), true, false],
  ])('accepts %s (temporary: %s)', (upn, ok, temporary) => {
    expect(validateUpn(upn)).toEqual({ ok, temporary });
  });

  it.each([
    ['A801200005001', /check letter does not match: for these digits it would be B, not A/],
    ['B801200005010', /check letter does not match/],
    ['B80120000501', /13 characters; this has 12 characters/],
    ['B8012000050011', /this has 14 characters/],
    ['', /this has 0 characters/],
    ['b801200005001', /capital letters/],
    ['I801200005001', /starts with its check letter/],
    ['1801200005001', /starts with its check letter/],
    ['B8012000O5001', /Characters 2 to 12 .* digits/],
    ['B80120000500 ', /last character .* neither/],
    ['B80120000500I', /last character .* neither/],
    ['B80120000500S', /last character .* neither/],
  ])('rejects %j with a plain reason', (upn, reason) => {
    const result = validateUpn(upn);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('normalises typed input but still validates it strictly', () => {
    expect(normaliseUpn(' b801 2000 05001 ')).toBe('B801200005001');
    expect(validateUpn(normaliseUpn('b801200005001')).ok).toBe(true);
  });
});

describe('makeUpn', () => {
  it('builds the worked example and pads numbers', () => {
    expect(makeUpn('801', '2000', '05', '001')).toBe('B801200005001');
    expect(makeUpn(801, 2000, 5, 1)).toBe('B801200005001');
  });

  it.each([
    [[1000, 7001, 26, 1], /local authority code/],
    [[383, 70010, 26, 1], /establishment number/],
    [[383, 7001, 126, 1], /year/],
    [[383, 7001, 26, 1000], /serial number/],
    [[383, 7001, 26, -1], /serial number/],
    [[383, 7001, 26, 1.5], /serial number/],
    [['38a', 7001, 26, 1], /local authority code/],
  ] as const)('refuses %j', ([la, est, yr, serial], message) => {
    expect(() => makeUpn(la, est, yr, serial)).toThrow(message);
  });
});

// ---------------------------------------------------------------------------------------------------------------
const arbParts = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 }));
const arbValidUpn = fc.oneof(
  arbParts.map(([la, est, yr, serial]) => makeUpn(la, est, yr, serial)),
  // temporary UPNs: 11 digits and a final letter, with the check letter computed
  fc.tuple(fc.stringMatching(/^\d{11}$/), fc.constantFrom(...UPN_CHECK_ALPHABET)).map(([d, l]) => upnCheckLetter(d + l) + d + l),
);
/** Replacements: digits and check-alphabet letters (the cases that need the checksum), and any printable ASCII. */
const arbChar = fc.oneof(
  fc.constantFrom(...'0123456789'),
  fc.constantFrom(...UPN_CHECK_ALPHABET),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const valueOf = (c: string): number => (isDigit(c) ? Number(c) : UPN_CHECK_ALPHABET.indexOf(c));

describe('UPN properties', () => {
  it('every makeUpn output is a valid permanent UPN, and carries its parts', () => {
    fc.assert(fc.property(arbParts, ([la, est, yr, serial]) => {
      const upn = makeUpn(la, est, yr, serial);
      expect(validateUpn(upn)).toEqual({ ok: true, temporary: false });
      expect(upn.slice(1)).toBe(`${String(la).padStart(3, '0')}${String(est).padStart(4, '0')}${String(yr).padStart(2, '0')}${String(serial).padStart(3, '0')}`);
    }));
  });

  /**
   * Changing one character of a valid UPN makes it invalid, with exactly one exception: the 13th character swapped
   * between a digit d and the check-alphabet letter whose index is d (e.g. ...001 ↔ ...00B). Both count as d, so the
   * checksum is unchanged and the result is a valid UPN of the other kind (permanent ↔ temporary). Every other change
   * alters the sum by w × δ with weight w in 2…13 and 0 < |δ| ≤ 22, which 23 (prime) never divides — or breaks the shape.
   */
  it('changing any single character invalidates it, except a final digit ↔ same-valued letter', () => {
    fc.assert(fc.property(arbValidUpn, fc.integer({ min: 0, max: 12 }), arbChar, (upn, pos, ch) => {
      const old = upn.charAt(pos);
      fc.pre(ch !== old);
      const changed = upn.slice(0, pos) + ch + upn.slice(pos + 1);
      const exception = pos === 12 && isDigit(old) !== isDigit(ch) && UPN_CHECK_ALPHABET.includes(isDigit(ch) ? old : ch)
        && valueOf(old) === valueOf(ch);
      expect(validateUpn(changed).ok).toBe(exception);
    }), { numRuns: 2000 });
  });

  it('the exception is real: a final digit d and the letter with index d give the same check letter', () => {
    fc.assert(fc.property(arbParts, fc.integer({ min: 0, max: 9 }), ([la, est, yr, serial], d) => {
      const permanent = makeUpn(la, est, yr, Math.floor(serial / 10) * 10 + d);
      const temporary = permanent.slice(0, 12) + UPN_CHECK_ALPHABET.charAt(d);
      expect(validateUpn(temporary)).toEqual({ ok: true, temporary: true });
    }));
  });

  it('swapping two different neighbouring digits is always caught', () => {
    fc.assert(fc.property(arbValidUpn, fc.integer({ min: 1, max: 10 }), (upn, pos) => {
      const [a, b] = [upn.charAt(pos), upn.charAt(pos + 1)];
      fc.pre(a !== b && isDigit(a) && isDigit(b));
      const swapped = upn.slice(0, pos) + b + a + upn.slice(pos + 2);
      expect(validateUpn(swapped).ok).toBe(false);
    }));
  });
});
