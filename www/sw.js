// Cirkelbreker's service worker: keeps the app shell in a cache so that after the first
// visit the app opens at once and works without a network (a training room without wifi).
//
// Strategy: cache first, one cache per build, same origin only. scripts/build-web.sh writes
// the build's fingerprint (a hash of every shipped file) into VERSION, so a new build is a
// new sw.js: the browser installs it beside the old one, it fetches the whole new shell into
// a cache of its own, and only then takes over and deletes the old cache. The app's files
// therefore always come from one build, never half old and half new, and a repeat visit
// needs no download. What is not in the shell goes to the network. Case data never passes
// through here: cases live in IndexedDB and are never part of a request.
const VERSION = 'development';
const CACHE = `cirkelbreker-shell-${VERSION}`;
const SHELL = [
  './',
  'index.html',
  'cirkelbreker.js',
  'cirkelbreker_bg.wasm',
  'www/app.css',
  'www/boot.js',
  'www/storage-early.js',
  'www/analysis-worker.js',
  'www/icon.svg',
  'www/icon-32.png',
  'www/manifest.webmanifest',
];

/**
 * Where the browser has static routes (Chromium), the shell's own addresses are answered
 * from this build's cache by the browser itself, without running this script for each
 * file (or starting it at all); everything else still comes to `fetch` below.
 */
function routeShellToCache(event) {
  if (!event.addRoutes || typeof URLPattern === 'undefined') return Promise.resolve();
  const routes = SHELL.map((url) => ({
    condition: {
      urlPattern: new URLPattern({ pathname: new URL(url, self.location).pathname, search: '', baseURL: self.location.href }),
      requestMethod: 'GET',
    },
    source: { cacheName: CACHE },
  }));
  // Routes are a shortcut only: a browser that refuses them still has `fetch`.
  try {
    return event.addRoutes(routes).catch(() => {});
  } catch {
    return Promise.resolve();
  }
}

self.addEventListener('install', (event) => {
  // Fresh from the server, not from the HTTP cache: the shell of exactly this build.
  const fresh = SHELL.map((url) => new Request(url, { cache: 'reload' }));
  event.waitUntil(
    Promise.all([caches.open(CACHE).then((cache) => cache.addAll(fresh)), routeShellToCache(event)])
      .then(() => self.skipWaiting()),
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
    caches.open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true })
        .then((cached) => cached ?? (request.mode === 'navigate' ? cache.match('index.html') : undefined)))
      .then((cached) => cached ?? fetch(request))
      .catch(() => Response.error()),
  );
});
