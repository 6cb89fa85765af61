//! The OpenAPI 3.0 and 3.1 front end: a resolved OpenAPI document to a [`Group`].
//!
//! The model is read from the node tree for both versions, because only the tree knows where
//! each piece is written, and each field is checked where it is read. (Deserializing the whole
//! document into `openapiv3::OpenAPI` used to be the structural check of 3.0; it needed the
//! document with every ref inlined, which grows with how often the refs are used, and its
//! errors had no line.) 3.1
//! differs from 3.0 in schemas (type arrays, `examples` lists, `$ref` siblings), which the model
//! keeps as written, so one reader serves both.

use super::Server;
use super::build::{FrontEnd, ResponseBody};
use super::swagger2::empty_map;
use super::{
    Body, Endpoint, Example, Group, Method, ParamLocation, Parameter, Response, Schema, SpecFormat,
};
use crate::diagnostic::Rule;
use crate::source::{FileId, Map, Node, Span};

pub(super) fn group(
    front: &mut FrontEnd,
    file: FileId,
    name: String,
    doc: &Node,
    format: SpecFormat,
) -> Group {
    // OpenAPI 3.1 made `responses` optional (an operation may describe its request only).
    front.responses_optional = format == SpecFormat::OpenApi31;
    let (title, version) = front.info(doc);
    let base_path = server_base_path(doc);
    let security_schemes =
        front.security_schemes(doc.get("components").and_then(|c| c.get("securitySchemes")));
    let global_security = doc.get("security");
    let mut endpoints = Vec::new();
    for operation in front.operations(doc, "paths") {
        let at = (operation.method, operation.span);
        let shared = operation.shared_parameters;
        endpoints.push(endpoint(
            front,
            &base_path,
            operation.path,
            at,
            shared,
            global_security,
            operation.node,
        ));
    }
    // Webhooks came with 3.1 (3.2 is read as 3.1): operations named, not placed under a path.
    let mut webhooks = Vec::new();
    if format == SpecFormat::OpenApi31 {
        for operation in front.operations(doc, "webhooks") {
            let at = (operation.method, operation.span);
            let shared = operation.shared_parameters;
            webhooks.push(endpoint(
                front,
                "",
                operation.path,
                at,
                shared,
                global_security,
                operation.node,
            ));
        }
    }
    Group {
        name,
        file,
        format,
        title,
        version,
        base_path,
        servers: servers(doc),
        security_schemes,
        endpoints,
        webhooks,
        document: doc.clone(),
    }
}

/// The path part of the first server URL (`https://example.org/_matrix/v2` → `/_matrix/v2`),
/// with its variables replaced by their defaults, as OpenAPI says a client does
/// (`{protocol}://{hostname}{basePath}` with `basePath: {default: /_matrix/client/v3}`).
fn server_base_path(doc: &Node) -> String {
    servers(doc)
        .into_iter()
        .next()
        .map(|server| server.base_path)
        .unwrap_or_default()
}

/// Every server of the document, variables at their defaults.
fn servers(doc: &Node) -> Vec<Server> {
    doc.get("servers")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .map(|server| {
            let url = server_url(server);
            let path = match url.split_once("://") {
                Some((_, rest)) => rest.find('/').map_or("", |slash| &rest[slash..]),
                None => &url,
            };
            Server {
                template: server.get_str("url").unwrap_or("").to_owned(),
                base_path: path.trim_end_matches('/').to_owned(),
                description: server.get_str("description").map(str::to_owned),
                url,
            }
        })
        .collect()
}

/// A server's URL with every `{variable}` replaced by the variable's default; a variable
/// without one stays as written.
fn server_url(server: &Node) -> String {
    let url = server.get_str("url").unwrap_or("");
    let variables = server.get("variables").and_then(Node::as_map);
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            rest = &rest[open..];
            break;
        };
        let name = &rest[open + 1..open + close];
        let default = variables
            .and_then(|v| v.get(name))
            .and_then(|v| v.get("default"))
            .and_then(|d| match &d.value {
                crate::source::Value::Str(s) => Some(s.clone()),
                crate::source::Value::Int(i) => Some(i.to_string()),
                _ => None,
            });
        match default {
            Some(value) => out.push_str(&value),
            None => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

fn endpoint(
    front: &mut FrontEnd,
    base_path: &str,
    path: &str,
    (method, span): (Method, Span),
    shared: Option<&Node>,
    global_security: Option<&Node>,
    op: &Node,
) -> Endpoint {
    let all = front.parameters(shared, op.get("parameters"));
    let parameters = all
        .into_iter()
        .filter_map(|p| parameter(front, p))
        .collect();
    let body = front
        .map(op, "requestBody")
        .map(|body| request_body(front, body));
    let responses = front.responses(op, |front, node| {
        let (media_types, schema, examples) = content(front, node);
        ResponseBody {
            schema,
            media_types,
            examples,
        }
    });
    let raw_full_path = format!("{base_path}{path}");
    Endpoint {
        method,
        path: path.to_owned(),
        full_path: front.options.substitute(&raw_full_path),
        raw_full_path,
        operation_id: front.string(op, "operationId"),
        summary: front.string(op, "summary"),
        description: front.string(op, "description"),
        tags: front.strings(op, "tags"),
        deprecated: front.flag(op, "deprecated"),
        rate_limited: responses.iter().any(|r: &Response| r.status.text == "429"),
        auth: front.auth(op.get("security").or(global_security)),
        has_security_key: op.get("security").is_some(),
        parameters,
        body,
        responses,
        extensions: FrontEnd::extensions(op),
        versions: super::MatrixVersions::of(op),
        span,
    }
}

fn parameter(front: &mut FrontEnd, param: &Node) -> Option<Parameter> {
    let (Some(name), Some(location)) = (front.string(param, "name"), front.string(param, "in"))
    else {
        front.report(
            Rule::Structure,
            param.span,
            "a parameter needs `name` and `in`",
        );
        return None;
    };
    let Some(location) = ParamLocation::from_key(&location) else {
        front.report(
            Rule::Structure,
            param.span,
            format!("`in: {location}` is not an OpenAPI 3 parameter location"),
        );
        return None;
    };
    let schema = param.get("schema").cloned().unwrap_or_else(|| {
        front.report(
            Rule::Structure,
            param.span,
            format!("parameter `{name}` needs a `schema`"),
        );
        empty_map(param.span)
    });
    let example = param.get("example").cloned().or_else(|| {
        let examples = param.get("examples")?.as_map()?;
        examples
            .iter()
            .find_map(|(_, example)| example.get("value").cloned())
    });
    // Written on the parameter, or on its schema.
    let versions = match super::MatrixVersions::of(param) {
        versions if versions.is_empty() => super::MatrixVersions::of(&schema),
        versions => versions,
    };
    Some(Parameter {
        versions,
        name,
        location,
        required: front.flag(param, "required"),
        description: front.string(param, "description"),
        deprecated: front.flag(param, "deprecated"),
        schema: Schema::new(schema),
        example,
        span: param.span,
    })
}

/// The media types of a `content` map, the first one's schema, and the examples of all, each
/// with its own media type's schema.
fn content(front: &mut FrontEnd, parent: &Node) -> (Vec<String>, Option<Schema>, Vec<Example>) {
    let Some(content) = front.map(parent, "content") else {
        return (Vec::new(), None, Vec::new());
    };
    let mut media_types = Vec::new();
    let mut schema = None;
    let mut examples = Vec::new();
    for (media, entry) in content.as_map().into_iter().flat_map(Map::iter) {
        media_types.push(media.to_owned());
        let own_schema = entry.get("schema").cloned().map(Schema::new);
        if schema.is_none() {
            schema.clone_from(&own_schema);
        }
        if let Some(example) = entry.get("example") {
            examples.push(Example {
                media_type: Some(media.to_owned()),
                name: None,
                summary: None,
                value: example.clone(),
                schema: own_schema.clone(),
            });
        }
        for (name, example) in entry
            .get("examples")
            .and_then(Node::as_map)
            .into_iter()
            .flat_map(Map::iter)
        {
            if example.get("value").is_some() && example.get("externalValue").is_some() {
                front.report(
                    Rule::Structure,
                    example.span,
                    format!("example `{name}` has both `value` and `externalValue`, which exclude each other"),
                );
            }
            // An Example Object may carry neither `value` nor `externalValue` (a summary only):
            // then there is nothing to validate.
            if let Some(value) = example.get("value") {
                examples.push(Example {
                    media_type: Some(media.to_owned()),
                    name: Some(name.to_owned()),
                    summary: example
                        .get("summary")
                        .and_then(Node::as_str)
                        .map(str::to_owned),
                    value: value.clone(),
                    schema: own_schema.clone(),
                });
            }
        }
    }
    (media_types, schema, examples)
}

fn request_body(front: &mut FrontEnd, node: &Node) -> Body {
    let (media_types, schema, examples) = content(front, node);
    let schema = schema.unwrap_or_else(|| Schema::new(empty_map(node.span)));
    Body {
        name: None,
        description: front.string(node, "description"),
        required: front.flag(node, "required"),
        media_types,
        schema,
        examples,
        position: usize::MAX,
        span: node.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn server(yaml: &str) -> Node {
        crate::source::yaml::parse(FileId(0), yaml).0.unwrap()
    }

    #[test]
    fn server_variables_take_their_defaults() {
        let doc = server(
            "servers:\n  - url: \"{protocol}://{hostname}{basePath}\"\n    variables:\n      protocol: {enum: [http, https], default: https}\n      hostname: {default: localhost:8448}\n      basePath: {default: /_matrix/federation/v1}\n",
        );
        assert_eq!(server_base_path(&doc), "/_matrix/federation/v1");
        let plain = server("servers:\n  - url: https://example.org/_matrix/v2/\n");
        assert_eq!(server_base_path(&plain), "/_matrix/v2");
        let unknown = server("servers:\n  - url: \"{scheme}://host/{base\"\n");
        assert_eq!(
            server_url(&unknown.get("servers").unwrap().as_seq().unwrap()[0]),
            "{scheme}://host/{base"
        );
        assert_eq!(server_base_path(&server("openapi: 3.1.0\n")), "");
    }
}
