/** Staff training (STF-1): courses, sessions and registers, certificates, the training matrix, line management. */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate } from './common.ts';
import { ZImportProblem } from './imports.ts';
import { MATRIX_STATUSES } from './training-codes.ts';

export const ZMatrixStatus = z.enum(MATRIX_STATUSES);
export const ATTENDANCE = ['booked', 'attended', 'absent'] as const;
export const ZAttendance = z.enum(ATTENDANCE);
export const COMPETENCE = ['passed', 'not_yet'] as const;
export const ZCompetence = z.enum(COMPETENCE);
export const SESSION_STATUSES = ['planned', 'completed', 'cancelled'] as const;

const ZText = (max: number, what: string) => z.string().trim().min(1, `Enter the ${what}`).max(max);
const ZCodes = z.array(z.string().trim().min(1).max(40)).max(60).refine((a) => new Set(a).size === a.length, 'Name each technique once');

export const ZCourseInput = z.strictObject({
  code: ZText(20, 'course code'),
  name: ZText(200, 'course name'),
  provider: ZText(100, 'provider'),
  level: z.string().trim().max(60).nullable().default(null),
  validityMonths: z.number().int().min(1, 'A certificate must last at least a month').max(120),
  graceMonths: z.number().int().min(0).max(24).default(0),
  graceNote: z.string().trim().max(200).nullable().default(null),
  techniqueCodes: ZCodes.default([]),
  physicalSkills: z.boolean().default(false),
  tutorCourse: z.boolean().default(false),
  refresherCourseId: ZId.nullable().default(null),
  fullCourseEveryYears: z.number().int().min(1).max(10).nullable().default(null),
  active: z.boolean().default(true),
});
export type TCourseInput = z.input<typeof ZCourseInput>;
export const ZCourseUpdate = ZCourseInput.extend({ version: z.number().int().min(1) });
export const ZCourse = z.object({
  id: ZId, code: z.string(), name: z.string(), provider: z.string(), level: z.string().nullable(),
  validityMonths: z.number().int(), graceMonths: z.number().int(), graceNote: z.string().nullable(),
  techniqueCodes: z.array(z.string()), physicalSkills: z.boolean(), tutorCourse: z.boolean(),
  refresherCourseId: ZId.nullable(), fullCourseEveryYears: z.number().int().nullable(), active: z.boolean(),
  version: z.number().int(), allowed: ZAllowed,
});
export type TCourse = z.infer<typeof ZCourse>;
export const ZCourseList = z.object({ items: z.array(ZCourse), techniques: z.array(z.object({ code: z.string(), label: z.string() })) });

export const ZSessionInput = z.strictObject({
  courseId: ZId,
  siteId: ZId.nullable().default(null),
  tutorStaffId: ZId,
  venue: ZText(200, 'venue'),
  startsOn: ZIsoDate,
  endsOn: ZIsoDate,
  capacity: z.number().int().min(1, 'Capacity must be at least 1').max(200),
  instructors: z.number().int().min(1).max(20).default(1),
  notes: z.string().trim().max(2000).nullable().default(null),
}).refine((s) => s.endsOn >= s.startsOn, { path: ['endsOn'], message: 'The last day cannot be before the first' });
export type TSessionInput = z.input<typeof ZSessionInput>;
export const ZSessionQuery = z.object({
  siteId: ZId.optional(), courseId: ZId.optional(), upcoming: z.enum(['true', 'false']).optional(),
});
export const ZAttendee = z.object({
  id: ZId, staffId: ZId, staffName: z.string(), siteId: ZId, attendance: ZAttendance,
  competence: z.record(z.string(), ZCompetence), certificateId: ZId.nullable(), version: z.number().int(),
});
export const ZSession = z.object({
  id: ZId, courseId: ZId, courseName: z.string(), provider: z.string(), physicalSkills: z.boolean(),
  techniqueCodes: z.array(z.string()), siteId: ZId.nullable(), tutorStaffId: ZId, tutorName: z.string(),
  /** Whether the tutor holds a valid tutor certificate of the course's provider on the first day (shown, not enforced). */
  tutorStatus: z.enum(['valid', 'in_grace', 'expired', 'missing']),
  venue: z.string(), startsOn: ZIsoDate, endsOn: ZIsoDate, capacity: z.number().int(), instructors: z.number().int(),
  status: z.enum(SESSION_STATUSES), notes: z.string().nullable(), booked: z.number().int(), version: z.number().int(),
  attendees: z.array(ZAttendee).optional(), allowed: ZAllowed,
});
export type TSession = z.infer<typeof ZSession>;
export const ZSessionList = z.object({ items: z.array(ZSession) });
export const ZBookingInput = z.strictObject({ staffIds: z.array(ZId).min(1, 'Choose at least one member of staff').max(200) });
export const ZRegisterInput = z.strictObject({
  entries: z.array(z.strictObject({
    attendeeId: ZId, version: z.number().int().min(1), attendance: ZAttendance,
    competence: z.record(z.string().max(40), ZCompetence).default({}),
  })).min(1).max(200),
});
export const ZIssueResult = z.object({ issued: z.number().int(), skipped: z.array(z.object({ staffName: z.string(), reason: z.string() })) });

export const ZCertificate = z.object({
  id: ZId, staffId: ZId, staffName: z.string(), siteId: ZId, courseId: ZId, courseName: z.string(), provider: z.string(),
  issuedOn: ZIsoDate, expiresOn: ZIsoDate, graceUntil: ZIsoDate, techniqueCodes: z.array(z.string()),
  certificateNumber: z.string().nullable(), source: z.enum(['session', 'import', 'manual']), sessionId: ZId.nullable(),
  status: ZMatrixStatus, revoked: z.boolean(), allowed: ZAllowed,
});
export type TCertificate = z.infer<typeof ZCertificate>;
export const ZCertificateQuery = z.object({ staffId: ZId.optional(), siteId: ZId.optional(), courseId: ZId.optional() });
export const ZCertificateList = z.object({ items: z.array(ZCertificate) });
export const ZCertificateInput = z.strictObject({
  staffId: ZId, courseId: ZId, issuedOn: ZIsoDate,
  techniqueCodes: ZCodes.optional(), certificateNumber: z.string().trim().max(60).nullable().default(null),
});

export const ZMatrixQuery = z.object({
  siteId: ZId.optional(),
  courseId: ZId.optional(),
  status: ZMatrixStatus.optional(),
  search: z.string().trim().max(100).optional(),
  on: ZIsoDate.optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
/** Plain strings in the cells (ids and ISO dates as stored): a trust's matrix has 20,000 cells, each checked on the way out. */
export const ZMatrixCell = z.object({ status: ZMatrixStatus, expiresOn: z.string().nullable(), certificateId: z.string().nullable() });
export const ZMatrix = z.object({
  on: ZIsoDate,
  courses: z.array(z.object({ id: ZId, code: z.string(), name: z.string() })),
  rows: z.array(z.object({ staffId: z.string(), staffName: z.string(), jobTitle: z.string(), siteId: z.string(), siteName: z.string(), cells: z.array(ZMatrixCell) })),
  totals: z.record(ZMatrixStatus, z.number().int()),
});
export type TMatrix = z.infer<typeof ZMatrix>;

export const ZMyTraining = z.object({
  staff: z.array(z.object({ staffId: ZId, siteId: ZId, staffName: z.string() })),
  certificates: z.array(ZCertificate),
  lineManager: z.object({ staffId: ZId, name: z.string() }).nullable(),
  managedStaffIds: z.array(ZId),
});
export const ZCertificateImportQuery = z.object({ fileHash: z.string().regex(/^[0-9a-f]{64}$/, 'The SHA-256 the preview reported').optional() });
export const ZCertificateImport = z.object({
  fileHash: z.string(), rows: z.number().int(), valid: z.number().int(), problems: z.array(ZImportProblem), committed: z.boolean(),
  sample: z.array(z.object({ row: z.number().int(), staff: z.string(), course: z.string(), issuedOn: ZIsoDate, expiresOn: ZIsoDate })),
});

export const ZLineManagementInput = z.strictObject({
  staffId: ZId, managerStaffId: ZId, startsOn: ZIsoDate, endsOn: ZIsoDate.nullable().default(null),
}).refine((l) => l.endsOn === null || l.endsOn >= l.startsOn, { path: ['endsOn'], message: 'The end cannot be before the start' })
  .refine((l) => l.staffId !== l.managerStaffId, { path: ['managerStaffId'], message: 'A member of staff cannot manage themselves' });
export const ZLineManagementEnd = z.strictObject({ endsOn: ZIsoDate, version: z.number().int().min(1) });
export const ZLineManagement = z.object({
  id: ZId, staffId: ZId, staffName: z.string(), staffSiteId: ZId, managerStaffId: ZId, managerName: z.string(), managerSiteId: ZId,
  startsOn: ZIsoDate, endsOn: ZIsoDate.nullable(), version: z.number().int(), allowed: ZAllowed,
});
export const ZLineManagementList = z.object({ items: z.array(ZLineManagement) });
export const ZLineManagementQuery = z.object({ siteId: ZId.optional(), on: ZIsoDate.optional() });
