import { int, isoDate, str, uuid } from '../../lib/search';

export interface AuditSearch {
  action?: string;
  entityType?: string;
  actorUserId?: string;
  siteId?: string;
  from?: string;
  to?: string;
  page?: number;
}

export function parseAuditSearch(s: Record<string, unknown>): AuditSearch {
  return {
    action: str(s.action), entityType: str(s.entityType), actorUserId: uuid(s.actorUserId), siteId: uuid(s.siteId),
    from: isoDate(s.from), to: isoDate(s.to), page: int(s.page, 1, 100000),
  };
}
