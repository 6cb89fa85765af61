//! Schemas as the spec's site shows them: `allOf` merged, the object tables of a schema and of
//! every object inside it (each once, anchored when it has a title), the type column, the
//! description column, and examples found in a schema. The rules are those of the spec's own
//! templates (`layouts/partials/json-schema/` and `openapi/render-object-table.html`), so
//! pages keep their anchors; maps are walked in key order, as Hugo walks them.

use std::sync::Arc;

use super::Writer;
use crate::markdown::anchorize;
use crate::rst::html::escape;
use crate::source::{Entry, Key, KeyKind, Map, Node, Value};

/// `node` with every `allOf` merged into the schema holding it: the parts in order, then the
/// schema's own keys over them; `required` lists are joined. Unchanged subtrees are shared.
pub fn merge_all_of(node: &Node) -> Node {
    merged(node).unwrap_or_else(|| node.clone())
}

fn merged(node: &Node) -> Option<Node> {
    match &node.value {
        Value::Seq(items) => {
            let changed: Vec<Option<Node>> = items.iter().map(merged).collect();
            if changed.iter().all(Option::is_none) {
                return None;
            }
            let items = items
                .iter()
                .zip(changed)
                .map(|(item, new)| new.unwrap_or_else(|| item.clone()))
                .collect();
            Some(Node::seq(items, node.span))
        }
        Value::Map(map) => {
            let parts = map.get("allOf").and_then(Node::as_seq);
            let changed: Vec<Option<Node>> = map
                .entries
                .iter()
                .map(|e| {
                    if e.key.text == "allOf" {
                        None
                    } else {
                        merged(&e.value)
                    }
                })
                .collect();
            if parts.is_none() && changed.iter().all(Option::is_none) {
                return None;
            }
            let mut out = Map::default();
            let mut required: Vec<Node> = Vec::new();
            let mut add_required = |list: Option<&Node>| {
                for item in list.and_then(Node::as_seq).unwrap_or(&[]) {
                    if !required.iter().any(|r| r.value == item.value) {
                        required.push(item.clone());
                    }
                }
            };
            add_required(map.get("required"));
            for part in parts.unwrap_or(&[]) {
                let part = merge_all_of(part);
                add_required(part.get("required"));
                deep_merge(&mut out, &part);
            }
            for (entry, new) in map.entries.iter().zip(changed) {
                if matches!(entry.key.text.as_str(), "allOf" | "required") {
                    continue;
                }
                let value = new.unwrap_or_else(|| entry.value.clone());
                merge_entry(&mut out, &entry.key, value);
            }
            if !required.is_empty() {
                let key = Key {
                    text: "required".to_owned(),
                    kind: KeyKind::Str,
                    span: node.span,
                };
                set(&mut out, key, Node::seq(required, node.span));
            }
            Some(Node {
                value: Value::Map(Arc::new(out)),
                span: node.span,
            })
        }
        _ => None,
    }
}

/// Hugo's `merge`: maps merge key by key, anything else is replaced.
fn deep_merge(into: &mut Map, from: &Node) {
    if let Some(map) = from.as_map() {
        for entry in &map.entries {
            merge_entry(into, &entry.key, entry.value.clone());
        }
    }
}

fn merge_entry(into: &mut Map, key: &Key, value: Node) {
    if let Some(existing) = into.entries.iter_mut().find(|e| e.key.text == key.text)
        && let (Some(old), Some(_)) = (existing.value.as_map(), value.as_map())
    {
        let mut combined = old.clone();
        deep_merge(&mut combined, &value);
        existing.value = Node {
            value: Value::Map(Arc::new(combined)),
            span: value.span,
        };
        return;
    }
    set(into, key.clone(), value);
}

fn set(into: &mut Map, key: Key, value: Node) {
    match into.entries.iter_mut().find(|e| e.key.text == key.text) {
        Some(entry) => entry.value = value,
        None => into.entries.push(Entry { key, value }),
    }
}

/// The entries of a map in key order, as Hugo ranges over them.
pub fn sorted(map: &Map) -> Vec<(&str, &Node)> {
    let mut entries: Vec<(&str, &Node)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries
}

fn type_is(schema: &Node, name: &str) -> bool {
    schema.get_str("type") == Some(name)
}

fn has_map(schema: &Node, key: &str) -> bool {
    schema.get(key).is_some_and(|v| v.as_map().is_some())
}

fn non_empty_map(schema: &Node, key: &str) -> bool {
    schema
        .get(key)
        .and_then(Node::as_map)
        .is_some_and(|m| !m.is_empty())
}

/// One object table: a schema with properties (or the top-level schema with only
/// `additionalProperties` / `patternProperties`).
struct Table<'n> {
    schema: &'n Node,
    anchor: Option<String>,
}

/// The anchor of an object schema under `anchor_base`: only titled objects with properties
/// get one (their tables are what type columns link to).
fn anchor_of(schema: &Node, anchor_base: Option<&str>) -> Option<String> {
    let base = anchor_base?;
    let title = schema.get_str("title")?;
    (type_is(schema, "object") && non_empty_map(schema, "properties"))
        .then(|| format!("{base}_{}", anchorize(title)))
}

/// The tables of `schema` and of every object inside it, top-level first, each once.
fn tables<'n>(schema: &'n Node, anchor_base: Option<&str>) -> Vec<Table<'n>> {
    let mut out = Vec::new();
    collect(schema, anchor_base, true, &mut out);
    out
}

fn collect<'n>(schema: &'n Node, anchor_base: Option<&str>, top: bool, out: &mut Vec<Table<'n>>) {
    let mut nested = Vec::new();
    if type_is(schema, "object") {
        if let Some(additional) = schema.get("additionalProperties")
            && additional.as_map().is_some()
        {
            collect(additional, anchor_base, false, &mut nested);
        }
        if let Some(patterns) = schema.get("patternProperties").and_then(Node::as_map) {
            for (_, pattern) in sorted(patterns) {
                collect(pattern, anchor_base, false, &mut nested);
            }
        }
        if let Some(properties) = schema.get("properties").and_then(Node::as_map) {
            for (_, property) in sorted(properties) {
                collect(property, anchor_base, false, &mut nested);
            }
        }
        if non_empty_map(schema, "properties") || top {
            out.push(Table {
                schema,
                anchor: anchor_of(schema, anchor_base),
            });
        }
    }
    if type_is(schema, "array") {
        match schema.get("items") {
            Some(items) if items.get("anyOf").is_some() => {
                for item in items.get("anyOf").and_then(Node::as_seq).unwrap_or(&[]) {
                    collect(item, anchor_base, false, &mut nested);
                }
            }
            Some(items) if items.as_map().is_some() => {
                collect(items, anchor_base, false, &mut nested);
            }
            _ => {}
        }
    }
    for item in schema.get("oneOf").and_then(Node::as_seq).unwrap_or(&[]) {
        collect(item, anchor_base, false, &mut nested);
    }
    out.extend(nested);
}

impl Writer<'_> {
    /// The object tables of `schema` (Hugo's `resolve-additional-types` and
    /// `render-object-table`); identical tables are written once.
    pub fn object_tables(&mut self, out: &mut String, schema: &Node, anchor_base: Option<&str>) {
        let mut written: Vec<String> = Vec::new();
        for table in tables(schema, anchor_base) {
            let html = self.object_table(table.schema, table.anchor.as_deref(), anchor_base);
            if !html.is_empty() && !written.contains(&html) {
                written.push(html);
            }
        }
        for html in written {
            out.push_str(&html);
        }
    }

    fn object_table(&mut self, schema: &Node, anchor: Option<&str>, base: Option<&str>) -> String {
        let title = schema.get_str("title");
        let properties = schema.get("properties").and_then(Node::as_map);
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Node::as_seq)
            .unwrap_or(&[])
            .iter()
            .filter_map(Node::as_str)
            .collect();
        if let Some(properties) = properties.filter(|p| !p.is_empty()) {
            let rows = sorted(properties)
                .into_iter()
                .map(|(name, property)| {
                    let is_required = required.contains(&name)
                        || property.get("required").and_then(Node::as_bool) == Some(true);
                    (
                        format!("<code>{}</code>", escape(name)),
                        property,
                        is_required,
                    )
                })
                .collect();
            let other = schema
                .get("additionalProperties")
                .filter(|a| a.as_map().is_some());
            return self.table(title, anchor, rows, other, base);
        }
        if has_map(schema, "additionalProperties") || has_map(schema, "patternProperties") {
            let mut html = table_open(title, anchor, false);
            html.push_str(" <tr>\n  <td><code>");
            html.push_str(&self.type_of(schema, base));
            html.push_str("</code></td>\n  <td>");
            html.push_str(&self.description(schema, false));
            html.push_str("</td>\n </tr>\n</table>\n");
            return html;
        }
        String::new()
    }

    /// A table of named rows (`parameters`, `headers`, object properties).
    pub fn table(
        &mut self,
        title: Option<&str>,
        anchor: Option<&str>,
        rows: Vec<(String, &Node, bool)>,
        other: Option<&Node>,
        base: Option<&str>,
    ) -> String {
        let mut html = table_open(title, anchor, true);
        for (name, property, required) in rows {
            html.push_str(" <tr>\n  <td>");
            html.push_str(&name);
            html.push_str("</td>\n  <td><code>");
            html.push_str(&self.type_of(property, base));
            html.push_str("</code></td>\n  <td>");
            html.push_str(&self.description(property, required));
            html.push_str("</td>\n </tr>\n");
        }
        if let Some(other) = other {
            html.push_str(" <tr>\n  <td>&lt;Other properties&gt;</td>\n  <td><code>");
            html.push_str(&self.type_of(other, base));
            html.push_str("</code></td>\n  <td>");
            html.push_str(&self.description(other, false));
            html.push_str("</td>\n </tr>\n");
        }
        html.push_str("</table>\n");
        html
    }

    /// The type column: `string`, `[RoomEvent]` linked to its table, `{string: integer}`,
    /// `integer|null`, a format's title linked to its definition.
    pub fn type_of(&self, schema: &Node, base: Option<&str>) -> String {
        if type_is(schema, "object") {
            return self.object_type(schema, base);
        }
        if type_is(schema, "array") {
            let inner = schema
                .get("items")
                .map_or_else(String::new, |items| self.type_of(items, base));
            return format!("[{inner}]");
        }
        if type_is(schema, "string") {
            return schema
                .get_str("format")
                .and_then(|format| self.string_format(format))
                .unwrap_or_else(|| "string".to_owned());
        }
        let alternatives = ["oneOf", "anyOf"].iter().find_map(|key| {
            schema
                .get(key)
                .and_then(Node::as_seq)
                .filter(|s| !s.is_empty())
        });
        if let Some(alternatives) = alternatives {
            return alternatives
                .iter()
                .map(|a| self.type_of(a, base))
                .collect::<Vec<_>>()
                .join("|");
        }
        match schema.get("type").map(|t| &t.value) {
            Some(Value::Seq(types)) => types
                .iter()
                .filter_map(Node::as_str)
                .map(escape)
                .collect::<Vec<_>>()
                .join("|"),
            Some(Value::Str(name)) => escape(name),
            _ => String::new(),
        }
    }

    fn object_type(&self, schema: &Node, base: Option<&str>) -> String {
        let title = schema.get_str("title");
        if non_empty_map(schema, "properties") {
            return match (title, anchor_of(schema, base)) {
                (Some(title), Some(anchor)) => {
                    format!("<a href=\"#{}\">{}</a>", escape(&anchor), escape(title))
                }
                (Some(title), None) => escape(title),
                _ => "object".to_owned(),
            };
        }
        if let Some(additional) = schema
            .get("additionalProperties")
            .filter(|a| a.as_map().is_some())
        {
            return format!("{{string: {}}}", self.type_of(additional, base));
        }
        if let Some(patterns) = schema.get("patternProperties").and_then(Node::as_map) {
            let mut by_format: Vec<(String, String)> = Vec::new();
            for (_, pattern) in sorted(patterns) {
                let format = pattern
                    .get_str("x-pattern-format")
                    .unwrap_or("string")
                    .to_owned();
                let shown = self.type_of(pattern, base);
                match by_format.iter_mut().find(|(f, _)| *f == format) {
                    Some(entry) => entry.1 = shown,
                    None => by_format.push((format, shown)),
                }
            }
            by_format.sort();
            return by_format
                .into_iter()
                .map(|(format, shown)| {
                    let key = if format == "string" {
                        "string".to_owned()
                    } else {
                        self.string_format(&format)
                            .unwrap_or_else(|| escape(&format))
                    };
                    format!("{{{key}: {shown}}}")
                })
                .collect::<Vec<_>>()
                .join("|");
        }
        title.map_or_else(|| "object".to_owned(), escape)
    }

    fn string_format(&self, format: &str) -> Option<String> {
        let (title, url) = self.data.formats.get(format)?;
        let url = if url.starts_with('/') || url.contains("://") {
            url.clone()
        } else {
            format!("/{url}")
        };
        Some(format!(
            "<a href=\"{}\">{}</a>",
            escape(&url),
            escape(title)
        ))
    }

    /// The description column: the description (with **Required:** in front), the enum's
    /// values, and the version badges.
    pub fn description(&mut self, schema: &Node, required: bool) -> String {
        let description = schema.get("description");
        let text = description.and_then(Node::as_str).unwrap_or("");
        let span = description.map_or(schema.span, |d| d.span);
        let mut html = if required {
            let rendered = self.markdown_block(text, span);
            match rendered.strip_prefix("<p>") {
                Some(rest) => format!("<p><strong>Required: </strong>{rest}"),
                None => format!("<p><strong>Required: </strong></p>\n{rendered}"),
            }
        } else {
            self.markdown_block(text, span)
        };
        if let Some(values) = schema
            .get("enum")
            .and_then(Node::as_seq)
            .filter(|v| !v.is_empty())
        {
            let listed: Vec<String> = values.iter().map(|v| escape(&scalar_text(v))).collect();
            html.push_str(&format!(
                "<p>One of: <code>[{}]</code>.</p>",
                listed.join(", ")
            ));
        }
        html.push_str(&self.versions(schema));
        html
    }

    /// `Added in v1.x` and `Changed in v1.y: ...` paragraphs of a schema or operation.
    pub fn versions(&mut self, node: &Node) -> String {
        let versions = crate::model::MatrixVersions::of(node);
        let mut html = String::new();
        if let Some(added) = &versions.added_in {
            html.push_str(&format!(
                "<p><strong>Added in <code>v{}</code></strong></p>\n",
                escape(added)
            ));
        }
        let mut changes = versions.changed_in;
        changes.sort();
        for (version, what) in changes {
            let span = node
                .get("x-changedInMatrixVersion")
                .map_or(node.span, |n| n.span);
            html.push_str(
                &self.markdown_block(&format!("**Changed in `v{version}`:** {what}"), span),
            );
        }
        html
    }

    /// The examples of a schema: its `examples`, its `example`, or one assembled from the
    /// examples of its properties (Hugo's `resolve-examples`).
    pub fn schema_examples(schema: &Node) -> Vec<serde_json::Value> {
        if let Some(examples) = schema
            .get("examples")
            .and_then(Node::as_seq)
            .filter(|e| !e.is_empty())
        {
            return examples.iter().map(Node::to_json).collect();
        }
        if let Some(example) = schema.get("example") {
            return vec![example.to_json()];
        }
        if type_is(schema, "object") {
            let mut assembled = serde_json::Map::new();
            let properties = schema.get("properties").and_then(Node::as_map);
            for (name, property) in properties.map(sorted).unwrap_or_default() {
                if let Some(first) = Writer::schema_examples(property).into_iter().next() {
                    assembled.insert(name.to_owned(), first);
                }
            }
            if !assembled.is_empty() || properties.is_none_or(Map::is_empty) {
                return vec![serde_json::Value::Object(assembled)];
            }
        } else if type_is(schema, "array")
            && let Some(items) = schema.get("items").filter(|i| i.as_map().is_some())
            && let Some(first) = Writer::schema_examples(items).into_iter().next()
        {
            return vec![serde_json::Value::Array(vec![first])];
        }
        Vec::new()
    }
}

fn table_open(title: Option<&str>, anchor: Option<&str>, named: bool) -> String {
    let mut html = String::from("<table");
    if let Some(anchor) = anchor {
        html.push_str(&format!(" id=\"{}\"", escape(anchor)));
    }
    html.push_str(" class=\"object-table\">\n");
    if let Some(title) = title {
        html.push_str(&format!(" <caption>{}</caption>\n", escape(title)));
    }
    html.push_str(" <thead>\n  <tr>\n");
    if named {
        html.push_str("    <th class=\"col-name\">Name</th>\n");
    }
    html.push_str(
        "    <th class=\"col-type\">Type</th>\n    <th class=\"col-description\">Description</th>\n  </tr>\n </thead>\n",
    );
    html
}

/// A scalar as Go's templates print it.
pub fn scalar_text(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => s.clone(),
        Value::Int(n) => n.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        _ => node.to_json().to_string(),
    }
}

/// An example as the site prints it: JSON with sorted keys and two-space indents (Go's
/// `jsonify`; unlike it, `&` is left as it is rather than written `\u0026`).
pub fn example_json(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(&sort_keys(value)).unwrap_or_default()
}

fn sort_keys(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(&String, &serde_json::Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            serde_json::Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), sort_keys(v)))
                    .collect(),
            )
        }
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.iter().map(sort_keys).collect())
        }
        other => other.clone(),
    }
}
