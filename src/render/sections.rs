//! The `{{...}}` placeholders of the prose: which section each name is and its text.
//!
//! Names follow the original toolchain: `<group>_<api>_http_api`, `<event>_event`,
//! `definition_<api>_<path>`, `common_<core>_fields`, `msgtype_events`, `voip_events`,
//! `presence_events`, `room_events`, `<changelog>_changelog`, `unstable_warning_block_<NAME>`,
//! `apis`, `sas_emoji_table`, `git_version`, `git_rev`. Rendering a section only reads, so
//! a build renders them in parallel; the few files sections read besides the model (released
//! changelogs, the SAS emoji) are loaded when [`Sections`] is made.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Serialize;

use super::layout;
use super::tables::TypeRow;
use super::templates::{TemplateError, Templates};
use super::{changelog, definitions, endpoints, events, git, http_api};
use crate::model::Spec;
use crate::model::changelog::released_path;
use crate::source::SourceTree;

/// Why a section has no text.
#[derive(Debug, thiserror::Error)]
pub enum SectionError {
    /// No section has this name.
    #[error("no section is called `{0}`")]
    Unknown(String),
    /// The section's template failed.
    #[error(transparent)]
    Template(#[from] TemplateError),
}

/// An API group a placeholder can name, and its endpoint records once made: the RST and
/// the HTML build both need them.
struct GroupEntry {
    api: usize,
    group: usize,
    record: OnceLock<endpoints::GroupRecord>,
}

/// The part of the model a placeholder shows.
pub enum Model<'a> {
    /// `{{<group>_http_api}}`, with its endpoint records.
    Group(&'a crate::model::Group, &'a endpoints::GroupRecord),
    /// An event, or a list of them; true for message types (titled by `msgtype`).
    Events(Vec<&'a crate::model::EventSchema>, bool),
    /// `{{definition_<api>_<path>}}`.
    Definition(&'a crate::model::NamedSchema),
}

/// What the sections of one build are made from.
pub struct Sections<'a> {
    tree: &'a SourceTree,
    spec: &'a Spec,
    templates: &'a Templates,
    substitutions: &'a BTreeMap<String, String>,
    title_char: char,
    groups: HashMap<String, GroupEntry>,
    definitions: HashMap<String, (usize, usize)>,
    events: HashMap<String, usize>,
    git: OnceLock<git::GitInfo>,
}

/// The label everything is at when no substitution names one.
pub const UNSTABLE: &str = "unstable";

impl<'a> Sections<'a> {
    /// Sections of `spec`, titles underlined with `title_char` (the relative subtitle
    /// character, so a section nests under the title it is placed after).
    pub fn new(
        tree: &'a mut SourceTree,
        spec: &'a Spec,
        templates: &'a Templates,
        substitutions: &'a BTreeMap<String, String>,
        title_char: char,
    ) -> Sections<'a> {
        // Files sections read besides the model; a missing one is an error when used.
        for changelog in &spec.changelogs {
            let _ = tree.load_relative(&released_path(&changelog.config));
        }
        let _ = tree.load_relative(SAS_EMOJI);
        let tree: &'a SourceTree = tree;
        let mut groups = HashMap::new();
        let mut definition_names = HashMap::new();
        for (a, api) in spec.apis.iter().enumerate() {
            for (g, group) in api.groups.iter().enumerate() {
                let entry = GroupEntry {
                    api: a,
                    group: g,
                    record: OnceLock::new(),
                };
                groups.insert(endpoints::group_record_name(api, group), entry);
            }
            for (d, definition) in api.definitions.iter().enumerate() {
                if definitions::has_section(definition) {
                    definition_names.insert(definitions::section_name(api, definition), (a, d));
                }
            }
        }
        let events = spec
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (events::section_name(&e.name), i))
            .collect();
        Sections {
            tree,
            spec,
            templates,
            substitutions,
            title_char,
            groups,
            definitions: definition_names,
            events,
            git: OnceLock::new(),
        }
    }

    /// What a placeholder shows from the model: an API group, events, or a definition. None
    /// for the other sections (changelogs, tables, banners, common fields).
    pub fn model(&self, name: &str) -> Option<Model<'_>> {
        if let Some(entry) = name
            .strip_suffix("_http_api")
            .and_then(|g| self.groups.get(g))
        {
            let group = &self.spec.apis[entry.api].groups[entry.group];
            return Some(Model::Group(group, self.record(entry)));
        }
        if let Some(&i) = self.events.get(name) {
            return Some(Model::Events(vec![&self.spec.events[i]], false));
        }
        if let Some(listed) = events::list(self.spec, name) {
            return Some(Model::Events(listed, name == "msgtype_events"));
        }
        let &(a, d) = self.definitions.get(name)?;
        let api = &self.spec.apis[a];
        Some(Model::Definition(&api.definitions[d]))
    }

    /// The endpoint records of a group, made on first use.
    fn record<'s>(&'s self, entry: &'s GroupEntry) -> &'s endpoints::GroupRecord {
        entry.record.get_or_init(|| {
            let api = &self.spec.apis[entry.api];
            endpoints::group_record(api, &api.groups[entry.group])
        })
    }

    /// The spec the sections show.
    pub fn spec(&self) -> &'a Spec {
        self.spec
    }

    /// The tree the sections read.
    pub fn tree(&self) -> &SourceTree {
        self.tree
    }

    /// The text of placeholder `name` in a document at version `label` (only changelogs
    /// depend on it).
    pub fn render(&self, name: &str, label: &str) -> Result<String, SectionError> {
        let (tree, spec, templates, c) = (self.tree, self.spec, self.templates, self.title_char);
        let text = match name {
            "git_version" => self.git().version.clone(),
            "git_rev" => self.git().revision.clone(),
            "apis" => self.apis()?,
            "sas_emoji_table" => self.sas_emoji_table()?,
            "msgtype_events" => events::render_msgtypes(templates, tree, spec, c)?,
            "voip_events" | "presence_events" | "room_events" => {
                let listed = events::list(spec, name).unwrap_or_default();
                events::render_event_list(templates, tree, &listed, spec, c)?
            }
            _ => return self.render_named(name, label),
        };
        Ok(text)
    }

    fn render_named(&self, name: &str, label: &str) -> Result<String, SectionError> {
        let unknown = || SectionError::Unknown(name.to_owned());
        let (tree, spec, templates, c) = (self.tree, self.spec, self.templates, self.title_char);
        if let Some(variable) = name.strip_prefix("unstable_warning_block_") {
            let value = self.substitutions.get(variable).ok_or_else(unknown)?;
            let unstable = value == UNSTABLE;
            return Ok(templates.render("unstable-warning.rst", minijinja::context! { unstable })?);
        }
        if let Some(group) = name.strip_suffix("_http_api") {
            let entry = self.groups.get(group).ok_or_else(unknown)?;
            return Ok(http_api::render(templates, self.record(entry), c)?);
        }
        if let Some(&(a, d)) = self.definitions.get(name) {
            return Ok(definitions::render(
                templates,
                &spec.apis[a].definitions[d],
                c,
            )?);
        }
        if let Some(core) = name
            .strip_prefix("common_")
            .and_then(|n| n.strip_suffix("_fields"))
        {
            let schema = spec
                .core_events
                .iter()
                .find(|s| s.name == core)
                .ok_or_else(unknown)?;
            return Ok(events::render_common_fields(templates, schema, c)?);
        }
        if let Some(&i) = self.events.get(name) {
            return Ok(events::render_event(
                templates,
                tree,
                spec,
                &spec.events[i],
                c,
            )?);
        }
        if let Some(changelog) = name.strip_suffix("_changelog") {
            return self.changelog(changelog, label);
        }
        Err(unknown())
    }

    fn git(&self) -> &git::GitInfo {
        self.git.get_or_init(|| git::GitInfo::of(self.tree.root()))
    }

    fn changelog(&self, name: &str, label: &str) -> Result<String, SectionError> {
        let spec = self.spec;
        let log = spec
            .changelogs
            .iter()
            .find(|c| c.config.name == name)
            .ok_or_else(|| SectionError::Unknown(format!("{name}_changelog")))?;
        let block = if label == UNSTABLE {
            changelog::render_release(&log.config, UNSTABLE, &log.fragments)
        } else {
            let path = released_path(&log.config);
            let text = self
                .tree
                .find(&path)
                .map(|file| self.tree.file(file).text.as_str())
                .unwrap_or_default();
            changelog::released_block(text, label).unwrap_or_default()
        };
        Ok(changelog::as_section(&block))
    }

    fn apis(&self) -> Result<String, SectionError> {
        let rows: Vec<TypeRow> = MATRIX_APIS
            .iter()
            .map(|(title, folder, variable, description)| {
                let label = self
                    .substitutions
                    .get(*variable)
                    .map_or(UNSTABLE, String::as_str);
                TypeRow {
                    key: format!("`{title} <{folder}/{label}.html>`_"),
                    title: label.to_owned(),
                    desc: (*description).to_owned(),
                    required: false,
                }
            })
            .collect();
        let table = layout::rows_table("", ["API", "Version", "Description"], &rows);
        Ok(self
            .templates
            .render("apis.rst", minijinja::context! { table })?)
    }

    fn sas_emoji_table(&self) -> Result<String, SectionError> {
        #[derive(Serialize)]
        struct Emoji {
            number: String,
            emoji: String,
            unicode: String,
            description: String,
        }
        let file = self
            .tree
            .find(SAS_EMOJI)
            .ok_or_else(|| SectionError::Unknown("sas_emoji_table".into()))?;
        let value = self
            .tree
            .file(file)
            .node
            .as_ref()
            .map(|n| n.to_json())
            .unwrap_or_default();
        let text = |v: &serde_json::Value, key: &str| {
            v.get(key).map(crate::py::py_str).unwrap_or_default()
        };
        let emoji: Vec<Emoji> = value
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| Emoji {
                number: text(v, "number"),
                emoji: text(v, "emoji"),
                unicode: text(v, "unicode"),
                description: text(v, "description"),
            })
            .collect();
        Ok(self
            .templates
            .render("sas-emoji-table.rst", minijinja::context! { emoji })?)
    }
}

/// The SAS verification emoji, a data file of the Matrix spec.
const SAS_EMOJI: &str = "data-definitions/sas-emoji.json";

/// `{{apis}}`: the Matrix spec's index of its APIs: title, output folder, the substitution
/// that holds its version label, and what it is for.
const MATRIX_APIS: [(&str, &str, &str, &str); 5] = [
    (
        "Client-Server API",
        "client_server",
        "CLIENT_RELEASE_LABEL",
        "Interaction between clients and servers",
    ),
    (
        "Server-Server API",
        "server_server",
        "SERVER_RELEASE_LABEL",
        "Federation between servers",
    ),
    (
        "Application Service API",
        "application_service",
        "APPSERVICE_RELEASE_LABEL",
        "Privileged server plugins",
    ),
    (
        "Identity Service API",
        "identity_service",
        "IDENTITY_RELEASE_LABEL",
        "Mapping of third party IDs to Matrix IDs",
    ),
    (
        "Push Gateway API",
        "push_gateway",
        "PUSH_GATEWAY_RELEASE_LABEL",
        "Push notifications for Matrix events",
    ),
];
