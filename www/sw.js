// Cirkelbreker's service worker: keeps the app shell in a cache so that after the first
// visit the app opens and works without a network (a training room without wifi).
//
// Strategy: network first, cache as fallback, same origin only. Online, every shell
// file comes fresh from the server and refreshes the cache, so an update is never half
// applied; offline (or when the server is gone) the cached copy answers. Case data never
// passes through here: cases live in IndexedDB and are never part of a request.
const CACHE = 'cirkelbreker-shell-v1';
const SHELL = [
  './',
  'index.html',
  'cirkelbreker.js',
  'cirkelbreker_bg.wasm',
  'www/app.css',
  'www/boot.js',
  'www/icon.svg',
  'www/manifest.webmanifest',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) {
    return; // Not ours: the page's Content-Security-Policy already forbids it.
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === 'basic') {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true })
        .then((cached) => cached ?? (request.mode === 'navigate' ? caches.match('index.html') : undefined))
        .then((cached) => cached ?? Response.error())),
  );
});
