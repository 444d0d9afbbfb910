/**
 * Whom a site tells about suspensions and permanent exclusions (the local authority, the clerk to the governors, the
 * virtual school head for looked-after children) and how parents make representations, printed in the letters.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDateTime } from './common.ts';
import { ZEmailOrNull, ZUkPhoneOrNull } from './contact-details.ts';

export const ZExclusionContacts = z.object({
  siteId: ZId,
  siteName: z.string(),
  /** false until someone has saved the site's contacts (the other fields are then empty). */
  saved: z.boolean(),
  laName: z.string().nullable(),
  laEmail: z.string().nullable(),
  laPhone: z.string().nullable(),
  boardClerkName: z.string().nullable(),
  boardClerkEmail: z.string().nullable(),
  boardClerkPhone: z.string().nullable(),
  virtualSchoolName: z.string().nullable(),
  virtualSchoolEmail: z.string().nullable(),
  virtualSchoolPhone: z.string().nullable(),
  representationsContact: z.string().nullable(),
  updatedAt: ZIsoDateTime.nullable(),
  allowed: ZAllowed,
});

const ZOptionalName = z.string().trim().max(120).transform((s) => (s === '' ? null : s)).nullable().default(null);

export const ZExclusionContactsInput = z.strictObject({
  laName: z.string().trim().min(2, 'Enter the name of the local authority').max(120),
  laEmail: ZEmailOrNull.default(null),
  laPhone: ZUkPhoneOrNull.default(null),
  boardClerkName: z.string().trim().min(2, 'Enter the name of the clerk to the governors').max(120),
  boardClerkEmail: ZEmailOrNull.default(null),
  boardClerkPhone: ZUkPhoneOrNull.default(null),
  virtualSchoolName: ZOptionalName,
  virtualSchoolEmail: ZEmailOrNull.default(null),
  virtualSchoolPhone: ZUkPhoneOrNull.default(null),
  representationsContact: z.string().trim().min(5, 'Say how parents make representations to the governors (an address or email)').max(500),
});

export type TExclusionContacts = z.infer<typeof ZExclusionContacts>;
export type TExclusionContactsInput = z.input<typeof ZExclusionContactsInput>;
