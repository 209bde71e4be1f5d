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

// Interactive input() (src/bin/worker/input_channel.rs, the protocol's INPUT_ROUTE): the Python
// worker, blocked in a synchronous request, waits here until the page posts the reader's line.
// A held request is let go after a while with a 204 (the worker asks again), so no fetch event
// lasts long enough for a browser to stop this service worker.
const INPUT_ROUTE = "__dunder_input__/";
const INPUT_HOLD_MS = 20000;
const answers = new Map(); // key → answer that came before its request
const waiting = new Map(); // key → resolve of the request waiting for it

self.addEventListener("message", (event) => {
  const data = event.data;
  if (data?.type !== "dunder-input" || typeof data.key !== "string") return;
  const answer = { end: data.end === true, line: String(data.line ?? "") };
  const resolve = waiting.get(data.key);
  if (resolve) {
    waiting.delete(data.key);
    resolve(answer);
  } else {
    // A stopped run never collects its answer: keep only a few.
    if (answers.size > 64) answers.delete(answers.keys().next().value);
    answers.set(data.key, answer);
  }
});

async function inputResponse(path) {
  const headers = (kind) => ({ "x-dunder-input": kind, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  if (path === "probe") return new Response("", { headers: headers("ready") });
  const key = path.startsWith("wait/") ? path.slice("wait/".length) : null;
  if (!key) return new Response("unknown input request", { status: 404 });
  let answer = answers.get(key);
  answers.delete(key);
  answer ??= await new Promise((resolve) => {
    waiting.set(key, resolve);
    setTimeout(() => {
      if (waiting.get(key) === resolve) {
        waiting.delete(key);
        resolve(null);
      }
    }, INPUT_HOLD_MS);
  });
  if (answer === null) return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  return answer.end ? new Response("", { headers: headers("end") }) : new Response(answer.line, { headers: headers("line") });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  const inScope = request.url.slice(self.registration.scope.length);
  if (inScope.startsWith(INPUT_ROUTE)) {
    event.respondWith(inputResponse(inScope.slice(INPUT_ROUTE.length).split("?")[0]));
    return;
  }
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
