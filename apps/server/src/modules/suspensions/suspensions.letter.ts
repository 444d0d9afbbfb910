/**
 * The parent letter (LAW-4), generated from the record with every part the DfE guidance requires: the pupil, the
 * category, the reasons, the period (dates, sessions, the return date and time) or that it is permanent; the right to
 * make representations to the governing board, how, and to attend a meeting (remotely, with a representative); the
 * parents' duty in the first five school days; where education will be from the sixth; the right to see and copy
 * the pupil's record; sources of impartial advice; and, for a permanent exclusion, the independent review panel and
 * the SEN expert.
 */
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import { SESSION_LABELS } from '@haven/contracts';
import { daysText } from './suspensions.rules.ts';

export interface LetterInput {
  schoolName: string;
  today: string;
  parents: string[];
  pupil: { name: string; dateOfBirth: string; yearGroup: number };
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
  boardDutyMessage: string;
  boardDutyKind: string;
  boardDeadline: string | null;
  provisionDueFrom: string | null;
  provisionProvider: string | null;
  representationsContact: string;
  laName: string;
  headName: string;
}

const longDate = (iso: string): string => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  .format(new Date(`${iso}T12:00:00Z`)).replace(',', '');

function period(l: LetterInput): Content[] {
  const name = l.pupil.name;
  if (l.category === 'permanent') {
    return [
      { text: `I am writing to tell you that I have decided to permanently exclude ${name} from ${l.schoolName}, from ${longDate(l.startDate)}. This exclusion is permanent: ${name} will not return to ${l.schoolName} unless the governing board directs reinstatement.` },
    ];
  }
  const lunch = l.category === 'lunchtime';
  const unit = lunch ? `${l.sessions} lunchtime${l.sessions === 1 ? '' : 's'}` : `${l.sessions} session${l.sessions === 1 ? '' : 's'}`;
  return [
    { text: lunch
      ? `I am writing to tell you that I have decided to suspend ${name} from ${l.schoolName} at lunchtimes for ${unit} (${daysText(l.days, 'school day')}), from ${longDate(l.startDate)} to ${longDate(l.lastDay!)}. ${name} must leave the school premises over the lunchtime and may return for the afternoon session.`
      : `I am writing to tell you that I have decided to suspend ${name} from ${l.schoolName} for ${daysText(l.days, 'school day')} (${unit}), from the ${SESSION_LABELS[l.startSession]} of ${longDate(l.startDate)} to the end of ${longDate(l.lastDay!)}.` },
    { text: `The school days of the suspension are: ${l.schoolDays.map(longDate).join('; ')}.`, margin: [0, 6, 0, 0] },
    { text: l.returnDate
      ? `${name} should return to school on ${longDate(l.returnDate)} at the start of the ${SESSION_LABELS[l.returnSession ?? 'am']} session. We will hold a reintegration meeting with you and ${name} on their return.`
      : `${name} should return to school at the start of the morning session of the first school day after ${longDate(l.lastDay!)}, the first day of next term. We will write to confirm the date, and hold a reintegration meeting with you and ${name} on their return.`, margin: [0, 6, 0, 0], bold: true },
  ];
}

function representations(l: LetterInput): Content[] {
  const deadline = l.boardDeadline ? longDate(l.boardDeadline) : null;
  const duty = l.boardDutyKind === 'must_consider_reinstatement'
    ? `The governing board must meet to consider whether ${l.pupil.name} should be reinstated${deadline ? `, by ${deadline}` : ' within 15 school days of being told of this decision'}, and will invite you to the meeting.`
    : l.boardDutyKind === 'consider_if_representations'
      ? `If you make representations, the governing board must meet to consider whether ${l.pupil.name} should be reinstated${deadline ? `, by ${deadline}` : ' within 50 school days'}.`
      : 'The governing board must consider any representations you make, but it cannot direct that the suspension be withdrawn.';
  return [
    { text: 'Your right to make representations to the governing board', style: 'h2' },
    { text: `You have the right to make representations about this decision to the governing board. ${duty}` },
    { text: `To make representations, please contact: ${l.representationsContact}.`, margin: [0, 6, 0, 0] },
    { text: 'If there is a meeting, you may attend in person or remotely (by video link), and you may bring a representative or a friend with you. You may also send written representations.', margin: [0, 6, 0, 0] },
  ];
}

function firstFiveDays(l: LetterInput): Content[] {
  const name = l.pupil.name;
  const days = l.category === 'permanent' ? [] : l.schoolDays.slice(0, 5);
  const when = days.length ? `on the following school days: ${days.map(longDate).join('; ')}` : 'during the first five school days of the exclusion';
  return [
    { text: 'Your duty during the first five school days', style: 'h2' },
    { text: `You must ensure that ${name} is not present in a public place during school hours without reasonable justification ${when}. If ${name} is found in a public place during school hours on those days without reasonable justification, you may be given a penalty notice or prosecuted.` },
    { text: `We will set and mark work for ${name} during the first five school days.`, margin: [0, 6, 0, 0] },
  ];
}

function provision(l: LetterInput): Content[] {
  if (!l.provisionDueFrom && l.category !== 'permanent') return [];
  const from = l.provisionDueFrom ? `From the sixth school day, ${longDate(l.provisionDueFrom)},` : 'From the sixth school day of the exclusion,';
  const where = l.provisionProvider ? `at ${l.provisionProvider}` : 'at a place we will confirm to you in writing before that day';
  const who = l.category === 'permanent' ? 'the local authority will arrange' : 'we will arrange';
  return [
    { text: 'Education from the sixth school day', style: 'h2' },
    { text: `${from} ${who} suitable full-time education for ${l.pupil.name}, ${where}.` },
  ];
}

function permanentRights(l: LetterInput): Content[] {
  if (l.category !== 'permanent') return [];
  return [
    { text: 'Independent review', style: 'h2' },
    { text: 'If the governing board decides not to reinstate your child, you may ask for an independent review panel to review that decision. You must ask within 15 school days of being told of the governing board\'s decision; the board\'s letter will tell you how.' },
    { text: 'Whether or not your child has recognised special educational needs (SEN), you may ask for an SEN expert to attend the independent review, to advise the panel on whether SEN were relevant to the exclusion. The SEN expert is appointed and paid for by the local authority or academy trust.', margin: [0, 6, 0, 0] },
    { text: 'If you believe the exclusion was because of disability discrimination, you may also make a claim to the First-tier Tribunal (Special Educational Needs and Disability).', margin: [0, 6, 0, 0] },
  ];
}

export async function renderParentLetter(l: LetterInput): Promise<Buffer> {
  const title = l.category === 'permanent' ? `Permanent exclusion of ${l.pupil.name}` : l.category === 'lunchtime' ? `Lunchtime suspension of ${l.pupil.name}` : `Suspension of ${l.pupil.name}`;
  const content: Content[] = [
    { text: l.schoolName, style: 'h2', margin: [0, 0, 0, 2] },
    { text: longDate(l.today), style: 'small', margin: [0, 0, 0, 12] },
    { text: `Dear ${l.parents.length ? l.parents.join(' and ') : 'parent or carer'},` , margin: [0, 0, 0, 8] },
    { text: title, style: 'h1' },
    { text: `Pupil: ${l.pupil.name}, Year ${l.pupil.yearGroup}, date of birth ${longDate(l.pupil.dateOfBirth)}`, style: 'small', margin: [0, 0, 0, 8] },
    ...period(l),
    { text: 'The reasons for my decision', style: 'h2' },
    { ul: l.reasons.map((r) => `${r.label} (${r.code})`) },
    { text: l.details, margin: [0, 6, 0, 0] },
    ...representations(l),
    ...firstFiveDays(l),
    ...provision(l),
    ...permanentRights(l),
    { text: 'Your child\'s school record', style: 'h2' },
    { text: `You have the right to see and to have a copy of ${l.pupil.name}'s school record. Please ask the school in writing; we will reply within 15 school days.` },
    { text: 'Impartial advice', style: 'h2' },
    { ul: [
      `${l.laName}: the local authority can give you information and advice about exclusions.`,
      "Coram Children's Legal Centre: free, independent school exclusions advice (www.childrenslegalcentre.com).",
      'Your local SEND Information, Advice and Support Service (SENDIASS), if your child has special educational needs or a disability.',
      'The Department for Education\'s guidance "Suspension and permanent exclusion from maintained schools, academies and pupil referral units in England" (www.gov.uk).',
    ] },
    { text: 'Yours sincerely,', margin: [0, 16, 0, 24] },
    { text: l.headName },
    { text: `Headteacher, ${l.schoolName}` },
  ];
  return renderPdf({ content, info: { title, subject: title } });
}
