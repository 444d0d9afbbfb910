/**
 * Rewards arithmetic (SAN-5), pure. Points total: the points of a pupil's positive quick events in the academic year
 * (voided events never count). Milestones: the active ones in force at the pupil's site (trust-wide and the site's),
 * reached when the total is at or above their points. Positive-to-negative ratio over a range: positive events ÷
 * negative events, where negatives are negative quick events plus incidents in which the pupil was involved or the
 * instigator (SPEC §9: drafts and voided records never count); "n/a" when there is no negative.
 */
export interface MilestoneSpec { id: string; name: string; points: number }

/** Active milestones, lowest first (ties by name). */
export function ladder(milestones: readonly MilestoneSpec[]): MilestoneSpec[] {
  return [...milestones].sort((a, b) => a.points - b.points || a.name.localeCompare(b.name));
}

export function reachedMilestones(points: number, milestones: readonly MilestoneSpec[]): MilestoneSpec[] {
  return ladder(milestones).filter((m) => points >= m.points);
}

export function nextMilestone(points: number, milestones: readonly MilestoneSpec[]): (MilestoneSpec & { toGo: number }) | null {
  const next = ladder(milestones).find((m) => points < m.points);
  return next ? { ...next, toGo: next.points - points } : null;
}

/** Milestones crossed by going from `before` to `after` points (none when the total fell or stood still). */
export function newlyReached(before: number, after: number, milestones: readonly MilestoneSpec[]): MilestoneSpec[] {
  return ladder(milestones).filter((m) => before < m.points && after >= m.points);
}

export function ratio(positive: number, negative: number): number | null {
  if (negative === 0) return null;
  return Math.round((positive / negative) * 100) / 100;
}

export function ratioText(positive: number, negative: number): string {
  const r = ratio(positive, negative);
  if (r === null) return 'n/a';
  return `${r.toLocaleString('en-GB', { maximumFractionDigits: 2 })} : 1`;
}
