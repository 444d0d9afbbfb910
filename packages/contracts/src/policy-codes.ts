/** Category polarities, in words. No zod here, so a page that shows them does not load the schema library; policy.ts
 * builds the schemas from these lists. */
export const POLARITIES = ['positive', 'negative', 'neutral'] as const;
export type TPolarity = (typeof POLARITIES)[number];

export const POLARITY_LABELS: Record<TPolarity, string> = { positive: 'Positive', negative: 'Negative', neutral: 'Neutral observation' };
