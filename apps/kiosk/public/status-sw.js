// The phone status page's service worker (served at /t/sw.js, scope /t/: it controls the phone pages only).
// It keeps the page's static files (hashed bundles, styles, the icon) for a quick start on a slow network and
// shows notifications for the page. It never caches or answers for ticket data: the ticket pages, /api/ and the
// live connection always go to the server, untouched.
const CACHE = 'rinda-phone-static-v1';
const STATIC = /^\/kiosk\/(assets\/[^/]+\.(?:js|css|woff2?|svg|png)|favicon\.svg)$/;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !STATIC.test(url.pathname)) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const cached = await cache.match(event.request);
      if (cached) return cached;
      const response = await fetch(event.request);
      if (response.ok) await cache.put(event.request, response.clone());
      return response;
    }),
  );
});

// A tap on an alert brings the ticket's page forward (or opens it when the installed app was closed).
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = event.notification.data && event.notification.data.url;
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((windows) => {
      const open = windows.find((w) => w.url === target);
      if (open) return open.focus();
      return target ? self.clients.openWindow(target) : undefined;
    }),
  );
});
