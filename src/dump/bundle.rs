//! `dump --format bundle`: one document as its author wrote it, in its own version, with every
//! `$ref` that leaves its file moved into the document's components by name, as `redocly
//! bundle` does. Refs inside the document stay refs, so a bundle keeps its source's size and
//! everything the model does not read (webhooks, callbacks, links, tags, extensions).
//!
//! What a ref stands for decides where its target goes: a schema to `components/schemas`
//! (Swagger 2.0: `definitions`), a parameter, response, example, ... to its own section. What
//! has no section in the document's version (path items, and operations, which no version
//! lets a ref stand for but many multi-file specs use), refs in places the specification does
//! not name, refs in data (an example's value: the model reads them as refs too, so the
//! example checked is the example written) and refs that stand for a whole map or list of
//! objects (`properties: {$ref: ...}`) are inlined. A component's name is the pointer's last token, else the file's
//! stem, made a valid component name and numbered on a clash (`Pet`, `Pet-2`); a target
//! equal to the component that holds its name (and free of refs) is that component.
//!
//! A ref into the document itself stays as written, wherever it is.
//!
//! Each target is placed once, however often it is referred to; what the bundle writes is
//! bounded by four times what the files write and a quarter of the tree's `inlined-nodes`
//! limit, its nesting by [`MAX_RESOLVED_DEPTH`].

use std::collections::VecDeque;

use rustc_hash::FxHashMap as HashMap;
use serde_json::{Map as JsonMap, Value as Json};

use crate::diagnostic::{Diagnostic, Rule};
use crate::limits::MAX_RESOLVED_DEPTH;
use crate::model::SpecFormat;
use crate::resolve::SiblingBase;
use crate::schema::{self, Dialect, Holds};
use crate::source::{FileId, Node, PathError, SourceTree, Span, Value};

/// A bundled document.
#[derive(Debug)]
pub struct Bundled {
    /// The document.
    pub json: Json,
    /// How many targets of other files became components.
    pub moved: usize,
    /// How many refs were replaced by their target (operations, path items, unknown places).
    pub inlined: usize,
}

/// Bundles the document in `root`, written in `format`. Files its refs name are loaded from
/// `tree` as needed (a loaded spec has read them all already).
pub fn bundle(
    tree: &mut SourceTree,
    root: FileId,
    format: SpecFormat,
) -> Result<Bundled, Vec<Diagnostic>> {
    let Some(document) = tree.file(root).node.clone() else {
        return Err(vec![Diagnostic::new(
            Rule::YamlSyntax,
            Span::file_start(root),
            "the document did not parse, so there is nothing to bundle",
        )]);
    };
    let written: u64 = tree.files().map(|(_, file)| file.nodes).sum();
    // A bundle writes each file's nodes about once (a target is placed once; what is inlined
    // is mostly used once), so four times what the files write is far beyond a real one. Its
    // JSON costs more per node than the model's shared trees: a quarter of `inlined-nodes`
    // beyond that (a million by default), so a hostile diamond is refused within a second.
    let budget = (tree.limits().inlined_nodes / 4).saturating_add(written.saturating_mul(4));
    let siblings = SiblingBase::of(tree, root);
    let mut bundler = Bundler {
        tree,
        root,
        format,
        siblings,
        placed: HashMap::default(),
        taken: HashMap::default(),
        equal: HashMap::default(),
        next_number: HashMap::default(),
        queue: VecDeque::new(),
        added: Vec::new(),
        inlining: Vec::new(),
        depth: 0,
        budget,
        inlined: 0,
        problems: Vec::new(),
    };
    bundler.reserve_own_components(&document);
    let mut json = bundler.walk(&document, root, Kind::Document);
    while let Some(job) = bundler.queue.pop_front() {
        let value = bundler.walk(&job.node, job.file, job.kind);
        bundler.added.push((job.section, job.name, value));
    }
    if !bundler.problems.is_empty() {
        return Err(bundler.problems);
    }
    let moved = bundler.added.len();
    place_components(&mut json, format, bundler.added);
    Ok(Bundled {
        json,
        moved,
        inlined: bundler.inlined,
    })
}

/// What an object of the document is, as far as refs care: where a ref to it may be moved,
/// and which of its keys hold what.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Document,
    Components,
    Paths,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Responses,
    Response,
    MediaType,
    Encoding,
    Header,
    Example,
    Link,
    Callback,
    SecurityScheme,
    Schema,
    /// Data (an example's value, a default, an enum): a `$ref` here is text.
    Data,
    /// A place the specification does not describe (extensions, `info`, `servers`): refs
    /// here are inlined.
    Other,
}

/// How a key of an object holds its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    One(Kind),
    List(Kind),
    Map(Kind),
    /// A schema keyword, by how it holds subschemas.
    Schemas(Holds),
}

/// The methods that are operations of a path item (3.2 adds `query`).
const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// What the value of `key` in an object of `kind` is.
fn shape(kind: Kind, key: &str, format: SpecFormat) -> Shape {
    use Kind::*;
    use Shape::{List, Map, One};
    let swagger = format == SpecFormat::Swagger2;
    match (kind, key) {
        (Data, _) => One(Data),
        (Document, "paths") => One(Paths),
        (Document, "webhooks") => Map(PathItem),
        (Document, "components") => One(Components),
        (Document, "securityDefinitions") if swagger => Map(SecurityScheme),
        (Document, section) if swagger => section_kind(section, format).map_or(One(Other), Map),
        // Sections refs are not moved to, but whose entries are objects all the same.
        (Components, "pathItems") => Map(PathItem),
        (Components, "mediaTypes") => Map(MediaType),
        (Components, section) => section_kind(section, format).map_or(One(Other), Map),
        (Paths, key) if !key.starts_with("x-") => One(PathItem),
        (Callback, key) if !key.starts_with("x-") => One(PathItem),
        (PathItem, "parameters") | (Operation, "parameters") => List(Parameter),
        (PathItem, "additionalOperations") => Map(Operation),
        (PathItem, method) if METHODS.contains(&method) => One(Operation),
        (Operation, "requestBody") => One(RequestBody),
        (Operation, "responses") => One(Responses),
        (Operation, "callbacks") => Map(Callback),
        (Responses, key) if !key.starts_with("x-") => One(Response),
        (Parameter | Header | Response, "schema") => One(Schema),
        (Parameter | Header | Response | MediaType, "content") => Map(MediaType),
        (Parameter | Header | MediaType, "examples") if !swagger => Map(Example),
        (Response, "headers") | (Encoding, "headers") => Map(Header),
        (Response, "links") => Map(Link),
        (RequestBody, "content") => Map(MediaType),
        (MediaType, "schema" | "itemSchema") => One(Schema),
        (MediaType, "encoding") => Map(Encoding),
        (_, "example" | "examples" | "x-example" | "default" | "enum" | "const") => One(Data),
        (Example, "value") => One(Data),
        (Link, "parameters" | "requestBody") => One(Data),
        (Schema, keyword) => {
            let dialect = Dialect::of(format);
            match schema::holds(keyword, dialect) {
                Some(holds) => Shape::Schemas(holds),
                None => One(Other),
            }
        }
        _ => One(Other),
    }
}

/// The sections of an OpenAPI 3 document's components that refs are moved to, by what they
/// hold.
const OPENAPI3_SECTIONS: [(Kind, &str); 9] = [
    (Kind::Schema, "schemas"),
    (Kind::Parameter, "parameters"),
    (Kind::Response, "responses"),
    (Kind::RequestBody, "requestBodies"),
    (Kind::Header, "headers"),
    (Kind::Example, "examples"),
    (Kind::Link, "links"),
    (Kind::Callback, "callbacks"),
    (Kind::SecurityScheme, "securitySchemes"),
];

/// Swagger 2.0's: top-level sections of the document.
const SWAGGER2_SECTIONS: [(Kind, &str); 3] = [
    (Kind::Schema, "definitions"),
    (Kind::Parameter, "parameters"),
    (Kind::Response, "responses"),
];

fn sections(format: SpecFormat) -> &'static [(Kind, &'static str)] {
    if format == SpecFormat::Swagger2 {
        &SWAGGER2_SECTIONS
    } else {
        &OPENAPI3_SECTIONS
    }
}

/// The components section a ref to an object of `kind` moves its target to, in `format`;
/// None where it is inlined.
fn section(kind: Kind, format: SpecFormat) -> Option<&'static str> {
    sections(format)
        .iter()
        .find(|(held, _)| *held == kind)
        .map(|(_, name)| *name)
}

/// What a section of `format` holds, by its name.
fn section_kind(name: &str, format: SpecFormat) -> Option<Kind> {
    sections(format)
        .iter()
        .find(|(_, section)| *section == name)
        .map(|(kind, _)| *kind)
}

/// The JSON pointer prefix of a section in the bundled document.
fn section_pointer(section: &str, format: SpecFormat) -> String {
    if format == SpecFormat::Swagger2 {
        format!("#/{section}/")
    } else {
        format!("#/components/{section}/")
    }
}

/// A target to write into the components.
struct Job {
    section: &'static str,
    name: String,
    node: Node,
    file: FileId,
    kind: Kind,
}

struct Bundler<'t> {
    tree: &'t mut SourceTree,
    root: FileId,
    format: SpecFormat,
    /// Which file the refs beside a `$ref` are relative to, as the model resolved them.
    siblings: SiblingBase,
    /// Each target placed, by (file, pointer, section): its ref in the bundle.
    placed: HashMap<(FileId, String, &'static str), String>,
    /// The names taken in each section, with the component of a name taken as it is (not
    /// numbered) until a clash asks for its content, which then goes into `equal`.
    taken: HashMap<(&'static str, String), Option<Node>>,
    /// The name of each ref-free component that a clash compared, by (section, the name it
    /// was based on, its JSON text): a target equal to it is it. Filled only on a clash, so a
    /// bundle without one serializes nothing twice.
    equal: HashMap<(&'static str, String, String), String>,
    /// The next number to try for a clashing name, by (section, the name it is based on):
    /// a thousand targets named `Pet` cost a thousand steps, not a million.
    next_number: HashMap<(&'static str, String), usize>,
    queue: VecDeque<Job>,
    /// Components to add, in the order they were first referred to.
    added: Vec<(&'static str, String, Json)>,
    /// The targets being inlined, innermost last: one met again is a cycle.
    inlining: Vec<(FileId, String)>,
    /// How deep the output is.
    depth: usize,
    /// Nodes the bundle may still write.
    budget: u64,
    inlined: usize,
    problems: Vec<Diagnostic>,
}

impl Bundler<'_> {
    /// Reserves the names the document's own components use, so moved targets do not take
    /// them.
    fn reserve_own_components(&mut self, document: &Node) {
        let holder = if self.format == SpecFormat::Swagger2 {
            Some(document)
        } else {
            document.get("components")
        };
        for (_, section) in sections(self.format) {
            let entries = holder
                .and_then(|h| h.get(section))
                .and_then(Node::as_map)
                .into_iter()
                .flat_map(|map| map.entries.iter());
            for entry in entries {
                self.taken
                    .insert((section, entry.key.text.clone()), Some(entry.value.clone()));
            }
        }
    }

    fn problem(&mut self, span: Span, rule: Rule, message: String) {
        // One problem per place is enough; a bad ref used many times is one mistake.
        if self.problems.len() < 100 {
            self.problems.push(Diagnostic::new(rule, span, message));
        }
    }

    /// The JSON of `node`, written in `file`, an object of `kind`, with its refs rewritten.
    fn walk(&mut self, node: &Node, file: FileId, kind: Kind) -> Json {
        if self.budget == 0 {
            return Json::Null;
        }
        self.budget -= 1;
        if self.depth > MAX_RESOLVED_DEPTH {
            self.problem(
                node.span,
                Rule::LimitExceeded,
                format!("the bundle nests deeper than {MAX_RESOLVED_DEPTH} levels here"),
            );
            return Json::Null;
        }
        self.depth += 1;
        let json = self.walk_inner(node, file, kind);
        self.depth -= 1;
        if self.budget == 0 && self.problems.is_empty() {
            self.problem(
                node.span,
                Rule::LimitExceeded,
                "the bundle would write more nodes than four times what the files write and a quarter of the `inlined-nodes` limit (`--limit inlined-nodes=N` raises it): refs where no component can stand for their target are inlined, and these are inlined many times over".into(),
            );
        }
        json
    }

    fn walk_inner(&mut self, node: &Node, file: FileId, kind: Kind) -> Json {
        match &node.value {
            Value::Map(map) => {
                if let Some(reference) = map.get("$ref").and_then(Node::as_str) {
                    return self.reference(node, reference, file, kind);
                }
                let mut out = JsonMap::new();
                for entry in &map.entries {
                    let key = entry.key.text.as_str();
                    let value = match shape(kind, key, self.format) {
                        Shape::One(child) => self.walk(&entry.value, file, child),
                        Shape::List(child) => self.walk_list(&entry.value, file, child),
                        Shape::Map(child) => self.walk_map(&entry.value, file, child),
                        Shape::Schemas(holds) => self.walk_schemas(&entry.value, file, holds),
                    };
                    let value = if kind == Kind::Schema && key == "discriminator" {
                        self.discriminator(&entry.value, file, value)
                    } else {
                        value
                    };
                    out.insert(key.to_owned(), value);
                }
                Json::Object(out)
            }
            Value::Seq(items) => Json::Array(
                items
                    .iter()
                    .map(|item| self.walk(item, file, kind))
                    .collect(),
            ),
            _ => node.to_json(),
        }
    }

    /// A list, map or schema keyword's value that is itself a `{$ref: ...}`: its target is
    /// read in its place, as the same kind of container.
    fn container(
        &mut self,
        node: &Node,
        file: FileId,
        walk: impl FnOnce(&mut Self, &Node, FileId) -> Json,
    ) -> Json {
        let Some(reference) = node.get("$ref").and_then(Node::as_str) else {
            return walk(self, node, file);
        };
        match self.place(reference, file, None, node.span) {
            Some(Placed::Inline(target_file, pointer, target)) => {
                self.inline(node.span, reference, (target_file, pointer), &target, walk)
            }
            // Into the document itself: kept as written.
            Some(Placed::Ref(target)) => serde_json::json!({ "$ref": target }),
            None => Json::Null,
        }
    }

    /// `target`, the target of `reference` at `key`, walked in the ref's place; a target met
    /// again inside itself is a cycle.
    fn inline(
        &mut self,
        span: Span,
        reference: &str,
        key: (FileId, String),
        target: &Node,
        walk: impl FnOnce(&mut Self, &Node, FileId) -> Json,
    ) -> Json {
        if self.inlining.contains(&key) {
            self.problem(
                span,
                Rule::RefCycle,
                format!("`{reference}` leads back to itself, and a ref here has no component to stand for it, so it cannot be inlined"),
            );
            return Json::Null;
        }
        let file = key.0;
        self.inlined += 1;
        self.inlining.push(key);
        let json = walk(self, target, file);
        self.inlining.pop();
        json
    }

    fn walk_list(&mut self, node: &Node, file: FileId, kind: Kind) -> Json {
        self.container(node, file, |this, node, file| this.list(node, file, kind))
    }

    fn list(&mut self, node: &Node, file: FileId, kind: Kind) -> Json {
        match node.as_seq() {
            Some(items) => Json::Array(
                items
                    .iter()
                    .map(|item| self.walk(item, file, kind))
                    .collect(),
            ),
            None => self.walk(node, file, Kind::Other),
        }
    }

    fn walk_map(&mut self, node: &Node, file: FileId, kind: Kind) -> Json {
        self.container(node, file, |this, node, file| this.map(node, file, kind))
    }

    fn map(&mut self, node: &Node, file: FileId, kind: Kind) -> Json {
        match node.as_map() {
            Some(map) => Json::Object(
                map.entries
                    .iter()
                    // Names, not extensions: a header may be called `x-request-id`.
                    .map(|e| (e.key.text.clone(), self.walk(&e.value, file, kind)))
                    .collect(),
            ),
            _ => self.walk(node, file, Kind::Other),
        }
    }

    fn walk_schemas(&mut self, node: &Node, file: FileId, holds: Holds) -> Json {
        if matches!(holds, Holds::One | Holds::OneOrList) {
            // A ref here is a subschema's own.
            return self.schemas(node, file, holds);
        }
        self.container(node, file, |this, node, file| {
            this.schemas(node, file, holds)
        })
    }

    fn schemas(&mut self, node: &Node, file: FileId, holds: Holds) -> Json {
        match (holds, &node.value) {
            (Holds::One | Holds::OneOrList, Value::Map(_)) | (Holds::One, _) => {
                self.walk(node, file, Kind::Schema)
            }
            (Holds::OneOrList | Holds::List, Value::Seq(_)) => self.list(node, file, Kind::Schema),
            (Holds::Map | Holds::MapOfSchemaOrNames, Value::Map(map)) => Json::Object(
                map.entries
                    .iter()
                    .map(|e| {
                        // Draft 4 `dependencies` may list property names instead of a schema.
                        let child = if e.value.as_map().is_some() || holds == Holds::Map {
                            Kind::Schema
                        } else {
                            Kind::Data
                        };
                        (e.key.text.clone(), self.walk(&e.value, file, child))
                    })
                    .collect(),
            ),
            _ => self.walk(node, file, Kind::Data),
        }
    }

    /// A discriminator's `mapping` values that are refs (not component names) name schemas:
    /// rewritten like a `$ref` to a schema would be.
    fn discriminator(&mut self, node: &Node, file: FileId, mut json: Json) -> Json {
        let Some(mapping) = node.get("mapping").and_then(Node::as_map) else {
            return json;
        };
        let mut rewritten = JsonMap::new();
        for entry in &mapping.entries {
            let value = match entry.value.as_str() {
                Some(reference) if reference.contains(['#', '/']) || is_file_name(reference) => {
                    match self.place(reference, file, Some(Kind::Schema), entry.value.span) {
                        Some(Placed::Ref(target)) => Json::String(target),
                        _ => Json::String(reference.to_owned()),
                    }
                }
                _ => entry.value.to_json(),
            };
            rewritten.insert(entry.key.text.clone(), value);
        }
        if let Some(object) = json.as_object_mut() {
            object.insert("mapping".into(), Json::Object(rewritten));
        }
        json
    }

    /// A `{$ref: ...}` object: the ref rewritten (its siblings kept as written), or its
    /// target inlined.
    fn reference(&mut self, node: &Node, reference: &str, file: FileId, kind: Kind) -> Json {
        match self.place(reference, file, Some(kind), node.span) {
            Some(Placed::Ref(target)) => {
                let mut out = JsonMap::new();
                let siblings_file = self.siblings_file(file, reference);
                for entry in node.as_map().map(|m| m.entries.as_slice()).unwrap_or(&[]) {
                    let value = if entry.key.text == "$ref" {
                        Json::String(target.clone())
                    } else {
                        self.walk(&entry.value, siblings_file, Kind::Data)
                    };
                    out.insert(entry.key.text.clone(), value);
                }
                Json::Object(out)
            }
            Some(Placed::Inline(target_file, pointer, target)) => {
                let mut json = self.inline(
                    node.span,
                    reference,
                    (target_file, pointer),
                    &target,
                    |this, target, file| this.walk(target, file, kind),
                );
                // Keys beside the ref are written over the target's, as the model reads them.
                if let (Json::Object(object), Some(map)) = (&mut json, node.as_map()) {
                    let siblings_file = self.siblings_file(file, reference);
                    for entry in map.entries.iter().filter(|e| e.key.text != "$ref") {
                        let value = self.walk(&entry.value, siblings_file, Kind::Data);
                        object.insert(entry.key.text.clone(), value);
                    }
                }
                json
            }
            None => Json::Null,
        }
    }

    /// The file the refs in the keys beside `reference` (written in `file`) are relative to,
    /// by the same rule the model was resolved with.
    fn siblings_file(&mut self, file: FileId, reference: &str) -> FileId {
        let path = reference.split('#').next().unwrap_or_default();
        match self.siblings {
            SiblingBase::Referenced if !path.is_empty() => {
                self.tree.load_path(file, path).unwrap_or(file)
            }
            _ => file,
        }
    }

    /// Where the target of `reference`, written in `file` for an object of `kind`, goes
    /// (inlined when `kind` is None: a ref that stands for a container of objects).
    fn place(
        &mut self,
        reference: &str,
        file: FileId,
        kind: Option<Kind>,
        span: Span,
    ) -> Option<Placed> {
        let (path, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        if !pointer.is_empty() && !pointer.starts_with('/') {
            self.problem(
                span,
                Rule::RefUnresolved,
                format!("`{reference}`: the part after `#` must be a JSON pointer"),
            );
            return None;
        }
        let target_file = if path.is_empty() {
            file
        } else {
            match self.tree.load_path(file, path) {
                Ok(id) => id,
                Err(err) => {
                    let rule = match err {
                        PathError::Url(_) => Rule::RefUrl,
                        PathError::OutsideRoot(_) => Rule::RefOutsideRoot,
                        _ => Rule::RefUnresolved,
                    };
                    self.problem(span, rule, format!("cannot follow $ref: {err}"));
                    return None;
                }
            }
        };
        if target_file == self.root {
            // A ref into the document itself stays a ref, whatever file it is written in and
            // whatever it stands for: it is what the author wrote, and it resolves in the
            // bundle as it did in the source.
            return Some(Placed::Ref(format!("#{pointer}")));
        }
        let section = kind.and_then(|kind| section(kind, self.format));
        let Some(target) = self
            .tree
            .file(target_file)
            .node
            .as_deref()
            .and_then(|document| document.pointer(pointer))
            .cloned()
        else {
            self.problem(
                span,
                Rule::RefUnresolved,
                format!("`{reference}` names nothing in its file"),
            );
            return None;
        };
        let Some(section) = section else {
            return Some(Placed::Inline(target_file, pointer.to_owned(), target));
        };
        let key = (target_file, pointer.to_owned(), section);
        if let Some(placed) = self.placed.get(&key) {
            return Some(Placed::Ref(placed.clone()));
        }
        let (name, fresh) = self.name_for(section, target_file, pointer, &target);
        let placed = format!(
            "{}{}",
            section_pointer(section, self.format),
            escape_token(&name)
        );
        self.placed.insert(key, placed.clone());
        if fresh {
            self.queue.push_back(Job {
                section,
                name,
                node: target,
                file: target_file,
                kind: kind.unwrap_or(Kind::Other),
            });
        }
        Some(Placed::Ref(placed))
    }

    /// The component name in `section` for `target`, at `pointer` in `file`, and whether it
    /// is new: the pointer's last token or the file's stem, numbered (`Pet-2`) while another
    /// component holds the name, as Redocly names them. A component that holds the same
    /// ref-free content is the target's already.
    fn name_for(
        &mut self,
        section: &'static str,
        file: FileId,
        pointer: &str,
        target: &Node,
    ) -> (String, bool) {
        let base = match pointer.rsplit('/').next().filter(|t| !t.is_empty()) {
            Some(token) => valid_name(&token.replace("~1", "/").replace("~0", "~")),
            None => valid_name(file_stem(&self.tree.file(file).path)),
        };
        let key = (section, base.clone());
        let Some(holder) = self.taken.get_mut(&key) else {
            self.taken.insert(key, Some(target.clone()));
            return (base, true);
        };
        // A clash: the plain name's component is compared from now on.
        if let Some(content) = holder.take().as_ref().and_then(ref_free_json) {
            self.equal
                .insert((section, base.clone(), content), base.clone());
        }
        let content = ref_free_json(target);
        if let Some(name) = content
            .as_ref()
            .and_then(|c| self.equal.get(&(section, base.clone(), c.clone())))
        {
            return (name.clone(), false);
        }
        let number = self.next_number.entry((section, base.clone())).or_insert(2);
        let name = loop {
            let name = format!("{base}-{number}");
            *number += 1;
            if !self.taken.contains_key(&(section, name.clone())) {
                break name;
            }
        };
        self.taken.insert((section, name.clone()), None);
        if let Some(content) = content {
            self.equal.insert((section, base, content), name.clone());
        }
        (name, true)
    }
}

/// A target's JSON text when it has no ref inside (a ref is relative to its file, so equal
/// text may name different things): equal text, one component.
fn ref_free_json(node: &Node) -> Option<String> {
    fn has_ref(node: &Node) -> bool {
        match &node.value {
            Value::Map(map) => map
                .entries
                .iter()
                .any(|e| e.key.text == "$ref" || has_ref(&e.value)),
            Value::Seq(items) => items.iter().any(has_ref),
            _ => false,
        }
    }
    (!has_ref(node)).then(|| node.to_json().to_string())
}

/// Where a ref's target goes.
enum Placed {
    /// The ref to write.
    Ref(String),
    /// The target, to write in the ref's place.
    Inline(FileId, String, Node),
}

/// A file's name without its folder and extensions.
fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split('.').next().unwrap_or(name)
}

/// `text` as a component name: letters, digits, `.`, `-` and `_` (anything else becomes `_`),
/// at most 100 characters, never empty.
fn valid_name(text: &str) -> String {
    let name: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if name.is_empty() {
        "Component".into()
    } else {
        name
    }
}

/// Whether a discriminator mapping value names a file rather than a component.
fn is_file_name(value: &str) -> bool {
    [".yaml", ".yml", ".json"]
        .iter()
        .any(|ext| value.ends_with(ext))
}

/// A name as a JSON pointer token.
fn escape_token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// Adds the moved targets to the document's components (Swagger 2.0: its top-level
/// sections), after the document's own.
fn place_components(json: &mut Json, format: SpecFormat, added: Vec<(&'static str, String, Json)>) {
    if added.is_empty() {
        return;
    }
    let Some(document) = json.as_object_mut() else {
        return;
    };
    let holder = if format == SpecFormat::Swagger2 {
        document
    } else {
        let components = document
            .entry("components")
            .or_insert_with(|| Json::Object(JsonMap::new()));
        if !components.is_object() {
            *components = Json::Object(JsonMap::new());
        }
        match components.as_object_mut() {
            Some(components) => components,
            None => return,
        }
    };
    for (section, name, value) in added {
        let entries = holder
            .entry(section)
            .or_insert_with(|| Json::Object(JsonMap::new()));
        if let Some(entries) = entries.as_object_mut() {
            entries.insert(name, value);
        }
    }
}

/// How many string `$ref`s a bundle has, and those that leave it or name nothing in it (a
/// bundle has none of the second kind; tests and fuzzing assert it).
pub fn dangling_refs(json: &Json) -> (usize, Vec<String>) {
    fn walk(value: &Json, root: &Json, refs: &mut usize, bad: &mut Vec<String>) {
        match value {
            Json::Object(map) => {
                if let Some(Json::String(reference)) = map.get("$ref") {
                    *refs += 1;
                    let found = reference
                        .strip_prefix('#')
                        .and_then(|pointer| root.pointer(pointer));
                    if found.is_none() {
                        bad.push(reference.clone());
                    }
                }
                map.values().for_each(|v| walk(v, root, refs, bad));
            }
            Json::Array(items) => items.iter().for_each(|v| walk(v, root, refs, bad)),
            _ => {}
        }
    }
    let (mut refs, mut bad) = (0, Vec::new());
    walk(json, json, &mut refs, &mut bad);
    (refs, bad)
}

/// Calls `visit` on every schema of a bundled document written in `format` that is not inside
/// another (a component, a parameter's, a header's, a media type's), as [`shape`] places them;
/// a schema's own subschemas are `visit`'s to walk.
pub(super) fn each_schema(json: &mut Json, format: SpecFormat, visit: &mut dyn FnMut(&mut Json)) {
    fn walk(value: &mut Json, kind: Kind, format: SpecFormat, visit: &mut dyn FnMut(&mut Json)) {
        match kind {
            Kind::Schema => return visit(value),
            Kind::Data | Kind::Other => return,
            _ => {}
        }
        let Json::Object(map) = value else { return };
        for (key, child) in map.iter_mut() {
            match shape(kind, key, format) {
                Shape::One(kind) => walk(child, kind, format, visit),
                Shape::List(kind) => child
                    .as_array_mut()
                    .into_iter()
                    .flatten()
                    .for_each(|item| walk(item, kind, format, visit)),
                Shape::Map(kind) => child
                    .as_object_mut()
                    .into_iter()
                    .flat_map(|entries| entries.values_mut())
                    .for_each(|item| walk(item, kind, format, visit)),
                Shape::Schemas(_) => {}
            }
        }
    }
    walk(json, Kind::Document, format, visit);
}
