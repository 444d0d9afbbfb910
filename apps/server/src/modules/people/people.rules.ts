/**
 * Pure rules for people's records (SPEC §3, §7): reading the values schools type or their MIS writes (dates in UK
 * order, year groups, sex, yes/no, SEN status and need, contact preferences) into Haven's codes, each with a reason a
 * person can act on when it fails. Used by imports and by the forms that keep records by hand.
 */
import { PRIMARY_NEEDS, PRIMARY_NEED_LABELS, type TSenStatus } from '@haven/contracts';
import { normaliseUpn, validateUpn } from '../pupils/upn.rules.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS_IN_MONTH = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function isRealDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= DAYS_IN_MONTH(y, m);
}

/**
 * A calendar date written yyyy-mm-dd (what a spreadsheet date becomes) or in UK order dd/mm/yyyy (also with - or .
 * between). A date whose "month" is over 12 while its "day" is not is in US order, and is refused as such rather
 * than guessed at; so is a two-digit year.
 */
export function parseUkDate(text: string): Parsed<string> {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? ok(`${y}-${pad(mo)}-${pad(d)}`) : fail(`${s} is not a real date.`);
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (!m) return fail(`"${s}" is not a date: write it as dd/mm/yyyy.`);
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (m[3]!.length === 2) return fail(`${s} has a two-digit year: write the year in full (dd/mm/yyyy).`);
  const y = Number(m[3]);
  if (b > 12 && a <= 12) return fail(`${s} looks like a US date (month first): Haven reads dates as dd/mm/yyyy.`);
  if (!isRealDate(y, b, a)) return fail(`${s} is not a real date (dd/mm/yyyy).`);
  return ok(`${y}-${pad(b)}-${pad(a)}`);
}

/** Whether a dd/mm/yyyy-shaped text can only be a US-order date (its second number is over 12). */
export function isUsOrderOnly(text: string): boolean {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec(text.trim());
  return !!m && Number(m[2]) > 12 && Number(m[1]) <= 12;
}

/** NC year groups: N1/N2/Nursery -1, R/Reception 0, Year 1…14 (also Y9, Yr 9, 9). */
export function parseYearGroup(text: string): Parsed<number> {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^(n|n1|n2|nursery|nursery 1|nursery 2|fs1)$/.test(s)) return ok(-1);
  if (/^(r|rec|reception|fs2|year r|yr r)$/.test(s)) return ok(0);
  const m = /^(?:year|yr|y|nc year|ncy)? ?(\d{1,2})$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 14) return ok(Number(m[1]));
  return fail(`"${text.trim()}" is not a year group Haven knows: use N1, N2, R, or Year 1 to Year 14.`);
}

export function yearGroupLabel(n: number): string { return n === -1 ? 'Nursery' : n === 0 ? 'Reception' : `Year ${n}`; }

export function parseSex(text: string): Parsed<'M' | 'F'> {
  const s = text.trim().toLowerCase();
  if (['m', 'male', 'boy'].includes(s)) return ok('M');
  if (['f', 'female', 'girl'].includes(s)) return ok('F');
  return fail(`"${text.trim()}" is not a sex the school census records: use M or F.`);
}

const YES = new Set(['y', 'yes', 'true', 't', '1', 'x']);
const NO = new Set(['', 'n', 'no', 'false', 'f', '0']);
export function parseYesNo(text: string): Parsed<boolean> {
  const s = text.trim().toLowerCase();
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  return fail(`"${text.trim()}" is not yes or no: use Y or N (or Yes / No).`);
}

/** SEN status as the census codes it (N, K, E; S for a former statement) or in words. */
export function parseSenStatus(text: string): Parsed<TSenStatus> {
  const s = text.trim().toLowerCase();
  if (['', 'n', 'none', 'no', 'no sen', 'not sen'].includes(s)) return ok('none');
  if (['k', 'sen support', 'support', 'school action', 'school action plus', 'a', 'p'].includes(s)) return ok('sen_support');
  if (['e', 's', 'ehcp', 'ehc plan', 'education, health and care plan', 'education health and care plan', 'statement'].includes(s)) return ok('ehcp');
  return fail(`"${text.trim()}" is not an SEN status: use N (none), K (SEN support) or E (EHC plan).`);
}

export function parsePrimaryNeed(text: string): Parsed<string | null> {
  const s = text.trim();
  if (s === '') return ok(null);
  const code = PRIMARY_NEEDS.find((c) => c.toLowerCase() === s.toLowerCase()
    || PRIMARY_NEED_LABELS[c].toLowerCase() === s.toLowerCase());
  return code ? ok(code) : fail(`"${s}" is not an SEN primary need code (${PRIMARY_NEEDS.join(', ')}).`);
}

export function parsePreferredContact(text: string): Parsed<'email' | 'phone' | 'letter'> {
  const s = text.trim().toLowerCase();
  if (['', 'phone', 'telephone', 'tel', 'mobile', 'call', 'sms', 'text', 'home phone', 'work phone'].includes(s)) return ok('phone');
  if (['email', 'e-mail', 'mail'].includes(s)) return ok('email');
  if (['letter', 'post', 'in writing', 'writing'].includes(s)) return ok('letter');
  return fail(`"${text.trim()}" is not a way to contact someone: use phone, email or letter.`);
}

export function parseUpn(text: string): Parsed<string> {
  const upn = normaliseUpn(text);
  const v = validateUpn(upn);
  return v.ok ? ok(upn) : fail(v.reason);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function parseEmail(text: string): Parsed<string | null> {
  const s = text.trim();
  if (s === '') return ok(null);
  return EMAIL.test(s) && s.length <= 254 ? ok(s.toLowerCase()) : fail(`"${s}" is not an email address.`);
}

export function parseName(text: string, what: string, max = 100): Parsed<string> {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s === '') return fail(`The ${what} is missing.`);
  if (s.length > max) return fail(`The ${what} is longer than ${max} characters.`);
  return ok(s);
}

export function parseOptionalText(text: string, what: string, max = 100): Parsed<string | null> {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s === '') return ok(null);
  return s.length > max ? fail(`The ${what} is longer than ${max} characters.`) : ok(s);
}

export function parsePriority(text: string): Parsed<number | null> {
  const s = text.trim();
  if (s === '') return ok(null);
  return /^\d{1,2}$/.test(s) && Number(s) >= 1 ? ok(Number(s)) : fail(`"${s}" is not a contact priority: use 1 for the first to call, 2 for the next, and so on.`);
}

/** A date of birth fit for a pupil: a real, past date that makes them no older than 25. */
export function checkDateOfBirth(iso: string, today: string): string | null {
  if (iso > today) return `The date of birth ${ukDate(iso)} is in the future.`;
  if (Number(today.slice(0, 4)) - Number(iso.slice(0, 4)) > 26) return `The date of birth ${ukDate(iso)} would make the pupil over 25.`;
  return null;
}

export function ukDate(iso: string): string { return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`; }

export const GROUP_KIND_WORDS: Record<string, 'form' | 'class' | 'teaching_group'> = {
  form: 'form', 'form group': 'form', registration: 'form', 'registration group': 'form', 'reg group': 'form', tutor: 'form', 'tutor group': 'form',
  class: 'class', 'teaching group': 'teaching_group', set: 'teaching_group', group: 'teaching_group', teaching_group: 'teaching_group',
};
export function parseGroupKind(text: string): Parsed<'form' | 'class' | 'teaching_group'> {
  const s = text.trim().toLowerCase();
  if (s === '') return ok('form');
  const k = GROUP_KIND_WORDS[s];
  return k ? ok(k) : fail(`"${text.trim()}" is not a kind of group: use form, class or teaching group.`);
}
