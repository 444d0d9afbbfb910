/** Members of staff of a site, for pickers (incident staff, debriefs, parent informed by). */
import { z } from 'zod';
import { ZAllowed, ZId } from './common.ts';
import { ZEmailOrNull } from './contact-details.ts';
import { ZPhotoField } from './photos.ts';

export const ZStaffListQuery = z.object({
  siteId: z.uuid().optional(),
  search: z.string().trim().max(100).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).default(200),
});
export const ZStaffMember = z.object({
  id: ZId.describe('The staff record id (staff_members), used in incidents'),
  siteId: ZId,
  displayName: z.string(),
  jobTitle: z.string(),
  userId: ZId.nullable(),
  photo: ZPhotoField,
});
export const ZStaffList = z.object({ items: z.array(ZStaffMember), total: z.number().int() });

/** Staff records as the school office keeps them (people.manage): every member of staff, with or without an account. */
export const STAFF_RECORD_STATUSES = ['current', 'left', 'all'] as const;
export const ZStaffRecordQuery = z.object({
  siteId: z.uuid(),
  status: z.enum(STAFF_RECORD_STATUSES).default('current'),
  search: z.string().trim().max(100).optional(),
});
export const ZStaffRecord = z.object({
  id: ZId,
  siteId: ZId,
  forename: z.string(),
  surname: z.string(),
  displayName: z.string(),
  jobTitle: z.string(),
  email: z.string().nullable(),
  staffCode: z.string().nullable(),
  /** The user account that signs in as this member of staff; null for supply and visiting staff without one. */
  userId: ZId.nullable(),
  /** false once marked as left. */
  active: z.boolean(),
  allowed: ZAllowed,
});
export const ZStaffRecordList = z.object({ items: z.array(ZStaffRecord), total: z.number().int() });

const ZStaffName = (what: string) => z.string().trim().min(1, `Enter the ${what}`).max(100);
const ZStaffCodeOrNull = z.string().trim().max(20).transform((s) => (s === '' ? null : s)).nullable();
export const ZStaffRecordCreate = z.strictObject({
  siteId: z.uuid(),
  forename: ZStaffName('forename'),
  surname: ZStaffName('surname'),
  jobTitle: z.string().trim().min(1, 'Enter the job title, for example Supply teacher').max(100),
  email: ZEmailOrNull.optional(),
  staffCode: ZStaffCodeOrNull.optional(),
});
export const ZStaffRecordUpdate = z.strictObject({
  forename: ZStaffName('forename').optional(),
  surname: ZStaffName('surname').optional(),
  jobTitle: z.string().trim().min(1, 'Enter the job title').max(100).optional(),
  email: ZEmailOrNull.optional(),
  staffCode: ZStaffCodeOrNull.optional(),
  /** false marks the member of staff as left (kept for the records they appear in); true brings them back. */
  active: z.boolean().optional(),
});
export type TStaffRecord = z.infer<typeof ZStaffRecord>;
export type TStaffRecordCreate = z.input<typeof ZStaffRecordCreate>;
export type TStaffRecordUpdate = z.input<typeof ZStaffRecordUpdate>;
