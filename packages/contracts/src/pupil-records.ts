/**
 * Pupils and their contacts kept by hand (issue 12 #1): what the office and trust administrators send to create and
 * change a pupil, record a leaver, re-join, move a pupil to another site of the trust, and keep the pupil's contacts.
 * Shapes only: the UPN's check letter, a date of birth that fits a pupil and the rules that need the database are
 * the server's (people.manual.rules.ts), each refused as 400 naming the field.
 */
import { z } from 'zod';
import { ZId, ZIsoDate } from './common.ts';
import { ZPrimaryNeed, ZSenStatus, ZSex } from './enums.ts';

const required = (what: string, max: number) => z.string().trim().min(1, `Enter the ${what}`).max(max, `At most ${max} characters`);
/** Optional text: empty or null means none. */
const optional = (max: number) => z.string().trim().max(max, `At most ${max} characters`).nullable();

/** The fields of a pupil the office keeps (sealed facts are the DSL's: ZPupilSealedUpdate). */
export const ZPupilEditable = z.strictObject({
  upn: z.string().trim().min(1, 'Enter the UPN').max(40).describe('13 characters; the check letter is verified, and a UPN is never used twice in the trust'),
  legalForename: required('legal forename', 100),
  legalSurname: required('legal surname', 100),
  preferredForename: optional(100),
  preferredSurname: optional(100),
  dateOfBirth: ZIsoDate,
  sex: ZSex,
  yearGroup: z.number().int().min(-1).max(14).describe('NC year: -1 nursery, 0 reception, 1 to 14'),
  form: optional(60).describe("The form's name at the pupil's site: an existing form, or a new one is made"),
  enrolmentStart: ZIsoDate.describe('Admission date'),
  senStatus: ZSenStatus,
  primaryNeed: ZPrimaryNeed.nullable(),
  pupilPremium: z.boolean(),
  fsm: z.boolean(),
  lookedAfter: z.boolean(),
  previouslyLookedAfter: z.boolean(),
  eal: z.boolean(),
  firstLanguage: optional(60),
  ethnicity: optional(60).describe('DfE main ethnicity code'),
  medicalFlag: z.boolean(),
  medicalNotes: optional(2000),
});
export type TPupilEditable = z.infer<typeof ZPupilEditable>;

export const ZPupilCreate = ZPupilEditable.partial().extend({
  siteId: ZId,
  upn: ZPupilEditable.shape.upn,
  legalForename: ZPupilEditable.shape.legalForename,
  legalSurname: ZPupilEditable.shape.legalSurname,
  dateOfBirth: ZIsoDate,
  sex: ZSex,
  yearGroup: ZPupilEditable.shape.yearGroup,
  enrolmentStart: ZIsoDate.describe('Admission date'),
}).strict();
export type TPupilCreate = z.infer<typeof ZPupilCreate>;

const version = z.number().int().min(1).describe('The version you edited, for optimistic concurrency (409 when stale)');

export const ZPupilUpdate = ZPupilEditable.partial().extend({ version }).strict();
export type TPupilUpdate = z.infer<typeof ZPupilUpdate>;

export const ZPupilSealedUpdate = z.strictObject({ childInNeed: z.boolean(), childProtectionPlan: z.boolean(), version });
export type TPupilSealedUpdate = z.infer<typeof ZPupilSealedUpdate>;

export const ZPupilLeave = z.strictObject({
  date: ZIsoDate.describe('Last day on roll'),
  reason: required('reason for leaving', 200),
  version,
});
export type TPupilLeave = z.infer<typeof ZPupilLeave>;

export const ZPupilRejoin = z.strictObject({ date: ZIsoDate.describe('First day back on roll'), version });
export type TPupilRejoin = z.infer<typeof ZPupilRejoin>;

export const ZPupilMove = z.strictObject({
  siteId: ZId.describe('The site of the trust the pupil moves to'),
  date: ZIsoDate.describe('First day on roll at the new site'),
  version,
});
export type TPupilMove = z.infer<typeof ZPupilMove>;

export const CONTACT_PREFERENCES = ['email', 'phone', 'letter'] as const;
export const ZContactPreference = z.enum(CONTACT_PREFERENCES);

/** A contact of a pupil: the person (shared by siblings) and how they are linked to this pupil. */
export const ZContactInput = z.strictObject({
  title: optional(20),
  forename: required('forename', 100),
  surname: required('surname', 100),
  relationship: required('relationship', 60),
  parentalResponsibility: z.boolean(),
  priority: z.number().int().min(1).max(99).nullable().optional().describe('1 is called first; left out: after the others'),
  email: z.email('Enter an email address, like name@example.org').max(254).nullable(),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,40}$/, 'Enter a phone number: digits, spaces and + ( ) -').nullable(),
  address: optional(500),
  preferredContact: ZContactPreference.describe('email, phone, or letter (post)'),
  language: optional(60).describe('The language to use with them, when not English'),
});
export type TContactInput = z.infer<typeof ZContactInput>;
export const ZContactUpdate = ZContactInput.partial().strict();
export type TContactUpdate = z.infer<typeof ZContactUpdate>;

/** What a change to a pupil answers: read the profile again for the rest. */
export const ZPupilWriteResult = z.object({ id: ZId, version: z.number().int() });
export const ZContactWriteResult = z.object({ id: ZId.describe('The contact'), pupilId: ZId });
