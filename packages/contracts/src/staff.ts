/** Members of staff of a site, for pickers (incident staff, debriefs, parent informed by). */
import { z } from 'zod';
import { ZId } from './common.ts';
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
