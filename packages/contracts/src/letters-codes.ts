/**
 * The codes and words of letters.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; letters.ts builds its schemas from these.
 */
export const LETTER_KINDS = ['suspension', 'lunchtime_suspension', 'permanent_exclusion', 'detention', 'restraint_copy', 'milestone'] as const;
export type TLetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_KIND_LABELS: Record<TLetterKind, string> = {
  suspension: 'Suspension', lunchtime_suspension: 'Lunchtime suspension', permanent_exclusion: 'Permanent exclusion',
  detention: 'Detention', restraint_copy: "Parent's copy of a physical intervention record", milestone: 'Reward milestone',
};
