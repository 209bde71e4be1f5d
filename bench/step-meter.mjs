// What "Count steps" costs in the browser: the same 300 000-step loop run plainly and with the
// step meter on (sys.settrace), in the built app's playground. Prints the run times the page
// reports ("Finished in ...", measured in the worker) and steps per second; asserts nothing.
// Usage: [DUNDER_ENGINE=chromium|firefox|webkit] node bench/step-meter.mjs [runs=3]
import { serveDist, launchBrowser, openPage, setCode, readyRun, runAndWait, ENGINE } from "../tests/browser/support.mjs";

const runs = Number(process.argv[2] ?? 3);
// 2 line events per turn: 150 000 turns ≈ 300 000 steps, Measure growth's budget per size.
const PROGRAM = "total = 0\nfor i in range(150000):\n    total += i\nprint(total)\n";
const server = await serveDist();
const browser = await launchBrowser();
const page = await openPage(browser, server.base + "play");
await page.waitForElement(readyRun(), { timeout: 60000 });
await setCode(page, PROGRAM);
const seconds = (status) => {
  const m = status.match(/^Finished in ([\d.]+) (ms|s)\./);
  if (!m) throw new Error(`unexpected status: ${status}`);
  return Number(m[1]) / (m[2] === "ms" ? 1000 : 1);
};
const times = { plain: [], counted: [] };
let steps = 0;
await runAndWait(page); // warm: the first run pays for anything loaded lazily
for (const mode of ["plain", "counted"]) {
  if (mode === "counted") await page.click({ css: "input[type=checkbox]", label: /Count steps/ });
  for (let i = 0; i < runs; i++) {
    await runAndWait(page, { timeout: 120000 });
    const status = await page.text(".run-status");
    times[mode].push(seconds(status));
    const counted = status.match(/([\d,]+) steps/);
    if (counted) steps = Number(counted[1].replaceAll(",", ""));
  }
}
await page.close();
await browser.close();
await server.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [plain, counted] = [median(times.plain), median(times.counted)];
console.log(`engine ${ENGINE}, ${runs} runs each, ${steps} steps counted`);
console.log(`plain:   median ${(plain * 1000).toFixed(0)} ms → ${(steps / plain / 1e6).toFixed(2)} M steps/s (runs ${times.plain.map((t) => (t * 1000).toFixed(0)).join(", ")} ms)`);
console.log(`counted: median ${(counted * 1000).toFixed(0)} ms → ${(steps / counted / 1e6).toFixed(2)} M steps/s (runs ${times.counted.map((t) => (t * 1000).toFixed(0)).join(", ")} ms)`);
console.log(`the meter makes the run ${(counted / plain).toFixed(1)}× slower`);
