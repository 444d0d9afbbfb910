/** The marks on a detention or isolation register, in words. No zod here, so a page that shows them does not load the
 * schema library; sanctions.ts builds the schemas from these lists. */
export const REGISTER_MARKS = ['assigned', 'attended', 'missed', 'excused'] as const;
export type TRegisterMark = (typeof REGISTER_MARKS)[number];

export const REGISTER_MARK_LABELS: Record<TRegisterMark, string> = { assigned: 'Not marked', attended: 'Attended', missed: 'Missed', excused: 'Excused' };
