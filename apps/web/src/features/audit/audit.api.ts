import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { TAuditList } from '../../lib/types';
import type { AuditSearch } from './auditSearch';

export const AUDIT_PAGE_SIZE = 50;

export function useAuditLog(s: AuditSearch) {
  const query = { ...s, page: s.page ?? 1, pageSize: AUDIT_PAGE_SIZE };
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.get<TAuditList>('/audit', query, signal),
    placeholderData: keepPreviousData,
  });
}
