//! Share links: code travels compressed in the URL fragment (`#code=…`), which never reaches a
//! server. Decoding is defensive: links are hostile input (truncated, garbage, decompression
//! bombs), and every failure is a readable message, never a panic.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Code larger than this (after decompression) is refused.
pub const MAX_CODE_BYTES: usize = 1 << 20;
/// Fragments longer than this are refused before any decoding work (browsers cap whole URLs
/// at about 2 MB anyway).
pub const MAX_FRAGMENT_BYTES: usize = 1_500_000;

/// `code` → the text after `#code=`.
pub fn encode(code: &str) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(code.as_bytes(), 9);
    URL_SAFE_NO_PAD.encode(compressed)
}

/// The text after `#code=` → the code, or why it cannot be read.
pub fn decode(encoded: &str) -> Result<String, String> {
    if encoded.len() > MAX_FRAGMENT_BYTES {
        return Err(format!("The link is too long ({} KB); links can carry about 1 MB of code.", encoded.len() / 1024));
    }
    let compressed = URL_SAFE_NO_PAD
        .decode(encoded.trim().trim_end_matches('='))
        .map_err(|_| "The link is damaged: its code is not valid base64 (was it cut off when copied?).".to_owned())?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_CODE_BYTES).map_err(|e| {
        if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
            "The link's code is larger than 1 MB and was not opened.".to_owned()
        } else {
            "The link is damaged: its code could not be decompressed (was it cut off when copied?).".to_owned()
        }
    })?;
    String::from_utf8(bytes).map_err(|_| "The link is damaged: its code is not valid UTF-8 text.".to_owned())
}

/// Find `code=` in a URL fragment (`#code=…&theme=dark`).
pub fn fragment_param<'a>(fragment: &'a str, name: &str) -> Option<&'a str> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_any_text() {
        for code in ["", "print('hi')\n", "é ✓ 🐍\n\ttabs", &"x = 1\n".repeat(10_000)] {
            assert_eq!(decode(&encode(code)).unwrap(), code);
        }
    }

    #[test]
    fn compresses_typical_code() {
        let code = "def f(n):\n    return n * 2\n".repeat(50);
        assert!(encode(&code).len() < code.len() / 4);
    }

    #[test]
    fn rejects_garbage_truncation_and_bombs_with_a_message() {
        assert!(decode("!!!not base64!!!").unwrap_err().contains("not valid base64"));
        let good = encode(&"print(1)\n".repeat(100));
        assert!(decode(&good[..good.len() / 2]).unwrap_err().contains("damaged"));
        let bomb = encode(&"a".repeat(MAX_CODE_BYTES + 10));
        assert!(bomb.len() < 10_000, "a bomb is small");
        assert!(decode(&bomb).unwrap_err().contains("larger than 1 MB"));
        assert!(decode(&"A".repeat(MAX_FRAGMENT_BYTES + 1)).unwrap_err().contains("too long"));
        let latin1 = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 6));
        assert!(decode(&latin1).unwrap_err().contains("UTF-8"));
    }

    #[test]
    fn finds_fragment_parameters() {
        assert_eq!(fragment_param("#code=abc&theme=dark", "code"), Some("abc"));
        assert_eq!(fragment_param("#code=abc&theme=dark", "theme"), Some("dark"));
        assert_eq!(fragment_param("#codex=1", "code"), None);
    }
}
