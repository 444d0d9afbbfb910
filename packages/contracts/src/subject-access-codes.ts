/**
 * The codes and words of subject-access.ts (and its small rules) shared by the API and the web app. No zod here, so a
 * page that shows them does not load the schema library; subject-access.ts builds its schemas from these.
 */
export const SAR_REQUESTER_KINDS = ['parent', 'pupil', 'other'] as const;
export type TSarRequesterKind = (typeof SAR_REQUESTER_KINDS)[number];

export const SAR_REQUESTER_KIND_LABELS: Record<TSarRequesterKind, string> = { parent: 'Parent or carer', pupil: 'The pupil', other: 'Someone else (with authority)' };

export const SAR_STATUSES = ['received', 'gathering', 'redaction', 'released', 'withdrawn'] as const;
export type TSarStatus = (typeof SAR_STATUSES)[number];

export const SAR_STATUS_LABELS: Record<TSarStatus, string> = {
  received: 'Received', gathering: 'Gathering records', redaction: 'Redaction review', released: 'Released', withdrawn: 'Withdrawn',
};
