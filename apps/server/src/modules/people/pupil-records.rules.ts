/**
 * Pure rules for pupils and contacts kept by hand (issue 12 #1): the checks a form's values must pass beyond their
 * shape (the UPN's check letter, a date of birth that fits a pupil, dates of leaving and re-joining in order, a way
 * to reach a contact that matches their preference), each as a field and a sentence fit to show beside it, and the
 * order contacts are called in.
 */
import { checkDateOfBirth, parseUpn, ukDate } from './people.rules.ts';

export interface FieldProblem { field: string; message: string }

/** The UPN typed (spaces and lower case tidied) or the reason it is not one. */
export function checkUpn(text: string): { upn: string } | FieldProblem {
  const p = parseUpn(text);
  return p.ok ? { upn: p.value } : { field: 'upn', message: p.reason };
}

/** A pupil's dates, as they would be stored after the change: born before admitted, a real pupil's age. */
export function checkPupilDates(p: { dateOfBirth: string; enrolmentStart: string; enrolmentEnd: string | null }, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const dob = checkDateOfBirth(p.dateOfBirth, today);
  if (dob) out.push({ field: 'dateOfBirth', message: dob });
  else if (p.enrolmentStart < p.dateOfBirth) out.push({ field: 'enrolmentStart', message: `The admission date ${ukDate(p.enrolmentStart)} is before the date of birth.` });
  if (p.enrolmentEnd && p.enrolmentEnd < p.enrolmentStart) {
    out.push({ field: 'enrolmentStart', message: `The admission date ${ukDate(p.enrolmentStart)} is after the leaving date ${ukDate(p.enrolmentEnd)}.` });
  }
  return out;
}

/** A leaving date: not before admission, and not more than a year ahead (a typing slip). */
export function checkLeavingDate(date: string, enrolmentStart: string, today: string): FieldProblem | null {
  if (date < enrolmentStart) return { field: 'date', message: `The leaving date ${ukDate(date)} is before the admission date ${ukDate(enrolmentStart)}.` };
  if (date > addYears(today, 1)) return { field: 'date', message: `The leaving date ${ukDate(date)} is more than a year ahead.` };
  return null;
}

/** A date back on roll (re-joining, or starting at another site): after leaving, not more than a year ahead. */
export function checkReturnDate(date: string, leftOn: string | null, dateOfBirth: string, today: string): FieldProblem | null {
  if (leftOn && date <= leftOn) return { field: 'date', message: `The pupil left on ${ukDate(leftOn)}: the date back on roll must be after that.` };
  if (date < dateOfBirth) return { field: 'date', message: `${ukDate(date)} is before the pupil's date of birth.` };
  if (date > addYears(today, 1)) return { field: 'date', message: `${ukDate(date)} is more than a year ahead.` };
  return null;
}

/** How a contact prefers to be reached needs the matching detail: an email address, a phone number, or an address. */
export function checkContactReach(c: { preferredContact: string; email: string | null; phone: string | null; address: string | null }): FieldProblem | null {
  if (c.preferredContact === 'email' && !c.email) return { field: 'email', message: 'They prefer email: enter their email address.' };
  if (c.preferredContact === 'phone' && !c.phone) return { field: 'phone', message: 'They prefer the phone: enter their phone number.' };
  if (c.preferredContact === 'letter' && !c.address) return { field: 'address', message: 'They prefer letters: enter their postal address.' };
  return null;
}

/**
 * The pupil's contacts in calling order after one is put at `position` (1 first; past the end or null: last), the
 * others keeping their order. Returns each contact id with its new priority 1…n.
 */
export function reorder(currentInOrder: readonly string[], contactId: string, position: number | null | undefined): { contactId: string; priority: number }[] {
  const others = currentInOrder.filter((id) => id !== contactId);
  const at = position == null ? others.length : Math.max(0, Math.min(others.length, position - 1));
  const ordered = [...others.slice(0, at), contactId, ...others.slice(at)];
  return ordered.map((id, i) => ({ contactId: id, priority: i + 1 }));
}

/** Empty text is none. */
export const orNull = (s: string | null | undefined): string | null => (s == null || s.trim() === '' ? null : s.trim());

function addYears(iso: string, n: number): string {
  return `${String(Number(iso.slice(0, 4)) + n).padStart(4, '0')}${iso.slice(4)}`;
}
