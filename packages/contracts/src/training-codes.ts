/**
 * The codes and words of training.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; training.ts builds its schemas from these.
 */
export const MATRIX_STATUSES = ['valid', 'expiring', 'in_grace', 'expired', 'never'] as const;
export type TMatrixStatus = (typeof MATRIX_STATUSES)[number];

export const MATRIX_STATUS_LABELS: Record<TMatrixStatus, string> = {
  valid: 'Valid', expiring: 'Expiring within 60 days', in_grace: 'In grace period', expired: 'Expired', never: 'Never trained',
};
