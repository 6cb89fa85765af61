//! Event and definition shortcodes: `event`, `msgtypes`, `event-group`, `event-fields` and
//! `definition`, as the spec's site shows them (`layouts/partials/events/`,
//! `layouts/shortcodes/definition.html`).

use super::Writer;
use super::operation::example_block;
use super::schema::merge_all_of;
use crate::markdown::anchorize;
use crate::model::{EventSchema, NamedSchema};
use crate::rst::html::escape;
use crate::source::Node;

/// The message types `msgtypes` shows first, in this order; the other `m.room.message$...`
/// schemas follow by name, except those shown in modules of their own.
const MSGTYPES_FIRST: [&str; 5] = [
    "m.room.message$m.text",
    "m.room.message$m.emote",
    "m.room.message$m.notice",
    "m.room.message$m.image",
    "m.room.message$m.file",
];
const MSGTYPES_ELSEWHERE: [&str; 2] = [
    "m.room.message$m.server_notice",
    "m.room.message$m.key.verification.request",
];

impl Writer<'_> {
    /// One event: `examples` is the exact example to show, or None for the event's own
    /// (`name` and `name$variant`).
    pub fn event(
        &mut self,
        out: &mut String,
        event: &EventSchema,
        shown_name: &str,
        example: Option<&str>,
        title: Option<&str>,
    ) {
        let schema = merge_all_of(&event.schema.node);
        let anchor = anchorize(shown_name);
        let heading = match title {
            Some(title) => self.markdown_inline(title, schema.span),
            None => format!("<code>{}</code>", escape(shown_name)),
        };
        out.push_str(&format!(
            "<section class=\"rendered-data event\">\n<details open>\n<summary>\n  <h1 id=\"{a}\">\n   {heading}\n   \
             <a class=\"td-heading-self-link\" href=\"#{a}\" aria-label=\"Heading self-link\"></a>\n  </h1>\n</summary>\n<hr>\n",
            a = escape(&anchor)
        ));
        out.push_str(&self.versions(&schema));
        if let Some(description) = schema.get("description") {
            let html = self.markdown_inline(description.as_str().unwrap_or(""), description.span);
            out.push_str(&html);
            out.push('\n');
        }
        let state_key = schema.get("properties").and_then(|p| p.get("state_key"));
        out.push_str(&format!(
            "<table class=\"basic-info\">\n<tr>\n<th>Event type:</th>\n<td>{}</td>\n</tr>\n",
            if state_key.is_some() {
                "State event"
            } else {
                "Message event"
            }
        ));
        if let Some(state_key) = state_key {
            let description = state_key.get("description");
            let html = description.map_or_else(String::new, |d| {
                self.markdown_inline(d.as_str().unwrap_or(""), d.span)
            });
            out.push_str(&format!(
                "<tr>\n<th>State key</th>\n<td>{html}</td>\n</tr>\n"
            ));
        }
        out.push_str("</table>\n<h2>Content</h2>\n");
        if let Some(content) = schema.get("properties").and_then(|p| p.get("content")) {
            self.object_tables(out, content, Some(&anchor));
        }
        out.push_str("<h2>Examples</h2>\n");
        for (name, value) in &self.data.examples {
            let wanted = match example {
                Some(wanted) => *name == wanted,
                None => *name == shown_name || name.split('$').next() == Some(shown_name),
            };
            if wanted {
                out.push_str(&example_block(&value.to_json(), None));
            }
        }
        out.push_str("</details>\n</section>\n");
    }

    /// The `m.room.message` message types.
    pub fn msgtypes(&mut self, out: &mut String) {
        let mut names: Vec<&str> = MSGTYPES_FIRST.to_vec();
        for event in &self.data.spec.events {
            let name = event.name.as_str();
            if name.starts_with("m.room.message$")
                && !MSGTYPES_ELSEWHERE.contains(&name)
                && !names.contains(&name)
            {
                names.push(name);
            }
        }
        for name in names {
            if let Some(event) = self.data.event(name) {
                let shown = name.split_once('$').map_or(name, |(_, msgtype)| msgtype);
                self.event(out, event, shown, Some(name), None);
            }
        }
    }

    /// Every event whose name starts with `prefix`, by `x-weight`.
    pub fn event_group(&mut self, out: &mut String, prefix: &str) {
        let mut events: Vec<&EventSchema> = self
            .data
            .spec
            .events
            .iter()
            .filter(|e| e.name.starts_with(prefix))
            .collect();
        events.sort_by_key(|e| {
            e.schema
                .node
                .get("x-weight")
                .and_then(|w| match w.value {
                    crate::source::Value::Int(n) => Some(n),
                    _ => None,
                })
                .unwrap_or(0)
        });
        for event in events {
            self.event(out, event, &event.name, None, None);
        }
    }

    /// The fields every event of a kind has (`core-event-schema/<kind>`).
    pub fn event_fields(&mut self, out: &mut String, core: &NamedSchema) {
        let schema = merge_all_of(&core.schema.node);
        let title = humanize(schema.get_str("title").unwrap_or(&core.name));
        out.push_str(&format!(
            "<section class=\"rendered-data event\">\n<details open>\n<summary>\n<h1>\n <code>{}</code>\n</h1>\n</summary>\n<hr>\n",
            escape(&title)
        ));
        if let Some(description) = schema.get("description") {
            let html = self.markdown_inline(description.as_str().unwrap_or(""), description.span);
            out.push_str(&html);
            out.push('\n');
        }
        let untitled = without_key(&schema, "title");
        self.object_tables(out, &untitled, None);
        out.push_str("</details>\n</section>\n");
    }

    /// A definition (an EDU, a PDU, a shared object) with its tables and examples.
    pub fn definition(&mut self, out: &mut String, definition: &NamedSchema, compact: bool) {
        let schema = merge_all_of(&definition.schema.node);
        let title = schema.get_str("title").unwrap_or("");
        let anchor_base = format!("definition-{}", anchorize(title));
        out.push_str(&format!(
            "<section class=\"rendered-data definition\" id=\"{}\">\n<details{}>\n<summary>\n<h1>\n <code>{}</code>\n</h1>\n</summary>\n<hr>\n",
            escape(&anchor_base),
            if compact { "" } else { " open" },
            escape(title)
        ));
        if let Some(added) = crate::model::MatrixVersions::of(&schema).added_in {
            out.push_str(&format!(
                "<p><strong>Added in <code>v{}</code></strong></p>\n",
                escape(&added)
            ));
        }
        if let Some(description) = schema.get("description") {
            let html = self.markdown_inline(description.as_str().unwrap_or(""), description.span);
            out.push_str(&html);
            out.push('\n');
        }
        self.object_tables(out, &schema, Some(&anchor_base));
        let examples = Writer::schema_examples(&schema);
        if !examples.is_empty() {
            out.push_str("<h2>Examples</h2>\n");
            for example in examples {
                out.push_str(&example_block(&example, None));
            }
        }
        out.push_str("</details>\n</section>\n");
    }
}

/// Hugo's `humanize` of a title: `StrippedStateEvent` → `Stripped state event`.
fn humanize(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if c == '_' || c == '-' {
            out.push(' ');
        } else if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn without_key(node: &Node, key: &str) -> Node {
    match node.as_map() {
        Some(map) => {
            let mut map = map.clone();
            map.entries.retain(|e| e.key.text != key);
            Node::map(map, node.span)
        }
        None => node.clone(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn humanize_splits_camel_case() {
        assert_eq!(
            super::humanize("StrippedStateEvent"),
            "Stripped state event"
        );
        assert_eq!(super::humanize("CallEvent"), "Call event");
    }
}
