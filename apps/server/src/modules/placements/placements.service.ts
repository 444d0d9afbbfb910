/**
 * Managed moves and alternative-provision placements (SAN-4) for a pupil: provider, dates, sessions per week, reviews
 * with outcomes and the final outcome. Read with sanction.read, recorded with sanction.manage at the pupil's site.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TPlacement, ZPlacementEnd, ZPlacementInput, ZPlacementReviewInput, ZPlacementReviewOutcome, ZPlacementUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { londonToday } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as detentionRepo from '../detentions/detentions.repo.ts';
import * as repo from './placements.repo.ts';
import { endProblem, isOverdue, nextReview, placementProblem, statusOn } from './placements.rules.ts';

const problem = (p: { field: string; message: string } | null): void => { if (p) throw fieldError(p.field, p.message); };

function present(actor: Actor, row: repo.PlacementRow, reviews: readonly repo.ReviewRow[]): TPlacement {
  const p = row.p;
  const today = londonToday();
  const own = reviews.filter((r) => r.placementId === p.id);
  const manage = can(actor, 'sanction.manage', p);
  return {
    id: p.id, siteId: p.siteId, pupil: { id: p.pupilId, displayName: displayName(row) }, kind: p.kind as TPlacement['kind'], provider: p.provider,
    startDate: p.startDate, endDate: p.endDate, sessionsPerWeek: p.sessionsPerWeek, purpose: p.purpose,
    status: statusOn(p, today), finalOutcome: p.finalOutcome as TPlacement['finalOutcome'], outcomeNotes: p.outcomeNotes,
    reviews: own.map((r) => ({ id: r.id, reviewDate: r.reviewDate, outcome: r.outcome, notes: r.notes, overdue: isOverdue(r, today) })),
    nextReview: nextReview(own), version: p.version,
    allowed: manage ? (p.finalOutcome ? ['review'] : ['edit', 'review', 'end']) : [],
  };
}

async function visible(db: Executor, actor: Actor, id: string) {
  const row = await repo.findPlacement(db, actor.trustId, id);
  if (!row || !can(actor, 'sanction.read', row.p)) throw notFound('placement');
  return row;
}

async function manageable(db: Executor, actor: Actor, id: string) {
  const row = await visible(db, actor, id);
  if (!can(actor, 'sanction.manage', row.p)) throw forbidden('You do not manage sanctions at that site.');
  return row;
}

export async function list(deps: Deps, actor: Actor, q: { siteId?: string | undefined; pupilId?: string | undefined; status: string }) {
  const sites = scope(actor, 'sanction.read').siteIds;
  if (q.siteId && !sites.includes(q.siteId)) throw forbidden('You do not work at that site.');
  const db = deps.database.db;
  const rows = await repo.listPlacements(db, { trustId: actor.trustId, siteIds: q.siteId ? [q.siteId] : sites, pupilId: q.pupilId });
  const reviews = await repo.reviewsOf(db, rows.map((r) => r.p.id));
  const items = rows.map((r) => present(actor, r, reviews)).filter((p) => q.status === 'all' || p.status === q.status);
  return { items, allowed: scope(actor, 'sanction.manage').siteIds.length ? ['create'] : [] };
}

export async function get(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const row = await visible(db, actor, id);
  return present(actor, row, await repo.reviewsOf(db, [id]));
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZPlacementInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const pupil = await detentionRepo.findPupil(tx, body.pupilId);
    if (!pupil || !can(actor, 'sanction.read', pupil)) throw fieldError('pupilId', 'No such pupil at your sites');
    if (!can(actor, 'sanction.manage', pupil)) throw forbidden('You do not manage sanctions at that site.');
    problem(placementProblem(body));
    const id = uuidv7();
    const values = { pupilId: body.pupilId, kind: body.kind, provider: body.provider, startDate: body.startDate, endDate: body.endDate ?? null, sessionsPerWeek: body.sessionsPerWeek, purpose: body.purpose || null };
    await repo.insertPlacement(tx, { id, trustId: actor.trustId, siteId: pupil.siteId, ...values, status: 'active', createdBy: actor.userId });
    await repo.insertReviews(tx, [...new Set(body.reviewDates)].map((reviewDate) => ({ id: uuidv7(), trustId: actor.trustId, placementId: id, reviewDate })));
    audit.record({ action: 'placement.create', entityType: 'placement', entityId: id, siteId: pupil.siteId, details: { after: { ...values, reviewDates: body.reviewDates } } });
    return present(actor, (await repo.findPlacement(tx, actor.trustId, id))!, await repo.reviewsOf(tx, [id]));
  });
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZPlacementUpdate>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await manageable(tx, actor, id);
    if (row.p.finalOutcome) throw conflict('This placement has ended: its record is closed.');
    const { version, ...set } = body;
    problem(placementProblem({ startDate: row.p.startDate, endDate: set.endDate === undefined ? row.p.endDate : set.endDate }));
    if (!(await repo.updatePlacement(tx, id, version, set))) throw staleVersion('placement');
    audit.record({ action: 'placement.update', entityType: 'placement', entityId: id, siteId: row.p.siteId, details: { before: { provider: row.p.provider, endDate: row.p.endDate, sessionsPerWeek: row.p.sessionsPerWeek, purpose: row.p.purpose }, after: set } });
    return present(actor, (await repo.findPlacement(tx, actor.trustId, id))!, await repo.reviewsOf(tx, [id]));
  });
}

export async function end(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZPlacementEnd>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await manageable(tx, actor, id);
    if (row.p.finalOutcome) throw conflict('This placement already has its final outcome.');
    problem(endProblem(row.p, body));
    const set = { finalOutcome: body.finalOutcome, endDate: body.endDate, outcomeNotes: body.outcomeNotes || null, status: 'ended' };
    if (!(await repo.updatePlacement(tx, id, body.version, set))) throw staleVersion('placement');
    audit.record({ action: 'placement.end', entityType: 'placement', entityId: id, siteId: row.p.siteId, details: { after: set } });
    return present(actor, (await repo.findPlacement(tx, actor.trustId, id))!, await repo.reviewsOf(tx, [id]));
  });
}

export async function addReview(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZPlacementReviewInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await manageable(tx, actor, id);
    if (body.reviewDate < row.p.startDate) throw fieldError('reviewDate', 'A review cannot be before the placement starts');
    const reviewId = uuidv7();
    await repo.insertReviews(tx, [{ id: reviewId, trustId: actor.trustId, placementId: id, reviewDate: body.reviewDate, outcome: body.outcome || null, notes: body.notes || null, recordedBy: body.outcome ? actor.userId : null }]);
    audit.record({ action: 'placement.review.create', entityType: 'placement_review', entityId: reviewId, siteId: row.p.siteId, details: { placementId: id, reviewDate: body.reviewDate, outcome: body.outcome ?? null } });
    return present(actor, row, await repo.reviewsOf(tx, [id]));
  });
}

export async function recordReview(deps: Deps, actor: Actor, ctx: AuditContext, reviewId: string, body: z.infer<typeof ZPlacementReviewOutcome>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const review = await repo.findReview(tx, actor.trustId, reviewId);
    if (!review) throw notFound('review');
    const row = await manageable(tx, actor, review.placementId);
    await repo.updateReview(tx, reviewId, { outcome: body.outcome, notes: body.notes ?? review.notes, recordedBy: actor.userId });
    audit.record({ action: 'placement.review.record', entityType: 'placement_review', entityId: reviewId, siteId: row.p.siteId, details: { before: { outcome: review.outcome }, after: { outcome: body.outcome } } });
    return present(actor, row, await repo.reviewsOf(tx, [review.placementId]));
  });
}
