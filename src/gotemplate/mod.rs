//! Go's `text/template`, for the layouts of a Hugo tree: the language of `layouts/`
//! (shortcodes, partials, render hooks) that a Markdown spec site is rendered with.
//!
//! No Rust crate implements it as Go does, so it is written here, after Go's own packages:
//! [`lex`] (text and actions, trim markers, comments), [`parse`] (the trees of a file and its
//! `define`s, with Go's parse-time checks), [`exec`] (the executor) over [`value::Value`]
//! (data from YAML, JSON and TOML, and the host's objects), [`funcs`] (Go's predefined
//! functions), [`fmt`] (`print` and `printf` as Go's `fmt` writes) and [`html`]
//! (`html/template`'s escaping of each value for its place in the page). Hugo's functions and
//! objects are the host's: it adds them to [`Functions`] and passes [`value::Object`]s.
//!
//! Templates are code from the tree: an execution is bounded in steps, output and nesting
//! ([`Limits`]), and every error names the template, line and column.

pub mod exec;
pub mod fmt;
pub mod funcs;
pub mod html;
pub mod lex;
pub mod parse;
pub mod value;

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

pub use lex::Pos;
pub use value::{Object, Value};

/// A problem in a template, where it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{template}:{}:{}: {message}", pos.line, pos.column)]
pub struct TemplateError {
    /// The template's name.
    pub template: String,
    /// Where in it.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
}

impl TemplateError {
    fn new(template: &str, pos: Pos, message: impl Into<String>) -> TemplateError {
        TemplateError {
            template: template.to_owned(),
            pos,
            message: message.into(),
        }
    }
}

/// A function a template can call.
pub type Function =
    Arc<dyn Fn(&mut exec::Context, &[Value]) -> Result<Value, String> + Send + Sync>;

/// A [`Function`] that captures nothing.
pub type PlainFunction = fn(&mut exec::Context, &[Value]) -> Result<Value, String>;

/// The functions templates can call, by name.
#[derive(Clone, Default)]
pub struct Functions(HashMap<String, Function>);

impl Functions {
    /// Adds or replaces `name`.
    pub fn insert(&mut self, name: &str, function: Function) {
        self.0.insert(name.to_owned(), function);
    }

    /// Adds or replaces `name`, a closure (which may hold the host's state).
    pub fn insert_closure(
        &mut self,
        name: &str,
        function: impl Fn(&mut exec::Context, &[Value]) -> Result<Value, String> + Send + Sync + 'static,
    ) {
        self.insert(name, Arc::new(function));
    }

    /// Adds or replaces `name`, a plain function.
    pub fn insert_fn(&mut self, name: &str, function: PlainFunction) {
        self.insert(name, Arc::new(function));
    }

    /// The function `name`.
    pub fn get(&self, name: &str) -> Option<&Function> {
        self.0.get(name)
    }

    /// Whether there is a function `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

/// What one execution may spend, with every template it calls.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Actions, commands and iterations.
    pub steps: u64,
    /// Bytes written.
    pub output: usize,
    /// Templates called and control structures entered, one inside another.
    pub nesting: usize,
}

impl Default for Limits {
    /// Far above what a spec's layouts need for a page, and far below what would stall a
    /// build or overflow a thread's stack.
    fn default() -> Limits {
        Limits {
            steps: 10_000_000,
            output: 64 << 20,
            nesting: 200,
        }
    }
}

/// What an execution wrote, and what the host's functions reported on the way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Executed {
    /// The output.
    pub text: String,
    /// Reports of the host's functions (Hugo's `warnf`), in order.
    pub reports: Vec<String>,
}

/// Parsed templates by name, and the functions they call.
#[derive(Clone, Default)]
pub struct Templates {
    functions: Functions,
    trees: HashMap<String, Arc<Vec<parse::Node>>>,
    /// Templates that did not parse, with why: an execution that calls one fails there.
    failed: HashMap<String, TemplateError>,
    /// They write HTML: values are escaped as `html/template` escapes them ([`html`]).
    html: bool,
    /// How deep the values functions made nest, by identity, for every execution.
    heights: Arc<std::sync::Mutex<value::Heights>>,
}

impl Templates {
    /// No templates yet; Go's predefined functions and `extra` (which win over them).
    pub fn new(extra: Functions) -> Templates {
        let mut functions = funcs::builtins();
        for (name, function) in extra.0 {
            functions.0.insert(name, function);
        }
        Templates {
            functions,
            trees: HashMap::default(),
            failed: HashMap::default(),
            html: false,
            heights: Arc::default(),
        }
    }

    /// [`Templates::new`] for templates that write HTML (Go's `html/template`): each value is
    /// escaped for where it lands in the page.
    pub fn html(extra: Functions) -> Templates {
        Templates {
            html: true,
            ..Templates::new(extra)
        }
    }

    /// Parses `text` as template `name`; the templates it defines join the set (a later
    /// definition of a name replaces an earlier one).
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), TemplateError> {
        let tokens = lex::lex(name, text)?;
        let functions = &self.functions;
        let parsed = parse::parse(name, tokens, &|word| functions.contains(word))?;
        self.trees.insert(name.to_owned(), Arc::new(parsed.main));
        for (defined, tree) in parsed.defined {
            self.trees.insert(defined, Arc::new(tree));
        }
        Ok(())
    }

    /// [`Templates::add`], keeping a template that does not parse as a failure of any
    /// execution that calls it, so that only the templates a page uses must parse (a layout
    /// may call functions the host does not have, in a template no page needs).
    pub fn add_or_defer(&mut self, name: &str, text: &str) {
        match self.add(name, text) {
            Ok(()) => {
                self.failed.remove(name);
            }
            Err(err) => {
                self.trees.remove(name);
                self.failed.insert(name.to_owned(), err);
            }
        }
    }

    /// The tree of template `name`.
    fn tree(&self, name: &str) -> Option<Arc<Vec<parse::Node>>> {
        self.trees.get(name).cloned()
    }

    /// Why template `name` did not parse, if it did not.
    fn failure(&self, name: &str) -> Option<&TemplateError> {
        self.failed.get(name)
    }

    /// Whether there is a template `name` (one that did not parse counts).
    pub fn contains(&self, name: &str) -> bool {
        self.trees.contains_key(name) || self.failed.contains_key(name)
    }

    /// What template `name` writes with `dot` as its cursor.
    pub fn execute(
        &self,
        name: &str,
        dot: &Value,
        limits: Limits,
    ) -> Result<String, TemplateError> {
        exec::State::new(self, limits).execute(name, dot, Pos::default())
    }

    /// [`Templates::execute`] with `environment` for the functions it calls (Hugo's current
    /// page, which its `page` function gives), its steps drawn from `budget` too when one is
    /// given; the output and what the functions reported.
    pub fn execute_in(
        &self,
        name: &str,
        dot: &Value,
        environment: Value,
        limits: Limits,
        budget: Option<Arc<exec::Budget>>,
    ) -> Result<Executed, TemplateError> {
        let mut state = exec::State::new(self, limits).with_environment(environment);
        if let Some(budget) = budget {
            state = state.with_budget(budget);
        }
        let text = state.execute(name, dot, Pos::default())?;
        Ok(Executed {
            text,
            reports: state.take_reports(),
        })
    }
}
