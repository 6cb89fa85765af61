//! `mxspec check`: rules over the model, each reporting [`Diagnostic`]s with a file position.
//!
//! The rules live in four modules by what they read: [`operations`] (path templates,
//! parameters, operationIds), [`document`] (an OpenAPI document's servers, tags, components,
//! and operation summaries), [`schemas`] (the shape of every schema) and [`examples`] (every
//! example validated against its schema). Loading already reported syntax, ref and structure
//! problems; [`check`] adds the rest and sorts everything.

mod dialect;
mod document;
mod examples;
mod operations;
mod refs;
mod schemas;

use rustc_hash::FxHashSet as HashSet;

use crate::Loaded;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::model::SpecFormat;

pub use examples::{ExampleCounts, unfit_examples};

/// What a check run looked at, for the summary line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files loaded.
    pub files: usize,
    /// APIs.
    pub apis: usize,
    /// Groups.
    pub groups: usize,
    /// Endpoints.
    pub endpoints: usize,
    /// The operations of OpenAPI 3.1 webhooks.
    pub webhooks: usize,
    /// Event schemas.
    pub events: usize,
    /// Distinct schema nodes the schema rules visited.
    pub schemas: usize,
    /// Examples validated, by kind.
    pub examples: ExampleCounts,
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
}

/// The result of checking a loaded tree.
#[derive(Clone, Debug)]
pub struct Report {
    /// Every diagnostic, loading's included, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// What was checked.
    pub summary: Summary,
}

/// Runs every rule over `loaded` and returns all diagnostics (the loader's too), sorted.
pub fn check(loaded: &Loaded) -> Report {
    let mut cx = Context {
        diagnostics: loaded.diagnostics.clone(),
        seen: HashSet::default(),
    };
    operations::check(&loaded.spec, &mut cx);
    document::check(&loaded.spec, &mut cx);
    refs::check(&loaded.spec, &loaded.tree, &mut cx);
    // Examples first: a root schema that compiled for them needs no separate metaschema pass.
    let (examples, compiled) = examples::check(&loaded.spec, &mut cx.diagnostics);
    let schemas = schemas::check(&loaded.spec, &mut cx, &compiled);
    let mut diagnostics = cx.diagnostics;
    loaded.spec.rules.apply(&mut diagnostics);
    diagnostic::sort_and_dedup(&loaded.tree, &mut diagnostics);
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    let spec = &loaded.spec;
    let summary = Summary {
        files: loaded.tree.files().count(),
        apis: spec.apis.len(),
        groups: spec.apis.iter().map(|a| a.groups.len()).sum(),
        endpoints: spec.endpoints().count(),
        webhooks: spec
            .apis
            .iter()
            .flat_map(|a| &a.groups)
            .map(|g| g.webhooks.len())
            .sum(),
        events: spec.events.len(),
        schemas,
        examples,
        errors,
        warnings: diagnostics.len() - errors,
    };
    Report {
        diagnostics,
        summary,
    }
}

/// State the rules share.
pub(crate) struct Context {
    diagnostics: Vec<Diagnostic>,
    /// Schema nodes already visited, by [`Node::shared_identity`]: a shared definition is inlined
    /// wherever it is used and is checked once. Identity, not span: a `$ref` with sibling
    /// overrides has its target's span but other content, and must be checked too.
    ///
    /// [`Node::shared_identity`]: crate::source::Node::shared_identity
    seen: HashSet<usize>,
}

impl Context {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
}

impl Summary {
    /// The one-line summary `mxspec check` prints last.
    pub fn line(&self) -> String {
        let e = &self.examples;
        // Webhooks are rare; a tree without them keeps the line it always had.
        let webhooks = match self.webhooks {
            0 => String::new(),
            n => format!(", {n} webhooks"),
        };
        format!(
            "checked {} files: {} APIs, {} groups, {} endpoints{webhooks}, {} event schemas, {} schemas; \
             {} examples validated ({} request bodies, {} responses, {} schema examples, \
             {} parameter examples, {} event examples): {} errors, {} warnings",
            self.files,
            self.apis,
            self.groups,
            self.endpoints,
            self.events,
            self.schemas,
            e.total(),
            e.request_bodies,
            e.responses,
            e.schema_examples,
            e.parameters,
            e.events,
            self.errors,
            self.warnings
        )
    }
}

/// Whether a format allows JSON-schema features Swagger 2.0 lacks (type lists, `oneOf`).
fn is_swagger2(format: SpecFormat) -> bool {
    format == SpecFormat::Swagger2
}
