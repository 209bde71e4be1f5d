// WebKitGTK's MiniBrowser through WebKitWebDriver and selenium-webdriver. It needs a display:
// run under `xvfb-run -a`. Every page is its own WebDriver session (MiniBrowser's automation
// sessions keep no data), so each page starts with a fresh profile.
import { Builder, By, Key } from "selenium-webdriver";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForDriver(url, child) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${child.exitCode}`);
    try { if ((await fetch(url + "/status")).ok) return; } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("WebKitWebDriver did not start");
}

export async function launch() {
  if (!process.env.DISPLAY) throw new Error("WebKit needs a display: run the suite under xvfb-run -a");
  // MiniBrowser's toolbar keeps its window at least 447 px wide; a GTK style sheet that shrinks
  // the browser's own widgets lets the page be phone-sized (390 px). Page content is not affected.
  const config = await mkdtemp(join(tmpdir(), "dunder-webkit-"));
  await mkdir(join(config, "gtk-3.0"));
  await writeFile(join(config, "gtk-3.0", "gtk.css"),
    "* { font-size: 1px; min-width: 0; min-height: 0; padding: 0; margin: 0; -gtk-icon-transform: scale(0.1); }\n");
  const open = new Set();
  let version = "WebKitGTK";
  return {
    engine: "webkit",
    get version() { return version; },
    /** WebKitWebDriver serves one session at a time ("Maximum number of active sessions"), and
     *  tests open two pages at once (a share link's sender and receiver): one driver per page. */
    async newPage() {
      // Under CI load a MiniBrowser session sometimes never comes up, and the wait for it
      // hung a whole suite file (seen once in the phone learner suite): give each try a
      // minute, kill what it started, and try again, three times in all.
      for (let attempt = 1; ; attempt++) {
        const started = {};
        try {
          return await withTimeout(this.startPage(started), 60000, "no WebKit session within 60 s");
        } catch (error) {
          started.driver?.quit().catch(() => {});
          started.child?.kill();
          if (attempt === 3) throw error;
        }
      }
    },
    async startPage(started) {
      const port = await freePort();
      // (selenium's ServiceBuilder did not manage this driver here; start it by hand.)
      const child = spawn(DRIVER, [`--port=${port}`], { stdio: "ignore", env: { ...process.env, XDG_CONFIG_HOME: config } });
      started.child = child;
      const server = `http://127.0.0.1:${port}`;
      await waitForDriver(server, child);
      const driver = await new Builder().usingServer(server).withCapabilities({
        browserName: "MiniBrowser",
        pageLoadStrategy: "none",
        "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
      }).build();
      started.driver = driver;
      const session = { driver, child };
      open.add(session);
      const caps = await driver.getCapabilities();
      version = `${caps.get("browserName")} ${caps.get("browserVersion")}`;
      const backend = pageBackend(driver, () => { open.delete(session); child.kill(); });
      await backend.setViewport(1280, 800, false);
      return backend;
    },
    async close() {
      for (const { driver, child } of open) {
        await driver.quit().catch(() => {});
        child.kill();
      }
    },
  };
}

/** `promise`, or an Error(`message`) if it has not settled within `ms`. */
function withTimeout(promise, ms, message) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const KEYS = { Tab: Key.TAB, Enter: Key.ENTER, Escape: Key.ESCAPE, " ": Key.SPACE, ArrowDown: Key.ARROW_DOWN,
  ArrowUp: Key.ARROW_UP, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT, Backspace: Key.BACK_SPACE };

function pageBackend(driver, forget) {
  // No console access here: after each navigation, hook console.error and error events in the
  // page and read them back (what happens before the hook goes unseen).
  const hook = () => driver.executeScript(`
    if (!window.__problems) {
      window.__problems = [];
      const original = console.error.bind(console);
      console.error = (...a) => { window.__problems.push(a.map(String).join(" ")); original(...a); };
      addEventListener("error", (e) => window.__problems.push(String(e.message)));
      addEventListener("unhandledrejection", (e) => window.__problems.push(String(e.reason)));
    }`);
  const seen = [];
  const collect = async () => {
    try { seen.push(...((await driver.executeScript("const p = window.__problems || []; window.__problems = []; return p;")) ?? [])); } catch {}
  };
  return {
    engine: "webkit",
    // A script the driver never answers becomes an error (which waitFor retries until its own
    // deadline), not a hang that outlasts the suite's time limit.
    // CI once saw WebKitWebDriver answer "Could not parse script result" for a script that
    // returns nothing (setCode's); the page was fine. Our scripts can be run twice, so one such
    // answer is retried.
    async exec(expr) {
      const run = () => withTimeout(driver.executeScript(`return ${expr};`), 60000, "WebKit did not answer a script within 60 s");
      try { return await run(); } catch (error) {
        if (!/Could not parse script result/.test(error.message)) throw error;
        return run();
      }
    },
    /** Evaluate in the document of the <iframe> `css` matches (any origin). */
    async execInFrame(css, expr) {
      await driver.switchTo().frame(await driver.findElement(By.css(css)));
      try { return await driver.executeScript(`return ${expr};`); } finally { await driver.switchTo().defaultContent(); }
    },
    async goto(url) { await collect(); await driver.get(url); },
    async reload() { await collect(); await driver.navigate().refresh(); },
    afterNavigation: hook,
    url: () => driver.getCurrentUrl(),
    clickCss: async (css) => (await driver.findElement(By.css(css))).click(),
    // No touch emulation in WebKitGTK's driver (setViewport says so): a tap is a click.
    tapCss: async (css) => (await driver.findElement(By.css(css))).click(),
    async key(name, { shift, ctrl }) {
      const key = KEYS[name] ?? name;
      let chain = driver.actions();
      if (ctrl) chain = chain.keyDown(Key.CONTROL);
      if (shift) chain = chain.keyDown(Key.SHIFT);
      chain = chain.sendKeys(key);
      if (shift) chain = chain.keyUp(Key.SHIFT);
      if (ctrl) chain = chain.keyUp(Key.CONTROL);
      await chain.perform();
    },
    typeText: (text) => driver.actions().sendKeys(text).perform(),
    async screenshot(path) { await writeFile(path, Buffer.from(await driver.takeScreenshot(), "base64")); },
    /** The window is larger than its page (MiniBrowser's toolbar): size it, measure, correct. */
    async setViewport(width, height) {
      let [w, h] = [width, height];
      for (let i = 0; i < 4; i++) {
        await driver.manage().window().setRect({ width: w, height: h });
        const [iw, ih] = await driver.executeScript("return [innerWidth, innerHeight]");
        if (iw === width && ih === height) break;
        // Mid-resize the page can report 0 (or odd sizes): the driver rejects a rect that is not
        // a positive integer, so measure again instead of correcting by nonsense.
        if (!(iw > 0 && ih > 0)) { await new Promise((r) => setTimeout(r, 100)); continue; }
        w = Math.max(width, Math.round(w + width - iw));
        h = Math.max(height, Math.round(h + height - ih));
      }
      // No touch emulation in WebKitGTK's driver: clicks stay mouse clicks.
      return false;
    },
    async problems() { await collect(); return [...seen]; },
    async close() { await driver.quit().catch(() => {}); forget(); },
  };
}
