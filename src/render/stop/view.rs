//! The view data of a STOP regeling: the plain values the `stop-*.xml` templates write
//! as elements (which element is a name in the data, never markup).

use serde::Serialize;

use super::akn::akn;

/// A run of inline text: plain, or a reference (`IntRef` inside the regeling, `ExtRef` to
/// another act), with emphasis and, inside a mutation, a renvooi mark.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Inline {
    pub text: String,
    pub em: bool,
    pub strong: bool,
    /// `int` (IntRef), `ext` (ExtRef) or empty.
    pub reference: &'static str,
    /// The eId (IntRef) or the JCI/URL (ExtRef).
    pub target: String,
    /// ExtRef `soort`: `JCI` or `URL`.
    pub soort: &'static str,
    /// `new` (NieuweTekst), `del` (VerwijderdeTekst) or empty.
    pub mark: &'static str,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline {
            text: text.into(),
            ..Inline::default()
        }
    }

    pub fn marked(text: impl Into<String>, mark: &'static str) -> Inline {
        Inline {
            mark,
            ..Inline::plain(text)
        }
    }
}

/// A block inside `Inhoud`, a `Li` or a `Definitie`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Al {
        text: Vec<Inline>,
    },
    Lijst {
        #[serde(serialize_with = "akn")]
        eid: String,
        wid: String,
        items: Vec<Item>,
    },
    /// A list whose every item defines a term (a begripsbepaling).
    Begrippenlijst {
        #[serde(serialize_with = "akn")]
        eid: String,
        wid: String,
        items: Vec<Begrip>,
    },
    /// Blocks of a mutation that are all removed (`verwijder`) or all added (`voegtoe`):
    /// STOP marks each of them (Al, Lijst, Begrippenlijst) rather than their Inhoud, which
    /// may carry a wijzigactie only beside a Lid, Vervallen or Gereserveerd (STOP0063).
    Changed {
        action: &'static str,
        blocks: Vec<Block>,
    },
}

/// A numbered item: a `Lid` of an article or a `Li` of a list (the same fields).
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    #[serde(serialize_with = "akn")]
    pub eid: String,
    pub wid: String,
    pub number: Vec<Inline>,
    pub content: Vec<Block>,
    /// `wijzigactie` inside a mutation: `voegtoe`, `verwijder` or empty.
    pub action: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Begrip {
    #[serde(serialize_with = "akn")]
    pub eid: String,
    pub wid: String,
    pub number: String,
    pub term: Vec<Inline>,
    pub content: Vec<Block>,
}

/// The content of an article: `Inhoud` blocks, leden, or both (STOP allows two of them),
/// each with its own `wijzigactie` inside a mutation.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Part {
    Inhoud {
        blocks: Vec<Block>,
        action: &'static str,
    },
    Leden {
        items: Vec<Item>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Artikel {
    #[serde(serialize_with = "akn")]
    pub eid: String,
    pub wid: String,
    pub label: String,
    pub number: Vec<Inline>,
    pub heading: Vec<Inline>,
    pub repealed: bool,
    pub parts: Vec<Part>,
}

/// A node of the Lichaam.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Node {
    Division {
        /// The STOP element: `Hoofdstuk`, `Titel`, `Afdeling`, `Paragraaf`, `Subparagraaf`.
        element: &'static str,
        #[serde(serialize_with = "akn")]
        eid: String,
        wid: String,
        label: String,
        number: Vec<Inline>,
        heading: Vec<Inline>,
        content: Vec<Node>,
    },
    Artikel(Artikel),
    /// Only inside a mutation: a bijlage or the toelichting added, replaced or repealed.
    Bijlage(Annex),
    Toelichting(Annex),
}

/// A bijlage or the toelichting: a Kop and one `Divisietekst` with the blocks.
#[derive(Debug, Clone, Serialize)]
pub struct Annex {
    #[serde(serialize_with = "akn")]
    pub eid: String,
    pub wid: String,
    pub number: Vec<Inline>,
    pub heading: Vec<Inline>,
    #[serde(serialize_with = "akn")]
    pub text_eid: String,
    pub text_wid: String,
    pub blocks: Vec<Block>,
}

/// The regeling as a `RegelingCompact`.
#[derive(Debug, Serialize)]
pub struct RegelingView {
    pub schema_version: &'static str,
    pub title: Vec<Inline>,
    pub title_wid: String,
    pub body_wid: String,
    pub body: Vec<Node>,
    pub annexes: Vec<Annex>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Annex>,
}
