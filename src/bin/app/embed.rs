//! The embed page: one runnable snippet (a lesson's, or shared code) with no site chrome, for an
//! `<iframe>` in a blog post (public/embed.js makes these from a post's `<pre data-dunder>`).
//! Code never runs before the reader presses Run, and edits are not saved (the embed lives on
//! someone else's page).
//!
//! Nothing boots until needed: Python (a ~4 MB download and a VM of its own) starts only when
//! the host page's embed.js says the snippet is near the viewport, when the frame itself becomes
//! visible (hand-written iframes), or when Run is pressed, whichever comes first. A post with
//! ten snippets then starts only the VMs that a reader actually scrolls to.

use crate::course::lesson;
use crate::editor::CodeEditor;
use crate::links;
use crate::output_view::{OutputView, RunState};
use crate::python::{self, VmState};
use dunder::embed::{self as params, EmbedOptions, MSG_BOOT, MSG_HEIGHT, MSG_HELLO, MSG_THEME};
use dunder::lesson::{Block, output_matches};
use dunder::runner::Program;
use dunder::runner::output::Stream;
use dunder::share;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, prelude::*};

/// What the fragment asks for: `code=…` (compressed, as share links carry it), `source=…`
/// (percent-encoded text, for engines without CompressionStream and for hand-written links),
/// or `lesson=<slug>&snippet=<n>`.
fn requested_code(fragment: &str) -> Result<(String, String), String> {
    if let Some(encoded) = share::fragment_param(fragment, "code") {
        return share::decode(encoded).map(|code| (code, "Shared Python code".to_owned()));
    }
    if let Some(raw) = share::fragment_param(fragment, "source") {
        return params::percent_decode(raw)
            .map(|code| (code, "Python code".to_owned()))
            .map_err(|why| format!("The embed's source could not be read: {why}."));
    }
    let slug = share::fragment_param(fragment, "lesson").ok_or("This embed link names no code.")?;
    let n: usize = share::fragment_param(fragment, "snippet")
        .and_then(|n| n.parse().ok())
        .ok_or("This embed link names no snippet number.")?;
    let (_, lesson) = lesson(slug).ok_or_else(|| format!("There is no lesson called “{slug}”."))?;
    lesson
        .blocks()
        .filter_map(|b| match b {
            Block::Runnable(r) => Some(r.code.clone()),
            _ => None,
        })
        .nth(n.saturating_sub(1))
        .map(|code| (code, format!("{} — snippet {n}", lesson.title)))
        .ok_or_else(|| format!("Lesson “{}” has no snippet {n}.", lesson.title))
}

/// The host page's window, when we are framed.
fn parent() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok()??;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Tell the host page how tall we are (embed.js resizes the iframe, and shows it instead of the
/// host's `<pre>` on the first message). Only the height is ever posted, so any origin may hear it.
fn report_height() {
    let Some(window) = web_sys::window() else { return };
    let height = window.document().and_then(|d| d.body()).map_or(0, |b| b.scroll_height());
    if let Some(parent) = parent() {
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &MSG_HEIGHT.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &(height + 2).into());
        let _ = parent.post_message(&message, "*");
    }
}

/// Report the height again whenever the body changes size (the editor's layout settling after
/// the first report, fonts, a narrow screen wrapping lines), so a frame never ends up shorter
/// than its content. Through Reflect, like the IntersectionObserver below.
fn report_height_on_resize() {
    let Some(window) = web_sys::window() else { return };
    let Some(body) = window.document().and_then(|d| d.body()) else { return };
    let Ok(constructor) = js_sys::Reflect::get(&window, &"ResizeObserver".into()) else { return };
    let Ok(constructor) = constructor.dyn_into::<js_sys::Function>() else { return };
    let callback = Closure::<dyn FnMut()>::new(report_height);
    let Ok(observer) = js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(callback.as_ref())) else { return };
    if let Ok(observe) = js_sys::Reflect::get(&observer, &"observe".into()).and_then(|f| f.dyn_into::<js_sys::Function>().map_err(Into::into)) {
        let _ = observe.call1(&observer, &body);
    }
    callback.forget();
}

/// Start Python once `element` is on screen (an iframe's IntersectionObserver measures against
/// the top-level viewport; across origins it ignores a root margin, hence embed.js's own
/// "near the viewport" message). Called through Reflect: web-sys's IntersectionObserver
/// bindings are not among the crate's features.
fn boot_when_visible(element: &web_sys::Element, boot: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let Ok(constructor) = js_sys::Reflect::get(&window, &"IntersectionObserver".into()) else { return };
    let Ok(constructor) = constructor.dyn_into::<js_sys::Function>() else {
        // No observer (very old engines): boot now rather than never.
        boot();
        return;
    };
    let callback = Closure::<dyn Fn(js_sys::Array, JsValue)>::new(move |entries: js_sys::Array, observer: JsValue| {
        let visible = entries.iter().any(|e| js_sys::Reflect::get(&e, &"isIntersecting".into()).is_ok_and(|v| v.is_truthy()));
        if visible {
            boot();
            if let Ok(disconnect) = js_sys::Reflect::get(&observer, &"disconnect".into()).and_then(|f| f.dyn_into::<js_sys::Function>().map_err(Into::into)) {
                let _ = disconnect.call0(&observer);
            }
        }
    });
    let args = js_sys::Array::of1(callback.as_ref());
    if let Ok(observer) = js_sys::Reflect::construct(&constructor, &args)
        && let Ok(observe) = js_sys::Reflect::get(&observer, &"observe".into()).and_then(|f| f.dyn_into::<js_sys::Function>().map_err(Into::into))
    {
        let _ = observe.call1(&observer, element);
    }
    callback.forget();
}

#[component]
pub fn Embed() -> impl IntoView {
    let fragment = links::fragment();
    let (mut problem, options) = match params::options(&fragment) {
        Ok(options) => (None, options),
        Err(message) => (Some(message), EmbedOptions::default()),
    };
    let EmbedOptions { title: own_title, expected, stdin, theme } = options;
    if theme.is_some() {
        crate::theme::apply(theme);
    }
    let (original, title) = match requested_code(&fragment) {
        Ok((code, title)) => (code, own_title.unwrap_or(title)),
        Err(message) => {
            problem = Some(message);
            (String::new(), "Python".to_owned())
        }
    };
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{title} — Dunder"));
    }
    let code = RwSignal::new(original.clone());
    // Embeds register no service worker, so on another site's page a program cannot pause for
    // input (shared memory needs headers a blog cannot send): where the code reads input and
    // the post gave none, the reader types it in advance, as on play's first visit.
    let interactive = crate::input_answer::interactive_expected();
    let ask_in_advance = !interactive && stdin.is_empty() && (original.contains("input(") || original.contains("stdin"));
    let advance = RwSignal::new(String::new());
    let state = RunState::new();
    let RunState { log, finished, error_line, waiting } = state;
    let vm = python::state();
    // Whether this frame has asked for Python yet (python::state() says Starting before that).
    let booted = RwSignal::new(false);
    let boot = move || {
        if !booted.get_untracked() {
            booted.set(true);
            python::start();
        }
    };
    let run = Callback::new(move |()| {
        booted.set(true);
        let (on_output, on_finish) = state.start();
        // (python::run starts Python if needed, and keeps the run until it is ready.) A post's
        // own stdin is all the program reads; without one it asks the reader as it runs.
        let given = if stdin.is_empty() { advance.get_untracked() } else { stdin.clone() };
        let program = Program { source: code.get_untracked(), stdin: given, interactive: stdin.is_empty() && interactive, ..Default::default() };
        python::run(program, 10.0, on_output, on_finish);
    });
    let status = Signal::derive(move || match (vm.get(), finished.get()) {
        (VmState::Running, _) => "Running…".into(),
        (_, Some(text)) => text,
        (VmState::Starting, None) if booted.get() => "Starting Python…".into(),
        _ => String::new(),
    });
    // After a run that finished, say whether its output is the expected one.
    let verdict = {
        let expected = expected.clone();
        Signal::derive(move || {
            let expected = expected.as_ref()?;
            finished.get()?;
            let printed: String = log.with(|l| l.0.iter().filter(|(s, _)| *s == Stream::Stdout).map(|(_, t)| t.as_str()).collect());
            Some(output_matches(expected, &printed))
        })
    };
    Effect::new(move |_| {
        log.track();
        finished.track();
        verdict.track();
        request_animation_frame(report_height);
        // An off-screen cross-origin frame gets no animation frames (nor ResizeObserver
        // callbacks): a timer still runs, and reading the height lays the page out.
        set_timeout(report_height, std::time::Duration::from_millis(50));
    });
    // Once now too, by timer: browsers run no animation frames in a cross-origin frame that is
    // off screen, and embed.js shows the frame only after its first report.
    // And again while the editor and fonts settle, which an off-screen frame does unobserved.
    for ms in [0, 300, 1000, 2500] {
        set_timeout(report_height, std::time::Duration::from_millis(ms));
    }
    // The host page (embed.js) may say "near the viewport", ask for the height or pass on its
    // theme; only the frame's own parent is listened to, and no message can run code.
    let handle = window_event_listener(leptos::ev::message, move |event: web_sys::MessageEvent| {
        let from_parent = match (event.source(), parent()) {
            (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
            _ => false,
        };
        if !from_parent {
            return;
        }
        let data = event.data();
        let kind = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|t| t.as_string());
        match kind.as_deref() {
            Some(MSG_BOOT) => boot(),
            Some(MSG_HELLO) => report_height(),
            Some(MSG_THEME) => {
                let theme = js_sys::Reflect::get(&data, &"theme".into()).ok().and_then(|t| t.as_string());
                if let Some(theme) = theme.filter(|t| matches!(t.as_str(), "light" | "dark")) {
                    crate::theme::apply(Some(&theme));
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
    let main_ref = NodeRef::<leptos::html::Main>::new();
    main_ref.on_load(move |main| {
        boot_when_visible(&main, boot);
        report_height_on_resize();
    });
    let open_link = links::playground_link(&original);
    view! {
        <main class="embed" node_ref=main_ref aria-label=title.clone()>
            {problem.map(|message| view! { <p class="banner" role="alert">{message}</p> })}
            <CodeEditor code=code error_line=error_line.into() on_run=run label="Python code" />
            <div class="toolbar">
                <button class="primary" on:click=move |_| run.run(())>"Run"</button>
                <button on:click=move |_| python::stop() disabled=move || vm.get() != VmState::Running>"Stop"</button>
                <button on:click=move |_| code.set(original.clone())>"Reset"</button>
                <a class="open-full" href=open_link target="_blank" rel="noopener">"Open in Dunder"</a>
            </div>
            {ask_in_advance.then(|| view! {
                <label class="stdin">"Input given in advance (this page cannot pause the program to ask; input() reads these lines)"
                    <textarea rows="2" spellcheck="false"
                        prop:value=move || advance.get()
                        on:input=move |ev| advance.set(event_target_value(&ev))></textarea>
                </label>
            })}
            <OutputView log=log status=status waiting=waiting />
            {expected.map(|text| view! {
                <details class="embed-expected">
                    <summary>"Expected output"</summary>
                    <pre>{text}</pre>
                </details>
            })}
            {move || verdict.get().map(|ok| view! {
                <p class="embed-verdict" class:ok=ok role="status">
                    {if ok { "✓ The output matches the expected output." } else { "✗ The output differs from the expected output." }}
                </p>
            })}
            <crate::editor::EditorKeys />
        </main>
    }
}
