//! `mxspec check` on the corpus: exactly the documented findings, the example counts, and a
//! mutation suite that plants one defect at a time in a copy of the corpus.

use std::collections::BTreeSet;
use std::path::Path;

use super::{corpus, loaded};
use mxspec::check::{Report, check};
use mxspec::diagnostic::Severity;

fn errors(loaded: &mxspec::Loaded, report: &Report) -> BTreeSet<(String, String)> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(|d| {
            (
                d.rule.name().to_owned(),
                format!("{}:{}", loaded.tree.file(d.span.file).path, d.span.line),
            )
        })
        .collect()
}

/// The `(rule, location)` rows of the table in docs/corpus-findings.md.
fn documented_findings() -> BTreeSet<(String, String)> {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/corpus-findings.md"),
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
    let found = errors(loaded, &report);
    let documented = documented_findings();
    let unexplained: Vec<_> = found.difference(&documented).collect();
    let gone: Vec<_> = documented.difference(&found).collect();
    assert!(
        unexplained.is_empty() && gone.is_empty(),
        "not in docs/corpus-findings.md: {unexplained:#?}\ndocumented but not found: {gone:#?}"
    );
    println!("corpus check: {}", report.summary.line());
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
    let pristine = {
        let loaded = loaded();
        errors(loaded, &check(loaded))
    };
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("corpus");
    copy_tree(&corpus(), &copy);
    for mutation in MUTATIONS {
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
        let found = errors(&loaded, &check(&loaded));
        let expected = (
            mutation.rule.to_owned(),
            format!("{}:{line}", mutation.file),
        );
        assert!(
            found.contains(&expected),
            "{}: expected {expected:?}, new errors: {:#?}",
            mutation.name,
            found.difference(&pristine).collect::<Vec<_>>()
        );
        std::fs::write(&path, original).unwrap();
    }
}
