//! Changelog text: the release notes of pending fragments (see `model::changelog`), the
//! released versions in `changelogs/<name>.rst` (newest first), and the sections made of them.
//!
//! The text layout is towncrier 18.6's default template, which the released files of the
//! corpus were written with: a version title underlined with `=`, a `-`-underlined title per
//! type in configured order, one `- text (issues)` line per distinct text (fragments with the
//! same text share a line and list every issue, in issue order), `No significant changes.`
//! when nothing is pending.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::changelog::{ChangelogConfig, Fragment};
use crate::source::SourceTree;

fn issue_order(issue: &str) -> (u64, String) {
    (issue.parse().unwrap_or(u64::MAX), issue.to_owned())
}

/// The release notes of `version` from `fragments`, as towncrier writes them.
pub fn render_release(config: &ChangelogConfig, version: &str, fragments: &[Fragment]) -> String {
    let title = config
        .title_format
        .replace("{version}", version)
        .replace("{name}", &config.name);
    let mut out = format!("{title}\n{}\n\n", "=".repeat(title.chars().count()));
    if fragments.is_empty() {
        out.push_str("No significant changes.\n\n\n");
        return out;
    }
    for kind in &config.types {
        let mut by_text: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for fragment in fragments.iter().filter(|f| f.kind == kind.directory) {
            by_text
                .entry(&fragment.text)
                .or_default()
                .push(&fragment.issue);
        }
        if by_text.is_empty() {
            continue;
        }
        let mut entries: Vec<(&str, Vec<&str>)> = by_text.into_iter().collect();
        for (_, issues) in &mut entries {
            issues.sort_by_key(|issue| issue_order(issue));
        }
        entries.sort_by_key(|(_, issues)| issue_order(issues[0]));
        out.push_str(&format!(
            "{}\n{}\n\n",
            kind.name,
            "-".repeat(kind.name.chars().count())
        ));
        let link = |issue: &&str| config.issue_format.replace("{issue}", issue);
        if kind.showcontent {
            for (text, issues) in entries {
                let links: Vec<String> = issues.iter().map(link).collect();
                out.push_str(&format!("- {text} ({})\n", links.join(", ")));
            }
        } else {
            let links: Vec<String> = entries
                .iter()
                .flat_map(|(_, issues)| issues.iter().map(link))
                .collect();
            out.push_str(&format!("- {}\n", links.join(", ")));
        }
        out.push_str("\n\n");
    }
    out
}

/// How much work a tree's changelog template may do (minijinja's fuel: about one unit per
/// instruction); a template that loops past it fails instead of hanging the build.
const TEMPLATE_FUEL: u64 = 5_000_000;

/// The pending changes of today's layout (the sections of one `changelogs/pyproject.toml`)
/// as Markdown, as `scripts/generate-changelog.sh vUNSTABLE` makes them: the configuration's
/// towncrier template rendered with the context towncrier gives it, trailing spaces dropped.
/// Without a template, towncrier's Markdown layout of the spec. Err is a template problem.
pub fn render_sections(
    changelogs: &[&crate::model::changelog::Changelog],
    template: Option<&str>,
) -> Result<String, String> {
    use indexmap::IndexMap;
    let Some(first) = changelogs.first() else {
        return Ok(String::new());
    };
    let definitions: IndexMap<&str, IndexMap<&str, minijinja::Value>> = first
        .config
        .types
        .iter()
        .map(|t| {
            let definition = IndexMap::from([
                ("name", minijinja::Value::from(t.name.as_str())),
                ("showcontent", minijinja::Value::from(t.showcontent)),
            ]);
            (t.directory.as_str(), definition)
        })
        .collect();
    let mut sections: IndexMap<&str, IndexMap<&str, IndexMap<&str, Vec<String>>>> = IndexMap::new();
    for changelog in changelogs {
        let title = changelog.config.section.as_deref().unwrap_or("");
        let mut categories: IndexMap<&str, IndexMap<&str, Vec<String>>> = IndexMap::new();
        for kind in &changelog.config.types {
            let mut entries: Vec<(&str, Vec<&str>)> = Vec::new();
            for fragment in changelog
                .fragments
                .iter()
                .filter(|f| f.kind == kind.directory)
            {
                match entries.iter_mut().find(|(text, _)| *text == fragment.text) {
                    Some((_, issues)) => issues.push(&fragment.issue),
                    None => entries.push((&fragment.text, vec![&fragment.issue])),
                }
            }
            if entries.is_empty() {
                continue;
            }
            for (_, issues) in &mut entries {
                issues.sort_by_key(|issue| issue_order(issue));
            }
            entries.sort_by_key(|(_, issues)| issue_order(issues[0]));
            let link = |issue: &&str| changelog.config.issue_format.replace("{issue}", issue);
            categories.insert(
                &kind.directory,
                entries
                    .into_iter()
                    .map(|(text, issues)| (text, issues.iter().map(link).collect()))
                    .collect(),
            );
        }
        sections.insert(title, categories);
    }
    let Some(template) = template else {
        let mut out = String::new();
        for (title, categories) in &sections {
            out.push_str(&format!("\n## {title}\n\n"));
            if categories.is_empty() {
                out.push_str("No significant changes.\n\n");
            }
            for (kind, entries) in categories {
                out.push_str(&format!("**{}**\n\n", definitions[kind]["name"]));
                for (text, issues) in entries {
                    out.push_str(&format!("- {text} ({})\n", issues.join(", ")));
                }
                out.push('\n');
            }
        }
        return Ok(out);
    };
    let mut env = minijinja::Environment::new();
    env.set_fuel(Some(TEMPLATE_FUEL));
    // towncrier's templates are Jinja2's: Python's `dict.items()` and friends.
    env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
    env.set_trim_blocks(true);
    env.add_template("changelog", template)
        .map_err(|err| err.to_string())?;
    let context = minijinja::context! {
        sections => sections,
        definitions => definitions,
        render_title => false,
        top_underline => "=",
        underlines => ["=", "-", "~"],
        versiondata => minijinja::context! { name => "", version => "unstable", date => "" },
    };
    let rendered = env
        .get_template("changelog")
        .and_then(|t| t.render(context))
        .map_err(|err| match err.line() {
            Some(line) => format!("line {line}: {err}"),
            None => err.to_string(),
        })?;
    Ok(rendered
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        + "\n")
}

/// The block of `version` in a released changelog: its title line up to the next version title.
pub fn released_block(released: &str, version: &str) -> Option<String> {
    let lines: Vec<&str> = released.split('\n').collect();
    let is_title = |i: usize| {
        !lines[i].trim().is_empty()
            && lines
                .get(i + 1)
                .is_some_and(|next| is_underline(lines[i], next, '='))
    };
    let start = (0..lines.len()).find(|&i| lines[i].trim() == version && is_title(i))?;
    let end = (start + 2..lines.len())
        .find(|&i| is_title(i))
        .unwrap_or(lines.len());
    Some(lines[start..end].join("\n"))
}

/// Whether `line` underlines `title` with `c`: only `c`, at least as long as the title.
fn is_underline(title: &str, line: &str, c: char) -> bool {
    let line = line.trim_end();
    !line.is_empty()
        && line.chars().all(|x| x == c)
        && line.chars().count() >= title.trim_end().chars().count()
}

/// A release block as the `{{<name>_changelog}}` section shows it: without the version title
/// and the underlines, every line indented by four spaces, framed by blank lines.
pub fn as_section(block: &str) -> String {
    let raw: Vec<&str> = block.split('\n').collect();
    let mut lines: Vec<&str> = vec![""];
    let mut i = 0;
    if raw.len() > 1 && is_underline(raw[0], raw[1], '=') {
        i = 2;
    }
    while i < raw.len() {
        let underline =
            i > 0 && !raw[i - 1].trim().is_empty() && is_underline(raw[i - 1], raw[i], '-');
        if !underline {
            lines.push(raw[i]);
        }
        i += 1;
    }
    while lines.len() > 1 && lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines.push("");
    lines.iter().map(|line| format!("    {line}\n")).collect()
}

/// Writes `block` at the top of the released changelog and removes the consumed fragments:
/// both or neither. The fragments are first moved aside, so a failed write puts them back.
pub fn write_release(
    root: &Path,
    config: &ChangelogConfig,
    block: &str,
    fragments: &[Fragment],
    tree: &SourceTree,
) -> std::io::Result<()> {
    // The released changelog is read and replaced, and fragments deleted, only where
    // `release_places` allows: never a file the tree reads for anything else.
    let (_, released) =
        crate::model::changelog::release_places(tree, config).map_err(std::io::Error::other)?;
    let previous = match std::fs::metadata(&released) {
        Ok(meta) if !meta.is_file() => {
            return Err(std::io::Error::other(format!(
                "{} is not a regular file",
                released.display()
            )));
        }
        Ok(_) => std::fs::read_to_string(&released)?,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err),
    };
    let parent = released.parent().unwrap_or(root);
    let aside = tempfile_dir(parent)?;
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    let restore = |moved: &[(PathBuf, PathBuf)]| {
        for (from, to) in moved {
            let _ = std::fs::rename(to, from);
        }
        let _ = std::fs::remove_dir_all(&aside);
    };
    for fragment in fragments {
        let from = tree.real_path(fragment.file);
        let to = aside.join(moved.len().to_string());
        if let Err(err) = std::fs::rename(&from, &to) {
            restore(&moved);
            return Err(err);
        }
        moved.push((from, to));
    }
    let temp = parent.join(format!(".{}.mxspec-new", config.name));
    let written = std::fs::write(&temp, format!("{block}{previous}"))
        .and_then(|()| std::fs::rename(&temp, &released));
    if let Err(err) = written {
        let _ = std::fs::remove_file(&temp);
        restore(&moved);
        return Err(err);
    }
    std::fs::remove_dir_all(&aside)
}

fn tempfile_dir(parent: &Path) -> std::io::Result<PathBuf> {
    for n in 0..100 {
        let path = parent.join(format!(".mxspec-fragments-{}-{n}", std::process::id()));
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err),
        }
    }
    Err(std::io::Error::other(
        "cannot create a folder for the consumed fragments",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::changelog::{FragmentType, released_path};
    use crate::source::FileId;

    fn config() -> ChangelogConfig {
        ChangelogConfig {
            name: "api".into(),
            filename: "../api.rst".into(),
            directory: "newsfragments".into(),
            issue_format: "#{issue}".into(),
            title_format: "{version}".into(),
            section: None,
            template: None,
            config_file: "changelogs/api/pyproject.toml".into(),
            types: vec![
                FragmentType {
                    directory: "new".into(),
                    name: "New Endpoints".into(),
                    showcontent: true,
                },
                FragmentType {
                    directory: "fix".into(),
                    name: "Fixes".into(),
                    showcontent: true,
                },
            ],
        }
    }

    fn fragment(issue: &str, kind: &str, text: &str) -> Fragment {
        Fragment {
            issue: issue.into(),
            kind: kind.into(),
            text: text.into(),
            file: FileId(0),
        }
    }

    #[test]
    fn sections_in_configured_order_with_merged_texts() {
        let fragments = [
            fragment("30", "fix", "Fix typos."),
            fragment("12", "fix", "Fix typos."),
            fragment("20", "fix", "Clarify a thing."),
            fragment("7", "new", "Add /ping."),
        ];
        assert_eq!(
            render_release(&config(), "r1", &fragments),
            "r1\n==\n\nNew Endpoints\n-------------\n\n- Add /ping. (#7)\n\n\n\
             Fixes\n-----\n\n- Fix typos. (#12, #30)\n- Clarify a thing. (#20)\n\n\n"
        );
        assert_eq!(
            render_release(&config(), "r1", &[]),
            "r1\n==\n\nNo significant changes.\n\n\n"
        );
    }

    #[test]
    fn sections_drop_titles_and_indent() {
        let block = render_release(&config(), "unstable", &[fragment("7", "new", "Add /ping.")]);
        assert_eq!(
            as_section(&block),
            "    \n    \n    New Endpoints\n    \n    - Add /ping. (#7)\n    \n"
        );
        // A short version has a short underline.
        let released = format!("{block}v1\n==\n\nNo significant changes.\n\n\n");
        assert_eq!(
            released_block(&released, "v1").as_deref(),
            Some("v1\n==\n\nNo significant changes.\n\n\n")
        );
        assert_eq!(
            as_section("v1\n==\n\nNo significant changes.\n"),
            "    \n    \n    No significant changes.\n    \n"
        );
        assert_eq!(released_path(&config()), "changelogs/api.rst");
    }

    #[test]
    fn a_changelog_template_cannot_loop_forever() {
        let changelog = crate::model::changelog::Changelog {
            config: ChangelogConfig {
                section: Some("Client-Server API".into()),
                ..config()
            },
            fragments: Vec::new(),
        };
        let endless =
            "{% for a in range(10000) %}{% for b in range(10000) %}x{% endfor %}{% endfor %}";
        let error = render_sections(&[&changelog], Some(endless)).unwrap_err();
        assert!(error.contains("fuel"), "{error}");
        let plain = render_sections(&[&changelog], None).unwrap();
        assert_eq!(
            plain,
            "\n## Client-Server API\n\nNo significant changes.\n\n"
        );
    }
}
