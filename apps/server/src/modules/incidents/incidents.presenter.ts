/** Incident state → contract DTOs, with what the caller may do (`allowed`) and what is still missing (REV-2). */
import type { TIncident, TIncidentStatus } from '@haven/contracts';
import type { z } from 'zod';
import type { ZIncidentListItem, ZPhysicalIntervention } from '@haven/contracts';
import { can, type Actor } from '../../core/policy/policy.ts';
import type { IncidentState, PiState } from './incidents.model.ts';
import { editableBy, missingFields, parentNotInformedSameDay } from './incidents.rules.ts';

export interface AccessFacts { trustId: string; siteId: string; status: TIncidentStatus; voided: boolean; createdBy: string; serious: boolean }

/** Who may see an incident: readers of the site's behaviour records, and its author while they still record there. */
export function canView(actor: Actor, i: AccessFacts): boolean {
  return can(actor, 'behaviour.read', i) || (i.createdBy === actor.userId && can(actor, 'behaviour.record', i));
}

export function isAuthor(actor: Actor, i: AccessFacts): boolean {
  return i.createdBy === actor.userId && can(actor, 'behaviour.record', i);
}

/** PLT-2: the actions on an incident, from its status, the caller's roles at its site, and authorship. */
export function incidentActions(actor: Actor, i: AccessFacts): string[] {
  const author = isAuthor(actor, i);
  const reviewer = can(actor, 'incident.review', i);
  const out = ['view', 'history'];
  if (i.voided) return out;
  const editable = editableBy(i.status, { isAuthor: author, isReviewer: reviewer });
  if (editable) out.push('edit', 'addAttachment');
  if (author && (i.status === 'draft' || i.status === 'returned')) out.push('submit');
  if (reviewer && i.status === 'submitted') out.push('return');
  if (reviewer && i.status === 'submitted' && i.createdBy !== actor.userId) out.push('signOff');
  if (can(actor, 'incident.void', i)) out.push('void');
  if (reviewer && i.serious && i.status !== 'draft') out.push('postIncidentReview');
  if (can(actor, 'behaviour.record', i)) out.push('addParentContact');
  if (can(actor, 'restraint.parent_copy', i)) out.push('parentCopy');
  return out;
}

export const accessFacts = (s: IncidentState): AccessFacts => ({
  trustId: s.trustId, siteId: s.siteId, status: s.status, voided: s.voidedAt !== null, createdBy: s.createdBy, serious: s.serious,
});

/** What blocks the next step: submission while drafting or returned, sign-off while submitted. */
export function missingFor(s: IncidentState) {
  if (s.voidedAt !== null || s.status === 'signed_off') return [];
  return missingFields(s, s.status === 'submitted' ? 'signOff' : 'submit', s.customFields);
}

function presentPi(pi: PiState, flagged: boolean, now: Date): z.infer<typeof ZPhysicalIntervention> {
  return { ...pi, parentNotInformedSameDay: flagged && parentNotInformedSameDay(pi, now) };
}

export function presentIncident(actor: Actor, s: IncidentState, now = new Date()): TIncident {
  return {
    id: s.id, siteId: s.siteId, siteName: s.siteName, status: s.status, voided: s.voidedAt !== null, voidReason: s.voidReason,
    occurredAt: s.occurredAt, locationCode: s.locationCode, periodCode: s.periodCode, severity: s.severity, categoryCodes: s.categoryCodes,
    pupils: s.pupils.map((p) => ({ pupilId: p.pupilId, displayName: p.displayName, yearGroup: p.yearGroup, role: p.role })),
    staff: s.staff.map((m) => ({ staffId: m.staffId, name: m.name, role: m.role })),
    antecedent: s.antecedent, behaviour: s.behaviour, consequence: s.consequence, motivationCode: s.motivationCode,
    actionCodes: s.actionCodes, dfeReasonCode: s.dfeReasonCode, formVersion: s.formVersion,
    customFields: s.customFields.map((f) => ({ key: f.key, label: f.label, type: f.type, ...(f.options ? { options: f.options } : {}), required: f.required })),
    customValues: s.customValues, physicalIntervention: s.physicalIntervention,
    physicalInterventions: s.physicalInterventions.map((pi) => presentPi(pi, s.physicalIntervention, now)),
    certificateFlags: s.certificateFlags, serious: s.serious, visit: s.visit,
    createdBy: { id: s.createdBy, name: s.createdByName }, createdAt: s.createdAt, updatedAt: s.updatedAt,
    firstSubmittedAt: s.firstSubmittedAt, submittedAt: s.submittedAt, signedOffAt: s.signedOffAt,
    signedOffBy: s.signedOffBy ? { id: s.signedOffBy, name: s.signedOffByName ?? '' } : null,
    returnComments: s.status === 'returned' || s.status === 'submitted' ? s.returnComments : null,
    missing: missingFor(s), version: s.version, allowed: incidentActions(actor, accessFacts(s)),
  };
}

export interface ListRow extends AccessFacts {
  id: string; siteName: string; occurredAt: string | null; severity: number | null; categoryCodes: string[]; physicalIntervention: boolean;
  pupilNames: string[]; createdByName: string; updatedAt: string; version: number; categoryNames: string[]; summary: string | null;
}

export function presentListItem(actor: Actor, r: ListRow): z.infer<typeof ZIncidentListItem> {
  return {
    id: r.id, siteId: r.siteId, siteName: r.siteName, status: r.status, voided: r.voided, occurredAt: r.occurredAt, severity: r.severity,
    categoryCodes: r.categoryCodes, physicalIntervention: r.physicalIntervention, pupilNames: r.pupilNames, createdByName: r.createdByName,
    updatedAt: r.updatedAt, version: r.version, allowed: incidentActions(actor, r), categoryNames: r.categoryNames, summary: r.summary,
  };
}
