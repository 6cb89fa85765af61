//! The bodies of the fuzz targets, shared by `cargo fuzz` (`fuzz_targets/`) and the stable
//! smoke run in CI (`tests/fuzz_smoke.rs`). Each takes arbitrary bytes and must return without
//! a panic, an abort or a hang, whatever they are; a target asserts what must hold on any input.
#![allow(dead_code)]

use std::path::Path;

use mxspec::source::FileId;

/// YAML or JSON text to nodes.
pub fn yaml(data: &[u8]) {
    use mxspec::source::yaml::{parse_counted, parse_with_libyaml};
    if let Ok(text) = std::str::from_utf8(data) {
        let read = parse_counted(FileId(0), text);
        // Differential: the JSON reader and libyaml agree wherever libyaml reads the text
        // (JSON it refuses, such as a tab indenting a block, only the JSON reader reads).
        let by_libyaml = parse_with_libyaml(FileId(0), text);
        // Compared as printed: `.nan` reads as NaN both ways, which `==` calls unequal.
        if by_libyaml.0.is_some() {
            assert_eq!(
                format!("{read:?}"),
                format!("{by_libyaml:?}"),
                "the JSON reader and libyaml disagree"
            );
        }
    }
}

/// Where the parts of a tree input go: the input is split at NUL bytes, part by part.
const TREE_FILES: [&str; 5] = [
    "api/a/group.yaml",
    "api/a/definitions/shared.yaml",
    "api/b/other.yaml",
    "event-schemas/schema/m.fuzz",
    "event-schemas/examples/m.fuzz",
];

/// Writes the tree an input stands for into `root`.
fn write_tree(root: &Path, data: &[u8]) -> bool {
    for (part, path) in data.split(|b| *b == 0).zip(TREE_FILES) {
        let path = root.join(path);
        let written = path
            .parent()
            .is_some_and(|dir| std::fs::create_dir_all(dir).is_ok())
            && std::fs::write(&path, part).is_ok();
        if !written {
            return false;
        }
    }
    std::fs::create_dir_all(root.join("api")).is_ok()
}

/// Loads the tree an input stands for and hands it to `then`.
fn with_tree(data: &[u8], then: impl FnOnce(&mut mxspec::Loaded)) {
    let Ok(tmp) = tempfile::tempdir() else {
        return;
    };
    if !write_tree(tmp.path(), data) {
        return;
    }
    if let Ok(mut loaded) = mxspec::load(tmp.path(), &Default::default()) {
        then(&mut loaded);
    }
}

/// Load and resolve a small tree, then dump every API both ways and bundle every document:
/// a bundle of a tree that loaded without an error has no ref that leaves it or names nothing
/// in it.
pub fn load(data: &[u8]) {
    with_tree(data, |loaded| {
        let clean = loaded
            .diagnostics
            .iter()
            .all(|d| d.severity() != mxspec::diagnostic::Severity::Error);
        let mut documents = Vec::new();
        for api in &loaded.spec.apis {
            let _ = mxspec::dump::swagger2(api);
            let _ = mxspec::dump::openapi3(api);
            documents.extend(api.groups.iter().map(|g| (g.file, g.format)));
        }
        for (file, format) in documents {
            let Ok(bundled) = mxspec::dump::bundle(&mut loaded.tree, file, format) else {
                continue;
            };
            let (_, dangling) = mxspec::dump::dangling_refs(&bundled.json);
            if clean && !dangling.is_empty() {
                panic!("the bundle has refs that name nothing in it: {dangling:?}");
            }
        }
    });
}

/// Load a small tree and run every check.
pub fn check(data: &[u8]) {
    with_tree(data, |loaded| {
        let report = mxspec::check::check(loaded);
        let _ = mxspec::diagnostic::render(
            &loaded.tree,
            &report.diagnostics,
            mxspec::diagnostic::Format::Human,
        );
    });
}

/// The RST parser and HTML writer; the page must stay script-free.
pub fn rst(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parsed = mxspec::rst::block::parse(text);
    let resolved = mxspec::rst::resolve::resolve(&mut parsed);
    let html = mxspec::rst::html::body(&resolved).to_ascii_lowercase();
    if let Some(tag) = scripted_tag(&html) {
        panic!("script in the page: {tag}\n{html}");
    }
    // The same text as rustdoc lines (what `gen rust` makes of a matrix-doc tree's
    // descriptions): RST to Markdown, autolinks, inert code blocks.
    let doc = mxspec::codegen::docs::description_attr(Some(text), mxspec::model::Prose::Rst);
    let _ = doc.to_string();
}

/// The Markdown renderer, with shortcodes of the page around it replaced as the site does; the
/// page must stay script-free, and every link must have an allowed scheme.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rendered = mxspec::markdown::render(
        text,
        &mut mxspec::markdown::Ids::default(),
        &mxspec::markdown::as_written,
    );
    let html = rendered.html.to_ascii_lowercase();
    if let Some(tag) = scripted_tag(&html) {
        panic!("script in the page: {tag}\n{html}");
    }
    for (link, _) in &rendered.links {
        assert!(mxspec::sanitize::safe_url(link), "unsafe link kept: {link}");
    }
    let _ = mxspec::content::shortcode::scan(text);
    // Bare addresses become autolinks for rustdoc: only `<` and `>` are added.
    let linked = mxspec::codegen::docs::autolink_bare_urls(text);
    let strip = |s: &str| s.replace(['<', '>'], "");
    assert_eq!(strip(&linked), strip(text), "autolinking changed the text");
    let _ = mxspec::markdown::render_inline(text, &mxspec::markdown::as_written);
    // Maths with matrix-spec's delimiters: formulas in order, apart, within the text, and
    // their MathML without script.
    let passthrough = mxspec::content::config::Passthrough {
        block: vec![("\\[".into(), "\\]".into()), ("$$".into(), "$$".into())],
        inline: vec![("\\(".into(), "\\)".into())],
    };
    let mut end = 0;
    for formula in mxspec::markdown::math::find(text, &passthrough) {
        assert!(formula.range.start >= end && formula.range.end <= text.len());
        end = formula.range.end;
        if let Ok(mathml) = mxspec::markdown::math::mathml(&formula.latex, formula.display) {
            let lower = mathml.to_ascii_lowercase();
            assert!(scripted_tag(&lower).is_none(), "script in MathML: {mathml}");
        }
    }
}

/// The first tag of `html` that could run script: a `<script>`, an event handler (`on...`),
/// or a `javascript:` / `vbscript:` URL in `href`, `src`, `action` or `formaction`. Tags are
/// read as a browser reads them, attribute by attribute: text, comments and other attributes'
/// values may say `href="javascript:` (fuzzing found all three) without being a link.
pub fn scripted_tag(html: &str) -> Option<&str> {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let (tag, after) = split_tag(rest);
        if tag_runs_script(tag) {
            return Some(tag);
        }
        rest = after;
    }
    None
}

/// The tag at the start of `text` (up to its `>`, quotes respected) and what follows.
fn split_tag(text: &str) -> (&str, &str) {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return (&text[..i], &text[i..]),
            _ => {}
        }
    }
    (text, "")
}

fn tag_runs_script(tag: &str) -> bool {
    let name_end = tag
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(tag.len());
    if tag[..name_end].eq_ignore_ascii_case("script") {
        return true;
    }
    let mut rest = &tag[name_end..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return false;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let mut value = "";
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, remaining) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = v;
            rest = remaining;
        }
        if name.starts_with("on") {
            return true;
        }
        if ["href", "src", "action", "formaction", "xlink:href"].contains(&name.as_str()) {
            // As a browser's URL parser reads it (WHATWG URL): leading and trailing C0
            // controls and spaces go, tabs and newlines anywhere go; any other control stays
            // and makes the scheme invalid (`jav\u{7}ascript:` is a relative URL; fuzzing
            // found that one).
            let url: String = value
                .trim_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect::<String>()
                .to_ascii_lowercase();
            if url.starts_with("javascript:") || url.starts_with("vbscript:") {
                return true;
            }
        }
    }
}

/// Names from the input (an API folder, operationIds, parameter and property names) through
/// a generated crate: every name must become Rust that parses.
pub fn codegen(data: &[u8]) {
    for (names, made) in codegen_crates(data) {
        match made {
            Err(mxspec::codegen::GenError::Invalid { file, message }) => {
                panic!("names {names:?} made Rust that does not parse in {file}: {message}")
            }
            Err(mxspec::codegen::GenError::Doctest { file, message }) => {
                panic!("names {names:?} made a doctest in {file}: {message}")
            }
            _ => {}
        }
    }
}

/// The crates the `codegen` target makes of `data` (six names, one per line, placed as a
/// folder, an operationId, a query parameter, a title, a property and an enum value), with
/// the names: what the corpus suite compiles a sample of.
pub fn codegen_crates(
    data: &[u8],
) -> Vec<(
    Vec<String>,
    Result<mxspec::codegen::Crate, mxspec::codegen::GenError>,
)> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Vec::new();
    };
    let mut names: Vec<&str> = text.split('\n').take(6).collect();
    names.resize(6, "x");
    let json = |s: &str| format!("{s:?}");
    for name in &names {
        let snake = mxspec::codegen::names::snake(name);
        let camel = mxspec::codegen::names::camel(name);
        let _ = mxspec::codegen::names::ident(&snake);
        let _ = mxspec::codegen::names::ident(&camel);
        let _ = mxspec::codegen::names::ident(name);
        let crate_name = mxspec::codegen::default_crate_name(name);
        assert!(
            mxspec::codegen::is_crate_name(&crate_name),
            "{name:?} gave {crate_name:?}"
        );
    }
    let group = format!(
        "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths:\n  /x/{{p}}:\n    post:\n      operationId: {}\n      parameters:\n        - {{in: path, name: p, required: true, type: string}}\n        - {{in: query, name: {}, type: string}}\n        - in: body\n          name: body\n          schema:\n            type: object\n            title: {}\n            properties:\n              {}: {{type: string, enum: [{}]}}\n      responses:\n        200: {{description: ok}}\n",
        json(names[1]),
        json(names[2]),
        json(names[3]),
        json(names[4]),
        json(names[5]),
    );
    let Ok(tmp) = tempfile::tempdir() else {
        return Vec::new();
    };
    let folder: String = names[0]
        .chars()
        .filter(|c| !matches!(c, '/' | '\0' | '\\'))
        .collect();
    let folder = if folder.is_empty() || folder == "." || folder == ".." {
        "api".to_owned()
    } else {
        folder
    };
    let dir = tmp.path().join("api").join(&folder);
    if std::fs::create_dir_all(&dir).is_err() || std::fs::write(dir.join("g.yaml"), group).is_err()
    {
        return Vec::new();
    }
    let Ok(loaded) = mxspec::load(tmp.path(), &Default::default()) else {
        return Vec::new();
    };
    let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    loaded
        .spec
        .apis
        .iter()
        .map(|api| {
            let crate_name = mxspec::codegen::default_crate_name(&api.name);
            // With the program that calls every operation: its request literals name every
            // field, so hostile names reach it too.
            let options = mxspec::codegen::Options {
                unfit: &Default::default(),
                call_every_operation: true,
            };
            (
                names.clone(),
                mxspec::codegen::rust_crate_with(api, &crate_name, &options),
            )
        })
        .collect()
}

/// A request to `serve`: its method, target and `Host` are lines of the input. Whatever they
/// are, the answer is one of serve's statuses, a page carries its script policy, a host that is
/// not local is refused, and no path leaves the pages.
pub fn serve(data: &[u8]) {
    use std::sync::{Arc, OnceLock};
    static SHARED: OnceLock<Arc<mxspec::serve::http::Shared>> = OnceLock::new();
    let shared = SHARED.get_or_init(|| {
        let shared = Arc::new(mxspec::serve::http::Shared::default());
        shared.update(|state| {
            state.generation = 4;
            // Long polls answer at once: the fuzzer must not wait 25 s for a build.
            state.stopping = true;
            state.pages = Some(Arc::new(
                [
                    ("index.html", "<body>home</body>"),
                    ("a/b.html", "<body>b</body>"),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            ));
        });
        shared
    });
    let mut lines = data.splitn(3, |b| *b == b'\n');
    let method = lines.next().unwrap_or_default();
    let Ok(target) = std::str::from_utf8(lines.next().unwrap_or(b"/")) else {
        return;
    };
    let host = lines.next();
    let Some(mxspec::serve::http::Answered {
        status,
        headers,
        body,
    }) = shared.answer_blocking(method, target, host)
    else {
        return;
    };
    assert!(
        [200, 400, 403, 404, 405, 500, 503].contains(&status),
        "status {status} for {target:?}"
    );
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    if header("content-type").is_some_and(|t| t.starts_with("text/html")) {
        let policy = header("content-security-policy").unwrap_or_default();
        assert!(
            policy.contains("script-src 'self'"),
            "a page without its policy: {policy:?}"
        );
    }
    // Answered only for a host this machine's user would type: an IPv4 or bracketed IPv6
    // address, or `localhost` or a name under it, each with an optional port.
    if (method == b"GET" || method == b"HEAD")
        && status != 403
        && let Some(host) = host
    {
        let host = String::from_utf8_lossy(host);
        assert!(
            plainly_local(&host),
            "host {host:?} was answered ({status})"
        );
    }
    // A `..` segment of the path (not of the query) never reaches a page.
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if status == 200 && path.split('/').any(|s| s == "..") {
        panic!(
            "{target:?} was answered 200: {}",
            String::from_utf8_lossy(&body)
        );
    }
}

/// The fuzz target's own reading of a local `Host`, written apart from serve's.
fn plainly_local(host: &str) -> bool {
    let digits = |port: &str| port.bytes().all(|b| b.is_ascii_digit());
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => {
            return rest.split_once(']').is_some_and(|(v6, port)| {
                v6.parse::<std::net::Ipv6Addr>().is_ok()
                    && (port.is_empty() || port.strip_prefix(':').is_some_and(digits))
            });
        }
        None => host.rsplit_once(':').unwrap_or((host, "")),
    };
    if !digits(port) {
        return false;
    }
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    name.parse::<std::net::Ipv4Addr>().is_ok()
        || name == "localhost"
        || name.strip_suffix(".localhost").is_some_and(|sub| {
            sub.split('.').all(|label| {
                !label.is_empty()
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
        })
}

/// Tree text on an output stream: whatever it holds, what mxspec prints of it has no control
/// sequence, bidi control or workflow command, and the JSON report reads back to the text.
pub fn escape(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let shown = mxspec::escape::printable(&text);
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
    };
    assert!(!shown.chars().any(unsafe_char), "{shown:?}");
    assert!(!shown.contains("##["), "{shown:?}");
    let json = serde_json::to_string_pretty(&serde_json::json!({ "file": text })).unwrap();
    let stream = mxspec::escape::json_stream(json);
    assert!(!stream.contains("##["));
    assert!(
        !stream
            .chars()
            .any(|c| unsafe_char(c) && !matches!(c, '\n' | '\r'))
    );
    let back: serde_json::Value = serde_json::from_str(&stream).unwrap();
    assert_eq!(back["file"].as_str(), Some(text.as_ref()));
    let property = mxspec::escape::github_property(&text);
    assert!(!property.contains(['\n', '\r', ':', ',']), "{property:?}");
    assert!(!property.chars().any(unsafe_char));
}

/// A template of the tree and its data: the text before the first NUL is the template, the
/// rest the data (JSON, or a string). Whatever they hold, parsing and executing end without a
/// panic within the limits, the output is within its bound, and a second run writes the same.
pub fn gotemplate(data: &[u8]) {
    use mxspec::gotemplate::{Limits, Templates, Value};
    let (text, rest) = match data.iter().position(|b| *b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let text = String::from_utf8_lossy(text);
    let dot = match serde_json::from_slice::<serde_json::Value>(rest) {
        Ok(json) => Value::from(&json),
        Err(_) => Value::str(String::from_utf8_lossy(rest).as_ref()),
    };
    // Hugo's functions, as the tree's own layouts call them (`partial` runs a template with
    // the caller's budget; `site` gives the data).
    let functions = mxspec::hugo::functions(Value::map([("Data".to_owned(), dot.clone())]));
    let limits = Limits {
        steps: 20_000,
        output: 1 << 20,
        nesting: Limits::default().nesting,
    };
    // As `text/template` and as `html/template`.
    for mut templates in [
        Templates::new(functions.clone()),
        Templates::html(functions),
    ] {
        if templates.add("fuzz", &text).is_err() {
            return;
        }
        let first = templates.execute("fuzz", &dot, limits);
        if let Ok(out) = &first {
            assert!(out.len() <= limits.output);
        }
        assert_eq!(first, templates.execute("fuzz", &dot, limits));
    }
}
