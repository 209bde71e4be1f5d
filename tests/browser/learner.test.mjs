// The learner's app in the real built dist/: reading, running, quizzes, progress, share, embed,
// themes, offline — at desktop size, and again at phone size (390×844, touch where the engine
// emulates it). Screenshots go to tests/browser/screenshots/<engine>/ (git-ignored).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { serveDist, launchBrowser, openPage, setCode, editorText, runAndWait, waitIdle, outputText, statusText, pause, ENGINE, escape, heading, button, readyRun } from "./support.mjs";

const SHOTS = new URL(`./screenshots/${ENGINE}/`, import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The answers, read from the lesson source the app was built from. */
function firstLesson() {
  const text = readFileSync(new URL("../../lessons/01-cpython-execution.md", import.meta.url), "utf8");
  const slug = text.match(/^slug: (.+)$/m)[1];
  const title = text.match(/^title: (.+)$/m)[1];
  const quiz = text.match(/```quiz\n([\s\S]*?)```/)[1];
  const choices = quiz.split("\n").filter((l) => /^[*-] /.test(l));
  const correct = choices.findIndex((l) => l.startsWith("* "));
  const predict = text.match(/```python predict\n[\s\S]*?```\n\n```output\n([\s\S]*?)```/);
  const exercise = text.match(/```python solution\n([\s\S]*?)```/)[1];
  const firstRun = text.match(/```python run[^\n]*\n([\s\S]*?)```/)[1];
  return { slug, title, choices, correct, predictOutput: predict[1], solution: exercise, firstRun };
}
const lesson = firstLesson();
const FIRST_SNIPPET = ".snippet";

const DESKTOP = { name: "desktop", width: 1280, height: 800, touch: false };
const PHONE = { name: "phone", width: 390, height: 844, touch: true };

/** At phone width nothing may scroll the page sideways: code scrolls inside its own box. */
async function assertNoSideways(page, where) {
  // Against the phone's width, not innerWidth: a mobile browser widens its layout viewport to
  // fit content that is too wide, and innerWidth grows with it.
  const scrollWidth = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(scrollWidth <= PHONE.width, `${where}: the page scrolls sideways (${scrollWidth} > ${PHONE.width} px)`);
}

for (const size of [DESKTOP, PHONE]) {
  const phone = size === PHONE;
  const open = async (path) => {
    const page = await openPage(browser, server.base + path, { viewport: size });
    return page;
  };
  const checkWidth = (page, where) => (phone ? assertNoSideways(page, where) : Promise.resolve());

  describe(`${ENGINE}, ${size.name} ${size.width}×${size.height}`, () => {
    test("home page lists the course and search filters it", async () => {
      const page = await open("");
      await page.waitForElement(heading("Dunder"));
      const cards = await page.count(".lesson-card");
      assert.ok(cards >= 10, "the course has its lessons");
      await checkWidth(page, "home");
      await page.fill({ css: "input[type=search]" }, "descriptor");
      const visible = await page.evaluate(() => [...document.querySelectorAll(".lesson-card")].filter((e) => e.style.display !== "none").length);
      assert.ok(visible >= 1 && visible < cards, `search shows ${visible}`);
      assert.deepEqual(await page.problems(), []);
      await page.close();
    });

    test("a lesson: read, edit and run a snippet, keep the edit over reload, reset it", async () => {
      const page = await open(`lesson/${lesson.slug}`);
      await page.waitForElement(heading(lesson.title));
      await page.waitFor((t) => document.title === t, [`${lesson.title} — Dunder`], { timeout: 5000, what: "the lesson's page title" });
      await checkWidth(page, "lesson");
      await setCode(page, 'print("edited", 6 * 7)', FIRST_SNIPPET);
      await runAndWait(page, { within: FIRST_SNIPPET });
      assert.equal(await outputText(page, FIRST_SNIPPET), "edited 42\n");
      await page.reload();
      await page.waitForElement(".snippet .cm-line");
      assert.equal(await editorText(page, FIRST_SNIPPET), 'print("edited", 6 * 7)');
      await page.click(button("Reset", FIRST_SNIPPET));
      // (The editor takes the new text on its next update, not inside the click.)
      await page.waitFor((expected) => [...document.querySelector(".snippet").querySelectorAll(".cm-line")].map((l) => l.textContent).join("\n") === expected,
        [lesson.firstRun], { timeout: 5000, what: "the snippet's own code back after Reset" });
      await checkWidth(page, "lesson after a run");
      assert.deepEqual(await page.problems(), []);
      await page.close();
    });

    test("in-app navigation: home → lesson → next lesson, then Stop and Run again", async () => {
      const page = await open("");
      await page.waitForElement(heading("Dunder"));
      await page.click({ css: ".lesson-card h2 a", text: new RegExp(escape(lesson.title)) });
      await page.waitForElement(heading(lesson.title));
      assert.ok((await page.url()).endsWith(`lesson/${lesson.slug}/`), await page.url());
      await page.click('a[rel="next"]');
      // The new lesson's own editor, not the old one on its way out.
      await page.waitFor((slug, title) => !location.pathname.endsWith(`/${slug}/`) && document.querySelector("h1")?.textContent !== title
        && !!document.querySelector(".snippet .cm-content"), [lesson.slug, lesson.title]);
      await setCode(page, "while True: pass", FIRST_SNIPPET);
      await page.click(button(/^Run/, FIRST_SNIPPET));
      await page.click(button("Stop", FIRST_SNIPPET));
      await waitIdle(page, { within: FIRST_SNIPPET, status: /^Stopped/ });
      await setCode(page, 'print("after stop")', FIRST_SNIPPET);
      await runAndWait(page, { within: FIRST_SNIPPET });
      assert.equal(await outputText(page, FIRST_SNIPPET), "after stop\n");
      await checkWidth(page, "second lesson");
      // Back to the home page with the browser's Back button, twice.
      await page.evaluate(() => history.back());
      await page.waitForElement(heading(lesson.title));
      await page.evaluate(() => history.back());
      await page.waitForElement(heading("Dunder"));
      assert.deepEqual(await page.problems(), []);
      await page.close();
    });

    test("a deep link to a section survives reload", async () => {
      const page = await open(`lesson/${lesson.slug}#dis`);
      const atTop = () => Math.abs(document.getElementById("dis")?.getBoundingClientRect().top ?? 999) < 50;
      await page.waitFor(atTop);
      await page.reload();
      await page.waitFor(atTop);
      await page.close();
    });

    test("multiple choice: a wrong answer, then the right one, each explained", async () => {
      const page = await open(`lesson/${lesson.slug}`);
      const quiz = ".quiz.choice";
      const wrong = lesson.correct === 0 ? 1 : 0;
      await page.click({ css: ".option", within: quiz, nth: wrong });
      await page.waitForElement({ css: ".verdict", text: /^Not quite\.$/, within: quiz });
      await page.click({ css: ".option", within: quiz, nth: lesson.correct });
      await page.waitForElement({ css: ".verdict", text: /^Correct\.$/, within: quiz });
      assert.ok((await page.text({ css: ".feedback", within: quiz })).length > 20, "the choice is explained");
      await page.close();
    });

    test("predict the output: type it, run it, compare", async () => {
      const page = await open(`lesson/${lesson.slug}`);
      const question = ".quiz.predict";
      await page.fill({ css: "textarea", label: /Your prediction/, within: question }, lesson.predictOutput);
      await page.click(button("Run and compare", question));
      await page.waitForElement({ css: ".verdict", text: /You predicted it exactly\./, within: question }, { timeout: 30000 });
      await page.close();
    });

    test("a coding exercise passes its hidden checks", async () => {
      const page = await open(`lesson/${lesson.slug}`);
      const task = ".quiz.exercise";
      await setCode(page, lesson.solution, task);
      await page.click(button("Run checks", task));
      const results = { css: 'ul[aria-label="Check results"], ol[aria-label="Check results"]', within: task };
      await page.waitForElement(results, { timeout: 30000 });
      const items = await page.texts({ css: "li", within: results });
      assert.ok(items.length > 0 && items.every((t) => t.trim().startsWith("✓")), items.join("\n"));
      await page.close();
    });

    test("progress exports to a file and imports back on a fresh browser", async () => {
      const first = await open(`lesson/${lesson.slug}`);
      await first.click({ css: ".option", within: ".quiz.choice", nth: lesson.correct });
      await first.goto(server.base);
      await first.waitForElement(".lesson-card");
      // The file the app hands the browser: its name and its bytes (a download dialog is each
      // engine's own business, and headless WebKit has none).
      await first.evaluate(() => {
        window.__files = [];
        const blobs = new Map();
        const createObjectURL = URL.createObjectURL;
        URL.createObjectURL = (blob) => { const url = createObjectURL(blob); blobs.set(url, blob); return url; };
        HTMLAnchorElement.prototype.click = function () {
          const blob = blobs.get(this.href);
          if (this.download && blob) blob.text().then((text) => window.__files.push({ name: this.download, text }));
        };
      });
      await first.click(button("Export progress"));
      const [file] = await first.waitFor(() => window.__files.length && window.__files);
      assert.equal(file.name, "dunder-progress.json");
      const exported = JSON.parse(file.text);
      assert.equal(exported.version, 2);
      assert.equal(Object.values(exported.attempts).flat().filter((a) => a.outcome === "right").length, 1);
      await first.close();

      const second = await open("");
      await second.waitForElement(".lesson-card .progress");
      assert.match(await second.text(".lesson-card .progress"), /^ ?0\//);
      await second.chooseFile('input[type="file"]', "dunder-progress.json", file.text);
      await second.waitFor(() => document.querySelector(".lesson-card .progress")?.textContent.includes(" 1/"));
      await second.close();
    });

    test("a share link opens the code in the playground without running it", async () => {
      const page = await open("play");
      await page.waitForElement(readyRun(), { timeout: 60000 });
      await setCode(page, 'print("shared!")');
      await page.click(button("Share"));
      const link = await page.value({ css: "input", label: /Link to this code/ });
      assert.ok(link.includes("/play/#code="), link);
      const other = await open("");
      await other.goto(link);
      await other.waitForElement(".cm-line");
      assert.equal(await editorText(other), 'print("shared!")');
      await pause(1500);
      assert.equal(await outputText(other), "", "nothing ran by itself");
      await runAndWait(other);
      assert.equal(await outputText(other), "shared!\n");
      await checkWidth(other, "play");
      await page.close();
      await other.close();
    });

    test("the embed page renders one snippet inside an iframe", async () => {
      const blog = server.page(`/blog-${size.name}/`, `<!doctype html><meta name="viewport" content="width=device-width"><h1>My blog</h1>` +
        `<iframe id="e" title="Python" style="width:100%;max-width:600px;height:300px;border:0" src="${server.base}embed#lesson=${lesson.slug}&snippet=1&theme=dark"></iframe>`);
      const page = await open("");
      await page.goto(blog);
      const frame = { css: "main", frame: "#e" };
      await page.waitForElement({ css: "button", text: /^Run$/, within: frame }, { timeout: 60000 });
      assert.equal((await page.texts({ css: ".cm-line", within: frame })).join("\n"), lesson.firstRun);
      assert.equal(await page.evaluate(() => document.getElementById("e").contentDocument.querySelectorAll(".site-header").length), 0, "no site chrome");
      await page.click({ css: "button", text: /^Run$/, within: frame });
      await waitIdle(page, { within: frame, status: /^Finished/ });
      await page.screenshot(SHOTS + `embed-${size.name}.png`);
      await page.close();
    });

    test("dark mode toggles, shows its state, and is remembered", async () => {
      const page = await open("");
      const toggle = { css: "button.theme-toggle" };
      await page.waitForElement(toggle);
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const look = () => page.evaluate(() => {
        const b = document.querySelector("button.theme-toggle");
        const knob = getComputedStyle(b, "::before");
        return [b.innerText.trim(), getComputedStyle(b).backgroundColor, knob.backgroundColor, knob.backgroundImage].join("|");
      });
      // Start from light whatever the system says, so both directions are seen.
      await page.setTheme("light");
      await page.waitForElement(toggle);
      const lightLook = await look();
      await page.click(toggle);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
      assert.equal(await page.evaluate(() => document.querySelector("button.theme-toggle").getAttribute("aria-pressed")), "true");
      assert.equal(await background(), "rgb(21, 23, 28)");
      assert.notEqual(await look(), lightLook, "the button itself shows the state, not only aria-pressed");
      await page.reload();
      await page.waitForElement(toggle);
      assert.equal(await background(), "rgb(21, 23, 28)");
      await page.click(toggle);
      assert.equal(await background(), "rgb(251, 250, 247)");
      if (phone) {
        const height = await page.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().height);
        const line = await page.evaluate(() => { const b = document.querySelector("button.theme-toggle"); return b.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(b).lineHeight) + 16; });
        assert.ok(line, "the theme toggle stays on one line");
        assert.ok(height < 80, `the header is one row (${height} px)`);
      }
      await page.close();
    });

    test("after one visit the app works offline", async () => {
      const page = await open("");
      await page.waitForElement(".lesson-card");
      // The service worker registers once Python is up, precaches the build, then claims the page.
      await page.waitFor(() => navigator.serviceWorker.controller !== null, [],
        { timeout: 90000, what: "the service worker to control the page" });
      server.offline(true);
      try {
        await page.goto(server.base + `lesson/${lesson.slug}`);
        await page.waitForElement(heading(lesson.title));
        await setCode(page, "print('offline', 1 + 1)", FIRST_SNIPPET);
        await runAndWait(page, { within: FIRST_SNIPPET, timeout: 60000 });
        assert.equal(await outputText(page, FIRST_SNIPPET), "offline 2\n");
      } finally {
        server.offline(false);
      }
      await page.close();
    });

    test("screenshots of home, a lesson and play, light and dark; each fits the width", async () => {
      const page = await open("");
      for (const theme of ["light", "dark"]) {
        await page.setTheme(theme);
        for (const [name, path, ready] of [["home", "", ".lesson-card"], ["lesson", `lesson/${lesson.slug}/`, ".snippet .cm-content"], ["play", "play/", ".cm-content"]]) {
          await page.goto(server.base + path);
          await page.waitForElement(ready, { timeout: 60000 });
          if (name === "play") await page.waitForElement(readyRun(), { timeout: 60000 });
          await checkWidth(page, `${name}, ${theme}`);
          if (name === "lesson") {
            // The title is on the first screen, not below the list of sections.
            const top = await page.evaluate(() => document.querySelector("h1").getBoundingClientRect().top);
            assert.ok(top < size.height / 2, `the lesson's title starts at ${top} px`);
          }
          await page.screenshot(SHOTS + `${name}-${size.name}-${theme}.png`);
        }
      }
      await page.close();
    });

    if (phone) {
      test("phone: no lesson scrolls sideways (long code and identifiers stay inside the screen)", async () => {
        const page = await open("");
        for (const file of readdirSync(new URL("../../lessons/", import.meta.url)).filter((f) => /^\d\d-.*\.md$/.test(f))) {
          const slug = readFileSync(new URL(`../../lessons/${file}`, import.meta.url), "utf8").match(/^slug: (.+)$/m)[1];
          await page.goto(server.base + `lesson/${slug}/`);
          await page.waitForElement(".snippet .cm-content");
          await assertNoSideways(page, `lesson ${slug}`);
        }
        await page.close();
      });

      test("phone: code scrolls inside its editor, the editor fits its code, the traceback comes into view", async () => {
        const page = await open("play/");
        await page.waitForElement(readyRun(), { timeout: 60000 });
        await setCode(page, `long = "${"a".repeat(200)}"\nprint(len(long) / 0)\n`);
        await assertNoSideways(page, "play with a 200-character line");
        const [scrollWidth, clientWidth, editorHeight] = await page.evaluate(() => {
          const scroller = document.querySelector(".cm-scroller");
          return [scroller.scrollWidth, scroller.clientWidth, document.querySelector(".cm-editor").getBoundingClientRect().height];
        });
        assert.ok(scrollWidth > clientWidth, `the long line scrolls inside the editor (${scrollWidth} > ${clientWidth})`);
        assert.ok(editorHeight < 200, `two lines of code get a small editor (${editorHeight} px)`);
        await page.evaluate(() => scrollTo(0, 0));
        await runAndWait(page);
        assert.match(await outputText(page), /ZeroDivisionError/);
        await page.waitFor(() => {
          const r = document.querySelector(".run-status").getBoundingClientRect();
          // (A scroll offset is whole pixels; the layout need not be: allow the fraction.)
          return r.top >= 0 && r.bottom <= innerHeight + 1;
        }, [], { timeout: 3000, what: "the run's status line scrolled into view" });
        await page.screenshot(SHOTS + "play-phone-after-run.png");
        await page.close();
      });

      test("phone: the Embed code wraps inside the screen", async () => {
        const page = await open(`lesson/${lesson.slug}/`);
        await page.waitForElement(".snippet .cm-content");
        await page.click(button("Embed", FIRST_SNIPPET));
        await page.waitForElement({ css: "textarea", within: FIRST_SNIPPET });
        const right = await page.evaluate(() => document.querySelector(".snippet .share-box textarea").getBoundingClientRect().right);
        assert.ok(right <= size.width, `the embed code box ends at ${right} px`);
        await assertNoSideways(page, "lesson with the embed code shown");
        await page.screenshot(SHOTS + "lesson-phone-embed-code.png");
        await page.close();
      });
    }

    test("a corrupted saved state is reported and reset, not a blank page", async () => {
      const page = await open("");
      await page.waitForElement(".lesson-card");
      await page.evaluate(() => localStorage.setItem("dunder.progress", "{not json"));
      await page.reload();
      await page.waitForElement({ css: '[role="alert"]', text: /could not be read/ });
      assert.ok(await page.count(".lesson-card") > 0, "the page still works");
      assert.equal(await page.evaluate(() => localStorage.getItem("dunder.progress")), null);
      // Nothing is lost: what could not be read is kept aside.
      assert.equal(await page.evaluate(() => localStorage.getItem("dunder.progress.backup")), "{not json");
      await page.close();
    });
  });
}
