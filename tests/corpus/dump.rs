//! `mxspec dump` on the corpus: the client-server Swagger 2.0 dump against the original's
//! `swagger/client-server.json`, and every API's OpenAPI 3.0 dump read back by openapiv3.

use std::collections::BTreeSet;

use super::{corpus, loaded, reference};
use mxspec::dump;
use mxspec::model::LoadOptions;

#[test]
fn client_server_swagger2_holds_every_reference_operation_and_the_untagged_ones() {
    // The original dumped with the version `unstable` in every path.
    let mut options = LoadOptions::default();
    options
        .substitutions
        .insert("CLIENT_MAJOR_VERSION".into(), "unstable".into());
    let loaded = mxspec::load(&corpus(), &options).unwrap();
    let api = loaded.spec.api("client-server").unwrap();
    let ours = dump::swagger2(api);
    let theirs: serde_json::Value = serde_json::from_slice(
        &std::fs::read(reference().join("swagger/client-server.json")).unwrap(),
    )
    .unwrap();

    let operations = |doc: &serde_json::Value| -> BTreeSet<(String, String, Option<String>)> {
        doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, item)| {
                item.as_object().unwrap().iter().map(move |(method, op)| {
                    (
                        path.clone(),
                        method.clone(),
                        op["operationId"].as_str().map(str::to_owned),
                    )
                })
            })
            .collect()
    };
    let ours_ops = operations(&ours);
    let theirs_ops = operations(&theirs);
    let missing: Vec<_> = theirs_ops.difference(&ours_ops).collect();
    assert!(
        missing.is_empty(),
        "reference operations missing from our dump: {missing:#?}"
    );
    let untagged = api
        .groups
        .iter()
        .flat_map(|g| &g.endpoints)
        .filter(|e| e.tags.is_empty())
        .count();
    assert_eq!(
        untagged, 18,
        "the original dropped 18 untagged client-server operations"
    );
    // One API cannot hold two definitions of one operation (`GET /events` is defined twice, a
    // corpus defect listed in docs/corpus-findings.md); the dump keeps the first.
    let mut seen = BTreeSet::new();
    let repeated = api
        .groups
        .iter()
        .flat_map(|g| &g.endpoints)
        .filter(|e| !seen.insert((e.method, &e.full_path)))
        .count();
    assert_eq!(repeated, 1);
    assert_eq!(
        ours_ops.len(),
        theirs_ops.len() + untagged - repeated,
        "ours = the reference's + the untagged ones"
    );
    println!(
        "client-server swagger2 dump: {} reference operations + {untagged} untagged",
        theirs_ops.len()
    );

    // Operation content matches too, for what both sides carry: parameters by (in, name).
    for (path, item) in theirs["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let mine = &ours["paths"][path][method];
            let names = |op: &serde_json::Value| -> BTreeSet<String> {
                op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| format!("{}:{}", p["in"], p["name"]))
                    .collect()
            };
            assert_eq!(names(mine), names(op), "{method} {path}");
            assert_eq!(
                mine["deprecated"].as_bool().unwrap_or(false),
                op["deprecated"].as_bool().unwrap_or(false)
            );
            let statuses = |op: &serde_json::Value| {
                op["responses"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect::<BTreeSet<_>>()
            };
            assert_eq!(statuses(mine), statuses(op), "{method} {path}");
        }
    }
}

#[test]
fn every_api_dumps_as_openapi3_that_openapiv3_reads_back() {
    for api in &loaded().spec.apis {
        let bytes = dump::to_json_bytes(&dump::openapi3(api).unwrap());
        let back: openapiv3::OpenAPI = serde_json::from_slice(&bytes).unwrap();
        let endpoints: BTreeSet<_> = api
            .groups
            .iter()
            .flat_map(|g| &g.endpoints)
            .map(|e| (e.full_path.clone(), e.method.key()))
            .collect();
        let operations: BTreeSet<_> = back
            .operations()
            .map(|(path, method, _)| (path.to_owned(), method))
            .collect();
        assert_eq!(operations, endpoints, "{}", api.name);
    }
}

#[test]
fn dumps_are_deterministic_and_ref_free() {
    let again = mxspec::load(&corpus(), &Default::default()).unwrap();
    for (api, other) in loaded().spec.apis.iter().zip(&again.spec.apis) {
        let first = dump::to_json_bytes(&dump::swagger2(api));
        assert_eq!(
            first,
            dump::to_json_bytes(&dump::swagger2(other)),
            "{}",
            api.name
        );
        let text = String::from_utf8(first).unwrap();
        assert!(
            !text.contains("\"$ref\""),
            "{} dump still has a $ref",
            api.name
        );
        let openapi = dump::to_json_bytes(&dump::openapi3(api).unwrap());
        assert_eq!(
            openapi,
            dump::to_json_bytes(&dump::openapi3(other).unwrap())
        );
    }
}

/// `--format openapi31` of today's tree against what the tree's own `scripts/dump-openapi.py`
/// wrote (`../shared/reference/matrix-spec-v1.14/openapi/`): byte for byte, every API.
#[test]
fn todays_openapi31_dumps_equal_dump_openapi_py_byte_for_byte() {
    let root = super::corpus_v114();
    let reference = root.join("../../reference/matrix-spec-v1.14/openapi");
    let loaded = mxspec::load(&root, &Default::default()).expect("v1.14 loads");
    let options = mxspec::dump::Openapi31Options {
        release: "unstable".into(),
        base_url: Some("https://spec.matrix.org/unstable/".into()),
    };
    let mut checked = 0;
    for api in &loaded.spec.apis {
        let ours = mxspec::dump::openapi31(api, &options);
        let theirs = std::fs::read(reference.join(format!("{}.json", api.name))).unwrap();
        assert!(
            ours == theirs,
            "{}: the openapi31 dump differs from dump-openapi.py's ({} bytes against {})",
            api.name,
            ours.len(),
            theirs.len()
        );
        checked += 1;
    }
    assert_eq!(checked, 5);
    println!("openapi31 parity: {checked} of 5 APIs byte-identical to dump-openapi.py");
}

/// Each of those reference dumps given as ROOT on its own (one document, one API): it loads
/// with every endpoint, and dumping it again gives it back byte for byte.
#[test]
fn each_reference_dump_is_a_document_that_dumps_back_to_itself() {
    let reference = super::reference_v114().join("openapi");
    let options = mxspec::dump::Openapi31Options {
        release: "unstable".into(),
        base_url: None,
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&reference).unwrap() {
        let path = entry.unwrap().path();
        let loaded = mxspec::load(&path, &Default::default()).expect("a document loads");
        assert_eq!(loaded.tree.layout(), mxspec::source::Layout::Document);
        let [api] = loaded.spec.apis.as_slice() else {
            panic!("{}: one API expected", path.display());
        };
        let theirs = std::fs::read(&path).unwrap();
        let ours = mxspec::dump::openapi31(api, &options);
        assert!(
            ours == theirs,
            "{}: dumped again, it differs",
            path.display()
        );
        names.push(api.name.clone());
    }
    names.sort();
    assert_eq!(
        names,
        [
            "application-service",
            "client-server",
            "identity",
            "push-gateway",
            "server-server"
        ]
    );
    println!("5 reference dumps loaded as single documents, each dumped back byte for byte");
}
