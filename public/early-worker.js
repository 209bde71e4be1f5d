// Starts the Python worker as soon as the page's HTML is parsed, before the app's own wasm has
// loaded: the VM's download, compilation and start-up then overlap with the UI's, which is most
// of the time to a first output. The app adopts this worker (src/bin/app/python.rs). Until then
// its messages are kept here: a worker's messages are not queued for a listener added later.
"use strict";
(() => {
  const early = { messages: [], errors: [] };
  try {
    early.worker = new Worker(new URL("worker_loader.js", document.baseURI));
    early.worker.onmessage = (event) => early.messages.push(event.data);
    early.worker.onerror = (event) => { event.preventDefault(); early.errors.push(event.message || ""); };
  } catch (error) {
    // The app starts its own worker, and reports the problem if that fails too.
    early.worker = null;
  }
  window.dunderEarlyWorker = early;
})();
