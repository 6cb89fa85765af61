//! What a down-converting dump cannot carry: the keywords and pieces of the model that the
//! OpenAPI 3.0 or Swagger 2.0 document leaves out or keeps only in a form its tools reject.
//! Each is a `dump-lossy` warning at the place it is written, so a user of the dump knows
//! what it does not say.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Rule};
use rustc_hash::FxHashSet as HashSet;

use crate::model::{Api, Example, ParamLocation, Schema};
use crate::schema::Dialect;
use crate::source::{Node, Span};

/// The format a dump is down-converted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// OpenAPI 3.0 (`--format openapi3`).
    OpenApi30,
    /// Swagger 2.0 (`--format swagger2`).
    Swagger2,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::OpenApi30 => "OpenAPI 3.0",
            Target::Swagger2 => "Swagger 2.0",
        }
    }
}

/// JSON Schema keywords (2019-09 and 2020-12, as OpenAPI 3.1 has them) with no OpenAPI 3.0
/// or Swagger 2.0 form: the dumps leave them out.
const NEWER_KEYWORDS: [&str; 21] = [
    "patternProperties",
    "prefixItems",
    "$defs",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
    "$anchor",
    "$id",
    "$dynamicRef",
    "$dynamicAnchor",
];

/// OpenAPI 3.0 schema keywords Swagger 2.0 lacks: the Swagger dump keeps them as `x-`
/// extensions, which Swagger 2.0 tools skip.
const OPENAPI3_KEYWORDS: [&str; 6] = [
    "oneOf",
    "anyOf",
    "not",
    "nullable",
    "writeOnly",
    "deprecated",
];

/// Every loss of dumping `api` as `target`, one warning per place and keyword.
pub fn losses(api: &Api, target: Target) -> Vec<Diagnostic> {
    let mut found = Losses {
        target,
        dialect: Dialect::Draft4,
        seen: BTreeSet::new(),
        walked: HashSet::default(),
        diagnostics: Vec::new(),
    };
    for (key, span) in super::dropped_extensions(api) {
        found.report(
            span,
            format!(
                "`{key}` holds what refs name, which the dump would write out in full: it leaves the extension out (`--format bundle` or `openapi31` keep it)"
            ),
        );
    }
    for group in &api.groups {
        found.dialect = Dialect::of(group.format);
        if let Some(webhooks) = group
            .document
            .get("webhooks")
            .filter(|_| !group.webhooks.is_empty())
        {
            found.report(
                webhooks.span,
                format!(
                    "{} has no webhooks: the dump leaves out {} webhook operations (`--format bundle` or `openapi31` keep them)",
                    target.name(),
                    group.webhooks.len()
                ),
            );
        }
        for scheme in &group.security_schemes {
            found.security_scheme(scheme);
        }
        for endpoint in &group.endpoints {
            found.callbacks_and_links(group, endpoint);
            if endpoint.responses.is_empty() {
                found.report(
                    endpoint.span,
                    format!(
                        "{} needs a response where OpenAPI 3.1 may list none: the dump writes a `default` response that says so",
                        target.name()
                    ),
                );
            }
            for parameter in &endpoint.parameters {
                if target == Target::Swagger2 && parameter.location == ParamLocation::Cookie {
                    found.report(
                        parameter.span,
                        format!(
                            "cookie parameter `{}`: Swagger 2.0 has no cookie parameters; the dump lists it under the operation's `x-cookie-parameters`, which Swagger 2.0 tools skip",
                            parameter.name
                        ),
                    );
                }
                if target == Target::Swagger2 && !simple(&parameter.schema.node) {
                    found.report(
                        parameter.schema.node.span,
                        format!(
                            "parameter `{}`: a Swagger 2.0 parameter is one primitive type or an array of them; the dump keeps the schema's string alternative, else its first simple one, else describes the value as a string",
                            parameter.name
                        ),
                    );
                }
                found.schema(&parameter.schema);
            }
            if let Some(body) = &endpoint.body {
                found.schema(&body.schema);
                found.examples(&body.examples, body.span);
            }
            for response in &endpoint.responses {
                if target == Target::Swagger2 && super::status_range(&response.status.text) {
                    found.report(
                        response.span,
                        format!(
                            "Swagger 2.0 has no status ranges: the dump keeps response `{}` as the extension `x-{}`, which its tools skip",
                            response.status.text, response.status.text
                        ),
                    );
                }
                if let Some(schema) = &response.schema {
                    found.schema(schema);
                }
                found.examples(&response.examples, response.span);
                for header in &response.headers {
                    found.schema(&header.schema);
                }
            }
        }
    }
    found.diagnostics
}

struct Losses {
    target: Target,
    /// The dialect of the group being read.
    dialect: Dialect,
    /// Schemas already walked: a shared one is read once, however often it is used.
    walked: HashSet<usize>,
    /// (line, column, file, what) already reported: a shared schema is inlined many times.
    seen: BTreeSet<(u32, u32, u32, String)>,
    diagnostics: Vec<Diagnostic>,
}

impl Losses {
    fn report(&mut self, span: Span, message: String) {
        if self
            .seen
            .insert((span.line, span.column, span.file.0, message.clone()))
        {
            self.diagnostics
                .push(Diagnostic::new(Rule::DumpLossy, span, message));
        }
    }

    /// An operation's callbacks and its responses' links, which the model does not read, so
    /// neither dump built from it writes them.
    fn callbacks_and_links(
        &mut self,
        group: &crate::model::Group,
        endpoint: &crate::model::Endpoint,
    ) {
        let operation = group
            .document
            .get("paths")
            .and_then(|paths| paths.get(&endpoint.path))
            .and_then(|item| item.get(endpoint.method.key()));
        let Some(operation) = operation.and_then(Node::as_map) else {
            return;
        };
        let keep = "`--format bundle` or `openapi31` keep them";
        if let Some(entry) = operation.entry("callbacks") {
            self.report(
                entry.key.span,
                format!("the dump leaves out the operation's callbacks ({keep})"),
            );
        }
        let responses = operation.get("responses").and_then(Node::as_map);
        for (_, response) in responses.into_iter().flat_map(|r| r.iter()) {
            if let Some(entry) = response.as_map().and_then(|r| r.entry("links")) {
                self.report(
                    entry.key.span,
                    format!("the dump leaves out the response's links ({keep})"),
                );
            }
        }
    }

    /// OAuth 2.0 and OpenID Connect in Swagger 2.0: one flow per scheme, no `refreshUrl`, no
    /// OpenID Connect.
    fn security_scheme(&mut self, scheme: &crate::model::SecurityScheme) {
        use crate::model::SecurityKind;
        if self.target != Target::Swagger2 {
            return;
        }
        // Diagnostics are made printable where they are written.
        let name = &scheme.name;
        match &scheme.kind {
            SecurityKind::OAuth2 { flows } => {
                if let [first, rest @ ..] = flows.as_slice()
                    && !rest.is_empty()
                {
                    let left: Vec<&str> = rest.iter().map(|f| f.kind.openapi3_key()).collect();
                    self.report(
                        scheme.span,
                        format!(
                            "security scheme `{name}`: a Swagger 2.0 scheme has one OAuth 2.0 flow; the dump keeps `{}` and leaves out `{}`",
                            first.kind.openapi3_key(),
                            left.join("`, `")
                        ),
                    );
                }
                if flows.iter().any(|f| f.refresh_url.is_some()) {
                    self.report(
                        scheme.span,
                        format!(
                            "security scheme `{name}`: Swagger 2.0 has no `refreshUrl`; the dump leaves it out"
                        ),
                    );
                }
            }
            SecurityKind::OpenIdConnect { .. } => self.report(
                scheme.span,
                format!(
                    "security scheme `{name}`: Swagger 2.0 has no OpenID Connect; the dump describes it as a token in the `Authorization` header, its URL as `x-openIdConnectUrl`"
                ),
            ),
            _ => {}
        }
    }

    /// Named examples: Swagger 2.0 has one example per media type.
    fn examples(&mut self, examples: &[Example], span: Span) {
        if self.target != Target::Swagger2 {
            return;
        }
        let named: Vec<&str> = examples.iter().filter_map(|e| e.name.as_deref()).collect();
        if named.len() > 1 {
            self.report(
                span,
                format!(
                    "named examples {}: Swagger 2.0 keeps one example per media type; the dump has the first",
                    named
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }

    /// A schema and its subschemas, each shared subschema once.
    fn schema(&mut self, schema: &Schema) {
        let mut visited = Vec::new();
        crate::schema::walk_once(
            &schema.node,
            self.dialect,
            &mut self.walked,
            &mut |node, _| visited.push(node),
        );
        for node in visited {
            self.node(node);
        }
    }

    /// The losses of one schema's own keywords.
    fn node(&mut self, node: &Node) {
        let Some(map) = node.as_map() else { return };
        let target = self.target.name();
        // Entries, not keys looked up again: a lookup scans the map.
        for entry in &map.entries {
            let (key, span) = (entry.key.text.as_str(), entry.key.span);
            if key == "const" || key == "examples" {
                // Written in their draft 4 forms (see `downgrade.rs`); only more than one
                // example says more than that form.
                if key == "examples" && entry.value.as_seq().is_some_and(|l| l.len() > 1) {
                    self.report(
                        span,
                        format!(
                            "`examples` has no {target} form: the dump keeps the first as `example`"
                        ),
                    );
                }
            } else if NEWER_KEYWORDS.contains(&key) {
                self.report(
                    span,
                    format!("`{key}` has no {target} form: the dump leaves it out"),
                );
            } else if self.target == Target::Swagger2 && OPENAPI3_KEYWORDS.contains(&key) {
                self.report(
                    span,
                    format!("`{key}` is not Swagger 2.0: the dump keeps it as `x-{key}`, which Swagger 2.0 tools skip"),
                );
            }
        }
        if let Some(types) = map.get("type").and_then(Node::as_seq) {
            // OpenAPI 3.0 has `nullable` and `anyOf` for them; Swagger 2.0 has neither.
            if self.target == Target::Swagger2 && !types.is_empty() {
                let span = map.get("type").map_or(node.span, |t| t.span);
                self.report(
                    span,
                    "a type list is not Swagger 2.0: the dump keeps its one type besides `null` (and `x-nullable` for `null`), or no type when it lists several".to_owned(),
                );
            }
        }
        if let Some(items) = map.get("items").filter(|items| items.as_seq().is_some()) {
            self.report(
                items.span,
                format!("tuple `items` (a list of schemas) has no {target} form: the dump keeps one items schema for all of them"),
            );
        }
    }
}

/// Whether a parameter's schema is what a Swagger 2.0 parameter describes: one primitive type
/// or an array of them.
fn simple(schema: &Node) -> bool {
    matches!(
        schema.get_str("type"),
        Some("string" | "number" | "integer" | "boolean" | "array")
    )
}
