/** The home page's "my day" query: what the signed-in person must act on today (GET /api/v1/my-day). */
import { useQuery } from '@tanstack/react-query';
import type { TMyDay } from '@haven/contracts';
import { api } from '../../lib/api';

export function useMyDay() {
  return useQuery({
    queryKey: ['my-day'],
    queryFn: ({ signal }) => api.get<TMyDay>('/my-day', undefined, signal),
    // calls for help and the queues move during the day; the live stream refreshes other pages, this one looks again each minute
    refetchInterval: 60_000,
  });
}
