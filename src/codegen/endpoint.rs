//! One endpoint module: `METADATA`, a typed `Request` and `Response`, their types, and the
//! conversions to and from `http` messages for both sides.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::docs::{doc_attr, markdown};
use super::names::{Namer, camel, ident, snake};
use super::types::{Names, RustType, SharedTypes, TypeSpace, schema_json};
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Auth, Endpoint, ParamLocation};

/// A request field from a path, query or header parameter.
pub(super) struct ParamField {
    /// The name on the wire.
    name: String,
    pub(super) field: proc_macro2::Ident,
    location: ParamLocation,
    pub(super) required: bool,
    rust: RustType,
    /// A structured parameter, whose field holds its encoded text.
    pub(super) encoded: bool,
    /// A query parameter that is a map of scalars, sent exploded (OpenAPI's default `form`
    /// style): each entry is a query pair of its own, and on the server side the map takes
    /// every pair no other parameter names.
    pub(super) exploded_map: bool,
    /// The parameter's description and versions, for its rustdoc.
    doc: String,
}

/// How the `Request` holds the endpoint's body, decided once per endpoint.
pub(super) enum RequestBody {
    /// The endpoint takes none.
    None,
    /// A `body` field: bytes (`raw`) or a JSON value that is not a struct of named fields.
    Field {
        tokens: TokenStream,
        required: bool,
        raw: bool,
        description: Option<String>,
    },
    /// A JSON struct of named fields, laid out flat in the `Request` (as ruma does): the
    /// struct is the wire form, built from the fields when sending and taken apart when read.
    Flat {
        /// The body's struct.
        name: TokenStream,
        fields: Vec<FlatField>,
        /// The request's field for what the schema does not name, and its value type.
        extra: Option<(proc_macro2::Ident, TokenStream)>,
        /// Whether the body must be sent; an optional one reads as `{}` when absent.
        required: bool,
    },
}

/// A field of a flat body.
pub(super) struct FlatField {
    /// Its name in the body's struct.
    there: proc_macro2::Ident,
    /// Its name in the `Request`.
    pub(super) here: proc_macro2::Ident,
    /// Its key in the body's JSON.
    pub(super) key: String,
    /// Its declared type.
    tokens: TokenStream,
    pub(super) required: bool,
    doc: TokenStream,
}

/// A body's Rust type; `raw` bodies are bytes, not JSON.
struct BodyType {
    tokens: TokenStream,
    raw: bool,
}

/// One response status of the `Response` enum.
struct ResponseCase {
    status: Statuses,
    variant: proc_macro2::Ident,
    body: Option<BodyType>,
    description: String,
}

/// The statuses a response of the spec stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Statuses {
    /// One status (`200`): a variant `Status200`.
    One(u16),
    /// A range (`4XX`: 400 to 499), by its first digit: a variant `Status4XX` that carries
    /// the status.
    Range(u16),
    /// Every status the others do not name (`default`): a variant `Default` that carries it.
    Default,
}

impl Statuses {
    /// What a response key of the spec stands for; None for a key that is none of these.
    fn read(key: &str) -> Option<Statuses> {
        if let Ok(status) = key.parse::<u16>() {
            return (100..=599)
                .contains(&status)
                .then_some(Statuses::One(status));
        }
        if key == "default" {
            return Some(Statuses::Default);
        }
        match key.as_bytes() {
            [digit @ b'1'..=b'5', b'X' | b'x', b'X' | b'x'] => {
                Some(Statuses::Range(u16::from(digit - b'0')))
            }
            _ => None,
        }
    }

    /// Whether it stands for successes only (`200`, `2XX`).
    fn success(self) -> bool {
        matches!(self, Statuses::One(200..=299) | Statuses::Range(2))
    }

    /// The name of its `Response` variant, and the hint an untitled body type is named by.
    fn names(self) -> (String, String) {
        match self {
            Statuses::One(status) => (format!("Status{status}"), format!("Response{status}")),
            Statuses::Range(digit) => (format!("Status{digit}XX"), format!("Response{digit}XX")),
            Statuses::Default => ("Default".into(), "ResponseDefault".into()),
        }
    }
}

/// Whether the endpoint's module has a `Success` (the body of its one success response, which
/// the client's method returns): the spec lists exactly one success status or range.
pub fn has_success(endpoint: &Endpoint) -> bool {
    let successes = endpoint
        .responses
        .iter()
        .filter_map(|r| Statuses::read(&r.status.text))
        .filter(|status| status.success());
    successes.count() == 1
}

/// A spec example and the generated type it must fit.
pub struct ExampleCheck {
    /// The type, as named inside the endpoint module.
    pub type_tokens: TokenStream,
    /// The example as JSON.
    pub json: String,
    /// What the example is of (`request body`, `response 200`).
    pub what: String,
}

/// An endpoint module: its tokens and the examples its types must fit.
pub struct Module {
    /// The module's items.
    pub tokens: TokenStream,
    /// The request and response examples with their types.
    pub examples: Vec<ExampleCheck>,
    /// What of the endpoint the module cannot express (`gen-lossy` warnings), said where the
    /// decision is taken so the report and the code cannot drift apart.
    pub lost: Vec<Diagnostic>,
    /// How `call_every_operation` makes the request (or why it cannot), when it was asked
    /// for.
    pub call: Option<Result<TokenStream, String>>,
}

/// Where the examples of one module go: the checks of those that `check` finds right, and a
/// `gen-lossy` warning for each one left out.
struct Examples<'u> {
    unfit: &'u super::Unfit,
    checks: Vec<ExampleCheck>,
    left_out: Vec<Diagnostic>,
}

/// The checks of a body's examples: every JSON example listed for it (named ones by name),
/// else its schema's `example`.
fn example_checks(
    examples: &mut Examples,
    listed: &[crate::model::Example],
    schema: &crate::source::Node,
    type_tokens: &TokenStream,
    what: &str,
) {
    let mut check = |value: &crate::source::Node, what: String| {
        if examples.unfit.contains(&value.span) {
            examples.left_out.push(Diagnostic::new(
                Rule::GenLossy,
                value.span,
                format!(
                    "{what}: this example is not a test of the crate, since `check` finds it wrong"
                ),
            ));
            return None;
        }
        let json = serde_json::to_string(&value.to_json()).ok()?;
        Some(ExampleCheck {
            type_tokens: type_tokens.clone(),
            json,
            what,
        })
    };
    let json: Vec<_> = listed.iter().filter(|e| e.is_json()).collect();
    let made: Vec<ExampleCheck> = if json.is_empty() {
        schema
            .get("example")
            .and_then(|value| check(value, what.to_owned()))
            .into_iter()
            .collect()
    } else {
        json.into_iter()
            .filter_map(|example| {
                let what = match &example.name {
                    Some(name) => format!("{what}, example `{name}`"),
                    None => what.to_owned(),
                };
                check(&example.value, what)
            })
            .collect()
    };
    examples.checks.extend(made);
}

/// The module name of an endpoint: its operationId, or method and path.
pub fn module_name(endpoint: &Endpoint) -> String {
    match &endpoint.operation_id {
        Some(id) => snake(id),
        None => snake(&format!(
            "{} {}",
            endpoint.method.key(),
            endpoint.path.replace(['{', '}'], " ")
        )),
    }
}

/// The body is JSON unless its media types say otherwise.
fn raw_body(body: &crate::model::Body) -> bool {
    !body.media_types.is_empty() && !body.media_types.iter().any(|m| m.contains("json"))
}

/// A response schema of `type: file` is bytes.
fn file_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("file")
}

/// The schemas [`module`] gives Rust types, with the name hints it gives them: what
/// [`SharedTypes`] counts across modules.
pub fn typed_schemas(endpoint: &Endpoint, names: &Names) -> Vec<(Value, String)> {
    let params = endpoint
        .parameters
        .iter()
        .filter(|p| p.location != ParamLocation::Cookie)
        .map(|p| {
            (
                schema_json(&p.schema.node, names),
                format!("{}Param", camel(&p.name)),
            )
        })
        .filter(|(schema, _)| !map_of_scalars(schema) && !structured(schema));
    let body = endpoint
        .body
        .iter()
        .filter(|b| !raw_body(b))
        .map(|b| (schema_json(&b.schema.node, names), "RequestBody".to_owned()));
    let responses = endpoint.responses.iter().filter_map(|r| {
        let (_, hint) = Statuses::read(&r.status.text)?.names();
        let value = schema_json(&r.schema.as_ref()?.node, names);
        (!file_schema(&value)).then_some((value, hint))
    });
    params.chain(body).chain(responses).collect()
}

/// How an endpoint's callers authenticate, beyond what its `auth` says.
#[derive(Clone, Debug)]
pub struct Access {
    /// Requests carry a signature the caller computes.
    pub signed: bool,
    /// Where the credential goes.
    pub credential: crate::model::Credential,
    /// The dialect of the endpoint's schemas (its group's format).
    pub dialect: crate::schema::Dialect,
}

/// The tokens of the module's body; types in `shared` are re-exported, not defined. `index`
/// is the module's place in the list `shared` was made from.
pub fn module(
    endpoint: &Endpoint,
    index: usize,
    shared: &SharedTypes,
    access: &Access,
    unfit: &super::Unfit,
    sampling: Option<crate::schema::Dialect>,
) -> Module {
    let signed = access.signed;
    let credential = match &access.credential {
        crate::model::Credential::Bearer => quote!(crate::support::Credential::Bearer),
        crate::model::Credential::Basic => quote!(crate::support::Credential::Basic),
        crate::model::Credential::Header(name) => quote!(crate::support::Credential::Header(#name)),
        crate::model::Credential::Query(name) => quote!(crate::support::Credential::Query(#name)),
    };
    let mut space = TypeSpace::for_module(shared);
    let prose = shared.prose();
    let mut examples = Examples {
        unfit,
        checks: Vec::new(),
        left_out: Vec::new(),
    };
    let method = endpoint.method.upper();
    // A path written with whitespace around it (a second form of an endpoint) is sent trimmed.
    let path = endpoint.full_path.trim();
    let rate_limited = endpoint.rate_limited;
    let deprecated = endpoint.deprecated;
    let authentication = match endpoint.auth {
        _ if signed => quote!(AuthScheme::SignedRequest),
        Auth::None => quote!(AuthScheme::None),
        Auth::Required { .. } => quote!(AuthScheme::AccessToken),
        Auth::Optional { .. } => quote!(AuthScheme::AccessTokenOptional),
    };
    let mut lost = Vec::new();
    let mut lose =
        |span, message: String| lost.push(Diagnostic::new(Rule::GenLossy, span, message));
    for p in &endpoint.parameters {
        if p.location == ParamLocation::Cookie {
            lose(
                p.span,
                format!(
                    "cookie parameter `{}` is not a field of the request: the generated client sends no cookies and the server side reads none",
                    p.name
                ),
            );
        }
    }
    let mut field_names = Namer::with_reserved(&["body"]);
    let params: Vec<ParamField> = endpoint
        .parameters
        .iter()
        .filter(|p| p.location != ParamLocation::Cookie)
        .map(|p| {
            let hint = format!("{}Param", camel(&p.name));
            let schema = schema_json(&p.schema.node, shared.names());
            let exploded_map = p.location == ParamLocation::Query && map_of_scalars(&schema);
            // Only a parameter that can travel as text gets a type of its own (see
            // `typed_schemas`), so no unused type is made.
            let mut rust = if exploded_map {
                RustType::plain(quote!(std::collections::BTreeMap<String, String>), false)
            } else if structured(&schema) || map_of_scalars(&schema) {
                RustType::plain(quote!(()), false)
            } else {
                space.type_of(&schema, &hint)
            };
            let encoded = !(exploded_map || rust.scalar || rust.scalar_list);
            if encoded {
                // A parameter travels as text; a structured one is kept as its text.
                lose(p.span, format!(
                    "{} parameter `{}` is structured (an object or a list of objects): its field is a `String` holding the encoded text, which the caller writes",
                    p.location.key(),
                    p.name
                ));
                rust = RustType::plain(quote!(String), true);
            }
            ParamField {
                name: p.name.clone(),
                field: ident(&field_names.fresh(&snake(&p.name))),
                location: p.location,
                required: p.required || p.location == ParamLocation::Path,
                encoded,
                exploded_map,
                doc: with_versions(
                    &format!(
                        "{}\n\n`{}`, a {} parameter.",
                        markdown(p.description.as_deref().unwrap_or_default(), prose).trim(),
                        p.name,
                        p.location.key()
                    ),
                    &p.versions,
                ),
                rust,
            }
        })
        .collect();
    let body = match &endpoint.body {
        None => RequestBody::None,
        Some(body) if raw_body(body) => RequestBody::Field {
            tokens: quote!(Vec<u8>),
            required: body.required,
            raw: true,
            description: body
                .description
                .as_deref()
                .map(|t| markdown(t, prose).into_owned()),
        },
        Some(body) => {
            // An undescribed body still says what it is in rustdoc (a description is a use-site
            // key, so the type is shared as before).
            let mut schema = schema_json(&body.schema.node, shared.names());
            if let Value::Object(map) = &mut schema {
                map.entry("description").or_insert_with(|| {
                    Value::String(format!("The body of a `{method} {path}` request."))
                });
            }
            let tokens = space.type_of(&schema, "RequestBody").tokens;
            example_checks(
                &mut examples,
                &body.examples,
                &body.schema.node,
                &tokens,
                "request body",
            );
            // Fields flat in the request when the body is a struct of named fields (an
            // optional body only when none is required, so an absent body reads as `{}`).
            let shape = space
                .struct_shape(&schema, "RequestBody")
                .filter(|shape| body.required || shape.fields.iter().all(|f| !f.required));
            match shape {
                Some(shape) => RequestBody::Flat {
                    name: shape.name,
                    fields: shape
                        .fields
                        .into_iter()
                        .map(|f| {
                            // A body field named like a parameter (`version` in the path and
                            // in the body) says where it goes: `body_version`.
                            let base = snake(&f.key);
                            let base = if field_names.is_taken(&base) {
                                format!("body_{base}")
                            } else {
                                base
                            };
                            FlatField {
                                key: f.key.clone(),
                                there: f.ident,
                                here: ident(&field_names.fresh(&base)),
                                tokens: f.tokens,
                                required: f.required,
                                doc: f.doc,
                            }
                        })
                        .collect(),
                    extra: shape
                        .extra
                        .map(|value| (ident(&field_names.fresh("additional_properties")), value)),
                    required: body.required,
                },
                None => RequestBody::Field {
                    tokens,
                    required: body.required,
                    raw: false,
                    description: body
                        .description
                        .as_deref()
                        .map(|t| markdown(t, prose).into_owned()),
                },
            }
        }
    };
    let responses: Vec<ResponseCase> = endpoint
        .responses
        .iter()
        .filter_map(|r| {
            let Some(status) = Statuses::read(&r.status.text) else {
                lose(r.span, format!(
                    "response `{}` is not a status, a range such as `4XX` or `default`: it is not a variant of `Response`",
                    r.status.text
                ));
                return None;
            };
            let (variant, hint) = status.names();
            // Bytes: a Swagger `type: file`, or OpenAPI 3 content with no JSON media type
            // (a download), even when the schema says nothing.
            let bytes_only =
                !r.media_types.is_empty() && !r.media_types.iter().any(|m| m.contains("json"));
            let body = r.schema.as_ref().map(|schema| {
                let value = schema_json(&schema.node, shared.names());
                if file_schema(&value) || bytes_only {
                    BodyType {
                        tokens: quote!(crate::support::RawBody),
                        raw: true,
                    }
                } else {
                    let tokens = space.type_of(&value, &hint).tokens;
                    example_checks(
                        &mut examples,
                        &r.examples,
                        &schema.node,
                        &tokens,
                        &format!("response {}", r.status.text),
                    );
                    BodyType { tokens, raw: false }
                }
            });
            Some(ResponseCase {
                status,
                variant: ident(&variant),
                body,
                description: markdown(&r.description, prose).into_owned(),
            })
        })
        .collect();

    let request_fields = params.iter().map(|p| {
        let (field, tokens) = (&p.field, &p.rust.tokens);
        let doc = doc_attr(Some(&p.doc));
        // An empty map sends nothing, so an optional map needs no `Option`.
        if p.required || p.exploded_map {
            quote!(#doc pub #field: #tokens,)
        } else {
            quote!(#doc pub #field: Option<#tokens>,)
        }
    });
    let body_fields = match &body {
        RequestBody::None => quote!(),
        RequestBody::Field {
            tokens,
            required,
            description,
            ..
        } => {
            let doc = doc_attr(description.as_deref().or(Some("The request body.")));
            if *required {
                quote!(#doc pub body: #tokens,)
            } else {
                quote!(#doc pub body: Option<#tokens>,)
            }
        }
        RequestBody::Flat { fields, extra, .. } => {
            let named = fields.iter().map(
                |FlatField {
                     here, tokens, doc, ..
                 }| { quote!(#doc pub #here: #tokens,) },
            );
            let extra = extra.iter().map(|(field, value)| {
                quote! {
                    /// Fields of the body beyond the ones named above.
                    pub #field: std::collections::BTreeMap<String, #value>,
                }
            });
            quote!(#(#named)* #(#extra)*)
        }
    };
    let response_variants = responses.iter().map(|case| {
        let (doc, variant) = (doc_attr(Some(&case.description)), &case.variant);
        // A range or `default` carries the status it answered with.
        let carried = (!matches!(case.status, Statuses::One(_))).then(|| quote!(u16,));
        match &case.body {
            Some(body) => {
                let tokens = &body.tokens;
                quote!(#doc #variant(#carried #tokens),)
            }
            None if carried.is_some() => quote!(#doc #variant(u16),),
            None => quote!(#doc #variant,),
        }
    });

    // `Request::new` takes the required values in order (path, query, header, then the
    // body); the rest start as None. With nothing required the request is also `Default`.
    let body_ident = ident("body");
    let body_args: Vec<(&proc_macro2::Ident, &TokenStream)> = match &body {
        RequestBody::Field {
            tokens,
            required: true,
            ..
        } => vec![(&body_ident, tokens)],
        RequestBody::Flat { fields, .. } => fields
            .iter()
            .filter(|f| f.required)
            .map(|f| (&f.here, &f.tokens))
            .collect(),
        _ => Vec::new(),
    };
    let required_args: Vec<(&proc_macro2::Ident, &TokenStream)> = params
        .iter()
        .filter(|p| p.required)
        .map(|p| (&p.field, &p.rust.tokens))
        .chain(body_args)
        .collect();
    let new_args = required_args
        .iter()
        .map(|(field, tokens)| quote!(#field: #tokens));
    let body_values = match &body {
        RequestBody::None => Vec::new(),
        RequestBody::Field { required, .. } => vec![if *required {
            quote!(body)
        } else {
            quote!(body: None)
        }],
        RequestBody::Flat { fields, extra, .. } => fields
            .iter()
            .map(|f| {
                let here = &f.here;
                if f.required {
                    quote!(#here)
                } else {
                    quote!(#here: None)
                }
            })
            .chain(
                extra
                    .iter()
                    .map(|(here, _)| quote!(#here: Default::default())),
            )
            .collect(),
    };
    let new_fields = params
        .iter()
        .map(|p| {
            let field = &p.field;
            if p.required {
                quote!(#field)
            } else if p.exploded_map {
                quote!(#field: Default::default())
            } else {
                quote!(#field: None)
            }
        })
        .chain(body_values);
    // Clippy's `too_many_arguments` starts past seven.
    let many = (required_args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let constructor = quote! {
        /// A request with the required values; every optional one is None.
        #many
        pub fn new(#(#new_args),*) -> Self {
            Request { #(#new_fields),* }
        }
    };
    let default_impl = required_args.is_empty().then(|| {
        quote! {
            impl Default for Request {
                fn default() -> Self {
                    Request::new()
                }
            }
        }
    });
    let to_http = request_to_http(
        &params,
        &body,
        json_media_type(endpoint),
        raw_media_type(endpoint),
        accept_media_type(endpoint),
    );
    let from_http = request_from_http(endpoint, &params, &body);
    // Single statuses first, then ranges, then `default` (or an error) for the rest.
    let mut ordered: Vec<&ResponseCase> = responses.iter().collect();
    ordered.sort_by_key(|case| match case.status {
        Statuses::One(_) => 0,
        Statuses::Range(_) => 1,
        Statuses::Default => 2,
    });
    let has_default = ordered.iter().any(|case| case.status == Statuses::Default);
    let response_from = ordered.iter().map(|case| {
        let variant = &case.variant;
        let (pattern, carried) = match case.status {
            Statuses::One(status) => (quote!(#status), quote!()),
            Statuses::Range(digit) => {
                let (low, high) = (digit * 100, digit * 100 + 99);
                (quote!(status @ #low..=#high), quote!(status,))
            }
            Statuses::Default => (quote!(status), quote!(status,)),
        };
        match &case.body {
            Some(BodyType { raw: true, .. }) => {
                quote!(#pattern => Ok(Response::#variant(#carried crate::support::RawBody::of(response))),)
            }
            Some(_) => {
                quote!(#pattern => Ok(Response::#variant(#carried serde_json::from_slice(response.body())?)),)
            }
            None if case.status == Statuses::Default || matches!(case.status, Statuses::Range(_)) => {
                quote!(#pattern => Ok(Response::#variant(status)),)
            }
            None => quote!(#pattern => Ok(Response::#variant),),
        }
    });
    let unexpected =
        (!has_default).then(|| quote!(status => Err(Error::UnexpectedStatus(status)),));
    let response_to = responses.iter().map(|case| {
        let variant = &case.variant;
        let (bind, status) = match case.status {
            Statuses::One(status) => (quote!(), quote!(#status)),
            _ => (quote!(status,), quote!(*status)),
        };
        match &case.body {
            Some(BodyType { raw: true, .. }) => quote! {
                Response::#variant(#bind body) => (
                    #status,
                    body.bytes.clone(),
                    body.content_type.as_deref().unwrap_or("application/octet-stream"),
                ),
            },
            Some(_) => quote!(Response::#variant(#bind body) => (#status, serde_json::to_vec(body)?, "application/json"),),
            None if matches!(case.status, Statuses::One(_)) => {
                quote!(Response::#variant => (#status, b"{}".to_vec(), "application/json"),)
            }
            None => quote!(Response::#variant(status) => (*status, b"{}".to_vec(), "application/json"),),
        }
    });
    // The one success the spec lists, which a client call returns on its own.
    let success = match responses
        .iter()
        .filter(|c| c.status.success())
        .collect::<Vec<_>>()[..]
    {
        [case] => {
            let variant = &case.variant;
            let carried = matches!(case.status, Statuses::Range(_)).then(|| quote!(_,));
            let (tokens, pattern, value) = match &case.body {
                Some(body) => {
                    let tokens = &body.tokens;
                    (
                        quote!(#tokens),
                        quote!(Response::#variant(#carried body)),
                        quote!(body),
                    )
                }
                None if carried.is_some() => {
                    (quote!(()), quote!(Response::#variant(_)), quote!(()))
                }
                None => (quote!(()), quote!(Response::#variant), quote!(())),
            };
            let other = (responses.len() > 1).then(|| quote!(_ => None,));
            quote! {
                /// What a successful call answers: the body of the one success response the
                /// spec lists.
                pub type Success = #tokens;

                impl Response {
                    /// The success's body; None for a response of another status.
                    pub fn into_success(self) -> Option<Success> {
                        match self {
                            #pattern => Some(#value),
                            #other
                        }
                    }
                }
            }
        }
        _ => quote!(),
    };
    let has_responses = !responses.is_empty();
    let response_to_body = if has_responses {
        quote! {
            let (status, body, content_type) = match self {
                #(#response_to)*
            };
            crate::support::response(status, body, content_type)
        }
    } else {
        quote!(match *self {})
    };
    let (definitions, used_shared) = space.into_parts(index);
    let reexports = used_shared.iter().map(|(there, here)| {
        let (there, here) = (ident(there), ident(here));
        if there == here {
            quote!(pub use crate::types::#there;)
        } else {
            quote!(pub use crate::types::#there as #here;)
        }
    });
    let summary = endpoint
        .summary
        .as_deref()
        .or(endpoint.description.as_deref());
    let request_doc = doc_attr(Some(&with_versions(
        &markdown(summary.unwrap_or_default(), prose),
        &endpoint.versions,
    )));
    let deprecated_attr = deprecated.then(|| quote!(#[deprecated = "This API is deprecated and will be removed from a future release."]));

    let tokens = quote! {
        use crate::support::{AuthScheme, Error, Metadata};
        #(#reexports)*

        /// What the endpoint is.
        pub const METADATA: Metadata = Metadata {
            method: #method,
            path: #path,
            rate_limited: #rate_limited,
            credential: #credential,
            authentication: #authentication,
            deprecated: #deprecated,
        };

        #request_doc
        #deprecated_attr
        #[derive(Clone, Debug, PartialEq)]
        pub struct Request {
            #(#request_fields)*
            #body_fields
        }

        /// The responses the spec lists, by status.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Response {
            #(#response_variants)*
        }

        #(#definitions)*

        impl Request {
            #constructor
            #to_http
            #from_http
        }

        #default_impl

        #success

        impl Response {
            /// Reads a response (client side).
            pub fn try_from_http_response(response: &http::Response<Vec<u8>>) -> Result<Self, Error> {
                match response.status().as_u16() {
                    #(#response_from)*
                    #unexpected
                }
            }

            /// Writes the response (server side).
            pub fn try_into_http_response(&self) -> Result<http::Response<Vec<u8>>, Error> {
                #response_to_body
            }
        }
    };
    lost.extend(examples.left_out);
    let call =
        sampling.map(|dialect| super::exercise::request(endpoint, &params, &body, dialect, unfit));
    Module {
        tokens,
        examples: examples.checks,
        lost,
        call,
    }
}

/// The `Accept` header of a request: the media type whose schema the crate reads an answer
/// with (the model keeps the first media type's), of the first success response that lists
/// one, else of the first response that does; None for an endpoint whose responses list
/// none. Without it a server may pick another form (`application/json` where the crate
/// reads `application/vnd.github.object`) or refuse `*/*`.
fn accept_media_type(endpoint: &Endpoint) -> Option<&str> {
    let first = |success: bool| {
        endpoint
            .responses
            .iter()
            .filter(|r| r.status.text.starts_with('2') == success)
            .find_map(|r| r.media_types.first())
    };
    first(true)
        .or_else(|| first(false))
        .map(String::as_str)
        // Only what a header value can hold (a hostile spec can list anything).
        .filter(|m| m.bytes().all(|b| (0x20..0x7f).contains(&b)))
}

/// The media type a JSON request body is sent as: `application/json` when the spec lists it,
/// else the first JSON type it lists (`application/merge-patch+json`,
/// `application/vnd.github+json`), else `application/json`.
fn json_media_type(endpoint: &Endpoint) -> &str {
    let listed = endpoint
        .body
        .as_ref()
        .map(|b| b.media_types.as_slice())
        .unwrap_or_default();
    let json = |m: &&String| m.contains("json");
    if listed.iter().any(|m| m == "application/json") {
        return "application/json";
    }
    listed
        .iter()
        .find(json)
        .map_or("application/json", String::as_str)
}

/// The media type a body of bytes is sent as (unless a `Content-Type` parameter says
/// otherwise): the one type the spec lists (`application/x-www-form-urlencoded`,
/// `text/plain`, `image/png`), else `application/octet-stream` (several types, a wildcard, or
/// multipart, whose boundary only the caller knows).
fn raw_media_type(endpoint: &Endpoint) -> &str {
    match endpoint.body.as_ref().map(|b| b.media_types.as_slice()) {
        Some([only])
            if !only.contains('*')
                && !only.starts_with("multipart/")
                && only.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            only
        }
        _ => "application/octet-stream",
    }
}

fn request_to_http(
    params: &[ParamField],
    body: &RequestBody,
    json_type: &str,
    raw_type: &str,
    accept: Option<&str>,
) -> TokenStream {
    let accept = match accept {
        Some(accept) => quote!(Some(#accept)),
        None => quote!(None),
    };
    let path_steps = params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| {
            let (name, field) = (format!("{{{}}}", p.name), &p.field);
            quote!(crate::support::fill_path(&mut path, #name, &self.#field);)
        });
    let query_steps = params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .map(|p| {
            let (name, field) = (p.name.as_str(), &p.field);
            if p.exploded_map {
                return quote! {
                    for (name, value) in &self.#field {
                        query.push((name.as_str(), value.clone()));
                    }
                };
            }
            match (p.required, p.rust.scalar_list) {
                (true, false) => quote!(query.push((#name, self.#field.to_string()));),
                (false, false) => quote! {
                    if let Some(value) = &self.#field {
                        query.push((#name, value.to_string()));
                    }
                },
                (true, true) => quote! {
                    for value in &self.#field {
                        query.push((#name, value.to_string()));
                    }
                },
                (false, true) => quote! {
                    for value in self.#field.iter().flatten() {
                        query.push((#name, value.to_string()));
                    }
                },
            }
        });
    let header_steps = params
        .iter()
        .filter(|p| p.location == ParamLocation::Header)
        .map(|p| {
            let (name, field) = (p.name.as_str(), &p.field);
            // Set, not added: a `Content-Type` parameter replaces the default one.
            if p.required {
                quote!(crate::support::set_header(&mut builder, #name, &self.#field.to_string())?;)
            } else {
                quote! {
                    if let Some(value) = &self.#field {
                        crate::support::set_header(&mut builder, #name, &value.to_string())?;
                    }
                }
            }
        });
    let body_bytes = match body {
        RequestBody::Flat {
            name,
            fields,
            extra,
            ..
        } => {
            let named = fields
                .iter()
                .map(|FlatField { there, here, .. }| quote!(#there: request.#here,));
            let extra = extra
                .iter()
                .map(|(here, _)| quote!(additional_properties: request.#here,));
            // Fields move out of a clone: no `clone` per field, which clippy refuses on Copy
            // types.
            quote! {{
                let request = self.clone();
                serde_json::to_vec(&#name { #(#named)* #(#extra)* })?
            }}
        }
        RequestBody::None => quote!(Vec::new()),
        RequestBody::Field {
            required: true,
            raw: true,
            ..
        } => quote!(self.body.clone()),
        RequestBody::Field { raw: true, .. } => quote!(self.body.clone().unwrap_or_default()),
        RequestBody::Field { required: true, .. } => quote!(serde_json::to_vec(&self.body)?),
        RequestBody::Field { .. } => quote! {
            match &self.body {
                Some(body) => serde_json::to_vec(body)?,
                None => Vec::new(),
            }
        },
    };
    let content_type = match body {
        RequestBody::Field { raw: true, .. } => quote!(#raw_type),
        _ => quote!(#json_type),
    };
    // Only what the endpoint has is written: a path without parameters is used as it is, no
    // query is an empty slice, and the builder is mutable only for headers.
    let path_steps: Vec<TokenStream> = path_steps.collect();
    let (path_decl, path_arg) = if path_steps.is_empty() {
        (quote!(), quote!(METADATA.path))
    } else {
        (
            quote!(let mut path = METADATA.path.to_owned(); #(#path_steps)*),
            quote!(&path),
        )
    };
    let query_steps: Vec<TokenStream> = query_steps.collect();
    let (query_decl, query_arg) = if query_steps.is_empty() {
        (quote!(), quote!(&[]))
    } else {
        (
            quote!(let mut query: Vec<(&str, String)> = Vec::new(); #(#query_steps)*),
            quote!(&query),
        )
    };
    let header_steps: Vec<TokenStream> = header_steps.collect();
    let builder_mut = (!header_steps.is_empty()).then(|| quote!(mut));
    quote! {
        /// Builds the HTTP request (client side) against `base_url`, with `access_token` as
        /// `METADATA` asks.
        pub fn try_into_http_request(&self, base_url: &str, access_token: Option<&str>) -> Result<http::Request<Vec<u8>>, Error> {
            #path_decl
            #query_decl
            let #builder_mut builder = crate::support::request_builder(
                &METADATA, base_url, #path_arg, #query_arg, #content_type, #accept, access_token,
            )?;
            #(#header_steps)*
            Ok(builder.body(#body_bytes)?)
        }
    }
}

fn request_from_http(
    endpoint: &Endpoint,
    params: &[ParamField],
    body: &RequestBody,
) -> TokenStream {
    // Path arguments come in the order the path template names them.
    let mut path_order: Vec<&ParamField> = params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .collect();
    path_order.sort_by_key(|p| {
        endpoint
            .path
            .find(&format!("{{{}}}", p.name))
            .unwrap_or(usize::MAX)
    });
    let path_reads = path_order.iter().map(|p| {
        let (name, field) = (p.name.as_str(), &p.field);
        quote!(let #field = crate::support::path_arg(&mut path_args, #name)?;)
    });
    let named: Vec<&str> = params
        .iter()
        .filter(|p| p.location == ParamLocation::Query && !p.exploded_map)
        .map(|p| p.name.as_str())
        .collect();
    let query_reads = params.iter().filter(|p| p.location == ParamLocation::Query).map(|p| {
        let (name, field) = (p.name.as_str(), &p.field);
        if p.exploded_map {
            return quote!(let #field = crate::support::query_rest(&query, &[#(#named),*]););
        }
        match (p.required, p.rust.scalar_list) {
            (true, false) => quote! {
                let #field = crate::support::query_value(&query, #name)?.ok_or(Error::Missing(#name))?;
            },
            (false, false) => quote!(let #field = crate::support::query_value(&query, #name)?;),
            (true, true) => quote!(let #field = crate::support::query_values(&query, #name)?;),
            (false, true) => quote! {
                let #field = Some(crate::support::query_values(&query, #name)?).filter(|v: &Vec<_>| !v.is_empty());
            },
        }
    });
    let header_reads = params.iter().filter(|p| p.location == ParamLocation::Header).map(|p| {
        let (name, field) = (p.name.as_str(), &p.field);
        if p.required {
            quote! {
                let #field = crate::support::header_value(request, #name)?.ok_or(Error::Missing(#name))?;
            }
        } else {
            quote!(let #field = crate::support::header_value(request, #name)?;)
        }
    });
    let body_read = match body {
        RequestBody::Flat { name, required, .. } => {
            if *required {
                quote!(let body: #name = serde_json::from_slice(request.body())?;)
            } else {
                quote! {
                    let body: #name = if request.body().is_empty() {
                        serde_json::from_slice(b"{}")?
                    } else {
                        serde_json::from_slice(request.body())?
                    };
                }
            }
        }
        RequestBody::None => quote!(),
        RequestBody::Field {
            required: true,
            raw: true,
            ..
        } => {
            quote!(let body = request.body().clone();)
        }
        RequestBody::Field { raw: true, .. } => {
            quote!(let body = Some(request.body().clone()).filter(|b| !b.is_empty());)
        }
        RequestBody::Field { required: true, .. } => {
            quote!(let body = serde_json::from_slice(request.body())?;)
        }
        RequestBody::Field { .. } => quote! {
            let body = if request.body().is_empty() { None } else { Some(serde_json::from_slice(request.body())?) };
        },
    };
    let fields = params.iter().map(|p| &p.field);
    let body_field = match body {
        RequestBody::None => quote!(),
        RequestBody::Field { .. } => quote!(body,),
        RequestBody::Flat { fields, extra, .. } => {
            let named = fields
                .iter()
                .map(|FlatField { there, here, .. }| quote!(#here: body.#there,));
            let extra = extra
                .iter()
                .map(|(here, _)| quote!(#here: body.additional_properties,));
            quote!(#(#named)* #(#extra)*)
        }
    };
    let uses_query = params.iter().any(|p| p.location == ParamLocation::Query);
    // The arguments an endpoint does not read are said to be unused, not allowed to be.
    let uses_request = uses_query
        || params.iter().any(|p| p.location == ParamLocation::Header)
        || !matches!(body, RequestBody::None);
    let unused = match (uses_request, path_order.is_empty()) {
        (true, true) => quote!(let _ = path_args;),
        (true, false) => quote!(),
        (false, true) => quote!(let _ = (request, path_args);),
        (false, false) => quote!(let _ = request;),
    };
    let path_args_decl =
        (!path_order.is_empty()).then(|| quote!(let mut path_args = path_args.iter();));
    let query_decl =
        uses_query.then(|| quote!(let query = crate::support::query_pairs(request.uri());));
    quote! {
        /// Reads the HTTP request (server side); `path_args` are the path's `{...}` values in
        /// order, as a router extracted them.
        pub fn try_from_http_request(request: &http::Request<Vec<u8>>, path_args: &[&str]) -> Result<Self, Error> {
            #unused
            #path_args_decl
            #query_decl
            #(#path_reads)*
            #(#query_reads)*
            #(#header_reads)*
            #body_read
            Ok(Request { #(#fields,)* #body_field })
        }
    }
}

/// True for `{type: object, additionalProperties: <scalar schema>}` with no named properties:
/// a parameter whose entries can each be a query pair.
fn map_of_scalars(schema: &Value) -> bool {
    let scalar = |v: &Value| {
        matches!(
            v.get("type").and_then(Value::as_str),
            Some("string" | "integer" | "number" | "boolean")
        )
    };
    schema.get("type").and_then(Value::as_str) == Some("object")
        && schema.get("properties").is_none()
        && schema.get("additionalProperties").is_some_and(scalar)
}

/// True for an object or a list of objects or lists: no text form is defined for it.
fn structured(schema: &Value) -> bool {
    let kind = |v: &Value| v.get("type").and_then(Value::as_str).map(str::to_owned);
    match kind(schema).as_deref() {
        Some("object") => true,
        Some("array") => schema
            .get("items")
            .is_some_and(|items| matches!(kind(items).as_deref(), Some("object" | "array"))),
        _ => schema.get("properties").is_some(),
    }
}

/// `text` followed by the Matrix versions that added and changed the item.
fn with_versions(text: &str, versions: &crate::model::MatrixVersions) -> String {
    let mut doc = text.trim().to_owned();
    let mut add = |line: String| {
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(&line);
    };
    if let Some(version) = &versions.added_in {
        add(format!("Added in Matrix v{version}."));
    }
    for (version, what) in &versions.changed_in {
        add(format!("Changed in Matrix v{version}: {}", what.trim()));
    }
    doc
}
