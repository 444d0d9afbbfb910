/**
 * The demo trust's behaviour policy (POL-1 … POL-3): a trust-wide policy (site_id null) and a few per-site overrides
 * (a site row with the same code replaces the trust row there). The activity generator draws every code it uses from
 * a site's effective policy, so the seeded records always make sense to the policy module.
 */
import { DEFAULT_MOTIVATIONS, type TSiteKind } from '@haven/contracts';
import type { IdFactory } from './prng.ts';
import type { BehaviourCategoryRow, DemoTables, EscalationRuleRow, IncidentFormVersionRow, PolicyOptionRow } from './types.ts';

export type Polarity = 'positive' | 'negative' | 'neutral';
export type OptionKind = 'location' | 'period' | 'action' | 'motivation' | 'technique' | 'setting';

interface CategorySpec { code: string; name: string; polarity: Polarity; severity: number; points: number; quickLog: boolean }
interface OptionSpec { kind: OptionKind; code: string; label: string; details?: Record<string, unknown>; active?: boolean }

const positive = (code: string, name: string, points: number): CategorySpec => ({ code, name, polarity: 'positive', severity: 0, points, quickLog: true });
const negative = (code: string, name: string, severity: number, points: number, quickLog = false): CategorySpec =>
  ({ code, name, polarity: 'negative', severity, points, quickLog });
const neutral = (code: string, name: string): CategorySpec => ({ code, name, polarity: 'neutral', severity: 0, points: 0, quickLog: true });

export const TRUST_CATEGORIES: readonly CategorySpec[] = [
  positive('KINDNESS', 'Kindness', 1), positive('EFFORT', 'Effort', 1), positive('RESPECT', 'Respect', 1),
  positive('RESILIENCE', 'Resilience', 2), positive('GREAT_LEARNING', 'Great learning', 2),
  positive('HELPING_OTHERS', 'Helping others', 1), positive('OUTSTANDING', 'Outstanding achievement', 3),
  negative('LOW_LEVEL_DISRUPTION', 'Low-level disruption', 1, -1, true), negative('LATE_TO_LESSON', 'Late to lesson', 1, -1, true),
  negative('INAPPROPRIATE_LANGUAGE', 'Inappropriate language (not directed)', 2, -2, true),
  negative('REFUSAL', 'Refusal', 2, -2, true), negative('DEFIANCE', 'Defiance', 2, -3, true),
  negative('PERSISTENT_DISRUPTION', 'Persistent disruption', 3, -4),
  negative('VERBAL_ABUSE_PUPIL', 'Verbal abuse or threats to a pupil', 3, -4),
  negative('VERBAL_ABUSE_ADULT', 'Verbal abuse or threats to an adult', 3, -5),
  negative('DAMAGE', 'Damage to property', 3, -4), negative('ABSCONDING', 'Absconding / leaving the area', 3, -4),
  negative('ONLINE_MISUSE', 'Online or phone misuse', 3, -4), negative('THEFT', 'Theft', 3, -5),
  negative('PHYSICAL_ASSAULT_PUPIL', 'Physical assault on a pupil', 4, -7), negative('BULLYING', 'Bullying', 4, -6),
  negative('DISCRIMINATORY_LANGUAGE', 'Discriminatory language', 4, -6),
  negative('PHYSICAL_ASSAULT_ADULT', 'Physical assault on an adult', 5, -8), negative('DRUGS_ALCOHOL', 'Drugs or alcohol', 5, -8),
  negative('WEAPON', 'Weapon or prohibited item', 5, -10),
  neutral('OBSERVATION', 'General observation'), neutral('DYSREGULATED_ARRIVAL', 'Arrived dysregulated'),
  neutral('LOW_MOOD', 'Appeared anxious or low'), neutral('FIRST_AID', 'First aid given'),
];

/** The DfE census reason (SPEC §6) an incident of each category would carry if it led to a suspension. */
export const DFE_REASON_OF: Readonly<Record<string, string>> = {
  LOW_LEVEL_DISRUPTION: 'DB', LATE_TO_LESSON: 'DB', INAPPROPRIATE_LANGUAGE: 'DB', REFUSAL: 'DB', DEFIANCE: 'DB',
  PERSISTENT_DISRUPTION: 'DB', VERBAL_ABUSE_PUPIL: 'VP', VERBAL_ABUSE_ADULT: 'VA', DAMAGE: 'DM', ABSCONDING: 'DB',
  ONLINE_MISUSE: 'MT', THEFT: 'TH', PHYSICAL_ASSAULT_PUPIL: 'PP', BULLYING: 'BU', DISCRIMINATORY_LANGUAGE: 'RA',
  PHYSICAL_ASSAULT_ADULT: 'PA', DRUGS_ALCOHOL: 'DA', WEAPON: 'OW',
};

const location = (code: string, label: string): OptionSpec => ({ kind: 'location', code, label });
const period = (code: string, label: string, start: string, end: string, active = true): OptionSpec =>
  ({ kind: 'period', code, label, details: { start, end }, active });
const action = (code: string, label: string): OptionSpec => ({ kind: 'action', code, label });
const motivation = (code: string, label: string): OptionSpec => ({ kind: 'motivation', code, label });
// Levels as text, as the policy module stores them ("Level 2"): 1 guides and escorts, 2 restrictive holds, 3 seated holds.
const technique = (code: string, label: string, level: number): OptionSpec => ({ kind: 'technique', code, label, details: { level: `Level ${level}` } });

export const TRUST_OPTIONS: readonly OptionSpec[] = [
  location('CLASSROOM', 'Classroom'), location('CORRIDOR', 'Corridor'), location('PLAYGROUND', 'Playground'),
  location('DINING_HALL', 'Dining hall'), location('TOILETS', 'Toilets'), location('SPORTS_HALL', 'Sports hall'),
  location('SENSORY_ROOM', 'Sensory room'), location('CALM_ROOM', 'Calm room'), location('RECEPTION', 'Reception and entrance'),
  location('OUTDOOR_AREA', 'Outdoor learning area'), location('OFF_SITE', 'Off-site'), location('MINIBUS', 'Minibus'),
  period('REGISTRATION', 'Registration', '08:45', '09:00'), period('P1', 'Period 1', '09:00', '10:00'),
  period('BREAK', 'Break', '10:00', '10:20'), period('P2', 'Period 2', '10:20', '11:20'), period('P3', 'Period 3', '11:20', '12:20'),
  period('LUNCH', 'Lunch', '12:20', '13:00'), period('P4', 'Period 4', '13:00', '14:00'), period('P5', 'Period 5', '14:00', '15:00'),
  action('VERBAL_REMINDER', 'Verbal reminder'), action('TAKE_UP_TIME', 'Take-up time given'), action('TIME_OUT', 'Time out'),
  action('RESTORATIVE_CONVERSATION', 'Restorative conversation'), action('PARENT_PHONED', 'Parent or carer phoned'),
  action('REMOVED_FROM_LESSON', 'Removed from lesson'), action('DETENTION_SET', 'Detention set'),
  action('ON_CALL_CALLED', 'On-call called'), action('SENIOR_LEADER_INVOLVED', 'Senior leader involved'),
  action('LOSS_OF_PRIVILEGE', 'Loss of privilege'), action('FIRST_AID', 'First aid given'),
  action('RISK_ASSESSMENT_REVIEWED', 'Risk assessment reviewed'), action('POLICE_INFORMED', 'Police informed'),
  action('HEADTEACHER_INFORMED', 'Headteacher informed'),
  // SPEC POL-1's six perceived motivations, with the policy module's default codes (DEFAULT_MOTIVATIONS).
  ...DEFAULT_MOTIVATIONS.map((m) => motivation(m.code, m.label)),
  technique('CARING_C_GUIDE', 'Caring C guide', 1), technique('FRIENDLY_HOLD', 'Friendly hold', 1),
  technique('SINGLE_ELBOW', 'Single elbow', 2), technique('FIGURE_OF_FOUR', 'Figure of four', 2),
  technique('DOUBLE_ELBOW', 'Double elbow', 2), technique('SEATED_SINGLE_ELBOW', 'Seated single elbow', 3),
  { kind: 'setting', code: 'serious_severity', label: 'Serious from severity', details: { value: 4 } },
];

/** Per-site overrides by kind of school: the AP keeps a shorter day and its own words; the ASC school adds its own. */
const SITE_CATEGORIES: Partial<Record<TSiteKind, readonly CategorySpec[]>> = {
  ap: [negative('LOW_LEVEL_DISRUPTION', 'Off task', 1, -1, true), positive('EFFORT', 'Engagement', 2)],
  asc: [positive('SELF_REGULATION', 'Self-regulation (used a calm strategy)', 2), negative('DEFIANCE', 'Non-compliance', 2, -2, true)],
};
const SITE_OPTIONS: Partial<Record<TSiteKind, readonly OptionSpec[]>> = {
  ap: [
    period('REGISTRATION', 'Check-in', '09:15', '09:30'), period('P1', 'Session 1', '09:30', '10:30'),
    period('BREAK', 'Break', '10:30', '10:45'), period('P2', 'Session 2', '10:45', '11:45'),
    period('LUNCH', 'Lunch', '11:45', '12:15'), period('P3', 'Session 3', '12:15', '13:15'),
    period('P4', 'Session 4', '13:15', '14:15'), period('P5', 'Period 5', '14:15', '15:00', false),
  ],
  asc: [location('SOFT_PLAY', 'Soft play room')],
};

export const FORM_V1_FIELDS = [
  { key: 'was_the_bsp_followed', label: 'Was the behaviour support plan followed?', type: 'yes_no', required: false },
  {
    key: 'trigger_observed', label: 'Trigger observed', type: 'choice', required: false,
    options: ['Transition', 'Unstructured time', 'Demand placed', 'Peer conflict', 'Sensory environment', 'Change to routine', 'Not known'],
  },
  { key: 'follow_up_date', label: 'Follow-up meeting date', type: 'date', required: false, help: 'If a meeting with the pupil or family is planned' },
] as const;

export interface PolicyContext {
  readonly ids: IdFactory;
  readonly trustId: string;
  readonly sites: readonly { id: string; kind: TSiteKind }[];
  /** When the policy was set up (before the school year began). */
  readonly at: Date;
  /** Who set it up (the trust administrator). */
  readonly createdBy: string;
}

export interface PolicyTables {
  behaviourCategories: BehaviourCategoryRow[];
  policyOptions: PolicyOptionRow[];
  incidentFormVersions: IncidentFormVersionRow[];
  escalationRules: EscalationRuleRow[];
}

export function buildPolicy(ctx: PolicyContext): PolicyTables {
  const { ids, trustId, at } = ctx;
  const out: PolicyTables = { behaviourCategories: [], policyOptions: [], incidentFormVersions: [], escalationRules: [] };
  // A site's row sorts where the trust row it replaces does; a site's own new entries come last.
  const categoryOrder = new Map(TRUST_CATEGORIES.map((c, i) => [c.code, (i + 1) * 10]));
  const optionOrder = new Map<string, number>();
  for (const kind of new Set(TRUST_OPTIONS.map((o) => o.kind))) {
    TRUST_OPTIONS.filter((o) => o.kind === kind).forEach((o, i) => optionOrder.set(`${kind}:${o.code}`, (i + 1) * 10));
  }
  const addCategories = (specs: readonly CategorySpec[], siteId: string | null) => specs.forEach((c, i) => {
    const sortOrder = categoryOrder.get(c.code) ?? 1000 + i * 10;
    out.behaviourCategories.push({ id: ids.next(), trustId, siteId, ...c, active: true, sortOrder, createdAt: at, updatedAt: at });
  });
  const addOptions = (specs: readonly OptionSpec[], siteId: string | null) => specs.forEach((o, i) => {
    out.policyOptions.push({
      id: ids.next(), trustId, siteId, kind: o.kind, code: o.code, label: o.label, details: o.details ?? {}, active: o.active ?? true,
      sortOrder: optionOrder.get(`${o.kind}:${o.code}`) ?? 1000 + i * 10, createdAt: at, updatedAt: at,
    });
  });
  addCategories(TRUST_CATEGORIES, null);
  addOptions(TRUST_OPTIONS, null);
  for (const site of ctx.sites) {
    addCategories(SITE_CATEGORIES[site.kind] ?? [], site.id);
    addOptions(SITE_OPTIONS[site.kind] ?? [], site.id);
  }
  out.incidentFormVersions.push({ id: ids.next(), trustId, siteId: null, version: 1, fields: FORM_V1_FIELDS, createdBy: ctx.createdBy, createdAt: at });
  const rule = (r: Omit<EscalationRuleRow, 'id' | 'trustId' | 'siteId' | 'createdAt' | 'updatedAt'>): void => {
    out.escalationRules.push({ id: ids.next(), trustId, siteId: null, ...r, createdAt: at, updatedAt: at });
  };
  rule({
    name: 'Five negative behaviours in a week', measure: 'count', polarity: 'negative', categoryCodes: [], threshold: 5, periodDays: 7,
    notifyRole: 'behaviour_lead', taskTitle: 'Review behaviour support plan',
    suggestion: 'Meet the pupil and their family; review the triggers and strategies in the behaviour support plan.',
  });
  rule({
    name: 'Three physical assaults in 30 days', measure: 'count', polarity: 'negative',
    categoryCodes: ['PHYSICAL_ASSAULT_PUPIL', 'PHYSICAL_ASSAULT_ADULT'], threshold: 3, periodDays: 30,
    notifyRole: 'behaviour_lead', taskTitle: 'Review risk assessment and positive handling plan',
    suggestion: 'Review the risk assessment and handling plan with the SENCo; consider a multi-agency meeting.',
  });
  // Points thresholds are magnitudes: 30 here means a total of -30 negative points.
  rule({
    name: 'Minus 30 points in a fortnight', measure: 'points', polarity: 'negative', categoryCodes: [], threshold: 30, periodDays: 14,
    notifyRole: 'behaviour_lead', taskTitle: 'Consider a targeted intervention',
    suggestion: 'Consider a mentoring or pastoral intervention, and a report card for two weeks.',
  });
  rule({
    name: 'Twenty positive points in a fortnight', measure: 'points', polarity: 'positive', categoryCodes: [], threshold: 20, periodDays: 14,
    notifyRole: 'behaviour_lead', taskTitle: 'Send a praise postcard home', suggestion: 'Phone home or send a postcard to celebrate.',
  });
  return out;
}

/** A site's effective policy: trust rows, each replaced by the site's row of the same code; inactive rows dropped. */
export interface EffectivePolicy {
  categories: BehaviourCategoryRow[];
  options: Record<OptionKind, PolicyOptionRow[]>;
  seriousSeverity: number;
}

function resolve<T extends { siteId?: string | null; code: string; active?: boolean; sortOrder?: number }>(rows: readonly T[], siteId: string): T[] {
  const byCode = new Map<string, T>();
  for (const r of rows) if (!r.siteId) byCode.set(r.code, r);
  for (const r of rows) if (r.siteId === siteId) byCode.set(r.code, r);
  return [...byCode.values()].filter((r) => r.active !== false).sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
}

export function effectivePolicy(t: Pick<DemoTables, 'behaviourCategories' | 'policyOptions'>, siteId: string): EffectivePolicy {
  const categories = resolve(t.behaviourCategories, siteId);
  const options: Record<OptionKind, PolicyOptionRow[]> = { location: [], period: [], action: [], motivation: [], technique: [], setting: [] };
  for (const kind of Object.keys(options) as OptionKind[]) options[kind] = resolve(t.policyOptions.filter((o) => o.kind === kind), siteId);
  const setting = options.setting.find((o) => o.code === 'serious_severity')?.details as { value?: number } | undefined;
  return { categories, options, seriousSeverity: setting?.value ?? 4 };
}
