// Embeds on a blogger's page: a host on a *different origin* than Dunder (another port) loads
// public/embed.js, which turns its <pre data-dunder> blocks into iframes of the Dunder embed
// page; a hand-written iframe sits beside them. Checked: the upgrade (the <pre> stays until its
// frame is ready), runs in any order with stdin and expected output, the host's DOM, storage
// and cookies untouched and unreachable from the frames, the theme following the host, the
// frames resizing to their content, and nothing booting (no Python worker fetched) before a
// snippet is near the viewport or Run is pressed. Screenshots at desktop and phone size, light
// and dark, go to tests/browser/screenshots/<engine>/embed-*.png.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { serveDist, serveHost, launchBrowser, openPage, waitIdle, outputText, setCode, pause, ENGINE, button } from "./support.mjs";

const SHOTS = new URL(`./screenshots/${ENGINE}/`, import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const lessonText = readFileSync(new URL("../../lessons/01-cpython-execution.md", import.meta.url), "utf8");
const SLUG = lessonText.match(/^slug: (.+)$/m)[1];
const FIRST_RUN = lessonText.match(/```python run[^\n]*\n([\s\S]*?)```/)[1];

let dunder, host, browser;
before(async () => { dunder = await serveDist(); host = await serveHost(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await host?.close(); await dunder?.close(); });

const DESKTOP = { name: "desktop", width: 1280, height: 800, touch: false };
const PHONE = { name: "phone", width: 390, height: 844, touch: true };

const HEAD = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>
  body { font: 17px/1.5 Georgia, serif; max-width: 720px; margin: 0 auto; padding: 1rem; background: #fff; color: #222; }
  :root[data-theme="dark"] body { background: #121212; color: #ddd; }
  pre { background: #f4f4f4; padding: 0.6rem; overflow-x: auto; }
  :root[data-theme="dark"] pre { background: #222; }
</style>`;

/** The post: three script-upgraded snippets and a hand-written iframe (the README's form). */
const post = () => `${HEAD}<title>Three Python surprises</title>
<article id="post">
<h1>Three Python surprises</h1>
<p>Integers are objects, and <code>sum</code> takes any iterable:</p>
<pre data-dunder data-title="Sum">print(sum(range(5)))</pre>
<p>Input comes from the snippet's stdin:</p>
<pre data-dunder data-title="Greeting" data-stdin="Ada" data-expected="hi Ada&#10;">name = input()
print("hi", name)</pre>
<p>Output is text, never markup; and there is no bridge to the page:</p>
<pre data-dunder data-title="Hostile">print("&lt;b id=pwned&gt;x&lt;/b&gt;")
import js</pre>
<p>And a snippet embedded by hand:</p>
<iframe id="handwritten" src="${dunder.base}embed/#lesson=${SLUG}&snippet=1" title="Runnable Python from Dunder" style="width:100%;height:360px;border:0"></iframe>
<p>The end.</p>
</article>
<script>
  localStorage.setItem("host.secret", "s3cret");
  sessionStorage.setItem("host.session", "1");
  document.cookie = "host=1; path=/";
  window.hostSnapshot = document.getElementById("post").outerHTML;
</script>
<script src="${dunder.base}embed.js" async></script>`;

const FRAME = (title) => `iframe[title="Runnable Python: ${title}"]`;
const HANDWRITTEN = "#handwritten";
const ALL_FRAMES = [FRAME("Sum"), FRAME("Greeting"), FRAME("Hostile"), HANDWRITTEN];

/** Wait until every <pre data-dunder> given is replaced by its (ready) frame. */
async function waitUpgraded(page, titles, timeout = 60000) {
  await page.waitFor((titles) => titles.every((t) => {
    const pre = document.querySelector(`pre[data-title="${t}"]`);
    const frame = document.querySelector(`iframe[title="Runnable Python: ${t}"]`);
    return pre?.dataset.dunderState === "upgraded" && pre.hidden && frame && getComputedStyle(frame).opacity === "1" && getComputedStyle(frame).position !== "absolute";
  }), [titles], { timeout, what: `snippets ${titles.join(", ")} upgraded` });
}

/** A frame's Run button pressed inside it (a DOM click: the host page is not scrolled). */
async function pressRun(frame) {
  await frame.waitFor((spec) => { const b = __maybe(spec); if (!b || b.disabled) return false; b.click(); return true; },
    [button("Run")], { timeout: 60000, what: "the frame's Run button" });
}

const workerFetches = (from) => dunder.requests.slice(from).filter((p) => p.endsWith("/worker_loader.js")).length;

for (const size of [DESKTOP, PHONE]) {
  describe(`${ENGINE}, ${size.name} ${size.width}×${size.height}: a post with script embeds`, () => {
    let page;
    before(async () => {
      page = await openPage(browser, "about:blank", { viewport: size });
      await page.goto(host.page(`/post-${size.name}/`, post()));
    });
    after(async () => { await page?.close(); });

    test("each <pre data-dunder> becomes a titled frame of the Dunder origin, showing its code", async () => {
      // Before embed.js has done anything the code is readable in the host's own <pre>.
      assert.match(await page.evaluate(() => document.querySelector('pre[data-title="Sum"]').textContent), /print\(sum\(range\(5\)\)\)/);
      await waitUpgraded(page, ["Sum", "Greeting", "Hostile"]);
      for (const [title, code] of [["Sum", "print(sum(range(5)))"], ["Greeting", 'name = input()\nprint("hi", name)']]) {
        const frame = page.frame(FRAME(title));
        await frame.waitForElement(".cm-line");
        assert.equal((await frame.texts(".cm-line")).join("\n"), code, `${title} shows the pre's code`);
        assert.equal(await frame.evaluate(() => location.origin), dunder.origin);
        assert.equal(await frame.evaluate(() => document.title), `${title} — Dunder`);
        assert.equal(await frame.count(".site-header"), 0, "no site chrome");
      }
      const hand = page.frame(HANDWRITTEN);
      await hand.waitForElement(".cm-line", { timeout: 60000 });
      // (Engines differ in whether an empty last line has text: compare without trailing newlines.)
      assert.equal((await hand.texts(".cm-line")).join("\n").replace(/\n+$/, ""), FIRST_RUN.replace(/\n+$/, ""));
      // The frames are cross-origin: the host cannot look in, the frames cannot look out.
      assert.deepEqual(await page.evaluate((sels) => sels.map((s) => document.querySelector(s).contentDocument), ALL_FRAMES), [null, null, null, null]);
      assert.equal(await page.frame(FRAME("Sum")).evaluate(() => { try { return parent.document.title; } catch (e) { return e.name; } }), "SecurityError");
      assert.equal(await page.frame(FRAME("Sum")).evaluate(() => { try { return String(parent.localStorage.length); } catch (e) { return e.name; } }), "SecurityError");
      assert.equal(await page.frame(FRAME("Sum")).evaluate(() => localStorage.getItem("host.secret")), null, "the frame's storage is its own");
    });

    test("snippets run in any order, with their stdin and expected output", async () => {
      const order = [
        [FRAME("Hostile"), /^Error on line 2/, "<b id=pwned>x</b>\n"],
        [FRAME("Greeting"), /^Finished/, "hi Ada\n"],
        [HANDWRITTEN, /^Finished/, null],
        [FRAME("Sum"), /^Finished/, "10\n"],
      ];
      for (const [css, status, printed] of order) {
        const frame = page.frame(css);
        await pressRun(frame);
        await waitIdle(frame, { status, timeout: 60000 });
        const out = await outputText(frame);
        if (printed) assert.ok(out.startsWith(printed), `${css} printed ${JSON.stringify(out)}`);
        else assert.ok(out.length > 0, `${css} printed something`);
      }
      const hostile = page.frame(FRAME("Hostile"));
      assert.match(await outputText(hostile), /ModuleNotFoundError: No module named 'js'/);
      assert.equal(await hostile.count("#pwned"), 0, "output is text, not markup");
      assert.match(await page.frame(FRAME("Greeting")).text(".embed-verdict"), /matches the expected output/);
      // A snippet whose output is not the expected one says so.
      const greeting = page.frame(FRAME("Greeting"));
      await setCode(greeting, 'print("bye")');
      await pressRun(greeting);
      await waitIdle(greeting, { status: /^Finished/ });
      assert.match(await greeting.text(".embed-verdict"), /differs from the expected output/);
    });

    test("the host's DOM, storage and cookies are untouched", async () => {
      const state = await page.evaluate(() => {
        // Without what embed.js itself does: its frames, the hidden <pre>s' marks, the frames'
        // heights and color-scheme.
        const normal = (post) => {
          post.querySelectorAll("iframe.dunder-embed").forEach((f) => f.remove());
          post.querySelectorAll("pre[data-dunder]").forEach((p) => { p.removeAttribute("hidden"); p.removeAttribute("style"); p.removeAttribute("data-dunder-state"); });
          post.querySelector("#handwritten").removeAttribute("style");
          return post.outerHTML;
        };
        const then = document.createElement("template");
        then.innerHTML = window.hostSnapshot;
        return {
          same: normal(document.getElementById("post").cloneNode(true)) === normal(then.content.firstElementChild),
          pwned: document.querySelectorAll("#pwned").length,
          local: Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`),
          session: Object.keys(sessionStorage),
          cookie: document.cookie,
        };
      });
      assert.ok(state.same, "the post's markup is as the host wrote it");
      assert.equal(state.pwned, 0);
      assert.deepEqual(state.local, ["host.secret=s3cret"]);
      assert.deepEqual(state.session, ["host.session"]);
      assert.equal(state.cookie, "host=1");
    });

    test("frames fit their content, and grow with their output", async () => {
      const fit = async (css) => {
        const styled = await page.evaluate((css) => parseFloat(document.querySelector(css).style.height), css);
        const content = await page.frame(css).evaluate(() => document.body.scrollHeight);
        return { styled, content };
      };
      const sum = page.frame(FRAME("Sum"));
      const before = await fit(FRAME("Sum"));
      assert.ok(Math.abs(before.styled - before.content - 2) <= 4, `Sum: ${JSON.stringify(before)}`);
      await setCode(sum, "for i in range(30):\n    print(i)");
      await pressRun(sum);
      await waitIdle(sum, { status: /^Finished/ });
      await page.waitFor((css, h) => parseFloat(document.querySelector(css).style.height) > h + 300, [FRAME("Sum"), before.styled],
        { what: "the Sum frame to grow" });
      const after = await fit(FRAME("Sum"));
      assert.ok(Math.abs(after.styled - after.content - 2) <= 4, `Sum after: ${JSON.stringify(after)}`);
      const hand = await fit(HANDWRITTEN);
      assert.ok(Math.abs(hand.styled - hand.content - 2) <= 4, `hand-written iframe resized too: ${JSON.stringify(hand)}`);
    });

    test("the theme follows the host: system preference, <html data-theme>, the script's and a <pre>'s data-theme", async () => {
      // One frame at a time (WebDriver steps into one frame at a time).
      const themes = async () => {
        const seen = [];
        for (const css of ALL_FRAMES.slice(0, 3)) seen.push(await page.frame(css).evaluate(() => document.documentElement.dataset.theme));
        return seen;
      };
      const system = await page.evaluate(() => (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
      assert.deepEqual(await themes(), [system, system, system]);
      for (const theme of ["dark", "light"]) {
        await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
        const end = Date.now() + 10000;
        let seen;
        while (Date.now() < end && (seen = await themes()).some((t) => t !== theme)) await pause(100);
        assert.deepEqual(seen, [theme, theme, theme], `frames follow <html data-theme="${theme}">`);
        const bg = await page.frame(FRAME("Sum")).evaluate(() => getComputedStyle(document.body).backgroundColor);
        const [r] = bg.match(/\d+/g).map(Number);
        assert.ok(theme === "dark" ? r < 60 : r > 200, `${theme} background is ${bg}`);
        await page.evaluate(() => window.scrollTo(0, 0));
        await pause(300);
        await page.screenshot(SHOTS + `embed-post-${size.name}-${theme}.png`);
      }
      // The script's data-theme wins over the page's, a <pre>'s over the script's.
      await page.evaluate(() => {
        document.querySelector('script[src$="embed.js"]').dataset.theme = "dark";
        document.querySelector('pre[data-title="Sum"]').dataset.theme = "light";
      });
      let seen;
      const end = Date.now() + 10000;
      while (Date.now() < end && JSON.stringify(seen = await themes()) !== JSON.stringify(["light", "dark", "dark"])) await pause(100);
      assert.deepEqual(seen, ["light", "dark", "dark"]);
      // The hand-written iframe names no theme of its own: it follows the script's.
      assert.equal(await page.frame(HANDWRITTEN).evaluate(() => document.documentElement.dataset.theme), "dark");
    });

    test("no console errors on the host or in the frames", async () => {
      assert.deepEqual(await page.problems(), []);
    });
  });

  describe(`${ENGINE}, ${size.name}: nothing boots until needed`, () => {
    // "Later" is within a screen of the viewport (its frame is made) but not near it (no Python
    // yet); "Far" is several screens down (not even its frame).
    const lazy = () => `${HEAD}<title>A long post</title>
<h1>A long post</h1><div style="height:${size.height + 500}px">…</div>
<pre data-dunder data-title="Later">print("later")</pre>
<div style="height:${4 * size.height}px">…</div>
<pre data-dunder data-title="Far">print("far")</pre><div style="height:${size.height}px"></div>
<script src="${dunder.base}embed.js" async></script>`;

    test("a frame made ahead of the reader starts no worker until Run, and the click is kept", async () => {
      const page = await openPage(browser, "about:blank", { viewport: size });
      const from = dunder.requests.length;
      await page.goto(host.page(`/lazy-run-${size.name}/`, lazy()));
      await waitUpgraded(page, ["Later"]);
      await pause(2000);
      assert.equal(workerFetches(from), 0, "no Python worker before the reader is near or presses Run");
      assert.equal(await page.evaluate(() => document.querySelectorAll("iframe").length), 1, "no frame for the far snippet");
      assert.equal(await page.evaluate(() => document.querySelector('pre[data-title="Far"]').hidden), false, "the far <pre> is still shown");
      const frame = page.frame(FRAME("Later"));
      assert.equal(await frame.textContent(".run-status"), "", "no 'Starting Python…' before anything is asked");
      // Run pressed while Python is not even downloaded: it starts, and the run is not lost.
      await pressRun(frame);
      await waitIdle(frame, { status: /^Finished/, timeout: 60000 });
      assert.equal(await outputText(frame), "later\n");
      assert.equal(workerFetches(from), 1, "one worker, started by Run");
      // Scrolling down makes the far snippet's frame.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await waitUpgraded(page, ["Far"]);
      await page.close();
    });

    test("scrolling a snippet near the viewport starts its worker without Run", async () => {
      const page = await openPage(browser, "about:blank", { viewport: size });
      const from = dunder.requests.length;
      await page.goto(host.page(`/lazy-scroll-${size.name}/`, lazy()));
      await waitUpgraded(page, ["Later"]);
      await pause(1000);
      assert.equal(workerFetches(from), 0);
      await page.evaluate(() => window.scrollBy(0, 400));
      const end = Date.now() + 20000;
      while (Date.now() < end && workerFetches(from) === 0) await pause(100);
      assert.equal(workerFetches(from), 1, "near the viewport: Python starts");
      const frame = page.frame(FRAME("Later"));
      await pressRun(frame);
      await waitIdle(frame, { status: /^Finished/, timeout: 60000 });
      assert.equal(await outputText(frame), "later\n");
      assert.equal(workerFetches(from), 1, "Run used the worker already started");
      await page.close();
    });
  });
}
