/**
 * URL search parameters of the incident pages. Parsed eagerly by the router, so this file imports nothing from
 * the contracts (that would pull the schema library into the first bundle); the server validates values again.
 */
import { int, uuid } from '../../lib/search';

const STATUSES = ['draft', 'submitted', 'returned', 'signed_off'] as const;
type Status = (typeof STATUSES)[number];

export interface IncidentListSearch { status?: Status; mine?: boolean; siteId?: string; page?: number }
export function parseIncidentListSearch(s: Record<string, unknown>): IncidentListSearch {
  const status = STATUSES.find((x) => x === s.status);
  const mine = s.mine === true || s.mine === 'true' || s.mine === '1' ? true : s.mine === false || s.mine === 'false' ? false : undefined;
  return { status, mine, siteId: uuid(s.siteId), page: int(s.page, 1, 100000) };
}

/** `draft` names this form's local copy until the server has it; `id` is the server's id once created. */
export interface NewIncidentSearch { draft?: string; id?: string; pupilId?: string }
export function parseNewIncidentSearch(s: Record<string, unknown>): NewIncidentSearch {
  return { draft: uuid(s.draft), id: uuid(s.id), pupilId: uuid(s.pupilId) };
}

export interface ReviewQueueSearch { siteId?: string }
export function parseReviewQueueSearch(s: Record<string, unknown>): ReviewQueueSearch {
  return { siteId: uuid(s.siteId) };
}
