// What embeds cost a blog post's reader: a post with 10 snippets against one with 1, cold cache
// (a fresh browser per load), in Chromium and Firefox. Measured per load:
//   - bytes on the wire before any Run (the page settled: no request for 3 s);
//   - bytes once every snippet has run once (each scrolled to and run, as a reader would);
//   - Python workers started (the Dunder server's worker_loader.js requests: every load
//     revalidates, so each new Worker asks once);
//   - the browser's memory: RSS summed over all its processes, after all ran;
//   - time to first output of the first click (Run pressed in the first snippet once the page
//     has settled, timed inside its frame from the click to the first output).
// The host is another origin (another port) than Dunder, as a blog is. Dunder is served like a
// static host with a revalidating cache (ETag, Cache-Control: no-cache) and .br files.
// Prints a Markdown table (and writes bench/embed-results.json). Asserts nothing.
//
// Usage: node bench/embed-post.mjs [--dist DIR/] [--label NAME] [--forms iframe,script]
//        [--engines chromium,firefox] [--loads 1]
// Forms: "iframe" is the README's hand-written iframe (with its old inline resize listener for
// builds without embed.js); "script" is <pre data-dunder> + embed.js (new builds only).
import puppeteer from "puppeteer-core";
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { SUB_PATH, serveStatic } from "../tests/browser/support.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const DIST = arg("dist", new URL("../dist/", import.meta.url).pathname);
const LABEL = arg("label", "this build");
const FORMS = arg("forms", existsSync(DIST + "embed.js") ? "iframe,script" : "iframe").split(",");
const ENGINES = arg("engines", "chromium,firefox").split(",");
const LOADS = Number(arg("loads", "1"));
const COUNTS = [1, 10];

// --- Dunder, as a static host with a revalidating cache --------------------------------------
const log = [];
const etags = new Map();
const dunder = createServer(async (req, res) => {
  // (The service worker's own fetches name sw.js as their referrer: its precache is counted so.)
  const entry = { path: new URL(req.url, "http://x").pathname, bytes: 0, status: 0, bySw: /\/sw\.js$/.test(req.headers.referer ?? "") };
  log.push(entry);
  const socket = req.socket;
  const start = socket.bytesWritten;
  res.on("finish", () => { entry.bytes = socket.bytesWritten - start; entry.status = res.statusCode; });
  // Validators from the file's content: unchanged files answer 304.
  const rel = decodeURIComponent(entry.path.slice(SUB_PATH.length));
  let file = DIST + rel;
  if (entry.path.endsWith("/")) file += "index.html";
  let tag = etags.get(file);
  if (!tag && existsSync(file)) {
    try { tag = `"${createHash("sha1").update(readFileSync(file)).digest("hex").slice(0, 16)}"`; etags.set(file, tag); } catch {}
  }
  if (tag && req.headers["if-none-match"] === tag) { res.writeHead(304, { etag: tag, "cache-control": "no-cache" }).end(); return; }
  if (tag) { res.setHeader("etag", tag); res.setHeader("cache-control", "no-cache"); }
  if (!(await serveStatic(req, res, DIST, SUB_PATH, { precompressed: true }))) res.writeHead(404).end();
});
await new Promise((r) => dunder.listen(0, "127.0.0.1", r));
const BASE = `http://127.0.0.1:${dunder.address().port}${SUB_PATH}`;

// --- The blog ----------------------------------------------------------------------------------
const SNIPPETS = [
  "print(sum(range(10)))",
  "words = 'the quick brown fox'.split()\nprint(sorted(words, key=len))",
  "from collections import Counter\nprint(Counter('mississippi').most_common(2))",
  "squares = {n: n * n for n in range(5)}\nprint(squares)",
  "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(15))",
  "print([x for x in range(20) if x % 3 == 0])",
  "a, *rest = [1, 2, 3, 4]\nprint(a, rest)",
  "print('-'.join(reversed('abc')))",
  "class P:\n    __slots__ = ('x',)\np = P(); p.x = 3\nprint(p.x)",
  "print(divmod(17, 5), 2 ** 100)",
];
const PARA = "<p>Python's data model rewards a close reading. This paragraph stands for the prose a blog post puts " +
  "between its code samples: an explanation, a caveat, a link to the documentation. It is long enough to wrap " +
  "over several lines at desktop width, as real posts do, so the snippets are spread down the page.</p>";
const encode = (code) => {
  // The share-link format (deflate-raw + base64url), as the app's Embed button writes it.
  const { deflateRawSync } = globalThis.__zlib;
  return deflateRawSync(Buffer.from(code)).toString("base64url");
};
globalThis.__zlib = await import("node:zlib");
// The README's old resize listener (builds before embed.js); harmless with new builds.
const OLD_LISTENER = `<script>addEventListener("message",e=>{if(e.data&&e.data.type==="dunder:height")for(const f of document.getElementsByTagName("iframe"))if(f.contentWindow===e.source)f.style.height=e.data.height+"px"})</script>`;
function post(form, n) {
  const blocks = SNIPPETS.slice(0, n).map((code, i) => {
    const snippet = form === "iframe"
      ? `<iframe class="snippet" src="${BASE}embed/#code=${encode(code)}" title="Runnable Python ${i + 1}" style="width:100%;height:360px;border:0" loading="lazy"></iframe>`
      : `<pre class="snippet-pre" data-dunder data-title="Snippet ${i + 1}">${code.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</pre>`;
    return `<h2>Part ${i + 1}</h2>${PARA}${PARA}${snippet}`;
  }).join("\n");
  const tail = form === "iframe" ? (existsSync(DIST + "embed.js") ? `<script src="${BASE}embed.js" async></script>` : OLD_LISTENER)
    : `<script src="${BASE}embed.js" async></script>`;
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>A post with ${n} snippets</title><style>body{font:17px/1.6 Georgia,serif;max-width:720px;margin:0 auto;padding:1rem}</style>
<h1>${n} things about Python</h1>${PARA}${blocks}${PARA}${tail}`;
}
const pages = new Map();
const host = createServer((req, res) => {
  const html = pages.get(new URL(req.url, "http://x").pathname);
  if (html) res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
  else res.writeHead(404).end();
});
await new Promise((r) => host.listen(0, "127.0.0.1", r));
const HOST = `http://127.0.0.1:${host.address().port}`;

// --- Measuring ---------------------------------------------------------------------------------
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function settle(quietMs = 3000, capMs = 45000) {
  const end = Date.now() + capMs;
  let seen = log.length, quietSince = Date.now();
  while (Date.now() < end) {
    await sleep(200);
    if (log.length !== seen) { seen = log.length; quietSince = Date.now(); }
    else if (Date.now() - quietSince >= quietMs && log.every((e) => e.status)) return;
  }
}
const bytesOf = (entries) => entries.reduce((a, e) => a + e.bytes, 0);
// (Requests for worker_loader.js that the page made, not the service worker's precache; once the
// service worker controls the frames it answers them itself, hence the count from the browser
// in Chromium, below.)
const workersOf = (entries) => entries.filter((e) => e.path.endsWith("/worker_loader.js") && !e.bySw).length;
/** Embed documents loaded (navigations reach the server even under the service worker). */
const framesOf = (entries) => entries.filter((e) => e.path.endsWith("/embed/")).length;

/** RSS of a process and all its descendants, in bytes. */
function treeRss(pid) {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,rss="], { encoding: "utf8" }).trim().split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number));
  const kids = new Map();
  for (const [p, pp] of rows) kids.set(pp, [...(kids.get(pp) ?? []), p]);
  const rss = new Map(rows.map(([p, , r]) => [p, r]));
  let total = 0;
  const stack = [pid];
  while (stack.length) { const p = stack.pop(); total += (rss.get(p) ?? 0) * 1024; stack.push(...(kids.get(p) ?? [])); }
  return total;
}

async function launch(engine) {
  return engine === "firefox"
    ? puppeteer.launch({ browser: "firefox", executablePath: "/usr/bin/firefox-esr", headless: true, defaultViewport: null, args: ["--width=1280", "--height=800"] })
    : puppeteer.launch({ executablePath: "/usr/bin/chromium", headless: true, defaultViewport: { width: 1280, height: 800 },
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--window-size=1280,800"] });
}

/** The snippet frames of the page, in order (their frames, once loaded). */
async function snippetFrames(page, form) {
  const handles = await page.$$(form === "iframe" ? "iframe.snippet" : "iframe.dunder-embed");
  return handles;
}

/** In a frame: press Run, resolve with ms from the click to the first output. */
const RUN_IN_FRAME = `(async () => {
  const run = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Run");
  const out = document.querySelector(".output");
  const t0 = performance.now();
  run.click();
  const first = await new Promise((resolve) => {
    const check = () => (out.textContent.length ? resolve(performance.now() - t0) : setTimeout(check, 2));
    check();
  });
  const end = Date.now() + 60000;
  while (Date.now() < end && !/^(Finished|Error|Exited)/.test(document.querySelector(".run-status").textContent)) await new Promise((r) => setTimeout(r, 20));
  return { first, status: document.querySelector(".run-status").textContent, output: out.textContent };
})()`;

async function measure(engine, form, n) {
  const browser = await launch(engine);
  const pid = browser.process().pid;
  const page = (await browser.pages())[0] ?? await browser.newPage();
  if (engine === "firefox") await page.mainFrame().browsingContext.setViewport({ viewport: { width: 1280, height: 800 }, devicePixelRatio: 1 });
  const path = `/${form}-${n}-${Date.now()}/`;
  pages.set(path, post(form, n));
  const from = log.length;
  await page.goto(HOST + path, { waitUntil: "load" });
  await settle();
  const beforeRun = log.slice(from);
  const result = { engine, form, n, bytesBeforeRun: bytesOf(beforeRun), requestsBeforeRun: beforeRun.length, workersBeforeRun: workersOf(beforeRun),
    swRequests: beforeRun.filter((e) => e.path.endsWith("/sw.js") || e.bySw).length, framesBeforeRun: framesOf(beforeRun) };
  // The first snippet: the reader has arrived and presses Run.
  const frames = [];
  for (let i = 0; i < n; i++) {
    let handles = await snippetFrames(page, form);
    // Script form: frames are made as the reader scrolls; scroll the i-th <pre> into view.
    if (!handles[i] && form === "script") {
      await page.evaluate((i) => document.querySelectorAll("pre[data-dunder]")[i].scrollIntoView({ block: "center" }), i);
      const end = Date.now() + 30000;
      while (Date.now() < end && !(handles = await snippetFrames(page, form))[i]) await sleep(100);
    }
    await handles[i].evaluate((f) => f.scrollIntoView({ block: "center" }));
    const frame = await handles[i].contentFrame();
    // Wait until its Run button exists (the frame's app has mounted).
    const end = Date.now() + 60000;
    while (Date.now() < end && !(await frame.evaluate(`!![...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Run")`).catch(() => false))) await sleep(100);
    const ran = await frame.evaluate(RUN_IN_FRAME);
    frames.push(ran);
    if (i === 0) result.firstOutputMs = Math.round(ran.first);
  }
  result.allRan = frames.every((f) => /^Finished/.test(f.status));
  result.statuses = [...new Set(frames.map((f) => f.status.replace(/\d+(\.\d+)? m?s/, "…")))];
  await settle(2000);
  const all = log.slice(from);
  Object.assign(result, { bytesAfterAll: bytesOf(all), requestsAfterAll: all.length, workersAfterAll: workersOf(all),
    swRequestsAfterAll: all.filter((e) => e.path.endsWith("/sw.js") || e.bySw).length, rssAfterAll: treeRss(pid), framesAfterAll: framesOf(all) });
  await browser.close();
  return result;
}

const results = [];
for (const engine of ENGINES) {
  for (const form of FORMS) {
    for (const n of COUNTS) {
      for (let i = 0; i < LOADS; i++) {
        const r = await measure(engine, form, n).catch((e) => ({ engine, form, n, error: String(e.message ?? e).split("\n")[0] }));
        r.label = LABEL;
        console.error(JSON.stringify(r));
        results.push(r);
      }
    }
  }
}
dunder.close(); host.close();

const mb = (b) => (b / 1e6).toFixed(2) + " MB";
console.log(`| build | engine | form | snippets | bytes before Run | bytes after all ran | embed frames loaded; workers fetched from the network (before Run → after all) | RSS after all | first click → output | service worker requests (sw.js + its precache) |`);
console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
for (const r of results) {
  if (r.error) { console.log(`| ${r.label} | ${r.engine} | ${r.form} | ${r.n} | error: ${r.error} |||||`); continue; }
  console.log(`| ${r.label} | ${r.engine} | ${r.form} | ${r.n} | ${mb(r.bytesBeforeRun)} (${r.requestsBeforeRun} req.) | ${mb(r.bytesAfterAll)} (${r.requestsAfterAll} req.) | ${r.framesBeforeRun} → ${r.framesAfterAll} frames; worker_loader.js fetched ${r.workersBeforeRun} → ${r.workersAfterAll} | ${mb(r.rssAfterAll)} | ${r.firstOutputMs} ms${r.allRan ? "" : " (not all finished: " + r.statuses.join("; ") + ")"} | ${r.swRequestsAfterAll} |`);
}
const out = new URL("./embed-results.json", import.meta.url).pathname;
const previous = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : [];
writeFileSync(out, JSON.stringify([...previous.filter((p) => p.label !== LABEL), ...results], null, 2) + "\n");
