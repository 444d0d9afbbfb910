/**
 * The codes and words of governance.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; governance.ts builds its schemas from these.
 */
export const GROUP_MEASURES = ['inv', 'pi', 'detention', 'isolation', 'suspension', 'permanent'] as const;

export const GROUP_MEASURE_LABELS: Record<typeof GROUP_MEASURES[number], string> = {
  inv: 'Incident involvements', pi: 'Physical interventions', detention: 'Detentions', isolation: 'Isolations',
  suspension: 'Suspensions', permanent: 'Permanent exclusions',
};
