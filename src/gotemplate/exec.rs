//! The executor: a parsed template applied to a value, as Go's `text/template` executes it,
//! within a budget of steps, output and nesting shared by every template it calls.

use std::sync::Arc;

use super::html::HtmlContext;
use super::lex::Pos;
use super::parse::{Arg, Command, Control, ControlKind, Node, Pipeline};
use super::value::{Heights, MAX_DEPTH, Value};
use super::{Limits, TemplateError, Templates};

/// What a list asks of the structures around it.
enum Flow {
    Next,
    Break,
    Continue,
    /// Hugo's `return`: the template (a partial) ends, with the value in `State::returned`.
    Return,
}

/// At most this many reports are kept per execution.
const MAX_REPORTS: usize = 1_000;

/// One execution: the output, the variables in scope and what is left of the budget.
pub struct State<'t> {
    templates: &'t Templates,
    /// The template being executed, for the positions of errors.
    name: Arc<str>,
    out: String,
    variables: Vec<(String, Value)>,
    steps: u64,
    nesting: usize,
    limits: Limits,
    /// For HTML templates, where in the page the output is.
    html: Option<HtmlContext>,
    /// What Hugo's `return` gave, until the template it ends hands it over.
    returned: Option<Value>,
    /// How deep the values functions made nest; shared by every execution of the templates,
    /// so that data every execution reaches (Hugo's `site.Data`) is measured once.
    heights: Arc<std::sync::Mutex<Heights>>,
    /// What the host gives every function of this execution (Hugo: the page being rendered).
    environment: Value,
    /// What the host's functions reported (Hugo's `warnf`), in order.
    reports: Vec<String>,
    /// Steps shared with other executions (the calls of one page), drawn in batches.
    budget: Option<Arc<Budget>>,
    /// Steps drawn from `budget` and not yet taken.
    drawn: u64,
}

/// Steps several executions share, whichever thread they run on: each draws what it takes,
/// so that many calls, each within its own [`Limits`], still end.
#[derive(Debug)]
pub struct Budget {
    left: std::sync::atomic::AtomicU64,
    total: u64,
}

impl Budget {
    /// A budget of `steps`.
    pub fn new(steps: u64) -> Budget {
        Budget {
            left: std::sync::atomic::AtomicU64::new(steps),
            total: steps,
        }
    }

    /// The steps not yet drawn.
    pub fn left(&self) -> u64 {
        self.left.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Up to `wanted` steps, or none when none is left.
    fn draw(&self, wanted: u64) -> u64 {
        use std::sync::atomic::Ordering;
        match self
            .left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                (left > 0).then(|| left.saturating_sub(wanted))
            }) {
            Ok(left) => left.min(wanted),
            Err(_) => 0,
        }
    }
}

impl Drop for State<'_> {
    /// Steps drawn and not taken go back to the shared budget.
    fn drop(&mut self) {
        if let Some(budget) = &self.budget {
            budget
                .left
                .fetch_add(self.drawn, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

/// How many steps an execution draws from a shared [`Budget`] at a time.
const DRAW: u64 = 4096;

impl<'t> State<'t> {
    /// An execution of `templates` within `limits`.
    pub fn new(templates: &'t Templates, limits: Limits) -> State<'t> {
        State {
            templates,
            name: Arc::from(""),
            out: String::new(),
            variables: Vec::new(),
            steps: 0,
            nesting: 0,
            limits,
            html: templates.html.then(HtmlContext::default),
            returned: None,
            heights: templates.heights.clone(),
            environment: Value::Nil,
            reports: Vec::new(),
            budget: None,
            drawn: 0,
        }
    }

    /// This execution drawing its steps from `budget` too.
    pub fn with_budget(mut self, budget: Arc<Budget>) -> State<'t> {
        self.budget = Some(budget);
        self
    }

    /// What the host's functions reported so far ([`Context::report`]).
    pub fn take_reports(&mut self) -> Vec<String> {
        std::mem::take(&mut self.reports)
    }

    /// This execution with `environment` for its functions ([`Context::environment`]).
    pub fn with_environment(mut self, environment: Value) -> State<'t> {
        self.environment = environment;
        self
    }

    /// A value a function or method made, refused when it is too large or nests too deep.
    fn made(&mut self, value: Value) -> Result<Value, String> {
        if let Some(why) = value.too_large() {
            return Err(why);
        }
        let height = match self.heights.lock() {
            Ok(mut heights) => heights.of(&value),
            Err(poisoned) => poisoned.into_inner().of(&value),
        };
        if height > MAX_DEPTH {
            return Err(format!(
                "the value nests lists and maps more than {MAX_DEPTH} deep"
            ));
        }
        Ok(value)
    }

    /// What template `name` writes with `dot` as its cursor, on a page of its own (in
    /// text, for an HTML template).
    pub fn execute(&mut self, name: &str, dot: &Value, pos: Pos) -> Result<String, TemplateError> {
        self.run(name, dot, pos).map(|(written, _)| written)
    }

    /// [`State::execute`], and the value the template gave with `return`, if it did.
    fn run(
        &mut self,
        name: &str,
        dot: &Value,
        pos: Pos,
    ) -> Result<(String, Option<Value>), TemplateError> {
        let outer_out = std::mem::take(&mut self.out);
        let outer_html = self.html.as_mut().map(std::mem::take);
        let result = self.template(name, dot, pos);
        let written = std::mem::replace(&mut self.out, outer_out);
        if let Some(outer) = outer_html {
            self.html = Some(outer);
        }
        let returned = self.returned.take();
        result.map(|_| (written, returned))
    }

    /// Runs template `name` with `dot` as its cursor, writing where the caller writes.
    fn template(&mut self, name: &str, dot: &Value, pos: Pos) -> Result<Flow, TemplateError> {
        let Some(tree) = self.templates.tree(name) else {
            if let Some(failure) = self.templates.failure(name) {
                return Err(failure.clone());
            }
            return Err(self.error(pos, format!("no such template {name:?}")));
        };
        self.enter(pos)?;
        let outer_name = std::mem::replace(&mut self.name, Arc::from(name));
        let outer_variables =
            std::mem::replace(&mut self.variables, vec![("$".to_owned(), dot.clone())]);
        let result = self.list(&tree, dot);
        self.variables = outer_variables;
        self.name = outer_name;
        self.nesting -= 1;
        result.map(|flow| match flow {
            Flow::Return => Flow::Return,
            _ => Flow::Next,
        })
    }

    fn error(&self, pos: Pos, message: impl Into<String>) -> TemplateError {
        TemplateError::new(&self.name, pos, message)
    }

    fn step(&mut self, pos: Pos) -> Result<(), TemplateError> {
        self.steps += 1;
        if self.steps > self.limits.steps {
            return Err(self.error(
                pos,
                format!("execution took more than {} steps", self.limits.steps),
            ));
        }
        if let Some(budget) = &self.budget {
            if self.drawn == 0 {
                self.drawn = budget.draw(DRAW);
                if self.drawn == 0 {
                    let total = budget.total;
                    return Err(self.error(
                        pos,
                        format!("the {total} steps that these templates share are spent"),
                    ));
                }
            }
            self.drawn -= 1;
        }
        Ok(())
    }

    fn enter(&mut self, pos: Pos) -> Result<(), TemplateError> {
        self.nesting += 1;
        if self.nesting > self.limits.nesting {
            self.nesting -= 1;
            return Err(self.error(
                pos,
                format!(
                    "templates and control structures nest more than {} deep",
                    self.limits.nesting
                ),
            ));
        }
        Ok(())
    }

    fn write(&mut self, text: &str, pos: Pos) -> Result<(), TemplateError> {
        if self.out.len() + text.len() > self.limits.output {
            return Err(self.error(
                pos,
                format!("output larger than {} bytes", self.limits.output),
            ));
        }
        if let Some(html) = &mut self.html {
            html.feed(text);
        }
        self.out.push_str(text);
        Ok(())
    }

    /// Writes a value: as Go's `fmt` prints it, escaped for where it lands in an HTML page.
    fn write_value(&mut self, value: &Value, pos: Pos) -> Result<(), TemplateError> {
        let text = match &self.html {
            Some(html) => html.escape(value),
            None => value.display(),
        };
        self.write(&text, pos)
    }

    fn list(&mut self, nodes: &[Node], dot: &Value) -> Result<Flow, TemplateError> {
        for node in nodes {
            match self.node(node, dot)? {
                Flow::Next => {}
                flow => return Ok(flow),
            }
        }
        Ok(Flow::Next)
    }

    fn node(&mut self, node: &Node, dot: &Value) -> Result<Flow, TemplateError> {
        match node {
            Node::Text(text) => self.write(text, Pos::default())?,
            Node::Action(pipeline) => {
                self.step(pipeline.pos)?;
                let value = self.pipeline(pipeline, dot, true)?;
                if pipeline.variables.is_empty() {
                    self.write_value(&value, pipeline.pos)?;
                }
            }
            Node::Control(control) => return self.control(control, dot),
            Node::Template {
                pos,
                name,
                pipeline,
            } => {
                self.step(*pos)?;
                // Without a pipeline the template runs on no value (Go's invalid value).
                let dot = match pipeline {
                    Some(pipeline) => self.pipeline(pipeline, dot, false)?,
                    None => Value::Missing,
                };
                if let Flow::Return = self.template(name, &dot, *pos)? {
                    return Ok(Flow::Return);
                }
            }
            Node::Break(pos) => {
                self.step(*pos)?;
                return Ok(Flow::Break);
            }
            Node::Continue(pos) => {
                self.step(*pos)?;
                return Ok(Flow::Continue);
            }
        }
        if self.returned.is_some() {
            return Ok(Flow::Return);
        }
        Ok(Flow::Next)
    }

    fn control(&mut self, control: &Control, dot: &Value) -> Result<Flow, TemplateError> {
        let pos = control.pipeline.pos;
        self.step(pos)?;
        self.enter(pos)?;
        let scope = self.variables.len();
        let result = self.control_body(control, dot);
        self.variables.truncate(scope);
        self.nesting -= 1;
        result
    }

    fn control_body(&mut self, control: &Control, dot: &Value) -> Result<Flow, TemplateError> {
        let range = control.kind == ControlKind::Range;
        let value = self.pipeline(&control.pipeline, dot, !range)?;
        match control.kind {
            ControlKind::If => {
                if value.is_true() {
                    self.list(&control.list, dot)
                } else {
                    self.otherwise(control, dot)
                }
            }
            ControlKind::With => {
                if value.is_true() {
                    self.list(&control.list, &value)
                } else {
                    self.otherwise(control, dot)
                }
            }
            ControlKind::Range => self.range(control, value, dot),
        }
    }

    fn otherwise(&mut self, control: &Control, dot: &Value) -> Result<Flow, TemplateError> {
        match &control.otherwise {
            Some(list) => self.list(list, dot),
            None => Ok(Flow::Next),
        }
    }

    fn range(
        &mut self,
        control: &Control,
        value: Value,
        dot: &Value,
    ) -> Result<Flow, TemplateError> {
        let pos = control.pipeline.pos;
        let items: Vec<(Value, Value)> = match &value {
            Value::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (Value::Int(i as i64), item.clone()))
                .collect(),
            Value::Map(map) => map
                .iter()
                .map(|(key, item)| (Value::str(key.as_str()), item.clone()))
                .collect(),
            Value::Int(n) => {
                if *n > self.limits.steps as i64 {
                    return Err(
                        self.error(pos, format!("range over {n} is more than the step budget"))
                    );
                }
                (0..(*n).max(0))
                    .map(|i| (Value::Int(i), Value::Int(i)))
                    .collect()
            }
            Value::Missing | Value::Nil => Vec::new(),
            other => {
                return Err(
                    self.error(pos, format!("range can't iterate over {}", other.display()))
                );
            }
        };
        if items.is_empty() {
            return self.otherwise(control, dot);
        }
        let scope = self.variables.len();
        for (key, item) in items {
            self.step(pos)?;
            // `range $e :=` binds the element; `range $i, $e :=` the key and the element.
            let bindings: Vec<Value> = match control.pipeline.variables.len() {
                1 => vec![item.clone()],
                2 => vec![key, item.clone()],
                _ => Vec::new(),
            };
            for (name, value) in control.pipeline.variables.iter().zip(bindings) {
                self.bind(name, value, control.pipeline.assigns, pos)?;
            }
            let flow = self.list(&control.list, &item)?;
            self.variables.truncate(if control.pipeline.assigns {
                scope
            } else {
                scope + control.pipeline.variables.len()
            });
            match flow {
                Flow::Break => break,
                Flow::Return => return Ok(Flow::Return),
                Flow::Next | Flow::Continue => {}
            }
        }
        Ok(Flow::Next)
    }

    /// Declares `name` (or assigns it, with `=`).
    fn bind(
        &mut self,
        name: &str,
        value: Value,
        assigns: bool,
        pos: Pos,
    ) -> Result<(), TemplateError> {
        if assigns {
            match self.variables.iter_mut().rev().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = value,
                None => return Err(self.error(pos, format!("undefined variable: {name}"))),
            }
        } else {
            self.variables.push((name.to_owned(), value));
        }
        Ok(())
    }

    /// The pipeline's value; its variables are bound when `binds`.
    fn pipeline(
        &mut self,
        pipeline: &Pipeline,
        dot: &Value,
        binds: bool,
    ) -> Result<Value, TemplateError> {
        let mut value: Option<Value> = None;
        for command in &pipeline.commands {
            value = Some(self.command(command, dot, value)?);
        }
        let value = value.unwrap_or(Value::Nil);
        if binds {
            for name in &pipeline.variables {
                self.bind(name, value.clone(), pipeline.assigns, pipeline.pos)?;
            }
        }
        Ok(value)
    }

    fn command(
        &mut self,
        command: &Command,
        dot: &Value,
        last: Option<Value>,
    ) -> Result<Value, TemplateError> {
        self.step(command.pos)?;
        let (first, rest) = command
            .args
            .split_first()
            .ok_or_else(|| self.error(command.pos, "empty command"))?;
        match first {
            Arg::Field(pos, names) => self.fields(dot.clone(), names, rest, last, dot, *pos),
            Arg::Variable(pos, name, names) => {
                let value = self.variable(name, *pos)?;
                if names.is_empty() {
                    self.no_arguments(rest, &last, name, *pos)?;
                    return Ok(value);
                }
                self.fields(value, names, rest, last, dot, *pos)
            }
            Arg::Chain(pos, base, names) => {
                let value = self.arg(base, dot)?;
                self.fields(value, names, rest, last, dot, *pos)
            }
            Arg::Function(pos, name) => self.call(name, rest, last, dot, *pos),
            Arg::Pipeline(pipeline) => {
                self.no_arguments(rest, &last, "a parenthesized pipeline", pipeline.pos)?;
                self.pipeline(pipeline, dot, false)
            }
            literal => {
                self.no_arguments(rest, &last, &describe(literal), command.pos)?;
                self.arg(literal, dot)
            }
        }
    }

    fn no_arguments(
        &self,
        rest: &[Arg],
        last: &Option<Value>,
        what: &str,
        pos: Pos,
    ) -> Result<(), TemplateError> {
        if rest.is_empty() && last.is_none() {
            return Ok(());
        }
        Err(self.error(pos, format!("can't give argument to non-function {what}")))
    }

    fn variable(&self, name: &str, pos: Pos) -> Result<Value, TemplateError> {
        self.variables
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.clone())
            .ok_or_else(|| self.error(pos, format!("undefined variable: {name}")))
    }

    /// `receiver.A.B args...`: every field but the last without arguments.
    fn fields(
        &mut self,
        mut receiver: Value,
        names: &[String],
        rest: &[Arg],
        last: Option<Value>,
        dot: &Value,
        pos: Pos,
    ) -> Result<Value, TemplateError> {
        let Some((final_name, path)) = names.split_last() else {
            return Ok(receiver);
        };
        for name in path {
            receiver = self.field(&receiver, name, Vec::new(), false, pos)?;
        }
        let mut args = Vec::with_capacity(rest.len() + 1);
        for arg in rest {
            args.push(self.arg(arg, dot)?);
        }
        let has_args = !args.is_empty() || last.is_some();
        args.extend(last);
        self.field(&receiver, final_name, args, has_args, pos)
    }

    fn field(
        &mut self,
        receiver: &Value,
        name: &str,
        args: Vec<Value>,
        has_args: bool,
        pos: Pos,
    ) -> Result<Value, TemplateError> {
        match receiver {
            // Go returns the zero value for a field of nothing.
            Value::Missing | Value::Nil => Ok(Value::Missing),
            Value::Map(map) => {
                if has_args {
                    return Err(
                        self.error(pos, format!("{name} is not a method but has arguments"))
                    );
                }
                Ok(map.get(name).cloned().unwrap_or(Value::Missing))
            }
            Value::Object(object) => match object.field(name, &args) {
                Some(result) => result
                    .and_then(|value| self.made(value))
                    .map_err(|m| self.error(pos, format!("calling {name}: {m}"))),
                None => Err(self.error(
                    pos,
                    format!("can't evaluate field {name} in type {}", object.type_name()),
                )),
            },
            other => Err(self.error(
                pos,
                format!("can't evaluate field {name} in type {}", other.type_name()),
            )),
        }
    }

    fn arg(&mut self, arg: &Arg, dot: &Value) -> Result<Value, TemplateError> {
        Ok(match arg {
            Arg::Dot(_) => dot.clone(),
            Arg::Nil(_) => Value::Nil,
            Arg::Bool(b) => Value::Bool(*b),
            Arg::Str(s) => Value::str(s.as_str()),
            Arg::Int(i) => Value::Int(*i),
            Arg::Float(f) => Value::Float(*f),
            Arg::Field(pos, names) => self.fields(dot.clone(), names, &[], None, dot, *pos)?,
            Arg::Variable(pos, name, names) => {
                let value = self.variable(name, *pos)?;
                self.fields(value, names, &[], None, dot, *pos)?
            }
            Arg::Function(pos, name) => self.call(name, &[], None, dot, *pos)?,
            Arg::Chain(pos, base, names) => {
                let value = self.arg(base, dot)?;
                self.fields(value, names, &[], None, dot, *pos)?
            }
            Arg::Pipeline(pipeline) => self.pipeline(pipeline, dot, false)?,
        })
    }

    fn call(
        &mut self,
        name: &str,
        rest: &[Arg],
        last: Option<Value>,
        dot: &Value,
        pos: Pos,
    ) -> Result<Value, TemplateError> {
        // `and` and `or` stop at the first argument that decides (Go 1.18).
        if matches!(name, "and" | "or") {
            if rest.is_empty() && last.is_none() {
                return Err(self.error(
                    pos,
                    format!("wrong number of args for {name}: want at least 1 got 0"),
                ));
            }
            let mut value = Value::Nil;
            for arg in rest {
                value = self.arg(arg, dot)?;
                if value.is_true() == (name == "or") {
                    return Ok(value);
                }
            }
            return Ok(last.unwrap_or(value));
        }
        let templates = self.templates;
        // Hugo's `return` (where the host defines it) ends the partial with its argument.
        if name == "return" && templates.functions.contains("return") {
            let value = match rest.first() {
                Some(arg) => self.arg(arg, dot)?,
                None => last.unwrap_or(Value::Missing),
            };
            self.returned = Some(value);
            return Ok(Value::Missing);
        }
        let Some(function) = templates.functions.get(name) else {
            return Err(self.error(pos, format!("function {name:?} not defined")));
        };
        let mut args = Vec::with_capacity(rest.len() + 1);
        for arg in rest {
            args.push(self.arg(arg, dot)?);
        }
        args.extend(last);
        let result =
            function(&mut Context { state: self, pos }, &args).and_then(|value| self.made(value));
        result.map_err(|message| self.error(pos, format!("error calling {name}: {message}")))
    }
}

/// What a function may do besides computing from its arguments: run a template with the
/// budget of the execution that called it (Hugo's `partial`).
pub struct Context<'s, 't> {
    state: &'s mut State<'t>,
    pos: Pos,
}

impl Context<'_, '_> {
    /// What template `name` writes with `dot` as its cursor.
    pub fn execute(&mut self, name: &str, dot: &Value) -> Result<String, String> {
        self.state
            .execute(name, dot, self.pos)
            .map_err(|err| called(&err))
    }

    /// What Hugo's `partial` gives: the value template `name` returns with `return`, else
    /// what it writes (trusted HTML, for HTML templates).
    pub fn partial(&mut self, name: &str, dot: &Value) -> Result<Value, String> {
        let (written, returned) = self
            .state
            .run(name, dot, self.pos)
            .map_err(|err| called(&err))?;
        Ok(match returned {
            Some(value) => value,
            None if self.state.html.is_some() => {
                Value::Safe(super::html::Safe::Html, written.into())
            }
            None => Value::str(written),
        })
    }

    /// What the host gave this execution ([`State::with_environment`]); nil when nothing.
    pub fn environment(&self) -> &Value {
        &self.state.environment
    }

    /// Calls function `name` with `args`, a step of the execution's budget (Hugo's `apply`).
    pub fn call(&mut self, name: &str, args: &[Value]) -> Result<Value, String> {
        self.state.step(self.pos).map_err(|err| err.message)?;
        let function = self
            .state
            .templates
            .functions
            .get(name)
            .cloned()
            .ok_or_else(|| format!("function {name:?} not defined"))?;
        let value = function(self, args)?;
        self.state.made(value)
    }

    /// Reports `message` (a warning) with the execution's output.
    pub fn report(&mut self, message: String) {
        // Bounded as the output is: a template that warns in a loop ends on its steps.
        if self.state.reports.len() < MAX_REPORTS {
            self.state.reports.push(message);
        }
    }

    /// Whether a template of that name exists.
    pub fn has_template(&self, name: &str) -> bool {
        self.state.templates.contains(name)
    }
}

/// How many calls of the chain an error of a called template names: the outermost and the
/// innermost, where it went wrong (a partial that calls itself would name every level).
const MAX_FRAMES: usize = 6;

/// The error of a template a function ran, as that function's error: `name:line:column:
/// message`, the chain of calls through which it came cut to [`MAX_FRAMES`].
fn called(err: &TemplateError) -> String {
    const JOIN: &str = ": error calling partial: ";
    let text = err.to_string();
    let frames: Vec<&str> = text.split(JOIN).collect();
    if frames.len() <= MAX_FRAMES {
        return text;
    }
    let (outer, inner) = (&frames[..3], &frames[frames.len() - 2..]);
    // Cut at every level it passes through, so no count of what was cut would be whole.
    format!(
        "{}{JOIN}(more calls){JOIN}{}",
        outer.join(JOIN),
        inner.join(JOIN)
    )
}

fn describe(arg: &Arg) -> String {
    match arg {
        Arg::Bool(b) => b.to_string(),
        Arg::Str(s) => super::fmt::quote(s),
        Arg::Int(i) => i.to_string(),
        Arg::Float(f) => super::fmt::float_v(*f),
        Arg::Dot(_) => ".".into(),
        Arg::Nil(_) => "nil".into(),
        _ => "value".into(),
    }
}
