//! `mxspec dump`: bundled, ref-free JSON of each API, as Swagger 2.0 or OpenAPI 3.0 (only a
//! recursive schema is referred to, in `definitions` / `components.schemas`).
//!
//! Both are built from the model alone. One document per API holds every operation of every
//! group, tagged or not (the original dumped only tagged client-server operations), with each
//! path made absolute by its group's base path, so the document's `basePath` is `/`.

mod bundle;
mod losses;
mod openapi3;
mod openapi31;
mod recursion;
mod swagger2;

use crate::model::{Api, Auth};

pub use bundle::{Bundled, bundle};
pub use losses::{Target, losses};
pub use openapi3::openapi3;
pub use openapi31::{Openapi31Options, openapi31};
pub use swagger2::swagger2;

/// Why an API could not be dumped.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    /// A schema could not be expressed in OpenAPI 3.0.
    #[error("{api} {method} {path}: cannot express a schema in OpenAPI 3.0: {message}")]
    Schema {
        /// The API.
        api: String,
        /// The operation's method.
        method: &'static str,
        /// The operation's path.
        path: String,
        /// What openapiv3 said.
        message: String,
    },
}

/// Serializes a dump the way mxspec writes every JSON file: pretty, two-space indent, final
/// newline. Same model, same bytes.
pub fn to_json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    // Dumps are JSON values and typed openapiv3 documents with string keys: serializing them
    // cannot fail.
    #[allow(clippy::expect_used)]
    let mut out = serde_json::to_vec_pretty(value).expect("dumps are plain JSON values");
    out.push(b'\n');
    out
}

/// The security requirement list for an endpoint's auth, or None for no authentication.
fn security_requirements(auth: &Auth) -> Option<Vec<serde_json::Map<String, serde_json::Value>>> {
    let requirement = |scheme: &String| {
        let mut map = serde_json::Map::new();
        map.insert(scheme.clone(), serde_json::Value::Array(Vec::new()));
        map
    };
    match auth {
        Auth::None => None,
        Auth::Required { schemes } => Some(schemes.iter().map(requirement).collect()),
        Auth::Optional { schemes } => {
            let mut list = vec![serde_json::Map::new()];
            list.extend(schemes.iter().map(requirement));
            Some(list)
        }
    }
}

/// The document title for an API: its first group's title with the group-specific words
/// dropped is unreliable, so the API's folder name is used.
fn title(api: &Api) -> String {
    format!("{} API", api.name)
}

/// The version for an API's document: the first group's `info.version`.
fn version(api: &Api) -> String {
    api.groups
        .first()
        .map(|g| g.version.clone())
        .unwrap_or_default()
}
