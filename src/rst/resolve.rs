//! The document-wide pass: the title promoted, ids given (docutils' ids, duplicates
//! numbered `-1`, `-2`, ...), sections numbered, and every reference and substitution
//! looked up. Names nothing defines are problems; a name two sections share is a problem
//! only when something refers to it (as in docutils).

use std::collections::{HashMap, HashSet};

use super::block::{Parsed, TargetKind};
use super::ids::make_id;
use super::{
    Block, Document, Inline, Problem, ProblemKind, RefTarget, Section, for_each_inlines,
    normalize_name, plain_text,
};

/// A document ready to be written.
#[derive(Debug, Default)]
pub struct Resolved {
    /// The document title (the lone top section's title), if any.
    pub title: Option<Vec<Inline>>,
    /// The id of the document itself.
    pub title_id: Option<String>,
    /// The blocks under the title.
    pub document: Document,
    /// Where each name points: an href (`#id` or a URL).
    pub names: HashMap<String, String>,
    /// Anonymous targets in order.
    pub anonymous: Vec<String>,
    /// Substitution texts.
    pub substitutions: HashMap<String, Vec<Inline>>,
    /// Every id of the page.
    pub ids: HashSet<String>,
    /// Whether `.. sectnum::` asked for numbers.
    pub numbered: bool,
}

/// Resolves a parsed document; problems are added to `parsed.problems`.
pub fn resolve(parsed: &mut Parsed) -> Resolved {
    let mut document = std::mem::take(&mut parsed.document);
    let mut resolved = Resolved::default();
    // The doc title: the only top-level section, with nothing but comments around it.
    let sections = document
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Section(_)))
        .count();
    let only_comments = document.blocks.iter().all(|b| {
        matches!(
            b,
            Block::Section(_) | Block::Comment(_) | Block::Anchor { .. } | Block::Raw(_)
        )
    });
    if sections == 1 && only_comments {
        let mut blocks = Vec::new();
        for block in std::mem::take(&mut document.blocks) {
            match block {
                Block::Section(section) => {
                    resolved.title = Some(section.title);
                    blocks.extend(section.body);
                }
                other => blocks.push(other),
            }
        }
        document.blocks = blocks;
        if let Some(title) = &resolved.title {
            let id = make_id(&plain_text(title));
            resolved.ids.insert(id.clone());
            resolved.title_id = Some(id);
        }
    }
    let mut state = State {
        ids: std::mem::take(&mut resolved.ids),
        counter: 0,
        section_names: HashMap::new(),
        anchor_names: HashMap::new(),
        numbered: false,
    };
    state.numbered = contains_sectnum(&document.blocks);
    state.assign(&mut document.blocks, &[]);
    resolved.numbered = state.numbered;
    // Names: explicit targets first, then section titles, then embedded `<url>` targets.
    let mut names: HashMap<String, String> = HashMap::new();
    let mut aliases: Vec<(String, String, usize)> = Vec::new();
    let mut defined: HashSet<String> = HashSet::new();
    for target in &parsed.targets {
        if !defined.insert(target.name.clone()) && !matches!(target.kind, TargetKind::Here) {
            parsed.problems.push(Problem {
                line: target.line,
                kind: ProblemKind::Suspicious,
                message: format!(
                    "the target name `{}` is defined more than once",
                    target.name
                ),
            });
        }
        match &target.kind {
            TargetKind::Url(url) => {
                names
                    .entry(target.name.clone())
                    .or_insert_with(|| url.clone());
            }
            TargetKind::Alias(alias) => {
                aliases.push((target.name.clone(), alias.clone(), target.line))
            }
            TargetKind::Here => {
                if let Some(id) = state.anchor_names.get(&target.name) {
                    names
                        .entry(target.name.clone())
                        .or_insert_with(|| format!("#{id}"));
                }
            }
        }
    }
    let mut ambiguous: HashSet<String> = HashSet::new();
    for (name, ids) in &state.section_names {
        if !names.contains_key(name) {
            names.insert(name.clone(), format!("#{}", ids[0]));
            if ids.len() > 1 {
                ambiguous.insert(name.clone());
            }
        }
    }
    for (name, url, _) in &parsed.inline.embedded {
        names.entry(name.clone()).or_insert_with(|| url.clone());
    }
    // Aliases may chain; resolve until nothing changes.
    let mut pending = aliases;
    loop {
        let before = pending.len();
        pending.retain(|(name, alias, _)| match names.get(alias).cloned() {
            Some(href) => {
                names.entry(name.clone()).or_insert(href);
                false
            }
            None => true,
        });
        if pending.is_empty() || pending.len() == before {
            break;
        }
    }
    for (name, alias, line) in pending {
        parsed.problems.push(Problem {
            line,
            kind: ProblemKind::UndefinedName,
            message: format!("the target `{name}` points at `{alias}`, which is not defined"),
        });
    }
    resolved.substitutions = parsed
        .substitutions
        .iter()
        .map(|(name, content, _)| (name.clone(), content.clone()))
        .collect();
    resolved.anonymous = parsed
        .anonymous
        .iter()
        .map(|kind| match kind {
            TargetKind::Url(url) => url.clone(),
            TargetKind::Alias(alias) => names.get(alias).cloned().unwrap_or_default(),
            TargetKind::Here => String::new(),
        })
        .collect();
    resolved.names = names;
    // Every use must be defined.
    let mut check = Check {
        resolved: &resolved,
        ambiguous: &ambiguous,
        problems: Vec::new(),
        anonymous_used: 0,
    };
    for_each_inlines(&document.blocks, &mut |inlines| check.inlines(inlines));
    let used = check.anonymous_used;
    parsed.problems.append(&mut check.problems);
    if used != resolved.anonymous.len() {
        parsed.problems.push(Problem {
            line: 0,
            kind: ProblemKind::Malformed,
            message: format!(
                "{used} anonymous references but {} anonymous targets",
                resolved.anonymous.len()
            ),
        });
    }
    parsed.problems.sort_by_key(|p| p.line);
    resolved.ids = state.ids;
    resolved.document = document;
    resolved
}

fn contains_sectnum(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::SectNum => true,
        Block::Section(s) => contains_sectnum(&s.body),
        _ => false,
    })
}

struct State {
    ids: HashSet<String>,
    counter: usize,
    section_names: HashMap<String, Vec<String>>,
    anchor_names: HashMap<String, String>,
    numbered: bool,
}

impl State {
    /// `wanted`, or as docutils 0.23 does when it is taken, `wanted-1`, `wanted-2`, ...
    fn unique(&mut self, wanted: String) -> String {
        if !wanted.is_empty() && self.ids.insert(wanted.clone()) {
            return wanted;
        }
        let base = if wanted.is_empty() {
            "id"
        } else {
            wanted.as_str()
        };
        loop {
            self.counter += 1;
            let id = format!("{base}-{}", self.counter);
            if self.ids.insert(id.clone()) {
                self.counter = 0;
                return id;
            }
        }
    }

    fn assign(&mut self, blocks: &mut [Block], number: &[usize]) {
        let mut count = 0;
        for block in blocks {
            match block {
                Block::Section(section) => {
                    count += 1;
                    let mut here = number.to_vec();
                    here.push(count);
                    self.section(section, &here);
                }
                Block::Anchor { names, id } if names.is_empty() => {
                    *id = self.unique(std::mem::take(id));
                }
                Block::Anchor { names, id } => {
                    let wanted = names.first().map(|n| make_id(n)).unwrap_or_default();
                    *id = self.unique(wanted);
                    for name in names.iter() {
                        self.anchor_names
                            .entry(name.clone())
                            .or_insert_with(|| id.clone());
                    }
                }
                Block::Classed { body, .. } | Block::BlockQuote(body) => self.assign(body, number),
                _ => {}
            }
        }
    }

    fn section(&mut self, section: &mut Section, number: &[usize]) {
        let title = plain_text(&section.title);
        let wanted: Vec<String> = if section.ids.is_empty() {
            vec![make_id(&title)]
        } else {
            std::mem::take(&mut section.ids)
        };
        section.ids = wanted.into_iter().map(|w| self.unique(w)).collect();
        self.section_names
            .entry(normalize_name(&title))
            .or_default()
            .push(section.ids[0].clone());
        if self.numbered {
            section.number = Some(
                number
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join("."),
            );
        }
        self.assign(&mut section.body, number);
    }
}

struct Check<'a> {
    resolved: &'a Resolved,
    ambiguous: &'a HashSet<String>,
    problems: Vec<Problem>,
    anonymous_used: usize,
}

impl Check<'_> {
    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Reference {
                    target: RefTarget::Name(name),
                    line,
                    ..
                } => {
                    self.name(name, *line, "reference");
                }
                Inline::Reference {
                    target: RefTarget::Anonymous(_),
                    ..
                } => self.anonymous_used += 1,
                Inline::Substitution { name, linked, line } => {
                    if !self.resolved.substitutions.contains_key(name) {
                        self.problems.push(Problem {
                            line: *line,
                            kind: ProblemKind::UndefinedName,
                            message: format!("the substitution `|{name}|` is not defined"),
                        });
                    }
                    if *linked {
                        self.name(name, *line, "substitution reference");
                    }
                }
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Cite(c) => self.inlines(c),
                _ => {}
            }
        }
    }

    fn name(&mut self, name: &str, line: usize, what: &str) {
        if !self.resolved.names.contains_key(name) {
            self.problems.push(Problem {
                line,
                kind: ProblemKind::UndefinedName,
                message: format!("the {what} `{name}` names no target or section"),
            });
        } else if self.ambiguous.contains(name) {
            self.problems.push(Problem {
                line,
                kind: ProblemKind::Suspicious,
                message: format!(
                    "`{name}` is the title of more than one section; the link goes to the first"
                ),
            });
        }
    }
}
