//! Diagnostics: what is wrong, where, under which rule; and the three ways of printing them.

use std::fmt::Write as _;

use crate::source::{SourceTree, Span};

/// How bad a diagnostic is. Errors make `mxspec check` exit 1; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A defect that outputs cannot be trusted with.
    Error,
    /// Something legal but suspicious, or outside the input format's version.
    Warning,
}

macro_rules! rules {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, $severity:ident; )*) => {
        /// Every check has a rule with a stable name (used in output and for filtering) and a
        /// fixed severity.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Rule {
            /// All rules, in documentation order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The stable name, such as `ref-unresolved`.
            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name,)* }
            }

            /// The severity every diagnostic of this rule has.
            pub fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            /// One line saying what the rule checks.
            pub fn summary(self) -> &'static str {
                match self { $(Rule::$variant => concat!($($doc),*).trim_ascii(),)* }
            }
        }
    };
}

rules! {
    /// The file is not YAML/JSON that libyaml accepts.
    YamlSyntax = "yaml-syntax", Error;
    /// A mapping repeats a key.
    YamlDuplicateKey = "yaml-duplicate-key", Error;
    /// Input past one of mxspec's bounds: a file too large or not a regular file, nesting too
    /// deep, aliases or `$ref`s expanding too far (README, "Limits").
    LimitExceeded = "limit-exceeded", Error;
    /// A `$ref` names a file or JSON pointer that does not exist.
    RefUnresolved = "ref-unresolved", Error;
    /// A `$ref` leads back to itself without passing through a schema (a recursive schema,
    /// which refers to itself from inside its properties or items, is not a cycle).
    RefCycle = "ref-cycle", Error;
    /// A `$ref`, or a folder, file or link of the tree, leads outside the spec root.
    RefOutsideRoot = "ref-outside-root", Error;
    /// A `$ref` names a URL.
    RefUrl = "ref-url", Error;
    /// A `$ref` where OpenAPI allows none: in place of a media type, a `properties` map, the
    /// `info` object (Redocly's `spec-strict-refs`).
    RefMisplaced = "ref-misplaced", Error;
    /// A file under api/<name>/ is no Swagger 2.0 / OpenAPI 3.x document.
    SpecVersion = "spec-version", Error;
    /// A Swagger/OpenAPI object has a field of the wrong type or misses a required one.
    Structure = "structure", Error;
    /// A schema uses a type list (`type: [string, "null"]`), which Swagger 2.0 does not allow.
    TypeList = "type-list", Warning;
    /// A schema uses `oneOf`, `anyOf` or `not`, which Swagger 2.0 does not allow.
    CompositionKeyword = "composition-keyword", Warning;
    /// A `{name}` in a path template has no path parameter.
    PathParamUndeclared = "path-param-undeclared", Error;
    /// A path parameter does not occur in the path template.
    PathParamUnused = "path-param-unused", Error;
    /// A path parameter is not `required: true`.
    PathParamNotRequired = "path-param-not-required", Error;
    /// Two parameters share a name and location.
    DuplicateParameter = "duplicate-parameter", Error;
    /// An operation has more than one body parameter.
    MultipleBodies = "multiple-bodies", Error;
    /// A path key has whitespace around it, and the API has no endpoint of the same method at
    /// the trimmed path (of which it would be a second form).
    PathWhitespace = "path-whitespace", Error;
    /// Two paths of one document can match the same request (`/a/{x}` and `/{y}/b`;
    /// Redocly's `no-ambiguous-paths`).
    PathAmbiguous = "path-ambiguous", Error;
    /// Two operations of one API have the same method and full path.
    EndpointDuplicate = "endpoint-duplicate", Error;
    /// An integer too large for 64 bits, which every reader of the model (and most JSON
    /// tools) sees as the nearest float.
    NumberInexact = "number-inexact", Warning;
    /// An operation has no operationId.
    OperationIdMissing = "operation-id-missing", Error;
    /// A name that cannot be used where it stands: an empty operationId or parameter name,
    /// a control character in a path or parameter name, a header name that is no HTTP token.
    NameInvalid = "name-invalid", Error;
    /// An operation has no summary (Redocly's `operation-summary`).
    OperationSummaryMissing = "operation-summary-missing", Warning;
    /// An OpenAPI server URL uses an undefined variable, has a variable with an empty `enum`,
    /// points to example.com or ends with `/` (Redocly's server rules).
    ServerInvalid = "server-invalid", Error;
    /// A tag of the document's `tags` list has no description (Redocly's `tag-description`).
    TagDescriptionMissing = "tag-description-missing", Error;
    /// A name under `components/` has characters other than letters, digits, `.-_`
    /// (Redocly's `spec-components-invalid-map-name`).
    ComponentNameInvalid = "component-name-invalid", Error;
    /// Two operations of one API share an operationId.
    OperationIdDuplicate = "operation-id-duplicate", Error;
    /// Two APIs use the same operationId.
    OperationIdReused = "operation-id-reused", Warning;
    /// An example does not match its schema.
    ExampleInvalid = "example-invalid", Error;
    /// An event example names no event schema (`m.room.nmae.yaml`), so nothing checks it.
    EventExampleUnmatched = "event-example-unmatched", Error;
    /// A schema breaks its JSON Schema draft's metaschema (`required: true`, `type: enum`, ...).
    SchemaInvalid = "schema-invalid", Error;
    /// An `enum` without a `type`.
    EnumUntyped = "enum-untyped", Error;
    /// An `enum` lists a value twice.
    EnumDuplicate = "enum-duplicate", Error;
    /// An array schema without `items`.
    ArrayItemsMissing = "array-items-missing", Error;
    /// `required` names a property the schema does not define.
    RequiredUnknownProperty = "required-unknown-property", Error;
    /// `targets.yaml` is not shaped as a build expects.
    TargetsInvalid = "targets-invalid", Error;
    /// A file a target lists cannot be read.
    TargetFileMissing = "target-file-missing", Error;
    /// A title goes more than one level deeper than the one before it.
    TitleLevelJump = "title-level-jump", Error;
    /// A title would need a level deeper than `title_styles` has.
    TitleTooDeep = "title-too-deep", Error;
    /// A `{{...}}` placeholder in the prose names no section the build knows.
    PlaceholderUnknown = "placeholder-unknown", Error;
    /// A template failed to render: a section's (2019 tree), or a layout of the tree's own
    /// (a shortcode or partial that does not parse, calls `errorf`, or fails as it runs).
    TemplateFailed = "template-failed", Error;
    /// A layout of the tree's own called `warnf`.
    TemplateWarning = "template-warning", Warning;
    /// A changelog's `pyproject.toml` is missing, not TOML, or lacks a towncrier setting.
    ChangelogConfigInvalid = "changelog-config-invalid", Error;
    /// The tree's `redocly.yaml` names a rule mxspec does not know, or a severity other than
    /// `off`, `warn` or `error`; that entry is ignored.
    LintConfigInvalid = "lint-config-invalid", Warning;
    /// A newsfragment's type is not one the changelog configuration lists, so it would be
    /// dropped from the changelog.
    FragmentTypeUnknown = "fragment-type-unknown", Warning;
    /// RST the renderer cannot read as meant: inline markup without its end, a broken table,
    /// a `::` with no literal block, a directive without what it needs.
    RstMalformed = "rst-malformed", Error;
    /// An RST directive the renderer does not know; its text is shown as a literal block.
    RstUnknownDirective = "rst-unknown-directive", Error;
    /// An RST reference or substitution naming no target, section or definition.
    RstUndefinedName = "rst-undefined-name", Error;
    /// RST that renders but is doubtful: a title style out of order, an empty topic, a name
    /// two targets or sections share.
    RstSuspicious = "rst-suspicious", Warning;
    /// A link of the built site to a page or anchor the site does not have.
    LinkBroken = "link-broken", Warning;
    /// A down-converting dump (`--format openapi3` or `swagger2`) cannot carry something of
    /// the source: a JSON Schema keyword OpenAPI 3.0 lacks, a named example Swagger 2.0 has no
    /// room for.
    DumpLossy = "dump-lossy", Warning;
    /// `gen rust` cannot express something of an endpoint in the crate: a cookie parameter,
    /// a response for a range of statuses (`4XX`) or `default`, a structured parameter.
    GenLossy = "gen-lossy", Warning;
    /// A page of `content/` cannot be used as written: front matter without its closing `---`,
    /// without a `title`, or with a `weight` that is not an integer.
    ContentInvalid = "content-invalid", Error;
    /// A formula of the Markdown prose (between the passthrough delimiters of the tree's Hugo
    /// configuration) that is not rendered: LaTeX the reader cannot read, or one too long or
    /// nested too deep. It is shown as its source.
    MathInvalid = "math-invalid", Warning;
    /// A shortcode of the Markdown prose is unknown, lacks an argument, names data the tree
    /// does not have, or is opened and never closed.
    ShortcodeInvalid = "shortcode-invalid", Error;
    /// Prose or a description holds HTML or a link that could run script in the page (a
    /// `<script>`, an event handler, a `javascript:` URL); it was removed.
    UnsafeHtml = "unsafe-html", Error;
}

/// A secondary position that explains a diagnostic: the first definition, a step of a chain.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// Where, if the note points somewhere.
    pub span: Option<Span>,
    /// What the note says.
    pub message: String,
}

/// One problem found in a spec tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: Rule,
    /// Where it is.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// Further places and explanations.
    pub notes: Vec<Note>,
    /// How severe: the rule's own severity unless the tree's lint config says otherwise
    /// (`model::rules`).
    pub severity: Severity,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `span`.
    pub fn new(rule: Rule, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            span,
            message: message.into(),
            notes: Vec::new(),
            severity: rule.severity(),
        }
    }

    /// The diagnostic of a problem met while reading or parsing a file.
    pub fn of_parse_problem(problem: &crate::source::ParseProblem) -> Diagnostic {
        use crate::source::ParseProblemKind;
        let rule = match problem.kind {
            ParseProblemKind::Syntax => Rule::YamlSyntax,
            ParseProblemKind::DuplicateKey => Rule::YamlDuplicateKey,
            ParseProblemKind::Limit => Rule::LimitExceeded,
            ParseProblemKind::OutsideRoot => Rule::RefOutsideRoot,
            ParseProblemKind::InexactNumber => Rule::NumberInexact,
        };
        let diagnostic = Diagnostic::new(rule, problem.span, problem.message.clone());
        match problem.first {
            Some(first) => diagnostic.with_note(Some(first), "first given here"),
            None => diagnostic,
        }
    }

    /// Adds a note.
    #[must_use]
    pub fn with_note(mut self, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        self.notes.push(Note {
            span,
            message: message.into(),
        });
        self
    }

    /// How severe it is.
    pub fn severity(&self) -> Severity {
        self.severity
    }
}

/// Sorts diagnostics by file, position and rule and drops exact repeats (a file reached by
/// several refs is checked through each of them).
pub fn sort_and_dedup(tree: &SourceTree, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            (
                tree.file(d.span.file).path.clone(),
                d.span.line,
                d.span.column,
                d.rule,
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
    });
    diagnostics.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
}

/// Output formats of `mxspec check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people: message, location, source line with a caret.
    Human,
    /// A JSON array, one object per diagnostic.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`).
    Github,
    /// SARIF 2.1.0, for code-scanning uploads (GitHub's `upload-sarif`, GitLab, IDEs).
    Sarif,
}

/// Formats `diagnostics` (already sorted) in `format`.
pub fn render(tree: &SourceTree, diagnostics: &[Diagnostic], format: Format) -> String {
    match format {
        Format::Human => render_each(tree, diagnostics).concat(),
        Format::Json => json(tree, diagnostics),
        Format::Github => diagnostics.iter().map(|d| github(tree, d)).collect(),
        Format::Sarif => sarif(tree, diagnostics),
    }
}

/// Each of `diagnostics` (already sorted) in the human format, apart: one line index serves
/// them all, as in [`render`].
pub fn render_each(tree: &SourceTree, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut lines = LineIndex::default();
    diagnostics
        .iter()
        .map(|d| human(tree, d, &mut lines))
        .collect()
}

fn location(tree: &SourceTree, span: Span) -> String {
    format!(
        "{}:{}:{}",
        printable(&tree.file(span.file).path),
        span.line,
        span.column
    )
}

/// The lines of the files diagnostics quote: each file's own line index (found once per file
/// however many diagnostics it has; a hostile file may have a hundred thousand).
#[derive(Default)]
struct LineIndex {
    /// Where each character of the last long line shown starts: diagnostics come sorted, so
    /// the many problems of one long line share it.
    chars: Option<(Span, Vec<usize>)>,
}

impl LineIndex {
    /// Line `line` (1-based) of `file`, without its line break.
    fn line<'t>(&mut self, tree: &'t SourceTree, span: Span) -> Option<&'t str> {
        let file = tree.file(span.file);
        file.line_index()
            .line(&file.text, span.line as usize)
            .map(|line| line.strip_suffix('\r').unwrap_or(line))
    }
}

/// The most characters of a source line a snippet shows.
const SNIPPET_WIDTH: usize = 120;

impl LineIndex {
    /// The part of the line at `span` a snippet shows, and the caret's column in it: the whole
    /// line when it is short, else a window around the column with `…` where it was cut.
    fn snippet(&mut self, tree: &SourceTree, span: Span) -> Option<(String, usize)> {
        let line = self.line(tree, span)?;
        let column = span.column as usize;
        if line.len() <= SNIPPET_WIDTH {
            return Some((printable(line).into_owned(), column));
        }
        let same_line = |(at, _): &(Span, Vec<usize>)| at.file == span.file && at.line == span.line;
        if !self.chars.as_ref().is_some_and(same_line) {
            let starts = line.char_indices().map(|(at, _)| at).collect();
            self.chars = Some((span, starts));
        }
        let starts = &self.chars.as_ref()?.1;
        let count = starts.len();
        let byte = |index: usize| starts.get(index).copied().unwrap_or(line.len());
        let at = column.saturating_sub(1).min(count);
        let start = at.saturating_sub(SNIPPET_WIDTH / 2);
        let end = (start + SNIPPET_WIDTH).min(count);
        let mut shown = String::new();
        if start > 0 {
            shown.push('…');
        }
        shown.push_str(line.get(byte(start)..byte(end))?);
        if end < count {
            shown.push('…');
        }
        Some((
            printable(&shown).into_owned(),
            at - start + 1 + usize::from(start > 0),
        ))
    }
}

use crate::escape::printable;

fn human(tree: &SourceTree, d: &Diagnostic, lines: &mut LineIndex) -> String {
    let severity = match d.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!("{severity}[{}]: {}\n", d.rule.name(), printable(&d.message));
    let _ = writeln!(out, "  --> {}", location(tree, d.span));
    if let Some((shown, column)) = lines.snippet(tree, d.span) {
        let number = d.span.line.to_string();
        let pad = " ".repeat(number.len());
        let caret = " ".repeat(column.saturating_sub(1));
        let _ = writeln!(out, "{pad} |\n{number} | {shown}\n{pad} | {caret}^");
    }
    for note in &d.notes {
        let message = printable(&note.message);
        match note.span {
            Some(span) => {
                let _ = writeln!(out, "  = note: {message} ({})", location(tree, span));
            }
            None => {
                let _ = writeln!(out, "  = note: {message}");
            }
        }
    }
    out.push('\n');
    out
}

fn json(tree: &SourceTree, diagnostics: &[Diagnostic]) -> String {
    let items: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let notes: Vec<serde_json::Value> = d
                .notes
                .iter()
                .map(|n| {
                    serde_json::json!({
                        "message": n.message,
                        "file": n.span.map(|s| tree.file(s.file).path.clone()),
                        "line": n.span.map(|s| s.line),
                        "column": n.span.map(|s| s.column),
                    })
                })
                .collect();
            serde_json::json!({
                "rule": d.rule.name(),
                "severity": d.severity(),
                "file": tree.file(d.span.file).path,
                "line": d.span.line,
                "column": d.span.column,
                "message": d.message,
                "notes": notes,
            })
        })
        .collect();
    // A `serde_json::Value` has string keys only, so serializing it cannot fail.
    #[allow(clippy::expect_used)]
    let mut out = serde_json::to_string_pretty(&items).expect("JSON values always serialize");
    out.push('\n');
    crate::escape::json_stream(out)
}

/// One SARIF 2.1.0 log with one run: every rule mxspec has (with its default level), and a
/// result per diagnostic at its file (a URI relative to the root), line and column; notes
/// with a place are related locations.
fn sarif(tree: &SourceTree, diagnostics: &[Diagnostic]) -> String {
    use serde_json::json;
    let level = |severity: Severity| match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let location = |span: Span, message: Option<&str>| {
        let mut place = json!({
            "physicalLocation": {
                "artifactLocation": {
                    "uri": uri_path(&tree.file(span.file).path),
                    "uriBaseId": "ROOT",
                },
                "region": { "startLine": span.line.max(1), "startColumn": span.column.max(1) },
            }
        });
        if let Some(text) = message {
            place["message"] = json!({ "text": text });
        }
        place
    };
    let rules: Vec<serde_json::Value> = Rule::ALL
        .iter()
        .map(|rule| {
            json!({
                "id": rule.name(),
                "shortDescription": { "text": rule.summary() },
                "defaultConfiguration": { "level": level(rule.severity()) },
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let related: Vec<serde_json::Value> = d
                .notes
                .iter()
                .filter_map(|n| n.span.map(|span| location(span, Some(&n.message))))
                .collect();
            let mut text = d.message.clone();
            for note in d.notes.iter().filter(|n| n.span.is_none()) {
                text.push_str("\nnote: ");
                text.push_str(&note.message);
            }
            let mut result = json!({
                "ruleId": d.rule.name(),
                "ruleIndex": Rule::ALL.iter().position(|r| *r == d.rule),
                "level": level(d.severity()),
                "message": { "text": text },
                "locations": [location(d.span, None)],
            });
            if !related.is_empty() {
                result["relatedLocations"] = serde_json::Value::Array(related);
            }
            result
        })
        .collect();
    let log = json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": { "driver": {
                "name": "mxspec",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": { "ROOT": { "description": { "text": "the spec root" } } },
            "results": results,
        }],
    });
    // A `serde_json::Value` has string keys only, so serializing it cannot fail.
    #[allow(clippy::expect_used)]
    let mut out = serde_json::to_string_pretty(&log).expect("JSON values always serialize");
    out.push('\n');
    crate::escape::json_stream(out)
}

/// A root-relative path as a relative URI reference: every byte but unreserved characters and
/// `/` percent-encoded, so no file name can change the URI's meaning.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn github(tree: &SourceTree, d: &Diagnostic) -> String {
    let command = match d.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = printable(&d.message).into_owned();
    for note in &d.notes {
        message.push_str("\n  note: ");
        message.push_str(&printable(&note.message));
        if let Some(span) = note.span {
            message.push_str(&format!(" ({})", location(tree, span)));
        }
    }
    format!(
        "::{command} file={},line={},col={},title={}::{}\n",
        crate::escape::github_property(&tree.file(d.span.file).path),
        d.span.line,
        d.span.column,
        d.rule.name(),
        crate::escape::github_data(&message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_unique_and_kebab_case() {
        let mut names: Vec<_> = Rule::ALL.iter().map(|r| r.name()).collect();
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn every_rule_has_a_summary() {
        for rule in Rule::ALL {
            assert!(!rule.summary().is_empty(), "{rule:?}");
        }
    }
}
