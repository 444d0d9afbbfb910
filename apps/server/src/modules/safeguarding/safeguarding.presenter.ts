/**
 * Concern rows → DTOs, for the DSL only (the service has already checked safeguarding.read at the concern's site).
 * The inbox row leaves out every free-text field: reading the text is the separate, audited single read.
 */
import type {
  TSafeguardingCategory, TSafeguardingConcern, TSafeguardingConcernListItem, TSafeguardingStatus,
} from '@haven/contracts';
import { allowedActions, type Actor } from '../../core/policy/policy.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type { ConcernRow } from './safeguarding.repo.ts';

const CONCERN_ACTIONS: Record<string, Permission> = { view: 'safeguarding.read', triage: 'safeguarding.read' };

type PupilNames = Parameters<typeof displayName>[0] & { id: string };

const iso = (v: string | Date | null) => (v === null ? null : pgTimestampToIso(v));

export function presentListItem(actor: Actor, r: ConcernRow, pupilRows: readonly PupilNames[]): TSafeguardingConcernListItem {
  const c = r.concern;
  return {
    id: c.id, siteId: c.siteId, siteName: r.siteName, raisedAt: pgTimestampToIso(c.raisedAt),
    raisedBy: { id: c.raisedBy, displayName: r.raisedByName },
    category: c.category as TSafeguardingCategory, status: c.status as TSafeguardingStatus,
    pupils: pupilRows.map((p) => ({ id: p.id, displayName: displayName(p) })),
    triagedAt: iso(c.triagedAt),
    allowed: allowedActions(actor, c, CONCERN_ACTIONS),
  };
}

export function presentConcern(actor: Actor, r: ConcernRow, pupilRows: readonly PupilNames[]): TSafeguardingConcern {
  const c = r.concern;
  return {
    ...presentListItem(actor, r, pupilRows),
    concern: c.concern, childWords: c.childWords, actionTaken: c.actionTaken,
    bodyMap: (Array.isArray(c.bodyMap) ? c.bodyMap : []) as TSafeguardingConcern['bodyMap'],
    incidentId: c.incidentId,
    triageOutcome: c.triageOutcome,
    triageNotes: c.triageNotes,
    triagedBy: c.triagedBy ? { id: c.triagedBy, displayName: r.triagedByName ?? '' } : null,
    version: c.version,
  };
}
