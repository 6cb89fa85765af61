//! Small spec trees of our own, checked without the corpus: every fixture's diagnostics are
//! compared with its `expected.txt`, and the valid ones are read back through the model.
//!
//! Run with `UPDATE_EXPECT=1` to rewrite the expected files after a deliberate change.

use std::path::{Path, PathBuf};

use mxspec::check::check;
use mxspec::model::{Auth, LoadOptions, Method, ParamLocation, SpecFormat};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn options() -> LoadOptions {
    let mut options = LoadOptions::default();
    options
        .substitutions
        .insert("API_VERSION".into(), "v3".into());
    options
}

fn load(name: &str) -> mxspec::Loaded {
    mxspec::load(&fixture(name), &options()).expect("fixture loads")
}

/// Diagnostics of a fixture as stable text: one line per diagnostic and note, then the summary.
fn diagnostics_text(name: &str) -> String {
    let loaded = load(name);
    let report = check(&loaded);
    let mut out = String::new();
    for d in &report.diagnostics {
        let file = &loaded.tree.file(d.span.file).path;
        out += &format!(
            "{:?} {} {file}:{}: {}\n",
            d.severity(),
            d.rule.name(),
            d.span,
            d.message
        );
        for note in &d.notes {
            let at = note
                .span
                .map(|s| format!(" ({}:{s})", loaded.tree.file(s.file).path))
                .unwrap_or_default();
            out += &format!("    note: {}{at}\n", note.message);
        }
    }
    out += &report.summary.line();
    out.push('\n');
    out
}

/// Compares `actual` with the fixture's `expected.txt`, or rewrites it under UPDATE_EXPECT.
fn expect_file(name: &str, actual: &str) {
    let path = fixture(name).join("expected.txt");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "diagnostics of fixture `{name}` changed (UPDATE_EXPECT=1 rewrites {}):\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

#[test]
fn swagger2_fixture_diagnostics() {
    expect_file("swagger2", &diagnostics_text("swagger2"));
}

#[test]
fn openapi_fixture_diagnostics() {
    expect_file("openapi", &diagnostics_text("openapi"));
}

#[test]
fn defects_fixture_diagnostics() {
    expect_file("defects", &diagnostics_text("defects"));
}

#[test]
fn matrix_spec_fixture_diagnostics() {
    expect_file("matrix-spec", &diagnostics_text("matrix-spec"));
}

#[test]
fn a_matrix_spec_repository_is_read_from_data() {
    let loaded = load("matrix-spec");
    assert_eq!(loaded.tree.layout(), mxspec::source::Layout::MatrixSpec);
    let paths: Vec<_> = loaded
        .spec
        .endpoints()
        .map(|(_, _, e)| e.full_path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "/_matrix/federation/v1/invite/{roomId}",
            "/_matrix/federation/v1/invite/{roomId} ",
            "/_matrix/federation/v2/invite/{roomId}"
        ],
        "the base path comes from the server variables' defaults; a path key is kept as written"
    );
    let events: Vec<_> = loaded.spec.events.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        events,
        ["m.example"],
        "named without .yaml; state.json is no event"
    );
    let examples: Vec<_> = loaded.spec.events[0]
        .examples
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(examples, ["m.example", "m.example$broken"]);
    let (_, _, v1) = loaded.spec.endpoints().next().unwrap();
    let schema = &v1.responses[0].schema.as_ref().unwrap().node;
    assert_eq!(
        schema
            .pointer("/properties/extra/type")
            .and_then(|t| t.as_str()),
        Some("integer"),
        "a ref beside $ref resolves from the file it is written in (JSON Reference)"
    );
    assert_eq!(
        schema.pointer("/type").and_then(|t| t.as_str()),
        Some("object"),
        "the referenced schema, its `properties` overridden by the key beside $ref"
    );
    // Every server is in the model, variables at their defaults; the first gives the base path.
    let api = loaded.spec.api("federation").unwrap();
    let v2 = api.groups.iter().find(|g| g.name == "invites-v2").unwrap();
    let urls: Vec<&str> = v2.servers.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://localhost:8448/_matrix/federation/v2",
            "https://matrix.example.org/_matrix/federation/v2"
        ]
    );
    assert_eq!(v2.servers[0].template, "{protocol}://{hostname}{basePath}");
    assert_eq!(
        v2.servers[1].description.as_deref(),
        Some("A second server, named as it is.")
    );
    assert_eq!(v2.base_path, "/_matrix/federation/v2");
}

#[test]
fn swagger2_model() {
    let loaded = load("swagger2");
    let api = loaded.spec.api("pets").unwrap();
    let group = &api.groups[0];
    assert_eq!(group.format, SpecFormat::Swagger2);
    assert_eq!(
        group.security_schemes[0].name, "accessToken",
        "securityDefinitions given by $ref"
    );

    let get = group
        .endpoints
        .iter()
        .find(|e| e.method == Method::Get)
        .unwrap();
    assert_eq!(get.full_path, "/pets/v3/pet/{petId}");
    assert_eq!(get.raw_full_path, "/pets/%API_VERSION%/pet/{petId}");
    assert!(get.rate_limited);
    assert_eq!(
        get.auth,
        Auth::Required {
            schemes: vec!["accessToken".into()],
            requirements: vec![vec![("accessToken".into(), vec![])]],
        }
    );
    let locations: Vec<_> = get
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location))
        .collect();
    assert_eq!(
        locations,
        [
            ("petId", ParamLocation::Path),
            ("limit", ParamLocation::Query)
        ],
        "path-level parameters merged"
    );
    let ok = &get.responses[0];
    assert!(ok.status.integer);
    assert!(
        !get.responses[1].status.integer,
        "a quoted status stays a string key"
    );
    let schema = ok.schema.as_ref().unwrap();
    assert_eq!(
        schema.title(),
        Some("Renamed Pet"),
        "a sibling of $ref overrides the referenced title"
    );
    assert_eq!(schema.types(), ["object"]);
    let not_found = get.responses[1].schema.as_ref().unwrap();
    assert!(
        not_found.node.pointer("/properties/errcode").is_some(),
        "JSON pointer refs resolve"
    );

    let delete = group
        .endpoints
        .iter()
        .find(|e| e.method == Method::Delete)
        .unwrap();
    assert!(delete.deprecated);
    assert_eq!(
        delete.auth,
        Auth::Optional {
            schemes: vec!["accessToken".into()],
            requirements: vec![vec![("accessToken".into(), vec![])]],
        }
    );
    assert_eq!(delete.responses[0].headers[0].name, "X-Remaining");

    let post = group
        .endpoints
        .iter()
        .find(|e| e.method == Method::Post)
        .unwrap();
    assert_eq!(
        post.body
            .as_ref()
            .unwrap()
            .schema
            .example()
            .unwrap()
            .to_json()["name"],
        "Rex"
    );

    let event = &loaded.spec.events[0];
    assert_eq!(event.name, "m.pet.fed");
    let names: Vec<_> = event.examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        ["m.pet.fed", "m.pet.fed$snack"],
        "variant examples find their base schema"
    );
}

#[test]
fn openapi_model() {
    let loaded = load("openapi");
    let api = loaded.spec.api("tokens").unwrap();
    let formats: Vec<_> = api.groups.iter().map(|g| g.format).collect();
    assert_eq!(formats, [SpecFormat::OpenApi30, SpecFormat::OpenApi31]);
    let v30 = &api.groups[0];
    assert_eq!(
        v30.base_path, "/_matrix/identity/v2",
        "the path of the first server URL"
    );
    let account = &v30.endpoints[0];
    assert_eq!(account.full_path, "/_matrix/identity/v2/account");
    assert_eq!(
        account.auth,
        Auth::Required {
            schemes: vec!["accessToken".into()],
            requirements: vec![vec![("accessToken".into(), vec![])]],
        },
        "document-level security applies"
    );
    let alice = &account.responses[0].examples[0];
    assert_eq!(alice.name.as_deref(), Some("alice"));
    assert_eq!(alice.media_type.as_deref(), Some("application/json"));
    let terms = &v30.endpoints[1];
    assert_eq!(
        terms.auth,
        Auth::Optional {
            schemes: vec!["accessToken".into()],
            requirements: vec![vec![("accessToken".into(), vec![])]],
        }
    );
    assert_eq!(
        terms.parameters[0].example.as_ref().unwrap().to_json(),
        "en"
    );
    let accept = &v30.endpoints[2];
    let body = accept.body.as_ref().unwrap();
    assert!(body.required);
    assert_eq!(body.media_types, ["application/json"]);
    assert_eq!(body.examples.len(), 1);

    let v31 = &api.groups[1];
    let schema = v31.endpoints[0].responses[0].schema.as_ref().unwrap();
    assert_eq!(
        schema.description(),
        Some("The account, described beside the ref.")
    );
    let nickname =
        mxspec::model::Schema::new(schema.node.pointer("/properties/nickname").unwrap().clone());
    assert_eq!(nickname.types(), ["string", "null"]);
}

#[test]
fn dumps_parse_back_and_are_deterministic() {
    for name in ["swagger2", "openapi"] {
        let loaded = load(name);
        for api in &loaded.spec.apis {
            let swagger = mxspec::dump::to_json_bytes(&mxspec::dump::swagger2(api));
            assert_eq!(
                swagger,
                mxspec::dump::to_json_bytes(&mxspec::dump::swagger2(api))
            );
            let openapi = mxspec::dump::to_json_bytes(&mxspec::dump::openapi3(api).unwrap());
            let back: openapiv3::OpenAPI = serde_json::from_slice(&openapi).unwrap();
            let operations = back.operations().count();
            let endpoints = api.groups.iter().map(|g| g.endpoints.len()).sum::<usize>();
            assert_eq!(
                operations, endpoints,
                "{name}: every endpoint is an operation of the 3.0 dump"
            );
            let swagger: serde_json::Value = serde_json::from_slice(&swagger).unwrap();
            assert!(
                swagger["paths"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .all(|p| p.starts_with('/'))
            );
        }
    }
}

/// Every recursive marker in `node` names a schema that encloses it; returns how many there are.
fn markers_name_enclosing_schemas(
    node: &mxspec::source::Node,
    enclosing: &mut Vec<String>,
) -> usize {
    use mxspec::resolve::{RECURSION_TARGET, RECURSIVE};
    let Some(map) = node.as_map() else {
        return node.as_seq().map_or(0, |items| {
            items
                .iter()
                .map(|i| markers_name_enclosing_schemas(i, enclosing))
                .sum()
        });
    };
    if let Some(target) = map.get(RECURSIVE).and_then(|t| t.as_str()) {
        assert!(
            enclosing.iter().any(|e| e == target),
            "{target} is not among {enclosing:?}"
        );
        return 1;
    }
    let target = map.get(RECURSION_TARGET).and_then(|t| t.as_str());
    enclosing.extend(target.map(str::to_owned));
    let count = map
        .iter()
        .map(|(_, value)| markers_name_enclosing_schemas(value, enclosing))
        .sum();
    if target.is_some() {
        enclosing.pop();
    }
    count
}

#[test]
fn recursive_schemas_resolve_to_finite_trees_that_point_back() {
    let loaded = mxspec::load(&fixture("codegen"), &options()).unwrap();
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.rule == mxspec::diagnostic::Rule::RefCycle)
        .collect();
    assert!(errors.is_empty(), "recursion is not a cycle: {errors:#?}");
    let api = loaded.spec.api("edge").unwrap();
    let mut markers = 0;
    for endpoint in api.groups.iter().flat_map(|g| &g.endpoints) {
        let schemas = endpoint
            .body
            .iter()
            .map(|b| &b.schema)
            .chain(endpoint.responses.iter().filter_map(|r| r.schema.as_ref()));
        for schema in schemas {
            markers += markers_name_enclosing_schemas(&schema.node, &mut Vec::new());
        }
    }
    // A Tree holds 5 markers (children, parent, by_name, and its forest's trees and largest).
    // It is the request and the response of plantTree, and twice inside the forest endpoint's
    // Forest (its trees' items and largest), which is not itself recursive there.
    assert_eq!(markers, 4 * 5);
}
