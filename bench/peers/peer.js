// The UI both peer pages share: the same controls as Dunder's playground (code, Run, output,
// status line) with the same roles and labels, so the bench drives all three pages alike.
//
// Run is enabled as soon as this script has attached its handler (a click before that would be
// lost) and queues the run until the engine has loaded. That is what Dunder's playground does
// (its button reads "Run (starting Python…)" meanwhile), so on every page the learner can press
// Run at the earliest moment and "first output" measures engine start-up, not how soon a button
// happened to become enabled.
//
// `name` heads the page. `load()` starts the engine (called at once, at page load, as a real embed would) and resolves
// to a `run(code, write)` function; `write(text)` appends to the output; `run` throws on a Python
// error.
export function mountPeer(name, load) {
  const { code, runButton, output, status } = createControls(name);
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

/** The page's heading and controls, appended to the body: both peer pages are otherwise empty. */
function createControls(name) {
  const element = (tag, attributes = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    node.textContent = text;
    return node;
  };
  const code = element("textarea", { id: "code", "aria-label": "Python code", rows: "12", spellcheck: "false" });
  const runButton = element("button", { id: "run", disabled: "" }, "Run");
  const output = element("pre", { id: "output", role: "log", "aria-label": "Output" });
  const status = element("p", { id: "status", role: "status" });
  const buttonRow = element("p");
  buttonRow.append(runButton);
  document.body.append(element("h1", {}, name), code, buttonRow, output, status);
  return { code, runButton, output, status };
}
