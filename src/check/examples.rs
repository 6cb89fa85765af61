//! Validates every example of the model against its schema.
//!
//! Which examples: request bodies (the body's `x-example` and its schema's `example`), responses
//! (`examples` by media type), parameters (`x-example` / `example`), every `example` of a nested
//! schema (each shared definition once), and event examples against their event schema. Refs
//! inside examples were resolved by the loader. Formats are not validated, as the original
//! toolchain did not validate them either. Validations run in parallel.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::dialect::{Dialect, compile, to_json_schema};

use crate::diagnostic::{Diagnostic, Rule};
use crate::model::schema::walk_schemas;
use crate::model::{Parameter, Spec};
use crate::source::{Node, Span};

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
    /// True for parameter examples, which are URL or header text.
    parameter: bool,
    schema: &'a Node,
    example: &'a Node,
    dialect: Dialect,
    /// What the example is, for the message ("response 200 of GET /sync").
    what: String,
}

pub(super) fn check(spec: &Spec, diagnostics: &mut Vec<Diagnostic>) -> ExampleCounts {
    let mut jobs: Vec<Job> = Vec::new();
    let mut nested_seen: HashSet<Span> = HashSet::new();
    for (_, group, endpoint) in spec.endpoints() {
        let dialect = Dialect::of(group.format);
        let name = format!("{} {}", endpoint.method.upper(), endpoint.path);
        for param in &endpoint.parameters {
            if let Some(example) = &param.example {
                let what = format!("the example of parameter `{}` of {name}", param.name);
                jobs.push(parameter_job(param, example, dialect, what));
            }
        }
        if let Some(body) = &endpoint.body {
            let schema = &body.schema.node;
            for example in body
                .examples
                .iter()
                .map(|e| &e.value)
                .chain(schema.get("example"))
            {
                let what = format!("the request body example of {name}");
                jobs.push(Job {
                    kind: Kind::RequestBody,
                    parameter: false,
                    schema,
                    example,
                    dialect,
                    what,
                });
            }
            nested(schema, dialect, &mut nested_seen, &mut jobs, true);
        }
        for response in &endpoint.responses {
            let Some(schema) = &response.schema else {
                continue;
            };
            for example in &response.examples {
                let what = format!("the example of response {} of {name}", response.status.text);
                jobs.push(Job {
                    kind: Kind::Response,
                    parameter: false,
                    schema: &schema.node,
                    example: &example.value,
                    dialect,
                    what,
                });
            }
            nested(&schema.node, dialect, &mut nested_seen, &mut jobs, false);
        }
    }
    for event in &spec.events {
        for example in &event.examples {
            let what = format!("event example {} (schema {})", example.name, event.name);
            jobs.push(Job {
                kind: Kind::Event,
                parameter: false,
                schema: &event.schema.node,
                example: &example.value,
                dialect: Dialect::Draft4,
                what,
            });
        }
        nested(
            &event.schema.node,
            Dialect::Draft4,
            &mut nested_seen,
            &mut jobs,
            false,
        );
    }

    let mut counts = ExampleCounts::default();
    for job in &jobs {
        match job.kind {
            Kind::RequestBody => counts.request_bodies += 1,
            Kind::Response => counts.responses += 1,
            Kind::SchemaExample => counts.schema_examples += 1,
            Kind::Parameter => counts.parameters += 1,
            Kind::Event => counts.events += 1,
        }
    }
    // Many examples share a schema (every error response uses the one error definition), so
    // each distinct schema is compiled once, and the groups are validated in parallel.
    let mut groups: Vec<Vec<&Job>> = Vec::new();
    let mut group_of: HashMap<(usize, Dialect), usize> = HashMap::new();
    for job in &jobs {
        let index = match job.schema.shared_identity() {
            Some(identity) => *group_of.entry((identity, job.dialect)).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            }),
            None => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        groups[index].push(job);
    }
    let found: Vec<Vec<Diagnostic>> = groups.par_iter().map(|group| validate(group)).collect();
    diagnostics.extend(found.into_iter().flatten());
    counts
}

fn parameter_job<'a>(
    param: &'a Parameter,
    example: &'a Node,
    dialect: Dialect,
    what: String,
) -> Job<'a> {
    Job {
        kind: Kind::Parameter,
        parameter: true,
        schema: &param.schema.node,
        example,
        dialect,
        what,
    }
}

/// Queues the `example` of every schema nested in `root` (and of `root` itself unless
/// `skip_root`, whose example was already queued as a body example), each schema node once.
fn nested<'a>(
    root: &'a Node,
    dialect: Dialect,
    seen: &mut HashSet<Span>,
    jobs: &mut Vec<Job<'a>>,
    skip_root: bool,
) {
    walk_schemas(root, &mut |schema| {
        if skip_root && std::ptr::eq(schema, root) {
            return;
        }
        let Some(example) = schema.get("example") else {
            return;
        };
        if seen.insert(schema.span) {
            let what = "this schema's example".to_owned();
            jobs.push(Job {
                kind: Kind::SchemaExample,
                parameter: false,
                schema,
                example,
                dialect,
                what,
            });
        }
    });
}

/// Validates a group of jobs that share one schema.
fn validate(jobs: &[&Job]) -> Vec<Diagnostic> {
    let first = jobs[0];
    // A schema that is not valid JSON Schema was reported by the schema rules.
    let Some(validator) = compile(&to_json_schema(first.schema, first.dialect), first.dialect)
    else {
        return Vec::new();
    };
    jobs.iter()
        .flat_map(|job| validate_one(&validator, job))
        .collect()
}

fn validate_one(validator: &jsonschema::Validator, job: &Job) -> Vec<Diagnostic> {
    let instance = if job.parameter {
        url_value(job.example, job.schema)
    } else {
        job.example.to_json()
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
            Diagnostic::new(
                Rule::ExampleInvalid,
                span,
                format!("{}{place} does not match its schema: {err}", job.what),
            )
            .with_note(Some(job.schema.span), "the schema")
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
