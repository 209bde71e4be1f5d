// Where and on what the numbers were measured: versions, commit, machine.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

const ROOT = new URL("../../", import.meta.url).pathname;
const read = (path) => readFileSync(ROOT + path, "utf8");
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8" }).trim();

export function describeEnvironment(browserVersion) {
  // dist/ is built from the working tree, which may differ from HEAD: say so.
  const dirty = run("git", ["status", "--porcelain", "--", "src", "lessons", "Cargo.toml", "Cargo.lock", "index.html", "public"]);
  const rustpython = read("Cargo.lock").match(/name = "rustpython-vm"\nversion = "([^"]+)"/)?.[1] ?? "?";
  const cpuModel = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1];
  return {
    date: new Date().toISOString(),
    commit: run("git", ["rev-parse", "--short", "HEAD"]) + (dirty ? " (with uncommitted changes to the app's sources)" : ""),
    versions: {
      chromium: browserVersion,
      pyodide: JSON.parse(read("node_modules/pyodide/package.json")).version,
      brython: JSON.parse(read("node_modules/brython/package.json")).version,
      rustpython: rustpython,
      python3: run("python3", ["--version"]).replace(/^Python /, ""),
      node: process.versions.node,
    },
    machine: {
      cpu: cpuModel ?? cpus()[0]?.model ?? "?",
      cores: cpus().length,
      ramGiB: Math.round(totalmem() / 2 ** 30 * 10) / 10,
    },
  };
}
