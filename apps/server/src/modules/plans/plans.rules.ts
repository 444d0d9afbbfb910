/**
 * Pure rules for behaviour support plans (SUP-1): what may be done to a plan in each state, what a plan needs before
 * it is activated, the field-level differences a save records, the review reminder's timing and what a copy keeps.
 */
import type { PlanContent } from '../../db/schema/plans.ts';

export type PlanStatus = 'draft' | 'active' | 'superseded';
export type PlanAction = 'edit' | 'sign' | 'activate' | 'acknowledge' | 'copy';

/** How many days before the review date the owner is reminded. */
export const REVIEW_REMINDER_DAYS = 14;

/** What may be done to a plan in a state (before permissions). */
export function actionsFor(status: PlanStatus): PlanAction[] {
  if (status === 'draft') return ['edit', 'sign', 'activate'];
  if (status === 'active') return ['edit', 'sign', 'acknowledge', 'copy'];
  return ['copy'];
}

export const EMPTY_CONTENT: PlanContent = {
  aboutStrengths: '', aboutInterests: '', aboutCommunication: '', perceivedFunction: '', triggers: [], earlyWarningSigns: [],
  proactiveStrategies: [], deescalationStrategies: [], whatToAvoid: [], reactiveStrategies: '', approvedHolds: [],
  recoverySupport: '', targets: [], pupilVoice: '', parentVoice: '', ownerUserId: null, reviewDate: null,
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields a change really alters, with their values before and after (in the plan's order). */
export function changedFields(before: PlanContent, change: Partial<PlanContent>): { field: keyof PlanContent; from: unknown; to: unknown }[] {
  const out: { field: keyof PlanContent; from: unknown; to: unknown }[] = [];
  for (const field of Object.keys(EMPTY_CONTENT) as (keyof PlanContent)[]) {
    if (!(field in change) || change[field] === undefined) continue;
    if (!same(before[field], change[field])) out.push({ field, from: before[field], to: change[field] });
  }
  return out;
}

/** Holds named in the plan that are not on the site's technique list (each is refused). */
export function unknownHolds(holds: readonly string[], siteTechniques: readonly string[]): string[] {
  const known = new Set(siteTechniques);
  return holds.filter((h) => !known.has(h));
}

/** Duplicates removed, order kept. */
export function distinct(values: readonly string[]): string[] { return [...new Set(values)]; }

/** Why a plan cannot yet be activated (the field to fix), or null. */
export function activationProblem(c: PlanContent, today: string): { field: string; message: string } | null {
  if (!c.ownerUserId) return { field: 'ownerUserId', message: 'Choose the member of staff who owns the plan before it is activated' };
  if (!c.reviewDate) return { field: 'reviewDate', message: 'Set a review date before the plan is activated' };
  if (c.reviewDate < today) return { field: 'reviewDate', message: 'The review date has passed: set a date from today' };
  if (c.triggers.length === 0) return { field: 'triggers', message: 'Name at least one trigger before the plan is activated' };
  if (c.proactiveStrategies.length + c.deescalationStrategies.length === 0) {
    return { field: 'proactiveStrategies', message: 'Add at least one strategy that helps before the plan is activated' };
  }
  return null;
}

/** A review date may not be set in the past (an active plan would be overdue the moment it is saved). */
export function reviewDateProblem(reviewDate: string | null | undefined, today: string): { field: string; message: string } | null {
  if (reviewDate && reviewDate < today) return { field: 'reviewDate', message: 'The review date cannot be in the past' };
  return null;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last review date whose reminder is due today: reviews on or before today + REVIEW_REMINDER_DAYS. */
export function reminderHorizon(today: string, leadDays = REVIEW_REMINDER_DAYS): string { return addDays(today, leadDays); }

/** An active plan whose review date has passed. */
export function reviewOverdue(p: { status: string; reviewDate: string | null }, today: string): boolean {
  return p.status === 'active' && p.reviewDate !== null && p.reviewDate < today;
}

/** A copy starts a new draft with the source's content; the review date is set afresh. */
export function copiedContent(source: PlanContent): PlanContent {
  return { ...source, triggers: [...source.triggers], earlyWarningSigns: [...source.earlyWarningSigns], proactiveStrategies: [...source.proactiveStrategies],
    deescalationStrategies: [...source.deescalationStrategies], whatToAvoid: [...source.whatToAvoid], approvedHolds: [...source.approvedHolds],
    targets: [...source.targets], reviewDate: null };
}

/**
 * Which plans a new draft may copy: the pupil's own plans. 'previous' takes a plan written at the pupil's current
 * site; 'other_site' one written at another site (the pupil moved). Returns the problem, or null.
 */
export function copySourceProblem(start: 'previous' | 'other_site', source: { pupilId: string; siteId: string; status: string },
  pupil: { id: string; siteId: string }): string | null {
  if (source.pupilId !== pupil.id) return 'That plan is not this pupil\'s';
  if (source.status === 'draft') return 'A draft cannot be copied: finish or activate it first';
  if (start === 'previous' && source.siteId !== pupil.siteId) return 'That plan was written at another site: start from another site\'s plan instead';
  if (start === 'other_site' && source.siteId === pupil.siteId) return 'That plan was written at this site: start from the previous plan instead';
  return null;
}
