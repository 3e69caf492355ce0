//! The shapes of grc's JSON outputs (tree, check, refs, stemmen, diff, manifest): every output carries `"schema_version"`, and every
//! output has a JSON Schema (draft 2020-12), generated with schemars from the very types
//! that are serialised, written to `docs/schema/` and tested against real output
//! (`tests/schema.rs`).

use schemars::JsonSchema;
use serde::Serialize;

use crate::check::references::Resolution;
use crate::diagnostic::Diagnostic;
use crate::stemmen::Stemverhouding;
use crate::tree::Regeling;

/// The version of the JSON shapes. Raised when a key is removed or renamed or changes
/// meaning, so that a consumer can refuse what it does not know; new keys do not raise
/// it (the schemas in `docs/schema/` then gain them).
pub const SCHEMA_VERSION: u32 = 1;

/// An output whose data is one object: its keys with `schema_version` first.
#[derive(Serialize, JsonSchema)]
pub struct Versioned<'a, T> {
    /// The version of this JSON shape (see `docs/schema/`).
    pub schema_version: u32,
    #[serde(flatten)]
    pub data: &'a T,
}

impl<'a, T> Versioned<'a, T> {
    pub fn new(data: &'a T) -> Self {
        Versioned {
            schema_version: SCHEMA_VERSION,
            data,
        }
    }
}

/// `grc refs --format json`.
#[derive(Serialize, JsonSchema)]
pub struct References<'a> {
    pub schema_version: u32,
    pub references: &'a [Resolution<'a>],
}

impl<'a> References<'a> {
    pub fn new(references: &'a [Resolution<'a>]) -> Self {
        References {
            schema_version: SCHEMA_VERSION,
            references,
        }
    }
}

/// `grc stemmen --format json`: one stemverhouding, or with two files the old and the new.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Stemmen<'a> {
    One(Versioned<'a, Stemverhouding>),
    Compared {
        schema_version: u32,
        old: &'a Stemverhouding,
        new: &'a Stemverhouding,
    },
}

impl<'a> Stemmen<'a> {
    pub fn compared(old: &'a Stemverhouding, new: &'a Stemverhouding) -> Self {
        Stemmen::Compared {
            schema_version: SCHEMA_VERSION,
            old,
            new,
        }
    }
}

/// `grc check --format json` and `<naam>.check.json` (see `report::json`).
#[derive(Serialize, JsonSchema)]
pub struct Report<'a> {
    pub schema_version: u32,
    pub diagnostics: &'a [Diagnostic],
}

/// The JSON Schema of every JSON output, by the name of its file in `docs/schema/`
/// (`tree.schema.json`, ...). Objects admit no keys besides their properties (see
/// `close`), so a key an output gains without its schema is a test failure, not a silent
/// drift.
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("tree", schema::<Versioned<'static, Regeling>>("tree")),
        ("check", schema::<Report<'static>>("check")),
        ("refs", schema::<References<'static>>("refs")),
        ("stemmen", schema::<Stemmen<'static>>("stemmen")),
        (
            "diff",
            schema::<Versioned<'static, crate::diff::Comparison>>("diff"),
        ),
        (
            "manifest",
            schema::<crate::build::Manifest<'static>>("manifest"),
        ),
    ]
}

fn schema<T: JsonSchema>(name: &str) -> serde_json::Value {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    schema["title"] = format!("grc {name}").into();
    close(&mut schema);
    schema
}

/// Closes every object schema: `unevaluatedProperties: false`, which (unlike
/// `additionalProperties`) also counts the properties of a `$ref` beside it, so that an
/// internally tagged variant (`{"$ref": "#/$defs/Artikel", "properties": {"kind": ...}}`)
/// admits the article's keys and its `kind`. The definitions such a variant (or a
/// flattened struct) refers to stay open themselves (closed, they would refuse the
/// `kind`); the schema that refers to them closes them. A definition used both ways is
/// left open where it is used alone: a weaker check there, never a false refusal.
fn close(schema: &mut serde_json::Value) {
    use serde_json::Value;
    fn tagged_refs(v: &Value, found: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                // A `$ref` beside `properties`, or in an `allOf` beside them (a flattened
                // struct): the definition gets keys it does not know of itself.
                if o.contains_key("properties") {
                    let beside = o.get("allOf").and_then(Value::as_array);
                    let refs = std::iter::once(o.get("$ref"))
                        .chain(beside.into_iter().flatten().map(|x| x.get("$ref")));
                    for r in refs.flatten().filter_map(Value::as_str) {
                        found.push(r.trim_start_matches("#/$defs/").to_string());
                    }
                }
                o.values().for_each(|x| tagged_refs(x, found));
            }
            Value::Array(a) => a.iter().for_each(|x| tagged_refs(x, found)),
            _ => {}
        }
    }
    /// Closes `v` (unless `open`) and every schema inside it.
    fn walk(v: &mut Value, open: bool) {
        match v {
            Value::Object(o) => {
                let has_properties = o.contains_key("properties");
                if !open && has_properties {
                    o.entry("unevaluatedProperties").or_insert(false.into());
                }
                for (key, x) in o.iter_mut() {
                    // The variants of a flattened enum beside properties: this schema's
                    // `unevaluatedProperties` closes them, each alone would refuse the
                    // properties beside it.
                    let variants =
                        has_properties && matches!(key.as_str(), "oneOf" | "anyOf" | "allOf");
                    match (variants, x.as_array_mut()) {
                        (true, Some(items)) => items.iter_mut().for_each(|i| walk(i, true)),
                        _ => walk(x, false),
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, false)),
            _ => {}
        }
    }
    let mut open = Vec::new();
    tagged_refs(schema, &mut open);
    let Some(root) = schema.as_object_mut() else {
        return;
    };
    for (key, value) in root.iter_mut() {
        match (key.as_str(), value.as_object_mut()) {
            ("$defs", Some(defs)) => {
                for (name, def) in defs.iter_mut() {
                    walk(def, open.contains(name));
                }
            }
            _ => walk(value, false),
        }
    }
    if root.contains_key("properties") {
        root.entry("unevaluatedProperties").or_insert(false.into());
    }
}
