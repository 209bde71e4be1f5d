//! The Dunder page: a Leptos app that renders lessons at once and talks to the Python worker.

#[cfg(target_arch = "wasm32")]
mod base;
#[cfg(target_arch = "wasm32")]
mod attempt;
#[cfg(target_arch = "wasm32")]
mod card;
#[cfg(target_arch = "wasm32")]
mod class;
#[cfg(target_arch = "wasm32")]
mod clock;
#[cfg(target_arch = "wasm32")]
mod dashboard;
#[cfg(target_arch = "wasm32")]
mod keys;
#[cfg(target_arch = "wasm32")]
mod mock;
#[cfg(target_arch = "wasm32")]
mod mock_report;
#[cfg(target_arch = "wasm32")]
mod practice_item;
#[cfg(target_arch = "wasm32")]
mod questions;
#[cfg(target_arch = "wasm32")]
mod review;
#[cfg(target_arch = "wasm32")]
mod course;
#[cfg(target_arch = "wasm32")]
mod editor;
#[cfg(target_arch = "wasm32")]
mod embed;
#[cfg(target_arch = "wasm32")]
mod links;
#[cfg(target_arch = "wasm32")]
mod home;
#[cfg(target_arch = "wasm32")]
mod input_answer;
#[cfg(target_arch = "wasm32")]
mod input_line;
#[cfg(target_arch = "wasm32")]
mod inspect_panel;
#[cfg(target_arch = "wasm32")]
mod lesson_page;
#[cfg(target_arch = "wasm32")]
mod output_view;
#[cfg(target_arch = "wasm32")]
mod play;
#[cfg(target_arch = "wasm32")]
mod progress_file;
#[cfg(target_arch = "wasm32")]
mod python;
#[cfg(target_arch = "wasm32")]
mod quiz;
#[cfg(target_arch = "wasm32")]
mod router;
#[cfg(target_arch = "wasm32")]
mod run_button;
#[cfg(target_arch = "wasm32")]
mod snippet;
#[cfg(target_arch = "wasm32")]
mod storage;
#[cfg(target_arch = "wasm32")]
mod theme;

#[cfg(target_arch = "wasm32")]
use leptos::prelude::*;

/// The page's title, as each page sets it when it renders.
#[cfg(target_arch = "wasm32")]
fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

#[cfg(target_arch = "wasm32")]
#[component]
fn NotFound() -> impl IntoView {
    set_title("Not found — Dunder");
    view! {
        <main class="page narrow">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. " <a href=crate::base::href("")>"Back to the course"</a></p>
        </main>
    }
}

#[cfg(target_arch = "wasm32")]
#[component]
fn App() -> impl IntoView {
    use router::Route;
    theme::init();
    router::install();
    let route = Memo::new(move |_| Route::parse(&router::current().get()));
    // The embed page lives in someone's blog post: it starts Python only when needed (see
    // embed.rs) and registers no service worker (bench/RESULTS.md, "Embeds": in a third-party
    // frame the worker's cache is partitioned by the host site, so precaching the whole app
    // there costs every reader ~30 requests and helps nobody's later visit to Dunder).
    if route.get_untracked() != Route::Embed {
        // Start Python now, in parallel with rendering whatever page is shown first.
        python::start();
        register_service_worker_once_python_is_up();
    }
    let problem = storage::problem();
    // The embed page is meant for an iframe: no site chrome around it.
    let embedded = move || route.get() == Route::Embed;
    view! {
        {move || (!embedded()).then(|| view! {
            <a class="skip-link" href="#content">"Skip to content"</a>
            <header class="site-header">
                <a class="brand" href=base::href("")>"Dunder"</a>
                <nav aria-label="Main">
                    <a class="wide-only" href=base::href("")>"Course"</a>
                    <a href=base::href("play")><span class="wide-only">"Playground"</span><span class="narrow-only" aria-hidden="true">"Play"</span></a>
                    <a href=base::href("review")>"Review"<DueBadge /></a>
                    <a href=base::href("mock")>"Mock"</a>
                    <a href=base::href("progress")>"Progress"</a>
                    <a href=base::href("class")>"Class"</a>
                </nav>
                <theme::ThemeToggle />
            </header>
        })}
        {move || problem.get().map(|message| view! {
            <div class="banner" role="alert">
                {message}
                <button on:click=move |_| problem.set(None)>"Dismiss"</button>
            </div>
        })}
        <div id="content">
            {move || match route.get() {
                Route::Home => view! { <home::Home /> }.into_any(),
                Route::Play => view! { <play::Play /> }.into_any(),
                Route::Lesson(slug) => view! { <lesson_page::LessonPage slug=slug /> }.into_any(),
                Route::Embed => view! { <embed::Embed /> }.into_any(),
                Route::Review => view! { <review::Review /> }.into_any(),
                Route::Mock => view! { <mock::Mock /> }.into_any(),
                Route::Progress => view! { <dashboard::Dashboard /> }.into_any(),
                Route::Class => view! { <class::Class /> }.into_any(),
                Route::NotFound => view! { <NotFound /> }.into_any(),
            }}
        </div>
    }
}

/// How many questions are due for review now, beside the header's Review link. It follows
/// every change to the history, and each page change (time passes between them).
#[cfg(target_arch = "wasm32")]
#[component]
fn DueBadge() -> impl IntoView {
    let revision = storage::revision();
    let route = router::current();
    let due = Memo::new(move |_| {
        revision.track();
        route.track();
        storage::read(|p| dunder::practice::schedule::due_count(p, questions::all(), clock::now()))
    });
    view! {
        <span class="due-badge" class:none=move || due.get() == 0>
            {move || due.get().to_string()}<span class="visually-hidden">" due"</span>
        </span>
    }
}

/// Offline support: the service worker precaches this build (see public/sw.js). Installing it
/// revalidates every file of the build, so it waits until Python is up and a moment more:
/// on a slow connection the first load gets the bandwidth to itself.
#[cfg(target_arch = "wasm32")]
fn register_service_worker_once_python_is_up() {
    use wasm_bindgen::{JsCast, prelude::Closure};
    const DELAY_MS: i32 = 3000;
    let state = python::state();
    Effect::new(move |registered: Option<bool>| {
        if registered == Some(true) || state.get() != python::VmState::Ready {
            return registered.unwrap_or(false);
        }
        let register = Closure::once_into_js(|| {
            let Some(window) = web_sys::window() else { return };
            let container = window.navigator().service_worker();
            if !container.is_undefined() {
                let _ = container.register(&crate::base::file("sw.js"));
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(register.unchecked_ref(), DELAY_MS);
        }
        true
    });
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        leptos::mount::mount_to_body(App);
        // A lesson page's static text (see dunder::lesson::prerender) has been shown until now;
        // the app has just rendered the same page, in the same task, so nothing flashes.
        if let Some(old) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("prerendered")) {
            old.remove();
        }
    }
}
