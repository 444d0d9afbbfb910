/**
 * The codes and words of rewards.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; rewards.ts builds its schemas from these.
 */
export const PLACEMENT_KINDS = ['managed_move', 'alternative_provision'] as const;

export const PLACEMENT_KIND_LABELS: Record<(typeof PLACEMENT_KINDS)[number], string> = { managed_move: 'Managed move', alternative_provision: 'Alternative provision' };

export const PLACEMENT_OUTCOMES = ['successful', 'returned', 'extended', 'ended_early', 'permanent_move', 'other'] as const;

export const PLACEMENT_OUTCOME_LABELS: Record<(typeof PLACEMENT_OUTCOMES)[number], string> = {
  successful: 'Completed successfully', returned: 'Returned to the home school', extended: 'Extended', ended_early: 'Ended early',
  permanent_move: 'Moved permanently (new school)', other: 'Other',
};
