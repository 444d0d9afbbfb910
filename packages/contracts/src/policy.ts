/**
 * Behaviour policy configuration (POL-1, POL-2) and escalation rules (POL-3). Entries exist per trust (siteId null)
 * and per site; a site entry with the same code replaces the trust entry at that site. Nothing is deleted: entries
 * are deactivated, because records keep the codes they were made with.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate } from './common.ts';
import { ZRole } from './enums.ts';
import { ESCALATION_MEASURES, FORM_FIELD_TYPES, POLARITIES } from './policy-codes.ts';

export const ZPolarity = z.enum(POLARITIES);

export const OPTION_KINDS = ['location', 'period', 'action', 'motivation', 'technique', 'setting'] as const;
export const ZOptionKind = z.enum(OPTION_KINDS);
export type TOptionKind = z.infer<typeof ZOptionKind>;
export const OPTION_KIND_LABELS: Record<TOptionKind, string> = {
  location: 'Location', period: 'Period', action: 'Action taken', motivation: 'Perceived motivation',
  technique: 'Hold or technique', setting: 'Setting',
};

/** A new code: capitals, digits and underscores. */
export const POLICY_CODE_PATTERN = /^[A-Z0-9_]{1,30}$/;
export const POLICY_CODE_MESSAGE = 'Use 1 to 30 capital letters, digits or underscores, like LATE_TO_LESSON';
/**
 * A code as sent: also lower case, because imported or seeded entries may have lower-case codes and a site
 * overrides a trust entry (or a rule names a category) by its exact code. New codes must match POLICY_CODE_PATTERN.
 */
export const ZPolicyCode = z.string().regex(/^[A-Za-z0-9_]{1,30}$/, POLICY_CODE_MESSAGE);
export const ZClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use the 24-hour clock, like 09:05');

/** The perceived motivations of SPEC POL-1, used when a trust and site have configured none. */
export const DEFAULT_MOTIVATIONS: readonly { code: string; label: string }[] = [
  { code: 'OBTAIN_ATTENTION', label: 'Obtain attention' },
  { code: 'AVOID_TASK', label: 'Avoid task or demand' },
  { code: 'OBTAIN_ITEM', label: 'Obtain item or activity' },
  { code: 'SENSORY', label: 'Sensory' },
  { code: 'AVOID_PEER_ADULT', label: 'Avoid peer or adult' },
  { code: 'UNKNOWN', label: 'Unknown' },
];

const label = (max: number) => z.string().trim().min(1, 'Enter a name').max(max);
const sortOrder = z.number().int().min(0).max(100_000);
const ZScopeSiteId = z.uuid().nullable().describe('The site, or null for the whole trust');

/** Lists for management: one site (with the trust entries it inherits), or the trust-wide entries. */
export const ZPolicyScopeQuery = z.object({
  siteId: z.uuid().optional(),
  scope: z.literal('trust').optional().describe('Pass scope=trust instead of a siteId for the trust-wide entries'),
});

// ---- Categories ----------------------------------------------------------------------------------------------
export const ZCategoryCreate = z.strictObject({
  siteId: ZScopeSiteId,
  code: ZPolicyCode,
  name: label(80),
  polarity: ZPolarity,
  severity: z.number().int().min(0).max(5),
  points: z.number().int().min(-100).max(100).describe('Positive categories 0 or more, negative 0 or less, neutral 0'),
  quickLog: z.boolean().default(true),
  sortOrder: sortOrder.default(0),
  active: z.boolean().default(true),
});
export const ZCategoryUpdate = z.strictObject({
  name: label(80).optional(),
  polarity: ZPolarity.optional(),
  severity: z.number().int().min(0).max(5).optional(),
  points: z.number().int().min(-100).max(100).optional(),
  quickLog: z.boolean().optional(),
  sortOrder: sortOrder.optional(),
  active: z.boolean().optional(),
  version: z.number().int().describe('The version you edited, for optimistic concurrency'),
});
export const ZCategory = z.object({
  id: ZId,
  siteId: ZId.nullable(),
  code: z.string(),
  name: z.string(),
  polarity: ZPolarity,
  severity: z.number().int(),
  points: z.number().int(),
  quickLog: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  version: z.number().int(),
  /** A trust entry replaced at the listed site by a site entry with the same code. */
  overridden: z.boolean(),
  allowed: ZAllowed,
});
export type TCategory = z.infer<typeof ZCategory>;
export const ZCategoryList = z.object({ items: z.array(ZCategory), allowed: ZAllowed });

// ---- Other lists (locations, periods, actions, motivations, techniques, settings) ------------------------------
export const ZOptionDetailsInput = z.strictObject({
  start: ZClockTime.optional().describe('Periods: start time'),
  end: ZClockTime.optional().describe('Periods: end time'),
  level: z.string().trim().min(1).max(60).optional().describe('Holds and techniques: the level of the hold, e.g. Level 2 (restrictive)'),
  value: z.union([z.number(), z.string().max(200), z.boolean()]).optional().describe('Settings: the value'),
});
export const ZOptionDetails = z.object({
  start: z.string().optional(), end: z.string().optional(), level: z.string().optional(),
  value: z.union([z.number(), z.string(), z.boolean()]).optional(),
});
export const ZOptionListQuery = ZPolicyScopeQuery.extend({ kind: ZOptionKind });
export const ZOptionCreate = z.strictObject({
  kind: ZOptionKind,
  siteId: ZScopeSiteId,
  code: ZPolicyCode,
  label: label(80),
  details: ZOptionDetailsInput.default({}),
  sortOrder: sortOrder.default(0),
  active: z.boolean().default(true),
});
export const ZOptionUpdate = z.strictObject({
  label: label(80).optional(),
  details: ZOptionDetailsInput.optional(),
  sortOrder: sortOrder.optional(),
  active: z.boolean().optional(),
  version: z.number().int().describe('The version you edited, for optimistic concurrency'),
});
export const ZOption = z.object({
  id: ZId,
  siteId: ZId.nullable(),
  kind: ZOptionKind,
  code: z.string(),
  label: z.string(),
  details: ZOptionDetails,
  active: z.boolean(),
  sortOrder: z.number().int(),
  version: z.number().int(),
  overridden: z.boolean(),
  allowed: ZAllowed,
});
export type TOption = z.infer<typeof ZOption>;
export const ZOptionList = z.object({ items: z.array(ZOption), allowed: ZAllowed });

// ---- Custom incident-form fields (POL-2) -----------------------------------------------------------------------
export const ZFormFieldType = z.enum(FORM_FIELD_TYPES);
export const FORM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export const ZFormFieldInput = z.strictObject({
  key: z.string().regex(FORM_FIELD_KEY_PATTERN, 'Start with a lower-case letter; then up to 39 lower-case letters, digits or underscores'),
  label: z.string().trim().min(1, 'Enter the question or label').max(120),
  type: ZFormFieldType,
  options: z.array(z.string().trim().min(1, 'An option cannot be empty').max(100)).max(30).optional(),
  required: z.boolean().default(false),
  help: z.string().trim().max(300).optional(),
});
export const ZFormField = z.object({
  key: z.string(), label: z.string(), type: ZFormFieldType, options: z.array(z.string()).optional(), required: z.boolean(), help: z.string().optional(),
});
export type TFormField = z.infer<typeof ZFormField>;

/** Saving always creates a new version; `version` is the one you edited (0 when there was none) and a stale one is refused. */
export const ZFormPut = z.strictObject({
  siteId: ZScopeSiteId,
  fields: z.array(ZFormFieldInput).max(50),
  version: z.number().int().min(0).optional(),
});
export const ZFormVersion = z.object({
  id: ZId,
  siteId: ZId.nullable(),
  version: z.number().int(),
  fields: z.array(ZFormField),
  createdAt: z.string(),
  createdBy: z.object({ id: ZId, name: z.string() }).nullable(),
});
export type TFormVersion = z.infer<typeof ZFormVersion>;
export const ZFormQuery = ZPolicyScopeQuery;
export const ZFormCurrent = z.object({
  siteId: ZId.nullable(),
  /** The form in use: the site's own when it has one, else the trust-wide form (null: no custom fields yet). */
  current: ZFormVersion.nullable(),
  /** True when a site is asked about and it uses the trust-wide form. */
  inherited: z.boolean(),
  /** Versions saved for this scope, newest first. */
  history: z.array(z.object({ id: ZId, version: z.number().int(), createdAt: z.string(), createdByName: z.string().nullable(), fieldCount: z.number().int() })),
  allowed: ZAllowed,
});
export type TFormCurrent = z.infer<typeof ZFormCurrent>;

// ---- Escalation rules (POL-3) --------------------------------------------------------------------------------
export const ZEscalationMeasure = z.enum(ESCALATION_MEASURES);

export const ZEscalationRuleCreate = z.strictObject({
  siteId: ZScopeSiteId,
  name: z.string().trim().min(1, 'Enter a name').max(120),
  measure: ZEscalationMeasure,
  categoryCodes: z.array(ZPolicyCode).max(50).default([]).describe('Categories counted; empty counts every category of the polarity'),
  polarity: ZPolarity.default('negative'),
  threshold: z.number().int().min(1).max(100_000),
  periodDays: z.number().int().min(1).max(365),
  notifyRole: ZRole,
  taskTitle: z.string().trim().min(1, 'Enter the task title').max(200),
  suggestion: z.string().trim().max(1000).nullable().optional(),
  suggestInterventionTypeId: ZId.nullable().optional().describe('A support intervention from the catalogue the task suggests'),
  active: z.boolean().default(true),
});
export const ZEscalationRuleUpdate = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name').max(120).optional(),
  measure: ZEscalationMeasure.optional(),
  categoryCodes: z.array(ZPolicyCode).max(50).optional(),
  polarity: ZPolarity.optional(),
  threshold: z.number().int().min(1).max(100_000).optional(),
  periodDays: z.number().int().min(1).max(365).optional(),
  notifyRole: ZRole.optional(),
  taskTitle: z.string().trim().min(1, 'Enter the task title').max(200).optional(),
  suggestion: z.string().trim().max(1000).nullable().optional(),
  suggestInterventionTypeId: ZId.nullable().optional(),
  active: z.boolean().optional(),
  version: z.number().int().describe('The version you edited, for optimistic concurrency'),
});
export const ZEscalationRule = z.object({
  id: ZId,
  siteId: ZId.nullable(),
  name: z.string(),
  measure: ZEscalationMeasure,
  categoryCodes: z.array(z.string()),
  polarity: ZPolarity,
  threshold: z.number().int(),
  periodDays: z.number().int(),
  notifyRole: ZRole,
  taskTitle: z.string(),
  suggestion: z.string().nullable(),
  suggestInterventionTypeId: ZId.nullable(),
  active: z.boolean(),
  version: z.number().int(),
  allowed: ZAllowed,
});
export type TEscalationRule = z.infer<typeof ZEscalationRule>;
export const ZEscalationRuleList = z.object({ items: z.array(ZEscalationRule), allowed: ZAllowed });

// ---- The effective policy of one site (what the quick log and the incident form read) -------------------------
export const ZEffectivePolicyQuery = z.object({ siteId: z.uuid().optional().describe('Required unless you work at exactly one site') });
const ZEffectiveOption = z.object({ code: z.string(), label: z.string(), details: ZOptionDetails });
export const ZEffectivePolicy = z.object({
  siteId: ZId,
  categories: z.array(z.object({
    id: ZId, code: z.string(), name: z.string(), polarity: ZPolarity, severity: z.number().int(), points: z.number().int(), quickLog: z.boolean(),
  })),
  locations: z.array(ZEffectiveOption),
  periods: z.array(ZEffectiveOption),
  actions: z.array(ZEffectiveOption),
  motivations: z.array(ZEffectiveOption),
  techniques: z.array(ZEffectiveOption),
  settings: z.object({ serious_severity: z.number().int() }).catchall(z.union([z.number(), z.string(), z.boolean()])),
  form: z.object({ id: ZId, version: z.number().int(), fields: z.array(ZFormField) }).nullable(),
  dfeReasons: z.array(z.object({ code: z.string(), label: z.string(), validFrom: ZIsoDate, validTo: ZIsoDate.nullable() }))
    .describe("The trust's census reason codes (SPEC §6) with their validity: an incident's DfE reason must be valid on its date"),
  allowed: ZAllowed,
});
export type TEffectivePolicy = z.infer<typeof ZEffectivePolicy>;
