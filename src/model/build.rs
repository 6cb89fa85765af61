//! Builds the [`Spec`] from a loaded [`SourceTree`]: finds the groups, resolves them and hands
//! each to the front end of its format.

use std::collections::BTreeMap;

use super::{Api, Group, Spec, SpecFormat, changelog, events, openapi3, shared, swagger2};
use crate::diagnostic::{Diagnostic, Rule};
use crate::resolve::Resolver;
use crate::source::{FileId, Node, SourceTree, Span};

/// What the model needs beyond the files.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// `%NAME%` placeholders in paths and their values (without the percent signs), such as
    /// `CLIENT_MAJOR_VERSION` = `r0`.
    pub substitutions: BTreeMap<String, String>,
    /// How the files are read: a single document's boundary, the limits.
    pub source: crate::source::TreeOptions,
}

impl Default for LoadOptions {
    fn default() -> LoadOptions {
        let substitutions = [("CLIENT_MAJOR_VERSION", "r0")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        LoadOptions {
            substitutions,
            source: Default::default(),
        }
    }
}

impl LoadOptions {
    /// Replaces every `%NAME%` with a known NAME in `text`.
    pub fn substitute(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (name, value) in &self.substitutions {
            out = out.replace(&format!("%{name}%"), value);
        }
        out
    }
}

/// Context the front ends share: where problems go and how paths are filled.
pub(super) struct FrontEnd<'a> {
    pub options: &'a LoadOptions,
    pub diagnostics: &'a mut Vec<Diagnostic>,
    /// An operation may leave out `responses` (OpenAPI 3.1 and later).
    pub responses_optional: bool,
}

impl FrontEnd<'_> {
    pub fn report(&mut self, rule: Rule, span: Span, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::new(rule, span, message));
    }
}

/// Resolves every group of `tree` and builds the model. Problems in the files go into the
/// returned diagnostics (parse problems included); building never stops at the first one.
pub fn build(tree: &mut SourceTree, options: &LoadOptions) -> (Spec, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let groups = group_files(tree);
    let event_files = events::event_files(tree);
    let prose = match tree.layout() {
        crate::source::Layout::MatrixDoc => super::Prose::Rst,
        _ => super::Prose::Markdown,
    };
    let mut resolver = Resolver::new(tree);
    let mut apis: Vec<Api> = Vec::new();
    for (api_name, file, group_name) in groups {
        let Some(document) = resolver.resolve_file(file) else {
            // A file that parsed to nothing is a group with no document, not no group.
            let source = resolver.tree().file(file);
            if source.node.is_none() && source.problems.is_empty() {
                diagnostics.push(Diagnostic::new(
                    Rule::SpecVersion,
                    Span::file_start(file),
                    "the file is empty: a file directly in api/<name>/ must be a Swagger 2.0 or OpenAPI 3.x document",
                ));
            }
            continue;
        };
        let mut front = FrontEnd {
            options,
            diagnostics: &mut diagnostics,
            responses_optional: false,
        };
        let Some(group) = group(&mut front, file, group_name, &document) else {
            continue;
        };
        match apis.last_mut() {
            Some(api) if api.name == api_name => api.groups.push(group),
            _ => apis.push(Api {
                name: api_name,
                prose,
                groups: vec![group],
                definitions: Vec::new(),
                matrix: resolver.tree().layout() != crate::source::Layout::Document,
                ref_targets: Default::default(),
            }),
        }
    }
    for api in &mut apis {
        api.definitions = shared::definitions(&mut resolver, &api.name);
    }
    let events = events::build(&mut resolver, &event_files, &mut diagnostics);
    let core_events = shared::core_events(&mut resolver);
    let data_schemas = shared::data_schemas(&mut resolver);
    let ref_targets = std::sync::Arc::new(resolver.ref_targets());
    for api in &mut apis {
        api.ref_targets = ref_targets.clone();
    }
    let (resolved, inline_refusal) = resolver.into_diagnostics();
    diagnostics.extend(resolved);
    let changelogs = changelog::read_all(tree, &mut diagnostics);
    let rules = super::rules::RuleLevels::read(tree, &mut diagnostics);
    diagnostics.extend(parse_problems(tree));
    let spec = Spec {
        apis,
        events,
        core_events,
        data_schemas,
        changelogs,
        inline_refusal,
        rules,
    };
    (spec, diagnostics)
}

/// `(api, file, group name)` for every file directly inside a folder of `api/`, sorted.
fn group_files(tree: &SourceTree) -> Vec<(String, FileId, String)> {
    let Some(data) = tree.data_prefix() else {
        // One document: an API of one group, both named after the file.
        return tree
            .files()
            .take(1)
            .map(|(id, file)| {
                let name = file.path.rsplit('/').next().unwrap_or(&file.path);
                let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
                (stem.to_owned(), id, stem.to_owned())
            })
            .collect();
    };
    let mut groups: Vec<_> = tree
        .files()
        .filter_map(|(id, file)| {
            let rest = file.path.strip_prefix(data)?.strip_prefix("api/")?;
            let (api, name) = rest.split_once('/')?;
            if name.contains('/') {
                return None;
            }
            let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            Some((api.to_owned(), id, stem.to_owned()))
        })
        .collect();
    groups.sort_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
    groups
}

fn group(front: &mut FrontEnd, file: FileId, name: String, document: &Node) -> Option<Group> {
    let format = if let Some(version) = document.get("swagger") {
        match version.as_str() {
            Some("2.0") => SpecFormat::Swagger2,
            _ => {
                front.report(Rule::SpecVersion, version.span, "`swagger` must be \"2.0\"");
                return None;
            }
        }
    } else if let Some(version) = document.get("openapi") {
        match version.as_str() {
            Some(v) if v.starts_with("3.0.") || v == "3.0" => SpecFormat::OpenApi30,
            // 3.2 reads as 3.1 does: the same schema dialect and objects, plus fields that
            // are kept as written.
            Some(v) if v.starts_with("3.1.") || v == "3.1" || v.starts_with("3.2.") => {
                SpecFormat::OpenApi31
            }
            _ => {
                front.report(
                    Rule::SpecVersion,
                    version.span,
                    "`openapi` must be a 3.0.x, 3.1.x or 3.2.x version string",
                );
                return None;
            }
        }
    } else {
        front.report(
            Rule::SpecVersion,
            document.span,
            "a file directly in api/<name>/ must be a Swagger 2.0 or OpenAPI 3.x document \
             (`swagger: \"2.0\"` or `openapi: 3.x.y`); shared pieces belong in a subfolder",
        );
        return None;
    };
    Some(match format {
        SpecFormat::Swagger2 => swagger2::group(front, file, name, document),
        SpecFormat::OpenApi30 | SpecFormat::OpenApi31 => {
            openapi3::group(front, file, name, document, format)
        }
    })
}

/// Turns the parse problems of every loaded file into diagnostics.
fn parse_problems(tree: &SourceTree) -> Vec<Diagnostic> {
    tree.files()
        .flat_map(|(_, file)| file.problems.iter().map(Diagnostic::of_parse_problem))
        .collect()
}

/// Field readers shared by the front ends: each reports a wrong type as a `structure` error.
impl FrontEnd<'_> {
    /// A string field; a non-string is reported and read as absent.
    pub fn string(&mut self, map: &Node, key: &str) -> Option<String> {
        let node = map.get(key)?;
        match node.as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                let found = node.type_name();
                self.report(
                    Rule::Structure,
                    node.span,
                    format!("`{key}` must be a string, not a {found}"),
                );
                None
            }
        }
    }

    /// A boolean field, false when absent.
    pub fn flag(&mut self, map: &Node, key: &str) -> bool {
        let Some(node) = map.get(key) else {
            return false;
        };
        match node.as_bool() {
            Some(b) => b,
            None => {
                let found = node.type_name();
                self.report(
                    Rule::Structure,
                    node.span,
                    format!("`{key}` must be true or false, not a {found}"),
                );
                false
            }
        }
    }

    /// A list of strings (`tags`, `consumes`), empty when absent.
    pub fn strings(&mut self, map: &Node, key: &str) -> Vec<String> {
        let Some(node) = map.get(key) else {
            return Vec::new();
        };
        let Some(items) = node.as_seq() else {
            self.report(
                Rule::Structure,
                node.span,
                format!("`{key}` must be a list of strings"),
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| match item.as_str() {
                Some(s) => Some(s.to_owned()),
                None => {
                    self.report(
                        Rule::Structure,
                        item.span,
                        format!("`{key}` must hold only strings"),
                    );
                    None
                }
            })
            .collect()
    }

    /// The map under `key`, reporting anything else; None when absent or not a map.
    pub fn map<'n>(&mut self, parent: &'n Node, key: &str) -> Option<&'n Node> {
        let node = parent.get(key)?;
        if node.as_map().is_some() {
            Some(node)
        } else {
            let found = node.type_name();
            self.report(
                Rule::Structure,
                node.span,
                format!("`{key}` must be a map, not a {found}"),
            );
            None
        }
    }

    /// Reads a `security` requirement list into [`Auth`](super::Auth).
    pub fn auth(&mut self, security: Option<&Node>) -> super::Auth {
        let Some(security) = security else {
            return super::Auth::None;
        };
        let Some(requirements) = security.as_seq() else {
            self.report(
                Rule::Structure,
                security.span,
                "`security` must be a list of requirement maps",
            );
            return super::Auth::None;
        };
        let mut schemes = Vec::new();
        let mut written = Vec::new();
        let mut optional = false;
        for requirement in requirements {
            match requirement.as_map() {
                Some(map) if map.is_empty() => optional = true,
                Some(map) => {
                    schemes.extend(map.iter().map(|(name, _)| name.to_owned()));
                    let scopes = |node: &Node| -> Vec<String> {
                        let listed = node.as_seq().unwrap_or_default();
                        listed
                            .iter()
                            .filter_map(|s| s.as_str().map(str::to_owned))
                            .collect()
                    };
                    written.push(
                        map.iter()
                            .map(|(name, listed)| (name.to_owned(), scopes(listed)))
                            .collect(),
                    );
                }
                None => self.report(
                    Rule::Structure,
                    requirement.span,
                    "a security requirement must be a map",
                ),
            }
        }
        match (schemes.is_empty(), optional) {
            (true, _) => super::Auth::None,
            (false, true) => super::Auth::Optional {
                schemes,
                requirements: written,
            },
            (false, false) => super::Auth::Required {
                schemes,
                requirements: written,
            },
        }
    }

    /// The `x-` fields of a map, in source order.
    pub fn extensions(map: &Node) -> Vec<(String, Node)> {
        map.as_map()
            .map(|m| {
                m.iter()
                    .filter(|(k, _)| k.starts_with("x-"))
                    .map(|(k, v)| (k.to_owned(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The parameters of an operation: the path item's `shared` list, minus those the
    /// operation's `own` list overrides (same name and location), then the operation's own.
    /// Reports a `(name, in)` pair given twice within one list.
    pub fn parameters<'n>(
        &mut self,
        shared: Option<&'n Node>,
        own: Option<&'n Node>,
    ) -> Vec<&'n Node> {
        let list = |node: Option<&'n Node>| -> Vec<&'n Node> {
            node.and_then(Node::as_seq)
                .map(|items| items.iter().collect())
                .unwrap_or_default()
        };
        let (shared, own) = (list(shared), list(own));
        self.report_duplicate_parameters(&shared);
        self.report_duplicate_parameters(&own);
        // Hashed, so a hostile list of thousands of parameters costs linear time.
        let own_identities: rustc_hash::FxHashSet<(&str, &str)> =
            own.iter().filter_map(|o| identity(o)).collect();
        let overridden = |p: &&Node| identity(p).is_some_and(|id| own_identities.contains(&id));
        let mut all: Vec<&Node> = shared.iter().copied().filter(|p| !overridden(p)).collect();
        all.extend(own);
        all
    }

    fn report_duplicate_parameters(&mut self, list: &[&Node]) {
        let mut first_of: rustc_hash::FxHashMap<(&str, &str), &Node> = Default::default();
        for param in list {
            let Some((name, location)) = identity(param) else {
                continue;
            };
            let first = *first_of.entry((name, location)).or_insert(param);
            if !std::ptr::eq(first, *param) {
                let diagnostic = Diagnostic::new(
                    Rule::DuplicateParameter,
                    param.span,
                    format!("parameter `{name}` in {location} is given twice"),
                )
                .with_note(Some(first.span), "first given here");
                self.diagnostics.push(diagnostic);
            }
        }
    }

    /// `info.title` and `info.version`, empty when absent.
    pub fn info(&mut self, doc: &Node) -> (String, String) {
        let info = self.map(doc, "info");
        let title = info
            .and_then(|i| self.string(i, "title"))
            .unwrap_or_default();
        let version = info
            .and_then(|i| self.string(i, "version"))
            .unwrap_or_default();
        (title, version)
    }

    /// Every operation of a document's `paths` (or, with `key` `webhooks`, of its webhooks),
    /// in source order. Extension keys (`x-`) are skipped; a path item or operation that is
    /// not a map is reported.
    pub fn operations<'n>(&mut self, doc: &'n Node, key: &str) -> Vec<Operation<'n>> {
        let mut out = Vec::new();
        let Some(paths) = self.map(doc, key) else {
            return out;
        };
        for (path, item) in paths
            .as_map()
            .into_iter()
            .flat_map(crate::source::Map::iter)
        {
            if path.starts_with("x-") {
                continue;
            }
            let Some(methods) = item.as_map() else {
                self.report(
                    Rule::Structure,
                    item.span,
                    format!("path `{path}` must map methods to operations"),
                );
                continue;
            };
            for entry in &methods.entries {
                let Some(method) = super::Method::from_key(&entry.key.text) else {
                    continue;
                };
                if entry.value.as_map().is_none() {
                    self.report(
                        Rule::Structure,
                        entry.value.span,
                        "an operation must be a map",
                    );
                    continue;
                }
                out.push(Operation {
                    path,
                    method,
                    span: entry.key.span,
                    node: &entry.value,
                    shared_parameters: item.get("parameters"),
                });
            }
        }
        out
    }

    /// The responses of an operation. Status, description and headers read alike in every
    /// format; `body` reads what differs (Swagger's `schema`/`examples`, OpenAPI's `content`).
    pub fn responses(
        &mut self,
        op: &Node,
        mut body: impl FnMut(&mut Self, &Node) -> ResponseBody,
    ) -> Vec<super::Response> {
        use super::{Header, Response, Schema, Status};
        let Some(responses) = self.map(op, "responses") else {
            if !self.responses_optional {
                self.report(Rule::Structure, op.span, "an operation needs `responses`");
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for entry in responses
            .as_map()
            .map(|m| m.entries.as_slice())
            .unwrap_or_default()
        {
            if entry.key.text.starts_with("x-") {
                continue;
            }
            let node = &entry.value;
            let description = self.string(node, "description").unwrap_or_else(|| {
                self.report(
                    Rule::Structure,
                    node.span,
                    format!("response {} needs a `description`", entry.key.text),
                );
                String::new()
            });
            let headers = self
                .map(node, "headers")
                .and_then(Node::as_map)
                .into_iter()
                .flat_map(crate::source::Map::iter)
                .map(|(name, header)| Header {
                    name: name.to_owned(),
                    description: header.get_str("description").map(str::to_owned),
                    // OpenAPI 3 nests the header's schema; Swagger 2.0 writes it inline.
                    schema: Schema::new(
                        header
                            .get("schema")
                            .cloned()
                            .unwrap_or_else(|| without(header, &["description"])),
                    ),
                    span: header.span,
                    identity: header.shared_identity(),
                })
                .collect();
            let ResponseBody {
                schema,
                media_types,
                examples,
            } = body(self, node);
            out.push(Response {
                status: Status {
                    text: entry.key.text.clone(),
                    integer: entry.key.kind == crate::source::KeyKind::Int,
                },
                description,
                headers,
                schema,
                media_types,
                examples,
                span: node.span,
                identity: node.shared_identity(),
            });
        }
        out
    }

    /// Reads the security schemes of a `securityDefinitions` (Swagger 2.0) or
    /// `components.securitySchemes` (OpenAPI 3) map.
    pub fn security_schemes(&mut self, schemes: Option<&Node>) -> Vec<super::SecurityScheme> {
        use super::{ParamLocation, SecurityKind, SecurityScheme};
        let mut out = Vec::new();
        for (name, scheme) in schemes
            .and_then(Node::as_map)
            .into_iter()
            .flat_map(crate::source::Map::iter)
        {
            let kind = match scheme.get_str("type") {
                Some("apiKey") => {
                    let location = scheme.get_str("in").and_then(ParamLocation::from_key);
                    match (scheme.get_str("name"), location) {
                        (Some(key), Some(location)) => SecurityKind::ApiKey {
                            name: key.to_owned(),
                            location,
                        },
                        _ => {
                            self.report(
                                Rule::Structure,
                                scheme.span,
                                "an apiKey scheme needs `name` and `in`",
                            );
                            continue;
                        }
                    }
                }
                // Swagger 2.0 names HTTP basic authentication `basic`; OpenAPI 3 says `http`.
                Some("basic") => SecurityKind::Http {
                    scheme: "basic".to_owned(),
                },
                Some("http") => SecurityKind::Http {
                    scheme: scheme.get_str("scheme").unwrap_or("bearer").to_owned(),
                },
                Some("oauth2") => SecurityKind::OAuth2 {
                    flows: oauth_flows(scheme),
                },
                Some("openIdConnect") => SecurityKind::OpenIdConnect {
                    url: scheme
                        .get_str("openIdConnectUrl")
                        .unwrap_or_default()
                        .to_owned(),
                },
                Some(other) => SecurityKind::Other {
                    kind: other.to_owned(),
                },
                None => {
                    self.report(
                        Rule::Structure,
                        scheme.span,
                        format!("security scheme `{name}` needs a `type`"),
                    );
                    continue;
                }
            };
            let description = scheme.get_str("description").map(str::to_owned);
            out.push(SecurityScheme {
                name: name.to_owned(),
                kind,
                description,
                span: scheme.span,
            });
        }
        out
    }
}

/// The body part of a response, read by the front end of its format.
pub(super) struct ResponseBody {
    /// The schema, if the response has a body.
    pub schema: Option<super::Schema>,
    /// The media types of the body.
    pub media_types: Vec<String>,
    /// The examples.
    pub examples: Vec<super::Example>,
}

/// A copy of a map node without `keys`.
pub(super) fn without(node: &Node, keys: &[&str]) -> Node {
    let entries = node
        .as_map()
        .map(|m| {
            m.entries
                .iter()
                .filter(|e| !keys.contains(&e.key.text.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    Node::map(crate::source::Map { entries }, node.span)
}

/// One operation found under `paths`.
pub(super) struct Operation<'n> {
    /// The path as written.
    pub path: &'n str,
    /// The method.
    pub method: super::Method,
    /// The method key's position.
    pub span: Span,
    /// The operation object.
    pub node: &'n Node,
    /// The path item's `parameters`, which apply to every operation of the path.
    pub shared_parameters: Option<&'n Node>,
}

/// A parameter's `(name, in)`, which identifies it within an operation.
fn identity(param: &Node) -> Option<(&str, &str)> {
    Some((param.get_str("name")?, param.get_str("in")?))
}

/// The flows of an OAuth 2.0 scheme: OpenAPI 3's `flows` object, or Swagger 2.0's one `flow`
/// with its URLs and scopes beside it.
fn oauth_flows(scheme: &Node) -> Vec<super::OAuthFlow> {
    use super::{OAuthFlow, OAuthFlowKind};
    let read = |kind: OAuthFlowKind, flow: &Node| {
        let text = |key: &str| flow.get_str(key).map(str::to_owned);
        OAuthFlow {
            kind,
            authorization_url: text("authorizationUrl"),
            token_url: text("tokenUrl"),
            refresh_url: text("refreshUrl"),
            scopes: flow
                .get("scopes")
                .and_then(Node::as_map)
                .into_iter()
                .flat_map(crate::source::Map::iter)
                .map(|(name, description)| {
                    (
                        name.to_owned(),
                        description.as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect(),
        }
    };
    if let Some(flows) = scheme.get("flows") {
        return OAuthFlowKind::ALL
            .into_iter()
            .filter_map(|kind| Some(read(kind, flows.get(kind.openapi3_key())?)))
            .collect();
    }
    let kind = match scheme.get_str("flow") {
        Some("implicit") => OAuthFlowKind::Implicit,
        Some("password") => OAuthFlowKind::Password,
        Some("application") => OAuthFlowKind::ClientCredentials,
        Some("accessCode") => OAuthFlowKind::AuthorizationCode,
        _ => return Vec::new(),
    };
    vec![read(kind, scheme)]
}
