//! The wijzigingsbesluit: the formal amendment that turns the old regeling into the new
//! one, in the wording of the Aanwijzingen voor de regelgeving (Ar 6.6–6.18), and back.
//!
//! - [`generate`]: two trees → a [`Wijzigingsbesluit`] (data: lettered onderdelen with
//!   instruction sentences and the new text they quote). Rendered through the templates
//!   `besluit.txt` (the source `grc apply` reads) and `besluit.md`.
//! - [`text`]: the text form → instructions, with their lines.
//! - [`apply`]: instructions + the old tree → the new tree, or a located error.
//!
//! Invariant (the round trip, tested on the real texts, every fixture pair and random
//! edits): `apply(old, text(render(generate(old, new))))` equals `new`, spans aside.
//! `generate` checks this itself, article by article, and falls back to replacing the
//! whole article ("komt te luiden") where a finer instruction would not reproduce it.

pub mod apply;
pub mod enacted;
pub mod generate;
mod order;
mod rebuild;
pub mod sentence;
pub mod text;

use serde::Serialize;

/// A wijzigingsbesluit as data.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Wijzigingsbesluit {
    /// `Besluit tot wijziging van de ...`
    pub title: String,
    /// The regeling it amends, as cited (its citeertitel or title).
    pub regeling: String,
    /// The aanhef of the besluit itself: who decides, on what ground.
    pub aanhef: Vec<String>,
    /// Metadata of the consolidated `.gr` file that no instruction carries (deelnemers,
    /// version, population file): key and new value, as `nieuw.<key>` in the text form.
    pub metadata: Vec<MetaChange>,
    /// ARTIKEL I, onderdelen A, B, ...; in the integral form one unlettered instruction,
    /// "De regeling komt te luiden als volgt:" with the whole new text.
    pub onderdelen: Vec<Wijziging>,
    /// Whether ARTIKEL I re-enacts the regeling in full (`--vorm integraal`).
    pub integral: bool,
    /// ARTIKEL III: the besluit's own citeertitel.
    pub citation_title: String,
    /// One ondertekening per current deelnemer: its lines ("Aldus eensluidend besloten
    /// door ...", then who signs), placeholders included (see B002).
    pub ondertekening: Vec<Vec<String>>,
    /// ARTIKEL II: the date the besluit takes effect (ISO), if the new version has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<String>,
    /// ARTIKEL II as a sentence: when it takes effect, and the terugwerkende kracht the new
    /// version names (see `generate::frame::artikel_ii`).
    pub artikel_ii: String,
    /// The same date written out (`1 januari 2022`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_into_force_text: Option<String>,
    /// B001: defects of the new text the besluit enacts (see [`enacted`]); B002: the
    /// placeholders of its frame; B003: why it is integral. For the terminal; not part of
    /// the besluit.
    #[serde(skip)]
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetaChange {
    pub key: String,
    pub value: String,
}

/// One lettered onderdeel: a single instruction, or an intro ("Artikel 9 wordt als volgt
/// gewijzigd:") with numbered instructions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wijziging {
    pub letter: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    pub instructions: Vec<Instruction>,
}

/// One instruction: its sentence and, for "komt te luiden:" / "luidende:", the new text
/// (`.gr` source, one element).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instruction {
    pub sentence: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    /// The block's lines (for templates, which indent them).
    pub block_lines: Vec<String>,
    /// The block as a reader sees it (for Markdown): one entry per line of the published
    /// text, a definition joined to its term, markup read as emphasis.
    pub display: Vec<Vec<crate::render::inline::Segment>>,
}

/// The published lines of a quoted `.gr` block: indentation dropped, a `: definition`
/// line joined to its term, a leading `\` escape removed, blank lines skipped.
fn display_lines(block: &str) -> Vec<Vec<crate::render::inline::Segment>> {
    let mut lines: Vec<String> = Vec::new();
    for raw in block.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        if let Some(definition) = line.strip_prefix(": ")
            && let Some(last) = lines.last_mut()
        {
            *last = definition_line(last, definition);
            continue;
        }
        lines.push(line.strip_prefix('\\').unwrap_or(line).to_string());
    }
    lines
        .iter()
        .map(|l| crate::render::inline::segments(l, &[]))
        .collect()
}

/// A term line (`a. De wetten`) and its definition as one published line: the term in
/// italics and a colon before the definition (`a. *De wetten*: De Wet ...`), as a
/// begrippenlijst reads when its two columns become one line.
fn definition_line(term_line: &str, definition: &str) -> String {
    let (label, term) = term_line
        .split_once(' ')
        .filter(|(l, _)| l.len() <= 5 && (l.ends_with('.') || l.ends_with(')')))
        .unwrap_or(("", term_line));
    let term = term.trim();
    let term = if term.starts_with('*') || term.is_empty() {
        term.to_string()
    } else {
        format!("*{term}*")
    };
    let label = if label.is_empty() {
        String::new()
    } else {
        format!("{label} ")
    };
    format!("{label}{term}: {definition}")
}

impl Instruction {
    pub fn new(sentence: impl Into<String>, block: Option<String>) -> Instruction {
        let mut i = Instruction::bare(sentence, block);
        i.lay_out();
        i
    }

    /// The sentence and the quoted text without the lines templates read: what the
    /// generator's round trip needs of a besluit it may still discard ([`lay_out`] adds
    /// the rest; reading the quoted text as segments was a tenth of `grc diff --format
    /// besluit`, issue 17).
    ///
    /// [`lay_out`]: Instruction::lay_out
    pub(crate) fn bare(sentence: impl Into<String>, block: Option<String>) -> Instruction {
        Instruction {
            sentence: sentence.into(),
            block,
            block_lines: Vec::new(),
            display: Vec::new(),
        }
    }

    /// Adds the block's lines and its display to a [`bare`](Instruction::bare) one.
    pub(crate) fn lay_out(&mut self) {
        self.block_lines = self
            .block
            .as_deref()
            .map(|b| b.lines().map(str::to_string).collect())
            .unwrap_or_default();
        self.display = self.block.as_deref().map(display_lines).unwrap_or_default();
    }
}

impl Wijzigingsbesluit {
    /// How many instructions it has in all.
    pub fn instruction_count(&self) -> usize {
        self.onderdelen.iter().map(|o| o.instructions.len()).sum()
    }
}

/// `A`, `B`, ... `Z`, `AA`, `BB`, ... `ZZ`, `AAA`, ... (Ar 6.15; after Z the letter is
/// doubled, after ZZ tripled, and so on without end). [`letter_index`] reads it back.
pub fn letter(index: usize) -> String {
    let c = (b'A' + (index % 26) as u8) as char;
    std::iter::repeat_n(c, index / 26 + 1).collect()
}

/// The index of an onderdeel letter [`letter`] writes (`A` → 0, `BB` → 27): one capital
/// repeated, any number of times; `None` for anything else (`AB`, `a`, empty).
pub fn letter_index(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let first = *b.first()?;
    (first.is_ascii_uppercase() && b.iter().all(|c| *c == first))
        .then(|| (b.len() - 1) * 26 + usize::from(first - b'A'))
}

/// A plain number of a sequence: a lid (`3`), an onderdeel letter (`c`) or a
/// subonderdeel (`2°`), as its position (1-based) and kind.
fn position(n: &str) -> Option<(u32, u8)> {
    if let Some(d) = n.strip_suffix('°') {
        return d.parse().ok().filter(|v| *v > 0).map(|v| (v, b'o'));
    }
    if let Ok(v) = n.parse::<u32>() {
        return (v > 0).then_some((v, b'1'));
    }
    let b = n.as_bytes();
    (b.len() == 1 && b[0].is_ascii_lowercase()).then(|| (u32::from(b[0] - b'a') + 1, b'a'))
}

fn at_position(p: u32, kind: u8) -> Option<String> {
    match kind {
        b'o' => Some(format!("{p}°")),
        b'1' => Some(p.to_string()),
        _ => (1..=26)
            .contains(&p)
            .then(|| ((b'a' + (p - 1) as u8) as char).to_string()),
    }
}

/// The numbers from `a` to `b` (`3`..`5` → 3, 4, 5; `c`..`e`), if both are plain and of
/// one kind.
pub fn run(a: &str, b: &str) -> Option<Vec<String>> {
    let (pa, ka) = position(a)?;
    let (pb, kb) = position(b)?;
    if ka != kb || pb < pa {
        return None;
    }
    (pa..=pb).map(|p| at_position(p, ka)).collect()
}

/// The number `delta` places on (`3`, +1 → `4`; `d`, -1 → `c`).
pub fn step(n: &str, delta: i64) -> Option<String> {
    let (p, k) = position(n)?;
    let q = i64::from(p) + delta;
    (q >= 1).then(|| at_position(q as u32, k)).flatten()
}

/// Renders the besluit with `besluit.txt` (the source form), `besluit.md` or
/// `besluit.html`.
pub fn render(
    env: &minijinja::Environment<'_>,
    b: &Wijzigingsbesluit,
    format: &str,
) -> Result<String, String> {
    let text = crate::render::render(env, &format!("besluit.{format}"), b)?;
    Ok(if format == "html" {
        text
    } else {
        crate::render::markdown::tidy(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_reads_as_published() {
        let d = display_lines(
            "   a. Wgr\n      : de *Wet* gemeenschappelijke regelingen;\n\\3. geen lid\n",
        );
        let plain: Vec<String> = d.iter().map(|l| crate::render::inline::plain(l)).collect();
        assert_eq!(
            plain,
            [
                "a. Wgr: de Wet gemeenschappelijke regelingen;",
                "3. geen lid"
            ]
        );
        assert!(d[0].iter().any(|s| s.em && s.text == "Wet"));
        // The term keeps its separator and is set in italics (issue 14).
        assert!(d[0].iter().any(|s| s.em && s.text == "Wgr"));
        assert_eq!(
            definition_line("b. De wetten", "De Wet sociale werkvoorziening"),
            "b. *De wetten*: De Wet sociale werkvoorziening"
        );
        assert_eq!(definition_line("Wgr", "de wet"), "*Wgr*: de wet");
    }

    #[test]
    fn runs_and_steps() {
        assert_eq!(run("3", "5").unwrap(), ["3", "4", "5"]);
        assert_eq!(run("c", "e").unwrap(), ["c", "d", "e"]);
        assert_eq!(run("1°", "2°").unwrap(), ["1°", "2°"]);
        assert_eq!(run("3", "c"), None);
        assert_eq!(run("2a", "3"), None);
        assert_eq!(step("d", -1).as_deref(), Some("c"));
        assert_eq!(step("z", 1), None);
        assert_eq!(step("1", -1), None);
    }

    #[test]
    fn letters_double_after_z() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "BB");
        assert_eq!(letter(52), "AAA");
        assert_eq!(letter(104), "AAAAA");
        for i in (0..5000).chain([123_456]) {
            assert_eq!(letter_index(&letter(i)), Some(i), "{i}");
        }
        for s in ["", "AB", "a", "ARTIKEL", "Á", "AAa"] {
            assert_eq!(letter_index(s), None, "{s}");
        }
    }
}
