// Which engine a suite runs in: DUNDER_ENGINE=chromium (default) | firefox | webkit.
import { Page } from "./page.mjs";

export const ENGINES = ["chromium", "firefox", "webkit"];
export const ENGINE = process.env.DUNDER_ENGINE ?? "chromium";
if (!ENGINES.includes(ENGINE)) throw new Error(`DUNDER_ENGINE must be one of ${ENGINES.join(", ")}, not ${ENGINE}`);

/** The browser: { engine, version, newPage() → Page, close() }. */
export async function launchBrowser() {
  const backend = ENGINE === "webkit"
    ? await (await import("./webkit.mjs")).launch()
    : await (await import("./puppeteer.mjs")).launch(ENGINE);
  return {
    engine: ENGINE,
    get version() { return backend.version; },
    async newPage() { return new Page(await backend.newPage()); },
    close: () => backend.close(),
  };
}
