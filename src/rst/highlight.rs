//! Syntax colouring for the code blocks the spec has: JSON, HTTP, and a generic lexer for
//! Python, YAML and JavaScript (strings, comments, numbers, keywords). Output is escaped
//! HTML with `<span class>` tokens; anything unrecognised stays plain.

use super::html::escape_into;

/// The HTML of `code` in `language` (lower case); plain escaped text for languages it does
/// not know.
pub fn highlight(code: &str, language: &str) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    match language {
        "json" | "javascript" | "js" => lex(code, Lexer::json(language != "json"), &mut out),
        "http" => http(code, &mut out),
        "python" | "py" => lex(code, Lexer::PYTHON, &mut out),
        "yaml" | "yml" => lex(code, Lexer::YAML, &mut out),
        _ => escape_into(&mut out, code),
    }
    out
}

struct Lexer {
    comment: Option<&'static str>,
    keywords: &'static [&'static str],
    /// Mark a string followed by `:` as a key.
    keys: bool,
}

impl Lexer {
    const PYTHON: Lexer = Lexer {
        comment: Some("#"),
        keywords: &[
            "def", "return", "if", "else", "elif", "for", "in", "import", "from", "while", "None",
            "True", "False", "and", "or", "not", "class", "lambda", "is", "with", "as",
        ],
        keys: false,
    };
    const YAML: Lexer = Lexer {
        comment: Some("#"),
        keywords: &["true", "false", "null"],
        keys: true,
    };

    fn json(js: bool) -> Lexer {
        Lexer {
            comment: js.then_some("//"),
            keywords: &[
                "true", "false", "null", "var", "function", "return", "const", "let",
            ],
            keys: true,
        }
    }
}

fn span(class: &str, text: &str, out: &mut String) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    escape_into(out, text);
    out.push_str("</span>");
}

fn lex(code: &str, lexer: Lexer, out: &mut String) {
    let bytes = code.as_bytes();
    let mut i = 0;
    let mut plain_start = 0;
    let flush = |out: &mut String, from: usize, to: usize| {
        if from < to {
            escape_into(out, &code[from..to]);
        }
    };
    while i < bytes.len() {
        let c = bytes[i];
        let rest = &code[i..];
        if lexer.comment.is_some_and(|c| rest.starts_with(c)) {
            flush(out, plain_start, i);
            let end = rest.find('\n').map_or(code.len(), |e| i + e);
            span("c", &code[i..end], out);
            i = end;
            plain_start = i;
            continue;
        }
        if c == b'"' || c == b'\'' {
            flush(out, plain_start, i);
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != c && bytes[j] != b'\n' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(bytes.len());
            let after = code[end..].trim_start_matches([' ', '\t']);
            let class = if lexer.keys && after.starts_with(':') {
                "n"
            } else {
                "s"
            };
            span(class, &code[i..end], out);
            i = end;
            plain_start = i;
            continue;
        }
        if c.is_ascii_digit() || (c == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let boundary =
                i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
            if boundary {
                flush(out, plain_start, i);
                let mut j = i + 1;
                while j < bytes.len()
                    && (bytes[j].is_ascii_digit()
                        || matches!(bytes[j], b'.' | b'e' | b'E' | b'+' | b'-'))
                {
                    j += 1;
                }
                span("m", &code[i..j], out);
                i = j;
                plain_start = i;
                continue;
            }
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                j += 1;
            }
            let word = &code[i..j];
            let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
            if boundary && lexer.keywords.contains(&word) {
                flush(out, plain_start, i);
                span("k", word, out);
                plain_start = j;
            }
            i = j;
            continue;
        }
        if matches!(c, b'{' | b'}' | b'[' | b']' | b',' | b':') {
            flush(out, plain_start, i);
            span("p", &code[i..i + 1], out);
            i += 1;
            plain_start = i;
            continue;
        }
        i += code[i..].chars().next().map_or(1, char::len_utf8);
    }
    flush(out, plain_start, code.len());
}

/// An HTTP request: request line, headers, then a body coloured as JSON.
fn http(code: &str, out: &mut String) {
    let mut lines = code.split_inclusive('\n');
    if let Some(first) = lines.next() {
        let mut parts = first.trim_end().splitn(3, ' ');
        let method = parts.next().unwrap_or("");
        span("k", method, out);
        if let Some(path) = parts.next() {
            out.push(' ');
            span("nn", path, out);
        }
        if let Some(version) = parts.next() {
            out.push(' ');
            span("kr", version, out);
        }
        escape_into(out, &first[first.trim_end().len()..]);
    }
    let mut body = false;
    let mut rest = String::new();
    for line in lines {
        if body {
            rest.push_str(line);
            continue;
        }
        if line.trim().is_empty() {
            body = true;
            out.push_str(line);
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) => {
                span("n", name, out);
                span("p", ":", out);
                escape_into(out, value);
            }
            None => escape_into(out, line),
        }
    }
    if !rest.is_empty() {
        lex(&rest, Lexer::json(false), out);
    }
}

#[cfg(test)]
mod tests {
    use super::highlight;

    #[test]
    fn json_keys_strings_and_numbers() {
        assert_eq!(
            highlight(r#"{"a": "b<", "n": -1.5, "t": true}"#, "json").replace("&quot;", "\""),
            concat!(
                r#"<span class="p">{</span><span class="n">"a"</span><span class="p">:</span> "#,
                r#"<span class="s">"b&lt;"</span><span class="p">,</span> <span class="n">"n"</span>"#,
                r#"<span class="p">:</span> <span class="m">-1.5</span><span class="p">,</span> "#,
                r#"<span class="n">"t"</span><span class="p">:</span> <span class="k">true</span>"#,
                r#"<span class="p">}</span>"#
            )
        );
    }

    #[test]
    fn http_request_lines() {
        let html = highlight("GET /a?b=1 HTTP/1.1\nHost: x\n\n{}", "http");
        assert!(html.starts_with(r#"<span class="k">GET</span> <span class="nn">/a?b=1</span>"#));
        assert!(html.contains(r#"<span class="n">Host</span>"#));
    }

    #[test]
    fn unknown_languages_are_escaped() {
        assert_eq!(highlight("<b>", "text"), "&lt;b&gt;");
    }
}
