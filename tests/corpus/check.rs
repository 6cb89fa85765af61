//! `mxspec check` on the corpus: exactly the documented findings, the example counts, and a
//! mutation suite that plants one defect at a time in a copy of the corpus.

use std::collections::BTreeSet;
use std::path::Path;

use super::{corpus, corpus_v114, loaded};
use mxspec::check::{Report, check};
use mxspec::diagnostic::Severity;

fn errors(loaded: &mxspec::Loaded, report: &Report) -> BTreeSet<(String, String)> {
    findings(loaded, report, Severity::Error)
}

/// The `(rule, file:line)` of every diagnostic of `report` as severe as `at_least`.
fn findings(
    loaded: &mxspec::Loaded,
    report: &Report,
    at_least: Severity,
) -> BTreeSet<(String, String)> {
    report
        .diagnostics
        .iter()
        .filter(|d| at_least == Severity::Warning || d.severity() == Severity::Error)
        .map(|d| {
            (
                d.rule.name().to_owned(),
                format!("{}:{}", loaded.tree.file(d.span.file).path, d.span.line),
            )
        })
        .collect()
}

/// The `(rule, location)` rows of the table in `docs/<file>`.
fn documented_findings(file: &str) -> BTreeSet<(String, String)> {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs")
            .join(file),
    )
    .unwrap();
    let rules: Vec<&str> = mxspec::diagnostic::Rule::ALL
        .iter()
        .map(|r| r.name())
        .collect();
    doc.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let (rule, location) = (*cells.get(1)?, *cells.get(2)?);
            (rules.contains(&rule) && location.contains(':'))
                .then(|| (rule.to_owned(), location.to_owned()))
        })
        .collect()
}

#[test]
fn errors_are_exactly_the_documented_corpus_defects() {
    let loaded = loaded();
    let report = check(loaded);
    assert_documented(loaded, &report, "corpus-findings.md");
    println!("corpus check: {}", report.summary.line());
}

/// The errors of `report` are exactly the rows of `docs/<file>`.
fn assert_documented(loaded: &mxspec::Loaded, report: &Report, file: &str) {
    let found = errors(loaded, report);
    let documented = documented_findings(file);
    let unexplained: Vec<_> = found.difference(&documented).collect();
    let gone: Vec<_> = documented.difference(&found).collect();
    assert!(
        unexplained.is_empty() && gone.is_empty(),
        "not in docs/{file}: {unexplained:#?}\ndocumented but not found: {gone:#?}"
    );
}

#[test]
fn runs_at_least_the_original_example_validations() {
    let report = check(loaded());
    let counts = report.summary.examples;
    // The original ran 44 request body and 187 response validations, and 56 event examples.
    assert!(counts.request_bodies >= 44, "{counts:?}");
    assert!(counts.responses >= 187, "{counts:?}");
    assert_eq!(counts.events, 56);
    assert!(
        counts.schema_examples > 0 && counts.parameters > 0,
        "{counts:?}"
    );
}

/// One planted defect: replace `find` by `replace` in `file`, expect `rule` on the line where
/// `expect_at` stands in the mutated file.
struct Mutation {
    name: &'static str,
    file: &'static str,
    find: &'static str,
    replace: &'static str,
    rule: &'static str,
    expect_at: &'static str,
    /// Whether `expect_at` stands before the replacement (an operation's method line).
    before: bool,
}

const MUTATIONS: &[Mutation] = &[
    Mutation {
        name: "enum without a type",
        file: "api/client-server/profile.yaml",
        find: "                type: string\n                description: The new display name for this user.",
        replace: "                enum: [a, b]\n                description: The new display name for this user.",
        rule: "enum-untyped",
        expect_at: "enum: [a, b]",
        before: false,
    },
    Mutation {
        name: "enum with a repeated value",
        file: "api/client-server/profile.yaml",
        find: "                type: string\n                description: The new display name for this user.",
        replace: "                type: string\n                enum: [a, a]\n                description: The new display name for this user.",
        rule: "enum-duplicate",
        expect_at: "enum: [a, a]",
        before: false,
    },
    Mutation {
        name: "array without items",
        file: "api/client-server/profile.yaml",
        find: "                type: string\n                description: The new display name for this user.",
        replace: "                type: array\n                description: The new display name for this user.",
        rule: "array-items-missing",
        expect_at: "type: array",
        before: false,
    },
    Mutation {
        name: "required names an unknown property",
        file: "api/client-server/profile.yaml",
        find: "            properties:\n              displayname:",
        replace: "            required: [displayName]\n            properties:\n              displayname:",
        rule: "required-unknown-property",
        expect_at: "required: [displayName]",
        before: false,
    },
    Mutation {
        name: "operationId missing",
        file: "api/client-server/profile.yaml",
        find: "      operationId: setDisplayName\n",
        replace: "",
        rule: "operation-id-missing",
        expect_at: "put:",
        before: true,
    },
    Mutation {
        name: "not a Swagger version",
        file: "api/client-server/profile.yaml",
        find: "swagger: '2.0'",
        replace: "swagger: '1.2'",
        rule: "spec-version",
        expect_at: "swagger: '1.2'",
        before: false,
    },
    Mutation {
        name: "summary of the wrong type",
        file: "api/client-server/profile.yaml",
        find: "      summary: Set the user's display name.",
        replace: "      summary: [not, a, string]",
        rule: "structure",
        expect_at: "summary: [not",
        before: false,
    },
    Mutation {
        name: "second body parameter",
        file: "api/client-server/profile.yaml",
        find: "        - in: body\n          name: displayName",
        replace: "        - in: body\n          name: other\n          schema: {type: object}\n        - in: body\n          name: displayName",
        rule: "multiple-bodies",
        expect_at: "- in: body\n          name: displayName",
        before: false,
    },
    Mutation {
        name: "path parameter declared twice",
        file: "api/client-server/profile.yaml",
        find: "        - in: body\n          name: displayName",
        replace: "        - in: path\n          type: string\n          name: userId\n          required: true\n        - in: body\n          name: displayName",
        rule: "duplicate-parameter",
        expect_at: "- in: path\n          type: string\n          name: userId\n          required: true\n        - in: body",
        before: false,
    },
    Mutation {
        name: "path parameter the path does not use",
        file: "api/client-server/profile.yaml",
        find: "\"/profile/{userId}/displayname\":",
        replace: "\"/profile/displayname\":",
        rule: "path-param-unused",
        expect_at: "- in: path",
        before: false,
    },
    Mutation {
        name: "endpoint defined twice",
        file: "api/client-server/profile.yaml",
        find: "\"/profile/{userId}/avatar_url\":",
        replace: "\"/profile/{userId}/displayname\":",
        rule: "yaml-duplicate-key",
        expect_at: "\"/profile/{userId}/displayname\":\n    put:\n      summary: Set the user's avatar",
        before: false,
    },
    Mutation {
        name: "control character",
        file: "api/client-server/profile.yaml",
        find: "Set the user's display name.",
        replace: "Set the user's\u{7} display name.",
        rule: "yaml-syntax",
        expect_at: "\u{7}",
        before: false,
    },
    Mutation {
        name: "unterminated quoted scalar",
        file: "api/client-server/profile.yaml",
        find: "title: \"Matrix Client-Server Profile API\"",
        replace: "title: \"Matrix Client-Server Profile API",
        rule: "yaml-syntax",
        expect_at: "version: \"1.0.0\"",
        before: false,
    },
    Mutation {
        name: "tab as indentation",
        file: "api/client-server/profile.yaml",
        find: "      summary: Set the user's display name.",
        replace: "\tsummary: Set the user's display name.",
        rule: "yaml-syntax",
        expect_at: "\tsummary",
        before: false,
    },
    Mutation {
        name: "ref to a folder",
        file: "api/client-server/login.yaml",
        find: "$ref: definitions/security.yaml",
        replace: "$ref: definitions",
        rule: "ref-unresolved",
        expect_at: "$ref: definitions",
        before: false,
    },
    Mutation {
        name: "ref to a pointer that names nothing",
        file: "api/client-server/login.yaml",
        find: "$ref: definitions/security.yaml",
        replace: "$ref: definitions/security.yaml#/nothing/here",
        rule: "ref-unresolved",
        expect_at: "#/nothing/here",
        before: false,
    },
    Mutation {
        name: "absolute ref",
        file: "api/client-server/login.yaml",
        find: "$ref: definitions/security.yaml",
        replace: "$ref: /etc/passwd",
        rule: "ref-outside-root",
        expect_at: "/etc/passwd",
        before: false,
    },
    Mutation {
        name: "file URL ref",
        file: "api/client-server/login.yaml",
        find: "$ref: definitions/security.yaml",
        replace: "$ref: file:///etc/passwd",
        rule: "ref-url",
        expect_at: "file:///etc/passwd",
        before: false,
    },
    Mutation {
        name: "alias bomb",
        file: "api/client-server/profile.yaml",
        find: "swagger: '2.0'\n",
        replace: "swagger: '2.0'\nx-l0: &l0 [a, a, a, a, a, a, a, a, a, a]\nx-l1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\nx-l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\nx-l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\nx-l4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\nx-l5: &l5 [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4]\n",
        rule: "limit-exceeded",
        expect_at: "x-l4:",
        before: false,
    },
    Mutation {
        name: "collections nested 200 deep",
        file: "api/client-server/profile.yaml",
        find: "      summary: Set the user's display name.",
        replace: "      x-deep: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        rule: "limit-exceeded",
        expect_at: "x-deep:",
        before: false,
    },
    Mutation {
        name: "ten recursive schemas naming each other, resolved afresh at each use",
        file: "api/client-server/profile.yaml",
        find: "swagger: '2.0'\n",
        replace: "swagger: '2.0'\nx-r0: {type: object, properties: {p0: {$ref: '#/x-r0'}, p1: {$ref: '#/x-r1'}, p2: {$ref: '#/x-r2'}, p3: {$ref: '#/x-r3'}, p4: {$ref: '#/x-r4'}, p5: {$ref: '#/x-r5'}, p6: {$ref: '#/x-r6'}, p7: {$ref: '#/x-r7'}, p8: {$ref: '#/x-r8'}, p9: {$ref: '#/x-r9'}}}\nx-r1: {type: object, properties: {p0: {$ref: '#/x-r0'}, p1: {$ref: '#/x-r1'}, p2: {$ref: '#/x-r2'}, p3: {$ref: '#/x-r3'}, p4: {$ref: '#/x-r4'}, p5: {$ref: '#/x-r5'}, p6: {$ref: '#/x-r6'}, p7: {$ref: '#/x-r7'}, p8: {$ref: '#/x-r8'}, p9: {$ref: '#/x-r9'}}}\nx-r2: {type: object, properties: {p0: {$ref: '#/x-r0'}, p1: {$ref: '#/x-r1'}, p2: {$ref: '#/x-r2'}, p3: {$ref: '#/x-r3'}, p4: {$ref: '#/x-r4'}, p5: {$ref: '#/x-r5'}, p6: {$ref: '#/x-r6'}, p7: {$ref: '#/x-r7'}, p8: {$ref: '#/x-r8'}, p9: {$ref: '#/x-r9'}}}\nx-r3: {type: object, properties: {p0: {$ref: '#/x-r0'}, p1: {$ref: '#/x-r1'}, p2: {$ref: '#/x-r2'}, p3: {$ref: '#/x-r3'}, p4: {$ref: '#/x-r4'}, p5: {$ref: '#/x-r5'}, p6: {$ref: '#/x-r6'}, p7: {$ref: '#/x-r7'}, p8: {$ref: '#/x-r8'}, p9: {$ref: '#/x-r9'}}}\nx-r4: {type: object, properties: {p0: {$ref: '#/x-r0'}, p1: {$ref: '#/x-r1'}, p2: {$ref: '#/x-r2'}, p3: {$ref: '#/x-r3'}, p4: {$ref: '#/x-r4'}, p5: {$ref: '#/x-r5'}, p6: {$ref: '#/x-r6'}, p7: {$ref: '#/x-r7'}, p8: {$ref: '#/x-r8'}, p9: {$ref: '#/x-r9'}}}\nx-r5: {type: object, properties: {p0: {$ref: '#/x-r0'}, p1: {$ref: '#/x-r1'}, p2: {$ref: '#/x-r2'}, p3: {$ref: '#/x-r3'}, p4: {$ref: '#/x-r4'}, p5: {$ref: '#/x-r5'}, p6: {$ref: '#/x-r6'}, p7: {$ref: '#/x-r7'}, p8: {$ref: '#/x-r8'}, p9: {$ref: '#/x-r9'}}}\nx-r6: {type: object, properties: {p0: {$ref: '#/x-r0'}, p1: {$ref: '#/x-r1'}, p2: {$ref: '#/x-r2'}, p3: {$ref: '#/x-r3'}, p4: {$ref: '#/x-r4'}, p5: {$ref: '#/x-r5'}, p6: {$ref: '#/x-r6'}, p7: {$ref: '#/x-r7'}, p8: {$ref: '#/x-r8'}, p9: {$ref: '#/x-r9'}}}\nx-r7: {type: object, properties: {p0: {$ref: '#/x-r0'}, p1: {$ref: '#/x-r1'}, p2: {$ref: '#/x-r2'}, p3: {$ref: '#/x-r3'}, p4: {$ref: '#/x-r4'}, p5: {$ref: '#/x-r5'}, p6: {$ref: '#/x-r6'}, p7: {$ref: '#/x-r7'}, p8: {$ref: '#/x-r8'}, p9: {$ref: '#/x-r9'}}}\nx-r8: {type: object, properties: {p0: {$ref: '#/x-r0'}, p1: {$ref: '#/x-r1'}, p2: {$ref: '#/x-r2'}, p3: {$ref: '#/x-r3'}, p4: {$ref: '#/x-r4'}, p5: {$ref: '#/x-r5'}, p6: {$ref: '#/x-r6'}, p7: {$ref: '#/x-r7'}, p8: {$ref: '#/x-r8'}, p9: {$ref: '#/x-r9'}}}\nx-r9: {type: object, properties: {p0: {$ref: '#/x-r0'}, p1: {$ref: '#/x-r1'}, p2: {$ref: '#/x-r2'}, p3: {$ref: '#/x-r3'}, p4: {$ref: '#/x-r4'}, p5: {$ref: '#/x-r5'}, p6: {$ref: '#/x-r6'}, p7: {$ref: '#/x-r7'}, p8: {$ref: '#/x-r8'}, p9: {$ref: '#/x-r9'}}}\n",
        rule: "limit-exceeded",
        // Where the resolver's visits pass the bound (a diamond of plain refs is no defect:
        // each target is resolved once, and `check` reads the graph).
        expect_at: "x-r8:",
        before: false,
    },
    Mutation {
        name: "400 refs that only alias the next",
        file: "api/client-server/profile.yaml",
        find: "swagger: '2.0'\n",
        replace: "swagger: '2.0'\nx-c0: {$ref: '#/x-c1'}\nx-c1: {$ref: '#/x-c2'}\nx-c2: {$ref: '#/x-c3'}\nx-c3: {$ref: '#/x-c4'}\nx-c4: {$ref: '#/x-c5'}\nx-c5: {$ref: '#/x-c6'}\nx-c6: {$ref: '#/x-c7'}\nx-c7: {$ref: '#/x-c8'}\nx-c8: {$ref: '#/x-c9'}\nx-c9: {$ref: '#/x-c10'}\nx-c10: {$ref: '#/x-c11'}\nx-c11: {$ref: '#/x-c12'}\nx-c12: {$ref: '#/x-c13'}\nx-c13: {$ref: '#/x-c14'}\nx-c14: {$ref: '#/x-c15'}\nx-c15: {$ref: '#/x-c16'}\nx-c16: {$ref: '#/x-c17'}\nx-c17: {$ref: '#/x-c18'}\nx-c18: {$ref: '#/x-c19'}\nx-c19: {$ref: '#/x-c20'}\nx-c20: {$ref: '#/x-c21'}\nx-c21: {$ref: '#/x-c22'}\nx-c22: {$ref: '#/x-c23'}\nx-c23: {$ref: '#/x-c24'}\nx-c24: {$ref: '#/x-c25'}\nx-c25: {$ref: '#/x-c26'}\nx-c26: {$ref: '#/x-c27'}\nx-c27: {$ref: '#/x-c28'}\nx-c28: {$ref: '#/x-c29'}\nx-c29: {$ref: '#/x-c30'}\nx-c30: {$ref: '#/x-c31'}\nx-c31: {$ref: '#/x-c32'}\nx-c32: {$ref: '#/x-c33'}\nx-c33: {$ref: '#/x-c34'}\nx-c34: {$ref: '#/x-c35'}\nx-c35: {$ref: '#/x-c36'}\nx-c36: {$ref: '#/x-c37'}\nx-c37: {$ref: '#/x-c38'}\nx-c38: {$ref: '#/x-c39'}\nx-c39: {$ref: '#/x-c40'}\nx-c40: {$ref: '#/x-c41'}\nx-c41: {$ref: '#/x-c42'}\nx-c42: {$ref: '#/x-c43'}\nx-c43: {$ref: '#/x-c44'}\nx-c44: {$ref: '#/x-c45'}\nx-c45: {$ref: '#/x-c46'}\nx-c46: {$ref: '#/x-c47'}\nx-c47: {$ref: '#/x-c48'}\nx-c48: {$ref: '#/x-c49'}\nx-c49: {$ref: '#/x-c50'}\nx-c50: {$ref: '#/x-c51'}\nx-c51: {$ref: '#/x-c52'}\nx-c52: {$ref: '#/x-c53'}\nx-c53: {$ref: '#/x-c54'}\nx-c54: {$ref: '#/x-c55'}\nx-c55: {$ref: '#/x-c56'}\nx-c56: {$ref: '#/x-c57'}\nx-c57: {$ref: '#/x-c58'}\nx-c58: {$ref: '#/x-c59'}\nx-c59: {$ref: '#/x-c60'}\nx-c60: {$ref: '#/x-c61'}\nx-c61: {$ref: '#/x-c62'}\nx-c62: {$ref: '#/x-c63'}\nx-c63: {$ref: '#/x-c64'}\nx-c64: {$ref: '#/x-c65'}\nx-c65: {$ref: '#/x-c66'}\nx-c66: {$ref: '#/x-c67'}\nx-c67: {$ref: '#/x-c68'}\nx-c68: {$ref: '#/x-c69'}\nx-c69: {$ref: '#/x-c70'}\nx-c70: {$ref: '#/x-c71'}\nx-c71: {$ref: '#/x-c72'}\nx-c72: {$ref: '#/x-c73'}\nx-c73: {$ref: '#/x-c74'}\nx-c74: {$ref: '#/x-c75'}\nx-c75: {$ref: '#/x-c76'}\nx-c76: {$ref: '#/x-c77'}\nx-c77: {$ref: '#/x-c78'}\nx-c78: {$ref: '#/x-c79'}\nx-c79: {$ref: '#/x-c80'}\nx-c80: {$ref: '#/x-c81'}\nx-c81: {$ref: '#/x-c82'}\nx-c82: {$ref: '#/x-c83'}\nx-c83: {$ref: '#/x-c84'}\nx-c84: {$ref: '#/x-c85'}\nx-c85: {$ref: '#/x-c86'}\nx-c86: {$ref: '#/x-c87'}\nx-c87: {$ref: '#/x-c88'}\nx-c88: {$ref: '#/x-c89'}\nx-c89: {$ref: '#/x-c90'}\nx-c90: {$ref: '#/x-c91'}\nx-c91: {$ref: '#/x-c92'}\nx-c92: {$ref: '#/x-c93'}\nx-c93: {$ref: '#/x-c94'}\nx-c94: {$ref: '#/x-c95'}\nx-c95: {$ref: '#/x-c96'}\nx-c96: {$ref: '#/x-c97'}\nx-c97: {$ref: '#/x-c98'}\nx-c98: {$ref: '#/x-c99'}\nx-c99: {$ref: '#/x-c100'}\nx-c100: {$ref: '#/x-c101'}\nx-c101: {$ref: '#/x-c102'}\nx-c102: {$ref: '#/x-c103'}\nx-c103: {$ref: '#/x-c104'}\nx-c104: {$ref: '#/x-c105'}\nx-c105: {$ref: '#/x-c106'}\nx-c106: {$ref: '#/x-c107'}\nx-c107: {$ref: '#/x-c108'}\nx-c108: {$ref: '#/x-c109'}\nx-c109: {$ref: '#/x-c110'}\nx-c110: {$ref: '#/x-c111'}\nx-c111: {$ref: '#/x-c112'}\nx-c112: {$ref: '#/x-c113'}\nx-c113: {$ref: '#/x-c114'}\nx-c114: {$ref: '#/x-c115'}\nx-c115: {$ref: '#/x-c116'}\nx-c116: {$ref: '#/x-c117'}\nx-c117: {$ref: '#/x-c118'}\nx-c118: {$ref: '#/x-c119'}\nx-c119: {$ref: '#/x-c120'}\nx-c120: {$ref: '#/x-c121'}\nx-c121: {$ref: '#/x-c122'}\nx-c122: {$ref: '#/x-c123'}\nx-c123: {$ref: '#/x-c124'}\nx-c124: {$ref: '#/x-c125'}\nx-c125: {$ref: '#/x-c126'}\nx-c126: {$ref: '#/x-c127'}\nx-c127: {$ref: '#/x-c128'}\nx-c128: {$ref: '#/x-c129'}\nx-c129: {$ref: '#/x-c130'}\nx-c130: {$ref: '#/x-c131'}\nx-c131: {$ref: '#/x-c132'}\nx-c132: {$ref: '#/x-c133'}\nx-c133: {$ref: '#/x-c134'}\nx-c134: {$ref: '#/x-c135'}\nx-c135: {$ref: '#/x-c136'}\nx-c136: {$ref: '#/x-c137'}\nx-c137: {$ref: '#/x-c138'}\nx-c138: {$ref: '#/x-c139'}\nx-c139: {$ref: '#/x-c140'}\nx-c140: {$ref: '#/x-c141'}\nx-c141: {$ref: '#/x-c142'}\nx-c142: {$ref: '#/x-c143'}\nx-c143: {$ref: '#/x-c144'}\nx-c144: {$ref: '#/x-c145'}\nx-c145: {$ref: '#/x-c146'}\nx-c146: {$ref: '#/x-c147'}\nx-c147: {$ref: '#/x-c148'}\nx-c148: {$ref: '#/x-c149'}\nx-c149: {$ref: '#/x-c150'}\nx-c150: {$ref: '#/x-c151'}\nx-c151: {$ref: '#/x-c152'}\nx-c152: {$ref: '#/x-c153'}\nx-c153: {$ref: '#/x-c154'}\nx-c154: {$ref: '#/x-c155'}\nx-c155: {$ref: '#/x-c156'}\nx-c156: {$ref: '#/x-c157'}\nx-c157: {$ref: '#/x-c158'}\nx-c158: {$ref: '#/x-c159'}\nx-c159: {$ref: '#/x-c160'}\nx-c160: {$ref: '#/x-c161'}\nx-c161: {$ref: '#/x-c162'}\nx-c162: {$ref: '#/x-c163'}\nx-c163: {$ref: '#/x-c164'}\nx-c164: {$ref: '#/x-c165'}\nx-c165: {$ref: '#/x-c166'}\nx-c166: {$ref: '#/x-c167'}\nx-c167: {$ref: '#/x-c168'}\nx-c168: {$ref: '#/x-c169'}\nx-c169: {$ref: '#/x-c170'}\nx-c170: {$ref: '#/x-c171'}\nx-c171: {$ref: '#/x-c172'}\nx-c172: {$ref: '#/x-c173'}\nx-c173: {$ref: '#/x-c174'}\nx-c174: {$ref: '#/x-c175'}\nx-c175: {$ref: '#/x-c176'}\nx-c176: {$ref: '#/x-c177'}\nx-c177: {$ref: '#/x-c178'}\nx-c178: {$ref: '#/x-c179'}\nx-c179: {$ref: '#/x-c180'}\nx-c180: {$ref: '#/x-c181'}\nx-c181: {$ref: '#/x-c182'}\nx-c182: {$ref: '#/x-c183'}\nx-c183: {$ref: '#/x-c184'}\nx-c184: {$ref: '#/x-c185'}\nx-c185: {$ref: '#/x-c186'}\nx-c186: {$ref: '#/x-c187'}\nx-c187: {$ref: '#/x-c188'}\nx-c188: {$ref: '#/x-c189'}\nx-c189: {$ref: '#/x-c190'}\nx-c190: {$ref: '#/x-c191'}\nx-c191: {$ref: '#/x-c192'}\nx-c192: {$ref: '#/x-c193'}\nx-c193: {$ref: '#/x-c194'}\nx-c194: {$ref: '#/x-c195'}\nx-c195: {$ref: '#/x-c196'}\nx-c196: {$ref: '#/x-c197'}\nx-c197: {$ref: '#/x-c198'}\nx-c198: {$ref: '#/x-c199'}\nx-c199: {$ref: '#/x-c200'}\nx-c200: {$ref: '#/x-c201'}\nx-c201: {$ref: '#/x-c202'}\nx-c202: {$ref: '#/x-c203'}\nx-c203: {$ref: '#/x-c204'}\nx-c204: {$ref: '#/x-c205'}\nx-c205: {$ref: '#/x-c206'}\nx-c206: {$ref: '#/x-c207'}\nx-c207: {$ref: '#/x-c208'}\nx-c208: {$ref: '#/x-c209'}\nx-c209: {$ref: '#/x-c210'}\nx-c210: {$ref: '#/x-c211'}\nx-c211: {$ref: '#/x-c212'}\nx-c212: {$ref: '#/x-c213'}\nx-c213: {$ref: '#/x-c214'}\nx-c214: {$ref: '#/x-c215'}\nx-c215: {$ref: '#/x-c216'}\nx-c216: {$ref: '#/x-c217'}\nx-c217: {$ref: '#/x-c218'}\nx-c218: {$ref: '#/x-c219'}\nx-c219: {$ref: '#/x-c220'}\nx-c220: {$ref: '#/x-c221'}\nx-c221: {$ref: '#/x-c222'}\nx-c222: {$ref: '#/x-c223'}\nx-c223: {$ref: '#/x-c224'}\nx-c224: {$ref: '#/x-c225'}\nx-c225: {$ref: '#/x-c226'}\nx-c226: {$ref: '#/x-c227'}\nx-c227: {$ref: '#/x-c228'}\nx-c228: {$ref: '#/x-c229'}\nx-c229: {$ref: '#/x-c230'}\nx-c230: {$ref: '#/x-c231'}\nx-c231: {$ref: '#/x-c232'}\nx-c232: {$ref: '#/x-c233'}\nx-c233: {$ref: '#/x-c234'}\nx-c234: {$ref: '#/x-c235'}\nx-c235: {$ref: '#/x-c236'}\nx-c236: {$ref: '#/x-c237'}\nx-c237: {$ref: '#/x-c238'}\nx-c238: {$ref: '#/x-c239'}\nx-c239: {$ref: '#/x-c240'}\nx-c240: {$ref: '#/x-c241'}\nx-c241: {$ref: '#/x-c242'}\nx-c242: {$ref: '#/x-c243'}\nx-c243: {$ref: '#/x-c244'}\nx-c244: {$ref: '#/x-c245'}\nx-c245: {$ref: '#/x-c246'}\nx-c246: {$ref: '#/x-c247'}\nx-c247: {$ref: '#/x-c248'}\nx-c248: {$ref: '#/x-c249'}\nx-c249: {$ref: '#/x-c250'}\nx-c250: {$ref: '#/x-c251'}\nx-c251: {$ref: '#/x-c252'}\nx-c252: {$ref: '#/x-c253'}\nx-c253: {$ref: '#/x-c254'}\nx-c254: {$ref: '#/x-c255'}\nx-c255: {$ref: '#/x-c256'}\nx-c256: {$ref: '#/x-c257'}\nx-c257: {$ref: '#/x-c258'}\nx-c258: {$ref: '#/x-c259'}\nx-c259: {$ref: '#/x-c260'}\nx-c260: {$ref: '#/x-c261'}\nx-c261: {$ref: '#/x-c262'}\nx-c262: {$ref: '#/x-c263'}\nx-c263: {$ref: '#/x-c264'}\nx-c264: {$ref: '#/x-c265'}\nx-c265: {$ref: '#/x-c266'}\nx-c266: {$ref: '#/x-c267'}\nx-c267: {$ref: '#/x-c268'}\nx-c268: {$ref: '#/x-c269'}\nx-c269: {$ref: '#/x-c270'}\nx-c270: {$ref: '#/x-c271'}\nx-c271: {$ref: '#/x-c272'}\nx-c272: {$ref: '#/x-c273'}\nx-c273: {$ref: '#/x-c274'}\nx-c274: {$ref: '#/x-c275'}\nx-c275: {$ref: '#/x-c276'}\nx-c276: {$ref: '#/x-c277'}\nx-c277: {$ref: '#/x-c278'}\nx-c278: {$ref: '#/x-c279'}\nx-c279: {$ref: '#/x-c280'}\nx-c280: {$ref: '#/x-c281'}\nx-c281: {$ref: '#/x-c282'}\nx-c282: {$ref: '#/x-c283'}\nx-c283: {$ref: '#/x-c284'}\nx-c284: {$ref: '#/x-c285'}\nx-c285: {$ref: '#/x-c286'}\nx-c286: {$ref: '#/x-c287'}\nx-c287: {$ref: '#/x-c288'}\nx-c288: {$ref: '#/x-c289'}\nx-c289: {$ref: '#/x-c290'}\nx-c290: {$ref: '#/x-c291'}\nx-c291: {$ref: '#/x-c292'}\nx-c292: {$ref: '#/x-c293'}\nx-c293: {$ref: '#/x-c294'}\nx-c294: {$ref: '#/x-c295'}\nx-c295: {$ref: '#/x-c296'}\nx-c296: {$ref: '#/x-c297'}\nx-c297: {$ref: '#/x-c298'}\nx-c298: {$ref: '#/x-c299'}\nx-c299: {$ref: '#/x-c300'}\nx-c300: {$ref: '#/x-c301'}\nx-c301: {$ref: '#/x-c302'}\nx-c302: {$ref: '#/x-c303'}\nx-c303: {$ref: '#/x-c304'}\nx-c304: {$ref: '#/x-c305'}\nx-c305: {$ref: '#/x-c306'}\nx-c306: {$ref: '#/x-c307'}\nx-c307: {$ref: '#/x-c308'}\nx-c308: {$ref: '#/x-c309'}\nx-c309: {$ref: '#/x-c310'}\nx-c310: {$ref: '#/x-c311'}\nx-c311: {$ref: '#/x-c312'}\nx-c312: {$ref: '#/x-c313'}\nx-c313: {$ref: '#/x-c314'}\nx-c314: {$ref: '#/x-c315'}\nx-c315: {$ref: '#/x-c316'}\nx-c316: {$ref: '#/x-c317'}\nx-c317: {$ref: '#/x-c318'}\nx-c318: {$ref: '#/x-c319'}\nx-c319: {$ref: '#/x-c320'}\nx-c320: {$ref: '#/x-c321'}\nx-c321: {$ref: '#/x-c322'}\nx-c322: {$ref: '#/x-c323'}\nx-c323: {$ref: '#/x-c324'}\nx-c324: {$ref: '#/x-c325'}\nx-c325: {$ref: '#/x-c326'}\nx-c326: {$ref: '#/x-c327'}\nx-c327: {$ref: '#/x-c328'}\nx-c328: {$ref: '#/x-c329'}\nx-c329: {$ref: '#/x-c330'}\nx-c330: {$ref: '#/x-c331'}\nx-c331: {$ref: '#/x-c332'}\nx-c332: {$ref: '#/x-c333'}\nx-c333: {$ref: '#/x-c334'}\nx-c334: {$ref: '#/x-c335'}\nx-c335: {$ref: '#/x-c336'}\nx-c336: {$ref: '#/x-c337'}\nx-c337: {$ref: '#/x-c338'}\nx-c338: {$ref: '#/x-c339'}\nx-c339: {$ref: '#/x-c340'}\nx-c340: {$ref: '#/x-c341'}\nx-c341: {$ref: '#/x-c342'}\nx-c342: {$ref: '#/x-c343'}\nx-c343: {$ref: '#/x-c344'}\nx-c344: {$ref: '#/x-c345'}\nx-c345: {$ref: '#/x-c346'}\nx-c346: {$ref: '#/x-c347'}\nx-c347: {$ref: '#/x-c348'}\nx-c348: {$ref: '#/x-c349'}\nx-c349: {$ref: '#/x-c350'}\nx-c350: {$ref: '#/x-c351'}\nx-c351: {$ref: '#/x-c352'}\nx-c352: {$ref: '#/x-c353'}\nx-c353: {$ref: '#/x-c354'}\nx-c354: {$ref: '#/x-c355'}\nx-c355: {$ref: '#/x-c356'}\nx-c356: {$ref: '#/x-c357'}\nx-c357: {$ref: '#/x-c358'}\nx-c358: {$ref: '#/x-c359'}\nx-c359: {$ref: '#/x-c360'}\nx-c360: {$ref: '#/x-c361'}\nx-c361: {$ref: '#/x-c362'}\nx-c362: {$ref: '#/x-c363'}\nx-c363: {$ref: '#/x-c364'}\nx-c364: {$ref: '#/x-c365'}\nx-c365: {$ref: '#/x-c366'}\nx-c366: {$ref: '#/x-c367'}\nx-c367: {$ref: '#/x-c368'}\nx-c368: {$ref: '#/x-c369'}\nx-c369: {$ref: '#/x-c370'}\nx-c370: {$ref: '#/x-c371'}\nx-c371: {$ref: '#/x-c372'}\nx-c372: {$ref: '#/x-c373'}\nx-c373: {$ref: '#/x-c374'}\nx-c374: {$ref: '#/x-c375'}\nx-c375: {$ref: '#/x-c376'}\nx-c376: {$ref: '#/x-c377'}\nx-c377: {$ref: '#/x-c378'}\nx-c378: {$ref: '#/x-c379'}\nx-c379: {$ref: '#/x-c380'}\nx-c380: {$ref: '#/x-c381'}\nx-c381: {$ref: '#/x-c382'}\nx-c382: {$ref: '#/x-c383'}\nx-c383: {$ref: '#/x-c384'}\nx-c384: {$ref: '#/x-c385'}\nx-c385: {$ref: '#/x-c386'}\nx-c386: {$ref: '#/x-c387'}\nx-c387: {$ref: '#/x-c388'}\nx-c388: {$ref: '#/x-c389'}\nx-c389: {$ref: '#/x-c390'}\nx-c390: {$ref: '#/x-c391'}\nx-c391: {$ref: '#/x-c392'}\nx-c392: {$ref: '#/x-c393'}\nx-c393: {$ref: '#/x-c394'}\nx-c394: {$ref: '#/x-c395'}\nx-c395: {$ref: '#/x-c396'}\nx-c396: {$ref: '#/x-c397'}\nx-c397: {$ref: '#/x-c398'}\nx-c398: {$ref: '#/x-c399'}\nx-c399: {$ref: '#/x-c400'}\nx-c400: {type: string}\n",
        rule: "limit-exceeded",
        // Where the nesting passes 256 levels.
        expect_at: "x-c255:",
        before: false,
    },
    Mutation {
        name: "broken ref",
        file: "api/client-server/login.yaml",
        find: "$ref: definitions/security.yaml",
        replace: "$ref: definitions/no_such_file.yaml",
        rule: "ref-unresolved",
        expect_at: "no_such_file.yaml",
        before: false,
    },
    Mutation {
        name: "ref cycle",
        file: "api/client-server/definitions/user_identifier.yaml",
        find: "type: object",
        replace: "$ref: user_identifier.yaml",
        rule: "ref-cycle",
        expect_at: "$ref: user_identifier.yaml",
        before: false,
    },
    Mutation {
        name: "invalid example",
        file: "api/identity/lookup.yaml",
        find: "\"ts\": 1428825849161,",
        replace: "\"ts\": \"yesterday\",",
        rule: "example-invalid",
        expect_at: "\"yesterday\"",
        before: false,
    },
    Mutation {
        name: "undeclared path parameter",
        file: "api/client-server/account-data.yaml",
        find: "\"/user/{userId}/account_data/{type}\":",
        replace: "\"/user/{userId}/account_data/{type}/{extra}\":",
        rule: "path-param-undeclared",
        expect_at: "put:",
        before: false,
    },
    Mutation {
        name: "duplicate operationId",
        file: "api/identity/lookup.yaml",
        find: "operationId: lookupUsers",
        replace: "operationId: lookupUser",
        rule: "operation-id-duplicate",
        expect_at: "post:",
        before: true,
    },
    Mutation {
        name: "bad YAML indentation",
        file: "api/identity/pubkey.yaml",
        find: "      operationId: getPubKey\n",
        replace: "      operationId: getPubKey\n     broken: indent\n",
        rule: "yaml-syntax",
        expect_at: "broken: indent",
        before: false,
    },
    Mutation {
        name: "ref out of the root",
        file: "api/client-server/login.yaml",
        find: "$ref: definitions/security.yaml",
        replace: "$ref: ../../../../../../../../../etc/passwd",
        rule: "ref-outside-root",
        expect_at: "etc/passwd",
        before: false,
    },
    Mutation {
        name: "URL ref",
        file: "api/client-server/login.yaml",
        find: "$ref: definitions/security.yaml",
        replace: "$ref: https://example.org/security.yaml",
        rule: "ref-url",
        expect_at: "https://example.org",
        before: false,
    },
    Mutation {
        name: "duplicate key",
        file: "api/identity/pubkey.yaml",
        find: "      operationId: getPubKey\n",
        replace: "      operationId: getPubKey\n      operationId: getPubKeyAgain\n",
        rule: "yaml-duplicate-key",
        expect_at: "getPubKeyAgain",
        before: false,
    },
    Mutation {
        name: "path parameter not required",
        file: "api/client-server/account-data.yaml",
        find: "required: true\n          description: |-\n            The ID of the user to set account_data for.",
        replace: "required: false\n          description: |-\n            The ID of the user to set account_data for.",
        rule: "path-param-not-required",
        expect_at: "- in: path",
        before: true,
    },
    Mutation {
        name: "invalid schema",
        file: "api/identity/definitions/sid.yaml",
        find: "type: string",
        replace: "type: text",
        rule: "schema-invalid",
        expect_at: "type: text",
        before: false,
    },
    Mutation {
        name: "invalid event example",
        file: "event-schemas/examples/m.room.topic",
        find: "\"topic\":",
        replace: "\"topic\": 42, \"x\":",
        rule: "example-invalid",
        expect_at: "\"topic\": 42",
        before: false,
    },
];

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            // The shared copy is read-only; the mutated copy must be writable.
            let mut permissions = std::fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            std::fs::set_permissions(&target, permissions).unwrap();
        }
    }
}

#[test]
fn every_planted_defect_is_found_at_its_place() {
    let missed = plant(&corpus(), MUTATIONS);
    assert!(missed.is_empty(), "{}", missed.join("\n"));
}

/// Plants each mutation, one at a time, in a copy of the tree at `root`; returns the ones not
/// found with their rule, file and line.
fn plant(root: &Path, mutations: &[Mutation]) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("corpus");
    // Of a matrix-spec repository only data/ is read.
    if root.join("data/api").is_dir() {
        copy_tree(&root.join("data"), &copy.join("data"));
    } else {
        copy_tree(root, &copy);
    }
    let pristine = {
        let loaded = mxspec::load(&copy, &Default::default()).expect("the copy loads");
        findings(&loaded, &check(&loaded), Severity::Warning)
    };
    let mut missed = Vec::new();
    for mutation in mutations {
        let path = copy.join(mutation.file);
        let original = std::fs::read_to_string(&path).unwrap();
        assert!(
            original.contains(mutation.find),
            "{}: `{}` not in {}",
            mutation.name,
            mutation.find,
            mutation.file
        );
        let mutated = original.replacen(mutation.find, mutation.replace, 1);
        std::fs::write(&path, &mutated).unwrap();
        // Text before the replacement is unchanged, so it starts where `find` started.
        let replaced_at = original.find(mutation.find).unwrap();
        let at = if mutation.before {
            mutated[..replaced_at].rfind(mutation.expect_at)
        } else {
            mutated[replaced_at..]
                .find(mutation.expect_at)
                .map(|offset| replaced_at + offset)
        };
        let line = mutated[..at
            .unwrap_or_else(|| panic!("{}: `{}` not found", mutation.name, mutation.expect_at))]
            .matches('\n')
            .count()
            + 1;

        let loaded =
            mxspec::load(&copy, &Default::default()).expect("a mutated corpus still loads");
        // Warnings too: a planted defect may be one (an operation without a summary).
        let found = findings(&loaded, &check(&loaded), Severity::Warning);
        let expected = (
            mutation.rule.to_owned(),
            format!("{}:{line}", mutation.file),
        );
        if !found.contains(&expected) {
            missed.push(format!(
                "{}: expected {expected:?}, new errors: {:?}",
                mutation.name,
                found.difference(&pristine).collect::<Vec<_>>()
            ));
        }
        std::fs::write(&path, original).unwrap();
    }
    println!(
        "mutation suite ({}): {} of {} planted defects found with their rule, file and line",
        root.display(),
        mutations.len() - missed.len(),
        mutations.len()
    );
    missed
}

#[test]
fn todays_tree_loads_whole_and_its_errors_are_the_documented_defects() {
    let loaded = mxspec::load(&corpus_v114(), &Default::default()).expect("v1.14 loads");
    assert_eq!(loaded.tree.layout(), mxspec::source::Layout::MatrixSpec);
    let report = check(&loaded);
    let summary = &report.summary;
    println!("v1.14 check: {}", summary.line());
    let apis: Vec<_> = loaded.spec.apis.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        apis,
        [
            "application-service",
            "client-server",
            "identity",
            "push-gateway",
            "server-server"
        ]
    );
    assert_eq!(
        loaded.spec.events.len(),
        72,
        "every event schema of data/event-schemas/schema"
    );
    assert_eq!(summary.examples.events, 76, "every .yaml event example");
    // Every operation under its full path: v1 and v2 of a federation endpoint apart.
    let paths: BTreeSet<String> = loaded
        .spec
        .endpoints()
        .map(|(_, _, e)| format!("{} {}", e.method.upper(), e.full_path))
        .collect();
    assert!(paths.contains("PUT /_matrix/federation/v1/invite/{roomId}/{eventId}"));
    assert!(paths.contains("PUT /_matrix/federation/v2/invite/{roomId}/{eventId}"));
    assert!(paths.contains("POST /_matrix/client/v3/createRoom"));
    assert_documented(&loaded, &report, "corpus-findings-v1.14.md");
}

/// Defects planted in today's tree, each found with its rule, file and line.
const MUTATIONS_V114: &[Mutation] = &[
    Mutation {
        name: "padded path key whose method its trimmed twin lacks",
        file: "data/api/client-server/inviting.yaml",
        find: "\"/rooms/{roomId}/invite \":\n    post:",
        replace: "\"/rooms/{roomId}/invite \":\n    put:",
        rule: "path-whitespace",
        expect_at: "put:",
        before: false,
    },
    Mutation {
        name: "v2 server variable that says v1",
        file: "data/api/server-server/invites-v2.yaml",
        find: "default: /_matrix/federation/v2",
        replace: "default: /_matrix/federation/v1",
        rule: "endpoint-duplicate",
        expect_at: "put:",
        before: true,
    },
    Mutation {
        name: "event example of the wrong type",
        file: "data/event-schemas/examples/m.room.topic.yaml",
        find: "\"topic\": \"A room topic\"",
        replace: "\"topic\": 42",
        rule: "example-invalid",
        expect_at: "42",
        before: false,
    },
    Mutation {
        name: "broken ref in an event schema",
        file: "data/event-schemas/schema/m.key.verification.accept.yaml",
        find: "$ref: m.key.verification.m.relates_to.yaml",
        replace: "$ref: m.key.verification.m.relates_too.yaml",
        rule: "ref-unresolved",
        expect_at: "relates_too",
        before: false,
    },
    Mutation {
        name: "a path a request to another could match",
        file: "data/api/client-server/leaving.yaml",
        find: "  \"/rooms/{roomId}/forget\":",
        replace: "  \"/{roomId}/rooms/leave\":",
        rule: "path-ambiguous",
        expect_at: "post:",
        before: false,
    },
    Mutation {
        name: "operation without a summary",
        file: "data/api/push-gateway/push_notifier.yaml",
        find: "      summary: Notify a push gateway about an event.\n",
        replace: "",
        rule: "operation-summary-missing",
        expect_at: "post:",
        before: true,
    },
    Mutation {
        name: "server URL with a variable nobody defines",
        file: "data/api/push-gateway/push_notifier.yaml",
        find: "  - url: \"{protocol}://{hostname}{basePath}\"",
        replace: "  - url: \"{protocol}://{hostname}{basePath}{suffix}\"",
        rule: "server-invalid",
        expect_at: "{suffix}",
        before: false,
    },
    Mutation {
        name: "an operation without an operationId (Redocly operation-operationId)",
        file: "data/api/client-server/profile.yaml",
        find: "      operationId: setDisplayName\n",
        replace: "",
        rule: "operation-id-missing",
        expect_at: "put:",
        before: true,
    },
    Mutation {
        name: "two operations with one operationId (operation-operationId-unique)",
        file: "data/api/client-server/profile.yaml",
        find: "operationId: getAvatarUrl",
        replace: "operationId: getDisplayName",
        rule: "operation-id-duplicate",
        expect_at: "get:",
        before: true,
    },
    Mutation {
        name: "a parameter listed twice (operation-parameters-unique)",
        file: "data/api/client-server/profile.yaml",
        find: "        - in: path\n          name: userId\n          description: The user whose display name to set.\n",
        replace: "        - in: path\n          name: userId\n          description: The user whose display name to set.\n          required: true\n          schema:\n            type: string\n        - in: path\n          name: userId\n          description: The user, again.\n",
        rule: "duplicate-parameter",
        expect_at: "- in: path\n          name: userId\n          description: The user, again.",
        before: false,
    },
    Mutation {
        name: "a path template naming no parameter (path-parameters-defined)",
        file: "data/api/client-server/profile.yaml",
        find: "\"/profile/{userId}/displayname\":",
        replace: "\"/profile/{userId}/displayname/{extra}\":",
        rule: "path-param-undeclared",
        expect_at: "put:",
        before: false,
    },
    Mutation {
        name: "a path parameter the template lacks (path-parameters-defined)",
        file: "data/api/client-server/profile.yaml",
        find: "\"/profile/{userId}/displayname\":",
        replace: "\"/profile/displayname\":",
        rule: "path-param-unused",
        expect_at: "- in: path",
        before: false,
    },
    Mutation {
        name: "an optional path parameter (path-parameters-defined)",
        file: "data/api/client-server/profile.yaml",
        find: "          required: true\n          example: \"@alice:example.com\"",
        replace: "          required: false\n          example: \"@alice:example.com\"",
        rule: "path-param-not-required",
        expect_at: "- in: path",
        before: true,
    },
    Mutation {
        name: "a $ref out of the root (no-unresolved-refs)",
        file: "data/api/client-server/profile.yaml",
        find: "$ref: definitions/errors/rate_limited.yaml",
        replace: "$ref: ../../../../../../../../etc/passwd",
        rule: "ref-outside-root",
        expect_at: "../../",
        before: false,
    },
    Mutation {
        name: "a $ref to a URL (no-unresolved-refs)",
        file: "data/api/client-server/profile.yaml",
        find: "$ref: definitions/errors/rate_limited.yaml",
        replace: "$ref: https://example.org/error.yaml",
        rule: "ref-url",
        expect_at: "https://example.org",
        before: false,
    },
    Mutation {
        name: "a $ref in place of a media type (spec-strict-refs)",
        file: "data/api/client-server/profile.yaml",
        find: "            application/json:\n              schema:\n                type: object  # empty json object",
        replace: "            application/json:\n              $ref: definitions/errors/rate_limited.yaml",
        rule: "ref-misplaced",
        expect_at: "$ref",
        before: false,
    },
    Mutation {
        name: "a schema type JSON Schema does not have (spec)",
        file: "data/api/client-server/profile.yaml",
        find: "                displayname:\n                  type: string\n                  description: The new display name for this user.",
        replace: "                displayname:\n                  type: strng\n                  description: The new display name for this user.",
        rule: "schema-invalid",
        expect_at: "strng",
        before: false,
    },
    Mutation {
        name: "a schema-level example of the wrong type (what the spec's CI never validates)",
        file: "data/api/client-server/profile.yaml",
        find: "\"displayname\": \"Alice Margatroid\"\n              }\n              properties:",
        replace: "\"displayname\": 5\n              }\n              properties:",
        rule: "example-invalid",
        expect_at: "5",
        before: false,
    },
    Mutation {
        name: "a named response example of the wrong type (no-invalid-media-type-examples)",
        file: "data/api/client-server/profile.yaml",
        find: "value: {\n                    \"displayname\": \"Alice Margatroid\"",
        replace: "value: {\n                    \"displayname\": 5",
        rule: "example-invalid",
        expect_at: "5",
        before: false,
    },
    Mutation {
        name: "a parameter example of the wrong type",
        file: "data/api/client-server/profile.yaml",
        find: "example: \"@alice:example.com\"\n          schema:\n            type: string",
        replace: "example: \"@alice:example.com\"\n          schema:\n            type: integer",
        rule: "example-invalid",
        expect_at: "\"@alice",
        before: false,
    },
    Mutation {
        name: "a named example with value and externalValue (no-example-value-and-externalValue)",
        file: "data/api/client-server/profile.yaml",
        find: "                response:\n                  value: {}",
        replace: "                response:\n                  externalValue: https://example.org/x.json\n                  value: {}",
        rule: "structure",
        expect_at: "externalValue",
        before: false,
    },
    Mutation {
        name: "a component name with a space (spec-components-invalid-map-name)",
        file: "data/api/client-server/profile.yaml",
        find: "  securitySchemes:\n    accessTokenQuery:",
        replace: "  securitySchemes:\n    access token query:",
        rule: "component-name-invalid",
        expect_at: "access token",
        before: false,
    },
    Mutation {
        name: "a server URL with a trailing slash (no-server-trailing-slash)",
        file: "data/api/client-server/profile.yaml",
        find: "  - url: \"{protocol}://{hostname}{basePath}\"",
        replace: "  - url: \"{protocol}://{hostname}{basePath}/\"",
        rule: "server-invalid",
        expect_at: "{basePath}/",
        before: false,
    },
];

#[test]
fn every_defect_planted_in_todays_tree_is_found_at_its_place() {
    let missed = plant(&corpus_v114(), MUTATIONS_V114);
    assert!(missed.is_empty(), "{}", missed.join("\n"));
}
