/**
 * Reviews that happen (issue 14 §4; REV-3, ANA-6): the plan and risk-assessment versions a post-incident review
 * changed, the overdue plan and risk-assessment reviews per site and per owner (record-keeping quality) with the
 * records behind them, and the "my day" card of overdue reviews for their owner and the site's leads.
 */
import type { z } from 'zod';
import type { TMyDayCard, TOverdueReviews, ZOverdueReviewRecords, ZOverdueReviewRecordsQuery, ZReviewLink, ZReviewLinkInput } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { sitesOfTrust, userNames } from '../analytics/analytics.repo.ts';
import * as repo from './plans-use.repo.ts';
import { countOverdue, overdueRecords, type OverdueCount } from './plans-use.rules.ts';
import { planLink, riskAssessmentLink } from './plans-use.links.ts';

type Link = z.infer<typeof ZReviewLink>;
const KIND_WORDS = { plan: 'Behaviour support plan', risk_assessment: 'Risk assessment' } as const;
const linkTo = (kind: 'plan' | 'risk_assessment', pupilId: string, id: string, version?: number) =>
  (kind === 'plan' ? planLink : riskAssessmentLink)(pupilId, id, version);

/** The versions a review links, presented with the pupil's name and where to open each. */
export async function reviewLinks(db: Executor, trustId: string, reviewId: string, pupilIds: readonly string[]): Promise<Link[]> {
  const rows = await repo.linksOf(db, reviewId);
  if (!rows.length) return [];
  const records = new Map((await repo.linkableRecords(db, trustId, pupilIds)).map((r) => [`${r.kind}:${r.recordId}`, r]));
  const names = await repo.pupilNamesOf(db, pupilIds);
  return rows.flatMap((l) => {
    const rec = records.get(`${l.kind}:${l.recordId}`);
    if (!rec) return [];
    const kind = l.kind as Link['kind'];
    return [{ kind, recordId: l.recordId, version: l.version, label: `${KIND_WORDS[kind]} of ${names.get(rec.pupilId) ?? ''}, version ${l.version}`,
      link: linkTo(kind, rec.pupilId, l.recordId, l.version) }];
  });
}

/** What a review of this incident could link: the plans and risk assessments of its pupils, with their versions. */
export async function linkOptions(db: Executor, trustId: string, pupilIds: readonly string[]) {
  const names = await repo.pupilNamesOf(db, pupilIds);
  return {
    items: (await repo.linkableRecords(db, trustId, pupilIds)).map((r) => ({
      kind: r.kind, recordId: r.recordId, pupilName: names.get(r.pupilId) ?? '', status: r.status, versions: r.versions,
      label: `${KIND_WORDS[r.kind]} of ${names.get(r.pupilId) ?? ''}`,
    })),
  };
}

/**
 * Replaces the review's links (in the review's save transaction). Each must be a version that exists of a plan or risk
 * assessment of one of the incident's pupils; otherwise 400 naming the entry.
 */
export async function saveReviewLinks(tx: Executor, audit: AuditQueue, actor: Actor, review: { id: string; siteId: string; incidentId: string },
  pupilIds: readonly string[], links: readonly z.infer<typeof ZReviewLinkInput>[]): Promise<void> {
  const records = new Map((await repo.linkableRecords(tx, actor.trustId, pupilIds)).map((r) => [`${r.kind}:${r.recordId}`, r]));
  const seen = new Set<string>();
  const rows = links.map((l, n) => {
    const rec = records.get(`${l.kind}:${l.recordId}`);
    if (!rec) throw fieldError(`links.${n}.recordId`, `Not a ${l.kind === 'plan' ? 'behaviour support plan' : 'risk assessment'} of a pupil on this incident`);
    if (!rec.versions.includes(l.version)) throw fieldError(`links.${n}.version`, 'No such version');
    const key = `${l.kind}:${l.recordId}:${l.version}`;
    if (seen.has(key)) throw fieldError(`links.${n}`, 'This version is already linked');
    seen.add(key);
    return { reviewId: review.id, trustId: actor.trustId, kind: l.kind, recordId: l.recordId, version: l.version, linkedBy: actor.userId, linkedAt: new Date() };
  });
  await repo.replaceLinks(tx, review.id, rows);
  audit.record({ action: 'incident.pir.links', entityType: 'post_incident_review', entityId: review.id, siteId: review.siteId,
    details: { incidentId: review.incidentId, links: rows.map((r) => ({ kind: r.kind, recordId: r.recordId, version: r.version })) } });
}

function sum(c: OverdueCount | undefined): OverdueCount { return c ?? { plans: 0, riskAssessments: 0 }; }

/** Overdue plan and risk-assessment reviews at the sites whose dashboards the caller sees (ANA-6). */
export async function overdueReviews(deps: Deps, actor: Actor, q: { siteId?: string | undefined }): Promise<TOverdueReviews> {
  const db = deps.database.db;
  const allowed = scope(actor, 'analytics.read').siteIds;
  if (q.siteId && !allowed.includes(q.siteId)) throw notFound('site');
  const siteIds = q.siteId ? [q.siteId] : allowed;
  if (!siteIds.length) throw forbidden('You have no sites whose dashboards you may see.');
  const today = londonToday(clockNow(deps));
  const rows = await repo.reviewsDue(db, actor.trustId, siteIds, today);
  const aggregateOnly = !siteIds.every((siteId) => can(actor, 'behaviour.read', { trustId: actor.trustId, siteId }));
  const bySite = countOverdue(rows, today, (r) => r.siteId);
  const sites = (await sitesOfTrust(db, actor.trustId)).filter((s) => siteIds.includes(s.id));
  let byOwner: TOverdueReviews['byOwner'] = null;
  if (!aggregateOnly) {
    const owners = countOverdue(rows, today, (r) => r.ownerId);
    const names = await userNames(db, [...owners.keys()].filter((k): k is string => k !== null));
    byOwner = [...owners.entries()].map(([userId, c]) => ({ userId, name: userId ? names.get(userId) ?? 'Unknown' : 'No owner', ...c }))
      .sort((a, b) => b.plans + b.riskAssessments - (a.plans + a.riskAssessments) || a.name.localeCompare(b.name));
  }
  const totals = countOverdue(rows, today, () => 'all').get('all');
  return {
    today, totals: sum(totals), byOwner,
    bySite: sites.map((s) => ({ siteId: s.id, siteName: s.name, ...sum(bySite.get(s.id)) })),
  };
}

/** The plans and risk assessments behind an overdue figure: at sites where the caller reads plans. */
export async function overdueReviewRecords(deps: Deps, actor: Actor, q: z.infer<typeof ZOverdueReviewRecordsQuery>): Promise<z.infer<typeof ZOverdueReviewRecords>> {
  const db = deps.database.db;
  const allowed = scope(actor, 'plan.read').siteIds;
  if (q.siteId && !allowed.includes(q.siteId)) throw notFound('site');
  const today = londonToday(clockNow(deps));
  const rows = (await repo.reviewsDue(db, actor.trustId, q.siteId ? [q.siteId] : allowed, today))
    .filter((r) => (!q.kind || r.kind === q.kind) && (!q.ownerId || (q.ownerId === 'none' ? r.ownerId === null : r.ownerId === q.ownerId)));
  const all = overdueRecords(rows, today);
  const page = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const [names, owners, sites] = [await repo.pupilNamesOf(db, page.map((r) => r.pupilId)),
    await userNames(db, page.flatMap((r) => (r.ownerId ? [r.ownerId] : []))), await sitesOfTrust(db, actor.trustId)];
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  return {
    total: all.length, page: q.page, pageSize: q.pageSize,
    items: page.map((r) => ({
      kind: r.kind, id: r.id, pupilId: r.pupilId, pupilName: names.get(r.pupilId) ?? '', siteName: siteName.get(r.siteId) ?? '',
      ownerName: r.ownerId ? owners.get(r.ownerId) ?? null : null, reviewDate: r.reviewDate!, daysOverdue: r.daysOverdue,
      link: linkTo(r.kind, r.pupilId, r.id),
    })),
  };
}

/**
 * "My day": the overdue plan and risk-assessment reviews the person owns, and for a lead (plan.write) those of
 * their sites. Nothing for someone who reads no plans.
 */
export async function overdueReviewsCard(deps: Deps, actor: Actor, today: string, limit: number): Promise<TMyDayCard | null> {
  const readSites = scope(actor, 'plan.read').siteIds;
  if (!readSites.length) return null;
  const leadSites = new Set(scope(actor, 'plan.write').siteIds);
  const db = deps.database.db;
  const rows = (await repo.reviewsDue(db, actor.trustId, readSites, today))
    .filter((r) => r.ownerId === actor.userId || leadSites.has(r.siteId));
  const all = overdueRecords(rows, today);
  const names = await repo.pupilNamesOf(db, all.slice(0, limit).map((r) => r.pupilId));
  return {
    key: 'plan_reviews_overdue', total: all.length, link: '/plans/overdue-reviews',
    items: all.slice(0, limit).map((r) => ({
      id: `${r.kind}:${r.id}`, title: names.get(r.pupilId) ?? '', detail: `${KIND_WORDS[r.kind]} review overdue`,
      date: r.reviewDate, time: null, flagged: true, link: linkTo(r.kind, r.pupilId, r.id),
    })),
  };
}
