//! Validates every example of the model against its schema.
//!
//! Which examples: request bodies (the body's `x-example` and its schema's `example`), responses
//! (`examples` by media type), parameters (`x-example` / `example`), every `example` of a nested
//! schema (each shared definition once), and event examples against their event schema. Refs
//! inside examples were resolved by the loader. Formats are not validated, as the original
//! toolchain did not validate them either. Validations run in parallel.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rayon::prelude::*;

use super::dialect::{Dialect, compile, metaschema_errors, to_json_schema};

use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Example, Spec};
use crate::source::{Node, Span, Value};

/// How many examples were validated, by where they came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExampleCounts {
    /// Request body examples.
    pub request_bodies: usize,
    /// Response examples.
    pub responses: usize,
    /// `example`s of nested schemas and of response schemas.
    pub schema_examples: usize,
    /// Parameter examples.
    pub parameters: usize,
    /// Event examples.
    pub events: usize,
}

impl ExampleCounts {
    /// All validations.
    pub fn total(&self) -> usize {
        self.request_bodies + self.responses + self.schema_examples + self.parameters + self.events
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    RequestBody,
    Response,
    SchemaExample,
    Parameter,
    Event,
}

struct Job<'a> {
    kind: Kind,
    /// The example's schema: the top-level schema of a parameter, body, response or event, or
    /// a schema nested in one.
    schema: &'a Node,
    example: &'a Node,
    dialect: Dialect,
    /// What the example is, for the message ("response 200 of GET /sync").
    what: String,
}

impl<'a> Job<'a> {
    fn new(
        kind: Kind,
        schema: &'a Node,
        example: &'a Node,
        dialect: Dialect,
        what: String,
    ) -> Job<'a> {
        Job {
            kind,
            schema,
            example,
            dialect,
            what,
        }
    }
}

/// The schemas [`check`] compiled: identified by the identity of their shared node and their
/// dialect. Those are valid JSON Schema, so the metaschema pass skips them.
pub(super) type Compiled = HashSet<RootKey>;

/// A schema: the identity of its shared node, and the dialect it is read in.
pub(super) type RootKey = (usize, Dialect);

pub(super) fn check(spec: &Spec, diagnostics: &mut Vec<Diagnostic>) -> (ExampleCounts, Compiled) {
    let jobs = jobs(spec);
    let mut compiled = Compiled::default();
    // Only what was validated is counted: an example whose schema could not be compiled is
    // reported as unchecked instead.
    let mut counts = ExampleCounts::default();
    for validated in validate_all(&jobs) {
        diagnostics.extend(validated.diagnostics);
        compiled.extend(validated.root);
        for kind in validated.kinds {
            match kind {
                Kind::RequestBody => counts.request_bodies += 1,
                Kind::Response => counts.responses += 1,
                Kind::SchemaExample => counts.schema_examples += 1,
                Kind::Parameter => counts.parameters += 1,
                Kind::Event => counts.events += 1,
            }
        }
    }
    (counts, compiled)
}

/// Where the examples start that `check` finds wrong: one that does not match its schema, or
/// that holds a number the loader could not read exactly (`number-inexact`). Whatever uses
/// examples as truths (a generated crate's example tests) leaves these out.
pub fn unfit_examples(loaded: &crate::Loaded) -> HashSet<Span> {
    let inexact: HashSet<Span> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::NumberInexact)
        .map(|d| d.span)
        .collect();
    let jobs = jobs(&loaded.spec);
    let mut unfit: HashSet<Span> = validate_all(&jobs)
        .into_iter()
        .flat_map(|validated| validated.unfit)
        .collect();
    if !inexact.is_empty() {
        unfit.extend(
            jobs.iter()
                .filter(|job| holds_any(job.example, &inexact))
                .map(|job| job.example.span),
        );
    }
    unfit
}

/// Whether a node of `example` starts at one of `spans` (an explicit stack: examples nest as
/// deep as the loader allows).
fn holds_any(example: &Node, spans: &HashSet<Span>) -> bool {
    let mut stack = vec![example];
    while let Some(node) = stack.pop() {
        if spans.contains(&node.span) {
            return true;
        }
        match &node.value {
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(map) => stack.extend(map.iter().map(|(_, value)| value)),
            _ => {}
        }
    }
    false
}

/// Every example of the spec, with the schema it is validated against.
fn jobs(spec: &Spec) -> Vec<Job<'_>> {
    let mut jobs: Vec<Job> = Vec::new();
    let mut nested_seen: HashSet<usize> = HashSet::default();
    for (_, group, endpoint) in spec.operations() {
        let dialect = Dialect::of(group.format);
        let name = format!("{} {}", endpoint.method.upper(), endpoint.path);
        for param in &endpoint.parameters {
            if let Some(example) = &param.example {
                let what = format!("the example of parameter `{}` of {name}", param.name);
                jobs.push(Job::new(
                    Kind::Parameter,
                    &param.schema.node,
                    example,
                    dialect,
                    what,
                ));
            }
        }
        if let Some(body) = &endpoint.body {
            let schema = &body.schema.node;
            let own = schema.get("example").map(|value| (schema, value));
            for (schema, example) in body
                .examples
                .iter()
                .map(|e| (e.schema.as_ref().map_or(schema, |s| &s.node), &e.value))
                .chain(own)
            {
                let what = format!("the request body example of {name}");
                jobs.push(Job::new(Kind::RequestBody, schema, example, dialect, what));
            }
            nested(schema, dialect, &mut nested_seen, &mut jobs, true);
            for other in other_schemas(&body.examples, schema) {
                nested(other, dialect, &mut nested_seen, &mut jobs, false);
            }
        }
        for response in &endpoint.responses {
            let Some(schema) = &response.schema else {
                continue;
            };
            for example in &response.examples {
                // Each example against the schema of the media type it is listed under.
                let schema = example.schema.as_ref().unwrap_or(schema);
                let what = format!("the example of response {} of {name}", response.status.text);
                jobs.push(Job::new(
                    Kind::Response,
                    &schema.node,
                    &example.value,
                    dialect,
                    what,
                ));
            }
            nested(&schema.node, dialect, &mut nested_seen, &mut jobs, false);
            for other in other_schemas(&response.examples, &schema.node) {
                nested(other, dialect, &mut nested_seen, &mut jobs, false);
            }
        }
    }
    for event in &spec.events {
        for example in &event.examples {
            let what = format!("event example {} (schema {})", example.name, event.name);
            jobs.push(Job::new(
                Kind::Event,
                &event.schema.node,
                &example.value,
                Dialect::Draft4,
                what,
            ));
        }
        nested(
            &event.schema.node,
            Dialect::Draft4,
            &mut nested_seen,
            &mut jobs,
            false,
        );
    }

    jobs
}

/// Validates `jobs`. They are grouped by schema (uses of one resolved definition share an
/// identity), so each schema becomes JSON once and compiles once; groups run in parallel.
fn validate_all<'j>(jobs: &'j [Job<'j>]) -> Vec<Validated> {
    let mut groups: Vec<Vec<&Job>> = Vec::new();
    let mut group_of: HashMap<RootKey, usize> = HashMap::default();
    for job in jobs {
        let key = job
            .schema
            .shared_identity()
            .map(|identity| (identity, job.dialect));
        let index = match key.and_then(|key| group_of.get(&key)) {
            Some(index) => *index,
            None => {
                groups.push(Vec::new());
                if let Some(key) = key {
                    group_of.insert(key, groups.len() - 1);
                }
                groups.len() - 1
            }
        };
        groups[index].push(job);
    }
    groups.par_iter().map(|group| validate(group)).collect()
}

/// What validating the jobs of one schema found.
struct Validated {
    diagnostics: Vec<Diagnostic>,
    /// The schema's key when it compiled (see [`Compiled`]).
    root: Option<RootKey>,
    /// The kind of each job that was validated.
    kinds: Vec<Kind>,
    /// Where the examples start that do not match the schema.
    unfit: Vec<Span>,
}

/// The schemas of the examples' media types other than `first` (the one the model keeps).
fn other_schemas<'a>(examples: &'a [Example], first: &'a Node) -> impl Iterator<Item = &'a Node> {
    examples
        .iter()
        .filter_map(|e| e.schema.as_ref().map(|s| &s.node))
        .filter(move |node| {
            node.shared_identity().is_none() || node.shared_identity() != first.shared_identity()
        })
}

/// Queues the `example` of every schema nested in `root` (and of `root` itself unless
/// `skip_root`, whose example was already queued as a body example). Each schema node is
/// visited once in the whole run, however many schemas share it.
fn nested<'a>(
    root: &'a Node,
    dialect: Dialect,
    seen: &mut HashSet<usize>,
    jobs: &mut Vec<Job<'a>>,
    skip_root: bool,
) {
    crate::schema::walk_once(root, dialect, seen, &mut |schema, pointer| {
        if skip_root && pointer.is_empty() {
            return;
        }
        if let Some(example) = schema.get("example") {
            let what = "this schema's example".to_owned();
            jobs.push(Job::new(
                Kind::SchemaExample,
                schema,
                example,
                dialect,
                what,
            ));
        }
    });
}

/// Validates a group of jobs that share one schema. A schema that does not compile (invalid
/// JSON Schema, or a `pattern`, `$id` or `$dynamicRef` the validator cannot use) leaves its
/// examples unchecked, and that is said where the schema is, unless the metaschema pass
/// says why.
fn validate(jobs: &[&Job]) -> Validated {
    let first = jobs[0];
    let validator = to_json_schema(first.schema, first.dialect)
        .map_err(|too_large| too_large.to_string())
        .and_then(|written| compile(&written.json, first.dialect));
    let validator = match validator {
        Ok(validator) => validator,
        Err(why) => {
            let mut out = metaschema_errors(first.schema, first.dialect);
            if out.is_empty() {
                let count = jobs.len();
                out.push(Diagnostic::new(
                    Rule::SchemaInvalid,
                    first.schema.span,
                    format!(
                        "this schema cannot be used to validate ({why}), so {count} example{} of it {} not validated",
                        if count == 1 { "" } else { "s" },
                        if count == 1 { "is" } else { "are" },
                    ),
                ));
            }
            return Validated {
                diagnostics: out,
                root: None,
                kinds: Vec::new(),
                unfit: Vec::new(),
            };
        }
    };
    let key = first
        .schema
        .shared_identity()
        .map(|identity| (identity, first.dialect));
    let mut out = Vec::new();
    let mut kinds = Vec::new();
    let mut unfit = Vec::new();
    for job in jobs {
        let found = validate_one(&validator, job);
        if found.iter().any(|d| d.rule == Rule::ExampleInvalid) {
            unfit.push(job.example.span);
        }
        out.extend(found);
        kinds.push(job.kind);
    }
    Validated {
        diagnostics: out,
        root: key,
        kinds,
        unfit,
    }
}

fn validate_one(validator: &jsonschema::Validator, job: &Job) -> Vec<Diagnostic> {
    let schema = job.schema;
    // An example is data: refs inside it are written out in full, within a bound.
    let instance = match crate::schema::json::to_json_data(job.example) {
        Ok(instance) => instance,
        Err(too_large) => {
            return vec![Diagnostic::new(
                Rule::LimitExceeded,
                job.example.span,
                format!("{} is not validated: {too_large}", job.what),
            )];
        }
    };
    // Parameter examples are URL or header text (within the same bound: the value above
    // fitted).
    let instance = if job.kind == Kind::Parameter {
        url_value(job.example, schema)
    } else {
        instance
    };
    validator
        .iter_errors(&instance)
        .map(|err| {
            let pointer = err.instance_path().as_str().to_owned();
            let span = job
                .example
                .pointer(&pointer)
                .map_or(job.example.span, |n| n.span);
            let place = if pointer.is_empty() {
                String::new()
            } else {
                format!(" at `{pointer}`")
            };
            if matches!(
                err.kind(),
                jsonschema::error::ValidationErrorKind::BacktrackLimitExceeded { .. }
                    | jsonschema::error::ValidationErrorKind::RegexEngineFailure { .. }
            ) {
                return Diagnostic::new(
                    Rule::LimitExceeded,
                    span,
                    format!(
                        "{}{place} is not validated: matching a `pattern` took more than {} backtracking steps ({err})",
                        job.what,
                        crate::limits::REGEX_BACKTRACK_STEPS
                    ),
                )
                .with_note(Some(schema.span), "the schema");
            }
            Diagnostic::new(
                Rule::ExampleInvalid,
                span,
                format!("{}{place} does not match its schema: {err}", job.what),
            )
            .with_note(Some(schema.span), "the schema")
        })
        .collect()
}

/// A parameter example is text in a URL or header: `x-example: "3"` for an integer and
/// `x-example: 1234` for a string both say what the request carries. This reads the example
/// as a server reads the parameter: scalars become text, then text is parsed as the schema's
/// type. Lists stay lists (for array parameters); a list for a scalar parameter stays invalid.
fn url_value(example: &Node, schema: &Node) -> serde_json::Value {
    use crate::source::Value as V;
    use serde_json::Value as J;
    let ty = schema.get_str("type");
    let text = match &example.value {
        V::Str(s) => s.clone(),
        V::Int(i) => i.to_string(),
        V::Float(f) => f.to_string(),
        V::Bool(b) => b.to_string(),
        V::Seq(items) => {
            let item_schema = schema.get("items").unwrap_or(schema);
            return J::Array(items.iter().map(|i| url_value(i, item_schema)).collect());
        }
        V::Null | V::Map(_) => return example.to_json(),
    };
    let parsed = match ty {
        Some("integer") => text.parse::<i64>().ok().map(J::from),
        Some("number") => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(J::Number),
        Some("boolean") => match text.as_str() {
            "true" => Some(J::Bool(true)),
            "false" => Some(J::Bool(false)),
            _ => None,
        },
        _ => None,
    };
    parsed.unwrap_or(J::String(text))
}
