// The benchmark's one HTTP server: Dunder's release dist/ exactly as the browser tests serve it
// (plus precompressed .br files, as a static host that has them would), the peer engines from
// node_modules, and the peer pages. Every response is logged with its size on the wire, so the
// bench can count what a page load really fetched (page, workers and service worker alike).
import { createServer } from "node:http";
import { stat } from "node:fs/promises";
import { DIST, SUB_PATH, serveStatic } from "../../tests/browser/support.mjs";

const here = (path) => new URL(path, import.meta.url).pathname;

/** URL prefix → directory; Dunder's mount is the same as in the browser tests. */
export const MOUNTS = [
  { prefix: SUB_PATH, root: DIST, precompressed: true },
  { prefix: "/pyodide/", root: here("../../node_modules/pyodide/") },
  { prefix: "/brython/", root: here("../../node_modules/brython/") },
  { prefix: "/peers/", root: here("../peers/") },
];

/**
 * Start the server. Returns { origin, log, close }:
 * `log` gets an entry per request as it starts ({ url, started, finished, status, file,
 * mtimeMs, encoding, wireBytes, dest, cacheControl }), times in ms since the epoch; the caller may empty it.
 */
export async function serveBench() {
  const log = [];
  const wireBefore = new WeakMap(); // socket → bytesWritten when its current response began
  const server = createServer(async (req, res) => {
    const socket = req.socket;
    const entry = {
      url: req.url, started: epochNow(), dest: req.headers["sec-fetch-dest"] ?? null,
      // "no-cache" marks a fetch that bypassed the HTTP cache, e.g. the service worker's precache.
      cacheControl: req.headers["cache-control"] ?? null,
    };
    log.push(entry);
    // Chromium does not pipeline: responses on one connection follow each other, so the growth
    // of the socket's byte counter over one response is that response's size on the wire
    // (status line, headers and body). ("close" covers a response cut off by a closed page.)
    wireBefore.set(socket, socket.bytesWritten);
    const done = () => {
      entry.finished ??= epochNow();
      entry.wireBytes ??= socket.bytesWritten - wireBefore.get(socket);
    };
    res.on("finish", done);
    res.on("close", done);
    Object.assign(entry, await answer(req, res));
    // Note which version of the file was served: dist/ may be rebuilt while the bench runs.
    if (entry.file && entry.status === 200) entry.mtimeMs = (await stat(entry.file).catch(() => null))?.mtimeMs;
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin, log,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

async function answer(req, res) {
  for (const { prefix, root, precompressed } of MOUNTS) {
    const sent = await serveStatic(req, res, root, prefix, { precompressed });
    if (sent) return sent;
  }
  res.writeHead(404).end("not found");
  return { status: 404 };
}

/** Milliseconds since the epoch, sub-millisecond: comparable with a page's timeOrigin + now(). */
export function epochNow() {
  return performance.timeOrigin + performance.now();
}
