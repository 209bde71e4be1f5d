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

/// Ready-to-paste HTML for a blog: the iframe, and a one-line listener that lets it grow to fit.
pub fn embed_html(fragment: &str, title: &str) -> String {
    let src = format!("{}#{fragment}", absolute("embed"));
    let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" style=\"width:100%;height:360px;border:0\" loading=\"lazy\"></iframe>\n\
         <script>addEventListener(\"message\",e=>{{if(e.data&&e.data.type===\"dunder:height\")for(const f of document.getElementsByTagName(\"iframe\"))if(f.contentWindow===e.source)f.style.height=e.data.height+\"px\"}})</script>"
    )
}

/// The current URL fragment (without `#`).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}
