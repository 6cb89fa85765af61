//! `examples/call_every_operation.rs` (with `gen rust --call-every-operation`): a program that
//! calls each operation of the crate once against a base URL, with a request made from the
//! spec's examples and the operation's required values, and reads each answer into the
//! operation's `Response`. Pointed at a validating mock server (Prism), it proves that what
//! the crate sends is what the spec asks and that it reads what the spec promises.
//!
//! The request of an operation is a struct literal whose values are JSON read into the
//! fields' own types at run time, so the program needs no knowledge of the types beyond their
//! serde forms; a value that does not read is that operation's failure, not a build error.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value as J;

use super::endpoint::{FlatField, ParamField, RequestBody};
use super::names::ident;
use crate::model::Endpoint;
use crate::schema::Dialect;
use crate::schema::sample::{Direction, Sampler};

/// The example's file name, and its name for `cargo run --example`.
pub const NAME: &str = "call_every_operation";

/// A field's value: JSON read into the field's type, or what stands when there is none.
fn read(value: &J) -> TokenStream {
    let json = value.to_string();
    quote!(value(#json)?)
}

/// The sample of a parameter: its own example, else one of its schema. A parameter travels
/// as text, where `1` is both an integer and a string: of alternatives (`oneOf: [integer,
/// string]`), the string one is sampled, so the text fits one alternative only.
fn parameter_sample(sampler: &Sampler, parameter: &crate::model::Parameter) -> Option<J> {
    let schema = &parameter.schema.node;
    let textual = ["oneOf", "anyOf"]
        .iter()
        .filter_map(|key| schema.get(key)?.as_seq())
        .flatten()
        .find(|choice| choice.get_str("type") == Some("string"));
    parameter
        .example
        .as_ref()
        .and_then(|example| sampler.example(example))
        .or_else(|| sampler.sample(textual.unwrap_or(schema)))
}

/// The sample of a body: its first JSON example that `check` finds right, else its schema's.
/// `explicit` says whether the spec wrote it (an optional body is sent only then).
fn body_sample(sampler: &Sampler, body: &crate::model::Body) -> Option<(J, bool)> {
    let written = body
        .examples
        .iter()
        .filter(|e| e.is_json())
        .find_map(|e| sampler.example(&e.value))
        .or_else(|| {
            body.schema
                .node
                .get("example")
                .and_then(|example| sampler.example(example))
        });
    match written {
        // `null` written for an optional body: the example sends none.
        Some(J::Null) if !body.required => None,
        Some(value) => Some((value, true)),
        None => sampler.sample(&body.schema.node).map(|v| (v, false)),
    }
}

/// The struct literal of the operation's `Request` (its values read with `?`), or why none
/// can be made. `params` are the request's parameter fields, in the order of the endpoint's
/// parameters that are not cookies.
pub(super) fn request(
    endpoint: &Endpoint,
    params: &[ParamField],
    body: &RequestBody,
    dialect: Dialect,
    unfit: &super::Unfit,
) -> Result<TokenStream, String> {
    // An example `check` finds wrong is not sent.
    let usable = |span| !unfit.contains(&span);
    let sampler = &Sampler::new(dialect, Direction::Request, &usable);
    let sources = endpoint
        .parameters
        .iter()
        .filter(|p| p.location != crate::model::ParamLocation::Cookie);
    let mut fields = Vec::new();
    for (field, parameter) in params.iter().zip(sources) {
        let name = &field.field;
        let value = if field.required {
            let Some(sample) = parameter_sample(sampler, parameter) else {
                // Printed by the program: the tree's text made printable first.
                let why = format!(
                    "no value of parameter `{}` could be made",
                    crate::escape::printable(&parameter.name)
                );
                return Err(why);
            };
            // A structured parameter's field holds its encoded text.
            let sample = if field.encoded {
                J::String(sample.to_string())
            } else {
                sample
            };
            read(&sample)
        } else if field.exploded_map {
            quote!(Default::default())
        } else {
            quote!(None)
        };
        fields.push(quote!(#name: #value));
    }
    match body {
        RequestBody::None => {}
        RequestBody::Field {
            raw: true,
            required,
            ..
        } => fields.push(if *required {
            quote!(body: b"x".to_vec())
        } else {
            quote!(body: None)
        }),
        RequestBody::Field { required, .. } => {
            let made = endpoint.body.as_ref().and_then(|b| body_sample(sampler, b));
            fields.push(match made {
                Some((value, explicit)) if *required || explicit => {
                    let value = read(&value);
                    quote!(body: #value)
                }
                None if *required => {
                    return Err("no value of the request body could be made".to_owned());
                }
                _ => quote!(body: None),
            });
        }
        RequestBody::Flat {
            fields: flat,
            extra,
            required,
            ..
        } => {
            let made = endpoint
                .body
                .as_ref()
                .and_then(|b| body_sample(sampler, b))
                .filter(|(_, explicit)| *required || *explicit);
            let mut object = match made {
                Some((J::Object(object), _)) => object,
                Some(_) => return Err("the request body's sample is no object".to_owned()),
                None if *required => {
                    return Err("no value of the request body could be made".to_owned());
                }
                None => serde_json::Map::new(),
            };
            for FlatField {
                here,
                key,
                required,
                ..
            } in flat
            {
                let value = match object.remove(key) {
                    Some(value) => read(&value),
                    None if *required => {
                        let why = format!(
                            "no value of body field `{}` could be made",
                            crate::escape::printable(key)
                        );
                        return Err(why);
                    }
                    None => quote!(None),
                };
                fields.push(quote!(#here: #value));
            }
            if let Some((here, _)) = extra {
                let value = if object.is_empty() {
                    quote!(Default::default())
                } else {
                    read(&J::Object(object))
                };
                fields.push(quote!(#here: #value));
            }
        }
    }
    Ok(quote!(Request { #(#fields),* }))
}

/// The statuses of the operation whose example `check` finds wrong: a mock server that
/// answers with that example answers with a defect of the spec, which the crate need not read.
pub(super) fn defective_statuses(endpoint: &Endpoint, unfit: &super::Unfit) -> Vec<u16> {
    endpoint
        .responses
        .iter()
        .filter(|r| {
            let listed = r.examples.iter().map(|e| &e.value);
            let own = r.schema.as_ref().and_then(|s| s.node.get("example"));
            listed.chain(own).any(|e| unfit.contains(&e.span))
        })
        .filter_map(|r| r.status.text.parse().ok())
        .collect()
}

/// One entry of the program's table of operations: how its request is made (or why it
/// cannot be) and its answer read.
pub(super) fn entry(
    crate_name: &str,
    module: &str,
    request: &Result<TokenStream, String>,
    defective: &[u16],
) -> TokenStream {
    let crate_ident = ident(&crate_name.replace('-', "_"));
    let module_ident = ident(module);
    let build = match request {
        Ok(literal) => quote! {
            |base, token| {
                use #crate_ident::#module_ident::Request;
                let request = #literal;
                request.try_into_http_request(base, token).map_err(|e| e.to_string())
            }
        },
        Err(why) => quote!(|_, _| Err(#why.to_owned())),
    };
    quote! {
        Operation {
            name: #module,
            defective: &[#(#defective),*],
            build: #build,
            read: |response| {
                #crate_ident::#module_ident::Response::try_from_http_response(response)
                    .map(drop)
                    .map_err(|e| e.to_string())
            },
        },
    }
}

/// The whole program, around the entries of every operation.
pub(super) fn program(entries: &[TokenStream]) -> TokenStream {
    quote! {
        //! Calls every operation of the API once, with a request made from the spec's examples
        //! and the operation's required values, and reads each answer into the operation's
        //! `Response`:
        //!
        //! ```text
        //! cargo run --example call_every_operation --features client -- BASE_URL [TOKEN]
        //! ```
        //!
        //! Meant for a mock server that validates what it is sent, such as Prism
        //! (`prism mock openapi.yaml`): an operation passes when the server answers with a
        //! success, reports no violation of the request (Prism's `sl-violations` header) and
        //! the answer reads.
        //! An answer that does not read counts apart when it is a spec example that
        //! `mxspec check` finds wrong. Prints each failure and `N passed, M failed, K ...`;
        //! exits with 1 when any failed.
        #![allow(deprecated)]

        /// Makes an operation's request for a base URL and a token.
        type Build = fn(&str, Option<&str>) -> Result<http::Request<Vec<u8>>, String>;

        /// One operation: how its request is made and its answer read.
        struct Operation {
            name: &'static str,
            /// The statuses whose spec example `check` finds wrong.
            defective: &'static [u16],
            build: Build,
            read: fn(&http::Response<Vec<u8>>) -> Result<(), String>,
        }

        /// JSON read into a field's type.
        // An API whose requests take no values uses none.
        #[allow(dead_code)]
        fn value<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
            serde_json::from_str(json).map_err(|e| format!("a sample value does not read: {e}"))
        }

        const OPERATIONS: &[Operation] = &[#(#entries)*];

        /// At most this much of a body is shown in a failure.
        const SHOWN: usize = 300;

        /// `text` with control and bidi characters escaped: what the server sends (a mock's
        /// answers are the spec's examples) must not steer the terminal or a CI log.
        fn printable(text: &str) -> String {
            text.chars()
                .map(|c| {
                    let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
                    if c.is_control() || bidi {
                        c.escape_unicode().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        }

        /// How a call went.
        enum Outcome {
            Passed,
            Failed(String),
            /// The answer is a spec example that `check` finds wrong, and it did not read.
            Defect(String),
        }

        async fn call(http: &reqwest::Client, base: &str, token: &str, operation: &Operation) -> Outcome {
            match exchange(http, base, token, operation).await {
                Ok(response) => {
                    let status = response.status();
                    let shown: String = String::from_utf8_lossy(response.body()).chars().take(SHOWN).collect();
                    match (operation.read)(&response) {
                        Ok(()) => Outcome::Passed,
                        Err(err) => {
                            let why = format!("status {status}: the answer does not read: {err}: {shown}");
                            if operation.defective.contains(&status.as_u16()) {
                                Outcome::Defect(why)
                            } else {
                                Outcome::Failed(why)
                            }
                        }
                    }
                }
                Err(why) => Outcome::Failed(why),
            }
        }

        /// Sends the operation's request; the answer, when the server took the request.
        async fn exchange(http: &reqwest::Client, base: &str, token: &str, operation: &Operation) -> Result<http::Response<Vec<u8>>, String> {
            let request = (operation.build)(base, Some(token))
                .map_err(|e| format!("the request could not be made: {e}"))?;
            let request = reqwest::Request::try_from(request).map_err(|e| e.to_string())?;
            let response = http
                .execute(request)
                .await
                .map_err(|e| format!("the exchange failed: {e}"))?;
            let status = response.status();
            let mut builder = http::Response::builder().status(status);
            for (name, value) in response.headers() {
                builder = builder.header(name, value);
            }
            let body = response
                .bytes()
                .await
                .map_err(|e| format!("the body could not be read: {e}"))?;
            let response = builder.body(body.to_vec()).map_err(|e| e.to_string())?;
            // Prism lists what breaks the spec, in the request or in its own answer (a spec
            // example that does not fit its schema): only the request's are the crate's.
            let violations: Vec<serde_json::Value> = response
                .headers()
                .get("sl-violations")
                .and_then(|v| serde_json::from_slice(v.as_bytes()).ok())
                .unwrap_or_default();
            let of_request: Vec<&serde_json::Value> = violations
                .iter()
                .filter(|v| v.pointer("/location/0").and_then(|l| l.as_str()) != Some("response"))
                .collect();
            if !of_request.is_empty() {
                let listed = serde_json::to_string(&of_request).unwrap_or_default();
                return Err(format!("status {status}: the server finds the request invalid: {listed}"));
            }
            // A redirect the spec lists (a download's `302`) is an answer too; it is not
            // followed, since it may lead away from the server under test.
            if status.as_u16() >= 400 {
                let shown: String = String::from_utf8_lossy(response.body()).chars().take(SHOWN).collect();
                return Err(format!("status {status}: {shown}"));
            }
            Ok(response)
        }

        fn main() -> std::process::ExitCode {
            let mut args = std::env::args().skip(1);
            let Some(base) = args.next() else {
                eprintln!("usage: call_every_operation BASE_URL [TOKEN]");
                return std::process::ExitCode::from(2);
            };
            let token = args.next().unwrap_or_else(|| "token".to_owned());
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime,
                Err(err) => {
                    eprintln!("call_every_operation: no runtime: {err}");
                    return std::process::ExitCode::from(2);
                }
            };
            let http = match reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build() {
                Ok(http) => http,
                Err(err) => {
                    eprintln!("call_every_operation: no HTTP client: {err}");
                    return std::process::ExitCode::from(2);
                }
            };
            let (mut passed, mut failed, mut defects) = (0usize, 0usize, 0usize);
            for operation in OPERATIONS {
                match runtime.block_on(call(&http, &base, &token, operation)) {
                    Outcome::Passed => passed += 1,
                    Outcome::Failed(why) => {
                        failed += 1;
                        println!("FAILED {}: {}", operation.name, printable(&why));
                    }
                    Outcome::Defect(why) => {
                        defects += 1;
                        println!("SPEC DEFECT {}: {}", operation.name, printable(&why));
                    }
                }
            }
            println!("{passed} passed, {failed} failed, {defects} answered with a spec example that `mxspec check` finds wrong");
            if failed == 0 {
                std::process::ExitCode::SUCCESS
            } else {
                std::process::ExitCode::FAILURE
            }
        }
    }
}
