//! `mxspec gen rust`: a standalone crate of typed endpoints for one API.
//!
//! Each endpoint becomes a module shaped like ruma's: `METADATA`, a `Request` and a
//! `Response` (per status), the types of their bodies, and conversions to and from `http`
//! messages for the client side and the server side. Code is built with `quote`, checked by
//! `syn` and printed by `prettyplease`; names come from `heck`, and clashes are numbered.

pub mod docs;
pub mod endpoint;
pub mod exercise;
pub mod features;
pub mod names;
pub mod support;
pub mod types;

use proc_macro2::TokenStream;
use quote::quote;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{Api, Endpoint};
use names::{Namer, ident};
use types::SharedTypes;

/// Generation that failed.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// The generated tokens are not a valid Rust file (a bug of the generator).
    #[error("generated code for `{file}` does not parse: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// syn's message.
        message: String,
    },
    /// A doc comment would hold a doctest: code from the spec that `cargo test` of the crate
    /// would run. The descriptions' code blocks are made inert before this guard, so reaching
    /// it is a bug of the generator, and nothing is written.
    #[error("refusing to write `{file}`: {message}")]
    Doctest {
        /// The file.
        file: String,
        /// What rustdoc would run.
        message: String,
    },
    /// The crate name is not one cargo accepts.
    #[error(
        "`{0}` is not a crate name: use ASCII letters, digits, `-` and `_`, starting with a letter"
    )]
    CrateName(String),
}

/// Whether cargo accepts `name` as a package name (and it makes a Rust identifier once `-`
/// becomes `_`).
pub fn is_crate_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The crate name for an API folder name: `<api>-api`, lower-cased as crate names are
/// (`DigitalOcean-public.v2.yaml` gives `digitalocean-public-v2-api`), with anything cargo
/// does not accept turned into `-`.
pub fn default_crate_name(api: &str) -> String {
    let cleaned: String = api
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(56)
        .collect();
    let cleaned = cleaned.trim_matches('-');
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("{cleaned}-api")
    } else {
        format!("api-{cleaned}").trim_end_matches('-').to_owned() + "-api"
    }
}

/// The crate's files: `(path, text)`.
pub type Files = Vec<(String, String)>;

/// A generated crate.
#[derive(Clone, Debug, PartialEq)]
pub struct Crate {
    /// Its files, sorted by path.
    pub files: Files,
    /// How many spec examples `tests/examples.rs` reads into their types.
    pub examples: usize,
    /// What the crate cannot express, as `gen-lossy` warnings in source order.
    pub lost: Vec<Diagnostic>,
}

impl Crate {
    /// Makes the crate a workspace of its own (an empty `[workspace]` table), so it builds
    /// where it is written even below another workspace's folder. Without it the crate can
    /// join the user's workspace as a member.
    pub fn standalone(mut self) -> Crate {
        for (path, text) in &mut self.files {
            if path == "Cargo.toml" {
                text.push_str("\n[workspace]\n");
            }
        }
        self
    }
}

/// Formats tokens as a Rust file.
fn format_file(file: &str, tokens: TokenStream) -> Result<String, GenError> {
    let parsed = syn::parse2::<syn::File>(tokens).map_err(|err| GenError::Invalid {
        file: file.to_owned(),
        message: err.to_string(),
    })?;
    unparse_checked(file, &parsed)
}

/// Formats Rust source text as a file.
fn format_text(file: &str, text: &str) -> Result<String, GenError> {
    let parsed = syn::parse_file(text).map_err(|err| GenError::Invalid {
        file: file.to_owned(),
        message: err.to_string(),
    })?;
    unparse_checked(file, &parsed)
}

/// The file printed, once its rustdoc is known to hold no doctest: the last guard against
/// code from the spec running in the user's `cargo test`.
fn unparse_checked(file: &str, parsed: &syn::File) -> Result<String, GenError> {
    docs::check_file_is_inert(parsed).map_err(|message| GenError::Doctest {
        file: file.to_owned(),
        message,
    })?;
    Ok(prettyplease::unparse(parsed))
}

/// `src/client.rs`: the client with the first [`features::CHUNK`] endpoint methods, then the
/// rest in blocks of their own, each made and printed side by side (a single file of 20,000
/// methods was one core's work and its tokens the run's peak memory).
fn client_file(endpoints: &[features::Named], matrix: bool) -> Result<String, GenError> {
    let (first, rest) = endpoints.split_at(endpoints.len().min(features::CHUNK));
    format_chunked(
        "src/client.rs",
        || features::client(first, matrix),
        rest.chunks(features::CHUNK).collect(),
        |chunk| features::client_more(chunk, matrix),
    )
}

/// `src/server.rs`, its `Handler` trait's methods past the first [`features::CHUNK`] printed
/// in blocks, each block's trait body then put into the file's trait (a single trait of
/// 20,000 methods was one core's work).
fn server_file(endpoints: &[features::Named], matrix: bool) -> Result<String, GenError> {
    let paths = features::routed(endpoints);
    let (in_trait, more_methods) = endpoints.split_at(endpoints.len().min(features::CHUNK));
    let (file, bodies) = rayon::join(
        || format_file("src/server.rs", features::server(in_trait, &paths, matrix)),
        || {
            more_methods
                .par_chunks(features::CHUNK)
                .map(|chunk| {
                    let text = format_file("src/server.rs", features::handler_more(chunk))?;
                    Ok(trait_body(&text).to_owned())
                })
                .collect::<Result<Vec<String>, GenError>>()
        },
    );
    let mut file = file?;
    let Some(router) = file.find(features::ROUTER_DOC) else {
        return Err(GenError::Invalid {
            file: "src/server.rs".into(),
            message: "the printed server has no router".into(),
        });
    };
    file.insert_str(router, features::HANDLE_MACRO);
    let bodies = bodies?.concat();
    if !bodies.is_empty() {
        // The file's trait ends at the first line that is only `}` after its head line.
        let head = "\npub trait Handler: Send + Sync + 'static {\n";
        let end = file.find(head).and_then(|start| {
            let from = start + head.len();
            file[from..].find("\n}\n").map(|end| from + end + 1)
        });
        let Some(end) = end else {
            return Err(GenError::Invalid {
                file: "src/server.rs".into(),
                message: "the printed Handler trait has no end".into(),
            });
        };
        file.insert_str(end, &bodies);
    }
    Ok(file)
}

/// The lines inside a printed trait: all but its first and last line.
fn trait_body(text: &str) -> &str {
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let end = text.trim_end().rfind('\n').map_or(start, |i| i + 1);
    &text[start..end.max(start)]
}

/// A file printed as its head and then each of `chunks`' items, in parallel; tokens are made
/// in the worker that prints them (they are not `Send`).
fn format_chunked<C: Sync>(
    file: &str,
    head: impl Fn() -> TokenStream + Sync,
    chunks: Vec<C>,
    chunk: impl Fn(&C) -> TokenStream + Sync,
) -> Result<String, GenError> {
    use rayon::prelude::*;
    let (head, rest) = rayon::join(
        || format_file(file, head()),
        || {
            chunks
                .par_iter()
                .map(|c| format_file(file, chunk(c)))
                .collect::<Result<Vec<_>, _>>()
        },
    );
    let mut text = head?;
    for part in rest? {
        text.push('\n');
        text.push_str(&part);
    }
    Ok(text)
}

/// The file of one endpoint module, and the example test of its types (empty without
/// examples).
fn module_file(
    crate_name: &str,
    name: &str,
    endpoint: &Endpoint,
    index: usize,
    shared: &SharedTypes,
    access: &endpoint::Access,
    options: &Options,
) -> Result<ModuleFile, GenError> {
    let unfit = options.unfit;
    // The samples of `call_every_operation`'s request, when it is made.
    let sampling = options.call_every_operation.then_some(access.dialect);
    let path = format!("src/{name}.rs");
    let mut header = docs::code_span(&format!(
        "{} {}",
        endpoint.method.upper(),
        endpoint.full_path
    ));
    if let Some(summary) = endpoint.summary.as_deref() {
        header.push_str(": ");
        header.push_str(&docs::markdown(summary, shared.prose()));
    }
    let header = docs::inner_doc_attr(&header);
    let module = endpoint::module(endpoint, index, shared, access, unfit, sampling);
    let body = &module.tokens;
    // The module's own items use each other; only users should hear of the deprecation.
    let allow = endpoint.deprecated.then(|| quote!(#![allow(deprecated)]));
    let tokens = quote! {
        #header
        #allow
        #body
    };
    let text = format_file(&path, tokens)?;
    // Tokens are not `Send`; the test travels back from the worker thread as token text.
    let test = example_test(crate_name, name, &module.examples).to_string();
    let call = module.call.as_ref().map(|request| {
        let defective = exercise::defective_statuses(endpoint, unfit);
        exercise::entry(crate_name, name, request, &defective).to_string()
    });
    Ok(ModuleFile {
        file: (path, text),
        test,
        examples: module.examples.len(),
        lost: module.lost,
        call,
    })
}

/// An endpoint module as text, with its example test and what it could not express.
struct ModuleFile {
    file: (String, String),
    /// The example test, as token text.
    test: String,
    examples: usize,
    lost: Vec<Diagnostic>,
    /// The entry of `call_every_operation`, as token text.
    call: Option<String>,
}

/// Token text made on a worker thread, as tokens again.
fn parse_tokens(text: &str, file: &str) -> Result<TokenStream, GenError> {
    text.parse()
        .map_err(|err: proc_macro2::LexError| GenError::Invalid {
            file: file.into(),
            message: err.to_string(),
        })
}

/// A test that reads each example into its type and writes it back unchanged.
fn example_test(
    crate_name: &str,
    module: &str,
    examples: &[endpoint::ExampleCheck],
) -> TokenStream {
    if examples.is_empty() {
        return quote!();
    }
    let crate_ident = ident(&crate_name.replace('-', "_"));
    let module_ident = ident(module);
    let checks = examples.iter().map(|example| {
        let (tokens, json, what) = (&example.type_tokens, &example.json, &example.what);
        quote!(round_trip::<#tokens>(#what, #json);)
    });
    quote! {
        #[test]
        #[allow(deprecated)]
        fn #module_ident() {
            // Some bodies are plain `serde_json` or `std` types and use nothing of the module.
            #[allow(unused_imports)]
            use #crate_ident::#module_ident::*;
            #(#checks)*
        }
    }
}

/// The example tests of the crate: `tests/examples.rs`.
fn examples_file(tests: Vec<TokenStream>, count: usize) -> TokenStream {
    if tests.iter().all(TokenStream::is_empty) {
        // No helpers without a test to use them (`dead_code` under `-D warnings`).
        return docs::inner_doc_attr(
            "The spec has no request or response examples to read into their types.",
        );
    }
    let doc = docs::inner_doc_attr(&format!(
        "The spec's {count} request and response examples, each read into its generated type and written back."
    ));
    quote! {
        #doc

        /// Reads `json` into `T` and writes it back: the result must be the same JSON, but for
        /// `null` members (absent and `null` are one thing to an `Option`) and number forms.
        fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(what: &str, json: &str) {
            let original: serde_json::Value = serde_json::from_str(json).unwrap();
            let typed: T = match serde_json::from_value(original.clone()) {
                Ok(typed) => typed,
                Err(err) => panic!("{what}: the example does not fit its type: {err}\n{json}"),
            };
            let written = serde_json::to_value(&typed).unwrap();
            assert_eq!(normal(&written), normal(&original), "{what}: the example changed on the way through its type");
        }

        fn normal(value: &serde_json::Value) -> serde_json::Value {
            use serde_json::Value;
            match value {
                Value::Object(map) => Value::Object(
                    map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), normal(v))).collect(),
                ),
                Value::Array(items) => Value::Array(items.iter().map(normal).collect()),
                Value::Number(n) => n.as_f64().map_or(Value::Number(n.clone()), |f| serde_json::json!(f)),
                other => other.clone(),
            }
        }

        #(#tests)*
    }
}

/// Generates the crate `crate_name` for `api`.
pub fn rust_crate(api: &Api, crate_name: &str) -> Result<Crate, GenError> {
    rust_crate_leaving_out(api, crate_name, &Unfit::default())
}

/// Where the examples start that `check` finds wrong ([`crate::check::unfit_examples`]).
pub type Unfit = rustc_hash::FxHashSet<crate::source::Span>;

/// [`rust_crate`], whose example tests leave out the examples that start at one of `unfit`:
/// an example `check` finds wrong would be a failing test in the user's crate. Each one left
/// out is a `gen-lossy` warning.
pub fn rust_crate_leaving_out(
    api: &Api,
    crate_name: &str,
    unfit: &Unfit,
) -> Result<Crate, GenError> {
    rust_crate_with(
        api,
        crate_name,
        &Options {
            unfit,
            call_every_operation: false,
        },
    )
}

/// What `gen rust` makes beyond the crate's own code.
pub struct Options<'a> {
    /// The examples `check` finds wrong, left out of the example tests and of the requests of
    /// `call_every_operation`.
    pub unfit: &'a Unfit,
    /// Adds `examples/call_every_operation.rs` (see [`exercise`]).
    pub call_every_operation: bool,
}

/// The crate of `api`, as `options` say.
pub fn rust_crate_with(api: &Api, crate_name: &str, options: &Options) -> Result<Crate, GenError> {
    if !is_crate_name(crate_name) {
        return Err(GenError::CrateName(crate_name.to_owned()));
    }
    // Names first (they depend on order), then the modules, which are independent, in parallel.
    let mut modules = Namer::with_reserved(&names::reserved_module_names());
    let mut endpoints: Vec<(String, &Endpoint)> = Vec::new();
    // How each endpoint's callers authenticate. A Matrix tree's access token goes in the
    // `Authorization` header whatever scheme it lists first (the query form is deprecated).
    let mut access: Vec<endpoint::Access> = Vec::new();
    for group in &api.groups {
        for endpoint in &group.endpoints {
            endpoints.push((modules.fresh(&endpoint::module_name(endpoint)), endpoint));
            access.push(endpoint::Access {
                signed: group.signed_request_scheme(endpoint).is_some(),
                credential: if api.matrix {
                    crate::model::Credential::Bearer
                } else {
                    group.credential(endpoint)
                },
                dialect: crate::schema::Dialect::of(group.format),
            });
        }
    }
    // A type that several modules would define is made once, in `types`.
    // An untitled shared type is named after the first module that uses it.
    let schemas: Vec<Vec<(serde_json::Value, String)>> = endpoints
        .par_iter()
        .map(|(name, endpoint)| {
            let prefix = names::camel(name);
            endpoint::typed_schemas(endpoint, &api.ref_targets)
                .into_iter()
                .map(|(schema, hint)| (schema, format!("{prefix}{hint}")))
                .collect()
        })
        .collect();
    let (shared, shared_definitions) =
        SharedTypes::new(&schemas, api.prose, api.ref_targets.clone());
    // The inlined JSON of every schema was only for finding the shared types.
    drop(schemas);
    let has_types = !shared_definitions.is_empty();
    // Tokens are not `Send`; the types module travels to its worker as token text.
    let types_text = has_types.then(|| {
        quote! {
            //! Types that several endpoints use, re-exported by each endpoint module that does.
            #(#shared_definitions)*
        }
        .to_string()
    });
    // Every file but the example test is independent of the others: the endpoint modules,
    // the types, and the crate-wide files (the two feature modules are the largest) are made
    // in one parallel stage, so no core waits for a stage to end.
    let ((made, types_file), ((client, server), (lib, support, router))) = rayon::join(
        || {
            rayon::join(
                || {
                    endpoints
                        .par_iter()
                        .enumerate()
                        .map(|(index, (name, endpoint))| {
                            module_file(
                                crate_name,
                                name,
                                endpoint,
                                index,
                                &shared,
                                &access[index],
                                options,
                            )
                        })
                        .collect::<Result<Vec<_>, _>>()
                },
                || {
                    types_text
                        .as_deref()
                        .map(|text| format_text("src/types.rs", text))
                        .transpose()
                },
            )
        },
        || {
            rayon::join(
                || {
                    rayon::join(
                        || client_file(&endpoints, api.matrix),
                        || server_file(&endpoints, api.matrix),
                    )
                },
                || {
                    (
                        lib_file(api, &endpoints, has_types),
                        format_file("src/support.rs", support_file()),
                        format_file("tests/router.rs", router_test(crate_name)),
                    )
                },
            )
        },
    );
    let made = made?;
    let mut files = vec![
        ("src/lib.rs".into(), lib?),
        ("src/support.rs".into(), support?),
        ("src/client.rs".into(), client?),
        ("src/server.rs".into(), server?),
        ("tests/router.rs".into(), router?),
    ];
    if let Some(types) = types_file? {
        files.push(("src/types.rs".into(), types));
    }
    let mut tests = Vec::new();
    let mut calls = Vec::new();
    let mut example_count = 0;
    let mut lost = Vec::new();
    for ModuleFile {
        file,
        test,
        examples: count,
        lost: module_lost,
        call,
    } in made
    {
        files.push(file);
        if let Some(call) = call {
            calls.push(parse_tokens(&call, "examples/call_every_operation.rs")?);
        }
        lost.extend(module_lost);
        tests.push(parse_tokens(&test, "tests/examples.rs")?);
        example_count += count;
    }
    let examples = examples_file(tests, example_count);
    files.push((
        "tests/examples.rs".into(),
        format_file("tests/examples.rs", examples)?,
    ));
    if options.call_every_operation {
        let path = format!("examples/{}.rs", exercise::NAME);
        let program = format_file(&path, exercise::program(&calls))?;
        files.push((path, program));
    }
    files.push((
        "Cargo.toml".into(),
        cargo_toml(crate_name, options.call_every_operation),
    ));
    files.sort();
    lost.sort_by_key(|d| (d.span.file, d.span.line, d.span.column));
    Ok(Crate {
        files,
        examples: example_count,
        lost,
    })
}

/// `src/lib.rs`: the crate's doc, lints and module declarations.
fn lib_file(
    api: &Api,
    endpoints: &[(String, &Endpoint)],
    has_types: bool,
) -> Result<String, GenError> {
    let declarations = endpoints.iter().map(|(name, endpoint)| {
        let module = ident(name);
        let deprecated = endpoint
            .deprecated
            .then(|| quote!(#[deprecated = "This API is deprecated and will be removed from a future release."]));
        quote!(#deprecated pub mod #module;)
    });
    let types_module = has_types.then(|| {
        quote!(
            pub mod types;
        )
    });
    let doc = docs::inner_doc_attr(&format!(
        "Typed endpoints of the {} API, generated by mxspec.",
        docs::code_span(&api.name)
    ));
    let lib = quote! {
        #doc
        // Requests push their query pairs one parameter at a time, optional ones conditionally,
        // and nested maps of the spec are nested map types. The spec's descriptions are its
        // authors' Markdown: a list item continued lazily on the next line is valid there.
        #![allow(clippy::large_enum_variant, clippy::type_complexity, clippy::vec_init_then_push, clippy::doc_lazy_continuation)]

        pub mod support;
        #types_module
        #[cfg(feature = "client")]
        pub mod client;
        #[cfg(feature = "server")]
        pub mod server;
        #(#declarations)*
    };
    format_file("src/lib.rs", lib)
}

/// `src/support.rs`'s tokens.
fn support_file() -> TokenStream {
    let support = support::tokens();
    quote! {
        //! What every endpoint module shares.
        #support
    }
}

/// `tests/router.rs`: the server's router takes every route (axum refuses conflicting ones
/// only when the router is built).
fn router_test(crate_name: &str) -> TokenStream {
    let crate_ident = ident(&crate_name.replace('-', "_"));
    quote! {
        //! The router of feature `server` accepts every endpoint's route.
        #![cfg(feature = "server")]

        struct NothingImplemented;

        impl #crate_ident::server::Handler for NothingImplemented {}

        #[test]
        fn the_router_takes_every_route() {
            let _ = #crate_ident::server::router(std::sync::Arc::new(NothingImplemented));
        }
    }
}

/// The manifest. No `[workspace]` table, so the crate can be a member of the user's
/// workspace; [`Crate::standalone`] adds one.
fn cargo_toml(crate_name: &str, call_every_operation: bool) -> String {
    let name = format!("name = \"{crate_name}\"");
    let mut lines = vec![
        "[package]",
        &name,
        "version = \"0.1.0\"",
        "edition = \"2021\"",
        "publish = false",
        "",
        "[dependencies]",
        "http = \"1\"",
        "serde = { version = \"1\", features = [\"derive\"] }",
        "serde_json = \"1\"",
        "reqwest = { version = \"0.12\", default-features = false, optional = true }",
        // The client's wait before sending a rate-limited request again (reqwest runs on
        // Tokio already, so this adds no crate to the build).
        "tokio = { version = \"1\", default-features = false, features = [\"time\"], optional = true }",
        "axum = { version = \"0.8\", default-features = false, optional = true }",
        "",
        "[features]",
        "default = [\"tls\"]",
        "client = [\"dep:reqwest\", \"dep:tokio\"]",
        "# The client's HTTPS, with rustls and the Web PKI roots: on by default, so an https://",
        "# base URL works; with `default-features = false` the client speaks http:// only.",
        "tls = [\"reqwest?/rustls-tls\"]",
        "server = [\"dep:axum\"]",
        "# Reads what real servers write where it differs from the spec: a required field left",
        "# out takes its type's default, an integer written as a float is truncated.",
        "lenient = []",
        "",
        "[dev-dependencies]",
        "serde = \"1\"",
        "serde_json = \"1\"",
    ];
    if call_every_operation {
        // The program runs its calls one after another on a runtime of one thread.
        lines.extend([
            "tokio = { version = \"1\", default-features = false, features = [\"rt\"] }",
            "",
            "[[example]]",
            "name = \"call_every_operation\"",
            "required-features = [\"client\"]",
        ]);
    }
    lines.push("");
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_crate_names_are_lower_case_and_valid() {
        for (api, name) in [
            ("client-server", "client-server-api"),
            ("DigitalOcean-public.v2", "digitalocean-public-v2-api"),
            ("2fa", "api-2fa-api"),
        ] {
            assert_eq!(default_crate_name(api), name);
            assert!(is_crate_name(name));
        }
    }

    #[test]
    fn a_trait_body_is_the_lines_between_its_head_and_its_end() {
        let printed =
            "pub trait Handler: Send + Sync + 'static {\n    /// a\n    fn a(&self) {}\n}\n";
        assert_eq!(trait_body(printed), "    /// a\n    fn a(&self) {}\n");
        assert_eq!(trait_body("pub trait Handler {}\n"), "");
    }

    #[test]
    fn a_server_of_more_than_a_block_has_every_method_in_one_trait() {
        let doc = serde_json::json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": (0..features::CHUNK + 3)
                .map(|i| (format!("/p{i}"), serde_json::json!({"get": {"operationId": format!("op{i}"), "summary": "s"}})))
                .collect::<serde_json::Map<_, _>>(),
        });
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("api.json");
        std::fs::write(&file, doc.to_string()).unwrap();
        let loaded = crate::load(&file, &Default::default()).unwrap();
        let generated = rust_crate(&loaded.spec.apis[0], "api").unwrap();
        let server = &generated
            .files
            .iter()
            .find(|(p, _)| p == "src/server.rs")
            .unwrap()
            .1;
        let parsed = syn::parse_file(server).unwrap();
        let traits: Vec<_> = parsed
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Trait(t) => Some(t.items.len()),
                _ => None,
            })
            .collect();
        assert_eq!(traits, [features::CHUNK + 3]);
    }
}
