// From per-load results to the summary: medians and ranges, ratios, budgets, the Markdown report.
import { readFile, writeFile } from "node:fs/promises";

export const ENGINE_LABELS = { dunder: "Dunder", pyodide: "Pyodide", brython: "Brython", native: "native python3" };

/** The per-load numbers of one engine's load (null where it has none). */
export function loadMetrics(load) {
  const m = {};
  if (load.lesson?.marks) {
    m.lessonVisibleMs = load.lesson.marks.lessonVisible ?? null;
    m.lessonPaintMs = load.lesson.marks.firstContentfulPaint ?? null;
    Object.assign(m, prefixed("lesson", load.lesson.bytes));
  }
  if (load.play?.marks) {
    const { runReady, runClicked, firstOutput } = load.play.marks;
    Object.assign(m, { runReadyMs: runReady ?? null, runClickedMs: runClicked ?? null, firstOutputMs: firstOutput ?? null });
    m.outputAfterClickMs = firstOutput != null && runClicked != null ? firstOutput - runClicked : null;
    Object.assign(m, load.play.bytes ?? {});
  }
  for (const [name, r] of Object.entries(load.workloads?.results ?? {})) m[`workload:${name}`] = r.ms;
  return m;
}

const prefixed = (prefix, obj) =>
  Object.fromEntries(Object.entries(obj ?? {}).map(([k, v]) => [prefix + k[0].toUpperCase() + k.slice(1), v]));

export function metricList(workloadNames) {
  return [
    { key: "lessonVisibleMs", label: "Lesson text visible (h1 + first paragraph)", unit: "ms" },
    { key: "lessonPaintMs", label: "… the lesson page's first contentful paint (browser's own timing)", unit: "ms" },
    { key: "lessonBrotliBytes", label: "… brotli bytes requested before it", unit: "bytes" },
    { key: "runReadyMs", label: "Run button present and enabled", unit: "ms" },
    { key: "runClickedMs", label: "Run clicked (Playwright, as early as it could)", unit: "ms" },
    { key: "firstOutputMs", label: 'First output of print("hello")', unit: "ms" },
    { key: "outputAfterClickMs", label: "… of which after the click", unit: "ms" },
    { key: "requests", label: "Requests before first output", unit: "count" },
    { key: "wireBytes", label: "Bytes on the wire before first output (as served)", unit: "bytes" },
    { key: "brotliBytes", label: "Brotli bytes before first output (q11, per fetch)", unit: "bytes" },
    { key: "brotliBytesUnique", label: "… each file counted once", unit: "bytes" },
    ...workloadNames.map((name) => ({ key: `workload:${name}`, label: `Workload ${name}`, unit: "ms", workload: true })),
  ];
}

export function stats(values) {
  const xs = values.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!xs.length) return null;
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { median, min: xs[0], max: xs.at(-1), n: xs.length };
}

export const geomean = (xs) => (xs.length && xs.every((x) => x > 0) ? Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length) : null);

/** { engine: { metricKey: stats } } plus each engine's geometric mean of its workload medians. */
export function summarise(loads, engines, metrics) {
  const summary = {};
  for (const engine of engines) {
    const rows = loads.filter((l) => l.engine === engine).map(loadMetrics);
    summary[engine] = {};
    for (const { key } of metrics) {
      const s = stats(rows.map((r) => r[key]));
      if (s) summary[engine][key] = s;
    }
    const medians = metrics.filter((m) => m.workload).map((m) => summary[engine][m.key]?.median);
    summary[engine].workloadGeomeanMs = medians.every((x) => x != null) ? geomean(medians) : null;
  }
  return summary;
}

/** Every engine's checksum of every workload must equal every other's: else they ran other work. */
export function checkChecksums(loads, workloadNames) {
  const problems = [];
  const reference = {};
  for (const load of loads) {
    if (!load.workloads) continue;
    for (const name of workloadNames) {
      const got = load.workloads.results?.[name]?.checksum;
      const where = `${load.engine} (load ${load.rep})`;
      if (got === undefined) { problems.push(`${where}: no result for ${name}`); continue; }
      reference[name] ??= { checksum: got, where };
      if (got !== reference[name].checksum) {
        problems.push(`${where}: ${name} checksum ${got} ≠ ${reference[name].checksum} from ${reference[name].where}`);
      }
    }
  }
  return { ok: problems.length === 0, problems, checksums: Object.fromEntries(Object.entries(reference).map(([k, v]) => [k, v.checksum])) };
}

export function budgets(summary) {
  const med = (engine, key) => summary[engine]?.[key]?.median ?? null;
  const d = (key) => med("dunder", key);
  const MB = 1e6;
  const rows = [
    ["Lesson text visible", d("lessonVisibleMs"), 300, "≤ 300 ms", fmtMs],
    ['Dunder first output ÷ Pyodide first output', ratio(d("firstOutputMs"), med("pyodide", "firstOutputMs")), 0.1, "≤ 0.10", fmtRatio],
    ["Dunder brotli bytes before first output", d("brotliBytes"), 3.0 * MB, "≤ 3.0 MB", fmtBytes],
    ["… ÷ Pyodide's", ratio(d("brotliBytes"), med("pyodide", "brotliBytes")), 0.55, "≤ 0.55", fmtRatio],
    ["Dunder workload geomean ÷ Brython's", ratio(summary.dunder?.workloadGeomeanMs, summary.brython?.workloadGeomeanMs), 1.0, "≤ 1.00", fmtRatio],
  ];
  return rows.map(([name, value, limit, budget, fmt]) => ({
    name, value, budget, shown: value == null ? "—" : fmt(value),
    verdict: value == null ? "not measured" : value <= limit ? "met" : "missed",
  }));
}

const ratio = (a, b) => (a != null && b ? a / b : null);

// Formatting ---------------------------------------------------------------------------------

export const fmtMs = (x) => (x >= 100 ? `${Math.round(x).toLocaleString("en-US")} ms` : `${x.toFixed(1)} ms`);
export const fmtBytes = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} MB` : `${(x / 1e3).toFixed(1)} kB`);
export const fmtRatio = (x) => (x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`);
const fmtUnit = (unit) => ({ ms: fmtMs, bytes: fmtBytes, count: (x) => String(Math.round(x)) })[unit];

function cell(s, unit) {
  if (!s) return "—";
  const f = fmtUnit(unit);
  return s.n > 1 && s.min !== s.max ? `${f(s.median)} (${f(s.min)} – ${f(s.max)})` : f(s.median);
}

/** Rows of the main table: metric, each engine's median (min – max), Dunder's ratios. */
export function mainTable(summary, metrics, engines) {
  const header = ["Metric", ...engines.map((e) => ENGINE_LABELS[e]), "Dunder ÷ Pyodide", "Dunder ÷ Brython"];
  const rows = metrics
    .filter(({ key }) => engines.some((e) => summary[e]?.[key]))
    .map(({ key, label, unit }) => [
      label, ...engines.map((e) => cell(summary[e]?.[key], unit)),
      ...["pyodide", "brython"].map((peer) => {
        const r = ratio(summary.dunder?.[key]?.median, summary[peer]?.[key]?.median);
        return r == null ? "—" : fmtRatio(r);
      }),
    ]);
  const gm = (e) => summary[e]?.workloadGeomeanMs;
  rows.push(["Workload geomean (of the six medians)", ...engines.map((e) => (gm(e) ? fmtMs(gm(e)) : "—")),
    ...["pyodide", "brython"].map((peer) => (gm("dunder") && gm(peer) ? fmtRatio(gm("dunder") / gm(peer)) : "—"))]);
  return [header, ...rows];
}

/** Per URL, over an engine's loads: fetches per load before first output and their sizes. */
export function fileTable(loads, engine, top = 15) {
  const byUrl = new Map();
  const ofEngine = loads.filter((l) => l.engine === engine && l.play?.files);
  for (const load of ofEngine) {
    const until = load.play.marks?.firstOutput ?? Infinity;
    for (const f of load.play.files.filter((f) => f.startedMs <= until)) {
      const url = f.url.split("?")[0];
      const row = byUrl.get(url) ?? { url, fetches: 0, wireBytes: 0, brotliBytes: f.brotliBytes, dests: new Set() };
      row.fetches += 1;
      row.wireBytes = Math.max(row.wireBytes, f.wireBytes ?? 0);
      row.dests.add((f.dest ?? "?") + (f.cacheControl?.includes("no-cache") ? " (no-cache)" : ""));
      byUrl.set(url, row);
    }
  }
  const rows = [...byUrl.values()]
    .map((r) => ({ ...r, fetches: r.fetches / ofEngine.length, dests: [...r.dests].join(", ") }))
    .sort((a, b) => (b.brotliBytes ?? 0) * b.fetches - (a.brotliBytes ?? 0) * a.fetches);
  const shown = rows.slice(0, top);
  const rest = rows.slice(top);
  const table = [["File", "Fetches per load", "Requested as", "Wire bytes (each)", "Brotli bytes (each)"],
    ...shown.map((r) => [`\`${r.url}\``, trimNumber(r.fetches), r.dests, fmtBytes(r.wireBytes), r.brotliBytes == null ? "?" : fmtBytes(r.brotliBytes)])];
  if (rest.length) {
    table.push([`${rest.length} more files`, trimNumber(rest.reduce((a, r) => a + r.fetches, 0)), "",
      fmtBytes(rest.reduce((a, r) => a + r.wireBytes * r.fetches, 0)) + " total",
      fmtBytes(rest.reduce((a, r) => a + (r.brotliBytes ?? 0) * r.fetches, 0)) + " total"]);
  }
  return table;
}

const trimNumber = (x) => String(Math.round(x * 100) / 100);

export function markdownTable(rows) {
  const [header, ...body] = rows;
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...body.map(line)].join("\n");
}

/** Plain-text table for the terminal: columns padded to width. */
export function textTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join("  ")).join("\n");
}

// RESULTS.md ---------------------------------------------------------------------------------

const START = "<!-- results:start -->";
const END = "<!-- results:end -->";
const INTRO = `# Dunder vs Pyodide vs Brython vs native python3

Measured by \`node bench/compare.mjs [loads=5]\` (see the comments in bench/compare.mjs for what
each number means and how the pages are made comparable). The section between the two markers
below is rewritten on every run; write analysis outside it.

`;

/** Replace what is between the markers (adding them, and the file, if missing); nothing else. */
export async function writeResultsMarkdown(path, section) {
  const existing = await readFile(path, "utf8").catch(() => null);
  const block = `${START}\n${section.trim()}\n${END}`;
  let text;
  if (existing === null) text = `${INTRO}${block}\n`;
  else if (existing.includes(START) && existing.includes(END) && existing.indexOf(START) < existing.indexOf(END)) {
    text = existing.slice(0, existing.indexOf(START)) + block + existing.slice(existing.indexOf(END) + END.length);
  } else text = `${existing.replace(/\n*$/, "\n\n")}${block}\n`;
  await writeFile(path, text);
}
