//! The spec's own Hugo layouts through the Go template engine: every layout of both releases
//! parses (the functions they call are Hugo's, which the engine does not have yet, so any
//! name is taken as a function here; executing them is issue 24's next step).

use std::path::{Path, PathBuf};

use mxspec::gotemplate::{lex, parse};

fn layouts(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.join("layouts")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The functions a parsed tree calls, by name.
fn functions(nodes: &[parse::Node], names: &mut std::collections::BTreeSet<String>) {
    fn in_pipeline(pipeline: &parse::Pipeline, names: &mut std::collections::BTreeSet<String>) {
        for command in &pipeline.commands {
            for arg in &command.args {
                in_arg(arg, names);
            }
        }
    }
    fn in_arg(arg: &parse::Arg, names: &mut std::collections::BTreeSet<String>) {
        match arg {
            parse::Arg::Function(_, name) => {
                names.insert(name.clone());
            }
            parse::Arg::Chain(_, base, _) => in_arg(base, names),
            parse::Arg::Pipeline(pipeline) => in_pipeline(pipeline, names),
            _ => {}
        }
    }
    for node in nodes {
        match node {
            parse::Node::Action(pipeline) => in_pipeline(pipeline, names),
            parse::Node::Control(control) => {
                in_pipeline(&control.pipeline, names);
                functions(&control.list, names);
                if let Some(otherwise) = &control.otherwise {
                    functions(otherwise, names);
                }
            }
            parse::Node::Template {
                pipeline: Some(pipeline),
                ..
            } => in_pipeline(pipeline, names),
            _ => {}
        }
    }
}

#[test]
fn every_layout_of_both_releases_parses() {
    for release in ["matrix-spec-v1.14", "matrix-spec-v1.16"] {
        let root = super::shared().join("corpus").join(release);
        let files = layouts(&root);
        assert!(files.len() > 20, "{release}: {} layouts", files.len());
        let mut errors = Vec::new();
        let mut names = std::collections::BTreeSet::new();
        for file in &files {
            let name = file.strip_prefix(&root).unwrap().display().to_string();
            let text = std::fs::read_to_string(file).unwrap();
            let parsed =
                lex::lex(&name, &text).and_then(|tokens| parse::parse(&name, tokens, &|_| true));
            match parsed {
                Ok(parsed) => {
                    functions(&parsed.main, &mut names);
                    for (_, tree) in &parsed.defined {
                        functions(tree, &mut names);
                    }
                }
                Err(err) => errors.push(err.to_string()),
            }
        }
        println!(
            "gotemplate {release}: {} layouts parse; they call {} functions: {}",
            files.len(),
            names.len(),
            names.iter().cloned().collect::<Vec<_>>().join(" ")
        );
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
}
