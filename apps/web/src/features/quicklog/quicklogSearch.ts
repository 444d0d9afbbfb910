/** URL state of the quick log page: the site, the group being shown, and a pupil to start with ("Log for this pupil"). */
import { uuid } from '../../lib/search';

export interface QuickLogSearch {
  siteId?: string;
  groupId?: string;
  pupilId?: string;
}

export function parseQuickLogSearch(s: Record<string, unknown>): QuickLogSearch {
  return { siteId: uuid(s.siteId), groupId: uuid(s.groupId), pupilId: uuid(s.pupilId) };
}
