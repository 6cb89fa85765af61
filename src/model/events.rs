//! Event schemas (`event-schemas/schema/<type>`) and their examples
//! (`event-schemas/examples/<type>[$variant]`).

use super::{EventExample, EventSchema, Schema};
use crate::resolve::Resolver;
use crate::source::{FileId, SourceTree};

const SCHEMA_FOLDER: &str = "event-schemas/schema/";
const EXAMPLE_FOLDER: &str = "event-schemas/examples/";

/// The event schema and example files of a tree: files directly in the two folders, sorted.
pub(super) struct EventFiles {
    schemas: Vec<(String, FileId)>,
    examples: Vec<(String, FileId)>,
}

/// Files directly inside `folder` whose name has no extension: events are named by type.
fn direct_files(tree: &SourceTree, folder: &str) -> Vec<(String, FileId)> {
    let mut files: Vec<_> = tree
        .files()
        .filter_map(|(id, file)| {
            let name = file.path.strip_prefix(folder)?;
            let is_event =
                !name.contains('/') && !name.ends_with(".yaml") && !name.ends_with(".json");
            is_event.then(|| (name.to_owned(), id))
        })
        .collect();
    files.sort();
    files
}

pub(super) fn event_files(tree: &SourceTree) -> EventFiles {
    EventFiles {
        schemas: direct_files(tree, SCHEMA_FOLDER),
        examples: direct_files(tree, EXAMPLE_FOLDER),
    }
}

/// The schema an example belongs to: the schema of the same name, else the one named by the
/// part before `$` (`m.room.member$invite_room_state` → `m.room.member`).
pub fn schema_for_example<'a>(
    example: &str,
    schemas: impl Iterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    if let Some(exact) = schemas.clone().find(|s| *s == example) {
        return Some(exact);
    }
    let base = example.split_once('$')?.0;
    schemas.into_iter().find(|s| *s == base)
}

pub(super) fn build(resolver: &mut Resolver, files: &EventFiles) -> Vec<EventSchema> {
    let mut events: Vec<EventSchema> = files
        .schemas
        .iter()
        .filter_map(|(name, file)| {
            let node = resolver.resolve_file(*file)?;
            Some(EventSchema {
                name: name.clone(),
                file: *file,
                schema: Schema::new(node),
                examples: Vec::new(),
            })
        })
        .collect();
    for (name, file) in &files.examples {
        let Some(value) = resolver.resolve_file(*file) else {
            continue;
        };
        let Some(schema) = schema_for_example(name, events.iter().map(|e| e.name.as_str())) else {
            continue;
        };
        let schema = schema.to_owned();
        if let Some(event) = events.iter_mut().find(|e| e.name == schema) {
            event.examples.push(EventExample {
                name: name.clone(),
                file: *file,
                value,
            });
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::schema_for_example;

    #[test]
    fn examples_find_their_schema() {
        let schemas = ["m.room.member", "m.room.message$m.text", "m.room.message"];
        let find = |e| schema_for_example(e, schemas.iter().copied());
        assert_eq!(
            find("m.room.member$invite_room_state"),
            Some("m.room.member")
        );
        assert_eq!(find("m.room.message$m.text"), Some("m.room.message$m.text"));
        assert_eq!(find("m.room.encrypted$olm"), None);
    }
}
