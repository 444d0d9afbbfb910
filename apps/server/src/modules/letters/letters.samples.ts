/** Sample data for previewing a template: an invented pupil and parents, so a preview never shows a real child. */
import type { TLetterKind } from '@haven/contracts';
import type { Content } from '../../core/pdf/pdf.ts';
import type { LetterRecipient } from './letters.compose.ts';

const DAY = 86_400_000;
const plus = (today: string, n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const long = (iso: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  .format(new Date(`${iso}T12:00:00Z`)).replace(',', '');

export function sampleValues(kind: TLetterKind, today: string) {
  const recipients: LetterRecipient[] = [
    { title: 'Mrs', forename: 'Sarah', surname: 'Sample', address: '12 Example Road\nAnytown\nAB1 2CD' },
    { title: 'Mr', forename: 'David', surname: 'Sample', address: '12 Example Road\nAnytown\nAB1 2CD' },
  ];
  const pupil = { firstName: 'Alex', lastName: 'Sample', fullName: 'Alex Sample', yearGroup: 8 };
  const sender = kind === 'detention' || kind === 'milestone' || kind === 'restraint_copy'
    ? { name: 'Jo Example', role: 'Behaviour lead' } : { name: 'Pat Example', role: 'Headteacher' };
  const start = plus(today, 1);
  const last = plus(today, 2);
  const back = plus(today, 3);
  const values: Record<string, string> = {
    'suspension.startDate': long(start), 'suspension.lastDay': long(last), 'suspension.returnDate': long(back), 'suspension.days': '2', 'suspension.sessions': '4',
    'suspension.periodText': kind === 'permanent_exclusion'
      ? `I am writing to tell you that I have decided to permanently exclude Alex Sample from our school, from ${long(start)}.`
      : `I am writing to tell you that I have decided to suspend Alex Sample for 2 school days (4 sessions), from the morning of ${long(start)} to the end of ${long(last)}.`,
    'suspension.schoolDaysText': kind === 'permanent_exclusion' ? '' : `The school days of the suspension are: ${long(start)}; ${long(last)}.`,
    'suspension.returnText': kind === 'permanent_exclusion' ? '' : `Alex Sample should return to school on ${long(back)} at the start of the morning session.`,
    'suspension.reasonsList': '- Verbal abuse or threatening behaviour against an adult (VA)', 'suspension.details': '(The headteacher\'s account of what happened.)',
    'suspension.boardDutyText': 'The governing board must consider any representations you make, but it cannot direct that the suspension be withdrawn.',
    'suspension.representationsContact': 'the clerk to the governing board', 'suspension.laName': 'Your local authority',
    'suspension.firstFiveDaysText': `You must ensure that Alex Sample is not present in a public place during school hours without reasonable justification on the following school days: ${long(start)}; ${long(last)}.`,
    'suspension.provisionText': kind === 'permanent_exclusion' ? 'From the sixth school day of the exclusion, the local authority will arrange suitable full-time education for Alex Sample.' : '',
    'detention.typeName': 'After-school detention', 'detention.date': start.split('-').reverse().join('/'), 'detention.startTime': '15:30', 'detention.endTime': '16:30', 'detention.room': 'Room 12',
    'restraint.date': long(today), 'restraint.interventions': 'intervention', 'restraint.beforehand': '(What happened beforehand, from the record.)',
    'milestone.name': 'Gold', 'milestone.points': '300', 'milestone.pupilPoints': '304',
  };
  return { recipients, pupil, sender, values, subtitle: kind === 'milestone' || kind === 'detention' ? null : 'Pupil: Alex Sample, Year 8' };
}

export function sampleSlots(kind: TLetterKind): Record<string, Content[]> | undefined {
  if (kind !== 'restraint_copy') return undefined;
  return { record: [{ text: 'The intervention', style: 'h2' }, { text: '(The record of each intervention: when, where, how long, the kind and degree of force, why, injuries and the support offered.)' }] };
}
