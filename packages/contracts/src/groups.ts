/**
 * Forms, classes and teaching groups of a site kept by hand (SPEC §3): created, renamed, archived, and who is in
 * them. The same records an import of groups writes (imports.ts).
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDateTime } from './common.ts';
import { ZGroupKind, ZNcYear } from './enums.ts';

export const GROUP_LIST_STATUSES = ['current', 'archived', 'all'] as const;

export const ZPeopleGroupQuery = z.object({
  siteId: z.uuid(),
  status: z.enum(GROUP_LIST_STATUSES).default('current'),
});

const ZGroupName = z.string().trim().min(1, 'Enter the name of the group, for example 7R or Maple class').max(60);

export const ZPeopleGroup = z.object({
  id: ZId,
  siteId: ZId,
  name: z.string(),
  kind: ZGroupKind,
  yearGroup: z.number().int().nullable(),
  /** Pupils on roll in the group today. */
  memberCount: z.number().int(),
  archivedAt: ZIsoDateTime.nullable(),
  allowed: ZAllowed,
});
export const ZPeopleGroupList = z.object({ items: z.array(ZPeopleGroup), total: z.number().int() });

export const ZPeopleGroupCreate = z.strictObject({
  siteId: z.uuid(),
  name: ZGroupName,
  kind: ZGroupKind.default('form'),
  yearGroup: ZNcYear.nullable().default(null),
});
export const ZPeopleGroupUpdate = z.strictObject({
  name: ZGroupName.optional(),
  kind: ZGroupKind.optional(),
  yearGroup: ZNcYear.nullable().optional(),
  /** true archives the group (hidden from pickers, kept with its members); false brings it back. */
  archived: z.boolean().optional(),
});

export const ZGroupMember = z.object({
  pupilId: ZId,
  upn: z.string(),
  displayName: z.string(),
  yearGroup: z.number().int(),
  /** The pupil's form (registration group), if any. */
  formName: z.string().nullable(),
  onRoll: z.boolean(),
});
export const ZPeopleGroupDetail = ZPeopleGroup.extend({ members: z.array(ZGroupMember) });

export const ZGroupMembersAdd = z.strictObject({ pupilIds: z.array(z.uuid()).min(1, 'Choose at least one pupil').max(200) });
export const ZGroupCandidatesQuery = z.object({ search: z.string().trim().min(2, 'Type at least 2 letters of a name or UPN').max(100) });
export const ZGroupCandidates = z.object({ items: z.array(ZGroupMember) });

export type TPeopleGroup = z.infer<typeof ZPeopleGroup>;
export type TPeopleGroupDetail = z.infer<typeof ZPeopleGroupDetail>;
export type TGroupMember = z.infer<typeof ZGroupMember>;
export type TPeopleGroupCreate = z.input<typeof ZPeopleGroupCreate>;
export type TPeopleGroupUpdate = z.input<typeof ZPeopleGroupUpdate>;
