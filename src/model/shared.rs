//! Schema files that are not endpoints but that documents show on their own: the shared
//! definitions of an API (`api/<api>/definitions/`, one level of subfolders), the core
//! event schemas (`event-schemas/schema/core-event-schema/`) and the schemas of a
//! matrix-spec repository's other folders of `data/`.

use super::{NamedSchema, Schema};
use crate::resolve::Resolver;
use crate::source::{FileId, SourceTree};

/// `.yaml` files in `folder`, and in its direct subfolders when `subfolders`, with their path
/// below `folder` minus the extension; sorted.
fn yaml_files(tree: &SourceTree, folder: &str, subfolders: bool) -> Vec<(String, FileId)> {
    let mut files: Vec<_> = tree
        .files()
        .filter_map(|(id, file)| {
            let name = file.path.strip_prefix(folder)?.strip_suffix(".yaml")?;
            let depth = name.matches('/').count();
            (depth == 0 || subfolders && depth == 1).then(|| (name.to_owned(), id))
        })
        .collect();
    files.sort();
    files
}

fn resolve_all(resolver: &mut Resolver, files: Vec<(String, FileId)>) -> Vec<NamedSchema> {
    files
        .into_iter()
        .filter_map(|(name, file)| {
            let node = resolver.resolve_file(file)?;
            Some(NamedSchema {
                name,
                file,
                schema: Schema::new(node),
            })
        })
        .collect()
}

/// The definitions of API `api`.
pub(super) fn definitions(resolver: &mut Resolver, api: &str) -> Vec<NamedSchema> {
    let Some(data) = resolver.tree().data_prefix() else {
        return Vec::new();
    };
    let folder = format!("{data}api/{api}/definitions/");
    let files = yaml_files(resolver.tree(), &folder, true);
    resolve_all(resolver, files)
}

/// The core event schemas (`event`, `room_event`, `state_event`, ...).
pub(super) fn core_events(resolver: &mut Resolver) -> Vec<NamedSchema> {
    let Some(data) = resolver.tree().data_prefix() else {
        return Vec::new();
    };
    let folder = format!("{data}event-schemas/schema/core-event-schema/");
    let files = yaml_files(resolver.tree(), &folder, false);
    resolve_all(resolver, files)
}

/// The schemas of the folders of `data/` other than `api/` and `event-schemas/`, named by
/// their path below `data/` (a matrix-spec repository only: a 2019 tree's data is its root).
pub(super) fn data_schemas(resolver: &mut Resolver) -> Vec<NamedSchema> {
    let Some(data) = resolver.tree().data_prefix().filter(|d| !d.is_empty()) else {
        return Vec::new();
    };
    let mut files: Vec<(String, FileId)> = resolver
        .tree()
        .files()
        .filter_map(|(id, file)| {
            let name = file.path.strip_prefix(data)?;
            if name.starts_with("api/") || name.starts_with("event-schemas/") {
                return None;
            }
            let name = name
                .strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".yml"))
                .or_else(|| name.strip_suffix(".json"))?;
            name.contains('/').then(|| (name.to_owned(), id))
        })
        .collect();
    files.sort();
    resolve_all(resolver, files)
}
