//! grc render and user templates: pages written, broken input and templates refused.

use super::*;

/// `grc render regelingen/sora-2022.gr --templates DIR`.
fn render_sora_with(templates: &str) -> Output {
    grc(&[
        "render",
        "regelingen/sora-2022.gr",
        "--templates",
        templates,
    ])
}

#[test]
fn render_writes_html_and_markdown() {
    let o = grc(&["render", "regelingen/sora-2022.gr"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    let o = grc(&["render", "regelingen/sora-2022.gr", "--to", "md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("# Gemeenschappelijke regeling Sociale Onderneming"));
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("sora.md");
    let o = grc(&[
        "render",
        "regelingen/sora-2022.gr",
        "--to",
        "md",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("### Artikel 9 ")
    );
}

#[test]
fn render_refuses_a_broken_regeling_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("kapot.gr");
    std::fs::write(&src, "---\ntitel: Kapot\n---\nArtikel\n\n1. Tekst.\n").unwrap();
    let target = tmp.path().join("kapot.html");
    let o = grc(&[
        "render",
        src.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("niet opgemaakt"), "{}", stderr(&o));
    assert!(!target.exists());
}

#[test]
fn templates_can_be_replaced_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sjablonen");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("stijl.css"),
        "body { font-family: \"Huisstijl\"; }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("regeling.md"),
        "{{ title }}: {{ body | length }} hoofdstukken\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let o = grc(&["render", "regelingen/sora-2022.gr", "--templates", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.contains("font-family: \"Huisstijl\""));
    assert!(
        !html.contains("Noto Serif"),
        "the built-in stylesheet was replaced"
    );
    assert!(
        html.contains("id=\"chp_2__art_9\""),
        "regeling.html is still the built-in one"
    );
    let o = grc(&[
        "render",
        "regelingen/sora-2022.gr",
        "--to",
        "md",
        "--templates",
        d,
    ]);
    assert_eq!(
        stdout(&o),
        "Gemeenschappelijke regeling Sociale Onderneming Regio Alkmaar 2022: 5 hoofdstukken\n"
    );
    // The build uses the same override.
    let out = tmp.path().join("out");
    let o = grc(&["build", "--templates", d, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("Huisstijl")
    );
}

#[test]
fn a_broken_template_is_a_located_dutch_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("regeling.html"), "<p>\n{% if title %}\n").unwrap();
    let o = render_sora_with(tmp.path().to_str().unwrap());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("sjabloon regeling.html, regel 2: syntaxisfout"),
        "{err}"
    );
    // A value that does not exist is an error too, not an empty string.
    std::fs::write(tmp.path().join("regeling.html"), "<h1>{{ titel }}</h1>\n").unwrap();
    let o = render_sora_with(tmp.path().to_str().unwrap());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("regel 1: onbekende waarde"),
        "{}",
        stderr(&o)
    );
    let o = render_sora_with("bestaat-niet");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bestaat-niet: sjablonenmap niet te lezen"),
        "{}",
        stderr(&o)
    );
}

/// Regression (issue 13): a template with a nested loop over big ranges ran for ever.
/// Now its work is limited (minijinja's fuel) and running out is a template error.
#[test]
fn a_template_that_loops_too_long_is_stopped() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("regeling.html"),
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    let o = render_sora_with(tmp.path().to_str().unwrap());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("sjabloon regeling.html") && err.contains("te veel werk"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}
