//! `$ref` resolution: replaces every reference by the node it names, producing ref-free trees.
//!
//! Semantics follow the original Matrix toolchain, which the corpus is written against:
//! - a ref is a path relative to the file it occurs in, optionally with a `#/json/pointer`;
//! - the referenced node replaces the `{$ref: ...}` map; keys next to `$ref` override keys of a
//!   referenced map (the corpus uses this to retitle or re-describe shared schemas);
//! - refs inside the referenced node resolve relative to *its* file. Refs inside the keys beside
//!   `$ref` depend on the document ([`SiblingBase`]): in a Swagger 2.0 document (and in the
//!   schemas of a matrix-doc tree) they too resolve relative to the referenced file, because the
//!   original resolver switched its base path before walking the siblings and the 2019 corpus
//!   relies on it (`{"$ref": "examples/t.json", "edus": [{"$ref": "edu.json"}]}` finds
//!   `examples/edu.json`); in an OpenAPI 3.x document (and in the schemas of a matrix-spec
//!   repository) they resolve relative to the file they are written in, as JSON Reference
//!   says and today's Matrix tree's own resolvers do.
//!
//! Resolved nodes keep the spans of the file they came from, so a problem in a shared
//! definition is reported there, not at each place that uses it. Each `(file, pointer)` is
//! resolved once and then cloned: maps and sequences sit behind `Arc`, so every use of a target
//! shares one subtree, and the resolved documents form a graph in memory, not copies. Walks
//! that must see each target once (the checks) tell shared subtrees apart by
//! [`Node::shared_identity`]; outputs that inline every ref are bounded by what the inlined
//! form would count ([`Resolver::inline_refusal`]).
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
use crate::limits::MAX_RESOLVED_DEPTH;
use crate::source::{FileId, Key, KeyKind, Map, Node, PathError, SourceTree, Span, Value};

/// The key of a marker that stands for a recursive reference; its value names the schema
/// (`path#pointer`), which carries the same name under [`RECURSION_TARGET`].
pub const RECURSIVE: &str = "x-mxspec-recursive";

/// The key that names a schema referred to by [`RECURSIVE`] markers inside it.
pub const RECURSION_TARGET: &str = "x-mxspec-recursion-target";

/// Which file the refs inside the keys beside a `$ref` are relative to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiblingBase {
    /// The referenced file: the original Matrix toolchain's rule, for Swagger 2.0 documents
    /// and the schemas of a matrix-doc tree.
    Referenced,
    /// The file the siblings are written in: JSON Reference, for OpenAPI 3.x documents and the
    /// schemas of a matrix-spec repository.
    Written,
}

impl SiblingBase {
    /// The sibling rule for the document in `file`: by its `swagger` / `openapi` key, else (a
    /// schema file) by the kind of tree.
    pub fn of(tree: &SourceTree, file: FileId) -> SiblingBase {
        let document = tree.file(file).node.as_deref();
        if document.is_some_and(|d| d.get("openapi").is_some()) {
            SiblingBase::Written
        } else if document.is_some_and(|d| d.get("swagger").is_some())
            || tree.layout() == crate::source::Layout::MatrixDoc
        {
            SiblingBase::Referenced
        } else {
            SiblingBase::Written
        }
    }
}

/// Resolves refs across the files of a [`SourceTree`], loading referenced files on demand.
pub struct Resolver<'t> {
    tree: &'t mut SourceTree,
    /// Finished targets, under the sibling rule they were resolved with, with the number of
    /// nodes each expands to when inlined.
    cache: [HashMap<Target, (Node, u64)>; 2],
    /// Nodes visited so far in the run: a cached target costs one visit however large it is.
    visits: u64,
    /// The run went past its visit budget: no further document is resolved.
    out_of_visits: bool,
    /// Nodes the resolved documents would have with every ref inlined, together, and the first
    /// document that took the sum past the inlining bound.
    inlined_nodes: u64,
    inline_refusal: Option<Diagnostic>,
    /// How deep the walk is in the document being resolved, counting every level the refs
    /// entered so far add, and each ref itself (so a chain of aliasing refs counts too).
    nesting: usize,
    /// The document being resolved went past a limit: the rest of it is not resolved, and it
    /// is dropped as a whole.
    over_limit: bool,
    /// Nodes the files counted so far write, and how many files that is (files are loaded as
    /// refs reach them, so the sum grows; it is kept, not recounted per document).
    written_nodes: u64,
    counted_files: usize,
    /// How many visits the run may make: the `resolve-nodes` limit beyond four times what the
    /// files read so far write (recounted when a ref loads a file).
    visit_budget: u64,
    /// The sibling rule of the document being resolved.
    sibling_base: SiblingBase,
    /// Targets being resolved, innermost last.
    stack: Vec<Frame>,
    /// Where each target of `stack` is in it: a hostile tree can make the stack deep and ask
    /// about it at every node.
    on_stack: HashMap<Target, usize>,
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

/// The `$ref` targets of a tree, by the [`Node::shared_identity`] of their resolved node: what
/// an output that keeps refs as refs names a shared subtree after (a dump's components, a
/// generated type).
#[derive(Debug, Default)]
pub struct RefTargets {
    by_identity: HashMap<usize, RefTarget>,
}

/// One `$ref` target.
#[derive(Debug)]
pub struct RefTarget {
    /// The file it is in, relative to the tree's root.
    pub path: String,
    /// Its JSON pointer in that file (empty for the whole file).
    pub pointer: String,
    /// Held so that the identity it is found by stays the node's for as long as the table
    /// lives: no later allocation can reuse the address.
    node: Node,
}

impl RefTargets {
    /// The target whose resolved node has this identity.
    pub fn get(&self, identity: usize) -> Option<&RefTarget> {
        self.by_identity
            .get(&identity)
            .filter(|target| target.node.shared_identity() == Some(identity))
    }

    /// The component name of the schema with this identity, when a ref named it in a
    /// document's components (`#/components/schemas/Pet`, Swagger 2.0's `#/definitions/Pet`).
    pub fn component_name(&self, identity: usize) -> Option<&str> {
        component_name(&self.get(identity)?.pointer)
    }
}

impl RefTarget {
    /// What the target calls itself: its component name, else the last name of its pointer,
    /// else its file's name without the extension (`schemas/room_event.yaml` is `room_event`).
    pub fn name(&self) -> String {
        if let Some(name) = component_name(&self.pointer) {
            return name.to_owned();
        }
        let last = self.pointer.rsplit('/').next().filter(|l| !l.is_empty());
        let file = self.path.rsplit('/').next().unwrap_or(&self.path);
        let stem = file.split_once('.').map_or(file, |(stem, _)| stem);
        match last {
            Some(last) => last.replace("~1", "/").replace("~0", "~"),
            None => stem.to_owned(),
        }
    }
}

/// `Pet` for `/components/schemas/Pet` and `/definitions/Pet`.
fn component_name(pointer: &str) -> Option<&str> {
    let name = pointer
        .strip_prefix("/components/schemas/")
        .or_else(|| pointer.strip_prefix("/definitions/"))?;
    // An escaped name (`a~1b`) is left alone: a component key with `/` is rare, and no
    // output can use it as a name as it is.
    (!name.contains('/') && !name.contains('~')).then_some(name)
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
            cache: Default::default(),
            stack: Vec::new(),
            on_stack: HashMap::default(),
            depth: 0,
            nesting: 0,
            over_limit: false,
            visits: 0,
            out_of_visits: false,
            inlined_nodes: 0,
            inline_refusal: None,
            written_nodes: 0,
            counted_files: 0,
            visit_budget: 0,
            sibling_base: SiblingBase::Referenced,
            diagnostics: Vec::new(),
        }
    }

    /// The tree, with any files loaded through refs so far.
    pub fn tree(&self) -> &SourceTree {
        self.tree
    }

    /// The whole document of `file` with every ref resolved; None if the file did not parse.
    ///
    /// A document that nests deeper than [`MAX_RESOLVED_DEPTH`] once its refs are resolved is
    /// reported and dropped (None), and so is every document once the run has used its visit
    /// budget (`resolve-nodes`): every later walk over a resolved tree may then recurse without
    /// a guard, and walks that visit each shared subtree once stay within the budget.
    pub fn resolve_file(&mut self, file: FileId) -> Option<Node> {
        if self.out_of_visits {
            // Reported once, with the document that went past it.
            return None;
        }
        self.begin_document(file);
        let target = Target {
            file,
            pointer: String::new(),
        };
        let (node, size) = self.resolve_target(target, None)?;
        self.count_inlined(&node, size);
        (!self.over_limit).then_some(node)
    }

    /// Adds a document's inlined size to the run's, noting the first document past the bound.
    fn count_inlined(&mut self, node: &Node, size: u64) {
        self.inlined_nodes = self.inlined_nodes.saturating_add(size);
        let bound = self
            .tree
            .limits()
            .inlined_nodes
            .saturating_add(self.written_nodes.saturating_mul(16));
        if self.inlined_nodes > bound && self.inline_refusal.is_none() {
            self.inline_refusal = Some(Diagnostic::new(
                Rule::LimitExceeded,
                node.span,
                format!(
                    "with every $ref inlined, the documents up to this one would have more than {bound} nodes (`--limit inlined-nodes=N` raises the bound); `check` reads the refs as a graph, but this output inlines them"
                ),
            ));
        }
    }

    /// Why outputs that inline every ref (dumps, crates, documents) must refuse this tree:
    /// its documents would then have more nodes than the `inlined-nodes` limit allows. None
    /// when they fit.
    pub fn inline_refusal(&self) -> Option<&Diagnostic> {
        self.inline_refusal.as_ref()
    }

    /// Starts resolving a document written in `file`: its limits and its sibling rule.
    fn begin_document(&mut self, file: FileId) {
        self.over_limit = false;
        self.nesting = 0;
        self.update_budget();
        self.sibling_base = SiblingBase::of(self.tree, file);
    }

    /// Reports the first limit a document goes past; the rest of it is not resolved.
    fn limit_exceeded(&mut self, span: Span, message: String) {
        if !self.over_limit {
            self.over_limit = true;
            self.diagnostics
                .push(Diagnostic::new(Rule::LimitExceeded, span, message));
        }
    }

    /// Resolves `reference` as if written in `from` (used for refs outside documents, such as
    /// an event schema named by the prose).
    pub fn resolve_reference(&mut self, from: FileId, reference: &str, span: Span) -> Option<Node> {
        if self.out_of_visits {
            return None;
        }
        self.begin_document(from);
        let target = self.locate(from, reference, span)?;
        let (node, size) = self.resolve_target(target, Some(span))?;
        self.count_inlined(&node, size);
        (!self.over_limit).then_some(node)
    }

    /// Every finished `$ref` target that is a map, by the [`Node::shared_identity`] of its
    /// resolved node, which every use of it shares. Where one node is the target of several
    /// refs (an alias naming another target), the component it was named as wins, then the
    /// first target in file and pointer order, so the choice is the same on every run.
    pub fn ref_targets(&self) -> RefTargets {
        let mut found: Vec<(bool, &str, &str, &Node)> = self
            .cache
            .iter()
            .flatten()
            .filter(|(_, (node, _))| node.as_map().is_some())
            .map(|(target, (node, _))| {
                let path = self.tree.file(target.file).path.as_str();
                let component = component_name(&target.pointer).is_some();
                (!component, path, target.pointer.as_str(), node)
            })
            .collect();
        found.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        let mut targets = RefTargets::default();
        for (_, path, pointer, node) in found {
            let Some(identity) = node.shared_identity() else {
                continue;
            };
            targets
                .by_identity
                .entry(identity)
                .or_insert_with(|| RefTarget {
                    path: path.to_owned(),
                    pointer: pointer.to_owned(),
                    node: node.clone(),
                });
        }
        targets
    }

    /// The diagnostics found so far, and the reason inlining outputs must refuse the tree.
    pub fn into_diagnostics(self) -> (Vec<Diagnostic>, Option<Diagnostic>) {
        (self.diagnostics, self.inline_refusal)
    }

    /// The resolved target and the number of nodes it expands to.
    fn resolve_target(&mut self, target: Target, via: Option<Span>) -> Option<(Node, u64)> {
        if let Some(done) = self.cache[self.sibling_base as usize].get(&target) {
            return Some(done.clone());
        }
        if let Some(&start) = self.on_stack.get(&target) {
            if let Some(marker) = self.recursion_marker(start) {
                return Some((marker, 1));
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
        self.on_stack.insert(target.clone(), index);
        self.stack.push(Frame {
            target: target.clone(),
            via,
            entered_at_depth: self.depth,
            recursion_target: false,
            depends_on: usize::MAX,
        });
        let outer_depth = std::mem::replace(&mut self.depth, 0);
        let (mut resolved, size) = self.node(raw, target.file);
        self.depth = outer_depth;
        let frame = self.stack.pop()?;
        self.on_stack.remove(&frame.target);
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
        } else if !self.over_limit {
            // A result cut short by a limit is never reused.
            self.cache[self.sibling_base as usize].insert(target, (resolved.clone(), size));
        }
        Some((resolved, size))
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

    /// The resolved form of `raw`, a node of `file`, and the number of nodes it expands to.
    fn node(&mut self, raw: &Node, file: FileId) -> (Node, u64) {
        let (changed, size) = self.changed(raw, file);
        (changed.unwrap_or_else(|| raw.clone()), size)
    }

    /// The resolved form of `raw`, or None when it holds no ref: then `raw` itself is the
    /// answer, and cloning it shares its subtrees instead of copying them. Also the number of
    /// nodes the answer expands to; the walk stops counting (and resolving) past the limits.
    fn changed(&mut self, raw: &Node, file: FileId) -> (Option<Node>, u64) {
        if self.over_limit {
            return (Some(Node::null(raw.span)), 1);
        }
        self.visit(raw.span);
        let (Value::Map(_) | Value::Seq(_)) = &raw.value else {
            return (None, 1);
        };
        if self.nesting >= MAX_RESOLVED_DEPTH {
            self.limit_exceeded(
                raw.span,
                format!(
                    "this document nests more than {MAX_RESOLVED_DEPTH} levels deep once its $refs are resolved"
                ),
            );
            return (Some(Node::null(raw.span)), 1);
        }
        self.nesting += 1;
        let answer = self.changed_collection(raw, file);
        self.nesting -= 1;
        answer
    }

    fn changed_collection(&mut self, raw: &Node, file: FileId) -> (Option<Node>, u64) {
        let mut size: u64 = 1;
        match &raw.value {
            Value::Map(map) => {
                if let Some(Node {
                    value: Value::Str(reference),
                    span,
                }) = map.get("$ref")
                {
                    let (node, size) = self.reference(map, reference, *span, raw.span, file);
                    return (Some(node), size);
                }
                let mut out: Option<Map> = None;
                self.depth += 1;
                for (index, entry) in map.entries.iter().enumerate() {
                    let (value, count) = self.changed(&entry.value, file);
                    size = size.saturating_add(count);
                    if let Some(value) = value {
                        let out = out.get_or_insert_with(|| (**map).clone());
                        out.entries[index].value = value;
                    }
                }
                self.depth -= 1;
                (out.map(|map| Node::map(map, raw.span)), size)
            }
            Value::Seq(items) => {
                let mut out: Option<Vec<Node>> = None;
                self.depth += 1;
                for (index, item) in items.iter().enumerate() {
                    let (value, count) = self.changed(item, file);
                    size = size.saturating_add(count);
                    if let Some(value) = value {
                        let out = out.get_or_insert_with(|| (**items).clone());
                        out[index] = value;
                    }
                }
                self.depth -= 1;
                (out.map(|items| Node::seq(items, raw.span)), size)
            }
            _ => (None, size),
        }
    }

    /// Counts one visit, reporting once when the run passes its budget, which stops the walk
    /// and every later document: the work done is bounded, however the refs multiply.
    fn visit(&mut self, span: Span) {
        self.visits += 1;
        if self.visits > self.visit_budget {
            // Files a ref loaded since the budget was last counted raise it.
            self.update_budget();
        }
        if self.visits > self.visit_budget {
            let budget = self.visit_budget;
            self.out_of_visits = true;
            self.limit_exceeded(
                span,
                format!(
                    "resolving the $refs took more than {budget} node visits, and this document and the rest were not read (`--limit resolve-nodes=N` raises the bound); refs inside a recursive schema are resolved afresh at each use, so refs that multiply there cost the most"
                ),
            );
        }
    }

    /// The run's visit budget: the bound plus four times what the tree's files read so far
    /// write.
    fn update_budget(&mut self) {
        let new: Vec<u64> = self
            .tree
            .files()
            .skip(self.counted_files)
            .map(|(_, f)| f.nodes)
            .collect();
        self.counted_files += new.len();
        self.written_nodes = new
            .into_iter()
            .fold(self.written_nodes, u64::saturating_add);
        self.visit_budget = self
            .tree
            .limits()
            .resolve_nodes
            .saturating_add(self.written_nodes.saturating_mul(4));
    }

    /// Resolves a `{$ref: reference, ...siblings}` map found in `file`.
    fn reference(
        &mut self,
        map: &Map,
        reference: &str,
        ref_span: Span,
        map_span: Span,
        file: FileId,
    ) -> (Node, u64) {
        let target = self.locate(file, reference, ref_span);
        let sibling_base = match (self.sibling_base, &target) {
            (SiblingBase::Referenced, Some(target)) => target.file,
            _ => file,
        };
        let resolved = target.and_then(|target| self.resolve_target(target, Some(ref_span)));
        let siblings = map.entries.iter().filter(|e| e.key.text != "$ref");
        let Some((mut resolved, mut size)) = resolved else {
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
            return (resolved, size);
        }
        match &mut resolved.value {
            Value::Map(target) => {
                let target = Arc::make_mut(target);
                // A few siblings (a description) are set by scanning the target; many are
                // set through an index, so a hostile pair of huge maps costs linear time.
                let mut index: Option<rustc_hash::FxHashMap<String, usize>> = (siblings.len() > 8)
                    .then(|| {
                        target
                            .entries
                            .iter()
                            .enumerate()
                            .map(|(i, e)| (e.key.text.clone(), i))
                            .collect()
                    });
                for entry in siblings {
                    let (value, count) = self.node(&entry.value, sibling_base);
                    size = size.saturating_add(count);
                    match &mut index {
                        None => target.insert(entry.key.clone(), value),
                        Some(index) => match index.get(&entry.key.text) {
                            Some(&i) => target.entries[i].value = value,
                            None => {
                                index.insert(entry.key.text.clone(), target.entries.len());
                                target.entries.push(crate::source::Entry {
                                    key: entry.key.clone(),
                                    value,
                                });
                            }
                        },
                    }
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
        (resolved, size)
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
