// Shared set-up for the browser tests: serve the release dist/ on 127.0.0.1 under a sub-path
// (proving the build works away from the site root) and drive system Chromium headlessly.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

export const SUB_PATH = "/dunder/";
export const DIST = new URL("../../dist/", import.meta.url).pathname;
export const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml",
  ".png": "image/png", ".webmanifest": "application/manifest+json", ".zip": "application/zip",
};

/** A plain static server, like any static host: no rewrites, 404 for what is not there. */
export async function serveDist() {
  const server = createServer(async (req, res) => {
    if (!(await serveStatic(req, res, DIST, SUB_PATH))) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}${SUB_PATH}`;
  return { base, close: () => new Promise((resolve) => server.close(resolve)) };
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

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** A fresh page (fresh profile) that fails the test on any console error or page crash. */
export async function openPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => { if (msg.type() === "error") problems.push(msg.text()); });
  page.on("pageerror", (err) => problems.push(String(err)));
  await page.goto(url);
  return { page, context, problems };
}

/** Put code in the playground editor (replacing what is there). */
export async function setCode(page, code) {
  const editor = page.getByRole("textbox", { name: "Python code" });
  // fill() replaces the text of a contenteditable; check it did, and clear by hand if not.
  for (let attempt = 0; attempt < 3; attempt++) {
    await editor.fill(code);
    const text = (await page.locator(".cm-line").allTextContents()).join("\n");
    // (CodeMirror shows NUL, BOM and lone surrogates as placeholders: those cannot be compared.)
    if (code.length > 100_000 || /[\0\ufeff\ud800-\udfff]/.test(code)) return;
    if (text === code.replace(/\n$/, "") || text === code) return;
    await editor.press("ControlOrMeta+a");
    await editor.press("Delete");
  }
  throw new Error("could not set the editor's code");
}

export async function runAndWait(page, { timeout = 20000 } = {}) {
  await page.getByRole("button", { name: /^Run/ }).click();
  await waitIdle(page, timeout);
}

/** Wait until the status line says the run is over. */
export async function waitIdle(page, timeout = 20000) {
  await page.waitForFunction(() => {
    const s = document.querySelector(".run-status")?.textContent ?? "";
    return /^(Finished|Exited|Error|Stopped|Python crashed)/.test(s);
  }, null, { timeout });
}

export async function outputText(page) {
  return page.getByRole("log", { name: "Output" }).innerText();
}
