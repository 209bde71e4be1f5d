//! What an embed's URL fragment may say besides the code (`code=…` or `lesson=…&snippet=…`, read
//! by the app): a title, the expected output, stdin and a theme, each percent-encoded the way
//! `encodeURIComponent` writes it (public/embed.js builds these fragments; people write them by
//! hand too, so bad input gets a message rather than a panic). Also the names of the messages the
//! embed frame and its host page (public/embed.js) exchange.

use crate::share::fragment_param;

/// Frame → host: `{ type, height }`, the frame's content height in CSS pixels. The first one
/// also says the frame is ready to show (embed.js then hides the host's `<pre>`).
pub const MSG_HEIGHT: &str = "dunder:height";
/// Host → frame: `{ type }`, the snippet is near the viewport, start Python now.
pub const MSG_BOOT: &str = "dunder:boot";
/// Host → frame: `{ type }`, "are you there?": the frame answers with its height (embed.js
/// may load after a hand-written iframe has already reported).
pub const MSG_HELLO: &str = "dunder:hello";
/// Host → frame: `{ type, theme: "light" | "dark" }`, follow the host's theme.
pub const MSG_THEME: &str = "dunder:theme";

/// Longest title, expected output or stdin accepted (decoded), so a huge fragment cannot
/// make the page slow; the code has its own limit (`share::MAX_CODE_BYTES`).
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    pub title: Option<String>,
    /// What the snippet should print; shown beside the output and compared after a run.
    pub expected: Option<String>,
    /// What `input()` reads.
    pub stdin: String,
    pub theme: Option<&'static str>,
}

/// The optional parameters of an embed fragment. Unknown parameters are ignored (links made by
/// a newer embed.js still open); a present but unreadable one is an error that names it.
pub fn options(fragment: &str) -> Result<EmbedOptions, String> {
    let text = |name: &str| -> Result<Option<String>, String> {
        fragment_param(fragment, name)
            .map(|raw| percent_decode(raw).map_err(|why| format!("The embed's {name} could not be read: {why}.")))
            .transpose()
    };
    let theme = match fragment_param(fragment, "theme") {
        None | Some("auto") => None,
        Some("light") => Some("light"),
        Some("dark") => Some("dark"),
        Some(other) => return Err(format!("The embed's theme must be light, dark or auto, not “{other}”.")),
    };
    Ok(EmbedOptions {
        title: text("title")?.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
        expected: text("expected")?,
        stdin: text("stdin")?.unwrap_or_default(),
        theme,
    })
}

/// `%XX` escapes (UTF-8) → text, as `decodeURIComponent` reads them; `+` stays a plus (it is
/// not a space in a fragment).
pub fn percent_decode(raw: &str) -> Result<String, String> {
    if raw.len() > 3 * MAX_TEXT_BYTES {
        return Err(format!("it is longer than {} KB", MAX_TEXT_BYTES / 1024));
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            let byte = hex.and_then(|h| u8::from_str_radix(h, 16).ok()).ok_or("a % is not followed by two hex digits")?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    if out.len() > MAX_TEXT_BYTES {
        return Err(format!("it is longer than {} KB", MAX_TEXT_BYTES / 1024));
    }
    String::from_utf8(out).map_err(|_| "it is not valid UTF-8 text".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_encode_uri_component_writes() {
        // encodeURIComponent("Hello, wörld & 🐍\n") in a browser:
        assert_eq!(percent_decode("Hello%2C%20w%C3%B6rld%20%26%20%F0%9F%90%8D%0A").unwrap(), "Hello, wörld & 🐍\n");
        assert_eq!(percent_decode("a+b").unwrap(), "a+b");
        assert_eq!(percent_decode("").unwrap(), "");
    }

    #[test]
    fn refuses_broken_escapes_and_huge_text() {
        assert!(percent_decode("50%").unwrap_err().contains("two hex digits"));
        assert!(percent_decode("%zz").unwrap_err().contains("two hex digits"));
        assert!(percent_decode("%C3").unwrap_err().contains("UTF-8"));
        assert!(percent_decode(&"a".repeat(MAX_TEXT_BYTES + 1)).unwrap_err().contains("longer"));
        assert!(percent_decode(&"%41".repeat(MAX_TEXT_BYTES)).is_ok());
    }

    #[test]
    fn options_from_a_fragment() {
        let o = options("code=abc&title=Two%20sums&expected=3%0A&stdin=1%0A2%0A&theme=dark").unwrap();
        assert_eq!(o.title.as_deref(), Some("Two sums"));
        assert_eq!(o.expected.as_deref(), Some("3\n"));
        assert_eq!(o.stdin, "1\n2\n");
        assert_eq!(o.theme, Some("dark"));
        assert_eq!(options("lesson=x&snippet=1").unwrap(), EmbedOptions::default());
        assert_eq!(options("code=abc&title=%20%20&theme=auto&future=1").unwrap(), EmbedOptions::default());
    }

    #[test]
    fn a_bad_parameter_is_named() {
        assert!(options("code=a&stdin=%E2%28").unwrap_err().contains("stdin"));
        assert!(options("code=a&theme=purple").unwrap_err().contains("purple"));
    }
}
