/**
 * Counts and names in British order without Intl where the answer is plain: a page's first use of any Intl object
 * (toLocaleString and localeCompare included) loads ICU's data, 30–60 ms of a fast machine's script and four times that
 * on a slow phone, and counts and sorted names are on nearly every screen. Anything else goes to Intl, as before.
 */

/** A whole number as `12,345`; any other number through Intl.NumberFormat (en-GB). */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-GB');
  const digits = String(Math.abs(n));
  return `${n < 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+$)/g, ',')}`;
}

/**
 * Printable ASCII in the order of Unicode's collation (CLDR root, which en-GB follows for these): space and punctuation,
 * symbols, digits, then letters, each lower-case letter just before its capital. A test holds it to Intl.Collator.
 */
export const ASCII_COLLATION_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ';
const PRIMARY = new Int16Array(128).fill(-1);
const LOWER_FIRST = new Int8Array(128);
{
  let weight = 0;
  for (const ch of ASCII_COLLATION_ORDER) {
    const c = ch.charCodeAt(0);
    const isCapital = c >= 65 && c <= 90;
    PRIMARY[c] = isCapital ? weight - 1 : weight++;
    LOWER_FIRST[c] = isCapital ? 1 : 0;
  }
}
const printable = /^[\x20-\x7e]*$/;
let collator: Intl.Collator | undefined;

/**
 * Two names in the order a British reader expects: Intl.Collator('en-GB')'s order. Printable ASCII is compared here,
 * as the collator would (letters first by letter, case aside; then lower case before capitals); anything else (an
 * accent, another script) by the collator itself.
 */
export function compareText(a: string, b: string): number {
  if (!printable.test(a) || !printable.test(b)) return (collator ??= new Intl.Collator('en-GB')).compare(a, b);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const d = PRIMARY[a.charCodeAt(i)]! - PRIMARY[b.charCodeAt(i)]!;
    if (d) return d < 0 ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < n; i += 1) {
    const d = LOWER_FIRST[a.charCodeAt(i)]! - LOWER_FIRST[b.charCodeAt(i)]!;
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}
