// Shared set-up for the browser tests: serve the release dist/ on 127.0.0.1 under a sub-path
// (proving the build works away from the site root), open pages in the engine the run asks for
// (DUNDER_ENGINE, see engines/index.mjs) and drive the app's editor, Run button and output.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { launchBrowser, ENGINE } from "./engines/index.mjs";

export { launchBrowser, ENGINE };

export const SUB_PATH = "/dunder/";
// DUNDER_DIST: test another build (a directory path ending in "/").
export const DIST = process.env.DUNDER_DIST ?? new URL("../../dist/", import.meta.url).pathname;
export const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml",
  ".png": "image/png", ".webmanifest": "application/manifest+json", ".zip": "application/zip",
};

/**
 * A plain static server, like any static host: no rewrites, 404 for what is not there.
 * `offline(true)` makes it drop every request (the host is unreachable, in every engine alike);
 * `page(path, html)` adds a page outside the app (a blog post that embeds a snippet).
 * `{ isolated: true }` sends COOP/COEP on every response.
 */
export async function serveDist({ isolated = false } = {}) {
  let offline = false;
  const extra = new Map();
  // Every request's path, in order (a test may count what a page fetched, e.g. workers).
  const requests = [];
  const server = createServer(async (req, res) => {
    if (offline) { req.socket.destroy(); return; }
    // `isolated`: a host that can send the headers cross-origin isolation needs (the page may
    // then share memory with its worker; most static hosts cannot).
    if (isolated) {
      res.setHeader("cross-origin-opener-policy", "same-origin");
      res.setHeader("cross-origin-embedder-policy", "require-corp");
    }
    const path = new URL(req.url, "http://localhost").pathname;
    requests.push(path);
    if (extra.has(path)) { res.writeHead(200, { "content-type": TYPES[".html"] }).end(extra.get(path)); return; }
    if (!(await serveStatic(req, res, DIST, SUB_PATH))) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    base: origin + SUB_PATH,
    origin,
    offline: (value) => { offline = value; },
    page: (path, html) => { extra.set(path, html); return origin + path; },
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

/**
 * A second web site (another port, so another origin): a blogger's host that serves only the
 * pages given to `page(path, html)`, for embeds that must stay cross-origin.
 */
export async function serveHost() {
  const pages = new Map();
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://localhost").pathname;
    if (pages.has(path)) res.writeHead(200, { "content-type": TYPES[".html"] }).end(pages.get(path));
    else res.writeHead(404).end("not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    page: (path, html) => { pages.set(path, html); return origin + path; },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

/**
 * Answer `req` from the files under `root` (a directory path ending in "/") mounted at the URL
 * `prefix`, as a static host would. Returns null when the URL is not under `prefix` (nothing sent),
 * else what was sent: { status, file, encoding }. With `precompressed`, a request that accepts br
 * gets `<file>.br` when it exists, like hosts that serve precompressed files.
 */
export async function serveStatic(req, res, root, prefix, { precompressed = false } = {}) {
  const url = new URL(req.url, "http://localhost");
  if (!url.pathname.startsWith(prefix)) return null;
  let path = normalize(join(root, decodeURIComponent(url.pathname.slice(prefix.length))));
  if (!path.startsWith(root)) { res.writeHead(403).end(); return { status: 403 }; }
  try {
    if ((await stat(path)).isDirectory()) {
      // Like every static host: a directory URL without its slash is redirected.
      if (!url.pathname.endsWith("/")) {
        res.writeHead(301, { location: url.pathname + "/" + url.search }).end();
        return { status: 301 };
      }
      path = join(path, "index.html");
    }
    const headers = { "content-type": TYPES[extname(path)] ?? "application/octet-stream" };
    let file = path;
    if (precompressed && /\bbr\b/.test(req.headers["accept-encoding"] ?? "")) {
      headers.vary = "accept-encoding";
      if (await stat(path + ".br").then((s) => s.isFile(), () => false)) {
        file = path + ".br";
        headers["content-encoding"] = "br";
      }
    }
    const body = await readFile(file);
    res.writeHead(200, headers);
    res.end(body);
    return { status: 200, file: path, encoding: headers["content-encoding"] ?? "identity" };
  } catch {
    res.writeHead(404).end("not found");
    return { status: 404, file: path };
  }
}

/** A fresh page (fresh profile) at `url`; `problems()` lists console errors and page crashes. */
export async function openPage(browser, url, { viewport } = {}) {
  const page = await browser.newPage();
  if (viewport) await page.setViewport(viewport.width, viewport.height, { touch: viewport.touch });
  await page.goto(url);
  return page;
}

/** A RegExp source that matches `s` literally. */
export const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Element specs by what the reader sees: a heading's whole text, a button's label (a string
 *  matches exactly; a RegExp as it says). */
const exactly = (name) => (name instanceof RegExp ? name : new RegExp(`^${escape(name)}$`));
export const heading = (title, level = 1) => ({ css: `h${level}`, text: exactly(title) });
export const button = (name, within) => ({ css: "button", text: exactly(name), within });

/** Play's or a snippet's Run button once Python is ready (while it starts, the button keeps the
 *  text "Run" and has the class "starting", so the buttons beside it do not move). */
export const readyRun = (within) => ({ css: "button.run:not(.starting)", within });

/** The first editor on the page, or the one inside `within`. */
export const editorSpec = (within) => ({ css: ".cm-content", within });

/**
 * Put code in an editor (replacing what is there), as the reader's edit would: a CodeMirror
 * transaction, which the app hears like typing. (Typing 1 MB of source key by key would take
 * minutes; the keyboard-only test types for real.)
 */
export async function setCode(page, code, within) {
  await page.waitForElement(editorSpec(within));
  await page.evaluate((spec, code) => {
    const content = __one(spec);
    const view = content.cmTile?.root?.view ?? content.cmView?.view ?? content.cmView?.rootView?.view;
    if (!view) throw new Error("no CodeMirror view on .cm-content");
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
  }, editorSpec(within), code);
}

/** The editor's text, line by line as shown (innerText would double blank lines). */
export async function editorText(page, within) {
  return (await page.texts({ css: ".cm-line", within: editorSpec(within).within ?? undefined })).join("\n");
}

export const ENDED = /^(Finished|Exited|Error|Stopped|Python crashed)/;

/** Press Run (in `within`, else the first on the page) and wait for the run to end. The first run
 * in a fresh Firefox or WebKit profile also waits for Python's first start while the service
 * worker caches the site: CI saw that take over 30 s under load. */
export async function runAndWait(page, { timeout = 60000, within } = {}) {
  await page.click({ css: "button", text: /^Run/, within });
  await waitIdle(page, { timeout, within });
}

/** Wait until the status line says the run is over; returns the status. */
export async function waitIdle(page, { timeout = 60000, within, status = ENDED } = {}) {
  try {
    return await page.waitFor((spec, re) => {
      const text = __maybe(spec)?.textContent ?? "";
      return new RegExp(re.source, re.flags).test(text) && text;
    }, [{ css: ".run-status", within }, status], { timeout, what: `a run status matching ${status}` });
  } catch (error) {
    // Say where it stuck: still starting Python, running, or waiting for input.
    const seen = await page.evaluate((spec) => __maybe(spec)?.textContent ?? "(no status line)", { css: ".run-status", within }).catch(() => "?");
    const output = await page.evaluate((spec) => __maybe(spec)?.textContent ?? "", { css: ".output", within }).catch(() => "?");
    throw new Error(`${error.message}; the status said ${JSON.stringify(seen)}, the output ${JSON.stringify(output.slice(0, 300))}`);
  }
}

export const statusText = (page, within) => page.textContent({ css: ".run-status", within });

/** What the program printed, exactly (the output's text nodes, not its layout). */
export async function outputText(page, within) {
  return page.textContent({ css: ".output", within });
}

/** Wait for `ms` (Python's own timing is what some tests watch). */
export const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
