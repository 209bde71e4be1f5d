//! Where the app lives. `dist/` must work from any sub-path of any static host, so the base is
//! read at run time from the page's `<base href>` (each route's HTML copy sets its own).

/// The path the app is served under, without a trailing slash ("" at the site root).
pub fn router_base() -> String {
    // Fixed for the page's lifetime, and asked for by every link: read it once.
    thread_local! { static BASE: String = read_base(); }
    BASE.with(Clone::clone)
}

fn read_base() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_owned()
}

/// A link to an app route such as `play` or `lesson/slug` (empty for home). Routes are
/// directories of `dist/`, so the link ends in `/`, as static hosts redirect to anyway.
pub fn href(route: &str) -> String {
    let route = route.trim_matches('/');
    if route.is_empty() { format!("{}/", router_base()) } else { format!("{}/{route}/", router_base()) }
}

/// The app route of the current page (`""`, `play`, `lesson/x`, `embed`).
pub fn current_route() -> String {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    let base = router_base();
    path.strip_prefix(&base).unwrap_or(&path).trim_matches('/').trim_end_matches("index.html").trim_end_matches('/').to_owned()
}

/// A file at the app root (not a route), such as `sw.js`.
pub fn file(name: &str) -> String {
    format!("{}/{name}", router_base())
}
