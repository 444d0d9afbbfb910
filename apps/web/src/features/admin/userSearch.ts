import { int, str, uuid } from '../../lib/search';
import type { TRole } from '../../lib/types';

export interface UserSearch {
  search?: string;
  siteId?: string;
  role?: TRole;
  page?: number;
}

/**
 * Parsed eagerly by the router, so it does not import the role list from the contracts (that would pull the
 * schema library into the first bundle); the server validates the role and the page's select shows known ones.
 */
export function parseUserSearch(s: Record<string, unknown>): UserSearch {
  const role = typeof s.role === 'string' && /^[a-z_]{2,40}$/.test(s.role) ? (s.role as TRole) : undefined;
  return { search: str(s.search), siteId: uuid(s.siteId), role, page: int(s.page, 1, 100000) };
}
