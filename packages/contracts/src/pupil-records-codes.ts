/**
 * The codes and words of pupil-records.ts (and its small rules) shared by the API and the web app. No zod here, so a
 * page that shows them does not load the schema library; pupil-records.ts builds its schemas from these.
 */
/** Reasons offered when a pupil leaves (any other may be typed). */
export const LEAVING_REASONS = [
  'Moved to another school', 'Moved away from the area', 'Elective home education', 'Permanently excluded',
  'End of education at this school', 'Emigrated', 'Other',
] as const;
