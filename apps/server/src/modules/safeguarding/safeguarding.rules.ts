/**
 * Pure rules of sealed safeguarding concerns: where a concern belongs (all its pupils at one site) and whether a
 * DSL's triage decision is consistent (a referral outcome goes with the status "referred", and only with it).
 */
import { REFERRAL_OUTCOMES, type TSafeguardingTriage } from '@haven/contracts';
import type { FieldError } from '../../core/http/errors.ts';

/** Who can be told about a concern, and who can read it: the DSLs of its site (directly or trust-wide). */
export const SEALED_READER_ROLES = ['dsl'] as const;

export type SiteChoice = { ok: true; siteId: string } | { ok: false; error: FieldError };

/**
 * The concern's site: the one site of all its pupils. A requested siteId must match it; pupils at different sites
 * need one concern per site, because each site's DSL may read only their own site's concerns.
 */
export function concernSite(pupilSiteIds: readonly string[], requested: string | undefined): SiteChoice {
  const distinct = [...new Set(pupilSiteIds)];
  if (distinct.length === 0) return { ok: false, error: { field: 'pupilIds', message: 'Choose at least one pupil' } };
  if (distinct.length > 1) {
    return { ok: false, error: { field: 'pupilIds', message: 'These pupils are at different sites: raise one concern for each site' } };
  }
  const siteId = distinct[0]!;
  if (requested !== undefined && requested !== siteId) return { ok: false, error: { field: 'siteId', message: 'The pupils are not at that site' } };
  return { ok: true, siteId };
}

/** Problems with a triage decision, each naming its field; empty when it is consistent. */
export function triageProblems(input: Pick<TSafeguardingTriage, 'status' | 'triageOutcome'>): FieldError[] {
  const referral = REFERRAL_OUTCOMES.includes(input.triageOutcome);
  if (input.status === 'referred' && !referral) {
    return [{ field: 'triageOutcome', message: 'A referred concern needs a referral outcome (which agency it went to)' }];
  }
  if (input.status === 'triaged' && referral) {
    return [{ field: 'status', message: 'A referral outcome needs the status "Referred" (or "Closed" once it is finished)' }];
  }
  return [];
}
