/**
 * Alerts when Haven is not the tab in front: the service worker (/sw.js, scope "/", registered here) shows a system
 * notification for a call for help that arrives while the page is hidden, and brings Haven forward when it is
 * tapped. Notifications carry the place and the school, never a pupil's name (they can show on a locked screen).
 */
import { useEffect, useState } from 'react';
import type { TOnCallRequest } from '@haven/contracts';

export type NotificationState = NotificationPermission | 'unsupported';

/**
 * Registers the service worker once the page has loaded and is idle, as browsers advise: started while the page is
 * still loading, its script and its start-up compete with the page's own code and data on a phone.
 */
export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  const whenIdle = () => (window.requestIdleCallback ? window.requestIdleCallback(register, { timeout: 5000 }) : setTimeout(register, 0));
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}

export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' || !('serviceWorker' in navigator) ? 'unsupported' : Notification.permission;
}

/** Asks for permission (needs a tap); returns the answer. */
export async function askForNotifications(): Promise<NotificationState> {
  if (notificationState() === 'unsupported') return 'unsupported';
  return Notification.requestPermission();
}

export function useNotificationState(): [NotificationState, () => Promise<void>] {
  const [state, setState] = useState<NotificationState>(() => notificationState());
  return [state, async () => { setState(await askForNotifications()); }];
}

export const callTitle = (r: TOnCallRequest) =>
  `${r.escalationLevel > 0 ? 'Still no one on the way – ' : ''}${r.urgency === 'emergency' ? 'Emergency' : 'Urgent'}: help needed`;
export const callPlace = (r: TOnCallRequest) => [r.locationLabel, r.locationDetail].filter(Boolean).join(' – ') || 'Location not given';

async function showCallNotification(r: TOnCallRequest): Promise<void> {
  if (notificationState() !== 'granted') return;
  const reg = await navigator.serviceWorker.ready;
  await reg.showNotification(callTitle(r), {
    body: `${callPlace(r)}, ${r.siteName}. Called by ${r.requestedBy.displayName}.`,
    tag: `oncall-${r.id}-${r.escalationLevel}`, requireInteraction: true, icon: '/icons/haven-192.png', badge: '/icons/haven-192.png',
    data: { url: '/on-call' },
  });
}

/** A system notification for each call that starts alerting you while this tab is hidden (once per call and level). */
export function useBackgroundNotifications(alerting: readonly TOnCallRequest[]): void {
  const keys = alerting.map((r) => `${r.id}:${r.escalationLevel}`).join(',');
  useEffect(() => {
    if (!keys || document.visibilityState !== 'hidden') return;
    for (const r of alerting) {
      const key = `haven.oncall.notified.${r.id}:${r.escalationLevel}`;
      try { if (window.sessionStorage.getItem(key)) continue; window.sessionStorage.setItem(key, '1'); } catch { /* still notify */ }
      void showCallNotification(r).catch(() => undefined);
    }
    // `alerting` changes identity on every refetch; the keys say when it really changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keys]);
}
