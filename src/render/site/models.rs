//! Filling the `.. mxspec::` placeholders of a parsed page with sections made from the model.
//!
//! Placeholders are rendered in parallel, each into a parse context of its own (descriptions
//! are RST), then spliced in document order and their contexts merged, so names, targets and
//! problems are as if the page had been parsed in one pass. Endpoint anchors are numbered in
//! document order before that, so they do not depend on scheduling.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::{Fragments, Shown, SiteOptions, definition, endpoint, event};
use crate::render::build::substitute;
use crate::render::sections::{Model, Sections};
use crate::rst::Block;
use crate::rst::block::Parsed;
use crate::source::Span;

/// One placeholder's sections and what parsing its descriptions found.
struct Part {
    blocks: Vec<Block>,
    parsed: Parsed,
    shown: Shown,
    /// Where its descriptions come from, by the line number their blocks carry.
    origins: Vec<(usize, Span)>,
}

/// Replaces every placeholder of `blocks` with its sections; returns what they show, and the
/// places in the spec of the descriptions parsed into them (see [`super::ORIGIN_LINES`]).
pub fn fill(
    blocks: &mut Vec<Block>,
    sections: &Sections<'_>,
    site: &SiteOptions,
    parsed: &mut Parsed,
    substitutions: &BTreeMap<String, String>,
) -> (Shown, BTreeMap<usize, Span>) {
    let mut placeholders = Vec::new();
    collect(blocks, &mut placeholders);
    let mut used = HashMap::new();
    let jobs: Vec<(String, usize, Vec<String>)> = placeholders
        .into_iter()
        .map(|(name, line)| {
            let anchors = match sections.model(&name) {
                Some(Model::Group(group, _)) => group
                    .endpoints
                    .iter()
                    .filter(|e| !(site.hide_deprecated && e.deprecated))
                    .map(|e| {
                        let path = substitute(e.raw_full_path.trim(), substitutions);
                        numbered(&mut used, endpoint::anchor(e.method.upper(), &path))
                    })
                    .collect(),
                _ => Vec::new(),
            };
            (name, line, anchors)
        })
        .collect();
    let parts: Vec<Part> = jobs
        .into_par_iter()
        .enumerate()
        .map(|(index, (name, line, anchors))| {
            render(&name, line, index, anchors, sections, site, substitutions)
        })
        .collect();
    let origins = parts
        .iter()
        .flat_map(|p| p.origins.iter().copied())
        .collect();
    let mut shown = Shown::default();
    let mut parts = parts.into_iter();
    splice(blocks, &mut parts, parsed, &mut shown);
    (shown, origins)
}

/// `wanted`, or `wanted-2`, `wanted-3`, ... when the page already has it.
fn numbered(used: &mut HashMap<String, usize>, wanted: String) -> String {
    let count = used.entry(wanted.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        wanted
    } else {
        format!("{wanted}-{count}")
    }
}

fn collect(blocks: &[Block], out: &mut Vec<(String, usize)>) {
    for block in blocks {
        match block {
            Block::Placeholder { name, line } => out.push((name.clone(), *line)),
            Block::Section(section) => collect(&section.body, out),
            _ => {}
        }
    }
}

fn render(
    name: &str,
    line: usize,
    index: usize,
    anchors: Vec<String>,
    sections: &Sections<'_>,
    site: &SiteOptions,
    substitutions: &BTreeMap<String, String>,
) -> Part {
    let mut parsed = Parsed::default();
    let mut blocks = Vec::new();
    let mut shown = Shown::default();
    let mut fragments = Fragments::new(&mut parsed, substitutions, line, index);
    match sections.model(name) {
        Some(Model::Group(group, records)) => {
            let mut anchors = anchors.into_iter();
            for (endpoint, record) in group.endpoints.iter().zip(&records.endpoints) {
                if site.hide_deprecated && record.deprecated {
                    continue;
                }
                let mut record = record.clone();
                record.path = substitute(&record.path, substitutions);
                record.example.req = substitute(&record.example.req, substitutions);
                let id = anchors.next().unwrap_or_default();
                let (section, entry) = endpoint::section(endpoint, &record, id, &mut fragments);
                blocks.push(Block::Section(section));
                shown.endpoints.push(entry);
            }
        }
        Some(Model::Events(events, msgtypes)) => {
            for schema in events {
                let (section, _) = event::section(
                    sections.tree(),
                    sections.spec(),
                    schema,
                    msgtypes,
                    &mut fragments,
                );
                blocks.push(Block::Section(section));
                shown.events.push(schema.name.clone());
            }
        }
        Some(Model::Definition(schema)) => {
            let (section, _) = definition::section(schema, &mut fragments);
            blocks.push(Block::Section(section));
            shown.definitions.push(name.to_owned());
        }
        None => {}
    }
    let origins = fragments.origins().collect();
    Part {
        blocks,
        parsed,
        shown,
        origins,
    }
}

fn splice(
    blocks: &mut Vec<Block>,
    parts: &mut impl Iterator<Item = Part>,
    parsed: &mut Parsed,
    shown: &mut Shown,
) {
    let mut out = Vec::with_capacity(blocks.len());
    for block in std::mem::take(blocks) {
        match block {
            Block::Placeholder { .. } => {
                let Some(part) = parts.next() else { continue };
                merge(parsed, part.parsed);
                shown.endpoints.extend(part.shown.endpoints);
                shown.events.extend(part.shown.events);
                shown.definitions.extend(part.shown.definitions);
                out.extend(part.blocks);
            }
            Block::Section(mut section) => {
                splice(&mut section.body, parts, parsed, shown);
                out.push(Block::Section(section));
            }
            other => out.push(other),
        }
    }
    *blocks = out;
}

/// Adds what parsing a part found to the page's parse context.
fn merge(page: &mut Parsed, part: Parsed) {
    page.targets.extend(part.targets);
    page.anonymous.extend(part.anonymous);
    page.substitutions.extend(part.substitutions);
    page.problems.extend(part.problems);
    page.inline.anonymous += part.inline.anonymous;
    page.inline.embedded.extend(part.inline.embedded);
    page.inline.problems.extend(part.inline.problems);
}
