//! Word documents (DOCX, Office Open XML): the wijzigingstabel, the renvooi with tracked
//! changes, the wijzigingsbesluit and the consolidated regeling.
//!
//! Like every other output, the XML is written by minijinja templates (`templates/docx-*.xml`, `templates/*.docx.xml`,
//! replaceable with `--templates`), from view data made here or by the HTML/Markdown
//! renderers; this module only adds what Word needs beyond them (revision ids, the
//! spacing of tracked runs, a fixed revision date) and packs the parts into the zip.
//! **The zip is byte-deterministic**: fixed entry order, one fixed timestamp
//! (1980-01-01, the earliest a zip can hold), fixed compression, so a build compares
//! byte for byte.

mod hrefs;
mod links;
mod views;

use std::io::Write;

use serde::Serialize;

pub(crate) use links::Targets;

use crate::diff::words::{Op, needs_space};

pub use views::{besluit, regeling, regeling_of, renvooi, tabel};

/// Every revision (`w:ins`, `w:del`) carries this author.
pub const AUTHOR: &str = "grc";

/// The revision date when the new version has no valid `inwerkingtreding`: the Unix
/// epoch, so output never depends on the clock.
pub const EPOCH: &str = "1970-01-01T00:00:00Z";

/// The date of the tracked changes: the day the new version takes effect (its
/// `inwerkingtreding`), else [`EPOCH`]. Never the clock: the build is compared byte for
/// byte.
pub fn revision_date(entry_into_force: Option<&str>) -> String {
    match entry_into_force {
        Some(d) if is_iso_date(d) => format!("{d}T00:00:00Z"),
        _ => EPOCH.to_string(),
    }
}

fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A run of a paragraph with its own spaces: unchanged, or one tracked deletion or
/// insertion with its revision id.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub text: String,
    pub op: Op,
    /// The `w:id` of the revision (0 for unchanged text).
    pub id: usize,
}

/// Hands out revision ids, unique in a document as Word requires.
#[derive(Debug, Default)]
pub struct Revisions {
    next: usize,
}

impl Revisions {
    pub fn id(&mut self) -> usize {
        self.next += 1;
        self.next
    }

    /// The runs of marked pieces. A piece's `space` was decided against the piece before
    /// it in the mixed sequence; here the space is decided in each version on its own (old:
    /// unchanged and deleted pieces, new: unchanged and inserted ones), and a space only
    /// one version has is itself tracked, so "accept all" gives exactly the new text and
    /// "reject all" exactly the old, spaces included.
    pub fn runs(&mut self, pieces: &[super::wijzigingen::Piece]) -> Vec<Run> {
        let mut out: Vec<Run> = Vec::new();
        let (mut last_old, mut last_new) = (String::new(), String::new());
        for p in pieces {
            let in_old = p.op != Op::Insert;
            let in_new = p.op != Op::Delete;
            let space_old = in_old && !last_old.is_empty() && needs_space(&last_old, &p.text);
            let space_new = in_new && !last_new.is_empty() && needs_space(&last_new, &p.text);
            let mut text = String::new();
            match (p.op, space_old, space_new) {
                (Op::Equal, true, true) | (Op::Delete, true, _) | (Op::Insert, _, true) => {
                    text.push(' ')
                }
                (Op::Equal, true, false) => self.push(&mut out, " ", Op::Delete),
                (Op::Equal, false, true) => self.push(&mut out, " ", Op::Insert),
                _ => {}
            }
            text.push_str(&p.text);
            self.push(&mut out, &text, p.op);
            if in_old {
                last_old.clone_from(&p.text);
            }
            if in_new {
                last_new.clone_from(&p.text);
            }
        }
        out
    }

    /// Appends a run, joined to the last one when it has the same operation (one revision
    /// for a space and the words after it).
    fn push(&mut self, out: &mut Vec<Run>, text: &str, op: Op) {
        if let Some(last) = out.last_mut().filter(|r| r.op == op) {
            last.text.push_str(text);
            return;
        }
        let id = if op == Op::Equal { 0 } else { self.id() };
        out.push(Run {
            text: text.to_string(),
            op,
            id,
        });
    }
}

/// How a whole paragraph changed: its mark is tracked too when every run of it is
/// deleted (so "accept all" removes the paragraph, not only its words) or inserted (so
/// "reject all" does).
#[derive(Debug, Clone, Serialize)]
pub struct Para {
    pub runs: Vec<Run>,
    /// `delete` or `insert` when the paragraph mark itself is a revision.
    pub mark: Option<Op>,
    pub mark_id: usize,
}

impl Revisions {
    pub fn para(&mut self, runs: Vec<Run>) -> Para {
        let only = |op| !runs.is_empty() && runs.iter().all(|r| r.op == op);
        let mark = [Op::Delete, Op::Insert].into_iter().find(|op| only(*op));
        let mark_id = if mark.is_some() { self.id() } else { 0 };
        Para {
            runs,
            mark,
            mark_id,
        }
    }
}

/// Page layout of a document: the wijzigingstabel is landscape, the others portrait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// What every part template receives besides the document's own view: the title for the
/// document properties, the page layout and the revision author and date; and where the
/// view's links lead (`links::Targets`: external ones by relationship, internal ones by
/// bookmark).
#[derive(Serialize)]
struct Frame<'a> {
    title: &'a str,
    orientation: Orientation,
    author: &'static str,
    date: &'a str,
}

/// One part: the template rendered, from its XML declaration on (a template's leading
/// comment or macro definitions may leave a line break before it, and the declaration
/// must be the very first bytes). Trimmed in the rendered text's own buffer: a trimmed
/// copy held `word/document.xml` twice while it was made, 17 MB beside its 34 MB buffer
/// with a 100x pair's wijzigingstabel, the peak of that build (issue 17, ninth round:
/// memory). Rendered straight into its zip entry it would not be held at all, but
/// deflate then gets the text in other pieces and its bytes differ.
fn part(
    env: &minijinja::Environment<'_>,
    template: &str,
    data: &minijinja::Value,
) -> Result<String, String> {
    let mut text = super::render_value(env, template, data)?;
    let leading = text.len() - text.trim_start().len();
    text.drain(..leading);
    Ok(text)
}

/// The parts of a package, in the order they are written, and the template of each.
/// `[Content_Types].xml` comes first, as Office writes it.
const PARTS: &[(&str, &str)] = &[
    ("[Content_Types].xml", "docx-content-types.xml"),
    ("_rels/.rels", "docx-rels.xml"),
    ("docProps/core.xml", "docx-core.xml"),
    ("word/_rels/document.xml.rels", "docx-document-rels.xml"),
    ("word/styles.xml", "docx-styles.xml"),
    ("word/settings.xml", "docx-settings.xml"),
];

/// One DOCX: the parts above plus `word/document.xml` from `document` (a template name),
/// all rendered with the same data, packed into a deterministic zip. `view` is the
/// document's view as the templates get it (`render::to_value`), made
/// once by the caller: the regeling's serves its page and Markdown too.
pub fn package(
    env: &minijinja::Environment<'_>,
    document: &str,
    title: &str,
    orientation: Orientation,
    date: &str,
    view: &minijinja::Value,
    targets: Targets,
) -> Result<Vec<u8>, String> {
    use minijinja::value::merge_maps;
    // The links of the view (segments with an `href`, as `check::links` made them),
    // found by the caller in the Rust view (`Targets::of`): the relationships part and
    // the document must agree on their ids.
    let targets = crate::render::to_value(targets);
    let frame = crate::render::to_value(Frame {
        title,
        orientation,
        author: AUTHOR,
        date,
    });
    // The small parts get the frame and the targets, `word/document.xml` the view too.
    // A name in more than one is taken from the view, then the targets, then the frame
    // (as when they were one serialised map, the view's fields written last).
    let small = merge_maps([targets.clone(), frame.clone()]);
    let mut parts = Vec::with_capacity(PARTS.len() + 1);
    for (name, template) in PARTS {
        parts.push((*name, part(env, template, &small)?));
    }
    let all = merge_maps([view.clone(), targets, frame]);
    parts.push(("word/document.xml", part(env, document, &all)?));
    Ok(zip(&parts))
}

/// The zip of `parts`, deflated, every entry dated 1980-01-01 00:00 (the zip format's
/// earliest date) and without extra fields, so the same parts give the same bytes.
fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // The fastest deflate level: the default (6) took 13 % of a build's instructions
        // at 10 times the real pair, for files a third smaller (issue 17). Fixed, so the
        // bytes stay deterministic.
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, text) in parts {
        // Writing into memory cannot fail but for a bug in the zip crate.
        w.start_file(*name, options).expect("zip entry in memory");
        w.write_all(text.as_bytes()).expect("zip write in memory");
    }
    w.finish().expect("zip in memory").into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::wijzigingen::Piece;

    fn piece(space: bool, text: &str, op: Op) -> Piece {
        Piece::new(space, text, op)
    }

    /// The text of the runs with every change accepted (`keep` = Insert) or rejected.
    fn version(runs: &[Run], drop: Op) -> String {
        runs.iter()
            .filter(|r| r.op != drop)
            .map(|r| r.text.as_str())
            .collect()
    }

    #[test]
    fn spaces_belong_to_the_version_that_has_them() {
        let mut rev = Revisions::default();
        // "b c" became "(c" ... : the first piece deleted, so the space before "c" is
        // only in the old text, and "(" takes no space after it in the new.
        let runs = rev.runs(&[
            piece(false, "b", Op::Delete),
            piece(false, "(", Op::Insert),
            piece(true, "c", Op::Equal),
            piece(false, ",", Op::Delete),
            piece(true, "d", Op::Equal),
        ]);
        assert_eq!(version(&runs, Op::Insert), "b c, d");
        assert_eq!(version(&runs, Op::Delete), "(c d");
        let ids: Vec<usize> = runs.iter().filter(|r| r.id > 0).map(|r| r.id).collect();
        let mut unique = ids.clone();
        unique.dedup();
        assert_eq!(ids, unique, "every revision its own id");
    }

    #[test]
    fn a_wholly_deleted_paragraph_has_its_mark_deleted() {
        let mut rev = Revisions::default();
        let runs = rev.runs(&[piece(false, "weg", Op::Delete)]);
        assert_eq!(rev.para(runs).mark, Some(Op::Delete));
        let runs = rev.runs(&[piece(false, "a", Op::Equal), piece(true, "b", Op::Insert)]);
        assert_eq!(rev.para(runs).mark, None);
    }

    #[test]
    fn the_revision_date_comes_from_the_metadata_or_is_the_epoch() {
        assert_eq!(revision_date(Some("2022-01-01")), "2022-01-01T00:00:00Z");
        assert_eq!(revision_date(Some("1 januari 2022")), EPOCH);
        assert_eq!(revision_date(None), EPOCH);
    }
}
