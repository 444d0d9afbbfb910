/**
 * STF-2 as pure functions: is a hold used by a member of staff covered by a valid certificate on the day? What a
 * certificate covers on a day is training's rule (training.rules techniqueCoverage: valid until the day before
 * expires_on, in grace until the day before grace_until); here it becomes a problem to flag on the incident:
 * valid → none; in grace → `in_grace` (shown, not counted as uncertified); expired → `expired` (with the day it ran
 * out); a current certificate that does not cover it → `not_covered`; nothing current or covering → `missing`.
 */
import type { TCertificateProblem } from '@haven/contracts';
import { UNCERTIFIED_PROBLEMS } from '@haven/contracts';
import { londonDate } from '../incidents/incidents.rules.ts';
import { certificateState, techniqueCoverage, type HeldCertificate, type TechniqueCoverage } from '../training/training.rules.ts';

export type { HeldCertificate };

export interface TechniqueCheck { techniqueCode: string; problem: TCertificateProblem | null; expiredOn: string | null }

const PROBLEM: Record<TechniqueCoverage, TCertificateProblem | null> = { valid: null, in_grace: 'in_grace', expired: 'expired', not_covering: 'not_covered', missing: 'missing' };

/** One technique against a member of staff's certificates on one day. */
export function checkTechnique(certs: readonly HeldCertificate[], techniqueCode: string, on: string): TechniqueCheck {
  const problem = PROBLEM[techniqueCoverage(certs, techniqueCode, on)];
  if (problem !== 'expired' && problem !== 'in_grace') return { techniqueCode, problem, expiredOn: null };
  // the day the covering certificate (the latest of them, in grace or run out) stopped being valid
  const ran = certs.filter((c) => c.techniqueCodes.includes(techniqueCode) && ['in_grace', 'expired'].includes(certificateState(c, on))).map((c) => c.expiresOn);
  return { techniqueCode, problem, expiredOn: ran.length ? ran.reduce((a, b) => (a > b ? a : b)) : null };
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
export function holdFlags(pis: readonly PiForCheck[], occurredAt: string | null, certsOn: (staffId: string, on: string) => readonly HeldCertificate[], now: Date): HoldFlag[] {
  const out: HoldFlag[] = [];
  for (const pi of pis) {
    const on = checkDay(pi, occurredAt, now);
    const seen = new Set<string>();
    for (const st of pi.staffTechniques) {
      for (const t of checkTechniques(certsOn(st.staffId, on), st.techniqueCodes, on)) {
        const key = `${st.staffId}|${t.techniqueCode}`;
        if (!t.problem || seen.has(key)) continue;
        seen.add(key);
        out.push({ physicalInterventionId: pi.id, staffId: st.staffId, techniqueCode: t.techniqueCode, problem: t.problem, checkedOn: on, expiredOn: t.expiredOn });
      }
    }
  }
  return out;
}

/** The days the interventions are checked on (one call of training's validCertificatesOn each). */
export function checkDays(pis: readonly PiForCheck[], occurredAt: string | null, now: Date): string[] {
  return [...new Set(pis.map((pi) => checkDay(pi, occurredAt, now)))];
}

/** Counts as "used without a valid certificate" (ANA-3, the review queue's badge). */
export const isUncertified = (problem: TCertificateProblem): boolean => UNCERTIFIED_PROBLEMS.includes(problem);
