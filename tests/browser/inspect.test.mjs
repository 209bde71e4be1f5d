// The Inspect protocol in the real built worker (wasm, in a Web Worker): the page side of the
// Inspect tab does not exist yet, so this talks to the worker directly, as that tab will.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launchBrowser, openPage } from "./support.mjs";

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
