/**
 * The codes and words of auth.ts (and its small rules) shared by the API and the web app. No zod here, so a page that
 * shows them does not load the schema library; auth.ts builds its schemas from these.
 */
/**
 * What an API token may change (issue 11 #14). Every permission in the server's permission table belongs to one
 * area; a token always reads what its owner may read, and changes only the areas it names (none: read-only).
 */
export const TOKEN_AREAS = ['pupils', 'behaviour', 'safeguarding', 'sanctions', 'exclusions', 'communications', 'reports', 'policy', 'administration'] as const;
export type TTokenArea = (typeof TOKEN_AREAS)[number];

export const TOKEN_AREA_LABELS: Record<TTokenArea, string> = {
  pupils: 'Pupils and their records',
  behaviour: 'Behaviour: points, incidents, reviews, rewards and on-call',
  safeguarding: 'Safeguarding concerns',
  sanctions: 'Detentions, isolations and placements',
  exclusions: 'Suspensions, permanent exclusions and the census',
  communications: 'Letters, messages and tasks',
  reports: 'Reports, dashboards and exports',
  policy: 'The behaviour policy',
  administration: 'Sites, users, the calendar and the audit log',
};
