// The practice room in the real built dist/: attempt history (v2, migrated from v1), Review,
// a mock interview, the progress dashboard and class sets, in every engine. Screenshots of each
// page at desktop and phone width, light and dark, go to tests/browser/screenshots/<engine>/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { serveDist, launchBrowser, openPage, ENGINE, escape, heading, button } from "./support.mjs";

const SHOTS = new URL(`./screenshots/${ENGINE}/`, import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const LESSON = "cpython-execution";
const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("dunder.progress") ?? "null"));
const attemptCount = (state) => Object.values(state?.attempts ?? {}).reduce((n, list) => n + list.length, 0);
/** The page's lead paragraph once it says `re` (the prerendered copy shows a generic one until
 *  the app has mounted and read the saved progress). */
const lead = (page, re) => page.waitForElement({ css: ".lead", text: re });
const counter = (n, of = "") => ({ css: ".counter", text: new RegExp(`^Question ${n} of ${of}`) });

/** The first lesson's choice questions, with the index of each right option (from its source). */
function lessonChoices() {
  const text = readFileSync(new URL("../../lessons/01-cpython-execution.md", import.meta.url), "utf8");
  return [...text.matchAll(/```quiz\n([\s\S]*?)```/g)].map((m) => m[1].split("\n").filter((l) => /^[*-] /.test(l)).findIndex((l) => l.startsWith("* ")));
}

/** Keys the practice pages listen for on the document: nothing else may hold the focus. */
async function pressOnPage(page, key) {
  await page.evaluate(() => document.activeElement?.blur());
  await page.press(key);
}

/** Four screenshots of what is on the page now: desktop and 390×844, light and dark. At phone
 *  width nothing may overflow sideways and the header must stay on one line. */
async function shoot(page, name) {
  for (const [width, height, size] of [[1280, 900, "desktop"], [390, 844, "phone"]]) {
    await page.setViewport(width, height);
    for (const scheme of ["light", "dark"]) {
      await page.showTheme(scheme);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await page.screenshot(`${SHOTS}practice-${name}-${size}-${scheme}.png`);
    }
    if (size === "phone") {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth) - width;
      assert.ok(overflow <= 0, `${name}: ${overflow}px wider than the phone`);
      const header = await page.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().height);
      assert.ok(header < 60, `${name}: the header wrapped (${header}px tall)`);
    }
  }
  await page.setViewport(1280, 900);
  await page.showTheme("light");
}

/** Answer whatever question the practice page shows, with the keyboard where it can.
 *  `pick` is the option number for multiple choice (1-based), `grade` 1–4 for a card. */
async function answerShown(page, { pick = 1, grade = 3, guess = "no idea" } = {}) {
  await page.waitForElement(".practice-item");
  const kind = await page.evaluate(() => {
    const e = document.querySelector(".practice-item");
    return e.querySelector(".quiz.choice") ? "choice" : e.querySelector(".quiz.predict") ? "predict" : e.querySelector(".quiz.exercise") ? "exercise" : "card";
  });
  if (kind === "choice") {
    await pressOnPage(page, String(pick));
    assert.ok(await page.checked(`.practice-item input[data-key="${pick}"]`), "the number key picked the option");
    await page.press("Enter");
  } else if (kind === "predict") {
    await page.fill(".practice-item textarea", guess);
    await page.press("Enter", { ctrl: true });
  } else if (kind === "exercise") {
    await page.click({ css: ".practice-item button", text: /^(Submit|Run checks)/ }, { timeout: 60000 });
  } else {
    await pressOnPage(page, " ");
    await page.waitForElement(".practice-item .model-answer");
    await page.press(String(grade));
  }
  return kind;
}

test("v1 saved progress is migrated to v2 in the browser: the same counts after load", async () => {
  const page = await openPage(browser, server.base);
  await page.waitForElement(".lesson-card");
  const v1 = {
    version: 1,
    code: { [`${LESSON}/run-1`]: "print('my v1 edit')" },
    answers: { [`${LESSON}/quiz-1`]: true, [`${LESSON}/quiz-2`]: false, [`${LESSON}/predict-1`]: true, [`${LESSON}/exercise-1`]: false },
  };
  // Written from a static file of the same origin, so a running app cannot save over it.
  await page.goto(server.base + "icon.svg");
  await page.evaluate((v) => localStorage.setItem("dunder.progress", JSON.stringify(v)), v1);
  await page.goto(server.base);
  await page.waitForElement(".lesson-card .progress");
  // Two were answered right in v1: the lesson shows two done, as it did before.
  assert.match(await page.text(".lesson-card .progress"), /^ ?2\//);
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
  await page.waitForElement(heading("Your progress"));
  await lead(page, /^4 of \d+ questions tried, 4 answers in all/);
  // Migrated attempts have no date, so they are due now: the header says so.
  assert.match(await page.text(".site-header .due-badge"), /^4/);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("reload keeps the attempt history", async () => {
  const right = lessonChoices()[0];
  const page = await openPage(browser, server.base + `lesson/${LESSON}/`);
  const quiz = ".quiz.choice";
  await page.click({ css: ".option", within: quiz, nth: right === 0 ? 1 : 0 });
  await page.waitForElement({ css: ".verdict", within: quiz, text: /Not quite\./ });
  await page.click({ css: ".option", within: quiz, nth: right });
  await page.waitForElement({ css: ".verdict", within: quiz, text: /Correct\./ });
  const before = (await saved(page)).attempts[`${LESSON}/quiz-1`];
  assert.deepEqual(before.map((a) => a.outcome), ["wrong", "right"]);
  // (The source is left out of the JSON when it is the default, a lesson.)
  assert.ok(before.every((a) => typeof a.at === "number" && (a.source ?? "lesson") === "lesson"), JSON.stringify(before));
  await page.reload();
  await page.waitForElement(".quiz.choice.done");
  assert.deepEqual((await saved(page)).attempts[`${LESSON}/quiz-1`], before);
  await page.goto(server.base + "progress/");
  await lead(page, /^1 of \d+ questions tried, 2 answers in all/);
  await page.close();
});

test("a review session, keyboard-driven: due questions first, a wrong answer explained and linked", async () => {
  const page = await openPage(browser, server.base + "icon.svg");
  // Two migrated answers: due now.
  await page.evaluate((lesson) => localStorage.setItem("dunder.progress", JSON.stringify(
    { version: 1, code: {}, answers: { [`${lesson}/quiz-1`]: false, [`${lesson}/quiz-2`]: true } })), LESSON);
  await page.goto(server.base);
  await page.click({ css: "a", text: /Review: 2 questions due/ });
  await page.waitForElement(heading("Review"));
  await lead(page, /^2 due now/);
  await page.waitForElement(counter(1));
  assert.match(await page.text(".practice-item .item-source"), /Multiple choice/);
  // A wrong pick (the keyboard's number key), submitted with Enter.
  const rights = lessonChoices();
  const dueIds = [`${LESSON}/quiz-1`, `${LESSON}/quiz-2`];
  const state0 = await saved(page);
  const shown = await page.attribute(".practice-item", "data-question");
  const index = dueIds.indexOf(shown);
  assert.ok(index >= 0, `the first question is one of the two due (${shown})`);
  await pressOnPage(page, String(rights[index] === 0 ? 2 : 1));
  await page.press("Enter");
  await page.waitForElement(".practice-item .verdict.wrong");
  await page.waitForElement(".practice-item .right-answer");
  assert.match(await page.attribute(".practice-item .read-again a", "href"), new RegExp(`lesson/${LESSON}/#`));
  await shoot(page, "review");
  // Enter goes on to the next question; answer it too.
  await page.press("Enter");
  await page.waitForElement(counter(2));
  await answerShown(page, { pick: rights[1 - index] + 1 });
  await page.waitForElement(".practice-item .verdict", { timeout: 30000 });
  const state = await saved(page);
  assert.equal(attemptCount(state), attemptCount(state0) + 2, "each answer is an attempt");
  for (const id of dueIds) {
    assert.equal(state.attempts[id].length, 2, `${id}: migrated + reviewed`);
    assert.equal(state.attempts[id][1].source, "review");
  }
  assert.equal(state.attempts[dueIds[index]][1].outcome, "wrong");
  assert.equal(state.attempts[dueIds[1 - index]][1].outcome, "right");
  // Both are scheduled ahead now: the header's due count went down.
  await page.press("Enter");
  await page.waitFor(() => /^0/.test(document.querySelector(".site-header .due-badge")?.innerText ?? ""), [], { what: "no questions due" });
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("a 3-question mock interview end to end: timer, no explanations, resume after reload, report", async () => {
  const page = await openPage(browser, server.base + "mock/");
  await page.waitForElement(heading("Mock interview"));
  await page.click({ css: "input", label: /Quick check: 3 questions/ });
  await page.click({ css: "input", label: /How CPython runs your code/ });
  await page.click(button("Start the interview"));
  const t0 = await page.waitForElement('[role="timer"]');
  assert.match(t0, /^[45]:\d\d$/);
  await page.waitForElement(counter(1, 3));
  const kinds = [await answerShown(page, { pick: 1 })];
  await page.waitForElement(counter(2, 3), { timeout: 30000 });
  assert.equal(await page.count(".verdict.right, .verdict.wrong"), 0, "no verdict during the interview");
  // Leave and come back: the session resumes at question 2, the clock still running.
  await page.reload();
  await page.waitForElement(counter(2, 3));
  assert.ok(await page.text('[role="timer"]') <= t0, "the clock kept running");
  kinds.push(await answerShown(page, { pick: 2 }));
  await page.waitForElement(counter(3, 3), { timeout: 30000 });
  kinds.push(await answerShown(page, { pick: 2 }));
  await page.waitForElement(heading("Your report", 2), { timeout: 30000 });
  assert.equal(new Set(kinds).size, 3, `one of each kind: ${kinds}`);
  const report = await page.evaluate(() => {
    const tables = document.querySelectorAll(".mock-report table");
    return { rows: tables[1].querySelectorAll("tbody tr").length, topics: tables[0].querySelector("tbody").innerText };
  });
  assert.equal(report.rows, 3, "time per question: three rows");
  assert.match(report.topics, /CPython/);
  assert.match(await page.text(".mock-report .score"), /^\d+% — \d of 3 right/);
  assert.ok(await page.count(".misses > li") >= 1, "a wrong exercise (the starter) is a miss, explained");
  assert.ok(await page.count(".misses .read-again a") >= 1, "misses link to their lesson section");
  assert.ok(await page.count(".review-next a") >= 1, "what to review next");
  const state = await saved(page);
  assert.equal(state.mock_in_progress, null, "the session is over");
  assert.equal(state.mocks.length, 1, "the report is saved");
  assert.equal(Object.values(state.attempts).flat().filter((a) => a.source === "mock").length, 3, "three attempts from the mock");
  await shoot(page, "mock-report");
  // The dashboard shows its score.
  await page.click({ css: "a", text: /^See your progress$/ });
  await page.waitForElement({ css: "figure", label: /Mock interview scores/ });
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("the dashboard after a few attempts: charts with text tables, readable at phone width and in dark mode", async () => {
  const rights = lessonChoices();
  const page = await openPage(browser, server.base + `lesson/${LESSON}/`);
  await page.click({ css: ".option", within: { css: ".quiz.choice", nth: 0 }, nth: rights[0] });
  await page.click({ css: ".option", within: { css: ".quiz.choice", nth: 1 }, nth: rights[1] === 0 ? 1 : 0 });
  await page.waitForElement({ css: ".verdict", within: { css: ".quiz.choice", nth: 1 }, text: /Not quite\./ });
  await page.click({ css: ".option", within: { css: ".quiz.choice", nth: 1 }, nth: rights[1] });
  await page.waitForElement({ css: ".verdict", within: { css: ".quiz.choice", nth: 1 }, text: /Correct\./ });
  await page.goto(server.base + "progress/");
  await page.waitForElement(heading("Your progress"));
  await lead(page, /^2 of \d+ questions tried, 3 answers in all/);
  for (const name of ["Mastery by topic", "Due for review, next 14 days", "Attempts per day, last 14 days"]) {
    const figure = { css: "figure", label: new RegExp(`^${escape(name)}$`) };
    await page.waitForElement(figure);
    assert.equal(await page.count({ css: "svg[role=img] > title", within: figure }), 1, `${name}: an SVG with a title`);
    assert.ok(await page.count({ css: "table tbody tr", within: figure }) >= 1, `${name}: its text table`);
  }
  // Today's attempts in the table: 3.
  const today = await page.textContent({ css: "table tbody tr:last-child td:last-child", within: { css: "figure", label: /^Attempts per day/ } });
  assert.equal(today, "3");
  // The charts are reachable with the keyboard.
  assert.equal(await page.count(".chart-svg svg[tabindex='0']"), 3);
  const colour = () => page.evaluate(() => getComputedStyle(document.querySelector(".chart-svg")).color);
  await page.showTheme("light");
  const light = await colour();
  await page.showTheme("dark");
  assert.notEqual(await colour(), light, "the charts follow dark mode");
  await shoot(page, "progress");
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("class set: teacher's link → two students' result codes → class results; bad codes and links explained", async () => {
  const page = await openPage(browser, server.base + "class/");
  await page.waitForElement(heading("Class"));
  await page.fill({ css: "input", label: /^Title/ }, "Week 1: CPython");
  await page.click({ css: ".picker-lesson summary" });
  // A whole section and one more question.
  await page.click({ css: ".section-check input", within: ".picker-lesson" });
  await page.click({ css: ".picker-questions input:not(:checked)", within: ".picker-lesson" });
  const label = await page.waitForElement(button(/^Make the link \((\d+) questions\)/));
  const count = Number(label.match(/\((\d+)/)[1]);
  assert.ok(count >= 2, `${count} questions picked`);
  await page.click(button(/^Make the link/));
  await page.waitForElement({ css: "textarea", label: /Class set link/ });
  const link = await page.value({ css: "textarea", label: /Class set link/ });
  assert.match(link, /\/class\/#set=/);

  const codes = [];
  for (const [name, pick] of [["Ada", 1], ["Bob", 2]]) {
    const student = await openPage(browser, link);
    await student.waitForElement(heading("Week 1: CPython"));
    await student.fill({ css: "input", label: /Your name/ }, name);
    await student.click(button("Start"));
    for (let i = 0; i < count; i++) {
      await student.waitForElement(counter(i + 1, count), { timeout: 30000 });
      await answerShown(student, { pick, grade: pick + 1 });
    }
    await student.waitForElement(heading(/^Done: \d+ of \d+ right/, 2), { timeout: 30000 });
    assert.match(await student.text(".class-done"), /not tamper-proof/);
    codes.push(await student.value(".result-code"));
    if (name === "Ada") await shoot(student, "class-student-done");
    await student.close();
  }
  assert.notEqual(codes[0], codes[1]);

  // A typo in a code, and a code for another set.
  const typo = codes[0].slice(0, -2) + (codes[0].at(-2) === "A" ? "B" : "A") + codes[0].at(-1);
  await page.fill({ css: "textarea", label: /^Result codes, one per line/ }, [...codes, typo].join("\n"));
  await page.waitForElement("table.class-results");
  assert.equal(await page.count("table.class-results tbody tr"), 2, "one row per student");
  assert.match(await page.text("table.class-results tbody"), /Ada[\s\S]*Bob/);
  assert.equal(await page.count("table.class-results thead th"), count + 2, "one column per question");
  await page.waitForElement({ css: ".problems", text: /./ });
  await shoot(page, "class-results");
  await page.close();

  // A student's code for a different set is named as such.
  const other = await openPage(browser, server.base + "class/");
  await other.click({ css: ".picker-lesson summary", nth: 1 });
  await other.click({ css: ".picker-questions input", within: { css: ".picker-lesson", nth: 1 } });
  await other.click(button(/^Make the link/));
  await other.fill({ css: "textarea", label: /^Result codes, one per line/ }, codes[0]);
  await other.waitForElement({ css: ".problems", text: /./ });
  assert.match(await other.text(".problems"), /another|different|this set/i);
  // A damaged class link says what is wrong.
  await other.goto(server.base);
  await other.goto(server.base + "class/#set=garbage!!");
  await other.waitForElement({ css: '[role="alert"]', text: /This class link cannot be opened/ });
  assert.deepEqual(await other.problems(), []);
  await other.close();
});

test("a corrupt or future-version import is refused with a message, and nothing changes", async () => {
  const right = lessonChoices()[0];
  const page = await openPage(browser, server.base + `lesson/${LESSON}/`);
  await page.click({ css: ".option", within: ".quiz.choice", nth: right });
  await page.waitForElement({ css: ".verdict", within: ".quiz.choice", text: /Correct\./ });
  await page.goto(server.base);
  await page.waitForElement(".lesson-card");
  const before = await page.evaluate(() => localStorage.getItem("dunder.progress"));
  const files = [
    ['{"version": 2, "attempts": {"x": [', /not valid JSON/],
    [JSON.stringify({ version: 99, attempts: {}, code: {} }), /newer version of Dunder \(format 99\)/],
    [JSON.stringify({ hello: "world" }), /no format version/],
  ];
  for (const [text, why] of files) {
    await page.chooseFile('input[type="file"]', "dunder-progress.json", text);
    await page.waitFor((why) => [...document.querySelectorAll(".progress-file [role=alert]")]
      .some((e) => new RegExp(why.source).test(e.textContent) && e.textContent.includes("Nothing was imported")), [why], { what: `the message ${why}` });
    assert.equal(await page.evaluate(() => localStorage.getItem("dunder.progress")), before, `${text}: nothing changed`);
  }
  // A v1 export still imports (migrated).
  await page.chooseFile('input[type="file"]', "old.json", JSON.stringify({ version: 1, code: {}, answers: { [`${LESSON}/quiz-2`]: true } }));
  await page.waitFor(() => JSON.parse(localStorage.getItem("dunder.progress")).attempts?.["cpython-execution/quiz-2"]?.length === 1, [], { what: "the v1 file imported" });
  await page.close();
});
