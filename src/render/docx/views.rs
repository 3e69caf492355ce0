//! The view data of the four Word documents, and the calls that package them. The tabel,
//! the besluit and the regeling reuse the views of their HTML and Markdown forms as they
//! are; the renvooi's pieces become tracked runs (`Revisions::runs`). No text is compared
//! here: every mark comes from the diff stage.

use serde::Serialize;

use super::{Orientation, Para, Revisions, Run, Targets, package, revision_date};
use crate::besluit::Wijzigingsbesluit;
use crate::check::links::Links;
use crate::diff::words::Op;
use crate::diff::{Comparison, Level};
use crate::render::wijzigingen::{self, Piece, RArticle, RBlock, RChapter, Row};
use crate::tree::Regeling;

/// The wijzigingstabel as a Word table on landscape A4 (`tabel.docx.xml`): the rows of
/// `wijzigingen::rows`, deleted words struck through and inserted ones underlined (marks,
/// not tracked changes: the table shows both versions side by side).
pub fn tabel(
    env: &minijinja::Environment<'_>,
    old: &Regeling,
    new: &Regeling,
    rows: &[Row],
) -> Result<Vec<u8>, String> {
    let view = wijzigingen::TabelView::new(old, new, rows);
    let title = format!("Wijzigingstabel: {}", new.display_title());
    let date = revision_date(None);
    package(
        env,
        "tabel.docx.xml",
        &title,
        Orientation::Landscape,
        &date,
        &crate::render::to_value(&view),
        Targets::of(&view)?,
    )
}

/// A paragraph of the renvooi with a label before a tab (`1.`, `a.`), and the
/// onderdelen of a changed lid under it.
#[derive(Serialize)]
struct DBlock {
    label: Vec<Run>,
    para: Para,
    /// The revision id of the tab after the label, tracked with a paragraph mark.
    tab_id: usize,
    items: Vec<DBlock>,
}

#[derive(Serialize)]
struct DArticle {
    /// `Artikel 9` and the opschrift, in one heading paragraph.
    heading: Para,
    kind: &'static str,
    blocks: Vec<DBlock>,
}

#[derive(Serialize)]
struct DChapter {
    heading: Option<Para>,
    articles: Vec<DArticle>,
}

#[derive(Serialize)]
struct RenvooiView<'a> {
    old_title: &'a str,
    new_title: &'a str,
    opschrift: Option<Para>,
    aanhef: Option<Para>,
    chapters: Vec<DChapter>,
    slot: Option<Para>,
    /// The aanhef and the slotformulering per alinea, as the built-in template writes
    /// them (`aanhef` and `slot` stay, whole, for templates of one's own).
    aanhef_alineas: Vec<Para>,
    slot_alineas: Vec<Para>,
}

impl Revisions {
    /// A paragraph of pieces; `None` when there is no text at all.
    fn framed(&mut self, pieces: &[Piece]) -> Option<Para> {
        let runs = self.runs(pieces);
        (!runs.is_empty()).then(|| self.para(runs))
    }

    /// A paragraph per alinea that has text.
    fn alineas(&mut self, alineas: &[Vec<Piece>]) -> Vec<Para> {
        alineas.iter().filter_map(|a| self.framed(a)).collect()
    }

    fn block(&mut self, b: &RBlock) -> DBlock {
        let label = self.runs(&b.label);
        let text = self.runs(&b.text);
        // The paragraph mark follows label and text together: a repealed lid goes whole.
        let mut para = self.para(label.iter().chain(&text).cloned().collect());
        para.runs = text;
        let tab_id = if para.mark.is_some() { self.id() } else { 0 };
        DBlock {
            label,
            para,
            tab_id,
            items: b.items.iter().map(|i| self.block(i)).collect(),
        }
    }

    fn article(&mut self, a: &RArticle) -> DArticle {
        let mut pieces = a.label.clone();
        pieces.extend(a.heading.iter().cloned());
        let runs = self.runs(&pieces);
        DArticle {
            heading: self.para(runs),
            kind: a.kind,
            blocks: a.blocks.iter().map(|b| self.block(b)).collect(),
        }
    }

    fn chapter(&mut self, c: &RChapter) -> DChapter {
        // The label (`Hoofdstuk 3`) goes with its heading: inserted with an inserted
        // hoofdstuk, deleted with a deleted one, so neither version keeps a bare label.
        let op = match c.heading.first().map(|p| p.op) {
            Some(op) if c.heading.iter().all(|p| p.op == op) => op,
            _ => Op::Equal,
        };
        let heading = (!c.label.is_empty()).then(|| {
            let mut pieces = vec![Piece {
                space: false,
                para: false,
                text: c.label.clone(),
                op,
            }];
            pieces.extend(c.heading.iter().cloned());
            let runs = self.runs(&pieces);
            self.para(runs)
        });
        DChapter {
            heading,
            articles: c.articles.iter().map(|a| self.article(a)).collect(),
        }
    }
}

/// The renvooi as a Word document with tracked changes (`renvooi.docx.xml`): every
/// deletion a `w:del`, every insertion a `w:ins`, author "grc", dated the new version's
/// inwerkingtreding (see [`revision_date`]); Word's "Alles accepteren" gives the new
/// text, "Alles weigeren" the old.
pub fn renvooi(
    env: &minijinja::Environment<'_>,
    old: &Regeling,
    new: &Regeling,
    cmp: &Comparison,
) -> Result<Vec<u8>, String> {
    let mut rev = Revisions::default();
    let view = RenvooiView {
        old_title: old.display_title(),
        new_title: new.display_title(),
        opschrift: rev.framed(&wijzigingen::framing(cmp, Level::Title)),
        aanhef: rev.framed(&wijzigingen::framing(cmp, Level::Preamble)),
        aanhef_alineas: rev.alineas(&wijzigingen::framing_alineas(cmp, Level::Preamble)),
        chapters: wijzigingen::renvooi_view(old, new, cmp)
            .iter()
            .map(|c| rev.chapter(c))
            .collect(),
        slot: rev.framed(&wijzigingen::framing(cmp, Level::Closing)),
        slot_alineas: rev.alineas(&wijzigingen::framing_alineas(cmp, Level::Closing)),
    };
    let title = format!("Renvooi: {}", new.display_title());
    let date = revision_date(new.metadata.entry_into_force.as_deref());
    package(
        env,
        "renvooi.docx.xml",
        &title,
        Orientation::Portrait,
        &date,
        &crate::render::to_value(&view),
        Targets::of(&view)?,
    )
}

/// The wijzigingsbesluit (`besluit.docx.xml`), from the same data as its text, Markdown
/// and HTML forms.
pub fn besluit(env: &minijinja::Environment<'_>, b: &Wijzigingsbesluit) -> Result<Vec<u8>, String> {
    let date = revision_date(None);
    package(
        env,
        "besluit.docx.xml",
        &b.title,
        Orientation::Portrait,
        &date,
        &crate::render::to_value(b),
        Targets::of(b)?,
    )
}

/// The consolidated regeling (`regeling.docx.xml`), from the view of its HTML page:
/// headings for hoofdstukken and artikelen, leden and onderdelen with their own labels
/// as text (Word's automatic numbering would renumber SORA's artikel 22, which starts at
/// lid 4).
pub fn regeling(
    env: &minijinja::Environment<'_>,
    r: &Regeling,
    links: &Links,
) -> Result<Vec<u8>, String> {
    let view = crate::render::regeling::view(r, links);
    let targets = Targets::of(&view)?;
    regeling_of(env, &view.title, &crate::render::to_value(&view), targets)
}

/// The DOCX of a view already made and converted for the templates (see
/// `render::regeling::html_of`); `title` and `targets` (`Targets::of`) are the view's.
pub fn regeling_of(
    env: &minijinja::Environment<'_>,
    title: &str,
    view: &minijinja::Value,
    targets: Targets,
) -> Result<Vec<u8>, String> {
    let date = revision_date(None);
    package(
        env,
        "regeling.docx.xml",
        title,
        Orientation::Portrait,
        &date,
        view,
        targets,
    )
}
