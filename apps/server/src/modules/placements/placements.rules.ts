/**
 * Managed moves and alternative-provision placements (SAN-4), pure: dates in order, reviews inside the placement,
 * the status on a day (planned before the start, ended once ended), the next review and overdue reviews.
 */
import type { Problem } from '../detentions/detentions.rules.ts';

export type PlacementStatus = 'planned' | 'active' | 'ended';

export function placementProblem(p: { startDate: string; endDate?: string | null | undefined; reviewDates?: readonly string[] | undefined }): Problem | null {
  if (p.endDate && p.endDate < p.startDate) return { field: 'endDate', message: 'Must be on or after the start date' };
  for (const [i, d] of (p.reviewDates ?? []).entries()) {
    if (d < p.startDate) return { field: `reviewDates.${i}`, message: 'A review cannot be before the placement starts' };
  }
  return null;
}

/** Ended once a final outcome is recorded; otherwise planned before its start and active from it. */
export function statusOn(p: { startDate: string; finalOutcome: string | null }, today: string): PlacementStatus {
  if (p.finalOutcome) return 'ended';
  return today < p.startDate ? 'planned' : 'active';
}

export interface ReviewLike { reviewDate: string; outcome: string | null }

export function isOverdue(r: ReviewLike, today: string): boolean {
  return r.outcome === null && r.reviewDate < today;
}

/** The earliest review without an outcome (overdue ones first, as they are earliest), or null. */
export function nextReview(reviews: readonly ReviewLike[]): string | null {
  return reviews.filter((r) => r.outcome === null).map((r) => r.reviewDate).sort()[0] ?? null;
}

export function endProblem(p: { startDate: string }, end: { endDate: string }): Problem | null {
  return end.endDate < p.startDate ? { field: 'endDate', message: 'Must be on or after the start date' } : null;
}
