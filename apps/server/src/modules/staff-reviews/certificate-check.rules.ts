/**
 * STF-2 as pure functions: is a hold used by a member of staff covered by a valid certificate on the day?
 *
 * A certificate counts on a day when it was issued on or before it and not revoked. For each technique:
 * - covered by a certificate whose expiry is on or after the day → no problem;
 * - else covered by one whose grace period runs to the day or later → `in_grace` (shown, not counted as uncertified);
 * - else covered by one that has run out → `expired` (with the latest expiry);
 * - else, if some certificate (of any course) is valid on the day → `not_covered`;
 * - else → `missing`.
 */
import type { TCertificateProblem } from '@haven/contracts';
import { UNCERTIFIED_PROBLEMS } from '@haven/contracts';
import { londonDate } from '../incidents/incidents.rules.ts';

export interface HeldCertificate {
  issuedOn: string;
  expiresOn: string;
  /** Last day of the grace period (equal to expiresOn when there is none). */
  graceUntil: string;
  techniqueCodes: readonly string[];
}

export interface TechniqueCheck { techniqueCode: string; problem: TCertificateProblem | null; expiredOn: string | null }

const latest = (dates: string[]): string | null => (dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null);

/** One technique against a member of staff's certificates on one day (dates yyyy-mm-dd compare as text). */
export function checkTechnique(certs: readonly HeldCertificate[], techniqueCode: string, on: string): TechniqueCheck {
  const issued = certs.filter((c) => c.issuedOn <= on);
  const covering = issued.filter((c) => c.techniqueCodes.includes(techniqueCode));
  if (covering.some((c) => c.expiresOn >= on)) return { techniqueCode, problem: null, expiredOn: null };
  const grace = covering.filter((c) => c.graceUntil >= on);
  if (grace.length) return { techniqueCode, problem: 'in_grace', expiredOn: latest(grace.map((c) => c.expiresOn)) };
  if (covering.length) return { techniqueCode, problem: 'expired', expiredOn: latest(covering.map((c) => c.expiresOn)) };
  if (issued.some((c) => c.expiresOn >= on)) return { techniqueCode, problem: 'not_covered', expiredOn: null };
  return { techniqueCode, problem: 'missing', expiredOn: null };
}

export function checkTechniques(certs: readonly HeldCertificate[], codes: readonly string[], on: string): TechniqueCheck[] {
  return [...new Set(codes)].map((code) => checkTechnique(certs, code, on));
}

export interface PiForCheck {
  id: string;
  startedAt: string | null;
  staffTechniques: readonly { staffId: string; techniqueCodes: readonly string[] }[];
}

export interface HoldFlag { physicalInterventionId: string; staffId: string; techniqueCode: string; problem: TCertificateProblem; checkedOn: string; expiredOn: string | null }

/** The day a hold is checked on: the intervention's start, else the incident's time, else today (London dates). */
export function checkDay(pi: Pick<PiForCheck, 'startedAt'>, occurredAt: string | null, now: Date): string {
  const at = pi.startedAt ?? occurredAt;
  return londonDate(at ? new Date(at) : now);
}

/** Every staff member × technique of the interventions that is not covered on its day. */
export function holdFlags(pis: readonly PiForCheck[], occurredAt: string | null, certsOf: (staffId: string) => readonly HeldCertificate[], now: Date): HoldFlag[] {
  const out: HoldFlag[] = [];
  for (const pi of pis) {
    const on = checkDay(pi, occurredAt, now);
    const seen = new Set<string>();
    for (const st of pi.staffTechniques) {
      for (const t of checkTechniques(certsOf(st.staffId), st.techniqueCodes, on)) {
        const key = `${st.staffId}|${t.techniqueCode}`;
        if (!t.problem || seen.has(key)) continue;
        seen.add(key);
        out.push({ physicalInterventionId: pi.id, staffId: st.staffId, techniqueCode: t.techniqueCode, problem: t.problem, checkedOn: on, expiredOn: t.expiredOn });
      }
    }
  }
  return out;
}

/** Counts as "used without a valid certificate" (ANA-3, the review queue's badge). */
export const isUncertified = (problem: TCertificateProblem): boolean => UNCERTIFIED_PROBLEMS.includes(problem);
