//! mxspec: load, check, render and generate code from a tree of Swagger 2.0 / OpenAPI 3.x files.
//!
//! The flow is one-way: [`source`] reads and parses the files, [`resolve`] inlines `$ref`s,
//! [`model`] turns the resolved documents into one [`model::Spec`], and every output ([`check`],
//! [`dump`]) reads only that model. See `ARCHITECTURE.md` for the map.
//!
//! ```no_run
//! let loaded = mxspec::load(std::path::Path::new("api-root"), &Default::default())?;
//! for (_, group, endpoint) in loaded.spec.endpoints() {
//!     println!("{} {} ({})", endpoint.method.upper(), endpoint.full_path, group.name);
//! }
//! # Ok::<(), mxspec::source::LoadError>(())
//! ```

#![deny(missing_docs)]
// Every byte of a spec tree is untrusted: the library reports, it never panics. Where an
// invariant truly holds, a reasoned `#[allow]` says so.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod check;
pub mod codegen;
pub mod content;
pub mod diagnostic;
pub mod dump;
pub mod escape;
pub mod gotemplate;
pub mod hugo;
pub mod limits;
pub mod markdown;
pub mod model;
pub mod output;
pub mod py;
pub mod render;
pub mod resolve;
pub mod rst;
pub mod sanitize;
pub mod schema;
pub mod serve;
pub mod source;

use std::path::Path;

use diagnostic::Diagnostic;
use model::{LoadOptions, Spec};
use source::{LoadError, SourceTree};

/// A loaded spec tree: the files, the model built from them, and the problems found on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// Every file read, for naming files and quoting lines in diagnostics.
    pub tree: SourceTree,
    /// The model.
    pub spec: Spec,
    /// Problems found while parsing, resolving and building (not yet the checks).
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// The APIs with an error in one of their files (under `api/<name>/`): their model may be
    /// incomplete, so outputs made per API leave them out. An error elsewhere (an event schema,
    /// a changelog) blocks no API; the exit code still reports it.
    pub fn apis_with_errors(&self) -> std::collections::BTreeSet<String> {
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity() == diagnostic::Severity::Error);
        let Some(data) = self.tree.data_prefix() else {
            // One document is one API: every error is its.
            let mut errors = errors;
            return match errors.next() {
                Some(_) => self.spec.apis.iter().map(|a| a.name.clone()).collect(),
                None => Default::default(),
            };
        };
        let prefix = format!("{data}api/");
        errors
            .filter_map(|d| {
                let path = &self.tree.file(d.span.file).path;
                let (api, _) = path.strip_prefix(&prefix)?.split_once('/')?;
                Some(api.to_owned())
            })
            .collect()
    }
}

/// Loads the spec tree at `root`: walks and parses its files, resolves refs, builds the model.
///
/// Problems inside the files are diagnostics of the result; only a root that cannot be read at
/// all is an error.
pub fn load(root: &Path, options: &LoadOptions) -> Result<Loaded, LoadError> {
    let mut tree = SourceTree::load_with(root, &options.source)?;
    let (spec, diagnostics) = model::build(&mut tree, options);
    Ok(Loaded {
        tree,
        spec,
        diagnostics,
    })
}
