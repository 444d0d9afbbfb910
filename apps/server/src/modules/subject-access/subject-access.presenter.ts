/** Subject access request rows → contract summaries: the deadline's state, where it may go next, what the actor may do. */
import type { TSarRequesterKind, TSarStatus, TSarSummary } from '@haven/contracts';
import { pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { daysLeft, isOverdue, nextStatuses } from './subject-access.rules.ts';
import type { PupilRow, RequestRow } from './subject-access.repo.ts';

export interface ReleaseFacts { pdfSha256: string; archiveSha256: string; recordCount: number; withheldCount: number; releasedBy: string; releasedAt: Date | string }

export function presentRequest(r: RequestRow, pupil: PupilRow, names: ReadonlyMap<string, string>, release: ReleaseFacts | undefined, today: string): TSarSummary {
  const status = r.status as TSarStatus;
  const next = nextStatuses(status);
  const allowed = [...(status === 'redaction' ? ['decide', 'release'] : []), ...(['received', 'gathering', 'redaction'].includes(status) ? ['edit'] : []),
    ...(release ? ['download'] : [])];
  return {
    id: r.id, siteId: r.siteId, pupil: { id: pupil.id, displayName: displayName(pupil), yearGroup: pupil.yearGroup },
    requesterKind: r.requesterKind as TSarRequesterKind, requesterName: r.requesterName, receivedOn: r.receivedOn, dueOn: r.dueOn,
    status, overdue: isOverdue(status, r.dueOn, today), daysLeft: daysLeft(r.dueOn, today), redactStaff: r.redactStaff, notes: r.notes,
    withdrawnReason: r.withdrawnReason, version: r.version, createdBy: names.get(r.createdBy) ?? 'Unknown', createdAt: pgTimestampToIso(r.createdAt as unknown as string),
    release: release ? {
      releasedAt: pgTimestampToIso(release.releasedAt as unknown as string), releasedBy: names.get(release.releasedBy) ?? 'Unknown',
      pdfSha256: release.pdfSha256, archiveSha256: release.archiveSha256, recordCount: release.recordCount, withheldCount: release.withheldCount,
    } : null,
    next: [...next], allowed,
  };
}
