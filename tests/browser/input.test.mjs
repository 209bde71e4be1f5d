// Interactive input(): the program pauses at input(), the reader answers in a field under the
// output, and the program goes on. Through the service worker on an ordinary static host, through
// shared memory where the host sends COOP/COEP, and a box given in advance where neither can work
// (the first visit), in the engine DUNDER_ENGINE names.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { serveDist, launchBrowser, openPage, setCode, waitIdle, outputText, statusText, pause, ENGINE, button, readyRun } from "./support.mjs";

const SHOTS = new URL(`./screenshots/${ENGINE}/`, import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

let server, isolatedServer, browser;
before(async () => {
  server = await serveDist();
  isolatedServer = await serveDist({ isolated: true });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); await isolatedServer?.close(); });

const FIELD = { css: ".input-line input" };
const runButton = (within) => ({ css: "button", text: /^Run/, within });

/** A page of the app once Dunder's service worker controls it (from the second load on, as
 *  for any returning reader). */
async function controlledPage(route, { viewport, ready = readyRun() } = {}) {
  const page = await openPage(browser, server.base + route, { viewport });
  await page.waitFor(() => navigator.serviceWorker.controller !== null, [],
    { timeout: 90000, what: "the service worker to control the page" });
  await page.reload();
  await page.waitForElement(ready, { timeout: 60000 });
  return page;
}

/** Wait until the program asks (the field is there and the output ends with `prompt`). */
async function waitForPrompt(page, prompt, within) {
  await page.waitFor((field, prompt, within) => {
    const box = within ? __maybe(within) : document;
    const output = box?.querySelector(".output")?.textContent ?? "";
    return !!box?.querySelector(field.css) && output.endsWith(prompt);
  }, [FIELD, prompt, within ?? null], { timeout: 30000, what: `the field for the prompt ${JSON.stringify(prompt)}` });
}

/** Type a line into the field for real and press Enter; returns ms until it is echoed. */
async function answer(page, text) {
  const before = (await outputText(page)).length;
  const focused = await page.focused();
  assert.equal(focused?.tag, "input", "the field has the focus when the program asks");
  const sent = Date.now();
  await page.type(text);
  const typedAt = Date.now();
  await page.press("Enter");
  await page.waitFor((n) => (document.querySelector(".output")?.textContent.length ?? 0) > n, [before],
    { timeout: 10000, what: "the answer to be echoed" });
  return { typingMs: typedAt - sent, echoMs: Date.now() - typedAt };
}

const DIALOGUE = [
  "name = input('name? ')",
  "colour = input('colour? ')",
  "print(f'{name} likes {colour}')",
  "try:",
  "    input('more? ')",
  "except EOFError:",
  "    print('no more')",
  "",
].join("\n");

test("play: several input() calls answered in the field, Ctrl+D raises EOFError", { timeout: 120000 }, async () => {
  const page = await controlledPage("play");
  assert.equal(await page.count("textarea"), 0, "no box to fill in advance when the program can ask");
  await setCode(page, DIALOGUE);
  await page.click(runButton());
  await waitForPrompt(page, "name? ");
  assert.match(await statusText(page), /^Waiting for your input/);
  const first = await answer(page, "Ada");
  await waitForPrompt(page, "colour? ");
  await page.screenshot(`${SHOTS}input-play-waiting.png`);
  const second = await answer(page, "green");
  await waitForPrompt(page, "more? ");
  await page.press("d", { ctrl: true });
  await waitIdle(page);
  assert.equal(await outputText(page), "name? Ada\ncolour? green\nAda likes green\nmore? no more\n");
  assert.deepEqual(await page.texts(".output .typed"), ["Ada\n", "green\n"], "what was typed is echoed, marked as typed");
  assert.match(await statusText(page), /^Finished/);
  assert.equal(await page.count(FIELD.css), 0, "the field goes once the program ends");
  console.log(`${ENGINE}: service worker channel, Enter to echo ${first.echoMs} ms and ${second.echoMs} ms`);
  assert.deepEqual(await page.problems(), []);
  await page.close();
});

test("the wait does not count toward the time limit; Stop works while the program waits", { timeout: 120000 }, async () => {
  const page = await controlledPage("play");
  await page.fill({ css: "input", label: /Time limit/ }, "1");
  await setCode(page, "import time\nt = time.process_time()\nx = input('? ')\nprint('got', x, time.process_time() - t < 0.5)\n");
  await page.click(runButton());
  await waitForPrompt(page, "? ");
  await pause(2500);
  assert.match(await statusText(page), /^Waiting for your input/, "still waiting, 2.5 s into a 1 s limit");
  await answer(page, "late");
  await waitIdle(page);
  assert.equal(await outputText(page), "? late\ngot late True\n");
  assert.match(await statusText(page), /^Finished in \d+ ms/, "the run time leaves out the wait");

  // A fresh VM's first traceback takes seconds in WebKit: give the rest a normal limit.
  await page.fill({ css: "input", label: /Time limit/ }, "30");
  await setCode(page, "input('wait: ')\n");
  await page.click(runButton());
  await waitForPrompt(page, "wait: ");
  await page.click(button("Stop"));
  await waitIdle(page, { timeout: 5000 });
  assert.match(await statusText(page), /^Stopped/);
  assert.equal(await page.count(FIELD.css), 0);
  await setCode(page, "print('again', input('? '))\n");
  await page.click(runButton());
  await waitForPrompt(page, "? ");
  await page.click(button("End input"));
  await waitIdle(page, { timeout: 40000 });
  assert.match(await statusText(page), /^Error on line 1/);
  assert.match(await outputText(page), /EOFError: EOF when reading a line\n$/);
  await page.close();
});

test("a lesson snippet and an embed ask too", { timeout: 120000 }, async () => {
  const page = await controlledPage("lesson/cpython-execution");
  const snippet = { css: ".snippet" };
  await setCode(page, "print(input('x = ') * 2)\n", snippet);
  await page.click(runButton(snippet));
  await waitForPrompt(page, "x = ", snippet);
  await answer(page, "ab");
  await waitIdle(page, { within: snippet });
  assert.equal(await outputText(page, snippet), "x = ab\nabab\n");

  // The embed route, as a snippet's Embed button links it.
  const link = server.base + "embed#lesson=cpython-execution&snippet=1";
  await page.goto(link);
  await page.waitForElement({ css: "button", text: /^Run$/ }, { timeout: 60000 });
  await setCode(page, "print('hi', input('who? '))\n");
  await page.click(runButton());
  await waitForPrompt(page, "who? ");
  await answer(page, "you");
  await waitIdle(page);
  assert.equal(await outputText(page), "who? you\nhi you\n");
  await page.close();
});

test("review: a card's demo asks too, inside the practice item", { timeout: 120000 }, async () => {
  // The lambda-closure card of lesson 1 has a demo; a v1 answer makes it due now.
  const card = "cpython-execution/card-2";
  const page = await controlledPage("review", { ready: { css: "h1", text: /^Review$/ } });
  await page.evaluate((card) => localStorage.setItem("dunder.progress",
    JSON.stringify({ version: 1, code: {}, answers: { [card]: false } })), card);
  await page.reload();
  const item = { css: `.practice-item[data-question="${card}"]` };
  await page.click({ css: "button[data-reveal]", within: item });
  const snippet = { css: ".snippet", within: item };
  await page.waitForElement(readyRun(snippet), { timeout: 60000 });
  await setCode(page, "n = int(input('how many? '))\nprint([lambda k=k: k for k in range(n)][-1]())\n", snippet);
  await page.click(runButton(snippet));
  await waitForPrompt(page, "how many? ", snippet);
  await answer(page, "4");
  await waitIdle(page, { within: snippet });
  assert.equal(await outputText(page, snippet), "how many? 4\n3\n");
  await page.close();
});

test("first visit: with no way to pause yet, play offers a box given in advance and says why", { timeout: 120000 }, async () => {
  const page = await openPage(browser, server.base + "play");
  await page.waitForElement(readyRun(), { timeout: 60000 });
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  assert.equal(controlled, false, "a fresh profile's first load is not controlled");
  assert.match(await page.text(".input-fallback"), /cannot pause a program to ask you for input yet/);
  await page.fill({ css: "textarea", label: /Input given in advance/ }, "Grace\n");
  await setCode(page, "print('hello', input('name? '))\n");
  await page.click(runButton());
  await waitIdle(page);
  assert.equal(await outputText(page), "name? hello Grace\n");
  await page.close();
});

test("a cross-origin isolated host: input() waits on shared memory, no service worker needed", { timeout: 120000 }, async () => {
  const page = await openPage(browser, isolatedServer.base + "play");
  await page.waitForElement(readyRun(), { timeout: 60000 });
  const { isolated, shared, controlled } = await page.evaluate(() => ({
    isolated: self.crossOriginIsolated === true,
    shared: typeof SharedArrayBuffer === "function",
    controlled: navigator.serviceWorker.controller !== null,
  }));
  assert.equal(controlled, false);
  if (!(isolated && shared)) {
    // WebKitGTK has no SharedArrayBuffer, isolated or not: the page must say so and offer the box.
    console.log(`${ENGINE}: crossOriginIsolated=${isolated}, SharedArrayBuffer=${shared}: the box given in advance`);
    assert.match(await page.text(".input-fallback"), /cannot pause a program/);
    await page.close();
    return;
  }
  assert.equal(await page.count(".input-fallback"), 0);
  await setCode(page, DIALOGUE);
  await page.click(runButton());
  await waitForPrompt(page, "name? ");
  const first = await answer(page, "Ada");
  await waitForPrompt(page, "colour? ");
  const second = await answer(page, "teal");
  await waitForPrompt(page, "more? ");
  await page.press("d", { ctrl: true });
  await waitIdle(page);
  assert.equal(await outputText(page), "name? Ada\ncolour? teal\nAda likes teal\nmore? no more\n");
  console.log(`${ENGINE}: shared-memory channel, Enter to echo ${first.echoMs} ms and ${second.echoMs} ms`);
  await page.close();
});

test("after End input, 10 000 more input() calls read end of file at once", { timeout: 120000 }, async () => {
  const page = await controlledPage("play");
  await setCode(page, "n = 0\nfor _ in range(10000):\n    try:\n        input('> ')\n    except EOFError:\n        n += 1\nprint(n, 'EOFs')\n");
  await page.click(runButton());
  await waitForPrompt(page, "> ");
  await page.click(button("End input"));
  await waitIdle(page, { timeout: 30000 });
  assert.match(await outputText(page), /10000 EOFs\n$/);
  assert.equal(await page.count(FIELD.css), 0, "it never asked again");
  await page.close();
});

test("phone width, dark: the field fits and works by touch", { timeout: 120000 }, async () => {
  const page = await controlledPage("play", { viewport: { width: 390, height: 844, touch: true } });
  await page.showTheme("dark");
  await setCode(page, "print('hello', input('name? '))\n");
  await page.click(runButton());
  await waitForPrompt(page, "name? ");
  const sideways = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(sideways <= 390, `the page scrolls sideways (${sideways} px)`);
  const onScreen = await page.evaluate(() => {
    const r = document.querySelector(".input-line input").getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.ok(onScreen, "the field is on screen when the program asks");
  await page.screenshot(`${SHOTS}input-play-waiting-phone-dark.png`);
  await page.type("Lin");
  await page.click(button("Send"));
  await waitIdle(page);
  assert.equal(await outputText(page), "name? Lin\nhello Lin\n");
  await page.close();
});
