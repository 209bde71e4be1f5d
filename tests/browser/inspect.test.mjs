// Inspect: first the protocol in the real built worker (wasm, in a Web Worker), talked to
// directly; then play's Inspect tab as a reader uses it, with screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { serveDist, launchBrowser, openPage, setCode, readyRun, runAndWait, outputText, ENGINE } from "./support.mjs";

const SHOTS = new URL(`./screenshots/${ENGINE}/`, import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Start a worker from the page's own origin, send `messages` once it is ready, and collect
 * replies until one of type `until` arrives. */
async function talk(page, messages, until) {
  return page.evaluate(async (messages, until) => {
    const worker = new Worker(new URL("worker_loader.js", document.baseURI), { type: "classic" });
    const replies = [];
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no reply: " + JSON.stringify(replies))), 60000);
      worker.onmessage = (event) => {
        const message = JSON.parse(event.data);
        replies.push(message);
        if (message.type === "ready") messages.forEach((m) => worker.postMessage(JSON.stringify(m)));
        if (message.type === until) {
          clearTimeout(timer);
          worker.terminate();
          resolve(replies);
        }
      };
    });
  }, messages, until);
}

test("the worker answers an Inspect request with facts from the VM", async () => {
  const page = await openPage(browser, server.base + "play");
  await page.waitForElement({ css: "button", text: /^Run/ }, { timeout: 30000 });
  const source = [
    "class A: pass", "class B(A): pass", "class C(A): pass", "class D(B, C):",
    "    def save(self): return super().save()", "class E(B):", "    def save(self): return 'E'",
    "class F(D, E): pass", "f = F()", "try:", "    int('x')", "except ValueError as e:",
    "    raise KeyError('k') from e",
  ].join("\n");
  const request = { supers: [{ class: "F", method: "save" }], lookups: [{ target: "f", name: "save" }] };
  const replies = await talk(page, [{ type: "inspect", id: 1, program: { source }, request }], "inspected");
  const answer = replies.at(-1);
  assert.equal(answer.type, "inspected", JSON.stringify(answer));
  const report = answer.report;
  assert.deepEqual(report.classes.find((c) => c.id === "F").mro, ["F", "D", "E", "B", "C", "A", "object"]);
  assert.deepEqual(report.supers[0].chain.map((l) => l.class), ["D", "E"]);
  assert.equal(report.lookups[0].steps[report.lookups[0].winner].owner, "D");
  assert.equal(report.exception.type, "KeyError");
  assert.equal(report.exception.cause.type, "ValueError");
  assert.deepEqual(report.timeline.map((c) => c.class), ["A", "B", "C", "D", "E", "F"]);
  // The program's output is not sent (the reader saw it in the run they already did).
  assert.ok(!replies.some((m) => m.type === "output"));
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("a bad request gets a message, not a dead worker", async () => {
  const page = await openPage(browser, server.base + "play");
  await page.waitForElement({ css: "button", text: /^Run/ }, { timeout: 30000 });
  const replies = await talk(page, [
    { type: "inspect", id: 1, program: { source: "x = 1" }, request: { lookups: "not a list" } },
    { type: "run", id: 2, program: { source: "print('still fine')" } },
  ], "done");
  // The malformed request is reported (as any unreadable message is)...
  assert.ok(replies.some((m) => m.type === "broken" && m.message.startsWith("bad message")), JSON.stringify(replies));
  // ...and the worker still runs the next program.
  assert.ok(replies.some((m) => m.type === "output" && m.text === "still fine\n"), JSON.stringify(replies));
  await page.close();
});

const DIAMOND = [
  "class A:", "    def save(self): return 'A'",
  "class B(A):", "    def save(self): return 'B' + super().save()",
  "class C(A):", "    def save(self): return 'C' + super().save()",
  "class D(B, C):", "    def save(self): return 'D' + super().save()",
  "d = D()", "print(d.save())",
  "try:", "    int('x')", "except ValueError as e:", "    raise KeyError('k') from e",
].join("\n");

/** Fill the Inspect form and press its button; wait for the report (the status line says so). */
async function inspect(page, { method = "", target = "", name = "", assign = "" } = {}) {
  await page.fill({ css: ".inspect-form input", label: /super\(\) chain of method/ }, method);
  await page.fill({ css: ".inspect-form input", label: /^Look up: object/ }, target);
  await page.fill({ css: ".inspect-form input", label: /^Look up: attribute/ }, name);
  await page.fill({ css: ".inspect-form input", label: /^Assign: a value/ }, assign);
  const ended = () => Number(document.querySelector(".inspect-panel")?.dataset.ended ?? -1);
  const before = await page.evaluate(ended);
  await page.click({ css: ".inspect-form button", text: /^Inspect$/ });
  await page.waitFor((before) => Number(document.querySelector(".inspect-panel").dataset.ended) > before, [before],
    { timeout: 60000, what: "the Inspect report" });
}

const texts = (page, css) => page.evaluate((css) => [...document.querySelectorAll(css)].map((e) => e.textContent), css);

test("play's Inspect tab: MRO graph and C3 steps, super() chain, lookup, timeline, exception tree", async () => {
  const page = await openPage(browser, server.base + "play");
  await page.waitForElement(readyRun(), { timeout: 60000 });
  await setCode(page, DIAMOND);
  await runAndWait(page);
  assert.match(await outputText(page), /^DBCA\n/);
  await page.click({ css: "[role=tab]", text: /^Inspect$/ });
  assert.equal(await page.evaluate(() => document.getElementById("panel-output").hidden), true, "the output tab is hidden");
  await inspect(page);
  assert.match(await page.text(".inspect-status"), /^Inspected in \d+ ms: the program raised an exception \(line 14\)\.$/);
  // The last class defined is shown first: D.
  assert.equal(await page.text(".inspect-section .mro code"), "(D, B, C, A, object)");
  const svg = await page.evaluate(() => {
    const s = document.querySelector(".inspect-drawing svg.inspect-graph");
    return s && { role: s.getAttribute("role"), tab: s.getAttribute("tabindex"), title: s.querySelector("title")?.textContent,
      boxes: s.querySelectorAll("g.node").length, edges: s.querySelectorAll("g.edge").length };
  });
  assert.deepEqual(svg, { role: "img", tab: "0", title: "Inheritance graph of D", boxes: 5, edges: 5 });
  const steps = await texts(page, ".inspect-section .c3-steps li");
  assert.equal(steps[0], "L[D] = D + merge(L[B], L[C], [B, C])");
  assert.equal(steps.at(-1), "MRO: D, B, C, A, object");
  assert.ok(steps.some((l) => / A waits: it appears in the tail of L\[C\], after C; take C$/.test(l)), steps.join("\n"));
  assert.ok(await page.count(".inspect-drawing svg.inspect-timeline") >= 1, "the class statement's timeline is drawn");
  assert.equal(await page.evaluate(() => document.querySelector("svg.inspect-exceptions title")?.textContent), "The exception KeyError, as a tree");
  assert.equal(await page.count("svg.inspect-exceptions g.exc"), 2, "KeyError and its cause");
  const tree = await texts(page, ".exception-tree li");
  assert.equal(tree[0], "KeyError: 'k'");
  assert.ok(tree.includes("direct cause: ValueError: invalid literal for int() with base 10: 'x'"), tree.join("\n"));

  // Now ask where super() goes and how d.save is found.
  await inspect(page, { method: "save", target: "d", name: "save" });
  const chain = await texts(page, ".super-chain > ol li");
  assert.deepEqual(chain, [
    "D().save() runs D.save",
    "super().save() inside D reaches B.save",
    "super().save() inside B reaches C.save",
    "super().save() inside C reaches A.save",
    "A.save does not call super(): the chain stops",
  ]);
  const lookup = await texts(page, ".lookup-steps li");
  assert.equal(lookup[0], "d.save (type D)");
  assert.ok(lookup.some((l) => /^\d\. non-data descriptor: wins/.test(l)), lookup.join("\n"));
  await shoot(page, "inspect-play");
  // An assignment: where `d.tag = 5` lands (D has no descriptor for it: the instance dict).
  await inspect(page, { target: "d", name: "tag", assign: "5" });
  const assigned = await texts(page, ".lookup-steps li");
  assert.equal(assigned[0], "d.tag = ...");
  assert.ok(assigned.some((l) => /^the value went to .*__dict__/.test(l)), assigned.join("\n"));
  // A share link from the Inspect tab opens on it, and runs nothing.
  await page.click({ css: "button", text: /^Share$/ });
  const link = await page.value({ css: "input", label: /Link to this code/ });
  assert.match(link, /#code=[^&]+&view=inspect$/);
  const shared = await openPage(browser, link);
  await shared.waitForElement(readyRun(), { timeout: 60000 });
  assert.equal(await shared.attribute({ css: "[role=tab]", text: /^Inspect$/ }, "aria-selected"), "true");
  assert.equal(await shared.evaluate(() => document.querySelector(".inspect-panel").dataset.ended), "0", "nothing inspected");
  assert.equal(await shared.textContent(".output"), "", "nothing ran");
  await shared.close();
  // Another class from the picker.
  await page.evaluate(() => {
    const select = document.querySelector(".inspect-form select");
    select.value = "B";
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await page.waitFor(() => document.querySelector(".inspect-section .mro code")?.textContent === "(B, A, object)", [], { what: "B's MRO" });
  // Run goes back to the output.
  await page.click({ css: "button", text: /^Run/ });
  await page.waitFor(() => document.getElementById("panel-inspect").hidden, [], { what: "the Output tab back after Run" });
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("Inspect: an impossible hierarchy shows Python's TypeError next to the failing C3 constraint", async () => {
  const page = await openPage(browser, server.base + "play");
  await page.waitForElement(readyRun(), { timeout: 60000 });
  await setCode(page, "class A: pass\nclass B: pass\nclass X(A, B): pass\nclass Y(B, A): pass\nclass Z(X, Y): pass\n");
  await page.click({ css: "[role=tab]", text: /^Inspect$/ });
  await inspect(page);
  const failed = await page.evaluate(() => {
    const s = document.querySelector(".failed-class");
    return s && { title: s.querySelector("h3").textContent, error: s.querySelector(".python-error").textContent,
      last: [...s.querySelectorAll(".c3-steps li")].at(-1)?.textContent };
  });
  assert.equal(failed.title, "class Z (line 5) was not created");
  assert.match(failed.error, /^TypeError: Cannot create a consistent method resolution order \(MRO\) for bases A, B$/);
  assert.match(failed.last, /^TypeError: no consistent order: A cannot come next: it appears in the tail of L\[Y\], after B/);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("Inspect on a runaway program stops at the time limit and the page stays usable", async () => {
  const page = await openPage(browser, server.base + "play");
  await page.waitForElement(readyRun(), { timeout: 60000 });
  await setCode(page, "class A: pass\nwhile True: pass\n");
  await page.click({ css: "[role=tab]", text: /^Inspect$/ });
  const started = Date.now();
  await inspect(page);
  assert.match(await page.text(".inspect-status"), /^Inspect stopped: the program ran for more than 10 s\.$/);
  assert.ok(Date.now() - started < 30000, "stopped by the limit");
  await setCode(page, "print('fine')\n");
  await runAndWait(page);
  assert.equal(await outputText(page), "fine\n");
  await page.close();
});

/** Desktop and phone, light and dark; nothing may overflow the phone's width. */
async function shoot(page, name, target = ".inspect-panel") {
  for (const [width, height, size] of [[1280, 900, "desktop"], [390, 844, "phone"]]) {
    await page.setViewport(width, height);
    for (const scheme of ["light", "dark"]) {
      await page.showTheme(scheme);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await page.evaluate((css) => document.querySelector(css).scrollIntoView(), target);
      await page.screenshot(`${SHOTS}${name}-${size}-${scheme}.png`);
    }
    if (size === "phone") {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth) - width;
      assert.ok(overflow <= 0, `${name}: ${overflow}px wider than the phone`);
    }
  }
  await page.setViewport(1280, 900);
  await page.showTheme("light");
}

test("lesson snippets of the object-model lessons offer Inspect, other lessons' do not", async () => {
  const page = await openPage(browser, server.base + "lesson/inheritance-and-mro/");
  const snippet = { css: ".snippet" };
  await page.waitForElement(readyRun(snippet), { timeout: 60000 });
  await page.click({ css: "button", text: /^Inspect$/, within: snippet });
  const panel = { css: ".inspect-panel", within: snippet };
  await page.waitForElement(panel);
  await page.click({ css: ".inspect-form button", text: /^Inspect$/, within: panel });
  await page.waitFor(() => Number(document.querySelector(".snippet .inspect-panel")?.dataset.ended ?? 0) > 0, [],
    { timeout: 60000, what: "the snippet's Inspect report" });
  assert.match(await page.text({ css: ".inspect-status", within: panel }), /^Inspected in \d+ ms/);
  assert.match(await page.text({ css: ".inspect-section .mro code", within: panel }), /^\(.+, object\)$/);
  assert.ok(await page.count({ css: "svg.inspect-graph", within: panel }) === 1, "the class's graph is drawn");
  await shoot(page, "inspect-lesson");
  await page.goto(server.base + "lesson/import-system/");
  await page.waitForElement(readyRun(snippet), { timeout: 60000 });
  assert.equal(await page.count({ css: "button", text: /^Inspect$/ }), 0, "the import lesson has nothing for Inspect to show");
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

/** Presses Inspect on the lesson snippet whose code includes `code`, fills the panel's fields
 * (`fields`: [label RegExp, value] pairs), runs it and waits for `ready` in the panel; returns
 * the panel's spec. `lesson` only names the page in messages. */
async function inspectLessonSnippet(page, lesson, code, ready, fields = []) {
  await page.waitForElement(readyRun({ css: ".snippet" }), { timeout: 60000 });
  const nth = await page.evaluate((code) => [...document.querySelectorAll(".snippet")]
    .findIndex((s) => s.querySelector(".cm-content")?.textContent.includes(code)), code);
  assert.ok(nth >= 0, `${lesson} has the snippet with ${code}`);
  const snippet = { css: ".snippet", nth };
  await page.click({ css: "button", text: /^Inspect$/, within: snippet });
  const panel = { css: ".inspect-panel", within: snippet };
  for (const [label, value] of fields) await page.fill({ css: "input", label, within: panel }, value);
  await page.click({ css: ".inspect-form button", text: /^Inspect$/, within: panel });
  await page.waitForElement({ css: ready, within: panel }, { timeout: 60000 });
  return panel;
}

test("Inspect on the lesson's except* snippet draws which clause took which leaves", async () => {
  const page = await openPage(browser, server.base + "lesson/exceptions-and-exception-groups/");
  const panel = await inspectLessonSnippet(page, "the exceptions lesson", "except* (TimeoutError, ConnectionError)", ".split-lines");
  const lines = await page.texts({ css: ".split-lines li", within: panel });
  // Three clauses ran (the third ValueError clause never does): the inner two, then the outer.
  assert.equal(lines.filter((l) => /^line \d+, `except\*/.test(l)).length, 3, lines.join("\n"));
  assert.ok(lines.some((l) => /`except\* ValueError as eg:` got \[ValueError\(bad id 7\), ValueError\(bad id 9\)\]$/.test(l)), lines.join("\n"));
  assert.ok(lines.some((l) => /`except\* KeyError as eg:` got \[KeyError\('region'\)\]$/.test(l)), lines.join("\n"));
  assert.equal(await page.count({ css: "svg.inspect-split .split-link", within: panel }), 4, "one line per leaf");
  const notes = await page.texts({ css: ".inspect-notes li", within: panel });
  assert.ok(!notes.some((n) => n.includes("except*")), `no spurious except* note: ${notes}`);
  await shoot(page, "inspect-except-star", ".inspect-section:has(svg.inspect-split)");
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("Inspect on the asyncio lesson's gather snippet draws a lane per task, overlapping sleeps", async () => {
  const page = await openPage(browser, server.base + "lesson/asyncio/");
  const panel = await inspectLessonSnippet(page, "the asyncio lesson", "sequential awaits:", "svg.inspect-tasks");
  // main, gather's two sleeps, and the two create_task sleeps.
  assert.equal(await page.count({ css: "svg.inspect-tasks .task-label", within: panel }), 5);
  // Each task in words: its head line, then its runs and waits (read inside this panel).
  const tasks = await page.evaluate(() => [...document.querySelectorAll(".inspect-section.tasks .task-head")]
    .map((h) => ({ head: h.textContent, lines: [...h.nextElementSibling.querySelectorAll("li")].map((li) => li.textContent) })));
  const all = JSON.stringify(tasks, null, 1);
  assert.match(tasks[0].head, /^Task-\d+ · main\(\), started by asyncio\.run at /);
  assert.match(tasks[0].lines.join("\n"), /^waited on gather of 2 \(line \d+\)/m);
  const made = (via) => tasks.filter((t) => new RegExp(` · sleep\\(\\), created by ${via} in Task-\\d+ at `).test(t.head));
  assert.equal(made("create_task").length, 2, all);
  const gathered = made("gather");
  assert.equal(gathered.length, 2, all);
  // The two gathered sleeps each waited about 0.1 s, and both waits began before either ended.
  const waits = gathered.map((t) => t.lines.map((l) => l.match(/^waited on asyncio\.sleep\(0\.1\) from ([\d.]+) ms to ([\d.]+) ms/)).find(Boolean))
    .map((m) => m && [Number(m[1]), Number(m[2])]);
  assert.ok(waits.every((w) => w && w[1] - w[0] >= 95), all);
  assert.ok(Math.max(...waits.map((w) => w[0])) < Math.min(...waits.map((w) => w[1])), all);
  await shoot(page, "inspect-tasks", ".inspect-section.tasks");
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("Count steps: opt-in, the same count on every run, and off again leaves runs uncounted", async () => {
  const page = await openPage(browser, server.base + "play");
  await page.waitForElement(readyRun(), { timeout: 60000 });
  await setCode(page, ["total = 0", "for i in range(1000):", "    total += i", "print(total)"].join("\n"));
  await runAndWait(page);
  assert.doesNotMatch(await page.text(".run-status"), /steps/, "not counted unless asked");
  await page.click({ css: "input[type=checkbox]", label: /Count steps/ });
  const counts = [];
  for (const _ of [1, 2]) {
    await runAndWait(page);
    const status = await page.text(".run-status");
    const m = status.match(/^Finished in [\d.]+ m?s\. ([\d,]+) steps \(lines of Python run\)\.$/);
    assert.ok(m, status);
    counts.push(m[1]);
  }
  // Two lines per turn plus a few: the exact figure is RustPython's (the native test pins its growth).
  assert.equal(counts[0], counts[1], "deterministic");
  const steps = Number(counts[0].replaceAll(",", ""));
  assert.ok(steps >= 2000 && steps <= 2010, `${steps}`);
  assert.match(await outputText(page), /^499500\n?$/);
  await shoot(page, "count-steps", ".workbench");
  await page.click({ css: "input[type=checkbox]", label: /Count steps/ });
  await runAndWait(page);
  assert.doesNotMatch(await page.text(".run-status"), /steps/);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("Bytecode of a function: RustPython's instructions by line, labelled, and a built-in says why it has none", async () => {
  const page = await openPage(browser, server.base + "lesson/cpython-execution/");
  const panel = await inspectLessonSnippet(page, "the bytecode lesson", "dis.get_instructions(greet)", "table.bytecode", [[/^Bytecode of/, "greet"]]);
  assert.match(await page.text({ css: ".bytecode-view h3", within: panel }), /^Bytecode of greet \(RustPython's\)$/);
  const rows = await page.evaluate(() => [...document.querySelectorAll("table.bytecode tbody tr")].map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.equal(rows[0][2], "RESUME", JSON.stringify(rows));
  assert.equal(rows.at(-1)[2], "RETURN_VALUE", JSON.stringify(rows));
  assert.ok(rows.some((r) => r[2] === "LOAD_GLOBAL" || r[2] === "LOAD_ATTR"), JSON.stringify(rows));
  assert.ok(rows.filter((r) => r[0] !== "").length >= 2, "line numbers on the rows that start a line");
  assert.ok(await page.count({ css: ".bytecode-view a[href*='cpython-execution']", within: panel }) === 2, "links to the lesson's text on CPython's bytecode");
  await shoot(page, "inspect-bytecode", ".bytecode-view");
  await page.fill({ css: "input", label: /^Bytecode of/, within: panel }, "len");
  await page.click({ css: ".inspect-form button", text: /^Inspect$/, within: panel });
  await page.waitFor((spec) => /has no Python bytecode/.test(__maybe(spec)?.textContent ?? ""), [{ css: ".bytecode-view .python-error" }], { timeout: 60000 });
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("a predict-the-output question offers Inspect once it is answered, not before", async () => {
  const page = await openPage(browser, server.base + "lesson/inheritance-and-mro/");
  const question = { css: ".quiz.predict" };
  await page.waitForElement(question, { timeout: 60000 });
  assert.equal(await page.count({ css: "button", text: /^Inspect$/, within: question }), 0, "no hint before the answer");
  await page.fill({ css: "textarea", label: /Your prediction/, within: question }, "no idea");
  await page.click({ css: "button", text: /^Run and compare$/, within: question });
  await page.waitForElement({ css: ".verdict", within: question }, { timeout: 60000 });
  await page.click({ css: "button", text: /^Inspect$/, within: question });
  const panel = { css: ".inspect-panel", within: question };
  await page.click({ css: ".inspect-form button", text: /^Inspect$/, within: panel });
  await page.waitForElement({ css: ".inspect-section .mro code", within: panel }, { timeout: 60000 });
  assert.match(await page.text({ css: ".inspect-status", within: panel }), /^Inspected in \d+ ms/);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("Measure growth: list membership plots as O(n), and a bad name says what is wrong", async () => {
  const page = await openPage(browser, server.base + "play");
  await page.waitForElement(readyRun(), { timeout: 60000 });
  await setCode(page, [
    "class Item:",
    "    def __init__(self, v): self.v = v",
    "    def __eq__(self, other): return self.v == other.v",
    "def items(n):",
    "    return [Item(i) for i in range(n)]",
    "def has_missing(seq):",
    "    return Item(-1) in seq",
  ].join("\n"));
  await page.click({ css: "[role=tab]", text: /^Inspect$/ });
  await page.fill({ css: "input", label: /^Measure growth: function/ }, "has_missing");
  await page.fill({ css: "input", label: /^Measure growth: input maker/ }, "items");
  await inspect(page);
  const lines = await page.texts(".growth-lines li");
  assert.match(lines[0], /^has_missing\(items\(n\)\) grows like O\(n\) \(R² 1\.000 on log scales\)$/, lines.join("\n"));
  // One step per comparison (Item.__eq__ is one line), plus has_missing's line and Item(-1)'s __init__.
  assert.ok(lines.includes("n = 1024: 1026 steps"), lines.join("\n"));
  assert.ok(await page.count("svg.inspect-growth .growth-point") >= 6, "one dot per size");
  await shoot(page, "inspect-growth", ".inspect-section.growth");
  await page.fill({ css: "input", label: /^Measure growth: function/ }, "nope");
  await inspect(page);
  await page.waitForElement({ css: ".growth .python-error", text: /^Could not measure: could not evaluate 'nope': NameError/ });
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("Inspect on 10 000 classes, a 200-deep chain and a hostile __getattribute__: clear words, a responsive page", async () => {
  const page = await openPage(browser, server.base + "play");
  await page.waitForElement(readyRun(), { timeout: 60000 });
  await setCode(page, [
    "class Base: pass",
    "made = []",
    "for i in range(10_000):",
    "    class K(Base): pass",
    "    made.append(K)",
    "class Hostile:",
    "    def __getattribute__(self, name): raise RuntimeError('no peeking')",
    "h = Hostile()",
  ].join("\n"));
  await page.click({ css: "[role=tab]", text: /^Inspect$/ });
  await inspect(page, { target: "h", name: "x" });
  assert.match(await page.text(".inspect-status"), /^Inspected in \d+ ms: the program finished\.$/);
  // The page still answers at once while it shows the result.
  const t0 = Date.now();
  await page.evaluate(() => document.title);
  assert.ok(Date.now() - t0 < 2000, "the page responds");
  assert.match(await page.text(".inspect-notes"), /more than 500 classes/);
  assert.match(await page.text(".lookup-steps"), /RuntimeError: no peeking/, "the hostile lookup is reported, not fatal");
  // Deep, not wide: the class is listed, its graph is too big to draw, the text stays.
  await setCode(page, "prev = object\nfor i in range(200):\n    class C(prev): pass\n    prev = C\n");
  await inspect(page);
  await page.waitForElement({ css: ".inspect-drawing-missing", text: /^No drawing: .*too many to draw/ });
  assert.match(await page.text(".inspect-section .mro code"), /^\(C#200, C#199, C#198, /);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});
