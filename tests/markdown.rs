//! Every Markdown file `grc build` writes for the real pair (WNK 2015, SORA 2022) reads
//! under CommonMark as it was meant: no emphasis or strikethrough marker may be left as
//! literal `**` or `~~` text (CommonMark ignores a marker that its flanking rules do not
//! allow, for example `Heiloo**, Langedijk**`).

use std::path::Path;
use std::process::Command;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The text events of `md` (table cells included), joined, and how many marked runs
/// (strong, strikethrough, `<ins>`, `<del>`) the parser found.
fn read(md: &str) -> (String, usize) {
    let mut text = String::new();
    let mut marked = 0;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                text.push_str(&t);
                text.push('\n');
            }
            Event::Start(Tag::Strong | Tag::Strikethrough) => marked += 1,
            Event::InlineHtml(h) if h.starts_with("<ins>") || h.starts_with("<del>") => marked += 1,
            Event::End(TagEnd::Paragraph) => text.push('\n'),
            _ => {}
        }
    }
    (text, marked)
}

#[test]
fn no_literal_markers_in_any_markdown_output_of_the_real_pair() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_grc"))
        .current_dir(root)
        .args(["build", "regelingen", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut files: Vec<_> = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // Every kind of Markdown the build writes is here.
    for expected in [
        "sora-2022.md",
        "wnk-2015.md",
        "sora-2022.stemmen.md",
        "wnk-2015--sora-2022.renvooi.md",
        "wnk-2015--sora-2022.wijzigingstabel.md",
        "wnk-2015--sora-2022.wijzigingsbesluit.md",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not in {names:?}"
        );
    }
    let mut marked_in = std::collections::BTreeMap::new();
    for (path, name) in files.iter().zip(&names) {
        let md = std::fs::read_to_string(path).unwrap();
        let (text, marked) = read(&md);
        for marker in ["**", "~~"] {
            let literal: Vec<&str> = text.lines().filter(|l| l.contains(marker)).collect();
            assert!(
                literal.is_empty(),
                "{name}: {} lines with a literal {marker}, first: {:?}",
                literal.len(),
                literal.first()
            );
        }
        marked_in.insert(name.as_str(), marked);
    }
    // The renvooi and the table mark their changes (a test that found no markers at all
    // would prove nothing; a rewritten lid is one struck and one inserted span, so the
    // counts are 332 and 260 since rewrites are shown whole).
    assert!(
        marked_in["wnk-2015--sora-2022.renvooi.md"] > 300,
        "{marked_in:?}"
    );
    assert!(
        marked_in["wnk-2015--sora-2022.wijzigingstabel.md"] > 250,
        "{marked_in:?}"
    );
}
