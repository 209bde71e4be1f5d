// The practice room in the real built dist/: attempt history (v2, migrated from v1), Review,
// a mock interview, the progress dashboard and class sets. Screenshots of each page at desktop
// and phone width, light and dark, go to tests/browser/screenshots/practice-*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { serveDist, launchBrowser, openPage } from "./support.mjs";

const SHOTS = new URL("./screenshots/", import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const LESSON = "cpython-execution";
const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("dunder.progress") ?? "null"));
const attemptCount = (state) => Object.values(state?.attempts ?? {}).reduce((n, list) => n + list.length, 0);

/** The first lesson's choice questions, with the index of each right option (from its source). */
function lessonChoices() {
  const text = readFileSync(new URL("../../lessons/01-cpython-execution.md", import.meta.url), "utf8");
  return [...text.matchAll(/```quiz\n([\s\S]*?)```/g)].map((m) => m[1].split("\n").filter((l) => /^[*-] /.test(l)).findIndex((l) => l.startsWith("* ")));
}

/** Four screenshots of what is on the page now: desktop and 390×844, light and dark. At phone
 *  width nothing may overflow sideways and the header must stay on one line. */
async function shoot(page, name) {
  for (const [width, height, size] of [[1280, 900, "desktop"], [390, 844, "phone"]]) {
    await page.setViewportSize({ width, height });
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(100);
      await page.screenshot({ path: `${SHOTS}practice-${name}-${size}-${scheme}.png`, fullPage: true });
    }
    if (size === "phone") {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name}: ${overflow}px wider than the phone`);
      const header = await page.locator(".site-header").evaluate((h) => h.getBoundingClientRect().height);
      assert.ok(header < 60, `${name}: the header wrapped (${header}px tall)`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
}

/** Answer whatever question the practice page shows, with the keyboard where it can.
 *  `pick` is the option number for multiple choice (1-based), `grade` 1–4 for a card. */
async function answerShown(page, { pick = 1, grade = 3, guess = "no idea" } = {}) {
  const item = page.locator(".practice-item");
  await item.waitFor();
  const kind = await item.evaluate((e) =>
    e.querySelector(".quiz.choice") ? "choice" : e.querySelector(".quiz.predict") ? "predict" : e.querySelector(".quiz.exercise") ? "exercise" : "card");
  if (kind === "choice") {
    await page.locator("body").press(String(pick));
    assert.ok(await item.locator(`input[data-key="${pick}"]`).isChecked(), "the number key picked the option");
    await page.keyboard.press("Enter");
  } else if (kind === "predict") {
    await item.locator("textarea").fill(guess);
    await item.locator("textarea").press("Control+Enter");
  } else if (kind === "exercise") {
    await item.getByRole("button", { name: /^(Submit|Run checks)/ }).click();
  } else {
    await page.locator("body").press(" ");
    await item.locator(".model-answer").waitFor();
    await page.keyboard.press(String(grade));
  }
  return kind;
}

test("v1 saved progress is migrated to v2 in the browser: the same counts after load", async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  await page.locator(".lesson-card").first().waitFor();
  const v1 = {
    version: 1,
    code: { [`${LESSON}/run-1`]: "print('my v1 edit')" },
    answers: { [`${LESSON}/quiz-1`]: true, [`${LESSON}/quiz-2`]: false, [`${LESSON}/predict-1`]: true, [`${LESSON}/exercise-1`]: false },
  };
  await page.evaluate((v) => localStorage.setItem("dunder.progress", JSON.stringify(v)), v1);
  await page.reload();
  await page.locator(".lesson-card").first().waitFor();
  // Two were answered right in v1: the lesson shows two done, as it did before.
  assert.match(await page.locator(".lesson-card .progress").first().innerText(), /^ ?2\//);
  const state = await saved(page);
  assert.equal(state.version, 2, "stored as v2 once migrated");
  assert.equal(state.code[`${LESSON}/run-1`], "print('my v1 edit')", "edited code kept");
  for (const [id, right] of Object.entries(v1.answers)) {
    assert.equal(state.attempts[id]?.length, 1, `${id}: one attempt`);
    assert.equal(state.attempts[id][0].outcome, right ? "right" : "wrong", `${id}: its result`);
    assert.equal(state.attempts[id][0].at ?? null, null, `${id}: marked as migrated (time unknown)`);
  }
  // The dashboard counts the same four.
  await page.goto(server.base + "progress/");
  await page.getByRole("heading", { name: "Your progress", level: 1 }).waitFor();
  assert.match(await page.locator(".lead").first().innerText(), /^4 of \d+ questions tried, 4 answers in all/);
  // Migrated attempts have no date, so they are due now: the header says so.
  assert.match(await page.locator(".site-header .due-badge").innerText(), /^4/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("reload keeps the attempt history", async () => {
  const right = lessonChoices()[0];
  const { page, context } = await openPage(browser, server.base + `lesson/${LESSON}/`);
  const quiz = page.locator(".quiz.choice").first();
  await quiz.locator(".option").nth(right === 0 ? 1 : 0).click();
  await quiz.locator(".verdict").filter({ hasText: "Not quite." }).waitFor();
  await quiz.locator(".option").nth(right).click();
  await quiz.locator(".verdict").filter({ hasText: "Correct." }).waitFor();
  const before = (await saved(page)).attempts[`${LESSON}/quiz-1`];
  assert.deepEqual(before.map((a) => a.outcome), ["wrong", "right"]);
  // (The source is left out of the JSON when it is the default, a lesson.)
  assert.ok(before.every((a) => typeof a.at === "number" && (a.source ?? "lesson") === "lesson"), JSON.stringify(before));
  await page.reload();
  await page.locator(".quiz.choice.done").first().waitFor();
  assert.deepEqual((await saved(page)).attempts[`${LESSON}/quiz-1`], before);
  await page.goto(server.base + "progress/");
  assert.match(await page.locator(".lead").first().innerText(), /^1 of \d+ questions tried, 2 answers in all/);
  await context.close();
});

test("a review session, keyboard-driven: due questions first, a wrong answer explained and linked", async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  await page.locator(".lesson-card").first().waitFor();
  // Two migrated answers: due now.
  await page.evaluate((lesson) => localStorage.setItem("dunder.progress", JSON.stringify(
    { version: 1, code: {}, answers: { [`${lesson}/quiz-1`]: false, [`${lesson}/quiz-2`]: true } })), LESSON);
  await page.reload();
  await page.getByRole("link", { name: /Review: 2 questions due/ }).click();
  await page.getByRole("heading", { name: "Review", level: 1 }).waitFor();
  assert.match(await page.locator(".lead").innerText(), /^2 due now/);
  assert.match(await page.locator(".counter").innerText(), /^Question 1 of \d+/);
  const first = await page.locator(".practice-item .item-source").innerText();
  assert.match(first, /Multiple choice/);
  // A wrong pick (the keyboard's number key), submitted with Enter.
  const rights = lessonChoices();
  const dueIds = [`${LESSON}/quiz-1`, `${LESSON}/quiz-2`];
  const state0 = await saved(page);
  const shown = await page.locator(".practice-item").getAttribute("data-question");
  const index = dueIds.indexOf(shown);
  assert.ok(index >= 0, `the first question is one of the two due (${shown})`);
  await page.locator("body").press(String(rights[index] === 0 ? 2 : 1));
  await page.keyboard.press("Enter");
  await page.locator(".practice-item .verdict.wrong").waitFor();
  await page.locator(".practice-item .right-answer").waitFor();
  const link = page.locator(".practice-item .read-again a");
  assert.match(await link.getAttribute("href"), new RegExp(`lesson/${LESSON}/#`));
  await shoot(page, "review");
  // Enter goes on to the next question; answer it too.
  await page.keyboard.press("Enter");
  await page.locator(".counter").filter({ hasText: /^Question 2 of/ }).waitFor();
  await answerShown(page, { pick: rights[1 - index] + 1 });
  await page.locator(".practice-item .verdict").waitFor({ timeout: 30000 });
  const state = await saved(page);
  assert.equal(attemptCount(state), attemptCount(state0) + 2, "each answer is an attempt");
  for (const id of dueIds) {
    assert.equal(state.attempts[id].length, 2, `${id}: migrated + reviewed`);
    assert.equal(state.attempts[id][1].source, "review");
  }
  assert.equal(state.attempts[dueIds[index]][1].outcome, "wrong");
  assert.equal(state.attempts[dueIds[1 - index]][1].outcome, "right");
  // Both are scheduled ahead now: the header's due count went down.
  await page.keyboard.press("Enter");
  assert.match(await page.locator(".site-header .due-badge").innerText(), /^0/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a 3-question mock interview end to end: timer, no explanations, resume after reload, report", async () => {
  const { page, context, problems } = await openPage(browser, server.base + "mock/");
  await page.getByRole("heading", { name: "Mock interview", level: 1 }).waitFor();
  await page.getByLabel(/Quick check: 3 questions/).check();
  await page.getByLabel("How CPython runs your code", { exact: false }).first().check();
  await page.getByRole("button", { name: "Start the interview" }).click();
  const timer = page.getByRole("timer");
  await timer.waitFor();
  const t0 = await timer.innerText();
  assert.match(t0, /^[45]:\d\d$/);
  await page.locator(".counter").filter({ hasText: "Question 1 of 3" }).waitFor();
  const kinds = [await answerShown(page, { pick: 1 })];
  await page.locator(".counter").filter({ hasText: "Question 2 of 3" }).waitFor({ timeout: 30000 });
  assert.equal(await page.locator(".verdict.right, .verdict.wrong").count(), 0, "no verdict during the interview");
  // Leave and come back: the session resumes at question 2, the clock still running.
  await page.reload();
  await page.locator(".counter").filter({ hasText: "Question 2 of 3" }).waitFor();
  assert.ok(await timer.innerText() <= t0, "the clock kept running");
  kinds.push(await answerShown(page, { pick: 2 }));
  await page.locator(".counter").filter({ hasText: "Question 3 of 3" }).waitFor({ timeout: 30000 });
  kinds.push(await answerShown(page, { pick: 2 }));
  await page.getByRole("heading", { name: "Your report" }).waitFor({ timeout: 30000 });
  assert.equal(new Set(kinds).size, 3, `one of each kind: ${kinds}`);
  const rows = page.locator(".mock-report table").nth(1).locator("tbody tr");
  assert.equal(await rows.count(), 3, "time per question: three rows");
  assert.match(await page.locator(".mock-report table").first().locator("tbody").innerText(), /CPython/);
  assert.match(await page.locator(".mock-report .score").innerText(), /^\d+% — \d of 3 right/);
  const misses = await page.locator(".misses > li").count();
  assert.ok(misses >= 1, "a wrong exercise (the starter) is a miss, explained");
  assert.ok(await page.locator(".misses .read-again a").count() >= 1, "misses link to their lesson section");
  assert.ok(await page.locator(".review-next a").count() >= 1, "what to review next");
  const state = await saved(page);
  assert.equal(state.mock_in_progress, null, "the session is over");
  assert.equal(state.mocks.length, 1, "the report is saved");
  assert.equal(Object.values(state.attempts).flat().filter((a) => a.source === "mock").length, 3, "three attempts from the mock");
  await shoot(page, "mock-report");
  // The dashboard shows its score.
  await page.getByRole("link", { name: "See your progress" }).click();
  await page.getByRole("figure", { name: "Mock interview scores" }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("the dashboard after a few attempts: charts with text tables, readable at phone width and in dark mode", async () => {
  const rights = lessonChoices();
  const { page, context, problems } = await openPage(browser, server.base + `lesson/${LESSON}/`);
  const quizzes = page.locator(".quiz.choice");
  await quizzes.first().locator(".option").nth(rights[0]).click();
  await quizzes.nth(1).locator(".option").nth(rights[1] === 0 ? 1 : 0).click();
  await quizzes.nth(1).locator(".option").nth(rights[1]).click();
  await page.goto(server.base + "progress/");
  await page.getByRole("heading", { name: "Your progress", level: 1 }).waitFor();
  assert.match(await page.locator(".lead").first().innerText(), /^2 of \d+ questions tried, 3 answers in all/);
  for (const name of ["Mastery by topic", "Due for review, next 14 days", "Attempts per day, last 14 days"]) {
    const figure = page.getByRole("figure", { name });
    await figure.waitFor();
    assert.equal(await figure.locator("svg[role=img] > title").count(), 1, `${name}: an SVG with a title`);
    assert.ok(await figure.locator("table tbody tr").count() >= 1, `${name}: its text table`);
  }
  // Today's attempts in the table: 3.
  const attempts = page.getByRole("figure", { name: "Attempts per day, last 14 days" });
  const today = await attempts.locator("table tbody tr").last().locator("td").last().textContent();
  assert.equal(today, "3");
  // The charts are reachable with the keyboard.
  assert.equal(await page.locator(".chart-svg svg[tabindex='0']").count(), 3);
  const colour = await page.locator(".chart-svg").first().evaluate((e) => getComputedStyle(e).color);
  await page.emulateMedia({ colorScheme: "dark" });
  assert.notEqual(await page.locator(".chart-svg").first().evaluate((e) => getComputedStyle(e).color), colour, "the charts follow dark mode");
  await shoot(page, "progress");
  assert.deepEqual(problems, []);
  await context.close();
});

test("class set: teacher's link → two students' result codes → class results; bad codes and links explained", async () => {
  const { page, context, problems } = await openPage(browser, server.base + "class/");
  await page.getByRole("heading", { name: "Class", level: 1 }).waitFor();
  await page.getByLabel("Title").fill("Week 1: CPython");
  await page.locator(".picker-lesson summary").first().click();
  const firstLesson = page.locator(".picker-lesson").first();
  // A whole section and one more question.
  await firstLesson.locator(".section-check input").first().check();
  const extra = firstLesson.locator(".picker-questions input:not(:checked)").first();
  await extra.check();
  const button = page.getByRole("button", { name: /^Make the link \((\d+) questions\)/ });
  const count = Number((await button.innerText()).match(/\((\d+)/)[1]);
  assert.ok(count >= 2, `${count} questions picked`);
  await button.click();
  const link = await page.getByLabel(/Class set link/).inputValue();
  assert.match(link, /\/class\/#set=/);

  const codes = [];
  for (const [name, pick] of [["Ada", 1], ["Bob", 2]]) {
    const student = await context.newPage();
    await student.goto(link);
    await student.getByRole("heading", { name: "Week 1: CPython", level: 1 }).waitFor();
    await student.getByLabel(/Your name/).fill(name);
    await student.getByRole("button", { name: "Start" }).click();
    for (let i = 0; i < count; i++) {
      await student.locator(".counter").filter({ hasText: `Question ${i + 1} of ${count}` }).waitFor({ timeout: 30000 });
      await answerShown(student, { pick, grade: pick + 1 });
    }
    await student.getByRole("heading", { name: /^Done: \d+ of \d+ right/ }).waitFor({ timeout: 30000 });
    assert.match(await student.locator(".class-done").innerText(), /not tamper-proof/);
    codes.push(await student.locator(".result-code").inputValue());
    if (name === "Ada") await shoot(student, "class-student-done");
    await student.close();
  }
  assert.notEqual(codes[0], codes[1]);

  // A typo in a code, and a code for another set.
  const typo = codes[0].slice(0, -2) + (codes[0].at(-2) === "A" ? "B" : "A") + codes[0].at(-1);
  await page.getByLabel("Result codes, one per line").fill([...codes, typo].join("\n"));
  const table = page.locator("table.class-results");
  await table.waitFor();
  assert.equal(await table.locator("tbody tr").count(), 2, "one row per student");
  assert.match(await table.locator("tbody").innerText(), /Ada[\s\S]*Bob/);
  assert.equal(await table.locator("thead th").count(), count + 2, "one column per question");
  await page.locator(".problems").filter({ hasText: /./ }).waitFor();
  await shoot(page, "class-results");

  // A student's code for a different set is named as such.
  const other = await context.newPage();
  await other.goto(server.base + "class/");
  await other.locator(".picker-lesson summary").nth(1).click();
  await other.locator(".picker-lesson").nth(1).locator(".picker-questions input").first().check();
  await other.getByRole("button", { name: /^Make the link/ }).click();
  await other.getByLabel("Result codes, one per line").fill(codes[0]);
  await other.locator(".problems").waitFor();
  assert.match(await other.locator(".problems").innerText(), /another|different|this set/i);
  // A damaged class link says what is wrong.
  await other.goto(server.base);
  await other.goto(server.base + "class/#set=garbage!!");
  await other.getByRole("alert").filter({ hasText: "This class link cannot be opened" }).waitFor();
  await other.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test("a corrupt or future-version import is refused with a message, and nothing changes", async () => {
  const right = lessonChoices()[0];
  const { page, context } = await openPage(browser, server.base + `lesson/${LESSON}/`);
  await page.locator(".quiz.choice").first().locator(".option").nth(right).click();
  await page.goto(server.base);
  await page.locator(".lesson-card").first().waitFor();
  const before = await page.evaluate(() => localStorage.getItem("dunder.progress"));
  const files = [
    ["/tmp/dunder-corrupt.json", '{"version": 2, "attempts": {"x": [', /not valid JSON/],
    ["/tmp/dunder-future.json", JSON.stringify({ version: 99, attempts: {}, code: {} }), /newer version of Dunder \(format 99\)/],
    ["/tmp/dunder-not-progress.json", JSON.stringify({ hello: "world" }), /no format version/],
  ];
  for (const [path, text, why] of files) {
    writeFileSync(path, text);
    await page.locator('input[type="file"]').setInputFiles(path);
    const alert = page.locator(".progress-file [role=alert]");
    await alert.filter({ hasText: why }).filter({ hasText: "Nothing was imported" }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem("dunder.progress")), before, `${path}: nothing changed`);
  }
  // A v1 export still imports (migrated).
  writeFileSync("/tmp/dunder-v1.json", JSON.stringify({ version: 1, code: {}, answers: { [`${LESSON}/quiz-2`]: true } }));
  await page.locator('input[type="file"]').setInputFiles("/tmp/dunder-v1.json");
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("dunder.progress")).attempts?.["cpython-execution/quiz-2"]?.length === 1);
  await context.close();
});
