import { z } from 'zod';
import { ZExportFormat } from './export.ts';
import { ZAllowed, ZId, ZIsoDate, ZPageQuery, page } from './common.ts';
import { ZGroupKind, ZPrimaryNeed, ZSenStatus, ZSex } from './enums.ts';

export const ZPupilListQuery = ZPageQuery.extend({
  search: z.string().trim().max(100).optional().describe('Matches names, preferred names and UPN'),
  siteId: z.uuid().optional(),
  yearGroup: z.coerce.number().int().min(-1).max(14).optional(),
  groupId: z.uuid().optional(),
  status: z.enum(['on_roll', 'left', 'all']).optional().describe('On roll (the default), leavers only, or both'),
  format: ZExportFormat.optional(),
});
export type TPupilListQuery = z.infer<typeof ZPupilListQuery>;

/** List rows carry no special-category data, so listing is not a sensitive read. */
export const ZPupilListItem = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  upn: z.string(),
  displayName: z.string().describe('Preferred forename and surname'),
  legalSurname: z.string(),
  legalForename: z.string(),
  yearGroup: z.number().int(),
  formName: z.string().nullable(),
  enrolmentEnd: ZIsoDate.nullable().describe('The last day on roll, for a leaver (or a pupil about to leave)'),
  allowed: ZAllowed,
});
export type TPupilListItem = z.infer<typeof ZPupilListItem>;
export const ZPupilList = page(ZPupilListItem);
export type TPupilList = z.infer<typeof ZPupilList>;

export const ZContact = z.object({
  id: ZId,
  name: z.string(),
  title: z.string().nullable(),
  forename: z.string(),
  surname: z.string(),
  relationship: z.string(),
  parentalResponsibility: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  preferredContact: z.enum(['email', 'phone', 'letter']),
  address: z.string().nullable(),
  language: z.string().nullable(),
  priority: z.number().int(),
});

export const ZPupilProfile = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  upn: z.string(),
  legalForename: z.string(),
  legalSurname: z.string(),
  preferredForename: z.string().nullable(),
  preferredSurname: z.string().nullable(),
  displayName: z.string(),
  dateOfBirth: ZIsoDate,
  sex: ZSex,
  yearGroup: z.number().int(),
  enrolmentStart: ZIsoDate,
  enrolmentEnd: ZIsoDate.nullable(),
  leavingReason: z.string().nullable(),
  groups: z.array(z.object({ id: ZId, name: z.string(), kind: ZGroupKind })),
  senStatus: ZSenStatus,
  primaryNeed: ZPrimaryNeed.nullable(),
  pupilPremium: z.boolean(),
  fsm: z.boolean(),
  lookedAfter: z.boolean(),
  previouslyLookedAfter: z.boolean(),
  eal: z.boolean(),
  firstLanguage: z.string().nullable(),
  ethnicity: z.string().nullable().describe('DfE main ethnicity code'),
  medicalFlag: z.boolean(),
  medicalNotes: z.string().nullable(),
  contacts: z.array(ZContact),
  /** Sealed facts: present only for the DSL of the pupil's site; otherwise omitted entirely. */
  sealed: z.object({ childInNeed: z.boolean(), childProtectionPlan: z.boolean() }).optional(),
  version: z.number().int(),
  allowed: ZAllowed,
});
export type TPupilProfile = z.infer<typeof ZPupilProfile>;

/** What a parent sees of their own child. */
export const ZParentChild = z.object({
  id: ZId,
  displayName: z.string(),
  yearGroup: z.number().int(),
  siteName: z.string(),
  formName: z.string().nullable(),
  allowed: ZAllowed,
});
export const ZParentChildren = z.object({ items: z.array(ZParentChild) });
