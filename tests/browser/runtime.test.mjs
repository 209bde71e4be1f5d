// The Python runtime in the real built app: the playground page driven in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launchBrowser, openPage, setCode, runAndWait, waitIdle, outputText } from "./support.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

async function playground() {
  const opened = await openPage(browser, server.base + "play");
  await opened.page.getByRole("button", { name: "Run" }).waitFor({ timeout: 30000 });
  return opened;
}

test("hello world runs and prints", async () => {
  const { page, context, problems } = await playground();
  await setCode(page, 'print("hello")');
  await runAndWait(page);
  assert.equal(await outputText(page), "hello\n");
  assert.match(await page.locator(".run-status").innerText(), /^Finished/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an uncaught error shows CPython's traceback and marks the line", async () => {
  const { page, context } = await playground();
  await setCode(page, "def half(n):\n    return n / 0\n\nprint(half(4))\n");
  await runAndWait(page);
  const text = await outputText(page);
  assert.equal(text, [
    "Traceback (most recent call last):",
    '  File "main.py", line 4, in <module>',
    "    print(half(4))",
    "          ~~~~^^^",
    '  File "main.py", line 2, in half',
    "    return n / 0",
    "           ~~^~~",
    "ZeroDivisionError: division by zero",
    "",
  ].join("\n"));
  assert.equal(await page.locator(".output .stderr").count(), 1, "traceback is on stderr");
  assert.match(await page.locator(".run-status").innerText(), /Error on line 2/);
  const marked = page.locator(".cm-error-line");
  assert.equal(await marked.count(), 1, "exactly one line is marked");
  assert.equal(await marked.innerText(), "    return n / 0");
  await context.close();
});

test("Stop ends an infinite loop within a second and the next run works", async () => {
  const { page, context } = await playground();
  await setCode(page, "while True:\n    pass\n");
  await page.getByRole("button", { name: /^Run/ }).click();
  await page.waitForFunction(() => document.querySelector(".run-status")?.textContent === "Running…");
  await page.waitForTimeout(300);
  const stopped = Date.now();
  await page.getByRole("button", { name: "Stop" }).click();
  await waitIdle(page, 5000);
  assert.ok(Date.now() - stopped < 1000, `stopped in ${Date.now() - stopped} ms`);
  assert.match(await page.locator(".run-status").innerText(), /^Stopped/);
  await setCode(page, 'print("again")');
  await runAndWait(page);
  assert.equal(await outputText(page), "again\n");
  await context.close();
});

test("the time limit stops a runaway program with a clear message", async () => {
  const { page, context } = await playground();
  await page.getByLabel("Time limit (s)").fill("1");
  await page.getByLabel("Time limit (s)").dispatchEvent("change");
  await setCode(page, "n = 0\nwhile True:\n    n += 1\n");
  await runAndWait(page, { timeout: 10000 });
  assert.match(await page.locator(".run-status").innerText(), /longer than the 1 s time limit/);
  await context.close();
});

test("output streams while the program is still running", async () => {
  const { page, context } = await playground();
  await setCode(page, "import time\nfor i in range(3):\n    print('tick', i)\n    time.sleep(0.5)\n");
  await page.getByRole("button", { name: /^Run/ }).click();
  await page.waitForFunction(() => document.querySelector(".output")?.textContent.includes("tick 0"));
  assert.equal(await page.locator(".run-status").innerText(), "Running…", "first line arrived before the end");
  assert.ok(!(await outputText(page)).includes("tick 2"));
  await waitIdle(page);
  assert.equal(await outputText(page), "tick 0\ntick 1\ntick 2\n");
  await context.close();
});

test("input() reads the stdin box line by line, then EOFError", async () => {
  const { page, context } = await playground();
  await page.getByLabel(/^Input/).fill("Ada\nGrace\n");
  await setCode(page, "print(input('first? '))\nprint(input())\ninput()\n");
  await runAndWait(page);
  const text = await outputText(page);
  assert.ok(text.startsWith("first? Ada\nGrace\nTraceback (most recent call last):\n"), text);
  assert.ok(text.endsWith("EOFError: EOF when reading a line\n"), text);
  await context.close();
});

test("asyncio.gather runs two 0.2 s sleeps concurrently", async () => {
  const { page, context } = await playground();
  await setCode(page, [
    "import asyncio, time",
    "async def nap(n):",
    "    await asyncio.sleep(0.2)",
    "    return n",
    "async def main():",
    "    start = time.perf_counter()",
    "    results = await asyncio.gather(nap(1), nap(2))",
    "    print(results, round(time.perf_counter() - start, 3))",
    "asyncio.run(main())",
  ].join("\n"));
  await runAndWait(page);
  const match = (await outputText(page)).match(/^\[1, 2\] ([0-9.]+)\n$/);
  assert.ok(match, await outputText(page));
  const elapsed = Number(match[1]);
  assert.ok(elapsed >= 0.2 && elapsed < 0.35, `took ${elapsed} s`);
  await context.close();
});

test("the JavaScript bridges are not importable", async () => {
  const { page, context } = await playground();
  await setCode(page, [
    "for name in ('js', 'browser', '_js', '_window', 'pyodide'):",
    "    try:",
    "        __import__(name)",
    "        print(name, 'IMPORTED')",
    "    except ImportError as e:",
    "        print(name, type(e).__name__)",
  ].join("\n"));
  await runAndWait(page);
  assert.equal(await outputText(page),
    "js ModuleNotFoundError\nbrowser ModuleNotFoundError\n_js ModuleNotFoundError\n_window ModuleNotFoundError\npyodide ModuleNotFoundError\n");
  await context.close();
});

test("the course's modules import in the browser too (not only natively)", async () => {
  const { page, context } = await playground();
  const modules = "os dataclasses contextlib typing inspect traceback copy threading asyncio json re " +
    "functools itertools collections weakref gc dis ast timeit struct array enum abc pstats profile " +
    "tomllib unittest doctest datetime decimal fractions random statistics heapq bisect operator io " +
    "pickle textwrap string types importlib importlib.util importlib.abc linecache tokenize queue " +
    "concurrent.futures selectors signal socket subprocess shutil pathlib tempfile logging argparse " +
    "csv hashlib base64 zlib math cmath secrets uuid sys";
  await setCode(page, [
    "failed = []",
    `for name in ${JSON.stringify(modules)}.split():`,
    "    try:",
    "        __import__(name)",
    "    except Exception as e:",
    "        failed.append(f'{name}: {type(e).__name__}: {e}')",
    "print(failed)",
    "import time, datetime",
    "print(time.perf_counter() > 0, datetime.datetime.now().year >= 2025)",
  ].join("\n"));
  await runAndWait(page, { timeout: 60000 });
  assert.equal(await outputText(page), "[]\nTrue True\n");
  await context.close();
});
