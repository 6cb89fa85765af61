//! `:math:` as HTML: the LaTeX the spec writes (letters, sub- and superscripts, set
//! operators, braces, dots) turned into text with `<sub>`/`<sup>` and Unicode symbols, as
//! docutils' own math writer does. No TeX engine: anything else is shown as written.

use super::html::escape;

const SYMBOLS: &[(&str, &str)] = &[
    ("bigcup", "∪"),
    ("cup", "∪"),
    ("bigcap", "∩"),
    ("cap", "∩"),
    ("setminus", "∖"),
    ("ldots", "…"),
    ("dots", "…"),
    ("cdots", "⋯"),
    ("leq", "≤"),
    ("le", "≤"),
    ("geq", "≥"),
    ("ge", "≥"),
    ("neq", "≠"),
    ("ne", "≠"),
    ("in", "∈"),
    ("notin", "∉"),
    ("times", "×"),
    ("cdot", "·"),
    ("rightarrow", "→"),
    ("to", "→"),
    ("leftarrow", "←"),
    ("ll", "≪"),
    ("gg", "≫"),
    ("emptyset", "∅"),
    ("infty", "∞"),
    ("lt", "<"),
    ("gt", ">"),
    ("subset", "⊂"),
    ("subseteq", "⊆"),
    ("forall", "∀"),
    ("exists", "∃"),
    ("oplus", "⊕"),
    ("parallel", "∥"),
];

/// Binary operators written with a space either side.
const SPACED: &[&str] = &[
    "<", ">", "=", "−", "+", "≤", "≥", "≠", "∈", "∉", "×", "→", "←", "≪", "≫", "⊂", "⊆", "∖", "⊕",
];

/// The HTML of a `:math:` role's LaTeX.
pub fn to_html(latex: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = latex.chars().collect();
    render(&chars, &mut 0, &mut out, false, 0);
    out.trim().to_owned()
}

fn push_symbol(out: &mut String, symbol: &str) {
    if SPACED.contains(&symbol) {
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push(' ');
        out.push_str(&escape(symbol));
        out.push(' ');
    } else {
        out.push_str(&escape(symbol));
    }
}

/// Renders until the end or, inside a group, the closing brace. Groups nest at most
/// [`crate::limits::MAX_PROSE_DEPTH`] deep; braces deeper than that are shown as written, so
/// no formula can exhaust the stack.
fn render(chars: &[char], i: &mut usize, out: &mut String, group: bool, depth: usize) {
    let deeper = depth + 1;
    let nests = deeper <= crate::limits::MAX_PROSE_DEPTH;
    while *i < chars.len() {
        let c = chars[*i];
        *i += 1;
        match c {
            '}' if group => return,
            '{' if nests => render(chars, i, out, true, deeper),
            '_' | '^' => {
                let tag = if c == '_' { "sub" } else { "sup" };
                out.push_str(&format!("<{tag}>"));
                if chars.get(*i) == Some(&'{') && nests {
                    *i += 1;
                    render(chars, i, out, true, deeper);
                } else if let Some(&next) = chars.get(*i) {
                    *i += 1;
                    out.push_str(&escape(&next.to_string()));
                }
                out.push_str(&format!("</{tag}>"));
            }
            '\\' => {
                let start = *i;
                while *i < chars.len() && chars[*i].is_ascii_alphabetic() {
                    *i += 1;
                }
                let name: String = chars[start..*i].iter().collect();
                if name.is_empty() {
                    // `\{`, `\}`, `\,`, `\ `.
                    if let Some(&next) = chars.get(*i) {
                        *i += 1;
                        match next {
                            ',' | ' ' | ';' => out.push(' '),
                            other => out.push_str(&escape(&other.to_string())),
                        }
                    }
                } else if let Some((_, symbol)) = SYMBOLS.iter().find(|(n, _)| *n == name) {
                    push_symbol(out, symbol);
                } else if matches!(
                    name.as_str(),
                    "text" | "mathrm" | "textrm" | "mathit" | "operatorname" | "mathbf"
                ) {
                    if chars.get(*i) == Some(&'{') && nests {
                        *i += 1;
                        let mut inner = String::new();
                        render(chars, i, &mut inner, true, deeper);
                        out.push_str(&inner);
                    }
                } else if matches!(name.as_str(), "left" | "right" | "big" | "Big") {
                } else {
                    out.push_str(&escape(&name));
                }
            }
            '\'' => out.push('’'),
            '-' => push_symbol(out, "−"),
            c if SPACED.contains(&c.to_string().as_str()) => push_symbol(out, &c.to_string()),
            ',' => out.push_str(", "),
            ' ' => {}
            c if c.is_alphabetic() => {
                out.push_str("<i>");
                out.push(c);
                out.push_str("</i>");
            }
            c => out.push_str(&escape(&c.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    fn text(latex: &str) -> String {
        let html = to_html(latex);
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
    }

    #[test]
    fn braces_nested_past_the_bound_are_text_not_recursion() {
        for latex in [
            "{".repeat(100_000),
            "x_{".repeat(100_000),
            "\\text{".repeat(100_000),
        ] {
            let html = to_html(&latex);
            assert!(html.len() < latex.len() * 12, "bounded output");
        }
    }

    #[test]
    fn the_specs_formulas() {
        assert_eq!(text(r"S'(E)"), "S’(E)");
        assert_eq!(text(r"\{S'(E_1), S'(E_2), \ldots\}"), "{S’(E1), S’(E2), …}");
        assert_eq!(text(r"\bigcup C_i - \bigcap C_i"), "∪Ci − ∩Ci");
        assert_eq!(text(r"x < y"), "x < y");
        assert!(
            to_html("E_{10}").contains("<sub><i>E</i></sub>")
                || to_html("E_{10}").contains("<sub>10</sub>")
        );
    }
}
