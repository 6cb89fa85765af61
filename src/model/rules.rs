//! Which rules apply and how severe each is, configured the way the tree's ecosystem
//! configures a linter: a single OpenAPI document's root may hold Redocly's `redocly.yaml` (or
//! `.redocly.yaml`), whose `extends` and `rules` are read with Redocly's rule names mapped to
//! mxspec's. Without one, a document gets severities close to Redocly's `recommended`; a Matrix
//! tree gets the Matrix preset (each rule's own severity), which encodes the Matrix spec's own
//! `redocly.yaml` (`docs/redocly.md`).

use rustc_hash::FxHashMap as HashMap;

use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::source::{Layout, Node, SourceTree, Span, Value};

/// What a rule's findings become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Not reported.
    Off,
    /// Reported as a warning.
    Warn,
    /// Reported as an error.
    Error,
}

/// The rule levels that differ from each rule's own severity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleLevels {
    levels: HashMap<Rule, Level>,
    /// Where the levels came from, for `--verbose`: a preset name or the config file.
    pub source: String,
}

/// Redocly's rules that mxspec checks, each with the mxspec rules that check it and its level
/// in Redocly's `recommended` ruleset (`recommended-strict` makes every one an error).
#[rustfmt::skip]
const REDOCLY_RULES: &[(&str, &[Rule], Level)] = &[
    ("operation-operationId", &[Rule::OperationIdMissing], Level::Warn),
    ("operation-operationId-unique", &[Rule::OperationIdDuplicate], Level::Error),
    ("operation-parameters-unique", &[Rule::DuplicateParameter], Level::Error),
    ("path-parameters-defined",
        &[Rule::PathParamUndeclared, Rule::PathParamUnused, Rule::PathParamNotRequired], Level::Error),
    ("no-identical-paths", &[Rule::EndpointDuplicate], Level::Error),
    ("no-unresolved-refs",
        &[Rule::RefUnresolved, Rule::RefCycle, Rule::RefOutsideRoot, Rule::RefUrl], Level::Error),
    ("spec", &[Rule::Structure, Rule::SpecVersion, Rule::SchemaInvalid], Level::Error),
    ("struct", &[Rule::Structure, Rule::SpecVersion, Rule::SchemaInvalid], Level::Error),
    ("no-enum-type-mismatch", &[Rule::EnumUntyped, Rule::EnumDuplicate], Level::Error),
    // mxspec's one example rule checks what Redocly's three example rules check.
    ("no-invalid-media-type-examples", &[Rule::ExampleInvalid], Level::Warn),
    ("no-invalid-schema-examples", &[Rule::ExampleInvalid], Level::Warn),
    ("no-invalid-parameter-examples", &[Rule::ExampleInvalid], Level::Warn),
    ("no-required-schema-properties-undefined", &[Rule::RequiredUnknownProperty], Level::Warn),
    ("no-ambiguous-paths", &[Rule::PathAmbiguous], Level::Warn),
    ("operation-summary", &[Rule::OperationSummaryMissing], Level::Error),
    ("tag-description", &[Rule::TagDescriptionMissing], Level::Warn),
    ("spec-components-invalid-map-name", &[Rule::ComponentNameInvalid], Level::Error),
    ("spec-strict-refs", &[Rule::RefMisplaced], Level::Off),
    // `server-invalid` covers Redocly's server rules; only this one of them is an error in
    // `recommended`, and an undefined variable is the defect it most often finds.
    ("no-undefined-server-variable", &[Rule::ServerInvalid], Level::Error),
];

/// Redocly's other built-in rules, which mxspec does not check on their own (some are part of
/// a rule above): a config that names them is read without a complaint, and they do nothing.
#[rustfmt::skip]
const REDOCLY_UNCHECKED: &[&str] = &[
    "info-contact", "info-license", "info-license-url", "info-license-strict",
    "operation-2xx-response", "operation-4xx-response", "operation-4xx-problem-details-rfc7807",
    "operation-description", "operation-operationId-url-safe", "operation-singular-tag",
    "operation-tag-defined", "security-defined", "path-declaration-must-exist",
    "path-not-include-query", "path-http-verbs-order", "path-excludes-patterns",
    "path-segment-plural", "paths-kebab-case", "no-path-trailing-slash", "no-http-verbs-in-paths",
    "no-empty-servers", "no-server-example.com", "no-server-trailing-slash",
    "no-server-variables-empty-enum", "no-unused-components", "no-example-value-and-externalValue",
    "no-schema-type-mismatch", "no-duplicated-tag-names", "parameter-description",
    "request-mime-type", "response-mime-type", "response-contains-header",
    "response-contains-property", "required-string-property-missing-min-length",
    "scalar-property-missing-example", "tags-alphabetical", "component-name-unique",
    "boolean-parameter-prefixes", "array-parameter-serialization", "nullable-type-sibling",
];

/// Where a tree's lint config may be, in the order Redocly looks.
const CONFIG_FILES: [&str; 2] = ["redocly.yaml", ".redocly.yaml"];

impl RuleLevels {
    /// The levels for `tree`: its `redocly.yaml` for a single document, else its preset.
    /// Problems in the config are diagnostics at their line.
    pub fn read(tree: &mut SourceTree, diagnostics: &mut Vec<Diagnostic>) -> RuleLevels {
        if tree.layout() != Layout::Document {
            return RuleLevels {
                levels: HashMap::default(),
                source: "the Matrix preset (each rule's own severity)".into(),
            };
        }
        for name in CONFIG_FILES {
            let exists = tree.confine(name).is_ok_and(|path| path.is_file());
            if !exists {
                continue;
            }
            let Ok(id) = tree.load_relative(name) else {
                continue;
            };
            // Its parse problems are reported with every file's (`model::build`).
            let file = tree.file(id);
            let Some(node) = file.node.clone() else {
                break;
            };
            let mut levels = from_config(&node, diagnostics);
            levels.source = file.path.clone();
            return levels;
        }
        RuleLevels {
            source: "Redocly's `recommended` (no redocly.yaml at the root)".into(),
            ..preset("recommended").unwrap_or_default()
        }
    }

    /// `diagnostics` with each rule's level applied: dropped when off, re-graded otherwise.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.levels.is_empty() {
            return;
        }
        diagnostics.retain_mut(|d| match self.levels.get(&d.rule) {
            None => true,
            Some(Level::Off) => false,
            Some(Level::Warn) => {
                d.severity = Severity::Warning;
                true
            }
            Some(Level::Error) => {
                d.severity = Severity::Error;
                true
            }
        });
    }

    fn set(&mut self, rules: &[Rule], level: Level) {
        for rule in rules {
            // Limits and unreadable input are never silenced: outputs depend on them.
            if !matches!(
                rule,
                Rule::LimitExceeded | Rule::YamlSyntax | Rule::SpecVersion
            ) || level != Level::Off
            {
                self.levels.insert(*rule, level);
            }
        }
    }
}

/// A Redocly ruleset by name.
fn preset(name: &str) -> Option<RuleLevels> {
    let mut levels = RuleLevels::default();
    for (_, rules, recommended) in REDOCLY_RULES {
        let level = match name {
            "recommended" => *recommended,
            "recommended-strict" => match recommended {
                Level::Off => Level::Off,
                _ => Level::Error,
            },
            "minimal" => match recommended {
                Level::Off => Level::Off,
                _ => Level::Warn,
            },
            "all" => Level::Error,
            _ => return None,
        };
        levels.set(rules, level);
    }
    Some(levels)
}

/// Reads `extends` and `rules` of a Redocly config.
fn from_config(config: &Node, diagnostics: &mut Vec<Diagnostic>) -> RuleLevels {
    let mut levels = RuleLevels::default();
    let extends: Vec<&Node> = match config.get("extends").map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().collect(),
        Some(_) => config.get("extends").into_iter().collect(),
        // Redocly's default when nothing is extended.
        None => Vec::new(),
    };
    if extends.is_empty() {
        levels = preset("recommended").unwrap_or_default();
    }
    for item in extends {
        let name = item.as_str().unwrap_or_default();
        match preset(name) {
            Some(preset) => levels.levels.extend(preset.levels),
            None => invalid(
                diagnostics,
                item.span,
                format!(
                    "`extends: {name}` is not a ruleset mxspec knows (recommended, recommended-strict, minimal, all); it is ignored"
                ),
            ),
        }
    }
    let Some(rules) = config.get("rules").and_then(Node::as_map) else {
        return levels;
    };
    for entry in &rules.entries {
        let name = entry.key.text.as_str();
        let level_text = match &entry.value.value {
            Value::Str(text) => Some(text.as_str()),
            Value::Map(_) => entry.value.get_str("severity"),
            _ => None,
        };
        let level = match level_text {
            Some("off") => Level::Off,
            Some("warn") => Level::Warn,
            Some("error") => Level::Error,
            _ => {
                invalid(
                    diagnostics,
                    entry.value.span,
                    format!("rule `{name}`: the level must be off, warn or error; it is ignored"),
                );
                continue;
            }
        };
        let redocly = REDOCLY_RULES.iter().find(|(n, ..)| *n == name);
        let own = Rule::ALL.iter().find(|r| r.name() == name);
        match (redocly, own) {
            (Some((_, rules, _)), _) => levels.set(rules, level),
            (None, Some(rule)) => levels.set(&[*rule], level),
            (None, None) if REDOCLY_UNCHECKED.contains(&name) => {}
            // Redocly's other rules (and custom ones) are not mxspec's to check.
            (None, None) => invalid(
                diagnostics,
                entry.key.span,
                format!(
                    "rule `{name}` is neither one of Redocly's rules that mxspec checks nor an mxspec rule (docs/redocly.md lists both); it is ignored"
                ),
            ),
        }
    }
    levels
}

fn invalid(diagnostics: &mut Vec<Diagnostic>, span: Span, message: String) {
    diagnostics.push(Diagnostic::new(Rule::LintConfigInvalid, span, message));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn levels(text: &str) -> (RuleLevels, Vec<Diagnostic>) {
        let (node, problems) = crate::source::yaml::parse(FileId(0), text);
        assert!(problems.is_empty());
        let mut diagnostics = Vec::new();
        (from_config(&node.unwrap(), &mut diagnostics), diagnostics)
    }

    #[test]
    fn extends_then_rules_by_either_name() {
        let (levels, problems) = levels(
            "extends: [recommended-strict]\nrules:\n  no-invalid-media-type-examples: off\n  path-ambiguous: warn\n  tag-description: {severity: warn}\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(levels.levels.get(&Rule::ExampleInvalid), Some(&Level::Off));
        assert_eq!(levels.levels.get(&Rule::PathAmbiguous), Some(&Level::Warn));
        assert_eq!(
            levels.levels.get(&Rule::TagDescriptionMissing),
            Some(&Level::Warn)
        );
        assert_eq!(
            levels.levels.get(&Rule::OperationIdMissing),
            Some(&Level::Error)
        );
        assert_eq!(levels.levels.get(&Rule::RefMisplaced), Some(&Level::Off));
    }

    #[test]
    fn unknown_names_and_levels_are_reported_and_ignored() {
        let (levels, problems) =
            levels("extends: [fancy]\nrules:\n  no-such-rule: error\n  operation-summary: loud\n");
        let found: Vec<_> = problems.iter().map(|d| (d.rule, d.span.line)).collect();
        assert_eq!(
            found,
            [
                (Rule::LintConfigInvalid, 1),
                (Rule::LintConfigInvalid, 3),
                (Rule::LintConfigInvalid, 4)
            ]
        );
        assert!(levels.levels.is_empty());
    }

    #[test]
    fn the_matrix_specs_own_config_reads_without_a_complaint() {
        // matrix-spec v1.16's redocly.yaml.
        let (levels, problems) = levels(
            "extends:\n  - recommended-strict\nrules:\n  info-license: off\n  security-defined: off\n  operation-4xx-response: off\n  no-invalid-media-type-examples: off\n  no-path-trailing-slash: off\n  operation-2xx-response: off\n  spec-strict-refs: error\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(levels.levels.get(&Rule::RefMisplaced), Some(&Level::Error));
        assert_eq!(levels.levels.get(&Rule::ServerInvalid), Some(&Level::Error));
        assert_eq!(levels.levels.get(&Rule::ExampleInvalid), Some(&Level::Off));
    }

    #[test]
    fn limits_cannot_be_switched_off() {
        let (levels, _) = levels("rules:\n  limit-exceeded: off\n  spec: off\n");
        assert_ne!(levels.levels.get(&Rule::LimitExceeded), Some(&Level::Off));
        assert_ne!(levels.levels.get(&Rule::SpecVersion), Some(&Level::Off));
        assert_eq!(levels.levels.get(&Rule::Structure), Some(&Level::Off));
    }
}
