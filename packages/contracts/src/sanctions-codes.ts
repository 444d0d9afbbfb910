/**
 * The marks on a detention or isolation register, the parts of an isolation day and the roles a missed detention can
 * raise a task for, in words. No zod here, so a page that shows them does not load the schema library; sanctions.ts
 * builds its schemas from these.
 */
export const REGISTER_MARKS = ['assigned', 'attended', 'missed', 'excused'] as const;
export type TRegisterMark = (typeof REGISTER_MARKS)[number];

export const REGISTER_MARK_LABELS: Record<TRegisterMark, string> = { assigned: 'Not marked', attended: 'Attended', missed: 'Missed', excused: 'Excused' };

/** Roles a missed detention may create a task for (those who can open tasks). */
export const MISSED_TASK_ROLES = ['behaviour_lead', 'cluster_lead', 'head', 'slt'] as const;

export const ISOLATION_PARTS = ['am', 'pm', 'day', 'times'] as const;

export const ISOLATION_PART_LABELS: Record<(typeof ISOLATION_PARTS)[number], string> = { am: 'Morning', pm: 'Afternoon', day: 'All day', times: 'Set times' };
