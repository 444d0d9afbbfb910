/** The records behind one exclusions figure (drill-down), newest first, with the pupil's name for allowed roles. */
import { sql } from 'drizzle-orm';
import type { TExclusionRecords, TExclusionRecordsQuery } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { rowsOf } from '../analytics/analytics.repo.ts';
import { uuidArray } from '../analytics/analytics.source.ts';
import type { Resolved } from '../analytics/analytics.service.ts';
import { isSuspension, type CountedExclusion, type ExclusionSummary } from './exclusion-analytics.rules.ts';

export function recordsOfKind(s: ExclusionSummary, kind: TExclusionRecordsQuery['kind'], reasonCode?: string): CountedExclusion[] {
  const pick = (r: CountedExclusion): boolean => {
    switch (kind) {
      case 'suspension': return isSuspension(r.category);
      case 'lunchtime': case 'permanent': return r.category === kind;
      case 'at35': return isSuspension(r.category) && s.at35PupilIds.has(r.pupilId);
      case 'repeat': return isSuspension(r.category) && s.repeatPupilIds.has(r.pupilId);
      default: return true;
    }
  };
  return s.counted.filter((r) => pick(r) && (!reasonCode || r.reasonCodes.includes(reasonCode)));
}

export async function exclusionRecordRows(db: Executor, r: Resolved, s: ExclusionSummary, q: TExclusionRecordsQuery): Promise<TExclusionRecords> {
  const all = recordsOfKind(s, q.kind, q.reasonCode).sort((a, b) => b.startDate.localeCompare(a.startDate) || a.id.localeCompare(b.id));
  const page = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const pupils = page.length ? rowsOf<{ id: string; name: string; yearGroup: number }>(await db.execute(sql`
    select id, coalesce(preferred_forename, legal_forename) || ' ' || coalesce(preferred_surname, legal_surname) as name, year_group as "yearGroup"
      from pupils where id = any(${uuidArray([...new Set(page.map((x) => x.pupilId))])})`)) : [];
  const byId = new Map(pupils.map((p) => [p.id, p]));
  const sites = new Map(r.sites.map((x) => [x.id, x.name]));
  return {
    total: all.length, page: q.page, pageSize: q.pageSize,
    items: page.map((x) => {
      const p = byId.get(x.pupilId);
      return {
        id: x.id, siteId: x.siteId, siteName: sites.get(x.siteId) ?? '', pupil: { id: x.pupilId, displayName: p?.name ?? '', yearGroup: p?.yearGroup ?? 0 },
        category: x.category, startDate: x.startDate, sessions: x.sessions ?? null,
        reasonCodes: [...x.reasonCodes], link: `/suspensions/${x.id}`,
      };
    }),
  };
}

