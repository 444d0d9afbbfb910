/** STF-4 review rows → the contract, with how the caller relates to the review and what they may do. */
import type { TPerformanceReview, TPerformanceReviewList } from '@haven/contracts';
import type { Person, ReviewRow } from './performance-reviews.repo.ts';
import { reviewActions, type ReviewRelation } from './performance-reviews.rules.ts';

const person = (p: Person) => ({ staffId: p.staffId, name: p.name, siteName: p.siteName });

export function presentReview(r: ReviewRow, as: ReviewRelation, staff: Person, reviewer: Person): TPerformanceReview {
  return {
    id: r.id, academicYear: r.academicYear, stage: r.stage, staff: person(staff), reviewer: person(reviewer),
    objectives: r.objectives, midYearReviewerComment: r.midYearReviewerComment, midYearRevieweeComment: r.midYearRevieweeComment, midYearOn: r.midYearOn,
    annualReviewerComment: r.annualReviewerComment, annualRevieweeComment: r.annualRevieweeComment, annualOn: r.annualOn,
    observations: r.observations, evidence: r.evidence, reviewerSignedAt: r.reviewerSignedAt, revieweeSignedAt: r.revieweeSignedAt,
    as, version: r.version, updatedAt: r.updatedAt,
    allowed: reviewActions(as, r.stage, { reviewer: r.reviewerSignedAt !== null, reviewee: r.revieweeSignedAt !== null }),
  };
}

export function presentListItem(r: ReviewRow, staff: Person, reviewer: Person): TPerformanceReviewList['items'][number] {
  return {
    id: r.id, academicYear: r.academicYear, stage: r.stage, staff: person(staff), reviewer: person(reviewer),
    reviewerSigned: r.reviewerSignedAt !== null, revieweeSigned: r.revieweeSignedAt !== null, updatedAt: r.updatedAt,
  };
}
