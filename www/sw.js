// The service worker: after one online visit the whole site (every file of
// the build, listed below by crates/site when the site is built) is kept in
// a cache named after the build, and answered from there, so the page and
// every demo work with the network off. A new build has a new version: its
// worker fetches the new files, takes over and deletes the old caches.
// (In the source this line is a placeholder; only built copies have files.)
const BUILD = { version: "dev", files: [] };
const PREFIX = "dpm-site-";
const CACHE = PREFIX + BUILD.version;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: past the HTTP cache, so an update never stores stale bytes.
      await cache.addAll(BUILD.files.map((f) => new Request(f, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      // The page itself: the network first, so an online reload always gets
      // the newest build (and, with `trunk serve` on a port that once had
      // a release build, the dev page, whose offline.js then unregisters
      // this worker); the cached copy when offline.
      if (request.mode === "navigate") {
        try {
          return await fetch(request);
        } catch (e) {
          const page =
            (await caches.match(request, { cacheName: CACHE, ignoreSearch: true })) ||
            (await caches.match("./", { cacheName: CACHE }));
          if (page) return page;
          throw e;
        }
      }
      // Everything else (file names carry a hash) from the cache first.
      // `?lang=zh` is the same file. (caches.match with a
      // name, not caches.open: a worker being replaced must not re-create
      // the cache its successor just deleted.)
      const hit = await caches.match(request, { cacheName: CACHE, ignoreSearch: true, ignoreVary: true });
      return hit || fetch(request);
    })(),
  );
});
