// Dunder's service worker: after one visit the whole app (lessons, UI, Python VM, and the stdlib
// modules imported so far plus the prefetched common ones) works offline. .ci/post-build.sh
// replaces the two placeholders below with this build's file list and a version hash, so each
// release precaches itself and drops the previous one.
const VERSION = "__DUNDER_VERSION__";
const FILES = __DUNDER_FILES__;
const CACHE = `dunder-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // "no-cache": revalidate with the server rather than trust the HTTP cache (some files are
    // unhashed), yet a file the page has just downloaded costs a 304, not a second download.
    await cache.addAll(FILES.map((file) => new Request(new URL(file, self.registration.scope), { cache: "no-cache" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("dunder-") && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Pages: the network first (so a new release shows up), the cache when offline.
    if (request.mode === "navigate") {
      try {
        return await fetch(request);
      } catch {
        const url = new URL(request.url);
        // Routes are directories: like a static host, add the slash (relative URLs need it).
        if (!url.pathname.endsWith("/") && !url.pathname.endsWith(".html")) {
          url.pathname += "/";
          return Response.redirect(url.href, 301);
        }
        const page = url.pathname.endsWith("/") ? url.pathname + "index.html" : url.pathname;
        return (await cache.match(new URL(page, url))) ?? (await cache.match(new URL("index.html", self.registration.scope))) ?? Response.error();
      }
    }
    // Everything else belongs to this release: the cache first.
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    const response = await fetch(request);
    // Stdlib modules are not precached (most are never imported): keep each one that is.
    if (response.ok && new URL(request.url).pathname.includes("/pylib/")) {
      await cache.put(request, response.clone());
    }
    return response;
  })());
});
