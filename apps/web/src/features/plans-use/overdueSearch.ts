/** URL search parameters of the overdue plan reviews page (no contracts import: parsed eagerly by the router). */
import { int, uuid } from '../../lib/search';

export interface OverdueSearch { siteId?: string; ownerId?: string; kind?: 'plan' | 'risk_assessment'; page?: number }
export function parseOverdueSearch(s: Record<string, unknown>): OverdueSearch {
  return {
    siteId: uuid(s.siteId), ownerId: s.ownerId === 'none' ? 'none' : uuid(s.ownerId),
    kind: s.kind === 'plan' || s.kind === 'risk_assessment' ? s.kind : undefined, page: int(s.page, 1, 100000),
  };
}
