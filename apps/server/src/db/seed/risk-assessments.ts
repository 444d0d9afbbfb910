/**
 * Demo risk assessments (SUP-2) for the demo pupils who have behaviour support plans (seed/plans.ts): each pupil with
 * an active plan has an active risk assessment linked to it, signed off and made active by the plan's signer; the
 * first also has the superseded version before it; the pupil whose plan is still a draft has a draft assessment.
 * One review falls within the reminder window, so the morning job raises its task. Written as a special school would.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../core/db/client.ts';
import { addDays } from '../../core/calendar/calendar.ts';
import { overallRating } from '@haven/contracts';
import { behaviourSupportPlans } from '../schema/plans.ts';
import { riskAssessmentVersions, riskAssessments, type RiskAssessmentContent, type StoredRiskHazard } from '../schema/risk-assessments.ts';
import { changesBetween } from '../../modules/risk-assessments/risk-assessments.rules.ts';

type Hazard = Omit<StoredRiskHazard, 'id'>;
const HAZARDS: Hazard[] = [
  { hazard: 'Throws classroom equipment when a task feels too hard', atRisk: ['other_pupils', 'staff'], likelihoodBefore: 4, severityBefore: 3,
    controls: 'Clear the desk of loose objects before writing tasks; start with a worked example and a choice of two tasks; the time-out card is on the desk.', likelihoodAfter: 2, severityAfter: 3 },
  { hazard: 'Leaves the classroom and the building without an adult', atRisk: ['pupil'], likelihoodBefore: 4, severityBefore: 4,
    controls: 'Seat away from the door; an agreed calm space he can walk to; radio the office at once; the outer gates are kept shut during lessons.', likelihoodAfter: 2, severityAfter: 4 },
  { hazard: 'Hits or kicks out at adults during a physical intervention', atRisk: ['staff', 'pupil'], likelihoodBefore: 3, severityBefore: 4,
    controls: 'Only the holds approved in the behaviour support plan; two trained adults; one leads and speaks; release as soon as safe; debrief afterwards.', likelihoodAfter: 2, severityAfter: 3 },
  { hazard: 'Runs into the road on the way to and from the minibus', atRisk: ['pupil', 'public'], likelihoodBefore: 3, severityBefore: 5,
    controls: 'Hand-held or on a one-to-one at the kerb; minibus parked on the school side; now-and-next board shown before leaving the classroom.', likelihoodAfter: 1, severityAfter: 5 },
  { hazard: 'Bites or scratches himself when overwhelmed by noise', atRisk: ['pupil'], likelihoodBefore: 3, severityBefore: 3,
    controls: 'Ear defenders available at all times; leave lessons two minutes early; sensory break every hour; first-aider informed of each incident.', likelihoodAfter: 2, severityAfter: 2 },
];

const TITLES = ['Classroom, transitions and off-site visits', 'Classroom and the minibus', 'Transitions and unstructured times'];

const content = (hazards: Hazard[], title: string, summary: string, reviewDate: string, planId: string): RiskAssessmentContent => ({
  title, summary, reviewDate, planId, hazards: hazards.map((h) => ({ id: uuidv7(), ...h, atRisk: [...h.atRisk] })),
});

export async function seedDemoRiskAssessments(tx: Tx, trustId: string, today: string): Promise<number> {
  const plans = await tx.select().from(behaviourSupportPlans)
    .where(and(eq(behaviourSupportPlans.trustId, trustId), inArray(behaviourSupportPlans.status, ['active', 'draft']))).orderBy(asc(behaviourSupportPlans.createdAt), asc(behaviourSupportPlans.id));
  let made = 0;
  for (const [n, plan] of plans.entries()) {
    const by = plan.authorSignedBy ?? plan.ownerUserId ?? plan.createdBy;
    const hazards = [HAZARDS[n % HAZARDS.length]!, HAZARDS[(n + 1) % HAZARDS.length]!, ...(n % 2 === 0 ? [HAZARDS[(n + 3) % HAZARDS.length]!] : [])];
    const summary = 'Read with the behaviour support plan. Shared with every adult who works with the pupil, including cover staff and the minibus escort.';
    const reviewIn = n === 1 ? 10 : 60 + 10 * n;
    const rows: { row: typeof riskAssessments.$inferInsert; versions: (typeof riskAssessmentVersions.$inferInsert)[] }[] = [];
    const write = (c: RiskAssessmentContent, status: 'draft' | 'active' | 'superseded', writtenDaysAgo: number, activeDaysAgo: number | null, supersededDaysAgo: number | null, previousId: string | null) => {
      const id = uuidv7();
      const written = new Date(`${addDays(today, -writtenDaysAgo)}T15:00:00Z`);
      const signed = activeDaysAgo !== null ? new Date(`${addDays(today, -activeDaysAgo)}T15:30:00Z`) : null;
      const activated = activeDaysAgo !== null ? new Date(`${addDays(today, -activeDaysAgo)}T16:00:00Z`) : null;
      const superseded = supersededDaysAgo !== null ? new Date(`${addDays(today, -supersededDaysAgo)}T16:00:00Z`) : null;
      const versions: (typeof riskAssessmentVersions.$inferInsert)[] = [
        { id: uuidv7(), trustId, assessmentId: id, version: 1, action: previousId ? 'revise' : 'create', content: c, changes: changesBetween(null, c), savedBy: by, savedAt: written },
      ];
      if (signed) versions.push({ id: uuidv7(), trustId, assessmentId: id, version: 2, action: 'sign_off', content: c, changes: [{ field: 'signedOff', label: 'Signed off', before: null, after: 'Signed off' }], savedBy: by, savedAt: signed });
      if (activated) versions.push({ id: uuidv7(), trustId, assessmentId: id, version: 3, action: 'activate', content: c, changes: [{ field: 'status', label: 'Status', before: 'Draft', after: 'Active' }], savedBy: by, savedAt: activated });
      if (superseded) versions.push({ id: uuidv7(), trustId, assessmentId: id, version: 4, action: 'supersede', content: c, changes: [{ field: 'status', label: 'Status', before: 'Active', after: 'Superseded' }], savedBy: by, savedAt: superseded });
      rows.push({ versions, row: { id, trustId, siteId: plan.siteId, pupilId: plan.pupilId, planId: c.planId, previousId, status, ...c, overallRating: overallRating(c.hazards),
        signedOffBy: signed ? by : null, signedOffAt: signed, activatedBy: activated ? by : null, activatedAt: activated, supersededAt: superseded,
        createdBy: by, updatedBy: by, version: versions.length, createdAt: written, updatedAt: versions.at(-1)!.savedAt } });
      return id;
    };
    if (plan.status === 'draft') {
      write(content(hazards, TITLES[n % TITLES.length]!, summary, addDays(today, 90), plan.id), 'draft', 2, null, null, null);
    } else if (n === 0) {
      const first = content(hazards.map((h) => ({ ...h, likelihoodAfter: Math.min(5, h.likelihoodAfter + 1) })).slice(0, 2), TITLES[0]!, summary, addDays(today, -20), plan.id);
      const old = write(first, 'superseded', 200, 195, 40, null);
      write({ ...content(hazards, TITLES[0]!, summary, addDays(today, reviewIn), plan.id) }, 'active', 45, 40, null, old);
    } else {
      write(content(hazards, TITLES[n % TITLES.length]!, summary, addDays(today, reviewIn), plan.id), 'active', 35, 30, null, null);
    }
    for (const r of rows) {
      await tx.insert(riskAssessments).values(r.row);
      await tx.insert(riskAssessmentVersions).values(r.versions);
      made += 1;
    }
  }
  return made;
}
