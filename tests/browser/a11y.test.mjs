// Accessibility: axe-core finds no serious or critical WCAG 2.1 A/AA violation on the home page,
// a lesson, the playground, the embed and the practice pages (review, mock interview, progress,
// class), in both themes; and a keyboard-only reader gets from
// the home page to a lesson, runs a snippet, reads its output and answers a quiz question with
// Tab, Shift+Tab, Enter, Space and the editor's documented escape (Esc then Tab).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { serveDist, launchBrowser, openPage, waitIdle, outputText, ENGINE } from "./support.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const lessonSource = readFileSync(new URL("../../lessons/01-cpython-execution.md", import.meta.url), "utf8");
const SLUG = lessonSource.match(/^slug: (.+)$/m)[1];
const TITLE = lessonSource.match(/^title: (.+)$/m)[1];

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** axe's serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page) {
  await page.addScript(AXE);
  const found = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  }, TAGS);
  return found;
}

const PAGES = [
  ["home", "", ".lesson-card"],
  ["lesson", `lesson/${SLUG}/`, ".snippet .cm-content"],
  ["play", "play/", ".cm-content"],
  ["embed", `embed/#lesson=${SLUG}&snippet=1`, ".cm-content"],
  // The practice pages, as a new reader first sees them (no code to run on them).
  ["review", "review/", ".lead"],
  ["mock interview", "mock/", "fieldset"],
  ["progress", "progress/", ".lead"],
  ["class", "class/", ".lead"],
];
const RUNS_CODE = new Set(["lesson", "play", "embed"]);

for (const theme of ["light", "dark"]) {
  for (const [name, path, ready] of PAGES) {
    test(`axe: no serious or critical violations on ${name}, ${theme}`, async () => {
      const page = await openPage(browser, server.base);
      await page.evaluate((t) => localStorage.setItem("dunder.theme", t), theme);
      await page.goto(server.base + path);
      await page.waitForElement(ready, { timeout: 60000 });
      if (name === "embed") await page.goto(server.base + path + `&theme=${theme}`);
      await page.waitForElement(ready, { timeout: 60000 });
      // After a run too: output, stderr and the status line are part of the page.
      if (RUNS_CODE.has(name)) {
        await page.evaluate(() => {
          const content = document.querySelector(".cm-content");
          const view = content.cmTile?.root?.view ?? content.cmView?.view;
          view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: "print('out')\n1/0\n" } });
        });
        // (The first snippet's own Run and status: a lesson has many.)
        const within = name === "lesson" ? ".snippet" : undefined;
        await page.click({ css: "button", text: /^Run$/, within });
        await waitIdle(page, { timeout: 90000, within });
      }
      const violations = await seriousViolations(page);
      assert.deepEqual(violations, [], `${ENGINE} ${name} ${theme}:\n${violations.join("\n")}`);
      await page.close();
    });
  }
}

for (const theme of ["light", "dark"]) {
  test(`axe: no serious or critical violations in play's Inspect report, ${theme}`, async () => {
    const page = await openPage(browser, server.base);
    await page.evaluate((t) => localStorage.setItem("dunder.theme", t), theme);
    await page.goto(server.base + "play/");
    await page.waitForElement(".cm-content", { timeout: 60000 });
    await page.evaluate(() => {
      const content = document.querySelector(".cm-content");
      const view = content.cmTile?.root?.view ?? content.cmView?.view;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length,
        insert: "class A:\n    pass\nclass B(A):\n    pass\ntry:\n    1/0\nexcept ZeroDivisionError as e:\n    raise ValueError('v') from e\n" } });
    });
    await page.click({ css: "[role=tab]", text: /^Inspect$/ });
    await page.fill({ css: ".inspect-form input", label: /super\(\) chain of method/ }, "__init__");
    await page.click({ css: ".inspect-form button", text: /^Inspect$/ });
    await page.waitFor(() => Number(document.querySelector(".inspect-panel")?.dataset.ended ?? 0) > 0, [], { timeout: 60000, what: "the report" });
    await page.waitForElement("svg.inspect-graph");
    const violations = await seriousViolations(page);
    assert.deepEqual(violations, [], `${ENGINE} inspect ${theme}:\n${violations.join("\n")}`);
    await page.close();
  });
}

/** Press Tab until `test(focused)`; an editor on the way is left with its escape (Esc, Tab). */
async function tabTo(page, test, what, { limit = 400 } = {}) {
  for (let i = 0; i < limit; i++) {
    const before = await page.focused();
    if (before?.inEditor) await page.press("Escape");
    await page.press("Tab");
    const f = await page.focused();
    if (f && test(f)) return f;
    if (f && !f.inEditor && f.tag !== "body") {
      // Every stop on the way shows where focus is.
      assert.notEqual(f.outline, "none", `focus is visible on ${f.tag} "${f.text || f.label}"`);
    }
  }
  throw new Error(`${limit} presses of Tab never reached ${what}`);
}

test("keyboard only: home → lesson → run a snippet → read the output → answer a quiz question", async () => {
  const page = await openPage(browser, server.base);
  await page.waitForElement(".lesson-card");
  // The lesson's link on the home page, then Enter.
  await tabTo(page, (f) => f.tag === "a" && f.text.includes(TITLE), "the lesson's link");
  await page.press("Enter");
  await page.waitForElement({ css: "h1", text: new RegExp(TITLE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  // Into the first snippet's editor: Tab stops there (and would indent inside it).
  const editor = await tabTo(page, (f) => f.inEditor, "the first editor");
  assert.equal(editor.label, "Python code");
  assert.ok(await page.evaluate(() => !!document.activeElement.closest(".snippet")), "the first editor is a snippet's");
  // (CodeMirror marks itself focused on its next update, not inside the focus event.)
  await page.waitFor(() => getComputedStyle(document.activeElement.closest(".cm-editor")).outlineStyle !== "none", [],
    { timeout: 3000, what: "the focused editor to show a focus ring" });
  // The documented escape: Esc, then Tab moves on to the snippet's Run button.
  await page.press("Escape");
  await page.press("Tab");
  const run = await page.focused();
  assert.match(run.text, /^Run/, `after Esc, Tab: ${JSON.stringify(run)}`);
  await page.press("Enter");
  await waitIdle(page, { within: ".snippet", status: /^Finished/, timeout: 60000 });
  // The output is a focusable, labelled live region: Tab on from the toolbar reaches it.
  const output = await tabTo(page, (f) => f.label === "Output", "the output");
  assert.equal(output.tag, "pre");
  const printed = await outputText(page, ".snippet");
  assert.ok(printed.length > 0, "the snippet printed something");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-live")), "polite");
  // A multiple-choice question: Tab reaches its first option, Space picks it.
  await tabTo(page, (f) => f.tag === "input" && f.type === "radio", "a quiz option");
  await page.press(" ");
  const verdict = await page.waitForElement({ css: ".quiz.choice .verdict" });
  assert.match(verdict, /^(Correct\.|Not quite\.)$/);
  assert.equal(await page.evaluate(() => document.querySelector(".quiz.choice .feedback").getAttribute("role")), "status",
    "the feedback is announced");
  // Shift+Tab goes back the way it came (no trap).
  await page.press("Tab", { shift: true });
  const back = await page.focused();
  assert.notEqual(back.tag, "body");
  await page.close();
});
