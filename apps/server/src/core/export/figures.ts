/**
 * Suppressed figures as a file shows them (SPEC §9, ANA-7): a count of 1–4 for an aggregate-only viewer is the text
 * "fewer than 5", a share, rate or value built on one is "withheld", and one with no denominator ("n/a") is empty.
 * Every analytics download writes its cells through these, so a file never holds more than the screen shows.
 */
export type FigureCell = string | number | null;

/** A count: the number, or "fewer than 5". */
export const countCell = (f: { count: number | null; suppressed: boolean }): FigureCell => (f.suppressed ? 'fewer than 5' : f.count);

/** A share, total, median or ratio: rounded (to one place unless told), "withheld", or empty for "n/a". */
export const valueCell = (value: number | null, note: string | null, places = 1): FigureCell =>
  (note === 'withheld' ? 'withheld' : value === null ? null : Math.round(value * 10 ** places) / 10 ** places);

/** A rate per 100 pupils (per school day, or on roll): small numbers, so to 4 decimal places. */
export const rateCell = (rate: number | null, note: string | null): FigureCell => valueCell(rate, note, 4);
