//! `$ref` resolution: replaces every reference by the node it names, producing ref-free trees.
//!
//! Semantics follow the original Matrix toolchain, which the corpus is written against:
//! - a ref is a path relative to the file it occurs in, optionally with a `#/json/pointer`;
//! - the referenced node replaces the `{$ref: ...}` map; keys next to `$ref` override keys of a
//!   referenced map (the corpus uses this to retitle or re-describe shared schemas);
//! - refs inside the referenced node resolve relative to *its* file, and so do refs inside the
//!   keys beside `$ref`: the original resolver switched its base path to the referenced file
//!   before walking the siblings, and the corpus relies on it (`{"$ref": "examples/t.json",
//!   "edus": [{"$ref": "edu.json"}]}` finds `examples/edu.json`).
//!
//! Resolved nodes keep the spans of the file they came from, so a problem in a shared
//! definition is reported there, not at each place that uses it. Each `(file, pointer)` is
//! resolved once and then cloned; a ref met again while it is being resolved is a cycle, reported
//! with the chain of refs that leads round.

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Rule};
use crate::source::{FileId, Map, Node, PathError, SourceTree, Span, Value};

/// Resolves refs across the files of a [`SourceTree`], loading referenced files on demand.
pub struct Resolver<'t> {
    tree: &'t mut SourceTree,
    cache: HashMap<Target, Node>,
    /// Targets being resolved, with the span of the ref that entered each one.
    stack: Vec<(Target, Option<Span>)>,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Target {
    file: FileId,
    pointer: String,
}

impl<'t> Resolver<'t> {
    /// A resolver over `tree`.
    pub fn new(tree: &'t mut SourceTree) -> Resolver<'t> {
        Resolver {
            tree,
            cache: HashMap::default(),
            stack: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The tree, with any files loaded through refs so far.
    pub fn tree(&self) -> &SourceTree {
        self.tree
    }

    /// The whole document of `file` with every ref resolved; None if the file did not parse.
    pub fn resolve_file(&mut self, file: FileId) -> Option<Node> {
        self.resolve_target(
            Target {
                file,
                pointer: String::new(),
            },
            None,
        )
    }

    /// Resolves `reference` as if written in `from` (used for refs outside documents, such as
    /// an event schema named by the prose).
    pub fn resolve_reference(&mut self, from: FileId, reference: &str, span: Span) -> Option<Node> {
        let target = self.locate(from, reference, span)?;
        self.resolve_target(target, Some(span))
    }

    /// The diagnostics found so far.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    fn resolve_target(&mut self, target: Target, via: Option<Span>) -> Option<Node> {
        if let Some(done) = self.cache.get(&target) {
            return Some(done.clone());
        }
        if let Some(start) = self.stack.iter().position(|(t, _)| *t == target) {
            self.report_cycle(start, via);
            return None;
        }
        let document: Arc<Node> = self.tree.file(target.file).node.clone()?;
        let Some(raw) = document.pointer(&target.pointer) else {
            let span = via.unwrap_or(Span::file_start(target.file));
            let path = &self.tree.file(target.file).path;
            self.diagnostics.push(Diagnostic::new(
                Rule::RefUnresolved,
                span,
                format!("`{}#{}` points at nothing in {path}", path, target.pointer),
            ));
            return None;
        };
        self.stack.push((target.clone(), via));
        let resolved = self.node(raw, target.file);
        self.stack.pop();
        self.cache.insert(target, resolved.clone());
        Some(resolved)
    }

    /// The resolved form of `raw`, a node of `file`.
    fn node(&mut self, raw: &Node, file: FileId) -> Node {
        self.changed(raw, file).unwrap_or_else(|| raw.clone())
    }

    /// The resolved form of `raw`, or None when it holds no ref: then `raw` itself is the
    /// answer, and cloning it shares its subtrees instead of copying them.
    fn changed(&mut self, raw: &Node, file: FileId) -> Option<Node> {
        match &raw.value {
            Value::Map(map) => {
                if let Some(Node {
                    value: Value::Str(reference),
                    span,
                }) = map.get("$ref")
                {
                    return Some(self.reference(map, reference, *span, raw.span, file));
                }
                let mut out: Option<Map> = None;
                for (index, entry) in map.entries.iter().enumerate() {
                    if let Some(value) = self.changed(&entry.value, file) {
                        let out = out.get_or_insert_with(|| (**map).clone());
                        out.entries[index].value = value;
                    }
                }
                out.map(|map| Node::map(map, raw.span))
            }
            Value::Seq(items) => {
                let mut out: Option<Vec<Node>> = None;
                for (index, item) in items.iter().enumerate() {
                    if let Some(value) = self.changed(item, file) {
                        let out = out.get_or_insert_with(|| (**items).clone());
                        out[index] = value;
                    }
                }
                out.map(|items| Node::seq(items, raw.span))
            }
            _ => None,
        }
    }

    /// Resolves a `{$ref: reference, ...siblings}` map found in `file`.
    fn reference(
        &mut self,
        map: &Map,
        reference: &str,
        ref_span: Span,
        map_span: Span,
        file: FileId,
    ) -> Node {
        let target = self.locate(file, reference, ref_span);
        let sibling_base = target.as_ref().map_or(file, |t| t.file);
        let resolved = target.and_then(|target| self.resolve_target(target, Some(ref_span)));
        let siblings = map.entries.iter().filter(|e| e.key.text != "$ref");
        let Some(mut resolved) = resolved else {
            // Already reported; keep the siblings so later stages see what the author wrote.
            let rest = Node::map(
                Map {
                    entries: siblings.cloned().collect(),
                },
                map_span,
            );
            return self.node(&rest, file);
        };
        let siblings: Vec<_> = siblings.collect();
        if siblings.is_empty() {
            return resolved;
        }
        match &mut resolved.value {
            Value::Map(target) => {
                let target = Arc::make_mut(target);
                for entry in siblings {
                    let value = self.node(&entry.value, sibling_base);
                    target.insert(entry.key.clone(), value);
                }
            }
            other => {
                let kind = other.type_name();
                self.diagnostics.push(Diagnostic::new(
                    Rule::Structure,
                    map_span,
                    format!(
                        "`$ref: {reference}` names a {kind}, so the keys beside it cannot apply"
                    ),
                ));
            }
        }
        resolved
    }

    /// Turns a ref's text into a target, loading its file; reports why when it cannot.
    fn locate(&mut self, from: FileId, reference: &str, span: Span) -> Option<Target> {
        let (path, pointer) = match reference.split_once('#') {
            Some((path, pointer)) => (path, pointer),
            None => (reference, ""),
        };
        if !pointer.is_empty() && !pointer.starts_with('/') {
            self.diagnostics.push(Diagnostic::new(
                Rule::RefUnresolved,
                span,
                format!("`{reference}`: the part after `#` must be a JSON pointer such as `#/definitions/Name`"),
            ));
            return None;
        }
        let file = if path.is_empty() {
            Ok(from)
        } else {
            self.tree.load_path(from, path)
        };
        match file {
            Ok(file) => Some(Target {
                file,
                pointer: pointer.to_owned(),
            }),
            Err(err) => {
                let rule = match err {
                    PathError::Url(_) => Rule::RefUrl,
                    PathError::OutsideRoot(_) => Rule::RefOutsideRoot,
                    PathError::Missing(_) | PathError::LinkLoop(_) | PathError::Folder(_) => {
                        Rule::RefUnresolved
                    }
                };
                self.diagnostics.push(Diagnostic::new(
                    rule,
                    span,
                    format!("cannot follow $ref: {err}"),
                ));
                None
            }
        }
    }

    fn report_cycle(&mut self, start: usize, via: Option<Span>) {
        let span = via.unwrap_or_else(|| Span::file_start(self.stack[start].0.file));
        let mut diagnostic = Diagnostic::new(
            Rule::RefCycle,
            span,
            "this $ref leads back to a document that contains it",
        );
        for (target, entered) in &self.stack[start..] {
            let file = &self.tree.file(target.file).path;
            let name = if target.pointer.is_empty() {
                file.clone()
            } else {
                format!("{file}#{}", target.pointer)
            };
            diagnostic = diagnostic.with_note(*entered, format!("enters {name}"));
        }
        self.diagnostics.push(diagnostic);
    }
}
