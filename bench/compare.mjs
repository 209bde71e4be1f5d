// Side-by-side cold-start and speed benchmark: Dunder (RustPython in a worker) vs Pyodide
// (CPython) vs Brython (Python compiled to JavaScript) in headless Chromium, and native python3.
//
// Usage: node bench/compare.mjs [loads=5]
//
// For each of `loads` repetitions, the engines take turns (Dunder, Pyodide, Brython, native), so
// background load hits them alike. Every browser load gets a new context: empty profile and cache,
// a first visit. Per load:
//   - Dunder only: a lesson page until its h1 and first paragraph are visible (separate load).
//   - The engine's playground (Dunder's /play/, or bench/peers/*.html, which start their engine at
//     page load and queue a run until it is ready, like Dunder): type print("hello") and press Run
//     as soon as the page allows, until "hello" shows in the output. Times are read in the page
//     (ms since navigation start, see lib/probe.js), so Playwright's polling is not measured.
//   - Bytes: the server logs every response (page, workers, service worker); a load's bytes are
//     those of the requests made before the mark, counted on the wire and as brotli (q11) files.
//   - Then bench/workloads.py is pasted and run through the same UI; each workload times itself.
// It asserts nothing about speed: it exits non-zero only if an engine failed or the workloads'
// checksums differ (the engines would then have done different work). Writes bench/results.json
// and the section between the markers in bench/RESULTS.md.
import { readFileSync, writeFileSync } from "node:fs";
import { launchBrowser } from "./lib/chromium.mjs";
import { serveBench } from "./lib/server.mjs";
import { measureLesson, measurePlay, workloadNames, ENGINES } from "./lib/engines.mjs";
import { runNative } from "./lib/native.mjs";
import { addBrotliSizes, totalsBefore } from "./lib/bytes.mjs";
import { writeBrythonModules, BRYTHON_MODULES } from "./lib/brython.mjs";
import { firstLesson } from "./lib/lesson.mjs";
import { describeEnvironment } from "./lib/env.mjs";
import {
  ENGINE_LABELS, metricList, summarise, checkChecksums, budgets, mainTable, fileTable,
  markdownTable, textTable, writeResultsMarkdown, fmtBytes,
} from "./lib/report.mjs";

const here = (path) => new URL(path, import.meta.url).pathname;
const BROWSER_ENGINES = Object.keys(ENGINES);
const ALL_ENGINES = [...BROWSER_ENGINES, "native"];

const loadCount = Number(process.argv[2] ?? 5);
if (!Number.isInteger(loadCount) || loadCount < 1) {
  console.error("usage: node bench/compare.mjs [loads=5]");
  process.exit(2);
}
const workloadSource = readFileSync(here("workloads.py"), "utf8");
const names = workloadNames(workloadSource);
const lesson = firstLesson();
const brythonModulesBytes = await writeBrythonModules();

const { env, loads } = await measureAll();
const warnings = await addBytes(loads);
const failures = findFailures(loads);
const checksums = checkChecksums(loads, names);
const metrics = metricList(names);
const summary = summarise(loads, ALL_ENGINES, metrics);

writeFileSync(here("results.json"), JSON.stringify({
  environment: env, loadsPerEngine: loadCount, lesson, workloads: names,
  brythonModules: { modules: BRYTHON_MODULES, bytes: brythonModulesBytes },
  summary, budgets: budgets(summary), checksums, failures, warnings, loads,
}, null, 1) + "\n");
await writeResultsMarkdown(here("RESULTS.md"), markdown());
printSummary();
process.exit(failures.length || !checksums.ok ? 1 : 0);

/** All loads, engines interleaved within each repetition; and what they ran on. */
async function measureAll() {
  const server = await serveBench();
  const browser = await launchBrowser();
  const env = describeEnvironment(browser.version());
  const results = [];
  for (let rep = 1; rep <= loadCount; rep++) {
    for (const engine of ALL_ENGINES) {
      process.stderr.write(`load ${rep}/${loadCount}: ${ENGINE_LABELS[engine]}… `);
      const load = { rep, engine };
      if (engine === "native") {
        Object.assign(load, await runNative());
      } else {
        if (engine === "dunder") load.lesson = await measureLesson(browser, server, lesson);
        load.play = await measurePlay(browser, server, engine, workloadSource);
        load.workloads = load.play.workloads;
        delete load.play.workloads;
      }
      process.stderr.write(`${load.error ?? load.play?.error ?? load.lesson?.error ?? "ok"}\n`);
      results.push(load);
    }
  }
  await browser.close();
  await server.close();
  return { env, loads: results };
}

/**
 * Byte totals per load (none for a load whose mark never came). Compression runs only now, so it
 * never competes with a measured page.
 */
async function addBytes(all) {
  const pages = all.flatMap((l) => [l.lesson, l.play]).filter((p) => p?.files);
  const warnings = await addBrotliSizes(pages.flatMap((p) => p.files));
  const until = (page, mark) => (page.marks?.[mark] != null ? totalsBefore(page.files, page.marks[mark]) : null);
  for (const l of all) {
    if (l.lesson?.files) l.lesson.bytes = until(l.lesson, "lessonVisible");
    if (l.play?.files) {
      l.play.bytes = until(l.play, "firstOutput");
      l.play.bytesWholeLoad = totalsBefore(l.play.files, Infinity);
    }
  }
  for (const l of all) {
    for (const problem of [...(l.lesson?.problems ?? []), ...(l.play?.problems ?? [])]) {
      warnings.push(`${l.engine} load ${l.rep}: ${problem}`);
    }
  }
  return [...new Set(warnings)];
}

function findFailures(all) {
  const failures = [];
  for (const l of all) {
    const where = `${ENGINE_LABELS[l.engine]} load ${l.rep}`;
    for (const [what, page] of [["lesson", l.lesson], ["playground", l.play]]) {
      if (page?.error) failures.push(`${where}, ${what}: ${page.error}`);
    }
    if (l.error) failures.push(`${where}: ${l.error}`);
    if (l.workloads && !l.workloads.ok) failures.push(`${where}: the workloads ended with "${l.workloads.status}"`);
    // A module missing from brython_modules.js makes Brython try the network: its /Lib/ 404s.
    for (const f of l.play?.files ?? []) {
      if (l.engine === "brython" && f.status === 404 && f.url.startsWith("/brython/")) {
        failures.push(`${where}: Brython fetched ${f.url} (404): add the module to BRYTHON_MODULES`);
      }
    }
  }
  return failures;
}

function markdown() {
  const v = env.versions;
  const tables = [
    `## Latest run`,
    ``,
    `- Date: ${env.date}; git HEAD \`${env.commit}\` (dist/ as last built); ${loadCount} cold load${loadCount > 1 ? "s" : ""} per engine, interleaved.`,
    `- Versions: Chromium ${v.chromium} (headless), Pyodide ${v.pyodide} (CPython 3.14), Brython ${v.brython}, ` +
      `RustPython ${v.rustpython} (Dunder), native Python ${v.python3}, Node ${v.node}.`,
    `- Machine: ${env.machine.cpu}, ${env.machine.cores} cores, ${env.machine.ramGiB} GiB RAM.`,
    `- Lesson timed: \`/dunder/lesson/${lesson.slug}/\` (h1 "${lesson.title}" and the paragraph starting \`${lesson.paragraph}\`).`,
    `- Brython page loads brython.min.js plus a ${fmtBytes(brythonModulesBytes)} brython_modules.js (${BRYTHON_MODULES.join(", ")}) instead of the 4.8 MB brython_stdlib.js.`,
    ``,
    `Times are ms since navigation start, read in the page. "Before first output" counts every request made`,
    `(page, workers, service worker) until "hello" appeared; brotli sizes are of the files fetched, compressed`,
    `at quality 11 (a file fetched twice counts twice, except in the "each file counted once" row).`,
    `Workload times are measured inside Python (time.perf_counter), median over loads; ranges are min – max.`,
    `In the file lists, "Requested as" is the request's Sec-Fetch-Dest, and "(no-cache)" marks a request sent`,
    `with Cache-Control: no-cache (a reload, or a revalidation such as the service worker's precache).`,
    ``,
    `### Results`,
    ``,
    markdownTable(mainTable(summary, metrics, ALL_ENGINES)),
    ``,
    `### Budgets (evaluated on medians, not asserted)`,
    ``,
    markdownTable([["Budget", "Measured", "Limit", "Verdict"], ...budgets(summary).map((b) => [b.name, b.shown, b.budget, b.verdict])]),
    ``,
    `### Checksums`,
    ``,
    checksums.ok
      ? `All engines agree: ${Object.entries(checksums.checksums).map(([k, c]) => `${k} = ${c}`).join(", ")}.`
      : `**MISMATCH — the engines did not run the same work:**\n\n${checksums.problems.map((p) => `- ${p}`).join("\n")}`,
    ``,
    `### Workload runs`,
    ``,
    ...BROWSER_ENGINES.map((e) => `- ${ENGINE_LABELS[e]}: ${[...new Set(loads.filter((l) => l.engine === e).map((l) => l.workloads?.mode ?? "not run"))].join("; ")}.`),
    ``,
  ];
  for (const engine of BROWSER_ENGINES) {
    tables.push(`### What ${ENGINE_LABELS[engine]} fetched before first output (playground load)`, ``,
      markdownTable(fileTable(loads, engine, engine === "dunder" ? 15 : 8)), ``);
  }
  if (failures.length) tables.push(`### Failures`, ``, ...failures.map((f) => `- ${f}`), ``);
  if (warnings.length) tables.push(`### Warnings`, ``, ...warnings.map((w) => `- ${w}`), ``);
  return tables.join("\n");
}

function printSummary() {
  console.log(`\n${loadCount} cold load${loadCount > 1 ? "s" : ""} per engine; median (min – max)\n`);
  console.log(textTable(mainTable(summary, metrics, ALL_ENGINES)));
  console.log("\nBudgets (evaluated, not asserted):");
  console.log(textTable(budgets(summary).map((b) => [b.name, b.shown, b.budget, b.verdict])));
  console.log("\nDunder's fetches before first output:");
  console.log(textTable(fileTable(loads, "dunder", 15)));
  if (!checksums.ok) console.error(`\n*** CHECKSUM MISMATCH: the engines ran different work ***\n${checksums.problems.join("\n")}`);
  if (failures.length) console.error(`\n*** ${failures.length} failure(s) ***\n${failures.join("\n")}`);
  if (warnings.length) console.log(`\nWarnings:\n${warnings.join("\n")}`);
  console.log("\nWrote bench/results.json and bench/RESULTS.md");
}
