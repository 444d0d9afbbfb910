/**
 * Invitations (issue 12): a member of staff, a parent or an agency professional is invited by email to set their
 * own password through a single-use, expiring link; and agency shares (a time-limited share of named records).
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate } from './common.ts';
import { ZAssignmentInput } from './admin.ts';
import { ZNewPassword } from './auth.ts';


export const INVITATION_KINDS = ['staff', 'parent', 'agency'] as const;
export const ZInvitationKind = z.enum(INVITATION_KINDS);
export type TInvitationKind = z.infer<typeof ZInvitationKind>;
export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export const ZInvitationStatus = z.enum(INVITATION_STATUSES);

export const ZInvitation = z.object({
  id: ZId,
  kind: ZInvitationKind,
  userId: ZId,
  email: z.string(),
  displayName: z.string(),
  status: ZInvitationStatus,
  expiresAt: z.string(),
  createdAt: z.string(),
  usedAt: z.string().nullable(),
  /** pending | sent | failed: <reason> — whether the email went. */
  emailStatus: z.string(),
  allowed: ZAllowed.describe('resend, revoke'),
});
export type TInvitation = z.infer<typeof ZInvitation>;

/** Whether a user has set a password, and their latest invitation (the users page). */
export const ZUserInvitationState = z.object({ passwordSet: z.boolean(), invitation: ZInvitation.nullable() });

/** Invite a member of staff: the account is created without a password; they set one from the email. */
export const ZStaffInvite = z.strictObject({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(120),
  assignments: z.array(ZAssignmentInput).max(50).default([]),
});

/** Invite a parent or carer to the parent portal, linked to one or more of their contact records. */
export const ZParentInvite = z.strictObject({
  contactIds: z.array(ZId).min(1, 'Choose at least one contact').max(10),
  /** The address to send to; the first contact's email when omitted. */
  email: z.email().max(254).optional(),
  displayName: z.string().trim().min(1).max(120).optional(),
});

/** A contact's parent-portal account, as the office sees it on a pupil's profile. */
export const ZPortalAccess = z.object({
  contactId: ZId,
  email: z.string().nullable(),
  account: z.enum(['none', 'invited', 'active']),
  invitation: ZInvitation.nullable(),
  allowed: ZAllowed.describe('invite'),
});
export const ZPortalAccessList = z.object({ items: z.array(ZPortalAccess) });

export const ZInvitationToken = z.strictObject({ token: z.string().min(20).max(200) });

/** What the set-password page shows before the password is chosen. */
export const ZInvitationCheck = z.object({
  email: z.string(),
  displayName: z.string(),
  kind: ZInvitationKind,
  expiresAt: z.string(),
  /** required: the role needs two-factor sign-in; optional: offered. */
  twoFactor: z.enum(['required', 'optional', 'enrolled']),
});

export const ZInvitationAccept = z.strictObject({
  token: z.string().min(20).max(200),
  password: ZNewPassword,
  /** Set up two-factor sign-in now even though the role does not require it. */
  setUpTwoFactor: z.boolean().optional(),
});

/** Agency shares: records about one pupil shared with an agency professional until a date. */
/**
 * The kinds of record a share can name. Adding a kind is this one line plus its entry in the server's share-kind
 * registry (modules/agency-shares/share-kinds.ts), which the type system requires.
 */
export const AGENCY_RECORD_TYPES = ['incident', 'pupil_summary', 'agency_report', 'professional_report'] as const;
export const ZAgencyRecordType = z.enum(AGENCY_RECORD_TYPES);
export type TAgencyRecordType = z.infer<typeof ZAgencyRecordType>;

export const ZAgencyShareCreate = z.strictObject({
  pupilId: ZId,
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(120),
  /** The last day the share can be read (Europe/London), at most a year ahead. */
  expiresOn: ZIsoDate,
  records: z.array(z.strictObject({ type: ZAgencyRecordType, id: ZId })).min(1, 'Choose at least one record to share').max(200),
});

export const ZAgencyShare = z.object({
  id: ZId,
  pupilId: ZId,
  pupilName: z.string(),
  siteId: ZId,
  userId: ZId,
  agencyName: z.string(),
  agencyEmail: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
  records: z.array(z.object({ type: ZAgencyRecordType, id: ZId, label: z.string() })),
  invitation: ZInvitation.nullable(),
  allowed: ZAllowed.describe('revoke'),
});
export type TAgencyShare = z.infer<typeof ZAgencyShare>;
export const ZAgencyShareList = z.object({ items: z.array(ZAgencyShare) });

/** A shared incident as the agency professional reads it: no other pupil and no member of staff is named. */
export const ZSharedIncident = z.object({
  id: ZId,
  occurredAt: z.string().nullable(),
  occurredOn: z.string().nullable(),
  location: z.string().nullable(),
  severity: z.number().int().nullable(),
  categories: z.array(z.string()),
  antecedent: z.string().nullable(),
  behaviour: z.string().nullable(),
  consequence: z.string().nullable(),
  physicalIntervention: z.boolean(),
});
export type TSharedIncident = z.infer<typeof ZSharedIncident>;
