/**
 * The production first run (issue 12 #6): on a database with no trust, `haven setup` or the first-run page (reached
 * with the one-time code the server prints to its log) creates the trust, its sites, this academic year's calendar
 * and the first trust administrator. The server checks URN and LAESTAB beyond their shape (modules/setup).
 */
import { z } from 'zod';
import { ZIsoDate } from './common.ts';
import { ZPhase, ZSiteKind } from './enums.ts';
import { ZTermName } from './calendar.ts';

const text = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max);

export const ZSetupSite = z.strictObject({
  name: text(2, 120, 'Enter the school’s name'),
  shortName: text(1, 20, 'Enter a short name, e.g. OAK'),
  urn: z.string().trim().max(20).describe('Unique reference number: 6 digits'),
  laestab: z.string().trim().max(20).describe('LA and establishment number: 3 + 4 digits, e.g. 8012345 or 801/2345'),
  phase: ZPhase,
  kind: ZSiteKind,
});
export type TSetupSite = z.infer<typeof ZSetupSite>;

export const ZSetupTerm = z.strictObject({
  term: ZTermName,
  halfTerm: z.union([z.literal(1), z.literal(2)]),
  startDate: ZIsoDate,
  endDate: ZIsoDate,
});
export type TSetupTerm = z.infer<typeof ZSetupTerm>;

export const ZSetupAdmin = z.strictObject({
  displayName: text(1, 120, 'Enter your name'),
  email: z.email('Enter an email address').max(254),
  password: z.string().min(12, 'Use at least 12 characters').max(256),
});

export const ZSetupInput = z.strictObject({
  code: z.string().trim().min(1, 'Enter the one-time code from the server’s log').max(64),
  trustName: text(2, 120, 'Enter the name of the trust (or of the school, if it stands alone)'),
  sites: z.array(ZSetupSite).min(1, 'Add at least one school').max(50),
  admin: ZSetupAdmin,
  /** The six half-terms of this academic year as adjusted by the administrator; left out: England's usual dates. */
  terms: z.array(ZSetupTerm).length(6, 'Give all six half-terms').optional(),
  /** Start with Haven's suggested behaviour categories and lists (changed later on the Policy page). */
  starterPolicy: z.boolean().default(true),
});
export type TSetupInput = z.input<typeof ZSetupInput>;

export const ZSetupCode = z.strictObject({ code: z.string().trim().min(1, 'Enter the one-time code from the server’s log').max(64) });

/** What the first-run page shows before anything is written: this academic year from England's usual dates. */
export const ZSetupProposal = z.object({
  academicYear: z.object({ label: z.string(), startDate: ZIsoDate, endDate: ZIsoDate }),
  terms: z.array(ZSetupTerm.extend({ name: z.string() })),
  closures: z.array(z.object({ date: ZIsoDate, reason: z.string(), kind: z.string() })),
});
export type TSetupProposal = z.infer<typeof ZSetupProposal>;

export const ZSetupStatus = z.object({ needed: z.literal(true), codeExpiresAt: z.string() });

export const ZSetupResult = z.object({
  trustId: z.uuid(),
  siteIds: z.array(z.uuid()),
  academicYear: z.string(),
  adminEmail: z.string(),
  twoFactor: z.enum(['enrolled', 'at_first_sign_in']),
});
export type TSetupResult = z.infer<typeof ZSetupResult>;
