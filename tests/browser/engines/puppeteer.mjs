// Chromium (DevTools protocol) and Firefox ESR (WebDriver BiDi), both through puppeteer-core.
import puppeteer from "puppeteer-core";
import { writeFile } from "node:fs/promises";

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export async function launch(engine) {
  const browser = engine === "firefox"
    ? await puppeteer.launch({
      browser: "firefox", executablePath: process.env.FIREFOX ?? "/usr/bin/firefox-esr", headless: true,
      defaultViewport: null, args: ["--width=1280", "--height=800"],
    })
    : await puppeteer.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true,
      defaultViewport: null, args: [...CHROMIUM_ARGS, "--window-size=1280,800"],
    });
  return {
    engine,
    version: await browser.version(),
    /** A page in a fresh browser context (its own storage, caches and service workers). */
    async newPage() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const backend = pageBackend(engine, page, context);
      await backend.setViewport(1280, 800, false);
      return backend;
    },
    close: () => browser.close(),
  };
}

function pageBackend(engine, page, context) {
  const problems = [];
  page.on("console", (msg) => {
    // (A document without an icon of its own, such as an SVG file, makes the browser itself ask
    // for /favicon.ico: not the app's request.)
    if (msg.type() === "error" && !msg.location()?.url?.endsWith("/favicon.ico")) problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(String(err?.message ?? err)));
  // Chromium's key table names the space bar "Space"; WebDriver BiDi (Firefox) wants " ".
  const keyName = (k) => (k === " " && engine === "chromium" ? "Space" : k);
  return {
    engine,
    exec: (expr) => page.evaluate(expr),
    /** Evaluate in the document of the <iframe> `css` matches (any origin). */
    async execInFrame(css, expr) {
      const handle = await page.$(css);
      if (!handle) throw new Error(`no iframe matches ${css}`);
      const frame = await handle.contentFrame();
      await handle.dispose();
      if (!frame) throw new Error(`${css} has no frame yet`);
      return frame.evaluate(expr);
    },
    goto: (url) => page.goto(url, { waitUntil: "load" }),
    reload: () => page.reload({ waitUntil: "load" }),
    url: () => page.url(),
    clickCss: (css) => page.click(css),
    async tapCss(css) {
      const handle = await page.$(css);
      await handle.tap();
      await handle.dispose();
    },
    async key(name, { shift, ctrl }) {
      if (ctrl) await page.keyboard.down("Control");
      if (shift) await page.keyboard.down("Shift");
      await page.keyboard.press(keyName(name));
      if (shift) await page.keyboard.up("Shift");
      if (ctrl) await page.keyboard.up("Control");
    },
    typeText: (text) => page.keyboard.type(text),
    async screenshot(path) { await writeFile(path, await page.screenshot({ type: "png" })); },
    /** Returns whether taps are touch events. */
    async setViewport(width, height, touch) {
      if (engine === "firefox") {
        // Firefox 140 refuses page.setViewport() (no screen-orientation override); BiDi's own
        // call works. It has no touch emulation; taps still go in as touch pointer actions.
        await page.mainFrame().browsingContext.setViewport({ viewport: { width, height }, devicePixelRatio: 1 });
        return touch;
      }
      await page.setViewport({ width, height, deviceScaleFactor: 1, hasTouch: touch, isMobile: touch });
      return touch;
    },
    problems: async () => [...problems],
    close: () => context.close(),
  };
}
