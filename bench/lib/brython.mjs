// The peer Brython page loads only the standard-library modules it needs, as a brython_modules.js
// (the file Brython's own tooling, `brython-cli make_modules`, makes for an app), cut here from
// the npm package's brython_stdlib.js so it always matches the installed Brython.
import { readFile, writeFile } from "node:fs/promises";

const STDLIB = new URL("../../node_modules/brython/brython_stdlib.js", import.meta.url).pathname;
export const MODULES_FILE = new URL("../peers/brython_modules.js", import.meta.url).pathname;

// What `import sys, time` loads from the stdlib bundle (found by running it with the full
// brython_stdlib.js and listing __BRYTHON__.imported): the peer page needs sys for stdout and the
// workloads need time. time.py's own import list also names _strptime, but only strptime() imports
// it, and that pulls in ~200 modules (re, datetime, locale…) that nothing here runs. A module that
// is missing would make Brython fetch /brython/Lib/<name>.py, which 404s: compare.mjs fails the load.
export const BRYTHON_MODULES = ["browser", "builtins", "sys", "time", "_locale"];

/** Write bench/peers/brython_modules.js; returns its size in bytes. */
export async function writeBrythonModules() {
  const source = await readFile(STDLIB, "utf8");
  // The bundle is `var scripts = {JSON};` on one line between a header and update_VFS(scripts).
  const start = source.indexOf("var scripts = ") + "var scripts = ".length;
  const end = source.indexOf("\n", start);
  const all = JSON.parse(source.slice(start, end).replace(/;\s*$/, ""));
  const picked = { $timestamp: all.$timestamp };
  for (const name of BRYTHON_MODULES) {
    if (!all[name]) throw new Error(`brython_stdlib.js has no module ${name}`);
    picked[name] = all[name];
  }
  const body = `__BRYTHON__.use_VFS = true;\nvar scripts = ${JSON.stringify(picked)}\n__BRYTHON__.update_VFS(scripts)\n`;
  await writeFile(MODULES_FILE, body);
  return Buffer.byteLength(body);
}
