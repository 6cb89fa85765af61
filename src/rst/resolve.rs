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
use crate::limits::MAX_PROSE_DEPTH;

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
    number_footnotes(&mut document.blocks);
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
                if !crate::sanitize::safe_url(url) {
                    parsed.problems.push(unsafe_link(url, target.line));
                }
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
    defuse_substitutions(
        &mut resolved.substitutions,
        &parsed.substitutions,
        &mut parsed.problems,
    );
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

/// docutils' auto-numbered footnotes: every `.. [#]` and `.. [#name]` gets the next number no
/// manually numbered footnote uses, in document order; the n-th `[#]_` refers to the n-th
/// `.. [#]`, and `[#name]_` to `.. [#name]`. Labels and references become those numbers.
fn number_footnotes(blocks: &mut [Block]) {
    let mut manual: HashSet<u64> = HashSet::new();
    let mut auto = 0usize;
    super::for_each_block_mut(blocks, &mut |block| {
        if let Block::Footnote { label, .. } = block {
            match label.parse::<u64>() {
                Ok(n) => {
                    manual.insert(n);
                }
                Err(_) if label.starts_with('#') => auto += 1,
                Err(_) => {}
            }
        }
    });
    if auto == 0 {
        return;
    }
    let mut next = 0u64;
    let mut anonymous: Vec<String> = Vec::new();
    let mut named: HashMap<String, String> = HashMap::new();
    super::for_each_block_mut(blocks, &mut |block| {
        if let Block::Footnote { label, .. } = block
            && label.starts_with('#')
        {
            next += 1;
            while manual.contains(&next) {
                next += 1;
            }
            let number = next.to_string();
            if label == "#" {
                anonymous.push(number.clone());
            } else {
                named.insert(label.clone(), number.clone());
            }
            *label = number;
        }
    });
    let mut anonymous = anonymous.into_iter();
    super::for_each_block_mut(blocks, &mut |block| {
        super::for_each_own_inline_mut(block, &mut |inline| {
            if let Inline::FootnoteRef(label) = inline {
                let number = if label == "#" {
                    anonymous.next()
                } else {
                    named.get(label.as_str()).cloned()
                };
                if let Some(number) = number {
                    *label = number;
                }
            }
        });
    });
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
                Inline::Reference {
                    target: RefTarget::Url(url),
                    line,
                    ..
                } if !crate::sanitize::safe_url(url) => {
                    self.problems.push(unsafe_link(url, *line));
                }
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

/// The problem of a link whose URL could run script; the writer shows its text, unlinked.
/// The problem of a link whose scheme [`crate::sanitize::safe_url`] refuses.
pub(crate) fn unsafe_link(url: &str, line: usize) -> Problem {
    let shown: String = url.chars().take(60).collect();
    Problem {
        line,
        kind: ProblemKind::Unsafe,
        message: format!(
            "the link to `{shown}` uses a scheme that could run script or read files; it is shown unlinked (allowed: {})",
            crate::sanitize::ALLOWED_SCHEMES.join(", ")
        ),
    }
}

/// How many inlines all the substitutions of a document may expand to, each counted as often
/// as it is used inside other substitutions (`|a|` = `|b| |b|`, `|b|` = `|c| |c|`, ...
/// doubles per level).
const MAX_SUBSTITUTION_INLINES: u64 = 100_000;

/// Finds the substitutions that use themselves (directly or through others), nest deeper than
/// [`MAX_PROSE_DEPTH`] or expand past [`MAX_SUBSTITUTION_INLINES`], reports each, and replaces
/// its text by its name, so writing a page never recurses without end.
fn defuse_substitutions(
    substitutions: &mut HashMap<String, Vec<Inline>>,
    defined: &[(String, Vec<Inline>, usize)],
    problems: &mut Vec<Problem>,
) {
    let mut sizes: HashMap<String, Option<u64>> = HashMap::default();
    for (name, _, line) in defined {
        let mut active = Vec::new();
        if let Err(why) = expanded_size(name, substitutions, &mut sizes, &mut active) {
            // One that fails only because one it uses failed is not reported again.
            if let Some(why) = why {
                problems.push(Problem {
                    line: *line,
                    kind: ProblemKind::Limit,
                    message: format!("the substitution `|{name}|` {why}; it is shown as its name"),
                });
            }
            substitutions.insert(name.clone(), vec![Inline::Text(format!("|{name}|"))]);
            sizes.insert(name.clone(), Some(1));
        }
    }
}

/// The number of inlines `name` expands to; `sizes` remembers finished names (None: failed).
/// The error says why, or is None when a substitution it uses failed (reported there).
fn expanded_size(
    name: &str,
    substitutions: &HashMap<String, Vec<Inline>>,
    sizes: &mut HashMap<String, Option<u64>>,
    active: &mut Vec<String>,
) -> Result<u64, Option<String>> {
    if let Some(known) = sizes.get(name) {
        return known.ok_or(None);
    }
    if active.iter().any(|a| a == name) {
        return Err(Some(format!(
            "uses itself (through {})",
            active.join(" → ")
        )));
    }
    if active.len() >= MAX_PROSE_DEPTH {
        return Err(Some(format!(
            "nests more than {MAX_PROSE_DEPTH} substitutions deep"
        )));
    }
    let Some(content) = substitutions.get(name) else {
        return Ok(1);
    };
    let mut used = Vec::new();
    let mut size = 0u64;
    count_inlines(content, &mut size, &mut used);
    active.push(name.to_owned());
    let mut result = Ok(size);
    for inner in used {
        match expanded_size(&inner, substitutions, sizes, active) {
            Ok(n) => {
                size = size.saturating_add(n);
                if size > MAX_SUBSTITUTION_INLINES {
                    result = Err(Some(format!(
                        "expands to more than {MAX_SUBSTITUTION_INLINES} inlines"
                    )));
                    break;
                }
                result = Ok(size);
            }
            Err(why) => {
                result = Err(why);
                break;
            }
        }
    }
    active.pop();
    sizes.insert(name.to_owned(), result.as_ref().ok().copied());
    result
}

/// Counts the inlines of `content` other than substitutions, and lists the names of those.
fn count_inlines(content: &[Inline], size: &mut u64, used: &mut Vec<String>) {
    for inline in content {
        match inline {
            Inline::Substitution { name, .. } => used.push(name.clone()),
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Cite(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Reference { content: c, .. } => {
                *size += 1;
                count_inlines(c, size, used);
            }
            _ => *size += 1,
        }
    }
}
