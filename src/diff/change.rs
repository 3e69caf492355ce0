//! What the comparison says about each element: its level, what happened to it, its
//! eIds and numbers in both versions, and the word diffs the renderers format.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use super::align::{Step, steps_of};
use super::stale;
use super::words::Word;

/// What happened to an element.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Unchanged,
    Changed,
    Inserted,
    Deleted,
    Renumbered,
    Moved,
}

impl Kind {
    pub fn dutch(self) -> &'static str {
        match self {
            Kind::Unchanged => "ongewijzigd",
            Kind::Changed => "gewijzigd",
            Kind::Inserted => "ingevoegd",
            Kind::Deleted => "vervallen",
            Kind::Renumbered => "vernummerd",
            Kind::Moved => "verplaatst",
        }
    }
}

/// The level of the element a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Title,
    Preamble,
    Chapter,
    Article,
    Paragraph,
    /// Text of an article outside its leden: a tussenkop between two leden, an alinea
    /// before the first or after the last (`subparagraph`, as the tree names an alinea).
    Subparagraph,
    Point,
    Closing,
    Annex,
}

impl Level {
    /// A level below the article: its changes follow the article's own change.
    pub fn inside_article(self) -> bool {
        matches!(self, Level::Paragraph | Level::Subparagraph | Level::Point)
    }
}

/// One element, compared.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Change {
    pub level: Level,
    pub kind: Kind,
    /// eId in the old version (`None` when inserted).
    pub old: Option<String>,
    /// eId in the new version (`None` when deleted).
    pub new: Option<String>,
    pub old_number: Option<String>,
    pub new_number: Option<String>,
    /// The text differs (a renumbered or moved element can be changed as well).
    pub text_changed: bool,
    /// The word-level difference of changed text, on the deepest element that changed:
    /// an article with leden carries it on its leden, not again on itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Word>,
    /// The texts compared (for tables and renvooi; not in JSON).
    #[serde(skip)]
    pub old_text: String,
    #[serde(skip)]
    pub new_text: String,
    /// `Artikel 9` / `Artikel 9, zesde lid`, for people.
    #[serde(skip)]
    pub label: String,
    /// The word diff of an article's opschrift, when it differs under the noise policy
    /// (the wijzigingstabel and the renvooi show it apart from the body).
    #[serde(skip)]
    pub heading_words: Vec<Word>,
    /// An article's opschrift in the new version (else the old), plain; empty for
    /// other levels.
    #[serde(skip)]
    pub heading: String,
    /// The word diff of the element's own text, when it differs under the noise policy
    /// and the renvooi shows that text apart: the body of an article without leden (its
    /// opschrift left out), the text of a lid around its onderdelen (`own_text`).
    #[serde(skip)]
    pub own_words: Vec<Word>,
    /// The aanhef and the slotformulering: the marked words per alinea, as the renvooi
    /// prints them (see [`alineas`](super::alineas)); empty for other levels.
    #[serde(skip)]
    pub alineas: Vec<Vec<Word>>,
    /// Where the old and the new text begin a paragraph after their first (byte offsets
    /// in `old_text` and `new_text`: a lid, an onderdeel, an alinea; see
    /// [`breaks`](super::breaks)), for the wijzigingstabel's cells; `None` for unchanged
    /// elements, levels shown without breaks and comparisons made for no tabel (boxed:
    /// two empty vectors on every change were 2 % of `grc diff`'s peak memory).
    #[serde(skip)]
    pub breaks: Option<Box<[Vec<u32>; 2]>>,
}

impl Change {
    /// The paragraph starts of the old (`0`) or the new (`1`) text ([`Change::breaks`]).
    pub fn breaks(&self, version: usize) -> &[u32] {
        self.breaks.as_ref().map_or(&[], |b| &b[version])
    }
}

/// The comparison of two regelingen.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Comparison {
    pub changes: Vec<Change>,
    /// References to reread: their target changed, moved or disappeared.
    pub stale_references: Vec<stale::Stale>,
    /// old eId → new eId for every article, lid and onderdeel found in both.
    #[serde(skip)]
    pub mapping: FxHashMap<String, String>,
    /// The old eIds of the pairs in `mapping` that left their place (`Kind::Moved`).
    #[serde(skip)]
    pub moved: FxHashSet<String>,
    /// The R001 findings (a reference to something that does not exist) of the old and
    /// the new version, from the references the stale-reference check resolved: the
    /// besluit's B001 reads them instead of resolving every reference again.
    #[serde(skip)]
    pub missing_targets: [Vec<crate::diagnostic::Diagnostic>; 2],
}

impl Comparison {
    /// How many changes of each kind at `level`.
    pub fn count(&self, level: Level, kind: Kind) -> usize {
        self.changes
            .iter()
            .filter(|c| c.level == level && c.kind == kind)
            .count()
    }

    /// The alignment this comparison made of two sequences of elements (articles, leden,
    /// onderdelen, hoofdstukken, bijlagen, given by their eIds in each version), as
    /// [`align`](super::align::align) gives it: which old element is which new one and
    /// which moved, in reading order. A sequence may be a slice of what was aligned (the
    /// articles of one hoofdstuk): a partner outside the slice counts as none here. So
    /// every stage after the diff (the wijzigingsbesluit) pairs elements exactly as the
    /// wijzigingstabel and the renvooi do, under the same threshold.
    pub fn steps(&self, old: &[&str], new: &[&str]) -> Vec<Step> {
        let at: FxHashMap<&str, usize> = new.iter().enumerate().map(|(i, e)| (*e, i)).collect();
        let mut old_match = vec![None; old.len()];
        let mut new_match = vec![None; new.len()];
        let mut moved = vec![false; new.len()];
        for (o, e) in old.iter().enumerate() {
            if let Some(&n) = self.mapping.get(*e).and_then(|m| at.get(m.as_str()))
                && new_match[n].is_none()
            {
                old_match[o] = Some(n);
                new_match[n] = Some(o);
                moved[n] = self.moved.contains(*e);
            }
        }
        steps_of(&old_match, &new_match, &moved)
    }

    /// Whether the article whose change is at `i` is rewritten: paired in both versions,
    /// its opschrift changed and none of its leden stayed as it was (each changed,
    /// inserted or repealed), so nothing of the old article is left to point at. One
    /// decision for two outputs: the wijzigingstabel shows such an article in one row
    /// (its leden inside), and the besluit replaces it whole ("komt te luiden", Ar 6.9).
    pub fn rewritten(&self, i: usize) -> bool {
        let c = &self.changes[i];
        if c.level != Level::Article
            || c.old.is_none()
            || c.new.is_none()
            || c.heading_words.is_empty()
        {
            return false;
        }
        let mut leden = self.changes[i + 1..]
            .iter()
            .take_while(|x| x.level.inside_article())
            .filter(|x| x.level == Level::Paragraph)
            .peekable();
        leden.peek().is_some()
            && leden.all(|l| l.text_changed || l.old.is_none() || l.new.is_none())
    }

    /// The change of the element with this new (or, when deleted, old) eId.
    pub fn of_new(&self, eid: &str) -> Option<&Change> {
        self.changes.iter().find(|c| c.new.as_deref() == Some(eid))
    }
}

/// How `Cx::change_with` makes an element's word diff.
pub(super) enum WordsBy<'t, 'a> {
    /// Not at all: an article whose leden carry it.
    Nothing,
    /// From the two texts.
    Texts,
    /// From the tokens the alignment of the element's siblings made of the same texts.
    Tokens(&'t mut super::align::Tokens<'a>),
}
