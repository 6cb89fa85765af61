//! `dump --format bundle`: a multi-file description becomes one document whose refs into
//! other files became components by name, as `redocly bundle` makes it.

use serde_json::{Value, json};

mod common;

/// Writes `files` under a fresh folder, loads `document` with that folder as its root and
/// bundles it: the JSON, or the rules of the problems.
fn bundle(files: &[(&str, &str)], document: &str) -> Result<Value, Vec<String>> {
    // Small, so the diamond below stops soon.
    let (_dir, mut loaded) = common::load_written(files, document, |options| {
        options.source.limits.inlined_nodes = 100_000;
    });
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity() == mxspec::diagnostic::Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let group = &loaded.spec.apis[0].groups[0];
    let (file, format) = (group.file, group.format);
    mxspec::dump::bundle(&mut loaded.tree, file, format)
        .map(|bundled| bundled.json)
        .map_err(|found| found.iter().map(|d| d.rule.name().to_owned()).collect())
}

const HEAD: &str =
    "openapi: 3.0.3\ninfo: {title: Pets, version: '2'}\nservers: [{url: 'https://pets.test/v2'}]\n";

#[test]
fn refs_to_other_files_become_components_and_the_document_keeps_its_own() {
    let doc = format!(
        "{HEAD}paths:\n  /pets/{{id}}:\n    parameters: [{{$ref: 'parameters.yaml#/PetId'}}]\n    get:\n      summary: s\n      operationId: get\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: 'schemas/Pet.yaml'}}\n        default: {{$ref: '#/components/responses/Error'}}\ncomponents:\n  responses:\n    Error: {{description: error}}\n  schemas:\n    Pet: {{type: string}}\n"
    );
    let files = [
        ("api.yaml", doc.as_str()),
        (
            "parameters.yaml",
            "PetId: {name: id, in: path, required: true, schema: {type: string}}\n",
        ),
        (
            "schemas/Pet.yaml",
            "type: object\nproperties:\n  owner: {$ref: 'Owner.yaml'}\n  friend: {$ref: '#'}\n",
        ),
        ("schemas/Owner.yaml", "type: string\n"),
    ];
    let json = bundle(&files, "api.yaml").unwrap();
    assert_eq!(mxspec::dump::dangling_refs(&json), (5, Vec::new()));
    // The document's own parts, as written.
    assert_eq!(json["info"], json!({"title": "Pets", "version": "2"}));
    assert_eq!(json["servers"], json!([{"url": "https://pets.test/v2"}]));
    let get = &json["paths"]["/pets/{id}"]["get"];
    assert_eq!(
        get["responses"]["default"],
        json!({"$ref": "#/components/responses/Error"})
    );
    // `Pet` is taken by the document, so the file's schema is numbered; its own refs moved
    // too, the one to itself included.
    assert_eq!(
        get["responses"]["200"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/Pet-2"})
    );
    assert_eq!(
        json["components"]["schemas"],
        json!({
            "Pet": {"type": "string"},
            "Pet-2": {"type": "object", "properties": {
                "owner": {"$ref": "#/components/schemas/Owner"},
                "friend": {"$ref": "#/components/schemas/Pet-2"},
            }},
            "Owner": {"type": "string"},
        })
    );
    assert_eq!(
        json["paths"]["/pets/{id}"]["parameters"],
        json!([{"$ref": "#/components/parameters/PetId"}])
    );
    assert_eq!(
        json["components"]["parameters"]["PetId"]["name"],
        json!("id")
    );
}

#[test]
fn operations_and_path_items_are_inlined_and_each_target_is_placed_once() {
    let doc = format!(
        "{HEAD}paths:\n  /a:\n    get: {{$ref: 'ops/a.yaml'}}\n  /b: {{$ref: 'paths/b.yaml'}}\n"
    );
    let op = "summary: s\noperationId: OP\nresponses:\n  '200':\n    description: ok\n    content: {application/json: {schema: {$ref: '../models.yaml#/Thing'}}}\n";
    let files = [
        ("api.yaml", doc.as_str()),
        ("ops/a.yaml", &op.replace("OP", "a")),
        (
            "paths/b.yaml",
            &format!("get:\n  {}", op.replace("OP", "b").replace('\n', "\n  ")),
        ),
        ("models.yaml", "Thing: {type: integer}\n"),
    ];
    let json = bundle(&files, "api.yaml").unwrap();
    let schema = |path: &str| {
        json["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            .clone()
    };
    assert_eq!(json["paths"]["/a"]["get"]["operationId"], json!("a"));
    assert_eq!(json["paths"]["/b"]["get"]["operationId"], json!("b"));
    assert_eq!(schema("/a"), json!({"$ref": "#/components/schemas/Thing"}));
    assert_eq!(schema("/b"), schema("/a"));
    assert_eq!(
        json["components"]["schemas"],
        json!({"Thing": {"type": "integer"}})
    );
}

#[test]
fn refs_for_maps_and_in_data_are_inlined_and_discriminator_mappings_follow() {
    let doc = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties: {{$ref: 'props.yaml'}}\n      example: {{$ref: 'example.yaml'}}\n      discriminator:\n        propertyName: kind\n        mapping: {{dog: 'dog.yaml', cat: Cat}}\n    Cat: {{type: object}}\n"
    );
    let files = [
        ("api.yaml", doc.as_str()),
        (
            "props.yaml",
            "kind: {type: string}\nage: {$ref: 'age.yaml'}\n",
        ),
        ("age.yaml", "type: integer\n"),
        ("example.yaml", "kind: dog\n"),
        ("dog.yaml", "type: object\n"),
    ];
    let json = bundle(&files, "api.yaml").unwrap();
    let pet = &json["components"]["schemas"]["Pet"];
    assert_eq!(
        pet["properties"],
        json!({"kind": {"type": "string"}, "age": {"$ref": "#/components/schemas/age"}})
    );
    assert_eq!(pet["example"], json!({"kind": "dog"}));
    assert_eq!(
        pet["discriminator"]["mapping"],
        json!({"dog": "#/components/schemas/dog", "cat": "Cat"})
    );
    assert_eq!(
        json["components"]["schemas"]["dog"],
        json!({"type": "object"})
    );
}

#[test]
fn swagger_2_moves_targets_to_its_top_level_sections() {
    let doc = "swagger: '2.0'\ninfo: {title: t, version: '1'}\nhost: pets.test\nbasePath: /v1\npaths:\n  /pets:\n    get:\n      summary: s\n      operationId: list\n      parameters: [{$ref: 'common.yaml#/parameters/limit'}]\n      responses:\n        200: {description: ok, schema: {$ref: 'common.yaml#/definitions/Pet'}}\n";
    let common = "parameters:\n  limit: {name: limit, in: query, type: integer}\ndefinitions:\n  Pet: {type: object, properties: {id: {type: integer}}}\n";
    let json = bundle(&[("api.yaml", doc), ("common.yaml", common)], "api.yaml").unwrap();
    assert_eq!(json["host"], json!("pets.test"));
    assert_eq!(
        json["paths"]["/pets"]["get"]["responses"]["200"]["schema"],
        json!({"$ref": "#/definitions/Pet"})
    );
    assert_eq!(json["parameters"]["limit"]["name"], json!("limit"));
    assert!(json.get("components").is_none());
}

#[test]
fn a_cycle_of_inlined_refs_is_an_error_not_a_hang() {
    let doc = format!("{HEAD}paths: {{}}\nx-loop: {{$ref: 'a.yaml'}}\n");
    let files = [
        ("api.yaml", doc.as_str()),
        ("a.yaml", "next: {$ref: 'b.yaml'}\n"),
        ("b.yaml", "next: {$ref: 'a.yaml'}\n"),
    ];
    // Where a ref has no component to stand for, its target is inlined: a loop of them has
    // no end.
    let (_dir, mut loaded) = common::load_written(&files, "api.yaml", |_| {});
    let group = &loaded.spec.apis[0].groups[0];
    let (file, format) = (group.file, group.format);
    let found = mxspec::dump::bundle(&mut loaded.tree, file, format).unwrap_err();
    assert!(
        found.iter().any(|d| d.rule.name() == "ref-cycle"),
        "{found:?}"
    );
}

#[test]
fn a_diamond_of_inlined_refs_stops_at_the_inlining_limit() {
    // Each level names the next twice, where refs are inlined: 2^40 nodes if nothing stopped it.
    let mut files = vec![(
        "api.yaml".to_owned(),
        format!("{HEAD}paths: {{}}\nx-big: {{$ref: 'l0.yaml'}}\n"),
    )];
    for level in 0..40 {
        files.push((
            format!("l{level}.yaml"),
            format!(
                "a: {{$ref: 'l{0}.yaml'}}\nb: {{$ref: 'l{0}.yaml'}}\n",
                level + 1
            ),
        ));
    }
    files.push(("l40.yaml".into(), "leaf: 1\n".into()));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect();
    assert_eq!(bundle(&files, "api.yaml").unwrap_err(), ["limit-exceeded"]);
}

#[test]
fn a_target_equal_to_the_component_holding_its_name_is_that_component() {
    let doc = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      summary: s\n      operationId: a\n      parameters: [{{$ref: 'p.yaml#/Limit'}}, {{$ref: 'q.yaml#/Limit'}}]\n      responses: {{'200': {{description: ok}}}}\ncomponents:\n  parameters:\n    Limit: {{name: limit, in: query, schema: {{type: integer}}}}\n"
    );
    let files = [
        ("api.yaml", doc.as_str()),
        (
            "p.yaml",
            "Limit: {name: limit, in: query, schema: {type: integer}}\n",
        ),
        (
            "q.yaml",
            "Limit: {name: limit, in: header, schema: {type: integer}}\n",
        ),
    ];
    let json = bundle(&files, "api.yaml").unwrap();
    assert_eq!(
        json["paths"]["/a"]["get"]["parameters"],
        json!([
            {"$ref": "#/components/parameters/Limit"},
            {"$ref": "#/components/parameters/Limit-2"},
        ])
    );
    let names: Vec<&String> = json["components"]["parameters"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(names, ["Limit", "Limit-2"]);
}

/// The converted dumps (built from the model) of one document keep its own `info` and its
/// servers, as origins of the absolute paths they write; Matrix's titles and servers are for
/// Matrix trees only.
#[test]
fn converted_dumps_of_a_document_keep_its_info_and_servers() {
    let doc = "openapi: 3.0.3\ninfo: {title: Pets, version: '2', license: {name: MIT}}\nservers:\n  - {url: 'https://pets.test/v2/', description: production}\n  - {url: 'https://{region}.pets.test/v2', variables: {region: {default: eu}}}\npaths:\n  /pets:\n    get: {summary: s, operationId: list, responses: {'200': {description: ok}}}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let api = &loaded.spec.apis[0];
    assert!(!api.matrix);
    let servers = json!([
        {"url": "https://pets.test", "description": "production"},
        {"url": "https://{region}.pets.test", "variables": {"region": {"default": "eu"}}},
    ]);
    let info = json!({"title": "Pets", "version": "2", "license": {"name": "MIT"}});
    let openapi3 = serde_json::to_value(mxspec::dump::openapi3(api).unwrap()).unwrap();
    assert_eq!(openapi3["info"], info);
    assert_eq!(openapi3["servers"], servers);
    assert!(openapi3["paths"].get("/v2/pets").is_some());
    let swagger2 = mxspec::dump::swagger2(api);
    assert_eq!(swagger2["info"], info);
    assert_eq!(swagger2["host"], "pets.test");
    assert_eq!(swagger2["schemes"], json!(["https"]));
    let options = mxspec::dump::Openapi31Options {
        release: "unstable".into(),
        base_url: None,
    };
    let openapi31: Value = serde_json::from_slice(&mxspec::dump::openapi31(api, &options)).unwrap();
    assert_eq!(openapi31["info"], info);
    assert_eq!(openapi31["servers"], servers);
    // A base path written with a variable: the origin at the defaults, not the template,
    // which would put the base path before the paths twice.
    let doc = doc.replace(
        "  - {url: 'https://pets.test/v2/', description: production}\n",
        "  - {url: 'https://pets.test{base}', variables: {base: {default: /v2}}}\n",
    );
    let (_dir, loaded) = common::load_written(&[("api.yaml", &doc)], "api.yaml", |_| {});
    let openapi3 =
        serde_json::to_value(mxspec::dump::openapi3(&loaded.spec.apis[0]).unwrap()).unwrap();
    assert_eq!(openapi3["servers"][0], json!({"url": "https://pets.test"}));
    assert!(openapi3["paths"].get("/v2/pets").is_some());
}

/// OAuth 2.0 and OpenID Connect schemes survive the converted dumps: OpenAPI 3.0 keeps every
/// flow with its URLs and scopes, Swagger 2.0 keeps the first flow (its own flow names) and
/// reports what it leaves out at the scheme; a Swagger 2.0 flow reads as its OpenAPI 3 one.
#[test]
fn oauth2_and_openid_connect_schemes_keep_their_flows_and_scopes() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {operationId: a, security: [{oauth: [read]}, {oidc: []}], responses: {'200': {description: ok}}}\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        implicit: {authorizationUrl: 'https://a.test/auth', scopes: {read: Read it, write: Write it}}\n        authorizationCode: {authorizationUrl: 'https://a.test/auth', tokenUrl: 'https://a.test/token', refreshUrl: 'https://a.test/refresh', scopes: {read: Read it}}\n    oidc: {type: openIdConnect, openIdConnectUrl: 'https://a.test/.well-known/openid-configuration'}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let api = &loaded.spec.apis[0];
    let openapi3 = serde_json::to_value(mxspec::dump::openapi3(api).unwrap()).unwrap();
    let schemes = &openapi3["components"]["securitySchemes"];
    assert_eq!(
        schemes["oauth"]["flows"]["implicit"],
        json!({"authorizationUrl": "https://a.test/auth", "scopes": {"read": "Read it", "write": "Write it"}})
    );
    assert_eq!(
        schemes["oauth"]["flows"]["authorizationCode"]["refreshUrl"],
        "https://a.test/refresh"
    );
    assert_eq!(
        schemes["oidc"],
        json!({"type": "openIdConnect", "openIdConnectUrl": "https://a.test/.well-known/openid-configuration"})
    );
    let swagger2 = mxspec::dump::swagger2(api);
    assert_eq!(
        swagger2["securityDefinitions"]["oauth"],
        json!({"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a.test/auth", "scopes": {"read": "Read it", "write": "Write it"}})
    );
    assert_eq!(swagger2["securityDefinitions"]["oidc"]["in"], "header");
    let losses: Vec<String> = mxspec::dump::losses(api, mxspec::dump::Target::Swagger2)
        .into_iter()
        .map(|d| format!("{}:{} {}", d.span.line, d.span.column, d.message))
        .collect();
    assert_eq!(losses.len(), 3, "{losses:#?}");
    assert!(losses[0].starts_with("9:7 security scheme `oauth`: a Swagger 2.0 scheme has one OAuth 2.0 flow; the dump keeps `implicit` and leaves out `authorizationCode`"), "{losses:#?}");
    assert!(
        losses.iter().any(|l| l.contains("no `refreshUrl`")),
        "{losses:#?}"
    );
    assert!(
        losses
            .iter()
            .any(|l| l.starts_with("13:11 security scheme `oidc`")),
        "{losses:#?}"
    );
    assert!(mxspec::dump::losses(api, mxspec::dump::Target::OpenApi30).is_empty());

    // Swagger 2.0's `accessCode` is OpenAPI 3's `authorizationCode`.
    let doc = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {operationId: a, security: [{oauth: [read]}], responses: {'200': {description: ok}}}\nsecurityDefinitions:\n  oauth: {type: oauth2, flow: accessCode, authorizationUrl: 'https://a.test/auth', tokenUrl: 'https://a.test/token', scopes: {read: Read it}}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let openapi3 =
        serde_json::to_value(mxspec::dump::openapi3(&loaded.spec.apis[0]).unwrap()).unwrap();
    assert_eq!(
        openapi3["components"]["securitySchemes"]["oauth"]["flows"],
        json!({"authorizationCode": {"authorizationUrl": "https://a.test/auth", "tokenUrl": "https://a.test/token", "scopes": {"read": "Read it"}}})
    );
}

/// OpenAPI 3.1 lets an operation list no responses; OpenAPI 3.0 and Swagger 2.0 need one: the
/// converted dumps write a `default` response that says the source lists none, and report it.
#[test]
fn an_operation_without_responses_gets_a_default_one_in_older_formats() {
    let doc = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /users:\n    get: {operationId: users}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let api = &loaded.spec.apis[0];
    let openapi3 = serde_json::to_value(mxspec::dump::openapi3(api).unwrap()).unwrap();
    let default = json!({"default": {"description": "The source lists no responses."}});
    assert_eq!(openapi3["paths"]["/users"]["get"]["responses"], default);
    let swagger2 = mxspec::dump::swagger2(api);
    assert_eq!(swagger2["paths"]["/users"]["get"]["responses"], default);
    for target in [
        mxspec::dump::Target::OpenApi30,
        mxspec::dump::Target::Swagger2,
    ] {
        let losses = mxspec::dump::losses(api, target);
        assert_eq!(losses.len(), 1, "{losses:?}");
        assert!(losses[0].message.contains("needs a response"));
        assert_eq!(losses[0].span.line, 5);
    }
}

/// An integer past `i64` (DigitalOcean's `9223372036854776000`, 2^63) stays an integer in a
/// converted dump, where it became `9.223372036854776e18`, which validators take for no
/// integer.
#[test]
fn an_integer_past_i64_stays_an_integer_in_a_dump() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: a\n      parameters: [{name: n, in: query, schema: {type: integer, default: 9223372036854776000}}]\n      responses: {'200': {description: ok}}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let openapi3 =
        serde_json::to_value(mxspec::dump::openapi3(&loaded.spec.apis[0]).unwrap()).unwrap();
    let default = &openapi3["paths"]["/a"]["get"]["parameters"][0]["schema"]["default"];
    assert_eq!(
        default.as_u64(),
        Some(9_223_372_036_854_775_808),
        "{default}"
    );
}

fn components() -> mxspec::dump::Options {
    mxspec::dump::Options {
        refs: mxspec::dump::Refs::Components,
        budget: 100_000,
    }
}

/// Converted dumps keep what refs name by name, as `redocly bundle` does: a schema file used
/// twice is one definition named after its file, a component keeps its key, a recursive
/// schema refers to its own definition, a response and its headers named by refs are kept in
/// their sections; `Refs::Inline` writes the ref-free form.
#[test]
fn converted_dumps_keep_ref_targets_by_name() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      operationId: list\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: 'schemas/pet.yaml'}}}}}\n        '404': {$ref: '#/components/responses/NotFound'}\n    post:\n      operationId: add\n      requestBody: {content: {application/json: {schema: {$ref: 'schemas/pet.yaml'}}}}\n      responses:\n        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Tree'}}}}\n        '404': {$ref: '#/components/responses/NotFound'}\ncomponents:\n  headers:\n    Limit: {description: calls left, schema: {type: integer}}\n  responses:\n    NotFound:\n      description: none\n      headers: {X-Limit: {$ref: '#/components/headers/Limit'}}\n      content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}\n  schemas:\n    Error: {type: object, properties: {message: {type: string}}}\n    Tree: {type: object, properties: {kids: {type: array, items: {$ref: '#/components/schemas/Tree'}}}}\n";
    let files = [
        ("api.yaml", doc),
        (
            "schemas/pet.yaml",
            "type: object\nproperties:\n  name: {type: string}\n  error: {$ref: '../api.yaml#/components/schemas/Error'}\n",
        ),
    ];
    let (_dir, loaded) = common::load_written(&files, "api.yaml", |_| {});
    let api = &loaded.spec.apis[0];
    let openapi3 =
        serde_json::to_value(mxspec::dump::openapi3_with(api, &components()).unwrap()).unwrap();
    let schemas = &openapi3["components"]["schemas"];
    let names: Vec<&String> = schemas.as_object().unwrap().keys().collect();
    assert_eq!(names, ["Error", "Tree", "pet"]);
    let pet = json!({"$ref": "#/components/schemas/pet"});
    let list = &openapi3["paths"]["/pets"]["get"]["responses"];
    assert_eq!(
        list["200"]["content"]["application/json"]["schema"]["items"],
        pet
    );
    let add = &openapi3["paths"]["/pets"]["post"];
    assert_eq!(
        add["requestBody"]["content"]["application/json"]["schema"],
        pet
    );
    assert_eq!(
        schemas["pet"]["properties"]["error"],
        json!({"$ref": "#/components/schemas/Error"})
    );
    assert_eq!(
        schemas["Tree"]["properties"]["kids"]["items"],
        json!({"$ref": "#/components/schemas/Tree"})
    );
    let not_found = json!({"$ref": "#/components/responses/NotFound"});
    assert_eq!(list["404"], not_found);
    assert_eq!(add["responses"]["404"], not_found);
    let responses = &openapi3["components"]["responses"];
    assert_eq!(
        responses["NotFound"]["headers"]["X-Limit"],
        json!({"$ref": "#/components/headers/Limit"})
    );
    assert_eq!(
        openapi3["components"]["headers"]["Limit"]["schema"],
        json!({"type": "integer"})
    );
    // What openapiv3 reads back, and no ref that names nothing.
    let text = serde_json::to_string(&openapi3).unwrap();
    serde_json::from_str::<openapiv3::OpenAPI>(&text).unwrap();
    assert_eq!(
        mxspec::dump::dangling_refs(&openapi3).1,
        Vec::<String>::new()
    );

    // Swagger 2.0: definitions and top-level responses.
    let swagger2 = mxspec::dump::swagger2_with(api, &components()).unwrap();
    let names: Vec<&String> = swagger2["definitions"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(names, ["Error", "Tree", "pet"]);
    assert_eq!(
        swagger2["paths"]["/pets"]["post"]["responses"]["404"],
        json!({"$ref": "#/responses/NotFound"})
    );
    assert_eq!(
        swagger2["responses"]["NotFound"]["schema"],
        json!({"$ref": "#/definitions/Error"})
    );
    assert_eq!(
        mxspec::dump::dangling_refs(&swagger2).1,
        Vec::<String>::new()
    );

    // Inline: the refs left are the recursive schema's, inside it where it is used and in
    // its definition.
    let inline = serde_json::to_string(&mxspec::dump::openapi3(api).unwrap()).unwrap();
    assert_eq!(inline.matches("\"$ref\"").count(), 2, "{inline}");
    assert_eq!(
        inline
            .matches("\"$ref\":\"#/components/schemas/Tree\"")
            .count(),
        2
    );
}

/// Refs that name refs many times over (a diamond: each level names the next twice) cost
/// what the files write in a converted dump that keeps them by name; inlined, the same
/// document doubles per level.
#[test]
fn a_diamond_of_refs_dumps_at_the_size_the_files_write() {
    let mut doc = String::from(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: a\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/L0'}}}}}\ncomponents:\n  schemas:\n",
    );
    for level in 0..30 {
        doc.push_str(&format!(
            "    L{level}: {{type: object, properties: {{a: {{$ref: '#/components/schemas/L{next}'}}, b: {{$ref: '#/components/schemas/L{next}'}}}}}}\n",
            next = level + 1
        ));
    }
    doc.push_str("    L30: {type: string}\n");
    let (_dir, loaded) = common::load_written(&[("api.yaml", &doc)], "api.yaml", |_| {});
    let api = &loaded.spec.apis[0];
    for bytes in [
        mxspec::dump::to_json_bytes(&mxspec::dump::openapi3_with(api, &components()).unwrap()),
        mxspec::dump::to_json_bytes(&mxspec::dump::swagger2_with(api, &components()).unwrap()),
    ] {
        assert!(bytes.len() < 20 * doc.len(), "{} bytes", bytes.len());
    }
    assert!(
        loaded.spec.inline_refusal.is_some(),
        "inlined, it is refused"
    );
}

/// The converted dumps keep a document's tags, externalDocs and the extensions that hold no
/// ref target; what they leave out (an extension refs reach into, callbacks, links) is a
/// `dump-lossy` warning.
#[test]
fn converted_dumps_keep_tags_and_say_what_they_leave_out() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ntags: [{name: pets, description: Pets, summary: All pets}]\nexternalDocs: {url: 'https://docs.test'}\nx-tagGroups: [{name: All, tags: [pets]}]\nx-hooks: {new: {$ref: '#/components/schemas/Pet'}}\npaths:\n  /a:\n    get:\n      operationId: a\n      callbacks: {done: {'{$request.body#/url}': {post: {responses: {'200': {description: ok}}}}}}\n      responses: {'200': {description: ok, links: {next: {operationId: a}}}}\ncomponents:\n  schemas:\n    Pet: {type: object}\n";
    let (_dir, loaded) = common::load_written(&[("api.yaml", doc)], "api.yaml", |_| {});
    let api = &loaded.spec.apis[0];
    let openapi3 =
        serde_json::to_value(mxspec::dump::openapi3_with(api, &components()).unwrap()).unwrap();
    let swagger2 = mxspec::dump::swagger2_with(api, &components()).unwrap();
    for dump in [&openapi3, &swagger2] {
        // What OpenAPI 3.2 adds to a tag is an extension where the older formats lack it.
        assert_eq!(
            dump["tags"],
            json!([{"name": "pets", "description": "Pets", "x-summary": "All pets"}])
        );
        assert_eq!(dump["externalDocs"], json!({"url": "https://docs.test"}));
        assert_eq!(
            dump["x-tagGroups"],
            json!([{"name": "All", "tags": ["pets"]}])
        );
        assert!(dump.get("x-hooks").is_none());
    }
    let lost: Vec<String> = mxspec::dump::losses(api, mxspec::dump::Target::OpenApi30)
        .iter()
        .map(|d| format!("{}: {}", d.span.line, d.message))
        .collect();
    assert_eq!(lost.len(), 3, "{lost:#?}");
    assert!(
        lost[0].starts_with("6: `x-hooks` holds what refs name"),
        "{lost:#?}"
    );
    assert!(lost[1].starts_with("11: the dump leaves out the operation's callbacks"));
    assert!(lost[2].starts_with("12: the dump leaves out the response's links"));
}
