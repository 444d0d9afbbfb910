/**
 * One live connection per tab: an EventSource on GET /api/v1/events. Each event refreshes the queries it affects and
 * is re-dispatched on `window` as a `haven:live` CustomEvent ({ type, data }), so any page can react without opening
 * a second connection. The browser reconnects by itself after a drop (the server asks for a 5 s retry).
 */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';

export const LIVE_EVENT = 'haven:live';
export interface LiveEventDetail { type: string; data: unknown }

const TYPES = ['notification', 'task.created', 'oncall.created', 'oncall.updated'] as const;
const REFRESH: Record<(typeof TYPES)[number], string[]> = {
  notification: ['notifications'],
  'task.created': ['tasks'],
  'oncall.created': ['on-call-requests'],
  'oncall.updated': ['on-call-requests'],
};

export function useLiveEvents(enabled: boolean): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    const handlers = TYPES.map((type) => {
      const handler = (e: MessageEvent<string>) => {
        let data: unknown = null;
        try { data = JSON.parse(e.data); } catch { /* a malformed frame still triggers the refresh */ }
        void qc.invalidateQueries({ queryKey: REFRESH[type] });
        window.dispatchEvent(new CustomEvent<LiveEventDetail>(LIVE_EVENT, { detail: { type, data } }));
      };
      source.addEventListener(type, handler);
      return [type, handler] as const;
    });
    // after a reconnect, catch up on whatever arrived while the connection was down
    source.addEventListener('open', () => void qc.invalidateQueries({ queryKey: ['notifications'] }));
    return () => {
      for (const [type, handler] of handlers) source.removeEventListener(type, handler);
      source.close();
    };
  }, [enabled, qc]);
}
