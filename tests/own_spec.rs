//! The project's own spec, `api/identity`: clean under `check`, and shaped as promised.

use std::path::Path;

use mxspec::model::{Auth, Method};

fn loaded() -> mxspec::Loaded {
    mxspec::load(Path::new(env!("CARGO_MANIFEST_DIR")), &Default::default())
        .expect("the own spec loads")
}

#[test]
fn check_reports_nothing() {
    let loaded = loaded();
    let report = mxspec::check::check(&loaded);
    let text = mxspec::diagnostic::render(
        &loaded.tree,
        &report.diagnostics,
        mxspec::diagnostic::Format::Human,
    );
    assert!(report.diagnostics.is_empty(), "{text}");
    assert!(
        report.summary.examples.total() > 100,
        "{}",
        report.summary.line()
    );
}

#[test]
fn v1_is_deprecated_and_v2_authenticates() {
    let loaded = loaded();
    let identity = loaded.spec.api("identity").expect("api/identity");
    let endpoints: Vec<_> = identity.groups.iter().flat_map(|g| &g.endpoints).collect();
    let v1: Vec<_> = endpoints
        .iter()
        .filter(|e| e.full_path.starts_with("/_matrix/identity/api/v1"))
        .collect();
    let v2: Vec<_> = endpoints
        .iter()
        .filter(|e| e.full_path.starts_with("/_matrix/identity/v2"))
        .collect();
    assert_eq!(v1.len() + v2.len(), endpoints.len());
    assert_eq!(v1.len(), 17);
    assert!(v1.iter().all(|e| e.deprecated && e.auth == Auth::None));
    // MSC2140: ping, the public keys, registering and reading the terms need no token.
    let open = [
        "pingV2",
        "getPubKeyV2",
        "isPubKeyValidV2",
        "isEphemeralPubKeyValidV2",
        "registerAccount",
        "getTerms",
    ];
    for endpoint in &v2 {
        let id = endpoint.operation_id.as_deref().unwrap();
        assert!(!endpoint.deprecated, "{id}");
        let expected = if open.contains(&id) {
            Auth::None
        } else {
            Auth::Required {
                schemes: vec!["accessToken".into()],
                requirements: vec![vec![("accessToken".into(), vec![])]],
            }
        };
        assert_eq!(endpoint.auth, expected, "{id}");
    }
    let has =
        |method: Method, path: &str| v2.iter().any(|e| e.method == method && e.full_path == path);
    assert!(has(Method::Post, "/_matrix/identity/v2/account/register"));
    assert!(has(Method::Get, "/_matrix/identity/v2/account"));
    assert!(has(Method::Post, "/_matrix/identity/v2/account/logout"));
    assert!(has(Method::Get, "/_matrix/identity/v2/terms"));
    assert!(has(Method::Post, "/_matrix/identity/v2/terms"));
    let groups = identity
        .groups
        .iter()
        .filter(|g| g.base_path.starts_with("/_matrix/identity/v2"));
    assert!(
        groups
            .clone()
            .all(|g| g.security_schemes.iter().any(|s| s.name == "accessToken"))
    );
}

#[test]
fn every_request_body_and_response_has_an_example() {
    let loaded = loaded();
    for (_, _, endpoint) in loaded.spec.endpoints() {
        let name = endpoint.operation_id.as_deref().unwrap();
        if let Some(body) = &endpoint.body {
            assert!(
                body.schema.example().is_some() || !body.examples.is_empty(),
                "{name}: request body"
            );
        }
        for response in &endpoint.responses {
            assert!(
                !response.examples.is_empty(),
                "{name}: response {}",
                response.status.text
            );
        }
    }
}

#[test]
fn the_docs_place_every_identity_group_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut tree = mxspec::source::SourceTree::load(root).unwrap();
    let (targets, diagnostics) =
        mxspec::render::targets::read(&mut tree, "docs/targets.yaml").unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let target = &targets.targets[0];
    let (joined, diagnostics) =
        mxspec::render::concat::concat(&mut tree, &targets, "docs", &target.files);
    let text = joined.text;
    assert!(diagnostics.is_empty(), "{diagnostics:?}");

    let mut placed: Vec<&str> = text
        .match_indices("{{")
        .filter_map(|(at, _)| text[at + 2..].split_once("}}").map(|(name, _)| name))
        .filter_map(|name| name.strip_suffix("_is_http_api"))
        .collect();
    placed.sort_unstable();
    let loaded = loaded();
    let mut groups: Vec<&str> = loaded
        .spec
        .api("identity")
        .unwrap()
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    groups.sort_unstable();
    assert_eq!(
        placed, groups,
        "each group of api/identity appears once in docs/"
    );
}
