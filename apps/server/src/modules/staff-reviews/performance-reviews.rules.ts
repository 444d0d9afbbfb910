/**
 * STF-4 as pure functions: who a review is for (the member of staff, their line manager on the day, the cluster lead),
 * what each may change at each stage, the order of the stages, and sign-off by both.
 */
import type { TPerformanceReviewUpdate, TReviewStage } from '@haven/contracts';

export type ReviewRelation = 'reviewee' | 'reviewer' | 'lead';

export interface RelationFacts {
  /** The caller's staff records (one per site they work at). */
  actorStaffIds: readonly string[];
  /** The reviewee. */
  staffId: string;
  /** The reviewee's line manager today (training's line management), if any. */
  lineManagerStaffId: string | null;
  /** The caller is a cluster (or trust) lead for the reviewee's site. */
  leadForSite: boolean;
}

/**
 * How the caller relates to a member of staff's review, or null when they may not see it. The member of staff sees
 * their own review (even if they also lead); their line manager reviews; the cluster lead oversees. Nobody else —
 * not the head of the site, not another site's line manager, not colleagues.
 */
export function relationTo(f: RelationFacts): ReviewRelation | null {
  if (f.actorStaffIds.includes(f.staffId)) return 'reviewee';
  if (f.lineManagerStaffId && f.actorStaffIds.includes(f.lineManagerStaffId)) return 'reviewer';
  if (f.leadForSite) return 'lead';
  return null;
}

const STAGE_ORDER: readonly TReviewStage[] = ['objectives', 'mid_year', 'annual', 'signed'];

/** Fields only the reviewee writes; every other field of an update is the reviewer's. */
const REVIEWEE_FIELDS = ['midYearRevieweeComment', 'annualRevieweeComment', 'evidence'] as const;
type UpdateField = Exclude<keyof TPerformanceReviewUpdate, 'version'>;
const BOTH: readonly UpdateField[] = ['evidence'];

/** The fields of an update this caller may not change (each named in the refusal). */
export function forbiddenFields(relation: ReviewRelation, fields: readonly UpdateField[]): UpdateField[] {
  if (relation === 'lead') return [...fields];
  if (relation === 'reviewee') return fields.filter((f) => !(REVIEWEE_FIELDS as readonly string[]).includes(f));
  return fields.filter((f) => (REVIEWEE_FIELDS as readonly string[]).includes(f) && !BOTH.includes(f));
}

export interface StageFacts {
  stage: TReviewStage;
  objectives: number;
  midYearReviewerComment: string | null;
}

/** Moving to a stage: forward only, one step at a time, and what the step needs. Null when allowed, else why not. */
export function stageRefusal(from: StageFacts, to: TReviewStage): string | null {
  const a = STAGE_ORDER.indexOf(from.stage);
  const b = STAGE_ORDER.indexOf(to);
  if (b === a) return null;
  if (to === 'signed') return 'A review is signed by both, not moved to signed.';
  if (b < a) return 'A review moves forward only.';
  if (b > a + 1) return 'Finish the current stage first.';
  if (to === 'mid_year' && from.objectives === 0) return 'Set at least one objective before the mid-year review.';
  if (to === 'annual' && !from.midYearReviewerComment?.trim()) return "Write the reviewer's mid-year comment before the annual review.";
  return null;
}

export interface SignFacts {
  stage: TReviewStage;
  annualReviewerComment: string | null;
  annualOn: string | null;
  reviewerSignedAt: string | null;
  revieweeSignedAt: string | null;
}

/** Signing: only at the annual review, once the reviewer has written it and dated the meeting; each signs once. */
export function signRefusal(f: SignFacts, as: ReviewRelation): string | null {
  if (as === 'lead') return 'Only the member of staff and their line manager sign the review.';
  if (f.stage !== 'annual') return f.stage === 'signed' ? 'The review is already signed by both.' : 'The review is signed at the annual review.';
  if (!f.annualReviewerComment?.trim() || !f.annualOn) return "The annual review needs the reviewer's comment and the date of the meeting before it is signed.";
  if (as === 'reviewer' && f.reviewerSignedAt) return 'You have already signed this review.';
  if (as === 'reviewee' && f.revieweeSignedAt) return 'You have already signed this review.';
  return null;
}

/** Both have signed: the review is complete and no longer changes. */
export const fullySigned = (reviewerSignedAt: string | null, revieweeSignedAt: string | null): boolean => reviewerSignedAt !== null && revieweeSignedAt !== null;

/** What the caller may do with a review (PLT-2): the pages show only these. */
export function reviewActions(as: ReviewRelation, stage: TReviewStage, signed: { reviewer: boolean; reviewee: boolean }): string[] {
  const out = ['view', 'pdf'];
  if (stage === 'signed' || as === 'lead') return out;
  out.push('edit');
  if (stage === 'annual' && ((as === 'reviewer' && !signed.reviewer) || (as === 'reviewee' && !signed.reviewee))) out.push('sign');
  return out;
}

/** The academic year label (2026/27) is well formed: the second part is the next year. */
export function validAcademicYear(label: string): boolean {
  const m = /^(\d{4})\/(\d{2})$/.exec(label);
  return !!m && (Number(m[1]) + 1) % 100 === Number(m[2]);
}
