// Shared set-up for the browser tests: serve the release dist/ on 127.0.0.1 under a sub-path
// (proving the build works away from the site root) and drive system Chromium headlessly.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

export const SUB_PATH = "/dunder/";
const DIST = new URL("../../dist/", import.meta.url).pathname;
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};

/** A plain static server, like any static host: no rewrites, 404 for what is not there. */
export async function serveDist() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (!url.pathname.startsWith(SUB_PATH)) { res.writeHead(404).end(); return; }
    let path = normalize(join(DIST, decodeURIComponent(url.pathname.slice(SUB_PATH.length))));
    if (!path.startsWith(DIST)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(path)).isDirectory()) {
        // Like every static host: a directory URL without its slash is redirected.
        if (!url.pathname.endsWith("/")) {
          res.writeHead(301, { location: url.pathname + "/" + url.search }).end();
          return;
        }
        path = join(path, "index.html");
      }
      const body = await readFile(path);
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}${SUB_PATH}`;
  return { base, close: () => new Promise((resolve) => server.close(resolve)) };
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
