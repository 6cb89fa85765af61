//! Schemas as Rust types: serde structs for objects, string enums that keep unknown values,
//! `Vec`, tuples, `BTreeMap<String, T>` for maps, `Option` for optional and nullable values,
//! and `serde_json::Value` only where the schema leaves the value open.

use std::borrow::Cow;
use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use serde_json::{Map, Value};

use super::docs::description_attr;
use super::names::{Namer, camel, ident, snake};
use crate::model::Prose;
use crate::resolve::{RECURSION_TARGET, RECURSIVE};

/// A struct's fields as [`TypeSpace::struct_shape`] gives them.
pub struct StructShape {
    /// The struct's type.
    pub name: TokenStream,
    /// Its named fields, in order.
    pub fields: Vec<ShapeField>,
    /// The value type of `additional_properties`, when the object is open.
    pub extra: Option<TokenStream>,
}

/// A field of a struct as [`TypeSpace::plan_struct`] plans it.
struct PlannedField {
    /// The JSON key.
    key: String,
    /// The field's name (an identifier once raw keywords are escaped).
    name: String,
    rust: RustType,
    required: bool,
    doc: TokenStream,
}

/// One named field of a [`StructShape`].
pub struct ShapeField {
    /// The JSON key.
    pub key: String,
    /// The field's name in the struct.
    pub ident: proc_macro2::Ident,
    /// Its declared type (an `Option` when it is not required, or nullable).
    pub tokens: TokenStream,
    /// Whether the schema requires it.
    pub required: bool,
    /// Its rustdoc.
    pub doc: TokenStream,
}

/// The Rust type of a schema.
#[derive(Clone)]
pub struct RustType {
    /// The type's tokens.
    pub tokens: TokenStream,
    /// The schema allows `null` (the tokens are already an `Option`).
    pub nullable: bool,
    /// A scalar with `Display` and `FromStr` (strings, numbers, booleans, string enums), usable
    /// in a path, query string or header.
    pub scalar: bool,
    /// An array of such scalars (a repeated query parameter).
    pub scalar_list: bool,
    /// For a recursive reference, which `tokens` box: the type a collection holds directly,
    /// since a `Vec` or map already gives the recursion a fixed size.
    pub unboxed: Option<TokenStream>,
    /// The type has a `Default` (with the crate's `lenient` feature for a struct), so a
    /// required field of it that a server leaves out can take that value when lenient.
    pub lenient_default: bool,
}

impl RustType {
    /// A type with no special handling: not nullable, not a list.
    pub fn plain(tokens: TokenStream, scalar: bool) -> RustType {
        RustType {
            tokens,
            nullable: false,
            scalar,
            scalar_list: false,
            unboxed: None,
            lenient_default: false,
        }
    }

    /// The same type, marked as having a `Default`.
    fn with_default(mut self) -> RustType {
        self.lenient_default = true;
        self
    }

    /// The tokens to put inside a collection.
    fn element(&self) -> &TokenStream {
        self.unboxed.as_ref().unwrap_or(&self.tokens)
    }
}

/// The types of one module: definitions made so far and the names they took.
pub struct TypeSpace<'s> {
    namer: Namer,
    definitions: Vec<TokenStream>,
    by_schema: HashMap<String, RustType>,
    /// The types being defined for recursion targets, by the target's name.
    recursive: HashMap<String, proc_macro2::Ident>,
    /// Types of the crate's `types` module, which this module uses instead of its own.
    shared: Option<&'s SharedTypes>,
    /// The shared types this module used: their names there and here.
    used_shared: Vec<(String, String)>,
    /// The markup of descriptions, turned into rustdoc Markdown.
    prose: Prose,
}

/// Types that several endpoint modules would each define: made once, in the crate's `types`
/// module, and re-exported by the modules that use them.
/// (Plain data, so that modules made on several threads can share it.)
pub struct SharedTypes {
    /// The component names of schemas, by node identity ([`schema_json`] writes them in).
    names: Names,
    /// The shared types, by the schema's text.
    by_schema: HashMap<String, Shared>,
    /// Per module, the schema texts of every named type inside its schemas.
    found: Vec<Vec<String>>,
    /// The markup of the API's descriptions.
    prose: Prose,
}

/// A type of the `types` module, as the modules that use it need to know it.
#[derive(Clone, Debug)]
struct Shared {
    /// Its name.
    name: String,
    /// It is a scalar ([`RustType::scalar`]).
    scalar: bool,
    /// It has a lenient `Default` ([`RustType::lenient_default`]).
    lenient_default: bool,
    /// The schema allows `null`: a use of it is an `Option` of the named type.
    nullable: bool,
}

impl SharedTypes {
    /// The shared types of `modules`, each given as the schemas (with name hints) its module
    /// types: every named type that more than one module defines, and the types inside it.
    /// Returns them with the `types` module's items.
    pub fn new(
        modules: &[Vec<(Value, String)>],
        prose: Prose,
        names: Names,
    ) -> (SharedTypes, Vec<TokenStream>) {
        let mut modules_of: HashMap<String, usize> = HashMap::new();
        let mut first_use: Vec<Found> = Vec::new();
        let mut found_per_module = Vec::new();
        let found_in_modules: Vec<Vec<Found>> = modules
            .par_iter()
            .map(|schemas| {
                let mut found = Vec::new();
                for (schema, hint) in schemas {
                    defining_schemas(schema, hint, &mut Vec::new(), &mut found);
                }
                found
            })
            .collect();
        // Per key: Some(description) while every use says the same, None once two differ.
        let mut descriptions: HashMap<String, Option<Option<String>>> = HashMap::new();
        for found in found_in_modules.iter().flatten() {
            let description = found
                .schema
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned);
            descriptions
                .entry(found.key.clone())
                .and_modify(|known| {
                    if known.as_ref() != Some(&description) {
                        *known = None;
                    }
                })
                .or_insert(Some(description));
        }
        for found in found_in_modules {
            let mut seen = Vec::new();
            let mut unique = std::collections::HashSet::new();
            for found in found {
                if !unique.insert(found.key.clone()) {
                    continue;
                }
                seen.push(found.key.clone());
                let count = modules_of.entry(found.key.clone()).or_insert(0);
                *count += 1;
                if *count == 1 {
                    first_use.push(found);
                }
            }
            found_per_module.push(seen);
        }
        let mut space = TypeSpace::new(&RESERVED, prose);
        let mut by_schema = HashMap::new();
        for found in first_use {
            if modules_of[&found.key] < 2 {
                continue;
            }
            // The uses may describe the type differently (`state` and `timeline` are both a
            // `RoomEventFilter`): a shared type then says none of them; the fields do.
            let same_description = descriptions.get(&found.key).is_some_and(|d| d.is_some());
            let undescribed;
            let schema = if same_description {
                found.schema
            } else {
                let mut copy = found.schema.clone();
                if let Value::Object(map) = &mut copy {
                    map.remove("description");
                }
                undescribed = copy;
                &undescribed
            };
            let made = space.type_of(schema, &found.hint());
            let key = found.key;
            // A name is re-exported; a nullable type (`Option<T>`) is its named `T`, which
            // each use wraps again (left to each module, a nullable struct inside a shared one
            // was two types that did not fit each other).
            let name = if made.nullable {
                option_inner(&made.tokens)
            } else {
                syn::parse2::<proc_macro2::Ident>(made.tokens.clone()).ok()
            };
            if let Some(name) = name {
                let shared = Shared {
                    name: name.to_string(),
                    scalar: made.scalar,
                    lenient_default: made.lenient_default,
                    nullable: made.nullable,
                };
                by_schema.insert(key, shared);
            }
        }
        let shared = SharedTypes {
            names,
            by_schema,
            found: found_per_module,
            prose,
        };
        (shared, space.into_definitions())
    }

    /// The markup of the API's descriptions.
    pub fn prose(&self) -> Prose {
        self.prose
    }

    /// The component names of the API's schemas.
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// The shared types inside the schemas of module `index` (the types of the types it uses,
    /// which it re-exports too, so that all of its types can be named through it).
    pub fn inside_module(&self, index: usize) -> impl Iterator<Item = &str> {
        self.found[index]
            .iter()
            .filter_map(|key| self.by_schema.get(key))
            .map(|shared| shared.name.as_str())
    }
}

/// One step from a schema to a schema inside it, kept so that a name hint is only made
/// for the few schemas that turn out to be shared.
#[derive(Clone, Copy)]
struct Step<'v> {
    parent: &'v Value,
    kind: StepKind<'v>,
}

#[derive(Clone, Copy)]
enum StepKind<'v> {
    Property(&'v str),
    Values,
    Item,
    TupleItem(usize),
    Part(&'v Value),
}

/// A defining schema found in a module: its text (the key types are shared by), the schema,
/// and how to make its name hint.
struct Found<'v> {
    key: String,
    schema: &'v Value,
    root_hint: &'v str,
    path: Vec<Step<'v>>,
}

impl Found<'_> {
    /// The hint [`TypeSpace`] gives the schema: the parent's name (its title, else its hint)
    /// and what the step is, or the parent's hint for array items.
    fn hint(&self) -> String {
        let mut hint = self.root_hint.to_owned();
        for step in &self.path {
            let base = base_name(step.parent, &hint);
            hint = match step.kind {
                StepKind::Property(key) => format!("{base}{}", camel(key)),
                StepKind::Values => format!("{base}Value"),
                StepKind::Item => format!("{hint}Item"),
                StepKind::TupleItem(i) => format!("{hint}Item{i}"),
                StepKind::Part(part) => format!("{base}{}", camel(&variant_label(part))),
            };
        }
        hint
    }
}

/// What makes two schemas one type: their text without what only describes one use of it (its
/// description, examples and version notes), which `allOf` and `$ref` siblings add.
fn type_key(schema: &Value) -> String {
    // Merged first: `{allOf: [Filter], type: object}` and `{allOf: [Filter]}` are one type.
    let merged = merge_all_of(schema);
    let schema = merged.as_ref();
    const USE_SITE: [&str; 5] = [
        "description",
        "example",
        "examples",
        "x-addedInMatrixVersion",
        "x-changedInMatrixVersion",
    ];
    match schema {
        Value::Object(map) if USE_SITE.iter().any(|k| map.contains_key(*k)) => {
            let mut map = map.clone();
            for key in USE_SITE {
                map.remove(key);
            }
            serde_json::to_string(&map).unwrap_or_default()
        }
        _ => serde_json::to_string(schema).unwrap_or_default(),
    }
}

/// Every schema inside `schema` (itself included) that [`TypeSpace::type_of`] would define as
/// a named type.
fn defining_schemas<'v>(
    schema: &'v Value,
    root_hint: &'v str,
    path: &mut Vec<Step<'v>>,
    out: &mut Vec<Found<'v>>,
) {
    let Value::Object(map) = schema else { return };
    if map.contains_key(RECURSIVE) {
        return;
    }
    if defines_type(schema) {
        out.push(Found {
            key: type_key(schema),
            schema,
            root_hint,
            path: path.clone(),
        });
    }
    let properties = map
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(key, property)| (property, StepKind::Property(key)));
    let values = map_values(schema).map(|v| (v, StepKind::Values));
    let tuple = map.get("prefixItems").or_else(|| map.get("items"));
    let items: Vec<(&Value, StepKind)> = match tuple {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| (item, StepKind::TupleItem(i)))
            .collect(),
        Some(item) => vec![(item, StepKind::Item)],
        None => Vec::new(),
    };
    let parts = ["allOf", "oneOf", "anyOf"]
        .iter()
        .filter_map(|k| map.get(*k).and_then(Value::as_array))
        .flatten()
        .map(|part| (part, StepKind::Part(part)));
    for (child, kind) in properties.chain(values).chain(items).chain(parts) {
        path.push(Step {
            parent: schema,
            kind,
        });
        defining_schemas(child, root_hint, path, out);
        path.pop();
    }
}

/// Names an endpoint module's own items and the prelude take; a schema titled `Result` must
/// not shadow `std`'s.
pub const RESERVED: [&str; 27] = [
    "Request",
    "Response",
    "Success",
    "METADATA",
    "Error",
    "Body",
    "AuthScheme",
    "Metadata",
    "Result",
    "Option",
    "Vec",
    "String",
    "Box",
    "Ok",
    "Err",
    "Some",
    "None",
    "From",
    "Into",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Send",
    "Sync",
];

impl<'s> TypeSpace<'s> {
    /// An empty space whose names avoid `reserved`.
    pub fn new(reserved: &[&str], prose: Prose) -> TypeSpace<'s> {
        TypeSpace {
            prose,
            namer: Namer::with_reserved(reserved),
            definitions: Vec::new(),
            by_schema: HashMap::new(),
            recursive: HashMap::new(),
            shared: None,
            used_shared: Default::default(),
        }
    }

    /// An empty space for an endpoint module, which uses the `shared` types instead of
    /// defining them again (under the names it would have given them).
    pub fn for_module(shared: &'s SharedTypes) -> TypeSpace<'s> {
        let mut space = TypeSpace::new(&RESERVED, shared.prose);
        space.shared = Some(shared);
        space
    }

    /// The definitions made, in order.
    pub fn into_definitions(self) -> Vec<TokenStream> {
        self.definitions
    }

    /// The definitions made, and the shared types to re-export as (name there, name here):
    /// those used, under the names the module gave them, then the others of `index`'s
    /// schemas (inside the ones used), under their own names where the module left them free.
    pub fn into_parts(mut self, index: usize) -> (Vec<TokenStream>, Vec<(String, String)>) {
        if let Some(shared) = self.shared {
            for name in shared.inside_module(index) {
                let listed = self.used_shared.iter().any(|(there, _)| there == name);
                if !listed && self.namer.fresh(name) == name {
                    self.used_shared.push((name.to_owned(), name.to_owned()));
                }
            }
        }
        (self.definitions, self.used_shared)
    }

    /// The type of `schema`; `hint` names it when the schema has no title.
    pub fn type_of(&mut self, schema: &Value, hint: &str) -> RustType {
        if let Some(Value::String(target)) = schema.get(RECURSIVE) {
            return self.recursive_reference(schema, target, hint);
        }
        // Only schemas that define a named type are worth remembering; the key is their text.
        if !defines_type(schema) {
            return self.make(schema, hint);
        }
        let key = type_key(schema);
        if let Some(known) = self.by_schema.get(&key) {
            return known.clone();
        }
        if let Some(shared) = self.shared.and_then(|shared| shared.by_schema.get(&key)) {
            // Named as the module would name the type itself: by the merged schema's title.
            let local = self.type_name(&merge_all_of(schema), hint);
            self.used_shared.push((shared.name.clone(), local.clone()));
            let local = ident(&local);
            let tokens = if shared.nullable {
                quote!(Option<#local>)
            } else {
                quote!(#local)
            };
            let mut made = RustType::plain(tokens, shared.scalar);
            made.lenient_default = shared.lenient_default;
            made.nullable = shared.nullable;
            self.by_schema.insert(key, made.clone());
            return made;
        }
        let merged = merge_all_of(schema);
        let made = self.make(&merged, hint);
        self.by_schema.insert(key, made.clone());
        made
    }

    /// A reference back to an enclosing schema: its type, boxed. A target that is not a struct
    /// being defined (a recursive array, say) has no name to point at and stays open.
    fn recursive_reference(&mut self, schema: &Value, target: &str, hint: &str) -> RustType {
        match self.recursive.get(target) {
            Some(name) => RustType {
                tokens: quote!(Box<#name>),
                nullable: false,
                scalar: false,
                scalar_list: false,
                unboxed: Some(quote!(#name)),
                lenient_default: false,
            },
            None => {
                let mut open = schema.clone();
                if let Value::Object(map) = &mut open {
                    map.remove(RECURSIVE);
                }
                self.make(&open, hint)
            }
        }
    }

    fn make(&mut self, schema: &Value, hint: &str) -> RustType {
        let types: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
            _ if schema.get("properties").is_some() => vec!["object"],
            // JSON Schema 2020-12's `const` (and an `enum`) without a `type` says it by its
            // value.
            _ => match schema.get("const").or_else(|| {
                schema
                    .get("enum")
                    .and_then(Value::as_array)
                    .and_then(|v| v.first())
            }) {
                Some(Value::String(_)) => vec!["string"],
                Some(Value::Bool(_)) => vec!["boolean"],
                Some(Value::Number(n)) if n.is_i64() || n.is_u64() => vec!["integer"],
                Some(Value::Number(_)) => vec!["number"],
                _ => Vec::new(),
            },
        };
        let alternatives = alternatives(schema, &types);
        // A type list with `null` (3.1), or OpenAPI 3.0's `nullable: true`.
        let mut nullable = types.contains(&"null")
            || schema.get("nullable").and_then(Value::as_bool) == Some(true);
        let concrete: Vec<&str> = types.into_iter().filter(|t| *t != "null").collect();
        let mut made = if let Some(alternatives) = alternatives {
            let (nulls, alternatives): (Vec<_>, Vec<_>) = alternatives
                .into_iter()
                .partition(|a| a.get("type").and_then(Value::as_str) == Some("null"));
            nullable |= !nulls.is_empty();
            match &alternatives[..] {
                [] => RustType::plain(quote!(serde_json::Value), false).with_default(),
                [single] => self.type_of(single, hint),
                _ => self.define_union(schema, &alternatives, hint),
            }
        } else {
            match concrete[..] {
                [single] => self.make_single(schema, single, hint),
                _ => RustType::plain(quote!(serde_json::Value), false).with_default(),
            }
        };
        if nullable && !made.nullable {
            let inner = made.tokens;
            made.tokens = quote!(Option<#inner>);
            made.nullable = true;
            made.lenient_default = true;
            made.scalar = false;
            made.unboxed = None;
        }
        made
    }

    fn make_single(&mut self, schema: &Value, kind: &str, hint: &str) -> RustType {
        match kind {
            "string" => match string_enum(schema) {
                Some(values) => self.define_enum(schema, &values, hint),
                None => RustType::plain(quote!(String), true).with_default(),
            },
            "integer" => RustType::plain(quote!(i64), true).with_default(),
            "number" => RustType::plain(quote!(f64), true).with_default(),
            "boolean" => RustType::plain(quote!(bool), true).with_default(),
            "array" => self.make_array(schema, hint),
            "object" => self.make_object(schema, hint),
            _ => RustType::plain(quote!(serde_json::Value), false).with_default(),
        }
    }

    fn make_array(&mut self, schema: &Value, hint: &str) -> RustType {
        // 2020-12 tuples: `prefixItems`, closed by `items: false` (anything else may follow,
        // so the list stays open).
        if let Some(Value::Array(prefix)) = schema.get("prefixItems") {
            if schema.get("items") == Some(&Value::Bool(false)) {
                let parts: Vec<TokenStream> = prefix
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.type_of(item, &format!("{hint}Item{i}")).tokens)
                    .collect();
                return RustType::plain(quote!((#(#parts),*)), false);
            }
            return RustType::plain(quote!(Vec<serde_json::Value>), false).with_default();
        }
        match schema.get("items") {
            Some(Value::Array(items)) => {
                let parts: Vec<TokenStream> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.type_of(item, &format!("{hint}Item{i}")).tokens)
                    .collect();
                RustType::plain(quote!((#(#parts),*)), false)
            }
            Some(items) => {
                let item = self.type_of(items, &format!("{hint}Item"));
                let tokens = item.element();
                RustType {
                    tokens: quote!(Vec<#tokens>),
                    nullable: false,
                    scalar: false,
                    scalar_list: item.scalar,
                    unboxed: None,
                    lenient_default: true,
                }
            }
            None => RustType::plain(quote!(Vec<serde_json::Value>), false).with_default(),
        }
    }

    fn make_object(&mut self, schema: &Value, hint: &str) -> RustType {
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .filter(|p| !p.is_empty());
        let additional = map_values(schema);
        match (properties, additional) {
            (Some(properties), additional) => {
                self.define_struct(schema, properties, additional, hint)
            }
            (None, Some(values)) => {
                let value = self.type_of(values, &format!("{hint}Value"));
                let value = value.element();
                RustType::plain(quote!(std::collections::BTreeMap<String, #value>), false)
                    .with_default()
            }
            (None, None) => {
                RustType::plain(quote!(serde_json::Map<String, serde_json::Value>), false)
                    .with_default()
            }
        }
    }

    /// The struct `schema` becomes, field by field, for a caller that lays its fields out
    /// elsewhere (a `Request` with its body's fields flat): None when the schema is not a
    /// struct of named properties. The struct itself is defined (or found shared) as by
    /// [`TypeSpace::type_of`]; the field names are the ones it has.
    pub fn struct_shape(&mut self, schema: &Value, hint: &str) -> Option<StructShape> {
        let merged = merge_all_of(schema);
        let properties = merged
            .get("properties")
            .and_then(Value::as_object)
            .filter(|p| !p.is_empty())?;
        let made = self.type_of(schema, hint);
        let name = syn::parse2::<proc_macro2::Ident>(made.tokens.clone()).ok()?;
        if made.nullable || alternatives(&merged, &[]).is_some() {
            return None;
        }
        // The plan `define_struct` followed (it did not run here when the struct is a shared
        // one): the same names, types and recursion.
        let (planned, extra) = self.plan_struct(&merged, properties, map_values(&merged), &name);
        let fields = planned
            .into_iter()
            .map(|field| {
                let tokens = &field.rust.tokens;
                ShapeField {
                    ident: ident(&field.name),
                    tokens: if field.required || field.rust.nullable {
                        tokens.clone()
                    } else {
                        quote!(Option<#tokens>)
                    },
                    key: field.key,
                    required: field.required,
                    doc: field.doc,
                }
            })
            .collect();
        Some(StructShape {
            name: quote!(#name),
            fields,
            extra,
        })
    }

    /// The fields of the struct `name` made of `schema`'s `properties` (in order, named and
    /// typed), and the value type of what the schema does not name, None when the object is
    /// closed. A field that refers back to the struct is a `Box` of it.
    fn plan_struct(
        &mut self,
        schema: &Value,
        properties: &Map<String, Value>,
        additional: Option<&Value>,
        name: &proc_macro2::Ident,
    ) -> (Vec<PlannedField>, Option<TokenStream>) {
        if let Some(Value::String(target)) = schema.get(RECURSION_TARGET) {
            self.recursive.insert(target.clone(), name.clone());
        }
        let required = required_names(schema);
        let mut field_names = Namer::with_reserved(&["additional_properties"]);
        let planned = properties
            .iter()
            .map(|(key, property)| PlannedField {
                key: key.clone(),
                name: field_names.fresh(&snake(key)),
                rust: self.type_of(property, &format!("{name}{}", camel(key))),
                required: required.contains(&key.as_str()),
                doc: description_attr(
                    property.get("description").and_then(Value::as_str),
                    self.prose,
                ),
            })
            .collect();
        // JSON Schema objects are open unless `additionalProperties: false`: fields the schema
        // does not name (extra fields of a Matrix error, the rest of an event) are kept.
        let open = schema.get("additionalProperties") != Some(&Value::Bool(false));
        let extra = match additional {
            Some(values) => Some(
                self.type_of(values, &format!("{name}Value"))
                    .element()
                    .clone(),
            ),
            None if open => Some(quote!(serde_json::Value)),
            None => None,
        };
        (planned, extra)
    }

    fn type_name(&mut self, schema: &Value, hint: &str) -> String {
        let mut base = base_name(schema, hint);
        if RESERVED.contains(&base.as_str()) {
            // A schema titled `Error` becomes `ErrorBody`, not `Error2`.
            base.push_str("Body");
        }
        self.namer.fresh(&base)
    }

    fn define_struct(
        &mut self,
        schema: &Value,
        properties: &Map<String, Value>,
        additional: Option<&Value>,
        hint: &str,
    ) -> RustType {
        let name = self.type_name(schema, hint);
        let name_ident = ident(&name);
        let (planned, extra) = self.plan_struct(schema, properties, additional, &name_ident);
        let mut fields = Vec::new();
        // A struct of optional fields only has an obvious empty value: it derives `Default`,
        // so `RequestBody { username: Some(..), ..Default::default() }` can be written.
        let mut all_optional = true;
        // With the `lenient` feature, a struct whose required fields all have a `Default`
        // derives it too, and those fields take it when a server leaves them out.
        let mut lenient_default = true;
        for PlannedField {
            key,
            name: field,
            rust,
            required,
            doc,
        } in planned
        {
            let field_ident = ident(&field);
            let tokens = &rust.tokens;
            // Serde names a field as written, less a raw prefix: `self_` needs its rename.
            let written = field_ident.to_string();
            let rename =
                (written.trim_start_matches("r#") != key).then(|| quote!(#[serde(rename = #key)]));
            let optional = !required;
            all_optional &= optional && !rust.nullable;
            lenient_default &= optional || rust.lenient_default;
            let lenient = lenient_attr(&rust, optional);
            fields.push(if optional && !rust.nullable {
                quote! {
                    #doc
                    #rename
                    #[serde(default, skip_serializing_if = "Option::is_none")]
                    #lenient
                    pub #field_ident: Option<#tokens>,
                }
            } else if optional {
                quote! {
                    #doc
                    #rename
                    #[serde(default, skip_serializing_if = "Option::is_none")]
                    #lenient
                    pub #field_ident: #tokens,
                }
            } else {
                quote! {
                    #doc
                    #rename
                    #lenient
                    pub #field_ident: #tokens,
                }
            });
        }
        if let Some(value) = extra {
            fields.push(quote! {
                /// Fields beyond the ones named above.
                #[serde(flatten)]
                pub additional_properties: std::collections::BTreeMap<String, #value>,
            });
        }
        let doc = description_attr(
            schema.get("description").and_then(Value::as_str),
            self.prose,
        );
        let default = all_optional.then(|| quote!(Default,));
        let lenient_derive = (!all_optional && lenient_default)
            .then(|| quote!(#[cfg_attr(feature = "lenient", derive(Default))]));
        self.definitions.push(quote! {
            #doc
            #[derive(Clone, Debug, #default PartialEq, serde::Serialize, serde::Deserialize)]
            #lenient_derive
            pub struct #name_ident {
                #(#fields)*
            }
        });
        let mut made = RustType::plain(quote!(#name_ident), false);
        // A struct that is only `Default` under `lenient` is used as such only under it: its
        // fields' `serde(default)` is behind the same feature.
        made.lenient_default = all_optional || lenient_default;
        made
    }

    /// A value that is one of several shapes: an untagged enum with a variant per
    /// alternative, tried in the order the schema lists them.
    fn define_union(&mut self, schema: &Value, alternatives: &[Value], hint: &str) -> RustType {
        let name = self.type_name(schema, hint);
        let name_ident = ident(&name);
        let mut variant_names = Namer::with_reserved(&[]);
        let mut variants = Vec::new();
        let mut lenient_tries = Vec::new();
        for alternative in alternatives {
            let label = variant_label(alternative);
            let variant = ident(&variant_names.fresh(&camel(&label)));
            let rust = self.type_of(alternative, &format!("{name}{}", camel(&label)));
            let tokens = &rust.tokens;
            let doc = description_attr(
                alternative.get("description").and_then(Value::as_str),
                self.prose,
            );
            variants.push(quote!(#doc #variant(#tokens),));
            let merged = merge_all_of(alternative);
            let required = required_names(&merged);
            lenient_tries.push(quote! {
                if !fitting || crate::support::lenient::has_fields(&value, &[#(#required),*]) {
                    if let Ok(made) = serde_json::from_value(value.clone()) {
                        return Ok(Self::#variant(made));
                    }
                }
            });
        }
        let doc = description_attr(
            schema.get("description").and_then(Value::as_str),
            self.prose,
        );
        let unmatched = format!("data did not match any variant of untagged enum {name}");
        self.definitions.push(quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, serde::Serialize)]
            #[cfg_attr(not(feature = "lenient"), derive(serde::Deserialize))]
            #[serde(untagged)]
            pub enum #name_ident {
                #(#variants)*
            }
            // Under `lenient` a struct takes a default for a required field that is missing,
            // so the first struct would take every object: an alternative whose required
            // fields are all there is tried first, then each in order.
            #[cfg(feature = "lenient")]
            impl<'de> serde::Deserialize<'de> for #name_ident {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                    for fitting in [true, false] {
                        #(#lenient_tries)*
                    }
                    Err(serde::de::Error::custom(#unmatched))
                }
            }
        });
        RustType::plain(quote!(#name_ident), false)
    }

    fn define_enum(&mut self, schema: &Value, values: &[&str], hint: &str) -> RustType {
        let name = self.type_name(schema, hint);
        let name_ident = ident(&name);
        let mut variant_names = Namer::with_reserved(&["Other"]);
        let variants: Vec<(proc_macro2::Ident, &str)> = values
            .iter()
            .map(|value| (ident(&variant_names.fresh(&camel(value))), *value))
            .collect();
        let declared = variants.iter().map(|(variant, value)| {
            let doc = super::docs::doc_attr(Some(&super::docs::code_span(value)));
            quote!(#doc #variant,)
        });
        let to_str = variants
            .iter()
            .map(|(variant, value)| quote!(Self::#variant => #value,));
        let from_str = variants
            .iter()
            .map(|(variant, value)| quote!(#value => Self::#variant,));
        let doc = description_attr(
            schema.get("description").and_then(Value::as_str),
            self.prose,
        );
        self.definitions.push(quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub enum #name_ident {
                #(#declared)*
                /// A value this version of the spec does not list, kept as sent.
                Other(String),
            }

            impl #name_ident {
                /// The value as sent.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#to_str)*
                        Self::Other(value) => value,
                    }
                }
            }

            impl From<&str> for #name_ident {
                fn from(value: &str) -> Self {
                    match value {
                        #(#from_str)*
                        other => Self::Other(other.to_owned()),
                    }
                }
            }

            impl std::str::FromStr for #name_ident {
                type Err = std::convert::Infallible;
                fn from_str(value: &str) -> Result<Self, Self::Err> {
                    Ok(Self::from(value))
                }
            }

            impl std::fmt::Display for #name_ident {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl serde::Serialize for #name_ident {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> serde::Deserialize<'de> for #name_ident {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                    Ok(Self::from(value.as_str()))
                }
            }
        });
        RustType::plain(quote!(#name_ident), true)
    }
}

/// Whether `schema` becomes a named type (a struct, enum or union) rather than a plain one;
/// a type list of two types or more (`[string, object]`) is a union too.
fn defines_type(schema: &Value) -> bool {
    let type_list = schema
        .get("type")
        .and_then(Value::as_array)
        .is_some_and(|types| types.iter().filter(|t| t.as_str() != Some("null")).count() >= 2);
    // Only an enum of strings is a type of its own (`make_single`); others are their scalar.
    let string_typed = match schema.get("type") {
        None => true,
        Some(Value::String(kind)) => kind == "string",
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter(|kind| kind.as_str() != Some("null"))
            .all(|kind| kind.as_str() == Some("string")),
        Some(_) => false,
    };
    let named_enum = string_typed && string_enum(schema).is_some();
    type_list
        || named_enum
        || ["properties", "allOf", "oneOf", "anyOf"]
            .iter()
            .any(|k| schema.get(k).is_some())
}

/// The `lenient` feature's attribute for a field of type `rust`: a required field with a
/// `Default` takes it when missing, and an integer reads a float a server wrote
/// (`5.0`, truncated toward zero). Nothing for other fields.
fn lenient_attr(rust: &RustType, optional: bool) -> TokenStream {
    // An optional field of a non-nullable type is an `Option` of it.
    let text = rust.tokens.to_string();
    let is_integer = text == quote!(i64).to_string();
    let is_optional_integer = text == quote!(Option<i64>).to_string();
    let integer = match (is_integer, is_optional_integer, optional && !rust.nullable) {
        (true, _, false) => Some("crate::support::lenient::integer"),
        (true, _, true) | (_, true, _) => Some("crate::support::lenient::optional_integer"),
        _ => None,
    };
    let default = (!optional && rust.lenient_default).then(|| quote!(default));
    match (default, integer) {
        (None, None) => quote!(),
        (Some(default), None) => quote!(#[cfg_attr(feature = "lenient", serde(#default))]),
        (default, Some(with)) => {
            let comma = default.as_ref().map(|_| quote!(,));
            quote!(#[cfg_attr(feature = "lenient", serde(#default #comma deserialize_with = #with))])
        }
    }
}

/// A type's name before clashes are numbered: its title, else the hint of where it sits.
fn base_name(schema: &Value, hint: &str) -> String {
    let named = |key| {
        schema
            .get(key)
            .and_then(Value::as_str)
            .filter(|name| !name.trim().is_empty())
    };
    match named("title").or_else(|| named(COMPONENT_NAME)) {
        Some(name) => camel(name),
        None => camel(hint),
    }
}

/// `T` of the tokens `Option<T>` when `T` is a name.
fn option_inner(tokens: &TokenStream) -> Option<proc_macro2::Ident> {
    let syn::Type::Path(path) = syn::parse2::<syn::Type>(tokens.clone()).ok()? else {
        return None;
    };
    let last = path.path.segments.last().filter(|s| s.ident == "Option")?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(syn::Type::Path(inner)) => inner.path.get_ident().cloned(),
        _ => None,
    }
}

/// The component names of an API's schemas, by node identity ([`crate::model::Api::ref_targets`]).
pub type Names = std::sync::Arc<crate::resolve::RefTargets>;

/// The key [`schema_json`] writes a schema's component name under: a type without a `title`
/// is named after it (`Pet`), not after where it is first used.
const COMPONENT_NAME: &str = "x-mxspec-component";

/// A schema as the JSON the type space reads, each schema that a ref named in the components
/// marked with its component name.
pub fn schema_json(node: &crate::source::Node, names: &Names) -> Value {
    use crate::source::Value as V;
    match &node.value {
        V::Seq(items) => Value::Array(items.iter().map(|item| schema_json(item, names)).collect()),
        V::Map(map) => {
            let mut out: Map<String, Value> = map
                .entries
                .iter()
                .map(|e| (e.key.text.clone(), schema_json(&e.value, names)))
                .collect();
            if let Some(name) = node
                .shared_identity()
                .and_then(|id| names.component_name(id))
            {
                out.insert(COMPONENT_NAME.into(), Value::String(name.to_owned()));
            }
            Value::Object(out)
        }
        _ => node.to_json(),
    }
}

/// The alternatives of a schema that is one of several shapes: its `oneOf` or `anyOf` list
/// (each with the schema's own `type` when it names none), or one schema per type of a type
/// list such as `[string, integer]`. None for a schema of one shape, or one with properties of
/// its own beside the list.
fn alternatives(schema: &Value, types: &[&str]) -> Option<Vec<Value>> {
    if schema.get("properties").is_some() {
        return None;
    }
    let listed = ["oneOf", "anyOf"]
        .iter()
        .find_map(|k| schema.get(k).and_then(Value::as_array));
    if let Some(listed) = listed {
        let own_type = schema.get("type");
        return Some(
            listed
                .iter()
                .map(|alternative| match (alternative, own_type) {
                    (Value::Object(map), Some(own)) if !map.contains_key("type") => {
                        let mut map = map.clone();
                        map.insert("type".into(), own.clone());
                        Value::Object(map)
                    }
                    _ => alternative.clone(),
                })
                .collect(),
        );
    }
    let concrete = types.iter().filter(|t| **t != "null").count();
    if concrete < 2 {
        return None;
    }
    let Value::Object(map) = schema else {
        return None;
    };
    Some(
        types
            .iter()
            .map(|t| {
                let mut one = map.clone();
                // The description and title are the whole value's, not each type's.
                one.remove("description");
                one.remove("title");
                one.insert("type".into(), Value::from(*t));
                Value::Object(one)
            })
            .collect(),
    )
}

/// A variant name for an alternative: its title, else its type.
fn variant_label(alternative: &Value) -> String {
    if let Some(title) = alternative.get("title").and_then(Value::as_str)
        && !title.trim().is_empty()
    {
        return title.to_owned();
    }
    match alternative.get("type").and_then(Value::as_str) {
        Some("object") if map_values(alternative).is_some() => "Map".into(),
        Some("array") => "List".into(),
        Some(kind) => kind.to_owned(),
        None => "Other".into(),
    }
}

/// The names an object schema lists as `required`.
fn required_names(schema: &Value) -> Vec<&str> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The values of a string enum, if the schema is one.
fn string_enum(schema: &Value) -> Option<Vec<&str>> {
    let values = schema.get("enum")?.as_array()?;
    let strings: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
    (!strings.is_empty() && strings.len() == values.len()).then_some(strings)
}

/// The value schema of a map: `additionalProperties` as a schema, else the first
/// `patternProperties` entry.
fn map_values(schema: &Value) -> Option<&Value> {
    if let Some(values @ Value::Object(_)) = schema.get("additionalProperties") {
        return Some(values);
    }
    if let Some(Value::Bool(true)) = schema.get("additionalProperties") {
        return None;
    }
    schema
        .get("patternProperties")
        .and_then(Value::as_object)
        .and_then(|patterns| patterns.values().next())
}

/// `allOf` merged into one schema: properties and required lists joined, the rest from the
/// last part that has it.
pub fn merge_all_of(schema: &Value) -> Cow<'_, Value> {
    let Some(parts) = schema.get("allOf").and_then(Value::as_array) else {
        return Cow::Borrowed(schema);
    };
    let mut merged = Map::new();
    let parts: Vec<Cow<Value>> = parts.iter().map(merge_all_of).collect();
    let mut own = schema.clone();
    if let Value::Object(map) = &mut own {
        map.remove("allOf");
    }
    for part in parts
        .iter()
        .map(|p| p.as_ref())
        .chain(std::iter::once(&own))
    {
        let Value::Object(part) = part else { continue };
        for (key, value) in part {
            match (key.as_str(), merged.get_mut(key), value) {
                ("properties", Some(Value::Object(into)), Value::Object(from)) => {
                    into.extend(from.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
                ("required", Some(Value::Array(into)), Value::Array(from)) => {
                    into.extend(from.iter().cloned());
                }
                _ => {
                    merged.insert(key.clone(), value.clone());
                }
            }
        }
    }
    Cow::Owned(Value::Object(merged))
}
