/** The search of the "arrange a meeting" page: the pupil, and what it was arranged from (kept small: the router imports it eagerly). */
export interface NewMeetingSearch { pupilId?: string; sourceType?: string; sourceId?: string }
export function parseNewMeetingSearch(s: Record<string, unknown>): NewMeetingSearch {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return { pupilId: str(s.pupilId), sourceType: str(s.sourceType), sourceId: str(s.sourceId) };
}
