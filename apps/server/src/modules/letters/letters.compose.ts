/**
 * Making a letter from its template: the template in force at the site (override, trust, default), the site's
 * letterhead with its crest, the merge fields filled in, as a PDF on letterhead or as the text of an email. Senders
 * (suspensions, restraint copies, detentions) and the preview call these; they read in the caller's transaction.
 */
import type { TLetterKind } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import type { Deps } from '../../core/http/context.ts';
import { readStored } from '../../core/files/store.ts';
import { renderLetter, type Letterhead, type LetterPart } from '../../core/pdf/letter.ts';
import type { Content } from '../../core/pdf/pdf.ts';
import { DEFAULT_TEMPLATES } from './letters.defaults.ts';
import { addressName, effectiveTemplate, fill, paragraphs, salutation, type Addressee } from './letters.rules.ts';
import * as repo from './letters.repo.ts';

export interface Template { kind: TLetterKind; title: string; subject: string; blocks: { key: string; heading: string | null; text: string; locked: boolean }[] }

export async function templateInForce(db: Executor, trustId: string, siteId: string, kind: TLetterKind): Promise<Template> {
  const saved = await repo.templatesFor(db, trustId, kind, siteId);
  const def = DEFAULT_TEMPLATES[kind];
  return { kind, title: def.title, ...effectiveTemplate(def, saved.site, saved.trust) };
}

/** The site's letterhead; its crest's bytes only when asked for (a PDF), not for the text of an email. */
export async function letterheadFor(deps: Pick<Deps, 'config' | 'database'>, db: Executor, siteId: string, withCrest = true): Promise<Letterhead> {
  const l = await repo.letterheadOf(db, siteId);
  let crest: Buffer | null = null;
  if (l?.crest && withCrest) crest = l.crest.storage === 'disk' ? await readStored(deps, l.crest) : await repo.crestBytesInRow(db, l.crest.id);
  return { schoolName: l?.site.name ?? '', address: l?.head?.address ?? null, phone: l?.head?.phone ?? null, email: l?.head?.email ?? null,
    website: l?.head?.website ?? null, crest };
}

/** Someone written to: their name parts for the salutation and address block, and their postal address. */
export interface LetterRecipient extends Addressee { address: string | null }

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
/** "Sunday 6 December 2026" for a day (yyyy-mm-dd) or an instant. */
export const longDate = (iso: string): string => LONG_DATE.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)).replace(',', '');

/** The fields every letter offers. */
export function commonValues(a: { schoolName: string; schoolAddress: string | null; today: string; recipients: readonly LetterRecipient[];
  pupil: { firstName: string; lastName: string; fullName: string; yearGroup: number | string }; sender: { name: string; role: string } }): Record<string, string> {
  return {
    'school.name': a.schoolName, 'school.address': (a.schoolAddress ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean).join(', '),
    today: longDate(a.today), 'parent.names': a.recipients.map((r) => [r.title, r.forename, r.surname].filter(Boolean).join(' ')).join(' and ') || 'Parent or Carer',
    'pupil.firstName': a.pupil.firstName, 'pupil.lastName': a.pupil.lastName, 'pupil.fullName': a.pupil.fullName, 'pupil.yearGroup': String(a.pupil.yearGroup),
    'sender.name': a.sender.name, 'sender.role': a.sender.role,
  };
}

export interface Compose {
  template: Template;
  letterhead: Letterhead;
  values: Record<string, string>;
  /** Who the letter is addressed to (one household): the first one's address is used. */
  recipients: readonly LetterRecipient[];
  date: string;
  subtitle?: string | null;
  /** Locked parts drawn by the sender (e.g. the restraint copy's table of facts), by block key. */
  slots?: Record<string, Content[]>;
  signature: { name: string; role: string };
}

export function filledParts(c: Pick<Compose, 'template' | 'values' | 'slots'>): LetterPart[] {
  return c.template.blocks.map((b) => {
    const slot = c.slots?.[b.key];
    return { heading: b.heading ? fill(b.heading, c.values) : null, paragraphs: slot ? [] : paragraphs(fill(b.text, c.values)), ...(slot ? { content: slot } : {}) };
  });
}

export function filledSubject(c: Pick<Compose, 'template' | 'values'>): string {
  return fill(c.template.subject, c.values).replace(/\s+/g, ' ').trim().slice(0, 300);
}

export async function composePdf(c: Compose): Promise<Buffer> {
  return renderLetter({
    letterhead: c.letterhead, date: longDate(c.date), salutation: salutation(c.recipients), title: fill(c.template.title, c.values), subtitle: c.subtitle ?? null,
    to: { names: c.recipients.map(addressName), address: c.recipients.find((r) => r.address)?.address ?? null },
    parts: filledParts(c), signature: c.signature,
  });
}

/** The letter as the plain text of an email: salutation, the parts (headings and lists kept), and the sign-off. */
export function composeText(c: Pick<Compose, 'template' | 'values' | 'recipients' | 'signature'> & { schoolName: string }): string {
  const body = filledParts(c).filter((p) => p.paragraphs.length).map((p) => [
    ...(p.heading ? [p.heading] : []),
    ...p.paragraphs.map((para) => (para.kind === 'list' ? para.items.map((i) => `- ${i}`).join('\n') : para.text)),
  ].join('\n\n'));
  const signOff = [c.signature.name, c.signature.role].filter(Boolean).join('\n');
  return `${salutation(c.recipients)},\n\n${body.join('\n\n')}\n${signOff ? `\n${signOff}\n` : ''}`;
}
