//! `mxspec dump`: bundled JSON of each API, as Swagger 2.0 or OpenAPI 3.0, either with every
//! `$ref` target kept once by name in `definitions` / `components.schemas` or with every ref
//! inlined (only a recursive schema is then referred to); see [`Refs`].
//!
//! Both are built from the model alone. One document per API holds every operation of every
//! group, tagged or not (the original dumped only tagged client-server operations), with each
//! path made absolute by its group's base path, so the document's `basePath` is `/`.

mod bundle;
mod downgrade;
mod losses;
mod openapi3;
mod openapi31;
mod recursion;
mod schemas;
mod swagger2;
mod upgrade;

use crate::model::{Api, Auth};

pub use bundle::{Bundled, bundle, dangling_refs};
pub use losses::{Target, losses};
pub use openapi3::{OpenApi30, openapi3, openapi3_with};
pub use openapi31::{Openapi31Options, openapi31};
pub use swagger2::{swagger2, swagger2_with};
pub use upgrade::{Openapi31Error, openapi31_from_30, openapi31_of_document};

/// How a converting dump writes the schemas that `$ref`s name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Refs {
    /// Every ref replaced by what it names; only a recursive schema is referred to. Matrix's
    /// own toolchains dumped this way.
    #[default]
    Inline,
    /// Every schema a ref names written once, under a name (its component key, else its file's
    /// name), and referred to wherever it is used, as `redocly bundle` does.
    Components,
}

/// How the Swagger 2.0 and OpenAPI 3.0 dumps are written.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Inline or by name.
    pub refs: Refs,
    /// With [`Refs::Components`], how many JSON nodes the dump's schemas and examples may have
    /// (the `inlined-nodes` limit: data that refs name, such as examples, is written in full).
    pub budget: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            refs: Refs::Inline,
            budget: crate::limits::MAX_INLINED_NODES,
        }
    }
}

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
    /// The dump would have more nodes than its budget.
    #[error(
        "the dump would have more than `inlined-nodes` JSON nodes (examples and other data that refs name are written in full; `--limit inlined-nodes=N` raises the bound)"
    )]
    TooLarge,
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

/// The security requirement list for an endpoint's auth, each requirement with the scopes it
/// names, or None for no authentication. A requirement written twice is written once (the
/// list is a set: Swagger 2.0 and OpenAPI 3.0 validators ask for unique items).
fn security_requirements(auth: &Auth) -> Option<Vec<serde_json::Map<String, serde_json::Value>>> {
    let (optional, requirements) = match auth {
        Auth::None => return None,
        Auth::Required { requirements, .. } => (false, requirements),
        Auth::Optional { requirements, .. } => (true, requirements),
    };
    let mut list: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
    if optional {
        list.push(serde_json::Map::new());
    }
    for requirement in requirements {
        let map = requirement
            .iter()
            .map(|(scheme, scopes)| (scheme.clone(), serde_json::json!(scopes)))
            .collect();
        if !list.contains(&map) {
            list.push(map);
        }
    }
    Some(list)
}

/// Whether a response key is a status range (`4XX`), which OpenAPI 3 has and Swagger 2.0 lacks.
fn status_range(key: &str) -> bool {
    let bytes = key.as_bytes();
    bytes.len() == 3 && bytes[0].is_ascii_digit() && bytes[1..].eq_ignore_ascii_case(b"XX")
}

/// The document title for an API: a document's own `info.title`; for a Matrix tree, whose
/// groups' titles name only their part, the API's folder name.
fn title(api: &Api) -> String {
    match (api.matrix, api.groups.first()) {
        (false, Some(group)) => group.title.clone(),
        _ => format!("{} API", api.name),
    }
}

/// The version for an API's document: the first group's `info.version`.
fn version(api: &Api) -> String {
    api.groups
        .first()
        .map(|g| g.version.clone())
        .unwrap_or_default()
}

/// The whole `info` of a document that is not part of a Matrix tree, as written (contact,
/// license, description, ...); None for a Matrix tree, whose dumps name the API themselves.
fn own_info(api: &Api) -> Option<serde_json::Value> {
    if api.matrix {
        return None;
    }
    let info = api.groups.first()?.document.get("info")?.to_json();
    info.is_object().then_some(info)
}

/// The top-level parts of a document that is not part of a Matrix tree that the converted
/// dumps keep as written, besides `info` and the servers: its `tags` (the groups' together,
/// the first of a name kept), its `externalDocs` and its `x-` extensions but those that refs
/// reach into ([`dropped_extensions`]). Empty for a Matrix tree.
fn own_extras(api: &Api) -> serde_json::Map<String, serde_json::Value> {
    let mut extras = serde_json::Map::new();
    if api.matrix {
        return extras;
    }
    let mut tags: Vec<serde_json::Value> = Vec::new();
    for group in &api.groups {
        for tag in group
            .document
            .get("tags")
            .and_then(|t| t.as_seq())
            .unwrap_or_default()
        {
            let name = tag.get_str("name");
            if name.is_some() && !tags.iter().any(|t| t["name"].as_str() == name) {
                tags.push(older_tag(tag.to_json()));
            }
        }
    }
    if !tags.is_empty() {
        extras.insert("tags".into(), serde_json::Value::Array(tags));
    }
    if let Some(first) = api.groups.first()
        && let Some(map) = first.document.as_map()
    {
        for (key, value) in map.iter() {
            let extension = key.starts_with("x-") && !holds_ref_target(value, &api.ref_targets);
            if key == "externalDocs" || extension {
                extras.insert(key.to_owned(), value.to_json());
            }
        }
    }
    extras
}

/// A tag as Swagger 2.0 and OpenAPI 3.0 write one: `name`, `description`, `externalDocs`;
/// what OpenAPI 3.2 adds (`summary`, `parent`, `kind`) is kept as an `x-` extension.
fn older_tag(tag: serde_json::Value) -> serde_json::Value {
    let serde_json::Value::Object(fields) = tag else {
        return tag;
    };
    let kept = fields.into_iter().map(|(key, value)| match key.as_str() {
        "name" | "description" | "externalDocs" => (key, value),
        _ if key.starts_with("x-") => (key, value),
        _ => (format!("x-{key}"), value),
    });
    serde_json::Value::Object(kept.collect())
}

/// The top-level `x-` extensions of a document (not of a Matrix tree) that the converted dumps
/// leave out: those holding what a ref named, which written out would be the whole inlined
/// graph (GitHub's `x-webhooks` alone would triple its dump), and which no ref of the dump
/// could name instead.
pub(crate) fn dropped_extensions(api: &Api) -> Vec<(&str, crate::source::Span)> {
    let Some(map) = api.groups.first().and_then(|g| g.document.as_map()) else {
        return Vec::new();
    };
    if api.matrix {
        return Vec::new();
    }
    map.entries
        .iter()
        .filter(|e| e.key.text.starts_with("x-") && holds_ref_target(&e.value, &api.ref_targets))
        .map(|e| (e.key.text.as_str(), e.key.span))
        .collect()
}

/// Whether `node` or anything inside it is a `$ref` target; each shared subtree is looked at
/// once.
fn holds_ref_target(node: &crate::source::Node, targets: &crate::resolve::RefTargets) -> bool {
    fn walk(
        node: &crate::source::Node,
        targets: &crate::resolve::RefTargets,
        seen: &mut rustc_hash::FxHashSet<usize>,
    ) -> bool {
        let Some(identity) = node.shared_identity() else {
            return false;
        };
        if targets.get(identity).is_some() {
            return true;
        }
        if !seen.insert(identity) {
            return false;
        }
        match &node.value {
            crate::source::Value::Map(map) => {
                map.entries.iter().any(|e| walk(&e.value, targets, seen))
            }
            crate::source::Value::Seq(items) => items.iter().any(|item| walk(item, targets, seen)),
            _ => false,
        }
    }
    walk(node, targets, &mut Default::default())
}

/// The servers of a document that is not part of a Matrix tree, as dumps with absolute paths
/// need them: each URL without the base path the paths now start with (`https://api.test/v2`
/// and `/v2/pets` become `https://api.test` and `/v2/pets`), with its description and
/// variables. Empty for a Matrix tree, and for a document that names no server.
fn own_servers(api: &Api) -> Vec<serde_json::Value> {
    let Some(group) = api.groups.first().filter(|_| !api.matrix) else {
        return Vec::new();
    };
    let written = group.document.get("servers").and_then(|s| s.as_seq());
    group
        .servers
        .iter()
        .enumerate()
        .map(|(index, server)| {
            let base = group.base_path.as_str();
            let template = server.template.trim_end_matches('/');
            let at_defaults = server.url.trim_end_matches('/');
            let (url, variables) = match template.strip_suffix(base) {
                Some(origin) if !origin.is_empty() => (origin, true),
                _ if template.is_empty() => ("/", true),
                // The base path is written with variables (`{scheme}://{host}{basePath}`):
                // the URL at their defaults, without it, so the paths do not repeat it.
                _ => match at_defaults.strip_suffix(base) {
                    Some(origin) if !origin.is_empty() => (origin, false),
                    _ => (template, true),
                },
            };
            let mut entry = serde_json::Map::new();
            entry.insert("url".into(), url.into());
            if let Some(description) = &server.description {
                entry.insert("description".into(), description.as_str().into());
            }
            if let Some(variables) = written
                .filter(|_| variables)
                .and_then(|servers| servers.get(index))
                .and_then(|server| server.get("variables"))
            {
                entry.insert("variables".into(), variables.to_json());
            }
            serde_json::Value::Object(entry)
        })
        .collect()
}
