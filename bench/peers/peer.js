// The UI both peer pages share: the same controls as Dunder's playground (code, Run, output,
// status line) with the same roles and labels, so the bench drives all three pages alike.
//
// Run is enabled as soon as this script has attached its handler (a click before that would be
// lost) and queues the run until the engine has loaded. That is what Dunder's playground does
// (its button reads "Run (starting Python…)" meanwhile), so on every page the learner can press
// Run at the earliest moment and "first output" measures engine start-up, not how soon a button
// happened to become enabled.
//
// `load()` starts the engine (called at once, at page load, as a real embed would) and resolves
// to a `run(code, write)` function; `write(text)` appends to the output; `run` throws on a Python
// error.
export function mountPeer(load) {
  const code = document.getElementById("code");
  const runButton = document.getElementById("run");
  const output = document.getElementById("output");
  const status = document.getElementById("status");
  const write = (text) => output.append(text);
  status.textContent = "Starting Python…";
  const engine = load().then(
    (run) => { status.textContent = "Ready."; return run; },
    (err) => { status.textContent = `Python could not start: ${err}`; throw err; },
  );
  runButton.addEventListener("click", async () => {
    const source = code.value; // the code as it was when Run was pressed, like Dunder
    const run = await engine;
    output.replaceChildren();
    // (Never painted, as both engines run on the main thread; it keeps the state right anyway.)
    status.textContent = "Running…";
    const start = performance.now();
    try {
      await run(source, write);
      status.textContent = `Finished in ${Math.round(performance.now() - start)} ms.`;
    } catch (err) {
      // (An engine that already printed the traceback throws an error without a message.)
      if (err?.message) write(err.message);
      status.textContent = `Error (after ${Math.round(performance.now() - start)} ms).`;
    }
  });
  runButton.disabled = false;
}
