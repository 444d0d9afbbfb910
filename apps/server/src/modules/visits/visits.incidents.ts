/**
 * TRP-4: incidents recorded on a visit link to it. When an incident is submitted, Haven looks for the visit that had
 * left (or come back) at the incident's site on its day with one of its pupils on it; if there is exactly one, the
 * incident is linked to it, audited on both. Two candidate visits are left for the leader to link from the visit's page
 * (visits.service linkIncident), which also covers incidents recorded before the visit was marked as left.
 */
import type { AuditQueue } from '../../core/audit/audit.ts';
import type { Tx } from '../../core/db/client.ts';
import * as repo from './visits.repo.ts';

export interface SubmittedIncident { id: string; siteId: string; occurredAt: string | null; pupils: readonly { pupilId: string }[]; visit: { id: string; purpose: string } | null }

/** Links the incident to the visit it happened on, if exactly one fits; returns the visit linked (or null). */
export async function linkSubmittedIncident(tx: Tx, audit: AuditQueue, s: SubmittedIncident): Promise<{ id: string; purpose: string } | null> {
  if (s.visit || !s.occurredAt) return s.visit;
  const found = await repo.visitsOnIncident(tx, s.siteId, s.occurredAt, s.pupils.map((p) => p.pupilId));
  const [visit] = found;
  if (found.length !== 1 || !visit) return null;
  await repo.linkIncident(tx, s.id, visit.id);
  audit.record({ action: 'visit.incident.link', entityType: 'visit', entityId: visit.id, siteId: s.siteId, details: { incidentId: s.id, automatic: true } });
  audit.record({ action: 'incident.visit.link', entityType: 'incident', entityId: s.id, siteId: s.siteId, details: { visitId: visit.id, automatic: true } });
  return visit;
}
