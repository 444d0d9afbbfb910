/**
 * Behaviour support plans (SUP-1): the plan's sections (positive behaviour support), its lifecycle and versions, the
 * field-level history, the author's signature, parents' acknowledgements and the trust's template.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';

export const PLAN_STATUSES = ['draft', 'active', 'superseded'] as const;
export const ZPlanStatus = z.enum(PLAN_STATUSES);
export type TPlanStatus = z.infer<typeof ZPlanStatus>;
export const PLAN_STATUS_LABELS: Record<TPlanStatus, string> = { draft: 'Draft', active: 'Active', superseded: 'Superseded' };

/** The plan's sections, in the order the plan reads; `list` sections hold one point per line. */
export const PLAN_SECTIONS = [
  { key: 'aboutStrengths', kind: 'text', heading: 'About me: my strengths', prompt: 'What am I good at? What do people like about me?' },
  { key: 'aboutInterests', kind: 'text', heading: 'About me: what I enjoy', prompt: 'My interests, favourite things and what motivates me.' },
  { key: 'aboutCommunication', kind: 'text', heading: 'About me: how I communicate', prompt: 'How I tell you things, and how to talk to me so I understand.' },
  { key: 'perceivedFunction', kind: 'text', heading: 'What my behaviour may be telling you', prompt: 'What we think the behaviour communicates or achieves (e.g. escape, attention, sensory, tangible).' },
  { key: 'triggers', kind: 'list', heading: 'Triggers', prompt: 'Situations, times or things that can lead to distress.' },
  { key: 'earlyWarningSigns', kind: 'list', heading: 'Early warning signs', prompt: 'What you will see or hear when I am becoming anxious.' },
  { key: 'proactiveStrategies', kind: 'list', heading: 'What helps every day (proactive)', prompt: 'Routines and support that keep me calm and able to learn.' },
  { key: 'deescalationStrategies', kind: 'list', heading: 'What helps when I am upset (de-escalation)', prompt: 'What to say and do when you see the early signs.' },
  { key: 'whatToAvoid', kind: 'list', heading: 'What to avoid', prompt: 'Things that make it worse.' },
  { key: 'reactiveStrategies', kind: 'text', heading: 'If I am in crisis (reactive strategies)', prompt: 'How to keep me and others safe; the least restrictive response first.' },
  { key: 'approvedHolds', kind: 'holds', heading: 'Approved physical interventions (handling plan)', prompt: 'Only these holds may be used, and only as a last resort.' },
  { key: 'recoverySupport', kind: 'text', heading: 'Recovery and support afterwards', prompt: 'How to help me calm down, repair and return to learning.' },
  { key: 'targets', kind: 'list', heading: 'My targets', prompt: 'What we are working towards together.' },
  { key: 'pupilVoice', kind: 'text', heading: 'What I say', prompt: 'My own words about what helps me.' },
  { key: 'parentVoice', kind: 'text', heading: 'What my parents or carers say', prompt: 'What works at home, and what they would like school to know.' },
] as const;
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

export const ACK_METHODS = ['in_person', 'phone', 'email', 'letter'] as const;
export const ZAckMethod = z.enum(ACK_METHODS);
export const ACK_METHOD_LABELS: Record<typeof ACK_METHODS[number] | 'portal', string> = {
  in_person: 'In person', phone: 'By phone', email: 'By email', letter: 'By signed letter', portal: 'Through the parent portal',
};
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
