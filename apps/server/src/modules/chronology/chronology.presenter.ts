/** Chronology rows → contract items; categories named by the policy that applies at the record's site. */
import type { TChronologyItem, TPolarity } from '@haven/contracts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { effectiveEntry } from '../behaviour/behaviour.rules.ts';
import type { categoryNames, eventDetails, incidentDetails, optionLabels } from './chronology.repo.ts';

type EventDetail = Awaited<ReturnType<typeof eventDetails>>[number];
type IncidentDetail = Awaited<ReturnType<typeof incidentDetails>>[number];
type CategoryName = Awaited<ReturnType<typeof categoryNames>>[number];
type OptionLabel = Awaited<ReturnType<typeof optionLabels>>[number];

function labelOf(labels: readonly OptionLabel[], kind: string, siteId: string, code: string | null): string | null {
  if (code === null) return null;
  return effectiveEntry(labels.filter((l) => l.kind === kind), siteId, code)?.label ?? code;
}

export function presentEventItem(actor: Actor, r: EventDetail, labels: readonly OptionLabel[]): TChronologyItem {
  const e = r.event;
  return {
    kind: 'event', id: e.id, siteId: e.siteId, occurredAt: pgTimestampToIso(e.occurredAt),
    category: { code: e.categoryCode, name: r.categoryName ?? e.categoryCode },
    polarity: e.polarity as TPolarity, severity: e.severity, points: e.points, periodCode: e.periodCode, locationCode: e.locationCode,
    periodLabel: labelOf(labels, 'period', e.siteId, e.periodCode), locationLabel: labelOf(labels, 'location', e.siteId, e.locationCode),
    note: e.note, recordedBy: { id: e.recordedBy, name: r.recorderName }, voided: e.voidedAt !== null, voidReason: e.voidReason,
    allowed: e.voidedAt === null && can(actor, 'incident.void', e) ? ['void'] : [],
  };
}

const codesOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((c): c is string => typeof c === 'string') : []);

export function presentIncidentItem(actor: Actor, r: IncidentDetail, names: readonly CategoryName[]): TChronologyItem {
  return {
    kind: 'incident', id: r.id, siteId: r.siteId, occurredAt: pgTimestampToIso(r.occurredAt),
    status: r.status as 'draft', severity: r.severity, physicalIntervention: r.physicalIntervention, serious: r.serious,
    categories: codesOf(r.categoryCodes).map((code) => ({ code, name: effectiveEntry(names, r.siteId, code)?.name ?? code })),
    role: r.role as 'involved', recordedBy: { id: r.createdBy, name: r.creatorName },
    voided: r.voidedAt !== null, voidReason: r.voidReason,
    allowed: ['view', ...(r.voidedAt === null && can(actor, 'incident.void', r) ? ['void'] : [])],
  };
}
