// Runs inside every measured page (page.addInitScript, before the page's own scripts) and
// records, in the page's own clock, when things first happen: performance.now() is milliseconds
// since navigation start, and checking on every DOM mutation (plus every frame, for changes that
// are not mutations, like a stylesheet arriving) keeps Playwright's polling delay out of the
// numbers. Results are in window.__benchMarks. Must be self-contained: Playwright serialises it.
//
// config: { lesson?: { title, paragraph }, output?: string }
//   lessonVisible — an h1 reading `title` and a paragraph starting with `paragraph` are visible
//   runReady      — a visible, enabled button whose label starts with "Run"
//   runClicked    — the first click on that button
//   firstOutput   — the Output log (role=log, name Output) contains `output`
//   firstContentfulPaint — the browser's own paint timing, as a cross-check of lessonVisible
export function probe(config) {
  const marks = (window.__benchMarks = {});
  const now = () => performance.now();
  const text = (el) => el.textContent.replace(/\s+/g, " ").trim();
  const visible = (el) => el.getClientRects().length > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  const runButton = () => [...document.querySelectorAll("button")].find((b) => /^Run/.test(text(b)));
  const wanted = ["runReady", ...(config.lesson ? ["lessonVisible"] : []), ...(config.output ? ["firstOutput"] : [])];
  const done = () => wanted.every((key) => key in marks);

  function check() {
    if (!("runReady" in marks)) {
      const button = runButton();
      if (button && !button.disabled && visible(button)) marks.runReady = now();
    }
    if (config.lesson && !("lessonVisible" in marks)) {
      const heading = [...document.querySelectorAll("h1")].find((h) => text(h) === config.lesson.title && visible(h));
      const paragraph = heading && [...document.querySelectorAll("p")].find(
        (p) => text(p).startsWith(config.lesson.paragraph) && visible(p));
      if (paragraph) marks.lessonVisible = now();
    }
    if (config.output && !("firstOutput" in marks)) {
      const log = document.querySelector('[role="log"][aria-label="Output"]');
      if (log && log.textContent.includes(config.output)) marks.firstOutput = now();
    }
    // Stop watching once everything is seen: the workload runs that follow should not pay for it.
    if (done()) observer.disconnect();
  }

  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  const onFrame = () => { check(); if (!done()) requestAnimationFrame(onFrame); };
  requestAnimationFrame(onFrame);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntriesByName("first-contentful-paint")) marks.firstContentfulPaint ??= entry.startTime;
  }).observe({ type: "paint", buffered: true });
  addEventListener("click", (event) => {
    const button = event.target.closest?.("button");
    if (button && button === runButton() && !("runClicked" in marks)) marks.runClicked = now();
  }, true);
}
