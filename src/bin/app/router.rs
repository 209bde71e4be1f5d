//! A small router at the top of the app. Every route is a real directory of `dist/` (see
//! .ci/post-build.sh), so links end in `/` and survive reload on any static host; inside the
//! app, clicks on our own links become history entries without reloading the page.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, prelude::*};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Play,
    Lesson(String),
    Embed,
    Review,
    Mock,
    Progress,
    Class,
    NotFound,
}

impl Route {
    /// `route` is the path below the app's base, e.g. `lesson/asyncio`.
    pub fn parse(route: &str) -> Route {
        let parts: Vec<&str> = route.split('/').filter(|p| !p.is_empty() && *p != "index.html").collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["play"] => Route::Play,
            ["embed"] => Route::Embed,
            ["review"] => Route::Review,
            ["mock"] => Route::Mock,
            ["progress"] => Route::Progress,
            ["class"] => Route::Class,
            ["lesson", slug] => Route::Lesson((*slug).to_owned()),
            _ => Route::NotFound,
        }
    }
}

thread_local! {
    // Arc-backed, not arena-backed: an arena signal belongs to whichever reactive owner first
    // touched this thread-local, and dies with it (the route memo re-running on the first
    // navigation disposed it, and the next read panicked). Each caller gets its own handle.
    static CURRENT: ArcRwSignal<String> = ArcRwSignal::new(crate::base::current_route());
}

/// The current route (path below the base), as a signal.
pub fn current() -> RwSignal<String> {
    CURRENT.with(|c| RwSignal::from(c.clone()))
}

fn set_current(route: String) {
    CURRENT.with(|c| c.set(route));
}

/// Follow in-app links without reloading, and the back/forward buttons.
pub fn install() {
    let Some(window) = web_sys::window() else { return };
    let on_pop = Closure::<dyn FnMut()>::new(|| set_current(crate::base::current_route()));
    window.set_onpopstate(Some(on_pop.as_ref().unchecked_ref()));
    on_pop.forget();

    let on_click = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(|event: web_sys::MouseEvent| {
        if event.default_prevented() || event.button() != 0 || event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key() {
            return;
        }
        let Some(anchor) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        if !anchor.target().is_empty() || anchor.has_attribute("download") {
            return;
        }
        let Some(window) = web_sys::window() else { return };
        let location = window.location();
        let same_origin = location.origin().ok() == Some(anchor.origin());
        let base = crate::base::router_base();
        let path = anchor.pathname();
        if !same_origin || !(path == base || path.starts_with(&format!("{base}/"))) {
            return;
        }
        // A link to a section of this very page: let the browser scroll.
        if location.pathname().ok().as_deref() == Some(path.as_str()) && !anchor.hash().is_empty() {
            return;
        }
        event.prevent_default();
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&anchor.href()));
        }
        set_current(crate::base::current_route());
        if anchor.hash().is_empty() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
    if let Some(document) = window.document() {
        let _ = document.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    }
    on_click.forget();
}
