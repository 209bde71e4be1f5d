// What a page load fetched, from the bench server's log: wire bytes as served, and the brotli size
// (quality 11, window 2^24, the settings of Dunder's own .br files) of every file fetched, so the
// engines compare the same way whatever each one's files happen to be served as.
import { brotliCompressSync, constants as Z } from "node:zlib";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { relative } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
// Compressing the 30 MB worker at quality 11 takes about a minute: keep sizes between runs.
const CACHE_FILE = new URL("../../node_modules/.cache/dunder-bench/brotli.json", import.meta.url).pathname;

/** The server log entries of one load: those requested after its navigation started. */
export function entriesOfLoad(log, timeOrigin) {
  return log.filter((e) => e.started >= timeOrigin).map((e) => ({
    url: e.url, status: e.status, dest: e.dest, cacheControl: e.cacheControl, encoding: e.encoding ?? null,
    file: e.file ? relative(ROOT, e.file) : null, mtimeMs: e.mtimeMs ?? null,
    wireBytes: e.wireBytes ?? null,
    startedMs: round(e.started - timeOrigin), finishedMs: e.finished ? round(e.finished - timeOrigin) : null,
  }));
}

/**
 * Totals over the fetches requested before `untilMs` (page clock). A fetch still in flight then
 * counts in full: its bytes were already on their way and competed for the same bandwidth.
 */
export function totalsBefore(files, untilMs) {
  const before = files.filter((f) => f.startedMs <= untilMs);
  const sum = (xs) => xs.reduce((a, b) => a + (b ?? 0), 0);
  const unique = new Map(before.map((f) => [f.url.split("?")[0], f.brotliBytes]));
  return {
    requests: before.length,
    wireBytes: sum(before.map((f) => f.wireBytes)),
    brotliBytes: sum(before.map((f) => f.brotliBytes)),
    brotliBytesUnique: sum([...unique.values()]),
  };
}

/** Fill in brotliBytes on every file entry (0 for what was not a file: redirects, 404s). */
export async function addBrotliSizes(allFiles) {
  const cache = await readFile(CACHE_FILE, "utf8").then(JSON.parse, () => ({}));
  const warnings = new Set();
  for (const f of allFiles) {
    if (f.status !== 200 || !f.file) { f.brotliBytes = 0; continue; }
    const path = ROOT + f.file;
    const now = await stat(path).catch(() => null);
    // dist/ may have been rebuilt since this was served: say so, and measure what is there now.
    if (!now) { f.brotliBytes = null; warnings.add(`${f.file} is gone (rebuilt?): no brotli size`); continue; }
    if (f.mtimeMs && now.mtimeMs !== f.mtimeMs) warnings.add(`${f.file} changed after it was served (rebuilt?)`);
    const key = `${path}|${now.mtimeMs}|${now.size}`;
    cache[key] ??= brotliSize(await readFile(path));
    f.brotliBytes = cache[key];
  }
  await mkdir(new URL(".", `file://${CACHE_FILE}`).pathname, { recursive: true });
  await writeFile(CACHE_FILE, JSON.stringify(cache, null, 1));
  return [...warnings];
}

function brotliSize(buffer) {
  return brotliCompressSync(buffer, {
    params: {
      [Z.BROTLI_PARAM_QUALITY]: 11, [Z.BROTLI_PARAM_LGWIN]: 24, [Z.BROTLI_PARAM_SIZE_HINT]: buffer.length,
    },
  }).length;
}

const round = (ms) => Math.round(ms * 10) / 10;
