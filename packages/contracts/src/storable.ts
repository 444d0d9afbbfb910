/**
 * What PostgreSQL cannot store is refused as bad input (400 naming the field), never met as a database error (500):
 * - a NUL character (U+0000) in text: PostgreSQL's text types cannot hold it;
 * - a lone UTF-16 surrogate (half of a character, e.g. from a broken copy and paste): it has no UTF-8 form, so the
 *   driver would silently store U+FFFD instead of what was sent;
 * - a whole number beyond PostgreSQL's integer range (±2,147,483,647): ids, versions and counts are integers;
 * - a date or time outside years 1 to 9999 (ZIsoDate, ZIsoDateTime in common.ts).
 * `storable(schema)` checks every string, object key and number of an input before the schema itself; the server's
 * validator compiler wraps every route's schemas in it (apps/server/src/app.ts), so no route can forget it.
 */
import { z } from 'zod';
import { groupDigits } from './locale.ts';

export const INTEGER_LIMIT = 2_147_483_647;

export interface UnstorableIssue { path: (string | number)[]; message: string }

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text cannot be stored, or null if it can. */
export function unstorableText(s: string): string | null {
  if (s.includes('\u0000')) return 'This text contains a NUL character (U+0000), which cannot be stored: remove it';
  if (LONE_SURROGATE.test(s)) return 'This text contains a broken character (half of a UTF-16 surrogate pair), which cannot be stored: retype it';
  return null;
}

/** Every place in a JSON-like value (body, query, params) holding something PostgreSQL cannot store. */
export function unstorableIn(value: unknown, path: (string | number)[] = [], out: UnstorableIssue[] = [], depth = 0): UnstorableIssue[] {
  if (depth > 64) return out;
  if (typeof value === 'string') {
    const why = unstorableText(value);
    if (why) out.push({ path, message: why });
  } else if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) > INTEGER_LIMIT) out.push({ path, message: `This number is too large: at most ${groupDigits(INTEGER_LIMIT)}` });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unstorableIn(v, [...path, i], out, depth + 1));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const why = unstorableText(k);
      if (why) out.push({ path: [...path, k], message: `The field name: ${why.charAt(0).toLowerCase()}${why.slice(1)}` });
      unstorableIn(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}

/** The schema, after a check that the input holds nothing PostgreSQL cannot store (each such place is an issue). */
export function storable<T extends z.ZodType>(schema: T) {
  return z.unknown().superRefine((value, ctx) => {
    for (const issue of unstorableIn(value)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }).pipe(schema);
}

/**
 * A year PostgreSQL's date and timestamp types hold and the calendar makes sense of: 1 to 9999. Text that is not a
 * date at all passes here: the format check beside it refuses it, so the field is named once, not twice.
 */
export const storableYear = (iso: string): boolean => {
  if (!/^\d{4}-/.test(iso)) return true;
  const y = Number(iso.slice(0, 4));
  return y >= 1 && y <= 9999;
};
export const DATE_RANGE_MESSAGE = 'Enter a date between the years 1 and 9999';
