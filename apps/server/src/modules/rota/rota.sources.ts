/**
 * What the rota reads from the modules that own it: certificates (training: validCertificatesOn) and the holds a
 * pupil's active behaviour support plan approves (plans). Called only after the service has authorised the sites.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { behaviourSupportPlans } from '../../db/schema/plans.ts';
import { validCertificatesOnDays } from '../training/training.repo.ts';
import type { TrainedFor } from './rota.rules.ts';

/**
 * Technique codes each member of staff is trained for on each date: techniques of certificates valid that day. A
 * certificate in its grace period lets a trainer assist but not lead, so it does not make someone the trained adult.
 */
export async function trainedOn(db: Executor, staffIds: readonly string[], dates: readonly string[]): Promise<TrainedFor> {
  const byDate = new Map<string, Map<string, Set<string>>>();
  for (const [date, certs] of await validCertificatesOnDays(db, staffIds, [...new Set(dates)])) {
    byDate.set(date, new Map([...certs.entries()].map(([id, c]) => [id, new Set(Object.entries(c.techniques).filter(([, s]) => s === 'valid').map(([code]) => code))])));
  }
  const none: ReadonlySet<string> = new Set();
  return (staffId, date) => byDate.get(date)?.get(staffId) ?? none;
}

/**
 * Pupils whose active plan approves holds (so they need a trained adult), at these sites or among these pupils:
 * pupil id → technique codes. One query for the whole set (the plans module's activePlanForPupil reads one pupil).
 */
export async function holdsNeeded(db: Executor, trustId: string, siteIds: readonly string[], pupilIds: readonly string[]): Promise<Map<string, string[]>> {
  const who = [siteIds.length ? inArray(behaviourSupportPlans.siteId, [...siteIds]) : undefined, pupilIds.length ? inArray(behaviourSupportPlans.pupilId, [...pupilIds]) : undefined].filter(Boolean);
  if (!who.length) return new Map();
  const rows = await db.select({ pupilId: behaviourSupportPlans.pupilId, holds: behaviourSupportPlans.approvedHolds }).from(behaviourSupportPlans)
    .where(and(eq(behaviourSupportPlans.trustId, trustId), eq(behaviourSupportPlans.status, 'active'), or(...who), sql`jsonb_array_length(${behaviourSupportPlans.approvedHolds}) > 0`));
  return new Map(rows.map((r) => [r.pupilId, [...new Set(r.holds)]]));
}
