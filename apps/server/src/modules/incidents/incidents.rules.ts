/**
 * Pure rules of full incidents (INC-2, INC-3, REV-1, REV-2, LAW-10): the workflow's transition table, completeness
 * before submission and before sign-off, physical-intervention duration, the same-day parent flag, seriousness, and
 * the field-level diff between two saved versions. No I/O here: the service feeds them state and the clock.
 */
import type { TIncidentStatus } from '@haven/contracts';
import type { FieldError } from '../../core/http/errors.ts';
import { SCHOOL_TIME_ZONE } from '../../core/time.ts';

/** SPEC REV-1: "configurable severity". A policy_options row (kind 'setting', code 'serious_severity') overrides this. */
export const DEFAULT_SERIOUS_SEVERITY = 4;
/** REV-2: an incident waiting longer than this for review is overdue (clock hours, SPEC §9). */
export const REVIEW_OVERDUE_HOURS = 48;

/** REV-2: a record still waiting for review is overdue once its latest submission is more than 48 clock hours old. */
export function reviewOverdue(submittedAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(submittedAt) > REVIEW_OVERDUE_HOURS * 3_600_000;
}

export type WorkflowAction = 'submit' | 'return' | 'signOff';
export type VersionChange = 'create' | 'edit' | 'submit' | 'return' | 'resubmit' | 'sign_off' | 'void';

/** REV-1 as data: draft → submitted → returned ↔ resubmitted → signed off. Voiding is separate (any status). */
export const TRANSITIONS: readonly { from: TIncidentStatus; action: WorkflowAction; to: TIncidentStatus; change: VersionChange }[] = [
  { from: 'draft', action: 'submit', to: 'submitted', change: 'submit' },
  { from: 'returned', action: 'submit', to: 'submitted', change: 'resubmit' },
  { from: 'submitted', action: 'return', to: 'returned', change: 'return' },
  { from: 'submitted', action: 'signOff', to: 'signed_off', change: 'sign_off' },
];

export function transition(from: TIncidentStatus, action: WorkflowAction): { to: TIncidentStatus; change: VersionChange } | null {
  const t = TRANSITIONS.find((x) => x.from === from && x.action === action);
  return t ? { to: t.to, change: t.change } : null;
}

/** The author drafts and amends; while it waits for review only a reviewer may correct it; signed off is final. */
export function editableBy(status: TIncidentStatus, who: { isAuthor: boolean; isReviewer: boolean }): boolean {
  if (status === 'draft' || status === 'returned') return who.isAuthor;
  if (status === 'submitted') return who.isReviewer;
  return false;
}

export function isSerious(i: { severity: number | null; physicalIntervention: boolean }, threshold: number): boolean {
  return i.physicalIntervention || (i.severity !== null && i.severity >= threshold);
}

/** The threshold from the policy setting's details.value (or its label), else the default. */
export function seriousThreshold(setting: { details?: unknown; label?: string | null } | undefined): number {
  if (!setting) return DEFAULT_SERIOUS_SEVERITY;
  const v = (setting.details as { value?: unknown } | null | undefined)?.value ?? setting.label;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 5 ? n : DEFAULT_SERIOUS_SEVERITY;
}

/** One formatter, made once: building an Intl.DateTimeFormat costs far more than using one, and this runs per row. */
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: SCHOOL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
/**
 * The Europe/London date (YYYY-MM-DD) of an instant. Since 1900 London's offset from UTC has always been whole hours,
 * so the date is the same for every instant of a UTC hour: formatting (the costly part) is remembered per hour.
 */
export function londonDate(at: Date): string {
  const ms = at.getTime();
  if (!(ms >= SINCE_1900)) return LONDON_DATE.format(at);
  const hour = Math.floor(ms / 3_600_000);
  let date = LONDON_BY_HOUR.get(hour);
  if (date === undefined) {
    if (LONDON_BY_HOUR.size >= 4096) LONDON_BY_HOUR.clear();
    date = LONDON_DATE.format(at);
    LONDON_BY_HOUR.set(hour, date);
  }
  return date;
}
const SINCE_1900 = Date.UTC(1900, 0, 1);
const LONDON_BY_HOUR = new Map<number, string>();

/** SPEC §9: duration = end − start in whole minutes; null when either is missing or the end is not after the start. */
export function durationMinutes(startedAt: string | null, endedAt: string | null): number | null {
  if (!startedAt || !endedAt) return null;
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms <= 0) return null;
  return Math.floor(ms / 60_000);
}

/**
 * LAW-10: the parent was not told by the end of the London day on which the intervention began. Only once that day
 * is over (`now` is past 23:59 London time that day) and the parent was never told, or told on a later London date.
 */
export function parentNotInformedSameDay(pi: { startedAt: string | null; parentInformedAt: string | null }, now: Date): boolean {
  if (!pi.startedAt) return false;
  const day = londonDate(new Date(pi.startedAt));
  if (londonDate(now) <= day) return false;
  if (!pi.parentInformedAt) return true;
  return londonDate(new Date(pi.parentInformedAt)) > day;
}

export interface CustomField { key: string; label: string; type: 'text' | 'choice' | 'yes_no' | 'date'; options?: string[]; required: boolean }
export type CustomValue = string | boolean | null;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isRealDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** POL-2: each value must fit its field's type on the incident's own form version; null clears a value. */
export function customValueErrors(values: Record<string, CustomValue>, fields: readonly CustomField[]): FieldError[] {
  const errors: FieldError[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(values)) {
    const field = `customValues.${key}`;
    const f = byKey.get(key);
    if (!f) { errors.push({ field, message: 'This field is not on the incident form' }); continue; }
    if (value === null) continue;
    if (f.type === 'yes_no') { if (typeof value !== 'boolean') errors.push({ field, message: 'Answer yes or no (true or false)' }); continue; }
    if (typeof value !== 'string') { errors.push({ field, message: 'Enter text' }); continue; }
    if (f.type === 'choice' && !(f.options ?? []).includes(value)) errors.push({ field, message: `Choose one of: ${(f.options ?? []).join(', ')}` });
    if (f.type === 'date' && value !== '' && !isRealDate(value)) errors.push({ field, message: 'Enter a real date as YYYY-MM-DD' });
  }
  return errors;
}

/** Form fields as stored by the policy module, read defensively: anything malformed is left out rather than trusted. */
export function parseFields(raw: unknown): CustomField[] {
  const list = typeof raw === 'string' ? JSON.parse(raw) as unknown : raw;
  if (!Array.isArray(list)) return [];
  const out: CustomField[] = [];
  for (const f of list as Record<string, unknown>[]) {
    if (!f || typeof f.key !== 'string' || !['text', 'choice', 'yes_no', 'date'].includes(f.type as string)) continue;
    out.push({ key: f.key, label: typeof f.label === 'string' ? f.label : f.key, type: f.type as CustomField['type'],
      ...(Array.isArray(f.options) ? { options: (f.options as unknown[]).filter((o): o is string => typeof o === 'string') } : {}),
      required: f.required === true });
  }
  return out;
}

/** What completeness looks at: the incident as it would be saved. */
export interface CompletenessInput {
  occurredAt: string | null;
  locationCode: string | null;
  severity: number | null;
  categoryCodes: readonly string[];
  pupils: readonly { pupilId: string }[];
  antecedent: string | null;
  behaviour: string | null;
  customValues: Record<string, CustomValue>;
  physicalIntervention: boolean;
  physicalInterventions: readonly CompletenessPi[];
}
export interface CompletenessPi {
  pupilId: string | null; kind: string | null; pupilSenStatus: string | null; startedAt: string | null; endedAt: string | null;
  staffTechniques: readonly { staffId: string; techniqueCodes: readonly string[] }[];
  reason: string | null; deescalationTried: string | null; pupilInjured: boolean; staffInjured: boolean; injuryNotes: string | null;
  bodyMap: readonly unknown[]; medicalAttention: string | null; supportOffered: string | null;
  pupilDebriefAt: string | null; pupilDebriefBy: string | null; staffDebriefAt: string | null; staffDebriefBy: string | null;
  parentInformedAt: string | null; parentInformedHow: string | null; parentInformedBy: string | null;
}

const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';

/**
 * REV-2. At submission: the factual description, when, where, who, what kind, how serious, the physical intervention's
 * own facts (INC-3; LAW-10: what happened beforehand, the kind, whether the pupil had SEN, staff, times, why, the
 * de-escalation tried, injuries) and required custom fields. Sign-off adds what may follow the day itself: the support
 * offered afterwards, the parent informed (when, how, by whom) and both debriefs done or scheduled (a date still to
 * come counts as scheduled).
 */
export function missingFields(i: CompletenessInput, stage: 'submit' | 'signOff', customFields: readonly CustomField[]): FieldError[] {
  const m: FieldError[] = [];
  const need = (ok: boolean, field: string, message: string) => { if (!ok) m.push({ field, message }); };
  need(!blank(i.behaviour), 'behaviour', 'Describe what happened (the factual description)');
  need(i.occurredAt !== null, 'occurredAt', 'Say when it happened');
  need(!blank(i.locationCode), 'locationCode', 'Say where it happened');
  need(i.pupils.length > 0, 'pupils', 'Add at least one pupil');
  need(i.categoryCodes.length > 0, 'categoryCodes', 'Choose at least one category');
  need(i.severity !== null, 'severity', 'Choose a severity');
  for (const f of customFields) {
    const v = i.customValues[f.key];
    if (f.required) need(v !== undefined && v !== null && v !== '', `customValues.${f.key}`, `Fill in "${f.label}"`);
  }
  if (!i.physicalIntervention) return m;
  need(i.physicalInterventions.length > 0, 'physicalInterventions', 'Complete the physical intervention section');
  // LAW-10: the record says what happened beforehand (the incident's antecedent)
  need(!blank(i.antecedent), 'antecedent', 'Say what happened beforehand, leading up to the physical intervention');
  const pupilIds = new Set(i.pupils.map((p) => p.pupilId));
  i.physicalInterventions.forEach((pi, n) => {
    const at = (k: string) => `physicalInterventions.${n}.${k}`;
    need(pi.pupilId !== null && pupilIds.has(pi.pupilId), at('pupilId'), 'Choose which of the incident\'s pupils it was used with');
    if (pi.pupilId !== null) need(pi.pupilSenStatus !== null, at('pupilSenStatus'), 'Whether the pupil had SEN at the time is not recorded: choose the pupil again');
    need(pi.kind !== null, at('kind'), 'Choose the kind of intervention: force with physical contact, restraint without physical contact, seclusion or immobilisation');
    need(pi.startedAt !== null, at('startedAt'), 'Say when it started');
    need(pi.endedAt !== null, at('endedAt'), 'Say when it ended');
    if (pi.startedAt && pi.endedAt) need(durationMinutes(pi.startedAt, pi.endedAt) !== null, at('endedAt'), 'The end must be after the start');
    const contact = pi.kind === null || pi.kind === 'force_with_contact';
    need(pi.staffTechniques.length > 0, at('staffTechniques'), contact ? 'Name the staff who used physical intervention' : 'Name the staff involved');
    if (contact) pi.staffTechniques.forEach((s, k) => need(s.techniqueCodes.length > 0, `${at('staffTechniques')}.${k}.techniqueCodes`, 'Choose at least one technique'));
    need(!blank(pi.reason), at('reason'), 'Say why it was necessary');
    need(!blank(pi.deescalationTried), at('deescalationTried'), 'Say what de-escalation was tried first');
    if (pi.pupilInjured || pi.staffInjured) {
      need(!blank(pi.injuryNotes), at('injuryNotes'), 'Describe the injuries');
      need(pi.bodyMap.length > 0, at('bodyMap'), 'Mark the injuries on the body map');
    }
    need(!blank(pi.medicalAttention), at('medicalAttention'), "Record the medical attention given (or 'none needed')");
    if (stage !== 'signOff') return;
    need(!blank(pi.supportOffered), at('supportOffered'), 'Record the support offered to the pupil afterwards');
    need(pi.pupilDebriefAt !== null && pi.pupilDebriefBy !== null, at('pupilDebriefAt'), 'Record the pupil debrief (date and by whom), done or scheduled');
    need(pi.staffDebriefAt !== null && pi.staffDebriefBy !== null, at('staffDebriefAt'), 'Record the staff debrief (date and by whom), done or scheduled');
    need(pi.parentInformedAt !== null && !blank(pi.parentInformedHow) && pi.parentInformedBy !== null, at('parentInformedAt'),
      'Record when, how and by whom the parent was informed');
  });
  return m;
}

/** A saved version, as stored in incident_versions.snapshot: plain JSON, names beside ids so old versions still read. */
export type Snapshot = Record<string, unknown>;
export interface FieldDiff { field: string; before: unknown; after: unknown }

/** JSON with object keys sorted, so equal values compare equal whatever order their keys were written in. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Fields compared key by key (one diff line per changed key) rather than as one value. */
const KEYED = new Set(['customValues']);
const INDEXED = new Set(['physicalInterventions']);
/** Lists of people compared by who and in what role, in any order; the names stored beside them are for reading only. */
const PEOPLE: Record<string, string> = { pupils: 'pupilId', staff: 'staffId' };
function peopleKey(list: unknown, idKey: string): string {
  if (!Array.isArray(list)) return '';
  return (list as Record<string, unknown>[]).map((p) => `${String(p?.[idKey])}:${String(p?.role)}`).sort().join(',');
}

/** The order changes are listed in: the order of the form (stored JSONB keeps its own key order, so it cannot be used). */
export const SNAPSHOT_ORDER = ['siteId', 'status', 'voided', 'voidReason', 'occurredAt', 'locationCode', 'periodCode', 'severity', 'categoryCodes',
  'pupils', 'staff', 'antecedent', 'behaviour', 'consequence', 'motivationCode', 'actionCodes', 'dfeReasonCode', 'formVersionId', 'customValues',
  'physicalIntervention', 'physicalInterventions', 'pupilId', 'kind', 'pupilSenStatus', 'startedAt', 'endedAt', 'durationMinutes', 'staffTechniques', 'reason',
  'deescalationTried', 'pupilInjured', 'staffInjured', 'injuryNotes', 'bodyMap', 'medicalAttention', 'supportOffered', 'pupilDebriefAt', 'pupilDebriefBy',
  'staffDebriefAt', 'staffDebriefBy', 'parentInformedAt', 'parentInformedHow', 'parentInformedBy'];
const rank = (k: string) => { const i = SNAPSHOT_ORDER.indexOf(k); return i < 0 ? SNAPSHOT_ORDER.length : i; };
const ordered = (keys: Iterable<string>) => [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));

/** INC-6: field-level differences between consecutive versions (`before` null for the first version). */
export function diffSnapshots(before: Snapshot | null, after: Snapshot): FieldDiff[] {
  const b = before ?? {};
  const out: FieldDiff[] = [];
  const push = (field: string, x: unknown, y: unknown) => { if (canonical(x) !== canonical(y)) out.push({ field, before: x ?? null, after: y ?? null }); };
  const keys = ordered([...Object.keys(after), ...Object.keys(b)]);
  for (const key of keys) {
    const x = b[key]; const y = after[key];
    if (PEOPLE[key]) {
      if (peopleKey(x ?? [], PEOPLE[key]) !== peopleKey(y ?? [], PEOPLE[key])) out.push({ field: key, before: x ?? null, after: y ?? null });
    } else if (KEYED.has(key)) {
      const xo = (x ?? {}) as Record<string, unknown>; const yo = (y ?? {}) as Record<string, unknown>;
      for (const k of ordered([...Object.keys(yo), ...Object.keys(xo)])) push(`${key}.${k}`, xo[k], yo[k]);
    } else if (INDEXED.has(key)) {
      const xa = (Array.isArray(x) ? x : []) as Record<string, unknown>[]; const ya = (Array.isArray(y) ? y : []) as Record<string, unknown>[];
      for (let n = 0; n < Math.max(xa.length, ya.length); n++) {
        const xi = xa[n]; const yi = ya[n];
        if (!xi || !yi) { push(`${key}.${n}`, xi, yi); continue; }
        for (const k of ordered([...Object.keys(yi), ...Object.keys(xi)])) push(`${key}.${n}.${k}`, xi[k], yi[k]);
      }
    } else {
      push(key, x, y);
    }
  }
  return out;
}

/** Fields whose values may go into the audit log; the narrative, pupils and the PI section are named only. */
export const AUDITABLE_VALUES = new Set(['siteId', 'status', 'voided', 'occurredAt', 'locationCode', 'periodCode', 'severity', 'categoryCodes',
  'motivationCode', 'actionCodes', 'dfeReasonCode', 'formVersionId', 'physicalIntervention']);

/** Audit details for a save: the top-level fields changed, with before/after only for plain fields. */
export function auditDetails(before: Snapshot | null, after: Snapshot): { changed: string[]; before: Record<string, unknown>; after: Record<string, unknown> } {
  const changed = [...new Set(diffSnapshots(before, after).map((d) => d.field.split('.')[0]!))];
  const b: Record<string, unknown> = {}; const a: Record<string, unknown> = {};
  for (const f of changed) if (AUDITABLE_VALUES.has(f)) { b[f] = before?.[f] ?? null; a[f] = after[f] ?? null; }
  return { changed, before: b, after: a };
}
