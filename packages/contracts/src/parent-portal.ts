/**
 * The parent portal (PAR-1, PAR-2, LAW-12): what a parent reads about each of their children, what they acknowledge,
 * how they want to hear of new records, and the trust's visibility settings.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { ZPlanFields, ZPlanWording } from './plans.ts';
import { NOTIFY_FREQUENCIES } from './parent-portal-codes.ts';

/** Kinds of record a parent is emailed about (PAR-2), each with its own choice. */
export const PORTAL_KINDS = ['incident', 'points', 'sanction', 'suspension', 'meeting', 'plan', 'restraint_copy', 'letter'] as const;
export type TPortalKind = typeof PORTAL_KINDS[number];
export const PORTAL_KIND_LABELS: Record<TPortalKind, string> = {
  incident: 'Incidents', points: 'Points and positive notes', sanction: 'Detentions and isolation', suspension: 'Suspensions',
  meeting: 'Meetings', plan: 'Behaviour support plans', restraint_copy: 'Records of physical intervention', letter: 'Messages and letters',
};
export const ZNotifyFrequency = z.enum(NOTIFY_FREQUENCIES);

export const ZPortalChild = z.object({
  id: ZId, displayName: z.string(), firstName: z.string(), yearGroup: z.int(), siteName: z.string(), formName: z.string().nullable(),
  /** How many of this child's records wait for the parent's acknowledgement. */
  toAcknowledge: z.int(),
});
export type TPortalChild = z.infer<typeof ZPortalChild>;

export const ZPortalAckItem = z.object({
  kind: z.enum(['plan', 'restraint_copy']), id: ZId, pupilId: ZId, pupilName: z.string(), title: z.string(), since: ZIsoDateTime.nullable(),
});
export type TPortalAckItem = z.infer<typeof ZPortalAckItem>;

export const ZPortalHome = z.object({ children: z.array(ZPortalChild), needsAcknowledgement: z.array(ZPortalAckItem) });
export type TPortalHome = z.infer<typeof ZPortalHome>;

export const ZPortalIncident = z.object({
  id: ZId, occurredOn: ZIsoDate.nullable(), time: z.string().nullable(), location: z.string().nullable(), categories: z.array(z.string()),
  /** This child's part: involved | instigator | affected | witness. */
  role: z.string(), actions: z.array(z.string()), physicalIntervention: z.boolean(),
  /** What happened, in the school's words: only when this child is the only pupil on the record and staff may be named. */
  description: z.string().nullable(), descriptionWithheld: z.boolean(),
  /** The staff on the record, or null when the trust hides staff names. */
  staff: z.array(z.string()).nullable(),
});
export const ZPortalLetterRef = z.object({
  id: ZId, subject: z.string(), recordType: z.string(), channel: z.string(), status: z.string(),
  sentAt: ZIsoDateTime.nullable(), createdAt: ZIsoDateTime, hasFile: z.boolean(),
});
export type TPortalLetterRef = z.infer<typeof ZPortalLetterRef>;

export const ZPortalRecord = z.object({
  child: ZPortalChild,
  staffNamesHidden: z.boolean(),
  points: z.object({ positive: z.int(), negative: z.int(), total: z.int(), since: ZIsoDate }),
  positiveNotes: z.array(z.object({ id: ZId, occurredOn: ZIsoDate, category: z.string(), points: z.int(), note: z.string().nullable(), recordedBy: z.string().nullable() })),
  incidents: z.array(ZPortalIncident),
  detentions: z.array(z.object({ id: ZId, date: ZIsoDate, startTime: z.string(), endTime: z.string(), type: z.string(), room: z.string(), reason: z.string().nullable(), status: z.string() })),
  isolations: z.array(z.object({ id: ZId, date: ZIsoDate, session: z.string(), room: z.string(), reason: z.string().nullable(), status: z.string() })),
  suspensions: z.array(z.object({
    id: ZId, category: z.string(), startDate: ZIsoDate, sessions: z.int().nullable(), returnDate: ZIsoDate.nullable(), status: z.string(),
    letters: z.array(ZPortalLetterRef),
  })),
  meetings: z.array(z.object({ id: ZId, type: z.string(), date: ZIsoDate, startTime: z.string().nullable(), place: z.string().nullable(), status: z.string() })),
  plans: z.array(z.object({ id: ZId, version: z.int(), activatedAt: ZIsoDateTime.nullable(), reviewDate: ZIsoDate.nullable(), acknowledgedAt: ZIsoDateTime.nullable() })),
  restraintCopies: z.array(z.object({
    id: ZId, incidentId: ZId, occurredOn: ZIsoDate.nullable(), sentAt: ZIsoDateTime.nullable(), createdAt: ZIsoDateTime, hasFile: z.boolean(),
    acknowledgedAt: ZIsoDateTime.nullable(),
  })),
  letters: z.array(ZPortalLetterRef),
});
export type TPortalRecord = z.infer<typeof ZPortalRecord>;

export const ZPortalPlan = z.object({
  id: ZId, pupilId: ZId, pupilName: z.string(), version: z.int(), activatedAt: ZIsoDateTime.nullable(), reviewDate: ZIsoDate.nullable(),
  fields: ZPlanFields.omit({ ownerUserId: true }), wording: ZPlanWording, holdLabels: z.record(z.string(), z.string()),
  acknowledgedAt: ZIsoDateTime.nullable(), allowed: ZAllowed,
});
export type TPortalPlan = z.infer<typeof ZPortalPlan>;

export const ZPortalPlanAcknowledge = z.strictObject({ version: z.int().min(1) });
export const ZPortalAcknowledged = z.object({ kind: z.enum(['plan', 'restraint_copy']), id: ZId, acknowledgedAt: ZIsoDateTime });

export const ZNotificationPreferences = z.object({
  items: z.array(z.object({ kind: z.enum(PORTAL_KINDS), label: z.string(), frequency: ZNotifyFrequency })),
});
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;
export const ZNotificationPreferencesUpdate = z.strictObject({
  items: z.array(z.strictObject({ kind: z.enum(PORTAL_KINDS), frequency: ZNotifyFrequency })).min(1).max(PORTAL_KINDS.length),
});

export const ZPortalSettings = z.object({
  hiddenCategoryCodes: z.array(z.string()), hideStaffNames: z.boolean(), version: z.int(),
  categories: z.array(z.object({ code: z.string(), name: z.string(), polarity: z.string() })),
  updatedAt: ZIsoDateTime.nullable(), updatedByName: z.string().nullable(),
});
export type TPortalSettings = z.infer<typeof ZPortalSettings>;
export const ZPortalSettingsUpdate = z.strictObject({
  hiddenCategoryCodes: z.array(z.string().trim().min(1).max(100)).max(500),
  hideStaffNames: z.boolean(),
  version: z.int().min(0),
});

export const ZPlanSharing = z.strictObject({ shareableWithParents: z.boolean() });
export const ZPlanSharingResult = z.object({ id: ZId, shareableWithParents: z.boolean(), sharedWithParentsAt: ZIsoDateTime.nullable() });
