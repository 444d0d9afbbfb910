/**
 * The DfE common transfer file (CTF, DAT-2): the limits Haven reads one within, what it keeps of a pupil's previous
 * schools (the transfer record shown on the profile as "From previous schools"), and the leavers' export request.
 * Element names follow the DfE CTF specification (versions 19 to 25); docs/imports.md says which were confirmed.
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZIsoDateTime } from './common.ts';

/** The deepest nesting of elements Haven reads (a CTF nests about eight deep). */
export const CTF_MAX_DEPTH = 32;
/** The oldest CTF version Haven reads. */
export const CTF_MIN_VERSION = 19;
/** The version Haven writes. */
export const CTF_EXPORT_VERSION = '25.0';

/**
 * Destinations a leaver's CTF may go to that are not a school's LA and establishment number: XXXXXXX when the
 * destination is not known (the file goes to the Lost Pupils Database on the DfE's school-to-school site) and
 * MMMMMMM for a school outside the maintained sector (independent, or outside England and Wales).
 */
export const CTF_UNKNOWN_DESTINATIONS = { XXXXXXX: 'Destination not known (Lost Pupils Database)', MMMMMMM: 'Outside the maintained sector or abroad' } as const;
export const ZCtfDestination = z.string().trim().toUpperCase()
  .regex(/^(\d{7}|XXXXXXX|MMMMMMM)$/, 'The destination as its LA and establishment number (7 digits), or XXXXXXX when it is not known, or MMMMMMM outside the maintained sector');

const text = z.string().max(200);
const code = z.string().max(20);

export const ZCtfSchoolRef = z.object({
  lea: code.nullable(), estab: code.nullable(), urn: code.nullable(), name: text.nullable(), academicYear: code.nullable(),
});
export type TCtfSchoolRef = z.infer<typeof ZCtfSchoolRef>;

export const ZCtfAddress = z.object({
  /** BS7666 parts (secondary and primary addressable objects, street, locality, town, area, post town) or plain lines. */
  bs7666: z.object({
    saon: text.nullable(), paon: text.nullable(), street: text.nullable(), locality: text.nullable(), town: text.nullable(),
    administrativeArea: text.nullable(), postTown: text.nullable(), uprn: code.nullable(),
  }).nullable(),
  lines: z.array(text),
  county: text.nullable(),
  postCode: code.nullable(),
  country: text.nullable(),
});
export type TCtfAddress = z.infer<typeof ZCtfAddress>;

export const ZCtfPhone = z.object({ type: code.nullable(), number: z.string().max(40) });

export const ZCtfContact = z.object({
  order: z.number().int().nullable(),
  title: text.nullable(),
  forename: text,
  surname: text,
  relationship: code.nullable().describe('The DfE relationship code as sent (PAM, PAF, CAR…)'),
  responsibility: z.boolean().nullable(),
  addressAsPupil: z.boolean(),
  address: ZCtfAddress.nullable(),
  phones: z.array(ZCtfPhone),
  email: text.nullable(),
});
export type TCtfContact = z.infer<typeof ZCtfContact>;

/** Everything a CTF says of one pupil that Haven keeps beside the pupil's record (a transfer record's document). */
export const ZCtfTransferDocument = z.object({
  ctfVersion: code,
  generatedAt: z.string().max(40).nullable(),
  sourceSchool: ZCtfSchoolRef,
  ethnicity: z.object({ code: code.nullable(), source: code.nullable() }),
  languages: z.array(z.object({ type: code.nullable(), code: code.nullable() })),
  medicalFlag: z.boolean().nullable(),
  enrolStatus: code.nullable(),
  lookedAfter: z.object({ inCare: z.boolean().nullable(), careAuthority: code.nullable() }).nullable(),
  sen: z.object({
    provisions: z.array(z.object({ startDate: ZIsoDate.nullable(), endDate: ZIsoDate.nullable(), provision: code })),
    needs: z.array(z.object({ rank: z.number().int().nullable(), type: code })),
  }).nullable(),
  fsm: z.object({
    reviewDate: ZIsoDate.nullable(),
    periods: z.array(z.object({ startDate: ZIsoDate, endDate: ZIsoDate.nullable(), country: code.nullable() })),
  }).nullable(),
  address: ZCtfAddress.nullable(),
  phones: z.array(ZCtfPhone),
  email: text.nullable(),
  contacts: z.array(ZCtfContact),
  attendance: z.array(z.object({
    year: code.nullable(), lea: code.nullable(), estab: code.nullable(), schoolName: text.nullable(),
    sessionsPossible: z.number().int().nullable(), sessionsAuthorised: z.number().int().nullable(),
    sessionsAttended: z.number().int().nullable(), sessionsUnauthorised: z.number().int().nullable(),
    attendanceStartDate: ZIsoDate.nullable(), attendanceMarks: z.string().max(2000).nullable(),
  })),
  schoolHistory: z.array(z.object({
    lea: code.nullable(), estab: code.nullable(), urn: code.nullable(), name: text.nullable(),
    entryDate: ZIsoDate.nullable(), leavingDate: ZIsoDate.nullable(), leavingReason: code.nullable(), lastSchool: z.boolean().nullable(),
  })),
});
export type TCtfTransferDocument = z.infer<typeof ZCtfTransferDocument>;

/** One previous school's record of a pupil, as the profile shows it. */
export const ZTransferRecord = z.object({
  id: ZId,
  sourceSchool: ZCtfSchoolRef,
  receivedAt: ZIsoDateTime,
  importId: ZId.nullable(),
  document: ZCtfTransferDocument,
});
export type TTransferRecord = z.infer<typeof ZTransferRecord>;
export const ZTransferRecordList = z.object({ items: z.array(ZTransferRecord) });
export type TTransferRecordList = z.infer<typeof ZTransferRecordList>;

/** What a CTF upload's preview says of the file itself. */
export const ZCtfSummary = z.object({
  version: z.string(),
  documentName: z.string().nullable(),
  documentQualifier: z.string().nullable(),
  generatedAt: z.string().nullable(),
  sourceSchool: ZCtfSchoolRef,
  destSchool: z.object({ lea: z.string().nullable(), estab: z.string().nullable() }),
  pupils: z.number().int(),
});
export type TCtfSummary = z.infer<typeof ZCtfSummary>;

export const ZCtfExportRequest = z.strictObject({
  siteId: ZId,
  upns: z.array(z.string().trim().toUpperCase().regex(/^[A-Z0-9]{13}$/, 'A UPN of 13 characters')).min(1).max(2000),
  to: ZCtfDestination,
});
export type TCtfExportRequest = z.infer<typeof ZCtfExportRequest>;
