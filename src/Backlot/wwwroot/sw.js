// Backlot's service worker, served at /sw.js with scope /. It only shows push notifications and
// handles clicks on them; it caches nothing.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const options = { body: data.body || '', data: { url: data.url || '/', campaign: data.campaign } };
  if (data.icon) options.icon = data.icon;
  if (data.image) options.image = data.image;
  if (data.campaign) options.tag = `campaign-${data.campaign}`;
  event.waitUntil(self.registration.showNotification(data.title || self.location.hostname, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { url, campaign } = event.notification.data || {};
  const target = new URL(url || '/', self.location.origin).href;
  const counted = campaign
    ? fetch('/push/clicks', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ campaign }) }).catch(() => {})
    : Promise.resolve();
  const opened = (async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find((client) => client.url === target);
    if (open) return open.focus();
    const ours = windows.find((client) => new URL(client.url).origin === self.location.origin && 'navigate' in client);
    if (ours && new URL(target).origin === self.location.origin) {
      await ours.focus();
      return ours.navigate(target);
    }
    return self.clients.openWindow(target);
  })();
  event.waitUntil(Promise.all([counted, opened]));
});
