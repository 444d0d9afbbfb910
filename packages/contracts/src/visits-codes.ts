/**
 * The codes and words of visits.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; visits.ts builds its schemas from these.
 */
export type TVisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_LABELS: Record<TVisitStatus, string> = {
  draft: 'Draft', awaiting_evc: 'Awaiting the EVC', awaiting_head: 'Awaiting the head', awaiting_la: 'Awaiting the LA adviser',
  approved: 'Approved', returned: 'Returned for changes', departed: 'Out on the visit', completed: 'Back', cancelled: 'Cancelled',
};

export const VISIT_STATUSES = ['draft', 'awaiting_evc', 'awaiting_head', 'awaiting_la', 'approved', 'returned', 'departed', 'completed', 'cancelled'] as const;
