/**
 * Unique pupil numbers (SPEC §7, the DfE UPN guidance). A UPN is 13 characters: a check letter, a 3-digit local
 * authority code, a 4-digit establishment number, the 2-digit year of allocation and a 3-digit serial. A temporary
 * UPN ends in a letter instead of the serial's last digit. The check letter is the weighted sum of characters 2–13
 * (weights 2…13; a final letter counts as its 0-based index in the check alphabet) modulo 23, indexed into the check
 * alphabet. Because 23 is prime and every weight and digit difference is below 23, any single mistyped digit, or two
 * swapped neighbouring digits, changes the check letter.
 */
import { plural } from '../../core/text.ts';

/** The 23 letters a check letter (or a temporary UPN's final letter) may be: A–Z without I, O and S. */
export const UPN_CHECK_ALPHABET = 'ABCDEFGHJKLMNPQRTUVWXYZ';

export type UpnValidation =
  | { ok: true; temporary: boolean }
  | { ok: false; reason: string };

const BODY_SHAPE = /^\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/;

/**
 * The check letter for characters 2–13 of a UPN (the 12 characters after the check letter).
 * Throws when the body is not 11 digits followed by a digit or a check-alphabet letter.
 */
export function upnCheckLetter(body12: string): string {
  if (typeof body12 !== 'string' || !BODY_SHAPE.test(body12)) {
    throw new Error(`Invalid UPN body ${JSON.stringify(body12)}: expected 11 digits then a digit or a letter from ${UPN_CHECK_ALPHABET}`);
  }
  let sum = 0;
  for (let i = 0; i < 12; i += 1) {
    const ch = body12.charAt(i);
    const value = ch >= '0' && ch <= '9' ? Number(ch) : UPN_CHECK_ALPHABET.indexOf(ch);
    sum += value * (i + 2); // character position 2…13 in the full UPN
  }
  return UPN_CHECK_ALPHABET.charAt(sum % 23);
}

/** Checks a UPN exactly as written; the reason, when it fails, is a sentence fit to show to the person typing it. */
export function validateUpn(s: string): UpnValidation {
  if (typeof s !== 'string') return { ok: false, reason: 'A UPN must be text.' };
  if (s.length !== 13) return { ok: false, reason: `A UPN has 13 characters; this has ${plural(s.length, 'character')}.` };
  if (s !== s.toUpperCase()) return { ok: false, reason: 'A UPN is written in capital letters.' };
  const first = s.charAt(0);
  if (!UPN_CHECK_ALPHABET.includes(first)) {
    return { ok: false, reason: `A UPN starts with its check letter (a letter other than I, O or S); "${first}" cannot be one.` };
  }
  if (!/^\d{11}$/.test(s.slice(1, 12))) {
    return { ok: false, reason: 'Characters 2 to 12 of a UPN must all be digits (local authority, establishment, year and serial number).' };
  }
  const last = s.charAt(12);
  const temporary = !(last >= '0' && last <= '9');
  if (temporary && !UPN_CHECK_ALPHABET.includes(last)) {
    return { ok: false, reason: `The last character of a UPN must be a digit, or for a temporary UPN a letter other than I, O or S; "${last}" is neither.` };
  }
  const expected = upnCheckLetter(s.slice(1));
  if (expected !== first) {
    return { ok: false, reason: `The check letter does not match: for these digits it would be ${expected}, not ${first}. Check the UPN for a mistyped or swapped character.` };
  }
  return { ok: true, temporary };
}

/** Removes spaces and capitalises, for input typed by people; the result still needs validateUpn. */
export function normaliseUpn(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

function digits(value: string | number, width: number, what: string): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'number' && (!Number.isInteger(value) || value < 0)) {
    throw new Error(`Invalid ${what} ${value}: expected a whole number from 0 to ${10 ** width - 1}`);
  }
  if (!/^\d+$/.test(text) || text.length > width) throw new Error(`Invalid ${what} ${JSON.stringify(value)}: expected at most ${width} digits`);
  return text.padStart(width, '0');
}

/**
 * A permanent UPN: check letter + LA code (3 digits) + establishment number (4) + year of allocation (2) + serial (3).
 * Numbers are zero-padded; anything too long or not a whole number is refused.
 */
export function makeUpn(laCode: string | number, establishment: string | number, year2: string | number, serial: string | number): string {
  const body = digits(laCode, 3, 'local authority code') + digits(establishment, 4, 'establishment number')
    + digits(year2, 2, 'year') + digits(serial, 3, 'serial number');
  return upnCheckLetter(body) + body;
}
