//! The OpenAPI 3.1 dump: what today's Matrix spec's own `scripts/dump-openapi.py` writes for an
//! API, made from the resolved documents of its groups rather than from the model's fields, so
//! every key the sources hold is kept as written.
//!
//! Its shape follows that script: the two servers of the spec's API viewer, the API's title
//! and the release label as `info`, the security schemes, and every operation of every group
//! under its group's base path plus its path key as written (`"/rooms/{roomId}/invite "` keeps
//! its space). Links in text that start with `](/` get the `base_url` (the script's
//! `edit_links`), `%CLIENT_RELEASE_LABEL%` becomes the release label, and the text is
//! `json.dumps(sort_keys=True, indent=4)`. Where mxspec's output differs, `docs/deviations.md`
//! says why.

use serde_json::{Map, Value, json};

use super::{own_info, own_servers};
use crate::model::Api;
use crate::py::{JsonStyle, json_dumps};

/// Choices the script takes as arguments.
#[derive(Clone, Debug)]
pub struct Openapi31Options {
    /// `--spec-release`: the label written as `info.version` and for
    /// `%CLIENT_RELEASE_LABEL%`.
    pub release: String,
    /// `--base-url`: prefixed to `](/...)` links; None leaves links as written.
    pub base_url: Option<String>,
}

/// The titles the script gives the Matrix APIs; another API is called `<name> API`.
fn title(api: &str) -> String {
    match api {
        "client-server" => "Matrix Client-Server API".into(),
        "server-server" => "Matrix Server-Server API".into(),
        "application-service" => "Matrix Application Service API".into(),
        "identity" => "Matrix Identity Service API".into(),
        "push-gateway" => "Matrix Push Gateway API".into(),
        other => format!("{other} API"),
    }
}

/// The dump of `api`, as the bytes the script writes.
pub fn openapi31(api: &Api, options: &Openapi31Options) -> Vec<u8> {
    let mut schemes = Map::new();
    let mut paths = Map::new();
    let mut webhooks = Map::new();
    for group in &api.groups {
        let document = group.document.to_json();
        // Named, not placed under a base path: kept as written.
        if let Some(Value::Object(found)) = document.get("webhooks") {
            for (name, item) in found {
                webhooks.entry(name.clone()).or_insert_with(|| item.clone());
            }
        }
        if let Some(Value::Object(found)) = document.pointer("/components/securitySchemes") {
            for (name, scheme) in found {
                schemes
                    .entry(name.clone())
                    .or_insert_with(|| scheme.clone());
            }
        }
        let Some(Value::Object(group_paths)) = document.get("paths") else {
            continue;
        };
        for (path, methods) in group_paths {
            let Value::Object(methods) = methods else {
                continue;
            };
            let item = paths
                .entry(format!("{}{path}", group.base_path))
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(item) = item {
                for (method, operation) in methods {
                    item.insert(method.clone(), operation.clone());
                }
            }
        }
    }
    // A Matrix tree gets what the script writes; one document keeps its own info and servers.
    let servers = if api.matrix {
        json!([
            {"url": "https://matrix.org"},
            {
                "url": "https://{homeserver_address}",
                "variables": {
                    "homeserver_address": {
                        "default": "matrix-client.matrix.org",
                        "description": "The base URL for your homeserver",
                    }
                },
            }
        ])
    } else {
        let servers = own_servers(api);
        if servers.is_empty() {
            json!([{"url": "/"}])
        } else {
            Value::Array(servers)
        }
    };
    let info = own_info(api)
        .unwrap_or_else(|| json!({"title": title(&api.name), "version": options.release}));
    let mut output = json!({
        "servers": servers,
        "info": info,
        "components": {"securitySchemes": schemes},
        "paths": paths,
        "openapi": "3.1.0",
    });
    if !webhooks.is_empty() {
        output["webhooks"] = Value::Object(webhooks);
    }
    if let Some(base_url) = &options.base_url {
        edit_links(
            &mut output,
            &format!("]({}/", base_url.trim_end_matches('/')),
        );
    }
    let text = json_dumps(
        &output,
        JsonStyle {
            indent: Some(4),
            sort_keys: true,
        },
    );
    text.replace("%CLIENT_RELEASE_LABEL%", &options.release)
        .into_bytes()
}

/// Makes `](/` links absolute in the strings of `value`'s maps (the script's `edit_links`,
/// which passes over strings that are items of a list).
fn edit_links(value: &mut Value, prefix: &str) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|item| edit_links(item, prefix)),
        Value::Object(map) => {
            for item in map.values_mut() {
                match item {
                    Value::String(text) if text.contains("](/") => {
                        *text = text.replace("](/", prefix);
                    }
                    _ => edit_links(item, prefix),
                }
            }
        }
        _ => {}
    }
}
