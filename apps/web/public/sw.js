/*
 * Haven's service worker (served from /sw.js so that its scope is the whole app, and never cached as immutable).
 * It shows calls for help as system notifications when Haven is in the background, and brings Haven forward on the
 * on-call page when one is tapped. It caches nothing: Haven's records are always read from the server.
 */
self.addEventListener('install', () => { self.skipWaiting(); });
self.addEventListener('activate', (event) => { event.waitUntil(self.clients.claim()); });

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const wanted = event.notification.data && typeof event.notification.data.url === 'string' ? event.notification.data.url : '/';
  // only a page of this app, never another site
  const url = new URL(wanted.startsWith('/') && !wanted.startsWith('//') ? wanted : '/', self.location.origin).href;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find((c) => new URL(c.url).origin === self.location.origin);
    if (open) {
      await open.focus();
      if (open.url !== url && 'navigate' in open) await open.navigate(url).catch(() => undefined);
      return;
    }
    await self.clients.openWindow(url);
  })());
});
