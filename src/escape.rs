//! Tree text made safe for an output stream: terminals, CI logs, JSON readers. Every byte a
//! spec tree wrote (a file or folder name, a message quoting a key, a source line) reaches
//! standard output or standard error through here, so no tree can send a terminal escape
//! (colours, OSC 8 links, erased lines), reorder what is shown (bidi controls), start a line of
//! its own, or issue a CI workflow command (GitHub Actions reads `::command::` at the start of a
//! line and the legacy `##[command]` anywhere in one).
//!
//! Pages have their own escaping (`crate::sanitize`, the HTML writers); this is for streams.

use std::borrow::Cow;

/// Whether `c` must not reach a stream raw: a control character other than a tab (C0, DEL,
/// C1), a bidi or zero-width format character, a line or paragraph separator.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// The legacy workflow command opener, which GitHub Actions obeys anywhere in a line.
const LEGACY_COMMAND: &str = "##[";

/// `text` for a terminal or a log: each unsafe character written as its Rust escape
/// (`\u{1b}`), and `##[` as `#\u{23}[`. Tabs stay; nothing else changes.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) && !text.contains(LEGACY_COMMAND) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_unicode());
        } else if c == '[' && out.ends_with("##") {
            out.pop();
            out.push_str("\\u{23}[");
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Serialised JSON made safe for a stream without changing a value: every unsafe character
/// (serde_json leaves format characters raw) and the `#` that would open a `##[` written as a
/// `\uXXXX` escape, which every JSON reader decodes back.
pub fn json_stream(json: String) -> String {
    if !json.chars().any(is_unsafe) && !json.contains(LEGACY_COMMAND) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Line breaks and tabs of serialised JSON are its own layout: inside a string,
        // serde_json has escaped them already.
        if is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t') {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else if c == '[' && out.ends_with("##") {
            out.pop();
            out.push_str("\\u0023[");
        } else {
            out.push(c);
        }
    }
    out
}

/// A GitHub Actions workflow command's message, whose tree text is already [`printable`],
/// escaped as the Actions toolkit escapes data (`%`, and the message's own CR and LF).
pub fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property (`file=`) of tree text: [`printable`], [`github_data`], and
/// `:` and `,`, which end it.
pub fn github_property(text: &str) -> String {
    github_data(&printable(text))
        .replace(':', "%3A")
        .replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_bidi_and_legacy_commands_are_escaped() {
        assert_eq!(printable("plain\ttab"), "plain\ttab");
        assert_eq!(printable("a\u{1b}[2Kb"), "a\\u{1b}[2Kb");
        assert_eq!(printable("x\n::error::y"), "x\\u{a}::error::y");
        assert_eq!(printable("evil\u{202e}txt.yaml"), "evil\\u{202e}txt.yaml");
        assert_eq!(printable("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(printable("say ##[error]x"), "say #\\u{23}[error]x");
        assert_eq!(printable("a\u{2028}b"), "a\\u{2028}b");
    }

    #[test]
    fn json_keeps_its_values_and_shows_nothing_raw() {
        let value = serde_json::json!({"file": "a\u{202e}b ##[add-mask]x \u{1b}"});
        let json = json_stream(serde_json::to_string_pretty(&value).unwrap());
        assert!(json.contains('\n'), "its layout stays");
        assert!(!json.contains('\u{202e}') && !json.contains("##[") && !json.contains('\u{1b}'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn github_escaping_follows_the_toolkit() {
        assert_eq!(github_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(github_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(github_property("x\u{1b}##[y"), "x\\u{1b}#\\u{23}[y");
    }
}
