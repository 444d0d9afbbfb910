/** Labels the pupil profile needs, kept free of @haven/contracts values so the profile's chunk stays small. */
export const CATEGORY_LABELS = { suspension: 'Suspension', permanent: 'Permanent exclusion', lunchtime: 'Lunchtime suspension' } as const;
