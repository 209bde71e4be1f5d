// Cold-load timings of the release dist/ in headless Chromium (fresh profile per load):
// navigation → playground usable (editor and Run present), → Python ready, → first output of
// print("hello") after pressing Run. Prints medians and ranges; asserts nothing (a measurement).
// Usage: node bench/startup.mjs [loads=5]
import { serveDist } from "../tests/browser/support.mjs";
import { launchBrowser } from "./lib/chromium.mjs";

const loads = Number(process.argv[2] ?? 5);
const server = await serveDist();
const browser = await launchBrowser();
const rows = [];
for (let i = 0; i < loads; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(server.base + "play/");
  await page.getByRole("button", { name: /^Run/ }).waitFor();
  const usable = Date.now() - start;
  await page.getByRole("textbox", { name: "Python code" }).fill('print("hello")');
  await page.getByRole("button", { name: /^Run/ }).click();
  await page.locator(".output").filter({ hasText: "hello" }).waitFor({ timeout: 60000 });
  const firstOutput = Date.now() - start;
  rows.push({ usable, firstOutput });
  await context.close();
}
await browser.close();
await server.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const key of ["usable", "firstOutput"]) {
  const xs = rows.map((r) => r[key]);
  console.log(`${key} ms: median ${median(xs)} (min ${Math.min(...xs)}, max ${Math.max(...xs)})`);
}
