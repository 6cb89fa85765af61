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
//! resolved once and then cloned.
//!
//! A ref met again while it is being resolved is one of two things:
//! - a *recursive schema* (a tree node whose `children` are tree nodes): the ref sits inside
//!   the structure of a schema, so the type is well defined but cannot be inlined forever. The
//!   ref becomes a [`RECURSIVE`] marker naming the schema it stands for (with that schema's
//!   `type` and `title`, so documentation can name it), and the schema itself gets an
//!   [`RECURSION_TARGET`] key with the same name. A marker always has its target among its
//!   ancestors in the same resolved tree: a result that holds a marker to an enclosing,
//!   still unfinished target is not cached, so it is resolved afresh wherever else it is used;
//! - otherwise a *cycle* (refs that only alias one another, or a document that includes
//!   itself): an error, reported with the chain of refs that leads round.

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Rule};
use crate::source::{FileId, Key, KeyKind, Map, Node, PathError, SourceTree, Span, Value};

/// The key of a marker that stands for a recursive reference; its value names the schema
/// (`path#pointer`), which carries the same name under [`RECURSION_TARGET`].
pub const RECURSIVE: &str = "x-mxspec-recursive";

/// The key that names a schema referred to by [`RECURSIVE`] markers inside it.
pub const RECURSION_TARGET: &str = "x-mxspec-recursion-target";

/// Resolves refs across the files of a [`SourceTree`], loading referenced files on demand.
pub struct Resolver<'t> {
    tree: &'t mut SourceTree,
    cache: HashMap<Target, Node>,
    /// Targets being resolved, innermost last.
    stack: Vec<Frame>,
    /// How deep inside the innermost target's node the walk is (0: at its top).
    depth: usize,
    diagnostics: Vec<Diagnostic>,
}

/// A target being resolved.
struct Frame {
    target: Target,
    /// The span of the ref that entered it.
    via: Option<Span>,
    /// How deep inside the enclosing target that ref sits: 0 when the enclosing target is
    /// itself nothing but that ref (an alias).
    entered_at_depth: usize,
    /// A recursive marker names this target.
    recursion_target: bool,
    /// The outermost enclosing frame a marker inside this one names; a result that depends on
    /// an unfinished outer target must not be cached.
    depends_on: usize,
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
            depth: 0,
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
        if let Some(start) = self.stack.iter().position(|f| f.target == target) {
            if let Some(marker) = self.recursion_marker(start) {
                return Some(marker);
            }
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
        let index = self.stack.len();
        self.stack.push(Frame {
            target: target.clone(),
            via,
            entered_at_depth: self.depth,
            recursion_target: false,
            depends_on: usize::MAX,
        });
        let outer_depth = std::mem::replace(&mut self.depth, 0);
        let mut resolved = self.node(raw, target.file);
        self.depth = outer_depth;
        let frame = self.stack.pop().expect("pushed above");
        if frame.recursion_target
            && let Value::Map(map) = &mut resolved.value
        {
            let name = self.target_name(&target);
            Arc::make_mut(map).insert(
                synthetic_key(RECURSION_TARGET, resolved.span),
                Node {
                    value: Value::Str(name),
                    span: resolved.span,
                },
            );
        }
        if frame.depends_on < index {
            if let Some(outer) = self.stack.last_mut() {
                outer.depends_on = outer.depends_on.min(frame.depends_on);
            }
        } else {
            self.cache.insert(target, resolved.clone());
        }
        Some(resolved)
    }

    /// The marker for a ref back to `self.stack[start]`, when that is a recursive schema: the
    /// refs of the loop do not all merely alias, and the target is a schema, not a document.
    fn recursion_marker(&mut self, start: usize) -> Option<Node> {
        let structural = self.depth > 0
            || self.stack[start + 1..]
                .iter()
                .any(|f| f.entered_at_depth > 0);
        if !structural {
            return None;
        }
        let target = self.stack[start].target.clone();
        let document = self.tree.file(target.file).node.clone()?;
        let node = document.pointer(&target.pointer)?;
        let raw = node.as_map()?;
        let is_schema = [
            "type",
            "properties",
            "items",
            "additionalProperties",
            "allOf",
        ]
        .iter()
        .any(|k| raw.get(k).is_some());
        let is_document = ["swagger", "openapi", "paths"]
            .iter()
            .any(|k| raw.get(k).is_some());
        if !is_schema || is_document {
            return None;
        }
        let span = node.span;
        let mut marker = Map::default();
        marker.insert(
            synthetic_key(RECURSIVE, span),
            Node {
                value: Value::Str(self.target_name(&target)),
                span,
            },
        );
        for key in ["type", "title"] {
            if let Some(entry) = raw.entry(key)
                && matches!(entry.value.value, Value::Str(_))
            {
                marker.insert(entry.key.clone(), entry.value.clone());
            }
        }
        self.stack[start].recursion_target = true;
        let top = self.stack.len() - 1;
        self.stack[top].depends_on = self.stack[top].depends_on.min(start);
        Some(Node::map(marker, span))
    }

    /// The name markers use for `target`: its file's path and pointer.
    fn target_name(&self, target: &Target) -> String {
        format!("{}#{}", self.tree.file(target.file).path, target.pointer)
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
                self.depth += 1;
                for (index, entry) in map.entries.iter().enumerate() {
                    if let Some(value) = self.changed(&entry.value, file) {
                        let out = out.get_or_insert_with(|| (**map).clone());
                        out.entries[index].value = value;
                    }
                }
                self.depth -= 1;
                out.map(|map| Node::map(map, raw.span))
            }
            Value::Seq(items) => {
                let mut out: Option<Vec<Node>> = None;
                self.depth += 1;
                for (index, item) in items.iter().enumerate() {
                    if let Some(value) = self.changed(item, file) {
                        let out = out.get_or_insert_with(|| (**items).clone());
                        out[index] = value;
                    }
                }
                self.depth -= 1;
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
        let span = via.unwrap_or_else(|| Span::file_start(self.stack[start].target.file));
        let mut diagnostic = Diagnostic::new(
            Rule::RefCycle,
            span,
            "this $ref leads back to where it started without passing through a schema, so it names nothing (a recursive schema refers to itself from inside its properties or items)",
        );
        for Frame {
            target,
            via: entered,
            ..
        } in &self.stack[start..]
        {
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

/// A key the resolver adds, placed at `span`.
fn synthetic_key(text: &str, span: Span) -> Key {
    Key {
        text: text.to_owned(),
        kind: KeyKind::Str,
        span,
    }
}
