// The benchmarks drive Chromium through playwright-core (their probes use its init scripts and
// network listing); the test suites use tests/browser/engines/ instead.
import { chromium } from "playwright-core";

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** Put code in the playground editor (replacing what is there). */
export async function setCode(page, code) {
  const editor = page.getByRole("textbox", { name: "Python code" });
  // fill() replaces the text of a contenteditable; check it did, and clear by hand if not.
  for (let attempt = 0; attempt < 3; attempt++) {
    await editor.fill(code);
    const text = (await page.locator(".cm-line").allTextContents()).join("\n");
    // (CodeMirror shows NUL, BOM and lone surrogates as placeholders: those cannot be compared.)
    if (code.length > 100_000 || /[\0\ufeff\ud800-\udfff]/.test(code)) return;
    if (text === code.replace(/\n$/, "") || text === code) return;
    await editor.press("ControlOrMeta+a");
    await editor.press("Delete");
  }
  throw new Error("could not set the editor's code");
}

