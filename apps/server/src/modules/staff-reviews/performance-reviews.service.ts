/**
 * STF-4 performance reviews of support staff. A review is seen only by the member of staff, their line manager on the
 * day (training's line management; the reviewer) and the cluster lead of the member of staff's site; anyone else gets
 * 404, as if it did not exist. Personnel data: every read (a review, a list, the PDF) and every write is audited.
 */
import { uuidv7 } from 'uuidv7';
import type {
  TPerformanceReview, TPerformanceReviewList, TPerformanceReviewUpdate, TReviewEvidenceOptions,
} from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { academicYearOf, academicYearStarting } from '../../core/calendar/dates.ts';
import * as repo from './performance-reviews.repo.ts';
import { lineManagersOf } from '../training/training.repo.ts';
import { forbiddenFields, fullySigned, relationTo, signRefusal, stageRefusal, validAcademicYear, type ReviewRelation } from './performance-reviews.rules.ts';
import { presentReview, presentListItem } from './performance-reviews.presenter.ts';

interface Access { review: repo.ReviewRow; as: ReviewRelation; staff: repo.Person; reviewer: repo.Person }

/** How the caller relates to a member of staff today, or null. */
async function relationToStaff(db: Executor, actor: Actor, staff: repo.Person, today: string, myStaffIds?: string[]): Promise<ReviewRelation | null> {
  const mine = myStaffIds ?? await repo.staffIdsOfUser(db, actor.trustId, actor.userId);
  const manager = (await lineManagersOf(db, [staff.staffId], today)).get(staff.staffId)?.managerStaffId ?? null;
  return relationTo({ actorStaffIds: mine, staffId: staff.staffId, lineManagerStaffId: manager, leadForSite: can(actor, 'staff-review.oversee', { trustId: actor.trustId, siteId: staff.siteId }) });
}

async function access(db: Executor, actor: Actor, id: string, today: string, forUpdate = false): Promise<Access> {
  const review = await repo.loadReview(db, actor.trustId, id, forUpdate);
  if (!review) throw notFound('review');
  const ps = await repo.people(db, actor.trustId, [review.staffId, review.reviewerStaffId]);
  const staff = ps.get(review.staffId)!;
  const as = await relationToStaff(db, actor, staff, today);
  if (!as) throw notFound('review');
  return { review, as, staff, reviewer: ps.get(review.reviewerStaffId)! };
}

const audited = (a: Access, action: string, details: Record<string, unknown> = {}) =>
  ({ action, entityType: 'performance_review', entityId: a.review.id, siteId: a.staff.siteId, details: { personnel: true, as: a.as, ...details } });

export async function listReviews(deps: Deps, actor: Actor, ctx: AuditContext, view: 'mine' | 'team', now = clockNow(deps)): Promise<TPerformanceReviewList> {
  const today = londonToday(now);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const mine = await repo.staffIdsOfUser(tx, actor.trustId, actor.userId);
    const teamIds = view === 'team' ? await repo.managedOn(tx, mine, today) : [];
    const rows = await repo.reviewsOf(tx, actor.trustId, view === 'mine' ? mine : teamIds);
    const ps = await repo.people(tx, actor.trustId, [...rows.flatMap((r) => [r.staffId, r.reviewerStaffId]), ...teamIds]);
    if (rows.length) audit.record({ action: 'performance_review.list', entityType: 'performance_review', details: { personnel: true, view, reviews: rows.map((r) => r.id) } });
    return {
      items: rows.map((r) => presentListItem(r, ps.get(r.staffId)!, ps.get(r.reviewerStaffId)!)),
      team: teamIds.map((id) => ps.get(id)!).filter(Boolean).sort((a, b) => a.name.localeCompare(b.name)).map(({ siteId: _s, ...p }) => p),
    };
  });
}

export async function createReview(deps: Deps, actor: Actor, ctx: AuditContext, body: { staffId: string; academicYear: string }, now = clockNow(deps)): Promise<TPerformanceReview> {
  if (!validAcademicYear(body.academicYear)) throw fieldError('academicYear', 'An academic year such as 2026/27');
  const today = londonToday(now);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const mine = await repo.staffIdsOfUser(tx, actor.trustId, actor.userId);
    const staff = (await repo.people(tx, actor.trustId, [body.staffId])).get(body.staffId);
    if (!staff) throw notFound('member of staff');
    const as = await relationToStaff(tx, actor, staff, today, mine);
    if (as !== 'reviewer') throw forbidden('Only the line manager of a member of staff starts their performance review.');
    if (await repo.yearTaken(tx, body.staffId, body.academicYear)) throw conflict(`${staff.name} already has a performance review for ${body.academicYear}.`, [{ field: 'academicYear', message: 'Already has a review for this year' }]);
    const manager = (await lineManagersOf(tx, [staff.staffId], today)).get(staff.staffId)!.managerStaffId;
    const at = now.toISOString();
    const review: repo.ReviewRow = {
      id: uuidv7(), trustId: actor.trustId, staffId: staff.staffId, reviewerStaffId: manager, academicYear: body.academicYear, stage: 'objectives',
      objectives: [], midYearReviewerComment: null, midYearRevieweeComment: null, midYearOn: null, annualReviewerComment: null, annualRevieweeComment: null,
      annualOn: null, observations: [], evidence: [], reviewerSignedAt: null, reviewerSignedBy: null, revieweeSignedAt: null, revieweeSignedBy: null,
      version: 1, createdBy: actor.userId, createdAt: at, updatedAt: at,
    };
    await repo.insertReview(tx, review);
    const a: Access = { review, as, staff, reviewer: (await repo.people(tx, actor.trustId, [manager])).get(manager)! };
    audit.record(audited(a, 'performance_review.create', { academicYear: body.academicYear }));
    return presentReview(a.review, a.as, a.staff, a.reviewer);
  });
}

export async function getReview(deps: Deps, actor: Actor, ctx: AuditContext, id: string, now = clockNow(deps)): Promise<TPerformanceReview> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const a = await access(tx, actor, id, londonToday(now));
    audit.record(audited(a, 'performance_review.read'));
    return presentReview(a.review, a.as, a.staff, a.reviewer);
  });
}

/** The year's window for evidence: the academic year of the review. */
function yearWindow(label: string): { from: string; to: string } {
  const y = academicYearStarting(Number(label.slice(0, 4)));
  return { from: y.startDate, to: y.endDate };
}

export async function evidenceOptions(deps: Deps, actor: Actor, ctx: AuditContext, id: string, now = clockNow(deps)): Promise<TReviewEvidenceOptions> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const a = await access(tx, actor, id, londonToday(now));
    if (a.as === 'lead') throw forbidden('Only the member of staff and their line manager link evidence.');
    const w = yearWindow(a.review.academicYear);
    audit.record(audited(a, 'performance_review.evidence_options'));
    return { items: await repo.evidenceOptions(tx, actor.trustId, a.review.staffId, w.from, w.to) };
  });
}

const UPDATE_FIELDS = ['stage', 'objectives', 'midYearReviewerComment', 'midYearRevieweeComment', 'midYearOn', 'annualReviewerComment', 'annualRevieweeComment',
  'annualOn', 'observations', 'evidence'] as const;

export async function updateReview(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: TPerformanceReviewUpdate, now = clockNow(deps)): Promise<TPerformanceReview> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const a = await access(tx, actor, id, londonToday(now), true);
    const r = a.review;
    if (r.stage === 'signed') throw conflict('This review has been signed by both, so it can no longer be changed.');
    if (body.version !== r.version) throw staleVersion('review');
    const fields = UPDATE_FIELDS.filter((f) => body[f] !== undefined);
    const refused = forbiddenFields(a.as, fields);
    if (refused.length) {
      throw new AppError(403, 'forbidden', a.as === 'lead' ? 'The cluster lead reads reviews; the member of staff and their line manager write them.'
        : `Only the ${a.as === 'reviewee' ? 'line manager' : 'member of staff'} can change ${refused.join(', ')}.`, refused.map((f) => ({ field: f, message: 'Not yours to change' })));
    }
    const changes: Partial<repo.ReviewRow> = {};
    for (const f of fields) (changes as Record<string, unknown>)[f] = body[f];
    if (body.objectives) changes.objectives = body.objectives.map((o) => ({ id: o.id ?? uuidv7(), title: o.title, successMeasure: o.successMeasure ?? null, midYearProgress: o.midYearProgress ?? null, annualOutcome: o.annualOutcome ?? null }));
    if (body.observations) changes.observations = body.observations.map((o) => ({ id: o.id ?? uuidv7(), on: o.on, text: o.text }));
    if (body.evidence) {
      const options = new Map((await repo.evidenceOptions(tx, actor.trustId, r.staffId, yearWindow(r.academicYear).from, yearWindow(r.academicYear).to)).map((e) => [`${e.kind}:${e.refId}`, e]));
      const errors = body.evidence.flatMap((e, n) => (options.has(`${e.kind}:${e.refId}`) ? [] : [{ field: `evidence.${n}.refId`, message: 'Not a certificate or incident of this member of staff in this year' }]));
      if (errors.length) throw new AppError(400, 'invalid_request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      changes.evidence = [...new Map(body.evidence.map((e) => [`${e.kind}:${e.refId}`, options.get(`${e.kind}:${e.refId}`)!])).values()];
    }
    const merged = { ...r, ...changes };
    if (body.stage && body.stage !== r.stage) {
      const why = stageRefusal({ stage: r.stage, objectives: merged.objectives.length, midYearReviewerComment: merged.midYearReviewerComment }, body.stage);
      if (why) throw fieldError('stage', why);
    }
    // a change after a signature asks both to sign again: they sign what the review says
    if (r.reviewerSignedAt || r.revieweeSignedAt) Object.assign(changes, { reviewerSignedAt: null, reviewerSignedBy: null, revieweeSignedAt: null, revieweeSignedBy: null });
    const at = now.toISOString();
    if (!await repo.updateReview(tx, r.id, r.version, changes, at)) throw staleVersion('review');
    audit.record(audited(a, 'performance_review.update', { version: r.version + 1, fields }));
    return presentReview({ ...merged, ...changes, version: r.version + 1, updatedAt: at }, a.as, a.staff, a.reviewer);
  });
}

export async function signReview(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number, now = clockNow(deps)): Promise<TPerformanceReview> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const a = await access(tx, actor, id, londonToday(now), true);
    const r = a.review;
    if (version !== r.version) throw staleVersion('review');
    const why = signRefusal(r, a.as);
    if (why) throw a.as === 'lead' ? forbidden(why) : conflict(why);
    const at = now.toISOString();
    const changes: Partial<repo.ReviewRow> = a.as === 'reviewer' ? { reviewerSignedAt: at, reviewerSignedBy: actor.userId } : { revieweeSignedAt: at, revieweeSignedBy: actor.userId };
    const merged = { ...r, ...changes };
    if (fullySigned(merged.reviewerSignedAt, merged.revieweeSignedAt)) changes.stage = 'signed';
    if (!await repo.updateReview(tx, r.id, r.version, changes, at)) throw staleVersion('review');
    audit.record(audited(a, 'performance_review.sign', { version: r.version + 1, signedAs: a.as, complete: changes.stage === 'signed' }));
    return presentReview({ ...merged, ...changes, version: r.version + 1, updatedAt: at }, a.as, a.staff, a.reviewer);
  });
}

/** For the PDF: the review as its reader may see it (audited). */
export async function reviewForPrint(deps: Deps, actor: Actor, ctx: AuditContext, id: string, now = clockNow(deps)): Promise<TPerformanceReview> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const a = await access(tx, actor, id, londonToday(now));
    audit.record(audited(a, 'performance_review.pdf'));
    return presentReview(a.review, a.as, a.staff, a.reviewer);
  });
}

/** The academic year a new review defaults to (the one today is in). */
export const currentAcademicYear = (now: Date): string => academicYearOf(londonToday(now)).label;
