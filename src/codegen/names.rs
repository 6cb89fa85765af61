//! Rust names for spec names: cased by heck, keywords escaped, clashes numbered.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Words Rust reserves; a field or module with one of these names gets a raw identifier.
const KEYWORDS: [&str; 51] = [
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Module names an endpoint may not take, since a module's name is also its file's: the
/// keywords that cannot be raw identifiers (`self.rs` cannot be `mod r#self`; `type.rs` is
/// `mod r#type`), names the crate's own files and tests use
/// (`main.rs` would be a binary; `round_trip` is the example test's helper), and the crates
/// its code names by path (a module `serde` would make `serde::Serialize` ambiguous).
pub fn reserved_module_names() -> Vec<&'static str> {
    let mut reserved: Vec<&str> = NOT_RAW.to_vec();
    reserved.extend([
        "support",
        "lib",
        "types",
        "client",
        "server",
        "main",
        "build",
        "round_trip",
        "normal",
        "std",
        "core",
        "alloc",
        "proc_macro",
        "test",
        "http",
        "serde",
        "serde_json",
        "reqwest",
        "axum",
        "tokio",
    ]);
    reserved
}

/// Keywords that cannot be raw identifiers.
const NOT_RAW: [&str; 5] = ["crate", "self", "Self", "super", "_"];

/// Keeps letters, digits and `_`; a name starting with a digit gets a `_` first.
fn clean(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// An identifier, raw when it is a keyword. A name that is no identifier is cleaned first
/// (callers pass names from [`snake`] and [`camel`], but a panic here would be a crash on
/// user input).
pub fn ident(name: &str) -> Ident {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_";
    if !valid {
        let cleaned = clean(name);
        return Ident::new(
            if cleaned.trim_matches('_').is_empty() {
                "value"
            } else {
                &cleaned
            },
            Span::call_site(),
        );
    }
    if KEYWORDS.contains(&name) {
        if NOT_RAW.contains(&name) {
            return Ident::new(&format!("{name}_"), Span::call_site());
        }
        return Ident::new_raw(name, Span::call_site());
    }
    Ident::new(name, Span::call_site())
}

/// A field, module or function name (`snake_case`).
pub fn snake(name: &str) -> String {
    let snake = clean(&name.to_snake_case());
    if snake.trim_matches('_').is_empty() {
        return "field".into();
    }
    snake
}

/// A type or variant name (`UpperCamelCase`).
pub fn camel(name: &str) -> String {
    let camel = clean(&name.to_upper_camel_case());
    if camel.trim_matches('_').is_empty() {
        return "Value".into();
    }
    camel
}

/// Hands out names, numbering repeats (`Event`, `Event2`, ...).
#[derive(Default)]
pub struct Namer {
    taken: HashSet<String>,
    /// The next number to try for each base: 20,000 endpoints of one name must not try
    /// `name2` .. `name20000` each time (quadratic).
    next: std::collections::HashMap<String, usize>,
}

impl Namer {
    /// A namer with `reserved` already taken.
    pub fn with_reserved(reserved: &[&str]) -> Namer {
        Namer {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
            next: Default::default(),
        }
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `base`, or `base2`, `base3`... if taken.
    pub fn fresh(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let n = self.next.entry(base.to_owned()).or_insert(2);
        loop {
            let name = format!("{base}{n}");
            *n += 1;
            if self.taken.insert(name.clone()) {
                return name;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_rust() {
        assert_eq!(snake("getValidated3pid"), "get_validated3pid");
        assert_eq!(snake("m.relates_to"), "m_relates_to");
        assert_eq!(snake("3pid"), "_3pid");
        assert_eq!(camel("Third party identifier"), "ThirdPartyIdentifier");
        assert_eq!(camel("$EVENT_ID"), "EventId");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("a.b").to_string(), "a_b");
        assert_eq!(ident("a b").to_string(), "a_b");
        assert_eq!(ident("").to_string(), "value");
        assert_eq!(ident("_").to_string(), "value");
        let mut namer = Namer::with_reserved(&["Request"]);
        assert_eq!(namer.fresh("Request"), "Request2");
        assert_eq!(namer.fresh("Event"), "Event");
        assert_eq!(namer.fresh("Event"), "Event2");
    }
}
