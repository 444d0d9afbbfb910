/**
 * The plan's check of an incident's holds (issue 14 §3): which hold codes a pupil's plan in force does not approve.
 * No zod here, so the incident form does not load the schema library.
 */
export interface StaffTechniques { staffId: string; techniqueCodes: readonly string[] }

/**
 * The hold codes used on a pupil that their plan in force does not approve, in first-use order, each once (codes compare without case).
 * `approved` null means there is no plan in force to judge against: nothing is flagged (the absence of a plan is
 * shown on its own, not as an unapproved hold).
 */
export function unapprovedHolds(used: readonly StaffTechniques[], approved: readonly string[] | null): string[] {
  if (approved === null) return [];
  const ok = new Set(approved.map((c) => c.toUpperCase()));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of used) {
    for (const c of s.techniqueCodes) {
      const k = c.toUpperCase();
      if (!ok.has(k) && !seen.has(k)) { seen.add(k); out.push(c); }
    }
  }
  return out;
}
