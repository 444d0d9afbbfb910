/**
 * Pure rules for the DfE common transfer file (DAT-2): its dates and yes/no values, the SEN provision codes (N, K, E,
 * and the older S, A, P) and which provision is current, whether free school meals are current from the FSM periods,
 * the first language and whether it makes a pupil EAL, year groups as NCyearActual writes them, and the relationship
 * codes a CTF gives contacts. Each reading gives a reason a person can act on when it fails.
 */
import type { TSenStatus } from '@haven/contracts';
import { isRealDate, type Parsed } from '../people/people.rules.ts';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** An xs:date (yyyy-mm-dd, a time or zone after it ignored): the only way a CTF writes a date. */
export function parseCtfDate(text: string): Parsed<string> {
  const s = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+)?(?:Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (m) return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? ok(`${m[1]}-${m[2]}-${m[3]}`) : fail(`${s} is not a real date.`);
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(s)) return fail(`"${s}" is not a date as a CTF writes it: the CTF specification writes dates as yyyy-mm-dd (this looks like ${Number(s.split(/[/.-]/)[1]) > 12 ? 'US order, month first' : 'day/month/year'}).`);
  return fail(s === '' ? 'The date is empty.' : `"${s.slice(0, 40)}" is not a date (a CTF writes dates as yyyy-mm-dd).`);
}

/** An xs:boolean (true, false, 1, 0); Y and N too, as some systems write them. */
export function parseCtfBoolean(text: string): Parsed<boolean> {
  const s = text.trim().toLowerCase();
  if (['true', '1', 'y', 'yes'].includes(s)) return ok(true);
  if (['false', '0', 'n', 'no'].includes(s)) return ok(false);
  return fail(`"${text.trim().slice(0, 20)}" is not true or false.`);
}

export function parseCount(text: string): Parsed<number> {
  const s = text.trim();
  return /^\d{1,5}$/.test(s) ? ok(Number(s)) : fail(`"${s.slice(0, 20)}" is not a number of sessions.`);
}

/** SEN provision codes: N no special educational need, K SEN support, E EHC plan; S (statement) and A / P (School Action / Plus) from older files. */
export function senStatusOf(provision: string): Parsed<TSenStatus> {
  const c = provision.trim().toUpperCase();
  if (c === 'N') return ok('none');
  if (c === 'K' || c === 'A' || c === 'P') return ok('sen_support');
  if (c === 'E' || c === 'S') return ok('ehcp');
  return fail(`"${provision.trim().slice(0, 10)}" is not an SEN provision code: N (none), K (SEN support) or E (EHC plan).`);
}

export const SEN_PROVISION_OF: Record<TSenStatus, string> = { none: 'N', sen_support: 'K', ehcp: 'E' };

interface Dated { startDate: string | null; endDate: string | null }

/** The entry in force today: started (or undated) and not ended, the latest start winning; null when none is. */
export function currentEntry<T extends Dated>(entries: readonly T[], today: string): T | null {
  let best: T | null = null;
  for (const e of entries) {
    if (e.startDate && e.startDate > today) continue;
    if (e.endDate && e.endDate < today) continue;
    if (!best || (e.startDate ?? '') >= (best.startDate ?? '')) best = e;
  }
  return best;
}

/** Free school meals now: an FSM period that has started and has not ended. */
export const fsmNow = (periods: readonly Dated[], today: string): boolean => currentEntry(periods, today) !== null;

/** Language codes that say English, or that nothing is known: the rest make a pupil EAL. */
const ENGLISH = new Set(['ENG', 'ENB']);
const UNKNOWN_LANGUAGE = new Set(['NOT', 'REF', '']);

/** Whether a first-language code makes a pupil EAL; undefined when the code says nothing (not obtained, refused). */
export function ealOf(code: string | null): boolean | undefined {
  const c = (code ?? '').trim().toUpperCase();
  if (UNKNOWN_LANGUAGE.has(c)) return undefined;
  return !ENGLISH.has(c);
}

/** A language Haven holds as a DfE code (ENG, POL…), for the export; a name it holds instead is written only if it knows it. */
export function languageCodeFor(held: string | null): string | null {
  if (!held) return null;
  const s = held.trim();
  if (/^[A-Z]{3,4}$/.test(s)) return s;
  return ({ english: 'ENG', polish: 'POL', urdu: 'URD', punjabi: 'PNJ', bengali: 'BNG', arabic: 'ARA', romanian: 'ROM', somali: 'SOM', portuguese: 'POR', spanish: 'SPA', french: 'FRN' } as Record<string, string>)[s.toLowerCase()] ?? null;
}

/** NCyearActual: N1 and N2 (nursery) are -1 in Haven, R is 0, 1 to 14 as they are. */
export function parseNcYear(text: string): Parsed<number> {
  const s = text.trim().toUpperCase();
  if (s === 'N1' || s === 'N2' || s === 'N') return ok(-1);
  if (s === 'R') return ok(0);
  if (/^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= 14) return ok(Number(s));
  if (s === 'X') return fail('X (not following the National Curriculum) gives no year group, which Haven needs: set the pupil\'s year group in the MIS and export the CTF again.');
  return fail(s === '' ? 'The NC year is empty.' : `"${s.slice(0, 10)}" is not an NC year: N1, N2, R or 1 to 14.`);
}

export const ncYearText = (yearGroup: number): string => (yearGroup < 0 ? 'N2' : yearGroup === 0 ? 'R' : String(yearGroup));

/** The DfE codes for a contact's relationship to the pupil, with the words Haven shows. */
export const RELATIONSHIP_WORDS: Record<string, string> = {
  PAM: 'Mother', PAF: 'Father', PAR: 'Parent', STM: 'Step-mother', STF: 'Step-father', STP: 'Step-parent',
  FOM: 'Foster mother', FOF: 'Foster father', FOP: 'Foster parent', CAR: 'Carer', GRP: 'Grandparent',
  REL: 'Other relative', FAM: 'Other family member', CHM: 'Childminder', SWR: 'Social worker', DRL: 'Doctor', OTH: 'Other contact',
};

const WORD_CODES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(RELATIONSHIP_WORDS).map(([c, w]) => [w.toLowerCase(), c])),
  mum: 'PAM', dad: 'PAF', stepmother: 'STM', stepfather: 'STF', 'step mother': 'STM', 'step father': 'STF',
  grandmother: 'GRP', grandfather: 'GRP', grandma: 'GRP', grandad: 'GRP', aunt: 'REL', uncle: 'REL', sister: 'REL', brother: 'REL',
  'foster carer': 'FOP', guardian: 'CAR', 'legal guardian': 'CAR', other: 'OTH',
};

/** A relationship code from a CTF as the words Haven keeps (an unknown code is kept as it is). */
export const relationshipWords = (code: string): string => RELATIONSHIP_WORDS[code.trim().toUpperCase()] ?? code.trim();

/** The code a CTF writes for the relationship Haven holds: known words, or a code kept as it came; else OTH. */
export function relationshipCode(words: string): string {
  const s = words.trim();
  if (/^[A-Z]{3}$/.test(s)) return s;
  return WORD_CODES[s.toLowerCase()] ?? 'OTH';
}
