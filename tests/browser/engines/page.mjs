// One page API over every engine. A backend (puppeteer.mjs for Chromium and Firefox, webkit.mjs
// for WebKitGTK) supplies a handful of raw operations; everything a test does is built here on
// top of them, mostly as small scripts run in the page, so the suites are written once.
//
// Elements are named by a "spec": a CSS selector, or { css, text, label, within, frame, nth }:
//   text   a RegExp (or string) the element's visible text, or its aria-label, must match
//   label  a RegExp the accessible name of a form control must match (aria-label or <label>)
//   within a spec for the container to search in; frame: a spec for an <iframe> (same origin)
//   nth    which match (0 = first, -1 = last)

/** Runs in the page before every script: resolves specs to elements. */
const IN_PAGE = String.raw`
const __re = (w) => w == null ? null : new RegExp(w.source, w.flags);
const __name = (e) => {
  if (e.getAttribute("aria-label")) return e.getAttribute("aria-label");
  const by = e.getAttribute("aria-labelledby");
  if (by) return by.split(/\s+/).map((id) => e.ownerDocument.getElementById(id)?.textContent ?? "").join(" ").trim();
  if (e.labels && e.labels.length) return [...e.labels].map((l) => l.textContent).join(" ").trim();
  return "";
};
function __all(spec, root) {
  root = root || document;
  if (typeof spec === "string") spec = { css: spec };
  if (spec.frame) root = __one(spec.frame, root).contentDocument;
  if (spec.within) root = __one(spec.within, root);
  let els = [...root.querySelectorAll(spec.css ?? "*")];
  const text = __re(spec.text), label = __re(spec.label);
  if (text) els = els.filter((e) => text.test((e.innerText ?? e.textContent ?? "").trim()) || text.test(e.getAttribute("aria-label") ?? ""));
  if (label) els = els.filter((e) => label.test(__name(e)));
  return els;
}
function __one(spec, root) {
  const els = __all(spec, root);
  const n = (typeof spec === "object" && spec.nth) || 0;
  const el = n < 0 ? els[els.length + n] : els[n];
  if (!el) throw new Error("no element matches " + JSON.stringify(spec));
  return el;
}
function __maybe(spec) { try { return __one(spec); } catch { return null; } }
`;

/** RegExps do not survive JSON: send them as { source, flags }. */
function wire(value) {
  if (value instanceof RegExp) return { source: value.source, flags: value.flags };
  if (typeof value === "string" || value == null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(wire);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wire(v)]));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let tagCounter = 0;

export class Page {
  /** @param backend { engine, exec(expr), clickCss(css), tapCss(css), key(name, modifiers),
   *   typeText(text), screenshot(path), setViewport(w, h, touch), goto(url), reload(),
   *   url(), problems(), close(), touch } */
  constructor(backend) {
    this.backend = backend;
    this.engine = backend.engine;
    this.touch = false;
  }

  /** Run `fn` (a function; it may use __one/__all/__maybe) in the page with JSON arguments. */
  async evaluate(fn, ...args) {
    const expr = `(async () => { ${IN_PAGE}; return (${fn.toString()}).apply(null, ${JSON.stringify(wire(args))}); })()`;
    return this.backend.exec(expr);
  }

  /** Run a whole script's source in the page (e.g. a library such as axe-core). */
  async addScript(source) { await this.backend.exec(`(() => { ${source}\n})()`); }

  /** Poll `fn` in the page until it returns something truthy; returns that. */
  async waitFor(fn, args = [], { timeout = 20000, what = fn.toString().slice(0, 120) } = {}) {
    const end = Date.now() + timeout;
    let lastError;
    for (;;) {
      try {
        const value = await this.evaluate(fn, ...args);
        if (value) return value;
      } catch (error) {
        // Navigations in flight destroy the script's context: try again.
        lastError = error;
      }
      if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ""}`);
      await sleep(50);
    }
  }

  async goto(url) {
    // A URL that differs only in its #fragment would not load a new document: leave first.
    const current = await this.backend.url();
    if (current !== "about:blank" && current.split("#")[0] === url.split("#")[0]) {
      await this.mark();
      await this.backend.goto("about:blank");
      await this.waitLoaded();
    }
    await this.mark();
    await this.backend.goto(url);
    await this.waitLoaded();
  }
  async reload() { await this.mark(); await this.backend.reload(); await this.waitLoaded(); }
  /** Tag the current document, so waitLoaded() knows the next one when it is there (WebDriver's
   *  "none" page-load strategy returns before navigating). */
  async mark() { await this.evaluate(() => { window.__drvOld = true; }).catch(() => {}); }
  async waitLoaded() {
    await this.waitFor(() => !window.__drvOld && document.readyState === "complete" && document.documentElement !== null, [],
      { what: "the page to load", timeout: 30000 });
    await this.backend.afterNavigation?.();
  }
  url() { return this.backend.url(); }
  title() { return this.evaluate(() => document.title); }

  /** Wait until `spec` matches an element; returns its visible text. */
  async waitForElement(spec, { timeout = 20000 } = {}) {
    return this.waitFor((s) => { const e = __maybe(s); return e && ((e.innerText ?? e.textContent) || " "); }, [spec],
      { timeout, what: JSON.stringify(wire(spec)) });
  }
  count(spec) { return this.evaluate((s) => __all(s).length, spec); }
  text(spec) { return this.evaluate((s) => __one(s).innerText, spec); }
  textContent(spec) { return this.evaluate((s) => __one(s).textContent, spec); }
  texts(spec) { return this.evaluate((s) => __all(s).map((e) => e.textContent), spec); }
  value(spec) { return this.evaluate((s) => __one(s).value, spec); }

  /** A real click (or tap on a touch viewport) on the element, once it exists and is enabled.
   *  Inside an iframe, a DOM click (the drivers' input goes to the top document). */
  async click(spec, { timeout = 20000 } = {}) {
    const tag = `t${++tagCounter}`;
    const where = await this.waitFor((s, tag) => {
      const e = __maybe(s);
      if (!e || e.disabled) return null;
      if (e.ownerDocument !== document) { e.click(); return "frame"; }
      e.setAttribute("data-drv", tag);
      e.scrollIntoView({ block: "center", inline: "nearest" });
      // Only once it stands still (two polls in the same place): the driver clicks at
      // coordinates, and a layout shift between measuring and clicking hits a neighbour.
      const r = e.getBoundingClientRect();
      const at = [r.x, r.y, r.width, r.height].map(Math.round).join(",");
      if (e.getAttribute("data-drv-at") !== at) { e.setAttribute("data-drv-at", at); return null; }
      e.removeAttribute("data-drv-at");
      return "top";
    }, [spec, tag], { timeout, what: `a clickable, still ${JSON.stringify(wire(spec))}` });
    if (where === "top") {
      const css = `[data-drv="${tag}"]`;
      await (this.touch ? this.backend.tapCss(css) : this.backend.clickCss(css));
      await this.evaluate((css) => document.querySelector(css)?.removeAttribute("data-drv"), css);
    }
  }

  /** Set an input's or textarea's value as typing would end (input + change events). */
  async fill(spec, value) {
    await this.waitForElement(spec);
    await this.evaluate((s, value) => {
      const e = __one(s);
      e.focus();
      const proto = e instanceof e.ownerDocument.defaultView.HTMLTextAreaElement
        ? e.ownerDocument.defaultView.HTMLTextAreaElement.prototype : e.ownerDocument.defaultView.HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, "value").set.call(e, value);
      e.dispatchEvent(new Event("input", { bubbles: true }));
      e.dispatchEvent(new Event("change", { bubbles: true }));
    }, spec, value);
  }

  /** Keyboard: a key name ("Tab", "Enter", "Escape", " ", "ArrowDown") with modifiers. */
  press(key, { shift = false, ctrl = false } = {}) { return this.backend.key(key, { shift, ctrl }); }
  type(text) { return this.backend.typeText(text); }

  /** Which element has focus, described for a test's message and its checks. */
  focused() {
    return this.evaluate(() => {
      let e = document.activeElement;
      while (e?.shadowRoot?.activeElement) e = e.shadowRoot.activeElement;
      if (!e) return null;
      const r = e.getBoundingClientRect();
      return { tag: e.tagName.toLowerCase(), text: (e.innerText ?? "").trim().slice(0, 80), label: e.getAttribute("aria-label") ?? "",
        classes: e.className?.toString() ?? "", outline: getComputedStyle(e).outlineStyle, visible: r.width > 0 && r.height > 0,
        inEditor: !!e.closest(".cm-editor"), type: e.getAttribute("type") ?? "" };
    });
  }

  /** Press Tab (or Shift+Tab) until `test(focused)` holds; at most `limit` presses. */
  async tabTo(test, { back = false, limit = 200, what = "the wanted element" } = {}) {
    for (let i = 0; i < limit; i++) {
      await this.press("Tab", { shift: back });
      const f = await this.focused();
      if (f && test(f)) return f;
    }
    throw new Error(`${limit} presses of ${back ? "Shift+" : ""}Tab never reached ${what}`);
  }

  screenshot(path) { return this.backend.screenshot(path); }

  /** Resize the viewport (CSS pixels); `touch` emulates a touch screen where the engine can. */
  async setViewport(width, height, { touch = false } = {}) {
    this.touch = await this.backend.setViewport(width, height, touch);
    // (about:blank has no viewport meta tag: a mobile viewport lays it out 980 px wide.)
    await this.waitFor((w, h) => location.href === "about:blank" || (innerWidth === w && Math.abs(innerHeight - h) <= 2), [width, height],
      { timeout: 5000, what: `a ${width}×${height} viewport` });
  }

  /** The theme the app shows: set the reader's choice (as the toggle does) and reload. */
  async setTheme(theme) {
    await this.evaluate((t) => localStorage.setItem("dunder.theme", t), theme);
    await this.reload();
  }

  /** Show a theme on the page as it is now, the way the app's toggle does (no reload, nothing
   *  saved): for screenshots of a state a reload would lose. */
  async showTheme(theme) {
    await this.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
  }

  /** What choosing a file in a file picker does: the <input type=file> gets it and says so. */
  async chooseFile(spec, name, text) {
    await this.waitForElement(spec);
    await this.evaluate((s, name, text) => {
      const input = __one(s);
      const files = new DataTransfer();
      files.items.add(new File([text], name, { type: "application/json" }));
      input.files = files.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }, spec, name, text);
  }

  /** Whether a checkbox or radio button is checked. */
  checked(spec) { return this.evaluate((s) => __one(s).checked, spec); }
  attribute(spec, name) { return this.evaluate((s, n) => __one(s).getAttribute(n), spec, name); }

  /** The same API inside the <iframe> that `css` matches, whatever its origin (the drivers
   *  step into the frame; `frame:` specs only reach same-origin frames). Clicks there are DOM
   *  clicks. */
  frame(css) {
    const outer = this.backend;
    const exec = (expr) => outer.execInFrame(css, expr);
    const domClick = (sel) => exec(`(() => { document.querySelector(${JSON.stringify(sel)}).click(); })()`);
    const inner = new Page({ engine: outer.engine, exec, clickCss: domClick, tapCss: domClick, problems: async () => [] });
    return inner;
  }

  /** Console errors and uncaught exceptions seen so far. */
  problems() { return this.backend.problems(); }
  close() { return this.backend.close(); }
}
