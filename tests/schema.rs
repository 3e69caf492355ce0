//! Every JSON output carries `schema_version`, and the real output of every JSON-writing
//! command on the real regelingen validates against its schema in `docs/schema/` (with
//! the `jsonschema` crate). The schemas are generated from the serialised types
//! (`grc::schema`); the files in `docs/schema/` must be what the code generates
//! (`GRC_UPDATE_SCHEMAS=1 cargo test --test schema` rewrites them).

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const OLD: &str = "regelingen/wnk-2015.gr";
const NEW: &str = "regelingen/sora-2022.gr";

fn grc(args: &[&str]) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("grc runs");
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "grc {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("grc {args:?}: not JSON: {e}"))
}

fn schema_file(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/schema")
        .join(format!("{name}.schema.json"))
}

/// The validator of the schema for `name`, read from `docs/schema/`.
fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(schema_file(name)).expect("the schema file exists");
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: bad schema: {e}"))
}

fn assert_valid(name: &str, what: &str, output: &Value) {
    assert_eq!(output["schema_version"], 1, "{what}: schema_version");
    let errors: Vec<String> = validator(name)
        .iter_errors(output)
        .take(5)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not fit {name}.schema.json:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_schema_files_are_what_the_types_generate() {
    let update = std::env::var("GRC_UPDATE_SCHEMAS").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for (name, schema) in grc::schema::all() {
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let file = schema_file(name);
        if update {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, &text).unwrap();
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "docs/schema/ is out of date for {stale:?}: run GRC_UPDATE_SCHEMAS=1 cargo test --test schema and review the change"
    );
}

#[test]
fn every_json_command_fits_its_schema_on_the_real_regelingen() {
    for file in [OLD, NEW] {
        assert_valid("tree", file, &grc(&["tree", file, "--format", "json"]));
        assert_valid("check", file, &grc(&["check", file, "--format", "json"]));
        assert_valid("refs", file, &grc(&["refs", file, "--format", "json"]));
        assert_valid(
            "stemmen",
            file,
            &grc(&["stemmen", file, "--format", "json"]),
        );
    }
    let scenario = grc(&[
        "stemmen",
        NEW,
        "--inwoners",
        "regelingen/scenario-dijk-en-waard.csv",
        "--format",
        "json",
    ]);
    assert_valid("stemmen", "scenario", &scenario);
    let both = grc(&["stemmen", OLD, NEW, "--format", "json"]);
    assert!(both["old"].is_object() && both["new"].is_object());
    assert_valid("stemmen", "old and new", &both);
    let diff = grc(&["diff", OLD, NEW]);
    assert!(diff["changes"].as_array().is_some_and(|c| c.len() > 100));
    assert_valid("diff", "the real pair", &diff);
    assert_valid(
        "diff",
        "the real pair, noise ignored",
        &grc(&[
            "diff",
            OLD,
            NEW,
            "--ignore-case",
            "--ignore-punctuation",
            "--drempel",
            "0,7",
        ]),
    );
    // Every kind of change and level: the fixture pairs of the diff and besluit tests.
    let mut pairs = 0;
    let dirs = ["tests/fixtures/diff", "tests/fixtures/besluit"]
        .into_iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap());
    for entry in dirs {
        let dir = entry.unwrap().path();
        let (old, new) = (dir.join("oud.gr"), dir.join("nieuw.gr"));
        if old.is_file() && new.is_file() {
            let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
            assert_valid("diff", old, &grc(&["diff", old, new]));
            pairs += 1;
        }
    }
    assert!(pairs > 20, "{pairs} fixture pairs");
}

#[test]
fn every_json_file_of_a_build_fits_its_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let out = common::build_real(tmp.path());
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap()
    };
    assert_valid("manifest", "manifest.json", &read("manifest.json"));
    for stem in ["wnk-2015", "sora-2022"] {
        assert_valid("tree", stem, &read(&format!("{stem}.tree.json")));
        assert_valid("check", stem, &read(&format!("{stem}.check.json")));
    }
    assert_valid("diff", "diff.json", &read("wnk-2015--sora-2022.diff.json"));
}

/// The schemas are strict enough to catch a changed output: the check cannot pass on
/// anything that happens to be JSON.
#[test]
fn a_schema_refuses_output_of_another_shape() {
    let tree = grc(&["tree", NEW, "--format", "json"]);
    let v = validator("tree");
    assert!(v.is_valid(&tree));
    let mut unknown_key = tree.clone();
    unknown_key["body"][0]["nieuw"] = Value::Bool(true);
    assert!(!v.is_valid(&unknown_key), "an unknown key in an element");
    let mut no_version = tree.clone();
    no_version.as_object_mut().unwrap().remove("schema_version");
    assert!(!v.is_valid(&no_version), "without schema_version");
    let mut wrong_kind = tree.clone();
    wrong_kind["body"][0]["kind"] = Value::String("hoofdstuk".into());
    assert!(
        !v.is_valid(&wrong_kind),
        "an element kind that does not exist"
    );
    // Another output's shape is not a tree.
    assert!(!v.is_valid(&grc(&["check", NEW, "--format", "json"])));
    // The diff: an unknown kind, an unknown key in a change, an unknown word operation.
    let diff = grc(&["diff", OLD, NEW]);
    let v = validator("diff");
    assert!(v.is_valid(&diff));
    let changed = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["words"].is_array())
        .expect("a change with a word diff");
    let mut wrong_kind = diff.clone();
    wrong_kind["changes"][changed]["kind"] = Value::String("herschreven".into());
    assert!(
        !v.is_valid(&wrong_kind),
        "a kind of change that does not exist"
    );
    let mut unknown_key = diff.clone();
    unknown_key["changes"][changed]["label"] = Value::String("Artikel 1".into());
    assert!(!v.is_valid(&unknown_key), "a key a change does not have");
    let mut wrong_op = diff.clone();
    wrong_op["changes"][changed]["words"][0]["op"] = Value::String("replace".into());
    assert!(
        !v.is_valid(&wrong_op),
        "a word operation that does not exist"
    );
    let mut no_stale = diff.clone();
    no_stale.as_object_mut().unwrap().remove("stale_references");
    assert!(!v.is_valid(&no_stale), "without the references to reread");
    let mut bad_count = grc(&["stemmen", NEW, "--format", "json"]);
    bad_count["members_total"] = Value::String("twaalf".into());
    assert!(!validator("stemmen").is_valid(&bad_count));
}
