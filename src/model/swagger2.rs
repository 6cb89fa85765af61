//! The Swagger 2.0 front end: a resolved Swagger document to a [`Group`].

use super::build::{FrontEnd, ResponseBody, without};
use super::{
    Body, Endpoint, Example, Group, Method, ParamLocation, Parameter, Schema, Server, SpecFormat,
};
use crate::diagnostic::{Diagnostic, Rule};
use crate::source::{FileId, Map, Node, Span};

/// Keys of a Swagger 2.0 non-body parameter that describe the parameter, not its value; the
/// rest form the parameter's schema.
const PARAMETER_KEYS: [&str; 8] = [
    "name",
    "in",
    "required",
    "description",
    "x-example",
    "allowEmptyValue",
    "collectionFormat",
    "deprecated",
];

pub(super) fn group(front: &mut FrontEnd, file: FileId, name: String, doc: &Node) -> Group {
    let (title, version) = front.info(doc);
    let base_path = front.string(doc, "basePath").unwrap_or_default();
    let consumes = front.strings(doc, "consumes");
    let produces = front.strings(doc, "produces");
    let security_schemes = front.security_schemes(doc.get("securityDefinitions"));
    let global_security = doc.get("security");
    let mut endpoints = Vec::new();
    for operation in front.operations(doc, "paths") {
        let context = Context {
            base_path: &base_path,
            path: operation.path,
            method: operation.method,
            shared: operation.shared_parameters,
            consumes: &consumes,
            produces: &produces,
            global_security,
        };
        endpoints.push(endpoint(front, &context, operation.node, operation.span));
    }
    Group {
        name,
        file,
        format: SpecFormat::Swagger2,
        title,
        version,
        servers: doc
            .get_str("host")
            .map(|host| {
                let scheme = doc
                    .get("schemes")
                    .and_then(Node::as_seq)
                    .and_then(|s| s.first())
                    .and_then(Node::as_str)
                    .unwrap_or("https");
                let url = format!("{scheme}://{host}{base_path}");
                Server {
                    template: url.clone(),
                    url,
                    base_path: base_path.clone(),
                    description: None,
                }
            })
            .into_iter()
            .collect(),
        base_path,
        security_schemes,
        endpoints,
        webhooks: Vec::new(),
        document: doc.clone(),
    }
}

struct Context<'a> {
    base_path: &'a str,
    path: &'a str,
    method: Method,
    shared: Option<&'a Node>,
    consumes: &'a [String],
    produces: &'a [String],
    global_security: Option<&'a Node>,
}

fn endpoint(front: &mut FrontEnd, cx: &Context, op: &Node, span: Span) -> Endpoint {
    let all = front.parameters(cx.shared, op.get("parameters"));

    let consumes = match front.strings(op, "consumes") {
        list if list.is_empty() => cx.consumes.to_vec(),
        list => list,
    };
    let produces = match front.strings(op, "produces") {
        list if list.is_empty() => cx.produces.to_vec(),
        list => list,
    };
    let mut parameters = Vec::new();
    let mut body: Option<Body> = None;
    for param in all {
        let Some(location) = front.string(param, "in") else {
            front.report(Rule::Structure, param.span, "a parameter needs `in`");
            continue;
        };
        let Some(name) = front.string(param, "name") else {
            front.report(Rule::Structure, param.span, "a parameter needs `name`");
            continue;
        };
        if location == "body" {
            if let Some(first) = &body {
                front.diagnostics.push(
                    Diagnostic::new(
                        Rule::MultipleBodies,
                        param.span,
                        "an operation can have only one body parameter",
                    )
                    .with_note(Some(first.span), "the first body parameter"),
                );
                continue;
            }
            body = Some(body_parameter(
                front,
                param,
                name,
                &consumes,
                parameters.len(),
            ));
            continue;
        }
        let Some(location) = ParamLocation::from_key(&location) else {
            let message = if location == "formData" {
                "`in: formData` parameters are not supported yet".to_owned()
            } else {
                format!("`in: {location}` is not a Swagger 2.0 parameter location")
            };
            front.report(
                Rule::Structure,
                param.get("in").map_or(param.span, |n| n.span),
                message,
            );
            continue;
        };
        parameters.push(Parameter {
            name,
            location,
            required: front.flag(param, "required"),
            description: front.string(param, "description"),
            deprecated: front.flag(param, "deprecated"),
            // Swagger 2.0 writes a non-body parameter's schema inline, beside the parameter's own keys.
            schema: Schema::new(without(param, &PARAMETER_KEYS)),
            example: param.get("x-example").cloned(),
            versions: super::MatrixVersions::of(param),
            span: param.span,
        });
    }
    let responses = front.responses(op, |front, node| response_body(front, node, &produces));
    let rate_limited = responses.iter().any(|r| r.status.text == "429");
    let raw_full_path = format!("{}{}", cx.base_path, cx.path);
    Endpoint {
        method: cx.method,
        path: cx.path.to_owned(),
        full_path: front.options.substitute(&raw_full_path),
        raw_full_path,
        operation_id: front.string(op, "operationId"),
        summary: front.string(op, "summary"),
        description: front.string(op, "description"),
        tags: front.strings(op, "tags"),
        deprecated: front.flag(op, "deprecated"),
        rate_limited,
        auth: front.auth(op.get("security").or(cx.global_security)),
        has_security_key: op.get("security").is_some(),
        parameters,
        body,
        responses,
        extensions: FrontEnd::extensions(op),
        versions: super::MatrixVersions::of(op),
        span,
    }
}

fn body_parameter(
    front: &mut FrontEnd,
    param: &Node,
    name: String,
    consumes: &[String],
    position: usize,
) -> Body {
    let schema = match param.get("schema") {
        Some(schema) => schema.clone(),
        None => {
            front.report(
                Rule::Structure,
                param.span,
                "a body parameter needs a `schema`",
            );
            empty_map(param.span)
        }
    };
    let examples = param
        .get("x-example")
        .map(|value| {
            vec![Example {
                media_type: None,
                name: None,
                summary: None,
                value: value.clone(),
                schema: None,
            }]
        })
        .unwrap_or_default();
    Body {
        name: Some(name),
        description: front.string(param, "description"),
        required: front.flag(param, "required"),
        media_types: consumes.to_vec(),
        schema: Schema::new(schema),
        examples,
        position,
        span: param.span,
    }
}

/// Swagger 2.0 gives a response body as `schema`, with `examples` by media type; the media
/// types are the operation's `produces`.
fn response_body(front: &mut FrontEnd, node: &Node, produces: &[String]) -> ResponseBody {
    let examples = front
        .map(node, "examples")
        .and_then(Node::as_map)
        .into_iter()
        .flat_map(Map::iter)
        .map(|(media, value)| Example {
            media_type: Some(media.to_owned()),
            name: None,
            summary: None,
            value: value.clone(),
            schema: None,
        })
        .collect();
    let schema = node.get("schema").cloned().map(Schema::new);
    let media_types = if schema.is_some() {
        produces.to_vec()
    } else {
        Vec::new()
    };
    ResponseBody {
        schema,
        media_types,
        examples,
    }
}

pub(super) fn empty_map(span: Span) -> Node {
    Node::map(Map::default(), span)
}
