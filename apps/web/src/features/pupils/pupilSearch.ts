import { int, str, uuid } from '../../lib/search';

export interface PupilSearch {
  search?: string;
  siteId?: string;
  yearGroup?: number;
  /** Leavers, or everyone (the default: on roll). */
  status?: 'left' | 'all';
  page?: number;
}

export function parsePupilSearch(s: Record<string, unknown>): PupilSearch {
  return { search: str(s.search), siteId: uuid(s.siteId), yearGroup: int(s.yearGroup, -1, 14), status: s.status === 'left' || s.status === 'all' ? s.status : undefined, page: int(s.page, 1, 100000) };
}
