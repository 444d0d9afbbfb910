/** URL state of the safeguarding pages: the pupil a concern starts with, and the DSL inbox's filters. */
import { int, uuid } from '../../lib/search';

const STATUSES = ['open', 'new', 'triaged', 'referred', 'closed'] as const;

export function parseRaiseSearch(s: Record<string, unknown>): { pupilId?: string } {
  return { pupilId: uuid(s.pupilId) };
}

export function parseInboxSearch(s: Record<string, unknown>): { siteId?: string; status?: string; page?: number } {
  const status = typeof s.status === 'string' && (STATUSES as readonly string[]).includes(s.status) ? s.status : undefined;
  return { siteId: uuid(s.siteId), status, page: int(s.page, 1, 100000) };
}
