//! What the comparison says about each element: its level, what happened to it, its
//! eIds and numbers in both versions, and the word diffs the renderers format.

use rustc_hash::FxHashMap;
use serde::Serialize;

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
}

impl Comparison {
    /// How many changes of each kind at `level`.
    pub fn count(&self, level: Level, kind: Kind) -> usize {
        self.changes
            .iter()
            .filter(|c| c.level == level && c.kind == kind)
            .count()
    }

    /// The change of the element with this new (or, when deleted, old) eId.
    pub fn of_new(&self, eid: &str) -> Option<&Change> {
        self.changes.iter().find(|c| c.new.as_deref() == Some(eid))
    }
}
