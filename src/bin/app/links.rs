//! Share links and embed snippets.

use dunder::share;

/// Absolute URL of an app route, for links that leave the page.
pub fn absolute(route: &str) -> String {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    format!("{origin}{}", crate::base::href(route))
}

/// A playground link carrying `code` (compressed, in the fragment: it never reaches a server).
pub fn playground_link(code: &str) -> String {
    format!("{}#code={}", absolute("play"), share::encode(code))
}

/// Ready-to-paste HTML for a blog: the iframe, and Dunder's embed.js, which sizes it to fit,
/// passes on the host's light/dark theme and starts Python only when the reader gets near it
/// (the blogger pastes no inline script; one embed.js serves every snippet of a page).
pub fn embed_html(fragment: &str, title: &str) -> String {
    let src = format!("{}#{fragment}", absolute("embed"));
    let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    let script = format!("{}embed.js", absolute(""));
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" style=\"width:100%;height:360px;border:0\" loading=\"lazy\"></iframe>\n\
         <script src=\"{script}\" async></script>"
    )
}

/// The current URL fragment (without `#`).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}
