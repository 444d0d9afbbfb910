/**
 * The codes and words of comms.ts (and its small rules) shared by the API and the web app. No zod here, so a page that
 * shows them does not load the schema library; comms.ts builds its schemas from these.
 */
export const COMMUNICATION_STATUSES = ['pending', 'sent', 'failed', 'to_send_by_hand'] as const;
export type TCommunicationStatus = (typeof COMMUNICATION_STATUSES)[number];

export const COMMUNICATION_STATUS_LABELS: Record<TCommunicationStatus, string> = {
  pending: 'Sending', sent: 'Sent', failed: 'Not sent', to_send_by_hand: 'To send by hand',
};
