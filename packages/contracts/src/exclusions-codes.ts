/**
 * The codes and words of exclusions.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; exclusions.ts builds its schemas from these.
 */
export const EXCLUSION_CATEGORIES = ['suspension', 'permanent', 'lunchtime'] as const;
export type TExclusionCategory = (typeof EXCLUSION_CATEGORIES)[number];

export const EXCLUSION_CATEGORY_LABELS: Record<TExclusionCategory, string> = {
  suspension: 'Suspension', permanent: 'Permanent exclusion', lunchtime: 'Lunchtime suspension',
};

export const NOTIFICATION_RECIPIENT_LABELS: Record<(typeof NOTIFICATION_RECIPIENTS)[number], string> = {
  parents: 'Parents and carers', governing_board: 'Governing board', local_authority: 'Local authority',
  social_worker: "Pupil's social worker", virtual_school_head: 'Virtual school head',
};

export const NOTIFICATION_STATUS_LABELS = { to_do: 'To do', sent: 'Sent', done: 'Done' } as const;

export const BOARD_OUTCOME_LABELS: Record<(typeof BOARD_OUTCOMES)[number], string> = {
  reinstated: 'Reinstatement directed', upheld: 'Decision upheld', representations_considered: 'Representations considered (no reinstatement)',
};

export const NOTIFICATION_RECIPIENTS = ['parents', 'governing_board', 'local_authority', 'social_worker', 'virtual_school_head'] as const;

export const BOARD_OUTCOMES = ['reinstated', 'upheld', 'representations_considered'] as const;
