/** Notification and task queries (PLT-4, POL-3). Type-only contract imports: the header bell loads with the shell. */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TNotification, TNotificationList, TTask, TTaskList, TTaskStatus } from '@haven/contracts';
import { api } from '../../lib/api';

export const unreadCountKey = ['notifications', 'unread-count'] as const;

/** The bell's count: its query, and what the signed-in frame starts once /me has answered (AppLayout.tsx). */
export const unreadCountQuery = queryOptions({
  queryKey: unreadCountKey,
  queryFn: ({ signal }) => api.get<{ count: number }>('/notifications/unread-count', undefined, signal),
});

export function useUnreadCount() {
  return useQuery({
    ...unreadCountQuery,
    // the live stream refreshes it at once; polling is only the fallback when the stream cannot connect
    refetchInterval: 120_000,
    select: (d) => d.count,
  });
}

export const NOTIFICATION_PAGE_SIZE = 25;

export function useNotifications(unread: boolean, page: number) {
  const query = { unread: unread ? true : undefined, page, pageSize: NOTIFICATION_PAGE_SIZE };
  return useQuery({
    queryKey: ['notifications', 'list', query],
    queryFn: ({ signal }) => api.get<TNotificationList>('/notifications', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TNotification>(`/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ updated: number }>('/notifications/read-all'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export const TASK_PAGE_SIZE = 25;

export function useTasks(status: TTaskStatus, siteId: string | undefined, page: number, mine = false) {
  const query = { status, siteId, page, pageSize: TASK_PAGE_SIZE, ...(mine ? { mine: 'true' } : {}) };
  return useQuery({
    queryKey: ['tasks', query],
    queryFn: ({ signal }) => api.get<TTaskList>('/tasks', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFinishTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, outcome }: { id: string; outcome: 'complete' | 'dismiss' }) =>
      api.post<TTask>(`/tasks/${encodeURIComponent(id)}/${outcome}`),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
}
