/** The incident list, the review queue (REV-2) and the dashboard flags, each scoped by the one authorisation layer. */
import type { z } from 'zod';
import type { ZIncidentList, ZIncidentListQuery, ZReviewQueue, ZReviewQueueItem, ZReviewQueueQuery, TIncidentFlags } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import { scope, type Actor } from '../../core/policy/policy.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import { forbidden } from '../../core/http/errors.ts';
import * as lists from './incidents.lists.repo.ts';
import { presentListItem } from './incidents.presenter.ts';
import { queueCopyFlags } from './parent-copy.rules.ts';
import { REVIEW_OVERDUE_HOURS, parentNotInformedSameDay, reviewOverdue } from './incidents.rules.ts';

const HOUR_MS = 3_600_000;

/** The sites to look at: the one asked for (403 if it is not the caller's), else every site where they hold the permission. */
function sitesFor(actor: Actor, permission: Permission, siteId: string | undefined, alsoAllowed: string[] = []): string[] {
  const inScope = scope(actor, permission).siteIds;
  if (!siteId) return inScope;
  if (!inScope.includes(siteId) && !alsoAllowed.includes(siteId)) throw forbidden('You do not work at that site.');
  return inScope.includes(siteId) ? [siteId] : [];
}

/** Readers see every incident of their sites; everyone else sees what they recorded themselves. */
export async function listIncidents(deps: Deps, actor: Actor, q: z.infer<typeof ZIncidentListQuery>): Promise<z.infer<typeof ZIncidentList>> {
  const own = scope(actor, 'behaviour.record').siteIds;
  const read = sitesFor(actor, 'behaviour.read', q.siteId, own);
  const ownSites = q.siteId ? own.filter((s) => s === q.siteId) : own;
  const { rows, total } = await lists.listIncidents(deps.database.db, { trustId: actor.trustId, userId: actor.userId, readSiteIds: read, ownSiteIds: ownSites },
    {
      status: q.status, pupilId: q.pupilId, mine: q.mine, includeVoided: q.includeVoided, from: q.from, to: q.to,
      severityMin: q.severityMin, physicalIntervention: q.physicalIntervention, categoryCode: q.categoryCode, uncertifiedHold: q.uncertifiedHold, unapprovedHold: q.unapprovedHold,
    }, q.page, q.pageSize);
  return { items: rows.map((r) => presentListItem(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

export async function reviewQueue(deps: Deps, actor: Actor, q: Omit<z.infer<typeof ZReviewQueueQuery>, 'format'>, now = new Date()): Promise<z.infer<typeof ZReviewQueue>> {
  const rows = await lists.reviewQueue(deps.database.db, sitesFor(actor, 'incident.review', q.siteId), {
    severityMin: q.severityMin, physicalIntervention: q.physicalIntervention, categoryCode: q.categoryCode, uncertifiedHold: q.uncertifiedHold, unapprovedHold: q.unapprovedHold,
    submittedBefore: q.olderThanHours !== undefined ? new Date(now.getTime() - q.olderThanHours * HOUR_MS) : undefined,
  });
  const items = rows.map((r) => presentQueueItem(actor, r, now));
  return { items, total: items.length };
}

/** One row of the review queue with its age and flags (also read by "my day", modules/my-day). */
export function presentQueueItem(actor: Actor, r: lists.QueueRow, now: Date): z.infer<typeof ZReviewQueueItem> {
  const ageHours = Math.max(0, (now.getTime() - Date.parse(r.submittedAt)) / HOUR_MS);
  const copy = r.physicalIntervention ? queueCopyFlags(r.pis, r.copies, now) : { outstanding: false, withheld: false };
  return {
    ...presentListItem(actor, r), submittedAt: r.submittedAt, ageHours: Math.round(ageHours * 10) / 10,
    overdue: reviewOverdue(r.submittedAt, now), parentNotInformedSameDay: r.physicalIntervention && r.pis.some((pi) => parentNotInformedSameDay(pi, now)),
    parentCopyOutstanding: copy.outstanding, parentCopyWithheld: copy.withheld, resubmitted: r.resubmitted, uncertifiedHold: r.uncertifiedHold, unapprovedHold: r.unapprovedHold,
  };
}

export async function flags(deps: Deps, actor: Actor, siteId: string | undefined, now = new Date()): Promise<TIncidentFlags> {
  const siteIds = sitesFor(actor, 'behaviour.read', siteId);
  const c = await lists.flagCounts(deps.database.db, siteIds, new Date(now.getTime() - REVIEW_OVERDUE_HOURS * HOUR_MS));
  const late = new Set(c.pis.filter((pi) => parentNotInformedSameDay(pi, now)).map((pi) => pi.incidentId));
  return { awaitingReview: c.awaitingReview, overdue: c.overdue, parentNotInformedSameDay: late.size };
}
