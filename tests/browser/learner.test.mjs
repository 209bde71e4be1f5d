// The learner's app in the real built dist/: reading, running, quizzes, progress, share, embed,
// themes, offline. Screenshots go to tests/browser/screenshots/ (git-ignored) for a human look.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { serveDist, launchBrowser, openPage } from "./support.mjs";

const SHOTS = new URL("./screenshots/", import.meta.url).pathname;
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

const outputOf = (locator) => locator.locator(".output").innerText();
/** The editor's text, line by line (innerText would double blank lines). */
const editorText = async (locator) => (await locator.locator(".cm-line").allTextContents()).join("\n");
async function waitFinished(locator) {
  await locator.locator(".run-status").filter({ hasText: /^(Finished|Error|Exited)/ }).waitFor({ timeout: 30000 });
}

test("home page lists the course and search filters it", async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  await page.getByRole("heading", { name: "Dunder", level: 1 }).waitFor();
  const cards = page.locator(".lesson-card");
  assert.ok(await cards.count() >= 10, "the course has its lessons");
  await page.screenshot({ path: SHOTS + "home.png", fullPage: false });
  await page.getByRole("searchbox").fill("descriptor");
  const visible = await cards.evaluateAll((els) => els.filter((e) => e.style.display !== "none").length);
  assert.ok(visible >= 1 && visible < await cards.count(), `search shows ${visible}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a lesson: read, edit and run a snippet, keep the edit over reload, reset it", async () => {
  const lesson = firstLesson();
  const { page, context, problems } = await openPage(browser, server.base + `lesson/${lesson.slug}`);
  await page.getByRole("heading", { name: lesson.title, level: 1 }).waitFor();
  assert.equal(await page.title(), `${lesson.title} — Dunder`);
  await page.screenshot({ path: SHOTS + "lesson-desktop.png" });
  const snippet = page.locator(".snippet").first();
  const editor = snippet.getByRole("textbox", { name: "Python code" });
  await editor.fill('print("edited", 6 * 7)');
  await snippet.getByRole("button", { name: /^Run/ }).click();
  await waitFinished(snippet);
  assert.equal(await outputOf(snippet), "edited 42\n");
  await page.reload();
  const again = page.locator(".snippet").first();
  await again.getByRole("textbox", { name: "Python code" }).waitFor();
  assert.equal(await editorText(again), 'print("edited", 6 * 7)');
  await again.getByRole("button", { name: "Reset" }).click();
  assert.equal(await editorText(again), lesson.firstRun);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: SHOTS + "lesson-phone.png" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("in-app navigation: home → lesson → next lesson, then Stop and Run again", async () => {
  const lesson = firstLesson();
  const { page, context, problems } = await openPage(browser, server.base);
  await page.getByRole("heading", { name: "Dunder", level: 1 }).waitFor();
  await page.getByRole("link", { name: lesson.title }).first().click();
  await page.getByRole("heading", { name: lesson.title, level: 1 }).waitFor();
  assert.ok(page.url().endsWith(`lesson/${lesson.slug}/`), page.url());
  await page.locator('a[rel="next"]').first().click();
  await page.waitForURL((url) => !url.pathname.endsWith(`/${lesson.slug}/`));
  const second = page.locator(".snippet").first();
  await second.waitFor();
  const editor = second.getByRole("textbox", { name: "Python code" });
  await editor.fill("while True: pass");
  await second.getByRole("button", { name: /^Run/ }).click();
  await second.getByRole("button", { name: /^Stop/ }).click();
  await second.locator(".run-status").filter({ hasText: /^Stopped/ }).waitFor({ timeout: 30000 });
  await editor.fill('print("after stop")');
  await second.getByRole("button", { name: /^Run/ }).click();
  await waitFinished(second);
  assert.equal(await outputOf(second), "after stop\n");
  // Back to the home page with the browser's Back button, twice.
  await page.goBack();
  await page.goBack();
  await page.getByRole("heading", { name: "Dunder", level: 1 }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("a deep link to a section survives reload", async () => {
  const lesson = firstLesson();
  const { page, context } = await openPage(browser, server.base + `lesson/${lesson.slug}#dis`);
  await page.locator("#dis").waitFor();
  await page.waitForFunction(() => Math.abs(document.getElementById("dis").getBoundingClientRect().top) < 50);
  await page.reload();
  await page.waitForFunction(() => Math.abs(document.getElementById("dis")?.getBoundingClientRect().top ?? 999) < 50);
  await context.close();
});

test("multiple choice: a wrong answer, then the right one, each explained", async () => {
  const lesson = firstLesson();
  const { page, context } = await openPage(browser, server.base + `lesson/${lesson.slug}`);
  const quiz = page.locator(".quiz.choice").first();
  const options = quiz.locator(".option");
  const wrong = lesson.correct === 0 ? 1 : 0;
  await options.nth(wrong).click();
  await quiz.locator(".verdict").filter({ hasText: "Not quite." }).waitFor();
  await options.nth(lesson.correct).click();
  await quiz.locator(".verdict").filter({ hasText: "Correct." }).waitFor();
  assert.ok((await quiz.locator(".feedback").innerText()).length > 20, "the choice is explained");
  await context.close();
});

test("predict the output: type it, run it, compare", async () => {
  const lesson = firstLesson();
  const { page, context } = await openPage(browser, server.base + `lesson/${lesson.slug}`);
  const question = page.locator(".quiz.predict").first();
  await question.getByLabel("Your prediction").fill(lesson.predictOutput);
  await question.getByRole("button", { name: "Run and compare" }).click();
  await question.locator(".verdict").filter({ hasText: "You predicted it exactly." }).waitFor({ timeout: 30000 });
  await context.close();
});

test("a coding exercise passes its hidden checks", async () => {
  const lesson = firstLesson();
  const { page, context } = await openPage(browser, server.base + `lesson/${lesson.slug}`);
  const task = page.locator(".quiz.exercise").first();
  await task.getByRole("textbox", { name: "Exercise code" }).fill(lesson.solution);
  await task.getByRole("button", { name: "Run checks" }).click();
  const results = task.getByRole("list", { name: "Check results" });
  await results.waitFor({ timeout: 30000 });
  const items = await results.locator("li").allInnerTexts();
  assert.ok(items.length > 0 && items.every((t) => t.startsWith("✓")), items.join("\n"));
  await context.close();
});

test("progress exports to a file and imports back on a fresh browser", async () => {
  const lesson = firstLesson();
  const first = await openPage(browser, server.base + `lesson/${lesson.slug}`);
  const quiz = first.page.locator(".quiz.choice").first();
  await quiz.locator(".option").nth(lesson.correct).click();
  await first.page.goto(server.base);
  const download = first.page.waitForEvent("download");
  await first.page.getByRole("button", { name: "Export progress" }).click();
  const file = "/tmp/dunder-progress-export.json";
  await (await download).saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(exported.version, 2);
  assert.equal(Object.values(exported.attempts).flat().filter((a) => a.outcome === "right").length, 1);
  await first.context.close();

  const second = await openPage(browser, server.base);
  await second.page.locator(".lesson-card").first().waitFor();
  assert.match(await second.page.locator(".lesson-card .progress").first().innerText(), /^ ?0\//);
  await second.page.locator('input[type="file"]').setInputFiles(file);
  await second.page.waitForFunction(() => document.querySelector(".lesson-card .progress")?.textContent.includes(" 1/"));
  await second.context.close();
});

test("a share link opens the code in the playground without running it", async () => {
  const { page, context } = await openPage(browser, server.base + "play");
  await page.getByRole("textbox", { name: "Python code" }).fill('print("shared!")');
  await page.getByRole("button", { name: "Share" }).click();
  const link = await page.getByLabel(/Link to this code/).inputValue();
  assert.ok(link.includes("/play/#code="), link);
  const other = await context.newPage();
  await other.goto(link);
  await other.getByRole("textbox", { name: "Python code" }).waitFor();
  assert.equal(await editorText(other), 'print("shared!")');
  await other.waitForTimeout(1500);
  assert.equal(await other.locator(".output").innerText(), "", "nothing ran by itself");
  await other.getByRole("button", { name: /^Run/ }).click();
  await other.locator(".run-status").filter({ hasText: /^Finished/ }).waitFor({ timeout: 30000 });
  assert.equal(await other.locator(".output").innerText(), "shared!\n");
  await context.close();
});

test("the embed page renders one snippet inside an iframe", async () => {
  const lesson = firstLesson();
  const { page, context } = await openPage(browser, server.base);
  await page.setContent(`<!doctype html><h1>My blog</h1><iframe id="e" title="Python" style="width:600px;height:300px" src="${server.base}embed#lesson=${lesson.slug}&snippet=1&theme=dark"></iframe>`);
  const frame = page.frameLocator("#e");
  await frame.getByRole("button", { name: "Run" }).waitFor({ timeout: 30000 });
  assert.equal(await editorText(frame), lesson.firstRun);
  assert.equal(await frame.locator(".site-header").count(), 0, "no site chrome");
  await frame.getByRole("button", { name: "Run" }).click();
  await frame.locator(".run-status").filter({ hasText: /^Finished/ }).waitFor({ timeout: 30000 });
  await page.screenshot({ path: SHOTS + "embed.png" });
  await context.close();
});

test("dark mode toggles and is remembered", async () => {
  const { page, context } = await openPage(browser, server.base);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.getByRole("button", { name: "Dark mode" }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.equal(await background(), "rgb(21, 23, 28)");
  await page.reload();
  await page.getByRole("button", { name: "Dark mode" }).waitFor();
  assert.equal(await background(), "rgb(21, 23, 28)");
  await page.getByRole("button", { name: "Dark mode" }).click();
  assert.equal(await background(), "rgb(251, 250, 247)");
  await context.close();
});

test("after one visit the app works offline", async () => {
  const lesson = firstLesson();
  const { page, context } = await openPage(browser, server.base);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 }).catch(() => page.reload());
  await context.setOffline(true);
  await page.goto(server.base + `lesson/${lesson.slug}`);
  await page.getByRole("heading", { name: lesson.title, level: 1 }).waitFor();
  const snippet = page.locator(".snippet").first();
  await snippet.getByRole("textbox", { name: "Python code" }).fill("print('offline', 1 + 1)");
  await snippet.getByRole("button", { name: /^Run/ }).click();
  await waitFinished(snippet);
  assert.equal(await outputOf(snippet), "offline 2\n");
  await context.close();
});

test("a corrupted saved state is reported and reset, not a blank page", async () => {
  const { page, context } = await openPage(browser, server.base);
  await page.evaluate(() => localStorage.setItem("dunder.progress", "{not json"));
  await page.reload();
  await page.getByRole("alert").filter({ hasText: "could not be read" }).waitFor();
  assert.ok(await page.locator(".lesson-card").count() > 0, "the page still works");
  assert.equal(await page.evaluate(() => localStorage.getItem("dunder.progress")), null);
  // Nothing is lost: what could not be read is kept aside.
  assert.equal(await page.evaluate(() => localStorage.getItem("dunder.progress.backup")), "{not json");
  await context.close();
});
