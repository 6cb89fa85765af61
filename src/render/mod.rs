//! `mxspec build`: the spec as documents. So far: reading `targets.yaml` and joining each
//! target's files with their titles moved to the right level (the first stage of the original
//! gendoc). Placeholders, templates and HTML come next.

pub mod build;
pub mod changelog;
pub mod concat;
pub mod definitions;
pub mod docs;
pub mod endpoints;
pub mod events;
pub mod git;
pub mod http_api;
pub mod layout;
pub mod sections;
pub mod site;
pub mod tables;
pub mod targets;
pub mod templates;
