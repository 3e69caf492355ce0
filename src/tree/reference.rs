//! References (verwijzingen) as data in the tree: what a piece of running text cites,
//! with every number in it located, so a check can resolve it, a fixer can rewrite it in
//! the form of the Aanwijzingen (Ar 3.29), and a renumbering can change exactly its digits.
//! Filled in by `refs::extract`; resolved by `check::references`.

use serde::{Deserialize, Serialize};

use super::Span;

/// A reference found in an alinea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Reference {
    /// The words of the reference in the source (`artikel 1, eerste lid, onder k`),
    /// without the act (`van de Wgr`).
    pub span: Span,
    pub text: String,
    pub kind: RefKind,
    /// For an external reference: the act's short name (`Wgr`, `Gemeentewet`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act: Option<String>,
    /// The words naming the act, when written (`van de Wgr`, `Gemeentewet`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act_text: Option<String>,
    pub citations: Vec<Citation>,
}

/// What a reference points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    /// An article of this regeling: `artikel 12, eerste lid`.
    Internal,
    /// A provision found from where the reference stands: `het vorige lid`, `dit artikel`.
    Relative,
    /// Another act: `artikel 20 van de Wgr`.
    External,
    /// A provision grc cannot place: not an article of this regeling's body, and no act
    /// it can name (`artikel 3 van de bijlage`, `het eerste lid van dat artikel` with no
    /// article before it). Never resolved against the regeling.
    Unresolved,
}

/// One cited provision: an article (or none, for relative references) with its leden,
/// onderdelen and subonderdelen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Citation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<Numeral>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leden: Vec<Numeral>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub onderdelen: Vec<Numeral>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subonderdelen: Vec<Numeral>,
    /// How the leden are written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lid_form: Option<LidForm>,
    /// The word before the onderdelen as written: `onder`, `sub`, `onderdeel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onder_word: Option<String>,
    /// The leden are given twice: `artikel 7, lid 4, vierde lid`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub doubled: bool,
    /// No comma between the article number and its leden (`artikel 9 tweede lid`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_comma_before_lid: bool,
    /// No comma before the onderdelen (`artikel 1, eerste lid onder a`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_comma_before_onder: bool,
    /// Where the leden are written (`lid 2, 4 en 11`; both parts if doubled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lid_span: Option<Span>,
    /// Where the word before the onderdelen is (`sub`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onder_span: Option<Span>,
    /// Where a leading `de`/`het` is (`de leden 5 en 6`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub determiner_span: Option<Span>,
    /// A sentence of the lid (`tweede zin`): recorded, not resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zin: Option<String>,
}

/// A reference to the provision it stands in, or to a neighbour of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// `dit artikel`
    ThisArticle,
    /// `dit lid`, `dit artikellid`
    ThisLid,
    /// `dit onderdeel`
    ThisItem,
    /// `het vorige lid`, `het voorgaande lid`
    PreviousLid,
    /// `het volgende lid`
    NextLid,
}

/// How leden are written in a citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LidForm {
    /// `eerste lid`, `tweede en derde lid` (Ar 3.29).
    Ordinal,
    /// `lid 2`, `lid 1 en lid 2`.
    Number,
    /// `leden 5, 6 en 9`.
    Leden,
}

/// A number inside a reference, where it stands and how it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Numeral {
    /// Normalised: `14` for `veertiende`, `k` for `'k'`, `1` for `1°`.
    pub value: String,
    pub span: Span,
    pub form: NumeralForm,
    /// Not written but implied by a range (`eerste tot en met derde lid` implies the
    /// second); its span is that of the range's end.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub implied: bool,
}

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NumeralForm {
    /// `12`, `20a`
    Digits,
    /// `veertiende`
    OrdinalWord,
    /// `1ste`, `2de`
    OrdinalDigits,
    /// `k`
    Letter,
    /// `'d'`
    QuotedLetter,
    /// `1°`
    Degree,
}

/// `eerste` .. `dertigste`, index 0 is unused.
pub const ORDINALS: [&str; 31] = [
    "",
    "eerste",
    "tweede",
    "derde",
    "vierde",
    "vijfde",
    "zesde",
    "zevende",
    "achtste",
    "negende",
    "tiende",
    "elfde",
    "twaalfde",
    "dertiende",
    "veertiende",
    "vijftiende",
    "zestiende",
    "zeventiende",
    "achttiende",
    "negentiende",
    "twintigste",
    "eenentwintigste",
    "tweeëntwintigste",
    "drieëntwintigste",
    "vierentwintigste",
    "vijfentwintigste",
    "zesentwintigste",
    "zevenentwintigste",
    "achtentwintigste",
    "negenentwintigste",
    "dertigste",
];

/// `veertiende` → 14.
pub fn ordinal_value(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    ORDINALS
        .iter()
        .position(|o| !o.is_empty() && *o == w)
        .map(|i| i as u32)
}

/// 14 → `veertiende`; numbers past thirty keep their digits (`31e`).
/// A lid number as an ordinal word (`6` → `zesde`); a number that is not a plain
/// integer stays as written (`2a`).
pub fn ordinal_of(number: &str) -> String {
    number.parse().map_or(number.to_string(), ordinal_word)
}

pub fn ordinal_word(n: u32) -> String {
    ORDINALS
        .get(n as usize)
        .filter(|w| !w.is_empty())
        .map(|w| w.to_string())
        .unwrap_or_else(|| format!("{n}e"))
}

impl Numeral {
    /// The number written in `form`, keeping the original's capital and quotes.
    pub fn render(value: &str, form: NumeralForm, like: &str) -> String {
        let capital = like.chars().next().is_some_and(char::is_uppercase);
        let out = match form {
            NumeralForm::Digits | NumeralForm::Letter => value.to_string(),
            NumeralForm::QuotedLetter => {
                let (open, close) = if like.starts_with('‘') {
                    ('‘', '’')
                } else {
                    ('\'', '\'')
                };
                format!("{open}{value}{close}")
            }
            NumeralForm::Degree => format!("{value}°"),
            NumeralForm::OrdinalWord => ordinal_of(value),
            NumeralForm::OrdinalDigits => {
                let n: u32 = value.parse().unwrap_or(0);
                // `1ste`, `2de`, `8ste`, `20ste`; or the short `3e` if the original used it.
                let short = like.trim_start_matches(|c: char| c.is_ascii_digit()) == "e";
                let suffix = if short {
                    "e"
                } else if n == 1 || n == 8 || n >= 20 {
                    "ste"
                } else {
                    "de"
                };
                format!("{n}{suffix}")
            }
        };
        if capital {
            let mut c = out.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => out,
            }
        } else {
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_both_ways() {
        assert_eq!(ordinal_value("Veertiende"), Some(14));
        assert_eq!(ordinal_value("tweeëntwintigste"), Some(22));
        assert_eq!(ordinal_value("lid"), None);
        assert_eq!(ordinal_word(1), "eerste");
        assert_eq!(ordinal_word(31), "31e");
    }

    #[test]
    fn render_keeps_the_form() {
        assert_eq!(
            Numeral::render("3", NumeralForm::OrdinalWord, "tweede"),
            "derde"
        );
        assert_eq!(
            Numeral::render("3", NumeralForm::OrdinalWord, "Tweede"),
            "Derde"
        );
        assert_eq!(
            Numeral::render("2", NumeralForm::OrdinalDigits, "1ste"),
            "2de"
        );
        assert_eq!(
            Numeral::render("8", NumeralForm::OrdinalDigits, "7de"),
            "8ste"
        );
        assert_eq!(Numeral::render("4", NumeralForm::OrdinalDigits, "3e"), "4e");
        assert_eq!(
            Numeral::render("e", NumeralForm::QuotedLetter, "'d'"),
            "'e'"
        );
        assert_eq!(Numeral::render("2", NumeralForm::Degree, "1°"), "2°");
    }
}
