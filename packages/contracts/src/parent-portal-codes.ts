/**
 * The codes and words of parent-portal.ts (and its small rules) shared by the API and the web app. No zod here, so a
 * page that shows them does not load the schema library; parent-portal.ts builds its schemas from these.
 */
export const NOTIFY_FREQUENCIES = ['immediately', 'daily', 'off'] as const;
export type TNotifyFrequency = (typeof NOTIFY_FREQUENCIES)[number];

export const NOTIFY_FREQUENCY_LABELS: Record<TNotifyFrequency, string> = { immediately: 'Straight away', daily: 'Once a day', off: 'Never' };
