/**
 * The codes and words of calendar.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; calendar.ts builds its schemas from these.
 */
export const TERM_NAMES = ['autumn', 'spring', 'summer'] as const;

export const TERM_LABELS: Record<(typeof TERM_NAMES)[number], string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' };

export const CLOSURE_KINDS = ['inset', 'bank_holiday', 'closure'] as const;

export const CLOSURE_KIND_LABELS: Record<(typeof CLOSURE_KINDS)[number], string> = {
  inset: 'INSET day', bank_holiday: 'Bank holiday', closure: 'Closure (other)',
};
