//! Instruction sentences as data, their Dutch wording, and reading them back
//! (`grammar/besluit.pest`). The wording lives here only: the generator builds a
//! [`Sentence`] and calls [`Sentence::text`]; `grc apply` calls [`parse`].

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::tree::reference::{ordinal_value, ordinal_word};

#[derive(Parser)]
#[grammar = "../grammar/besluit.pest"]
struct BesluitGrammar;

/// An element of the regeling, as an instruction names it. Parts left out are taken from
/// the onderdeel's intro ("Artikel 9 wordt als volgt gewijzigd:").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Addr {
    pub special: Option<Special>,
    pub hoofdstuk: Option<String>,
    pub artikel: Option<String>,
    pub bijlage: Option<String>,
    /// A lid number (digits).
    pub lid: Option<String>,
    /// An onderdeel letter (`c`, `2°`).
    pub onderdeel: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Regeling,
    Aanhef,
    Slotformulering,
    Toelichting,
}

/// What an insertion inserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Soort {
    Hoofdstuk,
    Artikel,
    Lid,
    Onderdeel,
    Bijlage,
    /// Only added at the end of the regeling (Ar 6.11), never inserted.
    Toelichting,
    /// Only added at the end of the regeling (Ar 6.11), never inserted.
    Slotformulering,
}

impl Soort {
    fn word(self) -> &'static str {
        match self {
            Soort::Hoofdstuk => "hoofdstuk",
            Soort::Artikel => "artikel",
            Soort::Lid => "lid",
            Soort::Onderdeel => "onderdeel",
            Soort::Bijlage => "bijlage",
            Soort::Toelichting => "toelichting",
            Soort::Slotformulering => "slotformulering",
        }
    }
}

/// A run of leden (numbers) or onderdelen (letters) shifted by one: `from` becomes `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shift {
    pub letters: bool,
    pub from: (String, String),
    pub to: (String, String),
}

/// One change of words in a sentence that joins the changes of one element
/// ([`Sentence::Edits`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// `"X" vervangen door "Y"`
    Replace { old: String, new: String },
    /// `na "X" ingevoegd "Y"`: `Y` put after `X`, with a space unless `Y` starts with
    /// punctuation that follows a word directly (see [`Edit::inserted`]).
    InsertAfter { after: String, words: String },
}

impl Edit {
    /// The words that stand where `after` stood once `words` are inserted after them.
    pub fn inserted(after: &str, words: &str) -> String {
        if words.starts_with([',', ';', ':', '.', ')']) {
            format!("{after}{words}")
        } else {
            format!("{after} {words}")
        }
    }

    /// The replacement this edit makes: the words found, and the words they become.
    pub fn as_replacement(&self) -> (String, String) {
        match self {
            Edit::Replace { old, new } => (old.clone(), new.clone()),
            Edit::InsertAfter { after, words } => (after.clone(), Edit::inserted(after, words)),
        }
    }

    fn text(&self) -> String {
        match self {
            Edit::Replace { old, new } => format!("{} vervangen door {}", quote(old), quote(new)),
            Edit::InsertAfter { after, words } => {
                format!("na {} ingevoegd {}", quote(after), quote(words))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sentence {
    /// `Artikel 9 wordt als volgt gewijzigd:`
    Intro(Addr),
    /// `In ... wordt "X" vervangen door "Y".`
    Replace { at: Addr, old: String, new: String },
    /// `In het tweede lid wordt "X" vervangen door "Y" en wordt na "Z" ingevoegd "W".`:
    /// the changes of words in one element joined in one sentence, made in order, each
    /// against the text the ones before it left. Two edits or more, or one insertion (one
    /// replacement alone is [`Sentence::Replace`]).
    Edits { at: Addr, edits: Vec<Edit> },
    /// `In artikel 4 wordt "X" telkens vervangen door "Y".`: every occurrence (a sweep).
    ReplaceEvery { at: Addr, old: String, new: String },
    /// `In de artikelen 3, 5 en 7 wordt "X" telkens vervangen door "Y".`: every occurrence
    /// in each of two or more articles (a sweep across articles), named by number.
    ReplaceEveryIn {
        artikelen: Vec<String>,
        old: String,
        new: String,
    },
    /// `Artikel 21 wordt vernummerd tot artikel 22.`
    Renumber { at: Addr, to: String },
    /// `Het opschrift van ... komt te luiden:`
    Heading(Addr),
    /// `... komt te luiden:`
    Whole(Addr),
    /// `... vervalt.` (`, onder vernummering van ...`)
    Repeal { at: Addr, shift: Option<Shift> },
    /// `Het derde tot en met vijfde lid vervallen.`: a run of consecutive leden (or
    /// onderdelen) repealed together, without renumbering. `at` names the first of the
    /// run (its lid, or its onderdeel), `last` the number or letter of the last.
    RepealRun { at: Addr, last: String },
    /// `Na ... wordt een artikel ingevoegd, luidende:` (`after`: na; else voor).
    Insert { after: bool, at: Addr, what: Soort },
    /// `Onder vernummering van ... wordt (in ...) een lid ingevoegd, luidende:`
    InsertShifting {
        shift: Shift,
        within: Option<Addr>,
        what: Soort,
    },
    /// `Aan ... wordt een ... toegevoegd, luidende:`
    Append { to: Addr, what: Soort },
    /// `Aan artikel 9 worden twee leden toegevoegd, luidende:`: several new last leden
    /// (Ar 6.11), quoted together in order.
    AppendLeden { to: Addr, count: u32 },
}

/// Quoted words: between double quotes, or between single quotes when they hold a
/// double quote themselves (a nested quotation takes the other quote character).
pub fn quote(words: &str) -> String {
    if words.contains('"') {
        format!("'{words}'")
    } else {
        format!("\"{words}\"")
    }
}

/// Whether [`quote`] can quote the words so that they read back as they are: not both
/// quote characters, and no text that looks like the middle of the sentence.
pub fn quotable(words: &str) -> bool {
    let both = words.contains('"') && words.contains('\'');
    !both && !words.contains(" vervangen door ")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn lid_word(n: &str) -> String {
    n.parse::<u32>()
        .map_or_else(|_| n.to_string(), ordinal_word)
}

impl Addr {
    pub fn artikel(n: &str) -> Addr {
        Addr {
            artikel: Some(n.to_string()),
            ..Addr::default()
        }
    }

    pub fn hoofdstuk(n: &str) -> Addr {
        Addr {
            hoofdstuk: Some(n.to_string()),
            ..Addr::default()
        }
    }

    pub fn special(s: Special) -> Addr {
        Addr {
            special: Some(s),
            ..Addr::default()
        }
    }

    /// How many steps the address has (a comma follows a multi-step address).
    fn steps(&self) -> usize {
        [
            self.special.is_some(),
            self.hoofdstuk.is_some(),
            self.artikel.is_some(),
            self.bijlage.is_some(),
            self.lid.is_some(),
            self.onderdeel.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count()
    }

    /// `artikel 9, zesde lid, onderdeel c`; `het zesde lid` without an article.
    pub fn text(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(s) = self.special {
            parts.push(
                match s {
                    Special::Regeling => "de regeling",
                    Special::Aanhef => "de aanhef",
                    Special::Slotformulering => "de slotformulering",
                    Special::Toelichting => "de toelichting",
                }
                .into(),
            );
        }
        if let Some(h) = &self.hoofdstuk {
            parts.push(format!("hoofdstuk {h}"));
        }
        if let Some(b) = &self.bijlage {
            parts.push(format!("bijlage {b}"));
        }
        if let Some(a) = &self.artikel {
            parts.push(format!("artikel {a}"));
        }
        if let Some(l) = &self.lid {
            if parts.is_empty() {
                parts.push(format!("het {} lid", lid_word(l)));
            } else {
                parts.push(format!("{} lid", lid_word(l)));
            }
        }
        if let Some(o) = &self.onderdeel {
            parts.push(format!("onderdeel {o}"));
        }
        parts.join(", ")
    }

    /// The address followed by the comma that closes a multi-step address.
    fn text_before_verb(&self) -> String {
        if self.steps() > 1 {
            format!("{},", self.text())
        } else {
            self.text()
        }
    }
}

fn run_text(letters: bool, which: &(String, String)) -> String {
    let (a, b) = which;
    // Two numbers are joined with "en", more with "tot en met" (Ar 6.18).
    let two = super::run(a, b).is_some_and(|r| r.len() == 2);
    let join = if two { "en" } else { "tot en met" };
    if letters {
        if a == b {
            format!("onderdeel {a}")
        } else {
            format!("onderdelen {a} {join} {b}")
        }
    } else if a == b {
        format!("{} lid", lid_word(a))
    } else {
        format!("{} {join} {} lid", lid_word(a), lid_word(b))
    }
}

impl Shift {
    fn text(&self) -> String {
        let article = if self.letters { "" } else { "het " };
        format!(
            "{} van {article}{} tot {}",
            if self.letters {
                "verlettering"
            } else {
                "vernummering"
            },
            run_text(self.letters, &self.from),
            run_text(self.letters, &self.to)
        )
    }
}

/// How many, as a drafter writes it: words up to twelve, digits beyond.
const COUNTS: [&str; 11] = [
    "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
];

fn count_word(n: u32) -> String {
    n.checked_sub(2)
        .and_then(|i| COUNTS.get(i as usize))
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

fn count_value(word: &str) -> Option<u32> {
    COUNTS
        .iter()
        .position(|w| *w == word)
        .map(|i| i as u32 + 2)
        .or_else(|| word.parse().ok())
        .filter(|n| *n >= 2)
}

/// `Het derde en vierde lid vervallen.`, `Onderdelen c tot en met e vervallen.`,
/// `Artikel 9, derde en vierde lid, vervallen.`: the address above the run, then the run
/// as the Ar 6.18 renumbering sentence names it, with the plural verb.
fn repeal_run_text(at: &Addr, last: &str) -> String {
    let mut above = at.clone();
    let letters = above.onderdeel.is_some();
    let first = if letters {
        above.onderdeel.take()
    } else {
        above.lid.take()
    }
    .unwrap_or_default();
    let run = run_text(letters, &(first, last.to_string()));
    if above.steps() > 0 {
        format!("{}, {run}, vervallen.", capitalise(&above.text()))
    } else if letters {
        format!("{} vervallen.", capitalise(&run))
    } else {
        format!("Het {run} vervallen.")
    }
}

impl Sentence {
    /// The sentence as a drafter writes it.
    pub fn text(&self) -> String {
        match self {
            Sentence::Intro(a) => format!("{} wordt als volgt gewijzigd:", capitalise(&a.text())),
            Sentence::Replace { at, old, new } => format!(
                "In {} wordt {} vervangen door {}.",
                at.text_before_verb(),
                quote(old),
                quote(new)
            ),
            Sentence::Edits { at, edits } => format!(
                "In {} wordt {}.",
                at.text_before_verb(),
                edits
                    .iter()
                    .map(Edit::text)
                    .collect::<Vec<_>>()
                    .join(" en wordt ")
            ),
            Sentence::ReplaceEvery { at, old, new } => format!(
                "In {} wordt {} telkens vervangen door {}.",
                at.text_before_verb(),
                quote(old),
                quote(new)
            ),
            Sentence::ReplaceEveryIn {
                artikelen,
                old,
                new,
            } => format!(
                "In de artikelen {} wordt {} telkens vervangen door {}.",
                crate::nl::list(artikelen),
                quote(old),
                quote(new)
            ),
            Sentence::Renumber { at, to } => {
                format!(
                    "{} wordt vernummerd tot artikel {to}.",
                    capitalise(&at.text())
                )
            }
            Sentence::Heading(a) => format!("Het opschrift van {} komt te luiden:", a.text()),
            // Ar 6.2 practice for the integrale tekst.
            Sentence::Whole(a) if *a == Addr::special(Special::Regeling) => {
                "De regeling komt te luiden als volgt:".to_string()
            }
            Sentence::Whole(a) => format!("{} komt te luiden:", capitalise(&a.text_before_verb())),
            Sentence::Repeal { at, shift: None } => {
                format!("{} vervalt.", capitalise(&at.text_before_verb()))
            }
            Sentence::Repeal { at, shift: Some(s) } => format!(
                "{} vervalt, onder {}.",
                capitalise(&at.text_before_verb()),
                s.text()
            ),
            Sentence::RepealRun { at, last } => repeal_run_text(at, last),
            Sentence::AppendLeden { to, count } => format!(
                "Aan {} worden {} leden toegevoegd, luidende:",
                to.text(),
                count_word(*count)
            ),
            Sentence::Insert { after, at, what } => format!(
                "{} {} wordt een {} ingevoegd, luidende:",
                if *after { "Na" } else { "Voor" },
                at.text_before_verb(),
                what.word()
            ),
            Sentence::InsertShifting {
                shift,
                within,
                what,
            } => format!(
                "Onder {} wordt{} een {} ingevoegd, luidende:",
                shift.text(),
                within
                    .as_ref()
                    .map(|w| format!(" in {}", w.text()))
                    .unwrap_or_default(),
                what.word()
            ),
            Sentence::Append { to, what } => format!(
                "Aan {} wordt een {} toegevoegd, luidende:",
                to.text(),
                what.word()
            ),
        }
    }

    /// Whether the sentence quotes new text after it (`komt te luiden:`, `luidende:`).
    pub fn wants_block(&self) -> bool {
        matches!(
            self,
            Sentence::Heading(_)
                | Sentence::Whole(_)
                | Sentence::Insert { .. }
                | Sentence::InsertShifting { .. }
                | Sentence::Append { .. }
                | Sentence::AppendLeden { .. }
        )
    }
}

// Reading a sentence back lives beside the wording (the grammar's pairs to data).
#[path = "sentence_read.rs"]
mod read;
pub use read::parse;

#[cfg(test)]
#[path = "sentence_tests.rs"]
mod tests;
