/**
 * Working through the review queue (REV-2): the queue page remembers the order it showed and its filters, so after a
 * decision on one incident (sign-off or return) the reviewer is taken straight to the next one still waiting, with
 * what was done said at the top; when none is left, back to the queue. Kept in memory only, for this tab.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, type Query } from '../../lib/api';
import { compareText } from '../../lib/format';
import { setFlash } from './flash';
import type { ReviewQueueSearch } from './incidentSearch';
import type { TReviewQueue } from './types';

interface Session { search: ReviewQueueSearch; query: Query; ids: string[] }
let session: Session | null = null;

export function rememberQueue(search: ReviewQueueSearch, query: Query, ids: string[]): void {
  session = { search, query, ids };
}

/** The next incident after `currentId` that is still waiting: the queue's own order first, then anything newer. */
export function nextInQueue(order: string[], currentId: string, waiting: string[]): string | null {
  const still = new Set(waiting.filter((id) => id !== currentId));
  const at = order.indexOf(currentId);
  return order.slice(at + 1).find((id) => still.has(id)) ?? waiting.find((id) => still.has(id) && !order.slice(0, at).includes(id))
    ?? waiting.find((id) => still.has(id)) ?? null;
}

/** After a decision: go to the next incident waiting (true), or nowhere when this incident was not opened from the queue (false). */
export function useGoToNextInQueue(): (currentId: string, message: string) => Promise<boolean> {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return async (currentId, message) => {
    const s = session;
    if (!s || !s.ids.includes(currentId)) return false;
    const fresh = await qc.fetchQuery({ queryKey: ['review-queue', s.query], queryFn: ({ signal }) => api.get<TReviewQueue>('/review-queue', s.query, signal), staleTime: 0 });
    const waiting = [...fresh.items].sort((a, b) => compareText(a.submittedAt, b.submittedAt)).map((i) => i.id);
    const next = nextInQueue(s.ids, currentId, waiting);
    session = { ...s, ids: waiting };
    if (next) {
      setFlash(`${message} This is the next incident waiting for review.`);
      await navigate({ to: '/incidents/$incidentId', params: { incidentId: next } });
    } else {
      setFlash(`${message} Nothing else is waiting for review.`);
      await navigate({ to: '/review-queue', search: s.search });
    }
    return true;
  };
}
