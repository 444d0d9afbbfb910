/**
 * Behaviour support plans (SUP-1): the plan's sections (positive behaviour support), its lifecycle and versions, the
 * field-level history, the author's signature, parents' acknowledgements and the trust's template.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { ACK_METHODS, PLAN_SECTIONS, PLAN_STATUSES } from './plans-codes.ts';

export const ZPlanStatus = z.enum(PLAN_STATUSES);

export type TPlanSectionKey = typeof PLAN_SECTIONS[number]['key'];
export const PLAN_SECTION_KEYS = PLAN_SECTIONS.map((s) => s.key) as [TPlanSectionKey, ...TPlanSectionKey[]];
export const ZPlanSectionKey = z.enum(PLAN_SECTION_KEYS);

export const PLAN_TEXT_MAX = 4000;
export const PLAN_ITEM_MAX = 300;
export const PLAN_ITEMS_MAX = 30;

const text = z.string().trim().max(PLAN_TEXT_MAX);
const items = z.array(z.string().trim().min(1).max(PLAN_ITEM_MAX)).max(PLAN_ITEMS_MAX);

/** Every editable field of a plan (all optional in a change). */
export const ZPlanFields = z.object({
  aboutStrengths: text, aboutInterests: text, aboutCommunication: text, perceivedFunction: text,
  triggers: items, earlyWarningSigns: items, proactiveStrategies: items, deescalationStrategies: items, whatToAvoid: items,
  reactiveStrategies: text,
  /** Technique codes from the site's technique list. */
  approvedHolds: z.array(z.string().trim().min(1).max(64)).max(PLAN_ITEMS_MAX),
  recoverySupport: text, targets: items, pupilVoice: text, parentVoice: text,
  ownerUserId: ZId.nullable(),
  reviewDate: ZIsoDate.nullable(),
});
export type TPlanFields = z.infer<typeof ZPlanFields>;
export const PLAN_FIELD_LABELS: Record<keyof TPlanFields, string> = {
  ...Object.fromEntries(PLAN_SECTIONS.map((s) => [s.key, s.heading])) as Record<TPlanSectionKey, string>,
  ownerUserId: 'Plan owner', reviewDate: 'Review date',
};

export const PLAN_STARTS = ['template', 'previous', 'other_site'] as const;
export const ZPlanStart = z.enum(PLAN_STARTS);

export const ZPlanCreate = z.strictObject({
  pupilId: ZId,
  /** template: a blank plan with the trust's headings; previous / other_site: a copy of `copyFromPlanId`. */
  startFrom: ZPlanStart.default('template'),
  copyFromPlanId: ZId.optional(),
});
export const ZPlanUpdate = ZPlanFields.partial().extend({ version: z.int().min(1) }).strict();
export const ZPlanVersionBody = z.strictObject({ version: z.int().min(1) });

export const ZAckMethod = z.enum(ACK_METHODS);
export const ZPlanAcknowledge = z.strictObject({
  version: z.int().min(1),
  contactId: ZId,
  method: ZAckMethod,
  acknowledgedAt: ZIsoDateTime,
  note: z.string().trim().max(1000).optional(),
});

export const ZPlanWording = z.record(z.string(), z.object({ heading: z.string(), prompt: z.string() }));

export const ZPlanAcknowledgement = z.object({
  id: ZId, planVersion: z.int(), contactId: ZId, contactName: z.string(), relationship: z.string().nullable(),
  method: z.string(), acknowledgedAt: ZIsoDateTime, recordedVia: z.string(), recordedByName: z.string().nullable(), note: z.string().nullable(),
});

export const ZPlanSummary = z.object({
  id: ZId, pupilId: ZId, siteId: ZId, siteName: z.string(), status: ZPlanStatus, version: z.int(),
  ownerName: z.string().nullable(), reviewDate: ZIsoDate.nullable(), reviewOverdue: z.boolean(),
  activatedAt: ZIsoDateTime.nullable(), supersededAt: ZIsoDateTime.nullable(), updatedAt: ZIsoDateTime,
  signed: z.boolean(), acknowledged: z.boolean(),
  /** Parents read and acknowledge it in the parent portal. */
  shareableWithParents: z.boolean(),
  /** Written at another site than the pupil's current one (the pupil moved). */
  otherSite: z.boolean(),
});
export type TPlanSummary = z.infer<typeof ZPlanSummary>;

export const ZPlan = ZPlanSummary.extend({
  pupil: z.object({ id: ZId, displayName: z.string() }),
  fields: ZPlanFields,
  wording: ZPlanWording,
  holdLabels: z.record(z.string(), z.string()),
  startedFrom: ZPlanStart,
  copiedFromPlanId: ZId.nullable(),
  signature: z.object({ byName: z.string(), at: ZIsoDateTime, version: z.int(), current: z.boolean() }).nullable(),
  acknowledgements: z.array(ZPlanAcknowledgement),
  createdByName: z.string(), updatedByName: z.string(),
  allowed: ZAllowed,
});
export type TPlan = z.infer<typeof ZPlan>;

export const ZPlanList = z.object({
  pupil: z.object({ id: ZId, displayName: z.string(), siteId: ZId }),
  items: z.array(ZPlanSummary),
  allowed: ZAllowed,
});
export type TPlanList = z.infer<typeof ZPlanList>;

export const ZPlanVersion = z.object({
  version: z.int(), status: ZPlanStatus, event: z.string(), savedByName: z.string(), savedAt: ZIsoDateTime, fields: ZPlanFields,
});
export const ZPlanChange = z.object({
  version: z.int(), field: z.string(), fieldLabel: z.string(), from: z.unknown(), to: z.unknown(), changedByName: z.string(), changedAt: ZIsoDateTime,
});
export const ZPlanHistory = z.object({ versions: z.array(ZPlanVersion), changes: z.array(ZPlanChange) });
export type TPlanHistory = z.infer<typeof ZPlanHistory>;

/** Choices the editor needs: the site's techniques, who may own a plan, the pupil's parents. */
export const ZPlanOptions = z.object({
  techniques: z.array(z.object({ code: z.string(), label: z.string() })),
  owners: z.array(z.object({ userId: ZId, name: z.string() })),
  contacts: z.array(z.object({ id: ZId, name: z.string(), relationship: z.string() })),
});
export type TPlanOptions = z.infer<typeof ZPlanOptions>;

export const ZPlanTemplateSection = z.object({
  key: ZPlanSectionKey,
  heading: z.string().trim().min(1).max(120),
  prompt: z.string().trim().max(500),
});
export const ZPlanTemplate = z.object({
  sections: z.array(ZPlanTemplateSection),
  version: z.int(),
  /** Whether the trust has saved its own (false: Haven's headings). */
  customised: z.boolean(),
  allowed: ZAllowed,
});
export type TPlanTemplate = z.infer<typeof ZPlanTemplate>;
export const ZPlanTemplateUpdate = z.strictObject({
  sections: z.array(ZPlanTemplateSection).min(1).max(PLAN_SECTIONS.length),
  version: z.int().min(0),
});
