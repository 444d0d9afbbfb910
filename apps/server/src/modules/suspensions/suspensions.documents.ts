/** The parent letter (PDF) and the notice to the board and the local authority, built from a record. */
import type { Executor } from '../../core/db/client.ts';
import { EXCLUSION_CATEGORY_LABELS } from '@haven/contracts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { parentsOf } from '../../core/comms/comms.ts';
import { exclusionReasons } from '../../db/schema/exclusions.ts';
import { and, eq, inArray } from 'drizzle-orm';
import * as repo from './suspensions.repo.ts';
import { suspensionValues } from './suspensions.letter.ts';
import type { Deps } from '../../core/http/context.ts';
import type { Recipient } from '../../core/comms/comms.ts';
import { letterMaker, peopleOf } from '../letters/letters.send.ts';
import { longDate } from '../letters/letters.compose.ts';
import { salutation } from '../letters/letters.rules.ts';
import { suspensionKind } from '../letters/letters.defaults.ts';
import { daysText, type ExclusionCategory } from './suspensions.rules.ts';

export type LetterRecord = Pick<repo.ExclusionRow, 'id' | 'trustId' | 'siteId' | 'pupilId' | 'category' | 'startDate' | 'startSession' | 'sessions'
  | 'slots' | 'lastDay' | 'returnDate' | 'returnSession' | 'reasonCodes' | 'details' | 'boardDutyKind' | 'boardDeadline' | 'provisionDueFrom'
  | 'missesPublicExam' | 'boardNotifiedOn'> & { provisionProvider?: string | null };

export async function reasonLabels(db: Executor, trustId: string, codes: readonly string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.select({ code: exclusionReasons.code, label: exclusionReasons.label }).from(exclusionReasons)
    .where(and(eq(exclusionReasons.trustId, trustId), inArray(exclusionReasons.code, [...codes])));
  return new Map(rows.map((r) => [r.code, r.label]));
}

/**
 * The parent letter from the trust's template (modules/letters) on the school's letterhead: `pdf` addressed to every
 * parent with parental responsibility (the download), `personalise` one letter per parent (what is sent), `covering`
 * the email it goes with.
 */
export async function letterFor(deps: Pick<Deps, 'config' | 'database'>, db: Executor, r: LetterRecord, pupil: repo.PupilRow, headName: string, today: string) {
  const schoolName = await repo.siteName(db, r.siteId);
  const contacts = await repo.siteContacts(db, r.siteId);
  const labels = await reasonLabels(db, r.trustId, r.reasonCodes);
  const reasons = r.reasonCodes.map((code) => ({ code, label: labels.get(code) ?? code }));
  const parents = await parentsOf(db, r.pupilId);
  const name = displayName(pupil);
  const schoolDays = [...new Set(r.slots.map((s) => s.slice(0, 10)))];
  const values = suspensionValues({
    schoolName, pupil: { name }, category: r.category as ExclusionCategory, reasons, details: r.details, startDate: r.startDate,
    startSession: r.startSession as 'am' | 'pm', sessions: r.sessions, days: r.slots.length / 2, schoolDays, lastDay: r.lastDay, returnDate: r.returnDate,
    returnSession: (r.returnSession as 'am' | 'pm' | null) ?? null, boardDutyKind: r.boardDutyKind, boardDeadline: r.boardDeadline,
    provisionDueFrom: r.provisionDueFrom, provisionProvider: r.provisionProvider ?? null,
    representationsContact: contacts?.representationsContact ?? `the clerk to the governing board, ${schoolName}`,
    laName: contacts?.laName ?? 'Your local authority',
  });
  const maker = await letterMaker(deps, db, {
    kind: suspensionKind(r.category), trustId: r.trustId, siteId: r.siteId, values, date: today, sender: { name: headName, role: 'Headteacher' },
    pupil: { firstName: pupil.preferredForename ?? pupil.legalForename, lastName: pupil.preferredSurname ?? pupil.legalSurname, fullName: name, yearGroup: pupil.yearGroup },
    subtitle: `Pupil: ${name}, Year ${pupil.yearGroup}, date of birth ${longDate(pupil.dateOfBirth)}`,
  });
  const people = peopleOf(parents);
  const kind = EXCLUSION_CATEGORY_LABELS[r.category as ExclusionCategory];
  const safe = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const filename = `${r.category}-letter-${safe}-${r.startDate}.pdf`;
  const covering = (to: typeof people) => `${salutation(to)},\n\nPlease find attached a letter about the ${kind.toLowerCase()} of ${name}, which sets out the reasons, the dates, and your rights, including your right to make representations to the governing board.\n\n${headName}\nHeadteacher, ${schoolName}`;
  return {
    pdf: () => maker.pdf(people), subject: maker.subject(people), covering: covering(people), filename, schoolName,
    personalise: async (p: Recipient) => {
      const to = p.person ? [p.person] : [];
      return { text: covering(to), attachment: { filename, contentType: 'application/pdf', data: await maker.pdf(to) } };
    },
    reasonText: reasons.map((x) => `${x.label} (${x.code})`).join('; '),
  };
}

/** LAW-5: what the governing board and the local authority are told. */
export function noticeText(r: LetterRecord, pupilName: string, schoolName: string, reasonText: string, duty: string) {
  const kind = EXCLUSION_CATEGORY_LABELS[r.category as ExclusionCategory];
  const period = r.category === 'permanent' ? `Permanent, from ${r.startDate}.`
    : `${daysText(r.slots.length / 2, 'school day')} (${r.sessions} ${r.category === 'lunchtime' ? 'lunchtimes' : 'sessions'}) from ${r.startDate} (${r.startSession.toUpperCase()}) to ${r.lastDay}; returns ${r.returnDate} (${(r.returnSession ?? '').toUpperCase()}).`;
  return {
    subject: `${kind} notice: ${pupilName}, ${schoolName}`,
    text: [`${kind} notice from ${schoolName}.`, '', `Pupil: ${pupilName}`, `Period: ${period}`, `Reasons: ${reasonText}`,
      r.provisionDueFrom ? `Full-time education due from: ${r.provisionDueFrom} (the sixth school day).` : '', '', duty].filter((l, i, a) => l !== '' || a[i - 1] !== '').join('\n'),
  };
}
