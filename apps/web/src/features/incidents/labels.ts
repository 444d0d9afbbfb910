/** Words the incident pages show: statuses, roles, severities, DfE reasons and field names, in British English. */
import { INCIDENT_STATUS_LABELS, SEVERITY_LABELS } from '@haven/contracts';
import type { TIncidentStatus, TParentInformedHow, TPupilRole, TStaffRole } from './types';

export const statusLabel = (s: TIncidentStatus): string => INCIDENT_STATUS_LABELS[s] ?? s;
export const STATUS_COLOURS: Record<TIncidentStatus, string> = {
  draft: 'gray', submitted: 'blue', returned: 'orange', signed_off: 'green',
};
export const STATUS_OPTIONS = (Object.keys(INCIDENT_STATUS_LABELS) as TIncidentStatus[])
  .map((s) => ({ value: s, label: INCIDENT_STATUS_LABELS[s] }));

export const PUPIL_ROLE_LABELS: Record<TPupilRole, string> = {
  involved: 'Involved', instigator: 'Instigator', affected: 'Affected', witness: 'Witness',
};
export const PUPIL_ROLE_OPTIONS = (Object.keys(PUPIL_ROLE_LABELS) as TPupilRole[]).map((r) => ({ value: r, label: PUPIL_ROLE_LABELS[r] }));
export const STAFF_ROLE_LABELS: Record<TStaffRole, string> = { involved: 'Involved', witness: 'Witness' };
export const STAFF_ROLE_OPTIONS = (Object.keys(STAFF_ROLE_LABELS) as TStaffRole[]).map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }));

/** Used when the site's policy gives no labels of its own. */
export const DEFAULT_SEVERITY_LABELS: string[] = [...SEVERITY_LABELS];

export const PARENT_INFORMED_HOW_LABELS: Record<TParentInformedHow, string> = {
  phone: 'Phone call', in_person: 'In person', email: 'Email', letter: 'Letter', text_message: 'Text message',
};
export const PARENT_INFORMED_HOW_OPTIONS = (Object.keys(PARENT_INFORMED_HOW_LABELS) as TParentInformedHow[])
  .map((m) => ({ value: m, label: PARENT_INFORMED_HOW_LABELS[m] }));
export const contactMethodLabel = (m: string | null): string =>
  m ? (PARENT_INFORMED_HOW_LABELS[m as TParentInformedHow] ?? m) : '';

export const CHANGE_LABELS: Record<string, string> = {
  create: 'Created', edit: 'Edited', submit: 'Submitted for review', return: 'Returned for amendment',
  resubmit: 'Resubmitted', sign_off: 'Signed off', void: 'Voided',
};

/** Names of the fields the server names in completeness checks and version diffs. */
const FIELD_LABELS: Record<string, string> = {
  siteId: 'Site', occurredAt: 'Date and time', locationCode: 'Location', periodCode: 'Lesson or period', severity: 'Severity',
  categoryCodes: 'Categories', pupils: 'Pupils', staff: 'Staff', antecedent: 'Antecedent (what happened before)',
  behaviour: 'Behaviour (what happened)', consequence: 'Consequence (what happened after)', motivationCode: 'Perceived motivation',
  actionCodes: 'Actions taken', dfeReasonCode: 'DfE reason', customValues: 'Other questions',
  physicalIntervention: 'Force, restraint or seclusion was used', physicalInterventions: 'Physical intervention',
  pupilId: 'Pupil', kind: 'Kind of intervention', pupilSenStatus: 'Special educational needs at the time', startedAt: 'Start time', endedAt: 'End time', staffTechniques: 'Staff and techniques',
  reason: 'Why it was necessary', deescalationTried: 'De-escalation tried first', pupilInjured: 'Pupil injured',
  staffInjured: 'Staff injured', injuryNotes: 'Injuries', bodyMap: 'Body map', medicalAttention: 'Medical attention',
  supportOffered: 'Support offered afterwards',
  pupilDebriefAt: 'Pupil debrief', pupilDebriefBy: 'Pupil debrief by', staffDebriefAt: 'Staff debrief',
  staffDebriefBy: 'Staff debrief by', parentInformedAt: 'Parent informed', parentInformedHow: 'How the parent was informed',
  parentInformedBy: 'Parent informed by', status: 'Status', voidReason: 'Reason for voiding',
};

/** `physicalInterventions.0.parentInformedAt` → "Physical intervention 1: Parent informed". */
export function fieldLabel(field: string, customLabels: Record<string, string> = {}): string {
  const parts = normaliseField(field).split('.');
  if (parts[0] === 'customValues' && parts[1]) return customLabels[parts[1]] ?? humanise(parts[1]);
  if (parts[0] === 'physicalInterventions' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const rest = parts[2] ? `: ${FIELD_LABELS[parts[2]] ?? humanise(parts[2])}` : '';
    return `Physical intervention ${Number(parts[1]) + 1}${rest}`;
  }
  return FIELD_LABELS[parts[0] ?? ''] ?? humanise(parts[0] ?? '');
}

/** A name the labels do not know, in words rather than as a path: "someField" → "Some field". */
function humanise(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ').trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'This form';
}

const isIndex = (s: string | undefined): s is string => s !== undefined && /^\d+$/.test(s);

/**
 * The form field that shows a field the server names (in a refused save's 400 or the completeness check): a value
 * inside a list is shown by the list (`categoryCodes.2` → `categoryCodes`, `physicalInterventions.0.bodyMap.0.x` →
 * `physicalInterventions.0.bodyMap`), a technique by its member of staff's row.
 */
export function formField(field: string): string {
  const p = normaliseField(field).split('.');
  if (p[0] === 'customValues' && p[1]) return `customValues.${p[1]}`;
  if (p[0] === 'physicalInterventions' && isIndex(p[1])) {
    if (p[2] === 'staffTechniques' && isIndex(p[3]) && p[4]) return p.slice(0, 5).join('.');
    return p.slice(0, p[2] ? 3 : 2).join('.');
  }
  return p[0] ?? field;
}

export type SectionKey = 'when' | 'pupils' | 'staff' | 'abc' | 'outcome' | 'actions' | 'custom' | 'pi';
const SECTION_OF: Record<string, SectionKey> = {
  siteId: 'when', occurredAt: 'when', locationCode: 'when', periodCode: 'when', pupils: 'pupils', staff: 'staff',
  antecedent: 'abc', behaviour: 'abc', consequence: 'abc', motivationCode: 'abc', severity: 'outcome', categoryCodes: 'outcome',
  actionCodes: 'actions', dfeReasonCode: 'actions', customValues: 'custom', physicalIntervention: 'pi', physicalInterventions: 'pi',
};
/** The form section that holds a field, so a folded section opens when one of its fields needs attention. */
export const sectionOf = (field: string): SectionKey | undefined => SECTION_OF[normaliseField(field).split('.')[0] ?? ''];

/** Field paths may come as `a[0].b` or `a.0.b`: one spelling for matching and element ids. */
export function normaliseField(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}
