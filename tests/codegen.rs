//! `mxspec gen rust` on the project's own spec: the generated crate, file by file, against
//! the snapshot in `tests/snapshots/identity-api/` (`UPDATE_EXPECT=1` rewrites it).

use std::path::Path;

mod common;

/// The text of the generated file at `path`.
fn file<'a>(generated: &'a mxspec::codegen::Crate, path: &str) -> &'a str {
    &generated.files.iter().find(|(p, _)| p == path).unwrap().1
}

/// The crate of the one API of `doc` with its `call_every_operation` program, as `gen rust`
/// makes it (leaving out the examples `check` finds wrong), and the loaded tree.
fn with_program(doc: &str) -> (mxspec::Loaded, mxspec::codegen::Crate) {
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let unfit = mxspec::check::unfit_examples(&loaded);
    let options = mxspec::codegen::Options {
        unfit: &unfit,
        call_every_operation: true,
    };
    let generated =
        mxspec::codegen::rust_crate_with(&loaded.spec.apis[0], "api", &options).unwrap();
    (loaded, generated)
}

fn generate() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = mxspec::load(root, &Default::default()).unwrap();
    let api = loaded.spec.api("identity").unwrap();
    mxspec::codegen::rust_crate(api, "identity-api")
        .unwrap()
        .files
}

#[test]
fn the_identity_crate_matches_its_snapshot() {
    let files = generate();
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/identity-api");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let _ = std::fs::remove_dir_all(&snapshot);
        for (path, text) in &files {
            let target = snapshot.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, text).unwrap();
        }
    }
    let mut stored = Vec::new();
    for entry in walkdir::WalkDir::new(&snapshot).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let path = entry.path().strip_prefix(&snapshot).unwrap();
            stored.push((
                path.to_string_lossy().replace('\\', "/"),
                std::fs::read_to_string(entry.path()).unwrap(),
            ));
        }
    }
    stored.sort();
    let names =
        |files: &[(String, String)]| files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&files),
        names(&stored),
        "UPDATE_EXPECT=1 rewrites the snapshot"
    );
    for ((path, ours), (_, theirs)) in files.iter().zip(&stored) {
        assert_eq!(
            ours, theirs,
            "{path} differs from the snapshot; UPDATE_EXPECT=1 rewrites it"
        );
    }
}

#[test]
fn every_endpoint_is_a_module_with_metadata() {
    let files = generate();
    let lib = &files.iter().find(|(p, _)| p == "src/lib.rs").unwrap().1;
    let modules = lib.matches("pub mod ").count() - 4; // `support`, `types`, `client`, `server`
    assert_eq!(modules, 37, "one module per endpoint of api/identity");
    assert_eq!(lib.matches("#[deprecated").count(), 17, "the v1 endpoints");
    let register = &files
        .iter()
        .find(|(p, _)| p == "src/register_account.rs")
        .unwrap()
        .1;
    assert!(register.contains("authentication: AuthScheme::None"));
    let types = &files.iter().find(|(p, _)| p == "src/types.rs").unwrap().1;
    assert!(
        types.contains("pub struct ErrorBody"),
        "a schema titled Error gets a free name, once for every endpoint"
    );
    assert!(register.contains("pub use crate::types::ErrorBody;"));
    assert_eq!(
        files
            .iter()
            .filter(|(_, text)| text.contains("pub struct ErrorBody"))
            .count(),
        1,
        "the error body is defined once"
    );
    let bind = &files.iter().find(|(p, _)| p == "src/bind_v2.rs").unwrap().1;
    assert!(bind.contains("authentication: AuthScheme::AccessToken"));
    let server = &files.iter().find(|(p, _)| p == "src/server.rs").unwrap().1;
    // Each endpoint's route has its handler, made by the file's one `handle!` macro.
    assert_eq!(server.matches("(handle!(").count(), 37);
    assert_eq!(server.matches("macro_rules! handle").count(), 1);
    assert!(server.contains("\"M_UNAUTHORIZED\""));
    let client = &files.iter().find(|(p, _)| p == "src/client.rs").unwrap().1;
    // One method per endpoint, `send` for any request, `with_uia` for the 401 flows.
    assert_eq!(client.matches("pub async fn ").count(), 37 + 2);
    assert!(client.contains("pub async fn send("));
    assert!(client.contains("pub async fn with_uia<"));
    // No [workspace] table unless asked: the crate can join the user's workspace.
    let manifest = &files.iter().find(|(p, _)| p == "Cargo.toml").unwrap().1;
    assert!(!manifest.contains("[workspace]"));
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate(), generate());
}

#[test]
fn keywords_missing_ids_and_clashes_get_valid_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codegen");
    let loaded = mxspec::load(&root, &Default::default()).unwrap();
    let generated = mxspec::codegen::rust_crate(loaded.spec.api("edge").unwrap(), "edge").unwrap();
    let file = |name: &str| &generated.files.iter().find(|(p, _)| p == name).unwrap().1;
    let lib = file("src/lib.rs");
    assert!(
        lib.contains("pub mod put_things_type_self;"),
        "a module name made of method and path"
    );
    assert!(
        lib.contains("pub mod r#type;"),
        "a keyword operationId is a raw identifier"
    );
    let put = file("src/put_things_type_self.rs");
    for expected in [
        "pub r#type: String",
        "pub self_: String",
        "pub r#match: Option<Vec<i64>>",
        "pub foo_bar: String",
        "pub foo_bar2: Option<i64>",
        "pub struct ResultBody {",
        "pub struct ResultBody2 {",
        "pub pair: Option<(String, f64)>",
        "pub r#loop: Option<String>",
        "Other2,",
    ] {
        assert!(put.contains(expected), "{expected}");
    }
    let closed = put
        .split("pub struct ResultBodyClosed {")
        .nth(1)
        .unwrap()
        .split('}')
        .next()
        .unwrap();
    assert!(
        !closed.contains("additional_properties"),
        "additionalProperties: false is closed"
    );
    // Tree is used by two endpoints, so it is in `types`.
    assert!(file("src/plant_tree.rs").contains("pub use crate::types::Tree;"));
    let tree = file("src/types.rs");
    for expected in [
        "pub children: Option<Vec<Tree>>",
        "pub parent: Option<Box<Tree>>",
        "pub by_name: Option<std::collections::BTreeMap<String, Tree>>",
        "pub forest: Option<Forest>",
        "pub largest: Option<Box<Tree>>",
    ] {
        assert!(
            tree.contains(expected),
            "recursion is boxed once: {expected}"
        );
    }
    let shapes = file("src/post_shapes.rs");
    for expected in [
        "#[serde(untagged)]\npub enum ShapesCiphertext {",
        "String(String),\n    Map(std::collections::BTreeMap<String, CiphertextInfo>),",
        "pub enum ShapesId {\n    String(String),\n    Integer(i64),\n}",
        "pub maybe: Option<i64>,",
        "pub enum ShapesEither {\n    Circle(Circle),\n    Square(Square),\n}",
        "pub ids: Option<Vec<ShapesId>>,",
    ] {
        assert!(
            shapes.contains(expected),
            "alternatives are enums: {expected}"
        );
    }
    assert_eq!(generated.examples, 6);
}

#[test]
fn every_named_json_example_is_a_round_trip_test() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/build-openapi");
    let loaded = mxspec::load(&root, &Default::default()).unwrap();
    let api = loaded.spec.api("tokens").unwrap();
    let generated = mxspec::codegen::rust_crate(api, "tokens-api").unwrap();
    // Two named request examples and two named response examples.
    assert_eq!(generated.examples, 4);
    let tests = file(&generated, "tests/examples.rs");
    for what in [
        "request body, example `short`",
        "request body, example `forever`",
        "response 200, example `read`",
        "response 200, example `admin`",
    ] {
        assert!(tests.contains(what), "{what}");
    }
    // The Matrix version extensions reach the rustdoc, beside the parameter's description.
    let module = file(&generated, "src/create_token.rs");
    for doc in [
        "/// Create a token.\n///\n/// Added in Matrix v1.3.\n///\n/// Changed in Matrix v1.7: The lifetime became optional.\n",
        "/// Check the request without creating a token.\n    ///\n    /// `dry_run`, a query parameter.\n    ///\n    /// Added in Matrix v1.5.\n",
    ] {
        assert!(module.contains(doc), "{doc}\n{module}");
    }
}

#[test]
fn json_schema_2020_12_keywords_become_types() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codegen");
    let loaded = mxspec::load(&root, &Default::default()).unwrap();
    let generated =
        mxspec::codegen::rust_crate(loaded.spec.api("modern").unwrap(), "modern").unwrap();
    let shapes = file(&generated, "src/post_shapes.rs");
    for expected in [
        "pub kind: String,",
        "pub version: Option<i64>,",
        "pub flag: Option<bool>,",
        "pub point: (f64, f64, String),",
        "pub open_tuple: Option<Vec<serde_json::Value>>,",
        "pub maybe: Option<i64>,",
        "pub ref_to_defs: Option<Named>,",
    ] {
        assert!(shapes.contains(expected), "{expected}\n{shapes}");
    }
}

#[test]
fn what_a_crate_cannot_express_is_a_warning_where_it_is_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codegen");
    let loaded = mxspec::load(&root, &Default::default()).unwrap();
    let generated =
        mxspec::codegen::rust_crate(loaded.spec.api("modern").unwrap(), "modern").unwrap();
    // Reviewed in `lost.txt`: the structured `filter` and the cookie.
    let shown = mxspec::diagnostic::render(
        &loaded.tree,
        &generated.lost,
        mxspec::diagnostic::Format::Human,
    );
    common::expect_file(&root.join("lost.txt"), &shown);
    assert_eq!(generated.lost.len(), 2, "{shown}");
    // A map of scalars is not lost: each entry is a query pair of its own.
    let lookup = file(&generated, "src/lookup.rs");
    for expected in [
        "pub fields: std::collections::BTreeMap<String, String>,",
        "for (name, value) in &self.fields {",
        r#"crate::support::query_rest(&query, &["limit", "filter"])"#,
        "pub filter: Option<String>,",
        // A range and `default` are variants that carry the status they answered with.
        "Status4XX(u16),",
        "Default(u16),",
        "status @ 400u16..=499u16 => Ok(Response::Status4XX(status)),",
        "Response::Default(status) => (*status,",
    ] {
        assert!(lookup.contains(expected), "{expected}\n{lookup}");
    }
    assert!(
        !lookup.contains("FilterParam"),
        "no unused type for a structured parameter"
    );
}

#[test]
fn names_a_crate_cannot_take_are_renamed_and_shared_scalars_stay_scalars() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codegen");
    let loaded = mxspec::load(&root, &Default::default()).unwrap();
    let generated =
        mxspec::codegen::rust_crate(loaded.spec.api("reserved").unwrap(), "reserved").unwrap();
    let paths: Vec<&str> = generated.files.iter().map(|(p, _)| p.as_str()).collect();
    for module in [
        "self2",
        "super2",
        "crate2",
        "main2",
        "round_trip2",
        "serde2",
    ] {
        assert!(
            paths.contains(&format!("src/{module}.rs").as_str()),
            "{paths:?}"
        );
    }
    assert!(
        !paths.contains(&"src/main.rs"),
        "cargo would build it as a binary"
    );
    let lib = file(&generated, "src/lib.rs");
    assert!(
        lib.contains("pub mod self2;") && lib.contains("pub mod serde2;"),
        "{lib}"
    );
    // The shared integer enum is the integer it is, not a re-export of a type never made.
    let module = file(&generated, "src/self2.rs");
    assert!(!module.contains("crate::types::i64"), "{module}");
    assert!(
        !module.contains('\r'),
        "a bare CR is a compile error in a doc comment"
    );
}

/// Matrix's error bodies and user-interactive authentication belong to Matrix trees: the
/// crate of another API keeps a failed status's body as it came and answers with RFC 9457
/// problem details.
#[test]
fn a_crate_of_another_api_speaks_no_matrix() {
    let doc = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    post:\n      operationId: addPet\n      summary: s\n      requestBody: {content: {application/json: {schema: {type: object}}}}\n      responses: {'200': {description: ok}}\n";
    let (_dir, loaded) = common::load_written(&[("pets.yaml", doc)], "pets.yaml", |_| {});
    let api = &loaded.spec.apis[0];
    assert!(!api.matrix);
    let generated = mxspec::codegen::rust_crate(api, "pets-api").unwrap();
    let (client, server) = (
        file(&generated, "src/client.rs"),
        file(&generated, "src/server.rs"),
    );
    for matrix in ["MatrixError", "errcode", "M_", "with_uia", "UiaChallenge"] {
        assert!(!client.contains(matrix), "{matrix} in the client");
        assert!(!server.contains(matrix), "{matrix} in the server");
    }
    assert!(server.contains("application/problem+json"));
    assert!(server.contains("501") && server.contains("\"Not Implemented\""));
    // A Matrix tree's crate keeps them.
    let matrix = generate();
    let client = &matrix.iter().find(|(p, _)| p == "src/client.rs").unwrap().1;
    assert!(client.contains("pub struct MatrixError") && client.contains("pub async fn with_uia"));
}

/// A required field that may be `null` (OpenAPI 3.0's `nullable: true` or a 3.1 type list)
/// is an `Option`, and a field whose name Rust renames (`self` becomes `self_`) keeps its
/// JSON name.
#[test]
fn nullable_fields_are_options_and_renamed_fields_keep_their_json_name() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      summary: s\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                required: [a, self]\n                properties:\n                  a: {type: string, nullable: true}\n                  self: {type: string}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let generated = mxspec::codegen::rust_crate(&loaded.spec.apis[0], "api").unwrap();
    let module = file(&generated, "src/get_a.rs");
    assert!(module.contains("pub a: Option<String>,"), "{module}");
    assert!(
        module.contains("#[serde(rename = \"self\")]") && module.contains("pub self_: String,"),
        "{module}"
    );
}

/// A schema without a `title` is named after the component a ref names it by, not after
/// the first place that uses it.
#[test]
fn an_untitled_component_schema_is_named_after_its_component() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      summary: s\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}\n    post:\n      operationId: addPet\n      summary: s\n      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}\n      responses: {'200': {description: ok}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let generated = mxspec::codegen::rust_crate(&loaded.spec.apis[0], "api").unwrap();
    assert!(file(&generated, "src/types.rs").contains("pub struct Pet {"));
    assert!(file(&generated, "src/list_pets.rs").contains("pub use crate::types::Pet;"));
}

/// A JSON body is sent with the media type the spec lists for it: `application/json` when
/// listed, else its own `+json` type, which a strict server would otherwise answer with 415;
/// bytes of one listed type are sent as that type.
#[test]
fn a_json_body_is_sent_as_the_json_type_the_spec_lists() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    patch:\n      operationId: patchA\n      summary: s\n      requestBody: {content: {application/merge-patch+json: {schema: {type: object}}}}\n      responses: {'204': {description: done}}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let generated = mxspec::codegen::rust_crate(&loaded.spec.apis[0], "api").unwrap();
    let module = file(&generated, "src/patch_a.rs");
    assert!(
        module.contains("\"application/merge-patch+json\""),
        "{module}"
    );
    // Bytes of the one type the spec lists (a form) are sent as that type.
    let doc = doc.replace(
        "application/merge-patch+json: {schema: {type: object}}",
        "application/x-www-form-urlencoded: {schema: {type: string}}",
    );
    let (_dir, loaded) = common::load_written(&[("api.yaml", &doc)], "api.yaml", |_| {});
    let generated = mxspec::codegen::rust_crate(&loaded.spec.apis[0], "api").unwrap();
    let module = file(&generated, "src/patch_a.rs");
    assert!(
        module.contains("\"application/x-www-form-urlencoded\""),
        "{module}"
    );
}

/// An endpoint's key goes where its security scheme says (a header or query parameter of the
/// scheme's name, Basic or Bearer); a Matrix tree's token always goes in the `Authorization`
/// header.
#[test]
fn credentials_go_where_the_security_scheme_says() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nsecurity: [{key: []}]\npaths:\n  /a:\n    get: {operationId: getA, summary: s, responses: {'200': {description: ok}}}\n  /b:\n    get: {operationId: getB, summary: s, security: [{q: []}], responses: {'200': {description: ok}}}\n  /c:\n    get: {operationId: getC, summary: s, security: [{basic: []}], responses: {'200': {description: ok}}}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Api-Key}\n    q: {type: apiKey, in: query, name: api_key}\n    basic: {type: http, scheme: basic}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let generated = mxspec::codegen::rust_crate(&loaded.spec.apis[0], "api").unwrap();
    for (module, credential) in [
        ("src/get_a.rs", r#"Credential::Header("X-Api-Key")"#),
        ("src/get_b.rs", r#"Credential::Query("api_key")"#),
        ("src/get_c.rs", "Credential::Basic"),
    ] {
        assert!(file(&generated, module).contains(credential), "{module}");
    }
    let matrix = generate();
    let module = &matrix
        .iter()
        .find(|(p, _)| p == "src/bind_v2.rs")
        .unwrap()
        .1;
    assert!(module.contains("Credential::Bearer"));
}

/// A nullable schema that more than one endpoint uses is one type of the `types` module, and
/// every use of it (a field of a shared body, an endpoint's own body) is an `Option` of it.
#[test]
fn a_shared_nullable_type_is_one_type_used_as_an_option() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    put:\n      operationId: putA\n      summary: s\n      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Droplet'}}}}\n      responses: {'204': {description: done}}\n  /b:\n    put:\n      operationId: putB\n      summary: s\n      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Droplet'}}}}\n      responses: {'204': {description: done}}\ncomponents:\n  schemas:\n    Droplet:\n      type: object\n      required: [region]\n      properties:\n        region: {$ref: '#/components/schemas/Region'}\n    Region:\n      type: object\n      nullable: true\n      properties: {slug: {type: string}}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let generated = mxspec::codegen::rust_crate(&loaded.spec.apis[0], "api").unwrap();
    let types = file(&generated, "src/types.rs");
    assert!(
        types.contains("pub struct Region {") && types.contains("pub region: Option<Region>,"),
        "{types}"
    );
    for module in ["src/put_a.rs", "src/put_b.rs"] {
        let module = file(&generated, module);
        assert!(
            module.contains("pub use crate::types::Droplet;"),
            "{module}"
        );
        assert!(!module.contains("struct Region"), "{module}");
    }
}

/// Under `lenient` a struct fills a missing required field with a default, so the untagged
/// enum of a `oneOf` would read every object as its first alternative: the crate's own
/// `Deserialize` tries first the alternatives whose required fields are all there.
#[test]
fn a_lenient_one_of_tries_the_alternative_whose_required_fields_are_there() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pools:\n    post:\n      operationId: createPool\n      summary: s\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                config:\n                  oneOf:\n                    - {type: object, required: [target], properties: {target: {type: integer}}}\n                    - {type: object, required: [min, max], properties: {min: {type: integer}, max: {type: integer}}}\n      responses: {'204': {description: done}}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let generated = mxspec::codegen::rust_crate(&loaded.spec.apis[0], "api").unwrap();
    let module = file(&generated, "src/create_pool.rs");
    assert!(
        module.contains("#[cfg_attr(not(feature = \"lenient\"), derive(serde::Deserialize))]"),
        "{module}"
    );
    assert!(
        module.contains("has_fields(&value, &[\"target\"])")
            && module.contains("has_fields(&value, &[\"min\", \"max\"])"),
        "{module}"
    );
}

/// An example `check` finds wrong (one that does not match its schema, one with an integer
/// past 64 bits) is no test of the crate, where it would fail in the user's `cargo test`:
/// it is left out with a `gen-lossy` warning at the example.
#[test]
fn examples_check_finds_wrong_are_left_out_of_the_tests() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      summary: s\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: object, properties: {n: {type: integer}}}\n              examples:\n                right: {value: {n: 1}}\n                wrong: {value: {n: not-a-number}}\n                huge: {value: {n: 99999999999999999999}}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let unfit = mxspec::check::unfit_examples(&loaded);
    assert_eq!(unfit.len(), 2, "{unfit:?}");
    let api = &loaded.spec.apis[0];
    let generated = mxspec::codegen::rust_crate_leaving_out(api, "api", &unfit).unwrap();
    assert_eq!(generated.examples, 1);
    let tests = file(&generated, "tests/examples.rs");
    assert!(tests.contains("example `right`") && !tests.contains("example `wrong`"));
    let left: Vec<u32> = generated
        .lost
        .iter()
        .filter(|d| d.message.contains("not a test of the crate"))
        .map(|d| d.span.line)
        .collect();
    assert_eq!(left, [16, 17]);
    // Without the findings, every example is a test.
    let all = mxspec::codegen::rust_crate(api, "api").unwrap();
    assert_eq!(all.examples, 3);
}

/// `--call-every-operation`: the program's request of each operation takes the parameter's
/// own example, else a value of its schema (the first `enum` value, a bounded integer), the
/// body's example split over the flat fields, and leaves optional values out; an example
/// `check` finds wrong is neither sent nor read as the crate's failure.
#[test]
fn the_call_every_operation_program_makes_each_request_from_the_spec() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets/{id}:\n    put:\n      operationId: putPet\n      summary: s\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: integer}, example: 42}\n        - {name: kind, in: query, required: true, schema: {type: string, enum: [cat, dog]}}\n        - {name: page, in: query, schema: {type: integer, minimum: 5}}\n        - {name: X-Size, in: header, required: true, schema: {type: integer, minimum: 5, multipleOf: 2}}\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {type: object, required: [name], properties: {name: {type: string}, age: {type: integer}}}\n            example: {name: Rex, age: 3}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: object, properties: {id: {type: integer}}}\n              example: {id: wrong}\n";
    let (loaded, generated) = with_program(doc);
    let program = file(&generated, "examples/call_every_operation.rs");
    for expected in [
        "id: value(\"42\")?",
        "kind: value(\"\\\"cat\\\"\")?",
        "page: None",
        "x_size: value(\"6\")?",
        "name: value(\"\\\"Rex\\\"\")?",
        "age: value(\"3\")?",
        // The response example `check` finds wrong: a defect of the spec, not the crate's.
        "defective: &[200u16]",
    ] {
        assert!(program.contains(expected), "{expected} in:\n{program}");
    }
    let manifest = file(&generated, "Cargo.toml");
    assert!(
        manifest.contains(
            "[[example]]\nname = \"call_every_operation\"\nrequired-features = [\"client\"]"
        ),
        "{manifest}"
    );
    // Without the option, neither the program nor its manifest entry.
    let plain = mxspec::codegen::rust_crate(&loaded.spec.apis[0], "api").unwrap();
    assert!(!plain.files.iter().any(|(p, _)| p.starts_with("examples/")));
    assert!(!file(&plain, "Cargo.toml").contains("[[example]]"));
}

/// A request asks for the media type whose schema the crate reads its answer with: a server
/// that has several forms (`application/vnd.github.object` and `application/json`) would
/// otherwise answer in another, and one that has only `text/csv` refuses `*/*`... or JSON.
#[test]
fn a_request_accepts_the_media_type_the_crate_reads() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      summary: s\n      responses:\n        '200':\n          description: ok\n          content:\n            application/vnd.github.object: {schema: {type: object}}\n            application/json: {schema: {type: array}}\n        '404':\n          description: no\n          content: {application/problem+json: {schema: {type: object}}}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let generated = mxspec::codegen::rust_crate(&loaded.spec.apis[0], "api").unwrap();
    let module = file(&generated, "src/get_a.rs");
    assert!(
        module.contains("Some(\"application/vnd.github.object\")"),
        "{module}"
    );
}

/// What `call_every_operation` prints is printable: a parameter name from the tree with a
/// terminal escape is escaped in its failure message, and what the server answers (a mock's
/// answers are the spec's examples) goes through the program's own `printable`.
#[test]
fn the_call_every_operation_program_prints_no_control_sequence_from_the_tree() {
    let doc = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      summary: s\n      parameters:\n        - {name: \"q\\e[2J\\u202E\", in: query, required: true, schema: false}\n      responses: {'204': {description: done}}\n";
    let (_, generated) = with_program(doc);
    let program = file(&generated, "examples/call_every_operation.rs");
    assert!(program.contains("no value of parameter"), "{program}");
    assert!(
        !program.contains('\u{1b}') && !program.contains('\u{202E}'),
        "{program}"
    );
    assert!(program.contains("operation.name, printable("), "{program}");
}

/// A call returns its success's body when the spec lists one success status (a body or
/// none), and the `Response` to match when it lists several; a schema titled `Success` does
/// not take the name.
#[test]
fn a_call_returns_the_body_of_its_one_success() {
    let doc = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {title: Success, type: object, properties: {n: {type: integer}}}}}}\n        '404': {description: none}\n    post:\n      operationId: addPet\n      responses: {'200': {description: there}, '201': {description: made}}\n    delete:\n      operationId: dropPets\n      responses: {'2XX': {description: gone}}\n";
    let (_dir, loaded) = common::load_written(&[("pets.yaml", doc)], "pets.yaml", |_| {});
    let generated = mxspec::codegen::rust_crate(&loaded.spec.apis[0], "pets-api").unwrap();
    let client = file(&generated, "src/client.rs");
    assert!(
        client.contains("-> Result<crate::list_pets::Success, ClientError>"),
        "{client}"
    );
    assert!(client.contains("-> Result<crate::add_pet::Response, ClientError>"));
    assert!(client.contains("-> Result<crate::drop_pets::Success, ClientError>"));
    let list = file(&generated, "src/list_pets.rs");
    assert!(list.contains("pub type Success = SuccessBody;"), "{list}");
    assert!(list.contains("Response::Status200(body) => Some(body),"));
    assert!(!file(&generated, "src/add_pet.rs").contains("pub type Success"));
    let drop = file(&generated, "src/drop_pets.rs");
    assert!(drop.contains("pub type Success = ();"), "{drop}");
    assert!(drop.contains("Response::Status2XX(_) => Some(()),"));
}
