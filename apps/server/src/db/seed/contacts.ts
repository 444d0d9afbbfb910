/**
 * Parents and carers: one or two per pupil, with relationship, parental responsibility, and a phone number from
 * Ofcom's range reserved for drama (07700 900000–900999) and an email at an example domain, so no real person is
 * ever messaged by a demo.
 */
import { demoAccount } from './accounts.ts';
import { ETHNICITY_CODES, adultForename, anySurname, type EthnicityCode } from './names.ts';
import type { IdFactory, Rng } from './prng.ts';
import type { ContactRow, PupilContactRow, PupilRow } from './types.ts';

export interface ContactContext {
  readonly rng: Rng;
  readonly ids: IdFactory;
  readonly trustId: string;
  readonly contacts: ContactRow[];
  readonly pupilContacts: PupilContactRow[];
}

type Relationship = 'Mother' | 'Father' | 'Stepfather' | 'Grandmother' | 'Grandfather' | 'Aunt' | 'Foster carer' | 'Special guardian';

const WOMEN: ReadonlySet<Relationship> = new Set(['Mother', 'Grandmother', 'Aunt']);
const EXAMPLE_DOMAINS = ['example.org', 'example.com', 'example.net'];
const ascii = (s: string): string => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();

export const demoPhone = (rng: Rng): string => `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`;

function ethnicityOf(pupil: PupilRow): EthnicityCode {
  return ETHNICITY_CODES.find((c) => c === pupil.ethnicity) ?? 'WBRI';
}

function makeContact(ctx: ContactContext, pupil: PupilRow, relationship: Relationship): ContactRow {
  const { rng } = ctx;
  const woman = WOMEN.has(relationship) || (relationship !== 'Father' && relationship !== 'Stepfather' && relationship !== 'Grandfather' && rng.chance(0.8));
  const forename = adultForename(rng, ethnicityOf(pupil), woman);
  const sharesName = (relationship === 'Mother' || relationship === 'Father') ? rng.chance(0.75) : rng.chance(0.3);
  const surname = sharesName ? pupil.legalSurname : anySurname(rng);
  const hasEmail = rng.chance(0.85);
  const email = hasEmail ? `${ascii(forename)}.${ascii(surname)}${rng.int(1, 99)}@${rng.pick(EXAMPLE_DOMAINS)}` : null;
  const preferred = rng.weighted({ phone: 60, email: hasEmail ? 35 : 0, letter: 5 });
  const title = woman ? rng.pick(['Mrs', 'Ms', 'Miss']) : 'Mr';
  return { id: ctx.ids.next(), trustId: ctx.trustId, title, forename, surname, email, phone: demoPhone(rng), preferredContact: preferred };
}

function link(ctx: ContactContext, pupil: PupilRow, contact: ContactRow, relationship: Relationship, parentalResponsibility: boolean, priority: number): void {
  ctx.pupilContacts.push({ pupilId: pupil.id, contactId: contact.id, trustId: ctx.trustId, relationship, parentalResponsibility, priority });
}

/** One or two contacts for a pupil. A looked-after pupil's first contact is their foster carer (without parental responsibility). */
export function addPupilContacts(ctx: ContactContext, pupil: PupilRow): void {
  const { rng } = ctx;
  const first: Relationship = pupil.lookedAfter
    ? 'Foster carer'
    : rng.weighted({ Mother: 70, Father: 18, Grandmother: 6, 'Special guardian': 3, Aunt: 3 });
  const firstPr = first !== 'Foster carer' && first !== 'Aunt';
  const a = makeContact(ctx, pupil, first);
  ctx.contacts.push(a);
  link(ctx, pupil, a, first, firstPr, 1);
  if (!rng.chance(pupil.lookedAfter ? 0.4 : 0.6)) return;
  const second: Relationship = pupil.lookedAfter ? 'Mother'
    : first === 'Mother' ? rng.weighted({ Father: 80, Stepfather: 12, Grandfather: 8 })
      : first === 'Father' ? 'Mother' : rng.weighted({ Mother: 60, Grandfather: 40 });
  const b = makeContact(ctx, pupil, second);
  ctx.contacts.push(b);
  link(ctx, pupil, b, second, second === 'Mother' || second === 'Father', 2);
}

/** The demo parent's family: the parent account is the mother of both children, with their father as second contact. */
export function addDemoFamily(ctx: ContactContext, children: readonly PupilRow[], parentUserId: string): ContactRow {
  const account = demoAccount('parent');
  const mother: ContactRow = {
    id: ctx.ids.next(), trustId: ctx.trustId, title: 'Mrs', forename: account.forename, surname: account.surname,
    email: account.email, phone: '07700 900123', preferredContact: 'email', userId: parentUserId,
  };
  const father: ContactRow = {
    id: ctx.ids.next(), trustId: ctx.trustId, title: 'Mr', forename: 'Lee', surname: account.surname,
    email: null, phone: '07700 900456', preferredContact: 'phone',
  };
  ctx.contacts.push(mother, father);
  for (const child of children) {
    link(ctx, child, mother, 'Mother', true, 1);
    link(ctx, child, father, 'Father', true, 2);
  }
  return mother;
}
