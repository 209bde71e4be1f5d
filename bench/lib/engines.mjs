// Driving one cold page load of each engine through its real UI: fresh browser context (empty
// profile and cache) per load, Run pressed as soon as the page lets you, then the workloads.
import { setCode } from "./chromium.mjs";
import { probe } from "./probe.js";
import { entriesOfLoad } from "./bytes.mjs";

export const ENGINES = {
  dunder: { playPath: "/dunder/play/" },
  pyodide: { playPath: "/peers/pyodide.html" },
  brython: { playPath: "/peers/brython.html" },
};

const FIRST_OUTPUT_TIMEOUT = 180_000;
const RUN_TIMEOUT = 600_000;
const ENDED = /^(Finished|Exited|Error|Stopped|Python crashed|Python could not start)/;
const FINISHED = /^Finished/;
const TIMED_OUT = /^Stopped: the program ran longer than/; // Dunder's time limit (10 s by default)

/** Dunder only: a cold load of a lesson page until its heading and first paragraph are visible. */
export async function measureLesson(browser, server, lesson) {
  return withPage(browser, server, `/dunder/lesson/${lesson.slug}/`, { lesson }, async (page) => {
    await waitMark(page, "lessonVisible", FIRST_OUTPUT_TIMEOUT);
    // The browser reports its paint timing a little later: give it a moment (it is only a cross-check).
    await waitMark(page, "firstContentfulPaint", 5_000).catch(() => {});
  });
}

/** A cold load of an engine's playground: print("hello") as early as possible, then the workloads. */
export async function measurePlay(browser, server, name, workloads) {
  return withPage(browser, server, ENGINES[name].playPath, { output: "hello" }, async (page, result) => {
    const editor = page.getByRole("textbox", { name: "Python code" });
    // fill() and click() wait for the editor and an enabled Run button: the earliest a user could.
    await editor.fill('print("hello")');
    await page.getByRole("button", { name: /^Run/ }).click();
    await waitMark(page, "firstOutput", FIRST_OUTPUT_TIMEOUT);
    await waitEnded(page);
    result.workloads = await runWorkloads(page, name, workloads);
  });
}

/**
 * Open `path` in a fresh context with the probe installed, do `steps`, and return the probe's
 * marks, the fetches the load made and anything the page logged as an error.
 */
async function withPage(browser, server, path, probeConfig, steps) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const result = { path, problems: [] };
  page.on("pageerror", (err) => result.problems.push(`pageerror: ${err}`));
  page.on("console", (msg) => { if (msg.type() === "error") result.problems.push(`console: ${msg.text()}`); });
  await page.addInitScript(probe, probeConfig);
  server.log.length = 0;
  try {
    await page.goto(server.origin + path, { waitUntil: "commit" });
    await steps(page, result);
  } catch (err) {
    result.error = String(err?.message ?? err).split("\n")[0];
  }
  try {
    result.timeOrigin = await page.evaluate(() => performance.timeOrigin);
    result.marks = await page.evaluate(() => window.__benchMarks ?? {});
    result.files = entriesOfLoad(server.log, result.timeOrigin);
  } catch (err) {
    result.error ??= `could not read the page's marks: ${err.message}`;
  }
  await context.close();
  return result;
}

async function waitMark(page, key, timeout) {
  await page.waitForFunction((k) => window.__benchMarks && k in window.__benchMarks, key, { timeout, polling: 50 });
}

/** Wait until the run status line (role=status) says the run is over; return it. */
async function waitEnded(page, timeout = RUN_TIMEOUT) {
  const handle = await page.waitForFunction((source) => {
    const ended = new RegExp(source);
    return [...document.querySelectorAll('[role="status"]')].map((s) => s.textContent.trim()).find((t) => ended.test(t));
  }, ENDED.source, { timeout, polling: 100 });
  return handle.jsonValue();
}

/**
 * Paste the workloads file and Run. If Dunder's time limit stops it, run each workload on its own
 * (the file's ONLY variable picks one), as a learner would split a program that is too slow.
 */
export async function runWorkloads(page, engine, source) {
  const all = await runOnce(page, engine, source);
  if (!TIMED_OUT.test(all.status)) return { mode: "one run", ok: FINISHED.test(all.status), ...all };
  const names = workloadNames(source);
  const results = {};
  const statuses = [];
  let ok = true;
  for (const name of names) {
    const one = await runOnce(page, engine, source.replace(/^ONLY = None$/m, `ONLY = ${JSON.stringify(name)}`));
    Object.assign(results, one.results);
    statuses.push(`${name}: ${one.status}`);
    ok &&= FINISHED.test(one.status);
  }
  return {
    mode: "one run per workload (the whole file hit the time limit)", ok, results,
    status: statuses.join(" | "), wholeFileStatus: all.status,
  };
}

async function runOnce(page, engine, source) {
  if (engine === "dunder") {
    await setCode(page, source); // CodeMirror: checks the editor really holds the code
  } else {
    await page.getByRole("textbox", { name: "Python code" }).fill(source);
  }
  await page.getByRole("button", { name: /^Run/ }).click();
  const status = await waitEnded(page);
  const output = await page.getByRole("log", { name: "Output" }).innerText();
  return { status, results: parseWorkloadLines(output), output };
}

/** The workload functions, in order, from the file's `WORKLOADS = [...]` line. */
export function workloadNames(source) {
  return source.match(/^WORKLOADS = \[(.*)\]$/m)[1].split(",").map((name) => name.trim());
}

/** `name checksum ms` lines → { name: { checksum, ms } } (checksums stay strings: some exceed 2^53). */
export function parseWorkloadLines(output) {
  const results = {};
  for (const [, name, checksum, ms] of output.matchAll(/^(\w+) (-?\d+) ([\d.]+)$/gm)) {
    results[name] = { checksum, ms: Number(ms) };
  }
  return results;
}
