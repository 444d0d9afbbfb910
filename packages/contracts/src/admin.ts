import { z } from 'zod';
import { ZExportFormat } from './export.ts';
import { ZAllowed, ZId, ZIsoDate, ZPageQuery, page } from './common.ts';
import { ZPhase, ZRole, ZSiteKind } from './enums.ts';
import { ZNewPassword, ZRoleAssignment } from './auth.ts';

export const ZSite = z.object({
  id: ZId,
  name: z.string(),
  shortName: z.string(),
  urn: z.string().nullable(),
  laCode: z.string().nullable().describe('3-digit local authority code'),
  establishmentNumber: z.string().nullable().describe('4-digit DfE establishment number'),
  phase: ZPhase,
  kind: ZSiteKind,
  active: z.boolean(),
  version: z.number().int(),
  allowed: ZAllowed,
});
export type TSite = z.infer<typeof ZSite>;

export const ZSiteCreate = z.strictObject({
  name: z.string().trim().min(2).max(120),
  shortName: z.string().trim().min(1).max(20),
  urn: z.string().regex(/^\d{6}$/, 'A URN is 6 digits').nullable().optional(),
  laCode: z.string().regex(/^\d{3}$/, 'An LA code is 3 digits').nullable().optional(),
  establishmentNumber: z.string().regex(/^\d{4}$/, 'An establishment number is 4 digits').nullable().optional(),
  phase: ZPhase,
  kind: ZSiteKind,
});
export const ZSiteUpdate = ZSiteCreate.partial().extend({
  active: z.boolean().optional(),
  version: z.number().int().describe('The version you edited, for optimistic concurrency'),
}).strict();
export const ZSiteList = z.object({ items: z.array(ZSite), total: z.number().int() });

export const ZUserListQuery = ZPageQuery.extend({
  search: z.string().trim().max(100).optional(),
  siteId: z.uuid().optional(),
  role: ZRole.optional(),
});

export const ZUser = z.object({
  id: ZId,
  email: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  assignments: z.array(ZRoleAssignment),
  version: z.number().int(),
  allowed: ZAllowed,
});
export type TUser = z.infer<typeof ZUser>;
export const ZUserList = page(ZUser);

export const ZAssignmentInput = z.strictObject({ role: ZRole, siteId: z.uuid().nullable() });

export const ZUserCreate = z.strictObject({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(120),
  password: ZNewPassword,
  assignments: z.array(ZAssignmentInput).max(50).default([]),
});
export const ZUserUpdate = z.strictObject({
  displayName: z.string().trim().min(1).max(120).optional(),
  active: z.boolean().optional(),
  password: ZNewPassword.optional(),
  resetTotp: z.boolean().optional(),
  unlock: z.boolean().optional(),
  version: z.number().int(),
});

export const ZAuditQuery = ZPageQuery.extend({
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.uuid().optional(),
  actorUserId: z.uuid().optional(),
  siteId: z.uuid().optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  format: ZExportFormat.optional(),
});
export const ZAuditEntry = z.object({
  seq: z.number().int(),
  id: ZId,
  at: z.string(),
  actorUserId: ZId.nullable(),
  actorLabel: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  siteId: ZId.nullable(),
  details: z.unknown(),
});
export const ZAuditList = page(ZAuditEntry);
