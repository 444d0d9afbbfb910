/**
 * The codes and words of reports.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; reports.ts builds its schemas from these.
 */
export const REPORT_KIND_LABELS: Record<(typeof REPORT_KINDS)[number], string> = { weekly_leaders: "Senior leaders' weekly report" };

export const REPORT_KINDS = ['weekly_leaders'] as const;
