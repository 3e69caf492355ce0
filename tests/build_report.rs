//! `grc build`'s check report (out/<naam>.check.json and .check.html) holds the spelling
//! findings (L006) of `grc check --spelling`, unless `--zonder-spelling` leaves them out.

mod common;

use std::process::{Command, Output};

fn build(out: &std::path::Path, extra: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(["build", "regelingen", "-o", out.to_str().unwrap()])
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("grc runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The spelling findings of a build's check.json, one `line: message` each.
fn spelling(out: &std::path::Path, stem: &str) -> Vec<String> {
    let text = std::fs::read_to_string(out.join(format!("{stem}.check.json"))).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "L006")
        .map(|d| format!("{}: {}", d["line"], d["message"].as_str().unwrap()))
        .collect()
}

#[test]
fn the_build_report_has_the_spelling_findings_in_json_and_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&out, &[]);
    let mut all = Vec::new();
    for stem in ["sora-2022", "wnk-2015"] {
        let found = spelling(&out, stem);
        // The same findings as `grc check --spelling` on the file.
        let (_, diags, _) = common::load_with(
            std::path::Path::new(&format!("regelingen/{stem}.gr")),
            grc::check::Options { spelling: true },
        );
        let expected: Vec<String> = diags
            .iter()
            .filter(|d| d.code == "L006")
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect();
        assert_eq!(found, expected, "{stem}");
        // The reader's page names each unknown word.
        let html = std::fs::read_to_string(out.join(format!("{stem}.check.html"))).unwrap();
        for f in &found {
            let word = f.split('"').nth(1).unwrap();
            assert!(html.contains(word), "{stem}: {word} not on the check page");
        }
        all.push(format!("{stem}:"));
        all.extend(found);
    }
    common::snapshots().bind(|| insta::assert_snapshot!(all.join("\n")));
}

#[test]
fn zonder_spelling_leaves_them_out() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&out, &["--zonder-spelling"]);
    for stem in ["sora-2022", "wnk-2015"] {
        assert!(spelling(&out, stem).is_empty(), "{stem}");
    }
}
