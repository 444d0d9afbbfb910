/**
 * The parent letter (LAW-4): the merge fields of a suspension or permanent exclusion, worded from the record with
 * every part the DfE guidance requires — the category, the reasons, the period (dates, sessions, the return date and
 * time) or that it is permanent; what the governing board must do; the parents' duty in the first five school days;
 * where education will be from the sixth. The letter itself is the trust's template (modules/letters), whose locked
 * parts use these fields and say the rest: the right to make representations (and to a remote meeting), the record,
 * impartial advice and, for a permanent exclusion, the independent review panel and the SEN expert.
 */
import { SESSION_LABELS } from '@haven/contracts';
import { longDate } from '../letters/letters.compose.ts';
import { daysText, fmtDays } from './suspensions.rules.ts';

export interface LetterInput {
  schoolName: string;
  pupil: { name: string };
  category: 'suspension' | 'permanent' | 'lunchtime';
  reasons: { code: string; label: string }[];
  details: string;
  startDate: string;
  startSession: 'am' | 'pm';
  sessions: number | null;
  days: number;
  schoolDays: string[];
  lastDay: string | null;
  returnDate: string | null;
  returnSession: 'am' | 'pm' | null;
  boardDutyKind: string;
  boardDeadline: string | null;
  provisionDueFrom: string | null;
  provisionProvider: string | null;
  representationsContact: string;
  laName: string;
}

function periodText(l: LetterInput): string {
  const name = l.pupil.name;
  if (l.category === 'permanent') {
    return `I am writing to tell you that I have decided to permanently exclude ${name} from ${l.schoolName}, from ${longDate(l.startDate)}. This exclusion is permanent: ${name} will not return to ${l.schoolName} unless the governing board directs reinstatement.`;
  }
  const lunch = l.category === 'lunchtime';
  const unit = lunch ? `${l.sessions} lunchtime${l.sessions === 1 ? '' : 's'}` : `${l.sessions} session${l.sessions === 1 ? '' : 's'}`;
  return lunch
    ? `I am writing to tell you that I have decided to suspend ${name} from ${l.schoolName} at lunchtimes for ${unit} (${daysText(l.days, 'school day')}), from ${longDate(l.startDate)} to ${longDate(l.lastDay!)}. ${name} must leave the school premises over the lunchtime and may return for the afternoon session.`
    : `I am writing to tell you that I have decided to suspend ${name} from ${l.schoolName} for ${daysText(l.days, 'school day')} (${unit}), from the ${SESSION_LABELS[l.startSession]} of ${longDate(l.startDate)} to the end of ${longDate(l.lastDay!)}.`;
}

function returnText(l: LetterInput): string {
  if (l.category === 'permanent') return '';
  return l.returnDate
    ? `${l.pupil.name} should return to school on ${longDate(l.returnDate)} at the start of the ${SESSION_LABELS[l.returnSession ?? 'am']} session.`
    : `${l.pupil.name} should return to school at the start of the morning session of the first school day after ${longDate(l.lastDay!)}, the first day of next term. We will write to confirm the date.`;
}

function boardDutyText(l: LetterInput): string {
  const deadline = l.boardDeadline ? longDate(l.boardDeadline) : null;
  if (l.boardDutyKind === 'must_consider_reinstatement') {
    return `The governing board must meet to consider whether ${l.pupil.name} should be reinstated${deadline ? `, by ${deadline}` : ' within 15 school days of being told of this decision'}, and will invite you to the meeting.`;
  }
  if (l.boardDutyKind === 'consider_if_representations') {
    return `If you make representations, the governing board must meet to consider whether ${l.pupil.name} should be reinstated${deadline ? `, by ${deadline}` : ' within 50 school days'}.`;
  }
  return 'The governing board must consider any representations you make, but it cannot direct that the suspension be withdrawn.';
}

function firstFiveDaysText(l: LetterInput): string {
  const name = l.pupil.name;
  const days = l.category === 'permanent' ? [] : l.schoolDays.slice(0, 5);
  const when = days.length ? `on the following school days: ${days.map(longDate).join('; ')}` : 'during the first five school days of the exclusion';
  return `You must ensure that ${name} is not present in a public place during school hours without reasonable justification ${when}. If ${name} is found in a public place during school hours on those days without reasonable justification, you may be given a penalty notice or prosecuted.`;
}

function provisionText(l: LetterInput): string {
  if (!l.provisionDueFrom && l.category !== 'permanent') return '';
  const from = l.provisionDueFrom ? `From the sixth school day, ${longDate(l.provisionDueFrom)},` : 'From the sixth school day of the exclusion,';
  const where = l.provisionProvider ? `at ${l.provisionProvider}` : 'at a place we will confirm to you in writing before that day';
  const who = l.category === 'permanent' ? 'the local authority will arrange' : 'we will arrange';
  return `${from} ${who} suitable full-time education for ${l.pupil.name}, ${where}.`;
}

/** The suspension's merge fields (LETTER_MERGE_FIELDS.suspension). */
export function suspensionValues(l: LetterInput): Record<string, string> {
  return {
    'suspension.startDate': longDate(l.startDate), 'suspension.lastDay': l.lastDay ? longDate(l.lastDay) : '',
    'suspension.returnDate': l.returnDate ? longDate(l.returnDate) : '', 'suspension.days': fmtDays(l.days), 'suspension.sessions': String(l.sessions ?? ''),
    'suspension.periodText': periodText(l),
    'suspension.schoolDaysText': l.category === 'permanent' ? '' : `The school days of the suspension are: ${l.schoolDays.map(longDate).join('; ')}.`,
    'suspension.returnText': returnText(l),
    'suspension.reasonsList': l.reasons.map((r) => `- ${r.label} (${r.code})`).join('\n'),
    'suspension.details': l.details, 'suspension.boardDutyText': boardDutyText(l), 'suspension.representationsContact': l.representationsContact,
    'suspension.firstFiveDaysText': firstFiveDaysText(l), 'suspension.provisionText': provisionText(l), 'suspension.laName': l.laName,
  };
}
