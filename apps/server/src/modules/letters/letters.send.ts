/**
 * What a sender (a suspension, a restraint copy, a detention) uses to make its letters: the template in force at the
 * site and its letterhead, loaded once, then the subject, the PDF and the email text for any household of recipients
 * (addressed and greeted by name; "Dear Parent or Carer" when no one is known).
 */
import type { TLetterKind } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import type { Deps } from '../../core/http/context.ts';
import type { Person, Recipient } from '../../core/comms/comms.ts';
import type { Content } from '../../core/pdf/pdf.ts';
import { commonValues, composePdf, composeText, filledParts, filledSubject, letterheadFor, templateInForce, type LetterRecipient } from './letters.compose.ts';

export interface LetterSpec {
  kind: TLetterKind;
  trustId: string;
  siteId: string;
  pupil: { firstName: string; lastName: string; fullName: string; yearGroup: number | string };
  /** The kind's own merge fields. */
  values: Record<string, string>;
  sender: { name: string; role: string };
  /** The letter's date (yyyy-mm-dd or an instant). */
  date: string;
  subtitle?: string | null;
  slots?: Record<string, Content[]>;
}

export type LetterMaker = Awaited<ReturnType<typeof letterMaker>>;

export async function letterMaker(deps: Pick<Deps, 'config' | 'database'>, db: Executor, spec: LetterSpec) {
  const template = await templateInForce(db, spec.trustId, spec.siteId, spec.kind);
  const letterhead = await letterheadFor(deps, db, spec.siteId, false);
  let withCrest: typeof letterhead | null = null;
  const pdfHead = async () => (withCrest ??= await letterheadFor(deps, db, spec.siteId));
  const signature = { name: spec.sender.name, role: [spec.sender.role, letterhead.schoolName].filter(Boolean).join(', ') };
  const valuesFor = (recipients: readonly LetterRecipient[]) => ({
    ...commonValues({ schoolName: letterhead.schoolName, schoolAddress: letterhead.address, today: spec.date, recipients, pupil: spec.pupil, sender: spec.sender }),
    ...spec.values,
  });
  return {
    schoolName: letterhead.schoolName,
    subject: (recipients: readonly LetterRecipient[] = []) => filledSubject({ template, values: valuesFor(recipients) }),
    pdf: async (recipients: readonly LetterRecipient[]) => composePdf({ template, letterhead: await pdfHead(), values: valuesFor(recipients), recipients, date: spec.date,
      subtitle: spec.subtitle ?? null, ...(spec.slots ? { slots: spec.slots } : {}), signature }),
    text: (recipients: readonly LetterRecipient[]) => composeText({ template, values: valuesFor(recipients), recipients, signature, schoolName: letterhead.schoolName }),
    /** The letter's parts alone, as one line of text (an in-app notification). */
    body: () => filledParts({ template, values: valuesFor([]) }).flatMap((p) => p.paragraphs.map((x) => (x.kind === 'list' ? x.items.join('; ') : x.text))).join(' '),
  };
}

/** The people of recipients who are parents (named recipients, e.g. the local authority, are not addressed by a letter). */
export const peopleOf = (recipients: readonly Pick<Recipient, 'person'>[]): Person[] => recipients.map((r) => r.person).filter((p): p is Person => !!p);
