//! Event schemas (`event-schemas/schema/<type>`) and their examples
//! (`event-schemas/examples/<type>[$variant]`). A matrix-doc tree names the files by event
//! type alone; a matrix-spec repository adds `.yaml` (`m.room.member.yaml`,
//! `m.room.member$invite_room_state.yaml`). Either way a `.json` file beside them is a fragment
//! other files refer to (`invite_room_state.json`), not an event, as the spec's own CI has it.

use super::{EventExample, EventSchema, Schema};
use crate::diagnostic::{Diagnostic, Rule};
use crate::resolve::Resolver;
use crate::source::{FileId, SourceTree, Span};

/// The event schema and example files of a tree: files directly in the two folders, sorted.
#[derive(Default)]
pub(super) struct EventFiles {
    schemas: Vec<(String, FileId)>,
    examples: Vec<(String, FileId)>,
}

/// The event files directly inside `folder`, named by event type: files without an extension
/// when the folder has any (a matrix-doc tree), else `.yaml` files without it.
fn direct_files(tree: &SourceTree, folder: &str) -> Vec<(String, FileId)> {
    let direct: Vec<(&str, FileId)> = tree
        .files()
        .filter_map(|(id, file)| {
            let name = file.path.strip_prefix(folder)?;
            (!name.contains('/')).then_some((name, id))
        })
        .collect();
    let has_extension = |name: &str| [".yaml", ".yml", ".json"].iter().any(|e| name.ends_with(e));
    let by_type_alone = direct.iter().any(|(name, _)| !has_extension(name));
    let mut files: Vec<_> = direct
        .into_iter()
        .filter_map(|(name, id)| {
            let event = if by_type_alone {
                (!has_extension(name)).then_some(name)
            } else {
                name.strip_suffix(".yaml")
            };
            event.map(|event| (event.to_owned(), id))
        })
        .collect();
    files.sort();
    files
}

pub(super) fn event_files(tree: &SourceTree) -> EventFiles {
    let Some(data) = tree.data_prefix() else {
        return EventFiles::default();
    };
    EventFiles {
        schemas: direct_files(tree, &format!("{data}event-schemas/schema/")),
        examples: direct_files(tree, &format!("{data}event-schemas/examples/")),
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

/// The event schemas with their examples; an example that names no schema is reported.
pub(super) fn build(
    resolver: &mut Resolver,
    files: &EventFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<EventSchema> {
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
            let schema = name.split_once('$').map_or(name.as_str(), |(base, _)| base);
            diagnostics.push(Diagnostic::new(
                Rule::EventExampleUnmatched,
                Span::file_start(*file),
                format!(
                    "the event example `{name}` has no schema `{schema}` in event-schemas/schema/, so it is checked against nothing"
                ),
            ));
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
