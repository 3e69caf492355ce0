//! The typed regeling tree: the one data structure every stage reads.
//!
//! Invariants (established by `source::parse`, relied on by checks, diff and render):
//! - every structural node carries an `eid` derived from its numbering (see [`eid`]) and a
//!   [`Span`] into the source file named in [`Regeling::file`];
//! - text is stored as written on its source line, inline markup (`*cursief*`, `**vet**`,
//!   `\` escapes) included; [`inline::plain`] gives the words without markup;
//! - the tree never contains pest types; it (de)serialises with serde, English keys.
//!
//! Type names keep the Dutch legal nouns (`Artikel`, `Lid`, `Onderdeel`); the JSON uses
//! the English structure names of EU/AKN drafting: chapter, section, article, paragraph
//! (lid), subparagraph (alinea), list, point (onderdeel).

pub mod eid;
pub mod inline;
pub mod outline;
pub mod reference;
pub mod terms;
pub mod walk;

use serde::{Deserialize, Serialize};

/// Where a node comes from: 1-based line and column (in characters) of its first
/// character, and the byte range `[start, end)` it covers in the source file.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub start: u32,
    pub end: u32,
}

/// A piece of inline text on one source line (a heading, a term, the title).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Tekst {
    pub text: String,
    pub span: Span,
}

/// A whole parsed `.gr` file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Regeling {
    /// The file the spans point into.
    pub file: String,
    pub metadata: Metadata,
    /// A decision printed before the regeling itself, such as a ministerial
    /// deelnamebesluit with its own articles (see `docs/source-format.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preceding_decision: Option<Box<Besluit>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Tekst>,
    /// The citations of other acts in the title: an opschrift often names the act the
    /// regeling carries out ("ter uitvoering van artikel 9 van de Wet X"). Only those that
    /// name an act: a title never cites the regeling's own articles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_references: Vec<reference::Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preamble: Option<Aanhef>,
    pub body: Vec<Deel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Sluiting>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annexes: Vec<Bijlage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Toelichting>,
}

/// A decision that precedes the regeling in the same file (deelnamebesluit).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Besluit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Tekst>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preamble: Option<Aanhef>,
    pub body: Vec<Deel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Sluiting>,
}

/// The metadata block at the top of a `.gr` file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Soort>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// ISO 8601 date (`2022-01-01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<String>,
    /// ISO 8601 date from which the version applies, before its entry into force
    /// (terugwerkende kracht). The wijzigingsbesluit carries it in its ARTIKEL II; it is
    /// not enacted inside the regeling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retroactive_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Population data file, relative to the `.gr` file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_file: Option<String>,
    /// Where the text comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Acts the text cites, with their BWB id, as the published XML linked them
    /// (`wetten: Naam = BWBR0003740; ...`): a reference to such an act gets its id even
    /// when the act table does not know the name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acts: Vec<ActLink>,
    /// What a griffie chooses to show on the published page (`publicatie.*` keys).
    #[serde(default, skip_serializing_if = "Publicatie::is_empty")]
    pub publication: Publicatie,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// The `publicatie` section of the metadata: the only metadata a published page shows.
/// Everything else in the metadata (the source, our version, the population file) is the
/// repository's and never printed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Publicatie {
    /// `publicatie.toon`: the metadata fields to show under the title, in this order
    /// (Dutch key names: `citeertitel`, `soort`, `deelnemers`, `inwerkingtreding`, `versie`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub show: Vec<String>,
    /// `publicatie.gemeenteblad`: where it was published (`Gemeenteblad 2021, 345678`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gazette: Option<String>,
    /// `publicatie.vastgesteld`: the date of vaststelling (ISO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<String>,
}

impl Publicatie {
    pub fn is_empty(&self) -> bool {
        self.show.is_empty() && self.gazette.is_none() && self.adopted.is_none()
    }
}

/// The metadata fields `publicatie.toon` may name.
pub const SHOWABLE: &[&str] = &[
    "citeertitel",
    "soort",
    "deelnemers",
    "inwerkingtreding",
    "versie",
];

/// An act named in the metadata with its identifier on wetten.overheid.nl.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ActLink {
    pub name: String,
    pub bwb: String,
}

impl Metadata {
    /// The `wetten` line's value: `Wgr = BWBR0003740; Archiefwet 1995 = BWBR0007376`.
    pub fn acts_text(&self) -> String {
        let acts: Vec<String> = self
            .acts
            .iter()
            .map(|a| format!("{} = {}", a.name, a.bwb))
            .collect();
        acts.join("; ")
    }

    /// The BWB id the metadata gives an act of this name (case does not count).
    pub fn bwb_of(&self, name: &str) -> Option<&str> {
        self.acts
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .map(|a| a.bwb.as_str())
    }
}

/// The kind of gemeenschappelijke regeling (Wgr art. 1, 40, 51, 62, 8 lid 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Soort {
    /// Raadsregeling: entered into by the raden.
    Council,
    /// Collegeregeling: entered into by the colleges van B&W.
    Executive,
    /// Burgemeestersregeling.
    Mayoral,
    /// Gemengde regeling: more than one kind of body takes part.
    Mixed,
    /// Regeling zonder meer: no public body is set up.
    Plain,
}

impl Soort {
    /// The Dutch name as written in the metadata block.
    pub fn dutch(self) -> &'static str {
        match self {
            Soort::Council => "raadsregeling",
            Soort::Executive => "collegeregeling",
            Soort::Mayoral => "burgemeestersregeling",
            Soort::Mixed => "gemengde regeling",
            Soort::Plain => "regeling zonder meer",
        }
    }

    pub fn from_dutch(s: &str) -> Option<Soort> {
        let all = [
            Soort::Council,
            Soort::Executive,
            Soort::Mayoral,
            Soort::Mixed,
            Soort::Plain,
        ];
        let s = s.trim().to_lowercase();
        all.into_iter().find(|k| k.dutch() == s)
    }
}

/// Aanhef (preamble / considerans): the lines between the title and the first heading.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Aanhef {
    pub eid: String,
    pub span: Span,
    pub content: Vec<Blok>,
}

/// Sluiting: slotformulering and ondertekening after the last article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Sluiting {
    pub eid: String,
    pub span: Span,
    pub content: Vec<Blok>,
}

/// A toelichting printed after the regeling: kept, rendered apart from the regeling text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Toelichting {
    pub eid: String,
    pub span: Span,
    pub content: Vec<Blok>,
}

/// A part of the body: a hoofdstuk, paragraaf or artikel (or a comment, or loose text
/// that the parser could not place in an article).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Deel {
    #[serde(rename = "chapter")]
    Hoofdstuk(Hoofdstuk),
    #[serde(rename = "section")]
    Paragraaf(Paragraaf),
    #[serde(rename = "article")]
    Artikel(Artikel),
    #[serde(rename = "subparagraph")]
    Alinea(Alinea),
    #[serde(rename = "comment")]
    Opmerking(Opmerking),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Hoofdstuk {
    pub eid: String,
    pub span: Span,
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Tekst>,
    /// Notes of the publishing database under the heading (see [`Artikel::annotations`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Tekst>,
    pub content: Vec<Deel>,
}

/// A division below the hoofdstuk: a paragraaf, or (by its `label`) a titel, afdeling or
/// subparagraaf. Divisions nest by rank (titel > afdeling > paragraaf > subparagraaf),
/// and numbering restarts in each parent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Paragraaf {
    pub eid: String,
    pub span: Span,
    /// `Paragraaf`, `Titel`, `Afdeling`, `Subparagraaf`; empty for a section numbered
    /// without a word (`1` over a heading, in a text without articles).
    #[serde(default = "paragraaf_label")]
    pub label: String,
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Tekst>,
    /// Notes of the publishing database under the heading (see [`Artikel::annotations`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Tekst>,
    pub content: Vec<Deel>,
}

fn paragraaf_label() -> String {
    "Paragraaf".to_string()
}

impl Default for Paragraaf {
    fn default() -> Self {
        Paragraaf {
            eid: String::new(),
            span: Span::default(),
            label: paragraaf_label(),
            number: String::new(),
            heading: None,
            annotations: Vec::new(),
            content: Vec::new(),
        }
    }
}

impl Paragraaf {
    /// The rank of the division: a division closes the open divisions of the same or a
    /// lower rank (a new afdeling closes the paragraaf, not the titel it stands in).
    pub fn rank(&self) -> u8 {
        division_rank(&self.label)
    }
}

/// The rank of a division by its label: hoofdstuk 1, titel 2, afdeling 3, paragraaf 4,
/// subparagraaf 5; an unlabelled section ranks as a paragraaf.
pub fn division_rank(label: &str) -> u8 {
    match label {
        "Hoofdstuk" => 1,
        "Titel" => 2,
        "Afdeling" => 3,
        "Subparagraaf" => 5,
        _ => 4,
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Artikel {
    pub eid: String,
    pub span: Span,
    /// `Artikel` or `Enig artikel`.
    pub label: String,
    /// `20a`; `None` for `Enig artikel` and for an article written without a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Tekst>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub repealed: bool,
    /// Notes the publishing database printed under the heading, such as "Vervallen per
    /// 01-07-2010", "Materieel uitgewerkt per 08-02-2004" or "Treedt in werking op een
    /// nader te bepalen tijdstip": about the article, not text of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Tekst>,
    pub content: Vec<Blok>,
}

/// A block inside an article, lid, onderdeel, aanhef, bijlage or sluiting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Blok {
    #[serde(rename = "paragraph")]
    Lid(Lid),
    #[serde(rename = "subparagraph")]
    Alinea(Alinea),
    #[serde(rename = "list")]
    Lijst(Lijst),
    #[serde(rename = "comment")]
    Opmerking(Opmerking),
}

/// A numbered lid (`1.`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Lid {
    pub eid: String,
    pub span: Span,
    pub number: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub repealed: bool,
    pub content: Vec<Blok>,
}

/// One line of running text: an unnumbered alinea, or the text on a marker's line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Alinea {
    pub eid: String,
    pub span: Span,
    pub text: String,
    /// The references in the text (filled in by `refs::extract`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<reference::Reference>,
}

/// A list of onderdelen (`a.`, `b.`) or subonderdelen (`1°`, `2°`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Lijst {
    pub eid: String,
    pub span: Span,
    pub items: Vec<Onderdeel>,
}

/// An onderdeel (`a.`) or subonderdeel (`1°`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Onderdeel {
    pub eid: String,
    pub span: Span,
    /// As written, without the dot: `a`, `aa`, `1°`.
    pub number: String,
    /// The defined term, for a begripsbepaling written as a definition list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Tekst>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub repealed: bool,
    pub content: Vec<Blok>,
}

/// An editorial comment (`// ...`): kept in the tree, never rendered as regeling text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Opmerking {
    pub span: Span,
    pub text: String,
}

/// A bijlage after the body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Bijlage {
    pub eid: String,
    pub span: Span,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Tekst>,
    pub content: Vec<Blok>,
}

impl Regeling {
    /// The name to show for this regeling: citeertitel, else title, else file name.
    pub fn display_title(&self) -> &str {
        self.metadata
            .citation_title
            .as_deref()
            .or(self.metadata.title.as_deref())
            .or(self.title.as_ref().map(|t| t.text.as_str()))
            .unwrap_or(&self.file)
    }
}

impl Artikel {
    /// The database's note that this text takes effect later ("Treedt in werking per
    /// 01-07-2016", "Treedt in werking op een nader te bepalen tijdstip"): the database
    /// prints such a future text of an article after the text in force, under the same
    /// number, and the future text may cite provisions that exist only from then on.
    pub fn takes_effect_later(&self) -> Option<&Tekst> {
        self.annotations.iter().find(|n| {
            n.text
                .trim_start()
                .get(..17)
                .is_some_and(|w| w.eq_ignore_ascii_case("treedt in werking"))
        })
    }

    /// `Artikel 20a`, `Enig artikel`.
    pub fn label_with_number(&self) -> String {
        match &self.number {
            Some(n) => format!("{} {}", self.label, n),
            None => self.label.clone(),
        }
    }

    /// The leden of this article, in order.
    pub fn leden(&self) -> impl Iterator<Item = &Lid> {
        self.content.iter().filter_map(|b| match b {
            Blok::Lid(l) => Some(l),
            _ => None,
        })
    }
}

impl Blok {
    pub fn eid(&self) -> Option<&str> {
        match self {
            Blok::Lid(l) => Some(&l.eid),
            Blok::Alinea(a) => Some(&a.eid),
            Blok::Lijst(l) => Some(&l.eid),
            Blok::Opmerking(_) => None,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Blok::Lid(l) => l.span,
            Blok::Alinea(a) => a.span,
            Blok::Lijst(l) => l.span,
            Blok::Opmerking(o) => o.span,
        }
    }
}

impl Deel {
    pub fn span(&self) -> Span {
        match self {
            Deel::Hoofdstuk(h) => h.span,
            Deel::Paragraaf(p) => p.span,
            Deel::Artikel(a) => a.span,
            Deel::Alinea(a) => a.span,
            Deel::Opmerking(o) => o.span,
        }
    }
}

/// The tree as JSON without spans and file name: for comparing trees that come from
/// different sources (a round trip through the writer, an applied wijzigingsbesluit).
pub fn without_spans(r: &Regeling) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.retain(|k, _| k != "span" && !k.ends_with("_span"));
                for (_, child) in map.iter_mut() {
                    strip(child);
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(r).unwrap_or_default();
    if let serde_json::Value::Object(map) = &mut v {
        map.remove("file");
    }
    strip(&mut v);
    v
}
