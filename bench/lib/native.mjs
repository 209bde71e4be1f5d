// The same workloads file under the machine's own CPython, for scale.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parseWorkloadLines } from "./engines.mjs";

const WORKLOADS = new URL("../workloads.py", import.meta.url).pathname;

export async function runNative() {
  try {
    const { stdout } = await promisify(execFile)("python3", [WORKLOADS], { timeout: 600_000 });
    return { workloads: { mode: "one run", ok: true, results: parseWorkloadLines(stdout), output: stdout } };
  } catch (err) {
    return { error: `python3 ${WORKLOADS} failed: ${String(err.message).split("\n")[0]}` };
  }
}
