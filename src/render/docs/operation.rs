//! The `http-api` shortcode: every operation of one OpenAPI document (a group of the model),
//! as the spec's site shows it (`layouts/partials/openapi/`): a heading anchored
//! `post_matrixclientv3createroom`, badges, the description, rate limiting and
//! authentication, request parameters per location, the request body's tables and examples,
//! and every response with its tables and examples.

use super::Writer;
use super::schema::{example_json, merge_all_of, sorted};
use crate::markdown::{anchorize, code_block};
use crate::model::Group;
use crate::rst::html::escape;
use crate::source::Node;

/// The methods the site shows, in its order.
const METHODS: [&str; 4] = ["get", "post", "put", "delete"];

impl Writer<'_> {
    /// Every operation of `group`, anchors prefixed by `anchor_base` when given.
    pub fn http_api(&mut self, out: &mut String, group: &Group, anchor_base: Option<&str>) {
        let document = merge_all_of(&group.document);
        let Some(paths) = document.get("paths").and_then(Node::as_map) else {
            return;
        };
        for (path, item) in sorted(paths) {
            for method in METHODS {
                if let Some(operation) = item.get(method) {
                    let endpoint = format!("{}{path}", group.base_path);
                    self.operation(out, method, &endpoint, operation, anchor_base);
                }
            }
        }
    }

    fn operation(
        &mut self,
        out: &mut String,
        method: &str,
        endpoint: &str,
        operation: &Node,
        anchor_base: Option<&str>,
    ) {
        let anchor = format!(
            "{}{method}{}",
            anchor_base.map(|b| format!("{b}_")).unwrap_or_default(),
            anchorize(endpoint)
        );
        let deprecated = operation.get("deprecated").and_then(Node::as_bool) == Some(true);
        let upper = method.to_ascii_uppercase();
        out.push_str(&format!(
            "<section class=\"rendered-data\">\n<details open>\n<summary>\n  <h1 id=\"{a}\">\n   \
             <span class=\"http-api-method\">{upper}</span>\n   <span class=\"endpoint{d}\">{e}</span>\n   \
             <a class=\"td-heading-self-link\" href=\"#{a}\" aria-label=\"Heading self-link\"></a>\n  \
             </h1>\n</summary>\n<hr>\n",
            a = escape(&anchor),
            d = if deprecated { " deprecated-inline" } else { "" },
            e = escape(endpoint),
        ));
        if deprecated {
            out.push_str(
                "<div class=\"alert warning omit-title\" role=\"note\">\nThis API is deprecated and will be removed from a future release.\n</div>\n",
            );
        }
        out.push_str(&self.versions(operation));
        if let Some(description) = operation.get("description") {
            let text = description.as_str().unwrap_or("");
            out.push_str(&self.markdown_block(text, description.span));
        }
        let responses = operation.get("responses").and_then(Node::as_map);
        let rate_limited = responses.is_some_and(|r| r.get("429").is_some());
        out.push_str(&format!(
            "<table class=\"basic-info\">\n<tr>\n<th>Rate-limited:</th>\n<td>{}</td>\n</tr>\n<tr>\n\
             <th>Requires authentication:</th>\n<td>{}</td>\n</tr>\n</table>\n<hr>\n",
            if rate_limited { "Yes" } else { "No" },
            authentication(operation),
        ));
        self.request(out, operation, &anchor);
        out.push_str("<hr>\n");
        self.responses(out, operation, &anchor);
        out.push_str("</details>\n</section>\n");
    }

    fn request(&mut self, out: &mut String, operation: &Node, anchor: &str) {
        out.push_str("<h2>Request</h2>\n");
        let parameters = operation
            .get("parameters")
            .and_then(Node::as_seq)
            .filter(|p| !p.is_empty());
        let body = operation.get("requestBody");
        if parameters.is_none() && body.is_none() {
            out.push_str("<p>No request parameters or request body.</p>\n");
            return;
        }
        if let Some(parameters) = parameters {
            out.push_str("<h3>Request parameters</h3>\n");
            for location in ["header", "path", "query"] {
                let mut of_location: Vec<(&str, Node)> = parameters
                    .iter()
                    .filter(|p| p.get_str("in") == Some(location))
                    .map(|p| (p.get_str("name").unwrap_or(""), flatten_parameter(p)))
                    .collect();
                if of_location.is_empty() {
                    continue;
                }
                of_location.sort_by(|a, b| a.0.cmp(b.0));
                of_location.dedup_by(|a, b| a.0 == b.0);
                let rows = of_location
                    .iter()
                    .map(|(name, parameter)| {
                        let required =
                            parameter.get("required").and_then(Node::as_bool) == Some(true);
                        (
                            format!("<code>{}</code>", escape(name)),
                            parameter,
                            required,
                        )
                    })
                    .collect();
                let caption = format!("{location} parameters");
                let html = self.table(Some(&caption), None, rows, None, None);
                out.push_str(&html);
            }
        }
        if let Some(body) = body {
            out.push_str("<h3>Request body</h3>\n");
            let content = body.get("content");
            self.media_types(out, content, true, &format!("{anchor}_request"));
        }
    }

    fn responses(&mut self, out: &mut String, operation: &Node, anchor: &str) {
        out.push_str(
            "<h2>Responses</h2>\n<table class=\"response-table\">\n <thead>\n  <tr>\n    \
             <th class=\"col-status\">Status</th>\n    <th class=\"col-status-description\">Description</th>\n  \
             </tr>\n </thead>\n",
        );
        let responses = operation.get("responses").and_then(Node::as_map);
        let responses = responses.map(sorted).unwrap_or_default();
        for (code, response) in &responses {
            let description = response.get("description");
            let text = description.and_then(Node::as_str).unwrap_or("");
            let span = description.map_or(response.span, |d| d.span);
            let html = self.markdown_inline(text, span);
            out.push_str(&format!(
                " <tr>\n  <td><code>{}</code></td>\n  <td>{html}</td>\n </tr>\n",
                escape(code)
            ));
        }
        out.push_str("</table>\n");
        for (code, response) in responses {
            let Some(content) = response
                .get("content")
                .filter(|c| c.as_map().is_some_and(|m| !m.is_empty()))
            else {
                continue;
            };
            out.push_str(&format!("<h3>{} response</h3>\n", escape(code)));
            if let Some(headers) = response.get("headers").and_then(Node::as_map) {
                let flattened: Vec<(&str, Node)> = sorted(headers)
                    .into_iter()
                    .map(|(name, header)| (name, flatten_parameter(header)))
                    .collect();
                let rows = flattened
                    .iter()
                    .map(|(name, header)| {
                        let required = header.get("required").and_then(Node::as_bool) == Some(true);
                        (format!("<code>{}</code>", escape(name)), header, required)
                    })
                    .collect();
                let html = self.table(Some("Headers"), None, rows, None, None);
                out.push_str(&html);
            }
            self.media_types(
                out,
                Some(content),
                false,
                &format!("{anchor}_response-{code}"),
            );
        }
    }

    /// A `content` map: the JSON body's tables (or a table of content types when there is no
    /// JSON), then every example.
    fn media_types(
        &mut self,
        out: &mut String,
        content: Option<&Node>,
        request: bool,
        anchor_base: &str,
    ) {
        let media = content.and_then(Node::as_map);
        let json = media.and_then(|m| m.get("application/json"));
        if let Some(schema) = json.and_then(|j| j.get("schema")) {
            if schema.get_str("type") == Some("array") {
                let items = schema.get("items");
                let type_of = match items.and_then(|i| i.get("anyOf")).and_then(Node::as_seq) {
                    Some(alternatives) => alternatives
                        .iter()
                        .map(|a| {
                            a.get_str("title")
                                .or_else(|| a.get_str("type"))
                                .unwrap_or("")
                                .to_owned()
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                    None => items
                        .and_then(|i| i.get_str("title"))
                        .unwrap_or("")
                        .to_owned(),
                };
                out.push_str(&format!(
                    "<p>Array of <code>{}</code>.</p>\n",
                    escape(&type_of)
                ));
            }
            self.object_tables(out, schema, Some(anchor_base));
        } else if let Some(media) = media.filter(|m| !m.is_empty()) {
            out.push_str(
                "<table class=\"content-type-table\">\n <thead>\n  <tr>\n    <th class=\"col-name\">Content-Type</th>\n    \
                 <th class=\"col-description\">Description</th>\n  </tr>\n </thead>\n",
            );
            for (mime, body) in sorted(media) {
                let schema = body.get("schema");
                let description = schema.and_then(|s| s.get("description"));
                let html = match description {
                    Some(d) => self.markdown_block(d.as_str().unwrap_or(""), d.span),
                    None => String::new(),
                };
                let versions = schema.map(|s| self.versions(s)).unwrap_or_default();
                out.push_str(&format!(
                    " <tr>\n  <td><code>{}</code></td>\n  <td>\n{html}{versions}</td>\n </tr>\n",
                    escape(mime)
                ));
            }
            out.push_str("</table>\n");
        }
        if request {
            out.push_str("<h3>Request body example</h3>\n");
        }
        for (mime, body) in media.map(sorted).unwrap_or_default() {
            let examples: Vec<serde_json::Value> = if let Some(named) = body
                .get("examples")
                .and_then(Node::as_map)
                .filter(|m| !m.is_empty())
            {
                sorted(named)
                    .into_iter()
                    .map(|(_, example)| {
                        example
                            .get("value")
                            .map_or(serde_json::Value::Null, Node::to_json)
                    })
                    .collect()
            } else if let Some(example) = body.get("example") {
                vec![example.to_json()]
            } else if let Some(schema) = body.get("schema") {
                Writer::schema_examples(schema)
            } else {
                Vec::new()
            };
            for example in examples {
                out.push_str(&example_block(&example, Some(mime)));
            }
        }
    }
}

/// An example as a code block: JSON pretty-printed and coloured, anything else as text.
pub fn example_block(example: &serde_json::Value, mime: Option<&str>) -> String {
    match mime {
        Some(mime) if mime != "application/json" => {
            let text = match example {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            code_block(&text, "no-highlight")
        }
        _ => code_block(&example_json(example), "json"),
    }
}

/// "Yes", "Optional" or "No", from the operation's `security` as the site reads it.
fn authentication(operation: &Node) -> &'static str {
    match operation.get("security").and_then(Node::as_seq) {
        Some(requirements) if !requirements.is_empty() => {
            if requirements[0].as_map().is_some_and(|m| m.is_empty()) {
                "Optional"
            } else {
                "Yes"
            }
        }
        _ => "No",
    }
}

/// A parameter or header with its schema's keys beside its own (its own win), as the site's
/// tables read them.
fn flatten_parameter(parameter: &Node) -> Node {
    let (Some(schema), Some(own)) = (
        parameter.get("schema").and_then(Node::as_map),
        parameter.as_map(),
    ) else {
        return parameter.clone();
    };
    let mut map = schema.clone();
    for entry in &own.entries {
        match map
            .entries
            .iter_mut()
            .find(|e| e.key.text == entry.key.text)
        {
            Some(existing) => existing.value = entry.value.clone(),
            None => map.entries.push(entry.clone()),
        }
    }
    Node::map(map, parameter.span)
}
