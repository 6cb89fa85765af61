//! Schemas as the `jsonschema` crate reads them: which draft, how Swagger and OpenAPI 3.0
//! keywords translate, and metaschema errors turned into diagnostics at the offending node.

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, Validator};
use serde_json::Value as J;

use crate::diagnostic::{Diagnostic, Rule};
use crate::resolve::{RECURSION_TARGET, RECURSIVE};
use crate::schema::json::{SchemaJson, TooLarge};
use crate::source::Node;

pub(super) use crate::schema::Dialect;

/// The draft the `jsonschema` crate reads a dialect's schemas in.
fn draft(dialect: Dialect) -> Draft {
    match dialect {
        Dialect::Draft4 | Dialect::OpenApi30 => Draft::Draft4,
        Dialect::Draft2020 => Draft::Draft202012,
    }
}

/// The schema as JSON Schema ([`crate::schema::json`]: each shared subtree written once):
/// OpenAPI 3.0's `nullable: true` becomes a `null` type, Swagger's `type: file` (a multipart
/// upload, not a JSON value) accepts anything, and a recursive reference becomes a `$ref` to
/// the enclosing schema it stands for.
pub(super) fn to_json_schema(schema: &Node, dialect: Dialect) -> Result<SchemaJson<'_>, TooLarge> {
    let mut written = crate::schema::json::to_json_schema(schema, dialect)?;
    if dialect != Dialect::Draft2020 {
        adapt(&mut written.json, dialect);
    }
    if holds_recursion_target(schema) {
        link_recursion(&mut written.json, &mut String::new(), &mut Vec::new());
    }
    Ok(written)
}

/// Whether a schema encloses a recursion target; almost none do, and finding out costs no
/// allocation, unlike the pointers [`link_recursion`] keeps.
fn holds_recursion_target(node: &Node) -> bool {
    // Each shared subtree is looked at once.
    let mut seen = rustc_hash::FxHashSet::default();
    let mut found = false;
    crate::schema::walk_once(node, Dialect::Draft2020, &mut seen, &mut |schema, _| {
        found |= schema.get(RECURSION_TARGET).is_some();
    });
    found
}

/// Replaces every recursive marker whose target encloses it by `{"$ref": "#<pointer>"}`;
/// `targets` holds the enclosing targets' names and pointers. A marker whose target lies
/// outside this schema (an example checked against a nested part) keeps only its type.
fn link_recursion(value: &mut J, pointer: &mut String, targets: &mut Vec<(String, String)>) {
    match value {
        J::Object(map) => {
            if let Some(J::String(name)) = map.get(RECURSIVE)
                && let Some((_, at)) = targets.iter().rev().find(|(n, _)| n == name)
            {
                *value = serde_json::json!({ "$ref": format!("#{at}") });
                return;
            }
            let target = match map.get(RECURSION_TARGET) {
                Some(J::String(name)) => Some(name.clone()),
                _ => None,
            };
            if let Some(name) = &target {
                targets.push((name.clone(), pointer.clone()));
            }
            for (key, child) in map.iter_mut() {
                if key == "example" || key == "enum" || key == "default" {
                    continue;
                }
                let len = pointer.len();
                crate::schema::push_token(pointer, key);
                link_recursion(child, pointer, targets);
                pointer.truncate(len);
            }
            if target.is_some() {
                targets.pop();
            }
        }
        J::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                link_recursion(item, pointer, targets);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// A validator for `schema`; None when the schema is not valid JSON Schema (which
/// [`metaschema_errors`] reports).
/// Whose regular expressions match in linear time (the `regex` engine), so no pattern of the
/// tree can make validation backtrack; a pattern only a backtracking engine reads (lookaround,
/// backreferences) gets `fancy-regex` with a bound on each match's steps. Both bound the size
/// of a compiled pattern. Compiled patterns are shared by every schema of the run. The error is
/// the validator's message.
pub(super) fn compile(schema: &J, dialect: Dialect) -> Result<Validator, String> {
    use crate::limits::{REGEX_BACKTRACK_STEPS, REGEX_COMPILED_BYTES};
    use jsonschema::PatternOptions;
    static PATTERNS: std::sync::LazyLock<jsonschema::PatternCache> =
        std::sync::LazyLock::new(jsonschema::PatternCache::new);
    let options = || {
        jsonschema::options()
            .with_draft(draft(dialect))
            .should_validate_formats(false)
            .with_pattern_cache(PATTERNS.clone())
    };
    let linear = options()
        .with_pattern_options(
            PatternOptions::regex()
                .size_limit(REGEX_COMPILED_BYTES)
                .dfa_size_limit(REGEX_COMPILED_BYTES),
        )
        .build(schema);
    match linear {
        Ok(validator) => Ok(validator),
        Err(linear_error) => options()
            .with_pattern_options(
                PatternOptions::fancy_regex()
                    .backtrack_limit(REGEX_BACKTRACK_STEPS)
                    .size_limit(REGEX_COMPILED_BYTES)
                    .dfa_size_limit(REGEX_COMPILED_BYTES),
            )
            .build(schema)
            .map_err(|_| linear_error.to_string()),
    }
}

/// Every place where `schema` breaks its draft's metaschema, as `schema-invalid` diagnostics at
/// the offending node.
pub(super) fn metaschema_errors(schema: &Node, dialect: Dialect) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    metaschema_errors_into(schema, dialect, &mut out);
    out
}

fn metaschema_errors_into(schema: &Node, dialect: Dialect, out: &mut Vec<Diagnostic>) {
    let Ok(written) = to_json_schema(schema, dialect) else {
        out.push(Diagnostic::new(
            Rule::LimitExceeded,
            schema.span,
            format!("this schema is not checked: {TooLarge}"),
        ));
        return;
    };
    let json = &written.json;
    let validator = match draft(dialect) {
        Draft::Draft202012 => jsonschema::draft202012::meta::validator(),
        _ => jsonschema::draft4::meta::validator(),
    };
    for err in validator.iter_errors(json) {
        let pointer = err.instance_path().as_str();
        let node = written.node_at(pointer).unwrap_or(schema);
        // The metaschema reads `items` and similar keywords as "a schema or a list of schemas",
        // so a defect deep inside one shows up as an `anyOf` failure of the whole sub-schema.
        // Checking the sub-schema on its own finds the defect itself.
        let is_alternative = matches!(
            err.kind(),
            ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. }
        );
        if is_alternative && !pointer.is_empty() && node.as_map().is_some() {
            metaschema_errors_into(node, dialect, out);
            continue;
        }
        let keyword = pointer.rsplit('/').next().filter(|k| !k.is_empty());
        let at = keyword.map(|k| format!("`{k}`: ")).unwrap_or_default();
        let message = format!("not a valid schema: {at}{}", shorten(&err.to_string()));
        out.push(Diagnostic::new(Rule::SchemaInvalid, node.span, message));
    }
}

/// Error texts quote the offending value, which can be a whole schema; the span already
/// points at it.
fn shorten(text: &str) -> String {
    const MAX: usize = 160;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{cut}…")
}

fn adapt(value: &mut J, dialect: Dialect) {
    match value {
        J::Object(map) => {
            if map.get("type").and_then(J::as_str) == Some("file") {
                map.remove("type");
            }
            if dialect == Dialect::OpenApi30
                && map.get("nullable") == Some(&J::Bool(true))
                && let Some(ty) = map.get("type").cloned()
            {
                let types = match ty {
                    J::Array(mut list) => {
                        list.push(J::from("null"));
                        list
                    }
                    other => vec![other, J::from("null")],
                };
                map.insert("type".into(), J::Array(types));
            }
            for (key, child) in map.iter_mut() {
                // Examples, enums and defaults are data, not schemas.
                if key != "example" && key != "enum" && key != "default" {
                    adapt(child, dialect);
                }
            }
        }
        J::Array(items) => items.iter_mut().for_each(|i| adapt(i, dialect)),
        _ => {}
    }
}
