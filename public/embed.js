// Dunder embeds for a blog post. The post adds, once:
//   <script src="https://<dunder site>/embed.js" async></script>
// and every <pre data-dunder> becomes a runnable snippet: an iframe of the Dunder site's embed
// page, with the pre's text as its code. Optional attributes on the <pre>: data-title,
// data-expected (the output it should print), data-stdin (what input() reads), data-theme
// ("light" | "dark" | "auto"; also on the <script> for the whole page).
//
// Why it works this way:
// - The code runs in a frame of the Dunder origin, so it can never reach the post's DOM, cookies
//   or storage; this script only creates frames, sizes them and passes on the theme.
// - The <pre> stays as it is until its frame has loaded and said how tall it is (readers
//   without JavaScript, or on a slow connection, still read the code).
// - Nothing heavy starts early: a frame is made when its <pre> comes within about a screen of
//   the viewport, and Python starts in it only when it is near the viewport (or on Run).
// - Hand-written iframes of the embed page get the same resizing, theme and lazy start.
(() => {
  const script = document.currentScript;
  if (!script || !script.src || window.DunderEmbed) return;
  const ROOT = new URL("./", script.src);
  const ORIGIN = ROOT.origin;
  const EMBED = new URL("embed/", ROOT).href;
  // Make the frame when the <pre> is this close; start Python when the frame is this close.
  const CREATE_MARGIN = "100% 0px";
  const BOOT_MARGIN = "300px 0px";
  const frames = new Set();
  let count = 0;

  const dark = window.matchMedia ? matchMedia("(prefers-color-scheme: dark)") : null;
  const fixedTheme = (value) => (value === "light" || value === "dark" ? value : null);
  // A <pre>'s own data-theme, else the script's, else the page's (<html data-theme>, as many
  // blogs' theme toggles set it), else the system preference. (An iframe's own
  // prefers-color-scheme follows the host's *declared* color-scheme, not the system's, so the
  // theme is always passed explicitly.)
  const themeOf = (frame) => fixedTheme(frame.dunder.pre?.dataset.theme) ?? fixedTheme(script.dataset.theme)
    ?? fixedTheme(document.documentElement.dataset.theme) ?? (dark?.matches ? "dark" : "light");

  const post = (frame, message) => frame.contentWindow?.postMessage(message, ORIGIN);
  const sendTheme = (frame) => {
    if (frame.dunder.own) return;
    const theme = themeOf(frame);
    frame.style.colorScheme = theme;
    if (frame.dunder.ready) post(frame, { type: "dunder:theme", theme });
  };

  /** Code → the fragment's `code=` (deflate-raw + base64url, as share links), or `source=`
   *  (percent-encoded) where CompressionStream is missing. */
  async function codeParam(code) {
    if (typeof CompressionStream !== "function") return "source=" + encodeURIComponent(code);
    const stream = new Blob([new TextEncoder().encode(code)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return "code=" + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /** Watch a frame: boot it when near, keep its theme. */
  function adopt(frame, pre) {
    // A hand-written iframe that names its theme keeps it.
    const own = pre ? null : fixedTheme(/[#&]theme=(\w+)/.exec(frame.src)?.[1]);
    frame.dunder = { pre, own, ready: false, near: false, booted: false };
    frames.add(frame);
    frame.style.colorScheme = own ?? themeOf(frame);
    if (bootObserver) bootObserver.observe(frame);
    else frame.dunder.near = true;
    // A hand-written frame may have loaded before this script: ask it for its height (it
    // answers once its app is up; if it is not up yet, its first report comes by itself).
    // (To any origin: the frame may still be on its first, blank document, and the message
    // carries nothing but its type.)
    if (!pre) frame.contentWindow?.postMessage({ type: "dunder:hello" }, "*");
  }

  function maybeBoot(frame) {
    const state = frame.dunder;
    if (state.ready && state.near && !state.booted) {
      state.booted = true;
      post(frame, { type: "dunder:boot" });
    }
  }

  async function upgrade(pre) {
    if (pre.dataset.dunderState) return;
    pre.dataset.dunderState = "loading";
    const n = ++count;
    const code = pre.textContent.replace(/\s+$/, "");
    const params = [await codeParam(code)];
    for (const name of ["title", "expected", "stdin"]) {
      if (pre.dataset[name] != null) params.push(`${name}=${encodeURIComponent(pre.dataset[name])}`);
    }
    const frame = document.createElement("iframe");
    frame.dunder = { pre };
    params.push("theme=" + themeOf(frame));
    frame.src = EMBED + "#" + params.join("&");
    frame.title = pre.dataset.title ? `Runnable Python: ${pre.dataset.title}` : `Runnable Python snippet ${n}`;
    frame.className = "dunder-embed";
    // Until it is ready: in the page (so it loads and can measure itself) but not shown, at
    // about the size it will have, so the text does not jump when it swaps in.
    const guess = Math.max(160, pre.getBoundingClientRect().height + 110);
    // (Transparent rather than visibility:hidden, which would stop the frame rendering at all.)
    frame.style.cssText = `display:block;width:100%;border:0;height:${Math.round(guess)}px;position:absolute;opacity:0;pointer-events:none`;
    pre.after(frame);
    adopt(frame, pre);
  }

  function reveal(frame) {
    const { pre } = frame.dunder;
    frame.style.position = "";
    frame.style.opacity = "";
    frame.style.pointerEvents = "";
    if (pre) {
      pre.hidden = true;
      pre.style.display = "none";
      pre.dataset.dunderState = "upgraded";
    }
  }

  addEventListener("message", (event) => {
    if (event.origin !== ORIGIN || !event.data || event.data.type !== "dunder:height") return;
    const frame = [...frames].find((f) => f.contentWindow === event.source);
    if (!frame) return;
    const height = Number(event.data.height);
    if (!Number.isFinite(height) || height <= 0) return;
    frame.style.height = Math.min(Math.ceil(height), 20000) + "px";
    if (!frame.dunder.ready) {
      frame.dunder.ready = true;
      reveal(frame);
      sendTheme(frame);
      maybeBoot(frame);
    }
  });

  const io = typeof IntersectionObserver === "function";
  const createObserver = io && new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      createObserver.unobserve(entry.target);
      upgrade(entry.target);
    }
  }, { rootMargin: CREATE_MARGIN });
  const bootObserver = io && new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      bootObserver.unobserve(entry.target);
      entry.target.dunder.near = true;
      maybeBoot(entry.target);
    }
  }, { rootMargin: BOOT_MARGIN });

  function scan(root = document) {
    for (const pre of root.querySelectorAll("pre[data-dunder]")) {
      if (pre.dataset.dunderState) continue;
      if (createObserver) createObserver.observe(pre);
      else upgrade(pre);
    }
    for (const frame of root.querySelectorAll("iframe")) {
      if (!frame.dunder && (frame.src.startsWith(EMBED) || frame.src.startsWith(EMBED.slice(0, -1) + "#"))) adopt(frame, null);
    }
  }

  const follow = () => frames.forEach(sendTheme);
  dark?.addEventListener?.("change", follow);
  new MutationObserver(follow).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["data-theme"] });

  window.DunderEmbed = { scan };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => scan());
  else scan();
})();
