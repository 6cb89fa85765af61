//! `mxspec build`: the spec as documents. So far: reading `targets.yaml` and joining each
//! target's files with their titles moved to the right level (the first stage of the original
//! gendoc). Placeholders, templates and HTML come next.

pub mod concat;
pub mod targets;
