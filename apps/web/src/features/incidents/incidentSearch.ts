/**
 * URL search parameters of the incident pages. Parsed eagerly by the router, so this file imports nothing from
 * the contracts (that would pull the schema library into the first bundle); the server validates values again.
 */
import { int, isoDate, str, uuid } from '../../lib/search';

const STATUSES = ['draft', 'submitted', 'returned', 'signed_off'] as const;
type Status = (typeof STATUSES)[number];

/** Triage filters shared by the incident list and the review queue: at least a severity, with or without a physical intervention, a category, a hold used without a valid certificate (STF-2), a hold not in the pupil's plan. */
export interface TriageSearch { severityMin?: number; pi?: 'with' | 'without'; category?: string; uncertified?: boolean; notInPlan?: boolean }
function parseTriage(s: Record<string, unknown>): TriageSearch {
  return {
    severityMin: int(s.severityMin, 0, 5), pi: s.pi === 'with' || s.pi === 'without' ? s.pi : undefined, category: str(s.category, 60),
    uncertified: s.uncertified === true || s.uncertified === 'true' ? true : undefined,
    notInPlan: s.notInPlan === true || s.notInPlan === 'true' || s.notInPlan === '1' ? true : undefined,
  };
}
/** The triage filters as the API's query parameters. */
export function triageQuery(t: TriageSearch): { severityMin?: number; physicalIntervention?: boolean; categoryCode?: string; uncertifiedHold?: boolean; unapprovedHold?: boolean } {
  return { severityMin: t.severityMin, physicalIntervention: t.pi === undefined ? undefined : t.pi === 'with', categoryCode: t.category, uncertifiedHold: t.uncertified, unapprovedHold: t.notInPlan };
}

export interface IncidentListSearch extends TriageSearch { status?: Status; mine?: boolean; siteId?: string; page?: number; pupilId?: string; from?: string; to?: string }
export function parseIncidentListSearch(s: Record<string, unknown>): IncidentListSearch {
  const status = STATUSES.find((x) => x === s.status);
  const mine = s.mine === true || s.mine === 'true' || s.mine === '1' ? true : s.mine === false || s.mine === 'false' ? false : undefined;
  return {
    status, mine, siteId: uuid(s.siteId), page: int(s.page, 1, 100000), pupilId: uuid(s.pupilId), from: isoDate(s.from), to: isoDate(s.to),
    ...parseTriage(s),
  };
}

/** `draft` names this form's local copy until the server has it; `id` is the server's id once created. */
export interface NewIncidentSearch { draft?: string; id?: string; pupilId?: string }
export function parseNewIncidentSearch(s: Record<string, unknown>): NewIncidentSearch {
  return { draft: uuid(s.draft), id: uuid(s.id), pupilId: uuid(s.pupilId) };
}

export interface ReviewQueueSearch extends TriageSearch { siteId?: string; olderThanHours?: number }
export function parseReviewQueueSearch(s: Record<string, unknown>): ReviewQueueSearch {
  return { siteId: uuid(s.siteId), olderThanHours: int(s.olderThanHours, 0, 8760), ...parseTriage(s) };
}
