/**
 * The codes and words of cp-transfers.ts (and its small rules) shared by the API and the web app. No zod here, so a
 * page that shows them does not load the schema library; cp-transfers.ts builds its schemas from these.
 */
export const CP_TRANSFER_STATUSES = ['draft', 'packed', 'sent', 'received'] as const;
export type TCpTransferStatus = (typeof CP_TRANSFER_STATUSES)[number];

export const CP_TRANSFER_STATUS_LABELS: Record<TCpTransferStatus, string> = {
  draft: 'Not packed yet', packed: 'Packed, not sent', sent: 'Sent, receipt not confirmed', received: 'Receipt confirmed',
};
