//! Reading the text form of a wijzigingsbesluit (what `besluit.txt` writes): a metadata
//! block, the title, `ARTIKEL I` with lettered onderdelen, each a sentence or an intro
//! with numbered sentences, quoted new text indented by four spaces, and `ARTIKEL II`.
//! See `docs/besluit.md`.

use super::sentence::{self, Addr, Sentence};
use crate::diagnostic::Diagnostic;
use crate::tree::Span;

/// One instruction with where it stands.
#[derive(Debug, Clone)]
pub struct Step {
    /// `A`, `B`, ...
    pub letter: String,
    /// Line and byte offset of the sentence.
    pub line: u32,
    pub start: u32,
    pub sentence: Sentence,
    /// The element the onderdeel's intro names, if any.
    pub context: Option<Addr>,
    /// The quoted new text (unindented) and the line its first line stands on.
    pub block: Option<(u32, String)>,
}

/// A besluit read from text.
#[derive(Debug, Clone, Default)]
pub struct Text {
    pub regeling: Option<String>,
    /// Where the `regeling:` line stands (for a finding about the name).
    pub regeling_at: Option<Span>,
    /// `nieuw.<key>` metadata: key, value.
    pub metadata: Vec<(String, String)>,
    pub steps: Vec<Step>,
}

fn span(line: u32, start: usize, len: usize) -> Span {
    Span {
        line,
        column: 1,
        start: start as u32,
        end: (start + len) as u32,
    }
}

/// An onderdeel letter line (`A`, `ZZ`, `AAAAA`): the sequence [`super::letter`] writes.
fn is_letter(line: &str) -> bool {
    super::letter_index(line).is_some()
}

/// `1. ` at the start of a line: the number and the rest.
fn numbered(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    line[digits..].strip_prefix(". ")
}

/// Reads the text; every problem is a located diagnostic (nothing is applied if any).
pub fn read(file: &str, source: &str) -> (Text, Vec<Diagnostic>) {
    let mut out = Text::default();
    let mut diags = Vec::new();
    let lines: Vec<(usize, &str)> = {
        let mut offset = 0;
        source
            .split_inclusive('\n')
            .map(|l| {
                let start = offset;
                offset += l.len();
                (start, l.trim_end_matches(['\n', '\r']))
            })
            .collect()
    };
    let mut i = 0;
    // Metadata block.
    if lines.first().map(|l| l.1.trim()) == Some("---") {
        i = 1;
        while i < lines.len() && lines[i].1.trim() != "---" {
            let (start, line) = lines[i];
            match line.split_once(':') {
                Some((k, v)) => {
                    let (k, v) = (k.trim(), v.trim().to_string());
                    if k == "regeling" {
                        out.regeling = Some(v);
                        out.regeling_at = Some(span(i as u32 + 1, start, line.len()));
                    } else if let Some(key) = k
                        .strip_prefix("nieuw.")
                        .filter(|key| super::apply::is_metadata_key(key))
                    {
                        out.metadata.push((key.to_string(), v));
                    } else {
                        // A misspelt key would otherwise be dropped without a word.
                        diags.push(
                            Diagnostic::new(
                                "A004",
                                format!("onbekende metadataregel `{k}` in het besluit"),
                            )
                            .at(file, span(i as u32 + 1, start, line.len()))
                            .note(
                                "het besluit kent `regeling:` en `nieuw.<sleutel>:` met een \
                                 sleutel van de regeling, zoals `nieuw.citeertitel:`",
                            ),
                        );
                    }
                }
                None => diags.push(
                    Diagnostic::new("A004", "metadataregel zonder dubbele punt")
                        .at(file, span(i as u32 + 1, start, line.len())),
                ),
            }
            i += 1;
        }
        i += 1;
    }
    // Up to ARTIKEL I.
    while i < lines.len() && lines[i].1.trim() != "ARTIKEL I" {
        i += 1;
    }
    if i >= lines.len() {
        diags.push(
            Diagnostic::new(
                "A004",
                "geen ARTIKEL I: er staan geen wijzigingen in dit besluit",
            )
            .at(file, span(1, 0, 0)),
        );
        return (out, diags);
    }
    i += 1;
    let mut letter: Option<String> = None;
    let mut context: Option<Addr> = None;
    let mut in_intro_list = false;
    while i < lines.len() {
        let (start, raw) = lines[i];
        let line_no = i as u32 + 1;
        let line = raw.trim_end();
        if line.trim() == "ARTIKEL II" {
            break;
        }
        if line.is_empty() {
            i += 1;
            continue;
        }
        if line.starts_with("    ") {
            diags.push(
                Diagnostic::new(
                    "A003",
                    "ingesprongen tekst zonder opdracht die haar aankondigt",
                )
                .at(file, span(line_no, start, line.len())),
            );
            i += 1;
            continue;
        }
        if is_letter(line) {
            letter = Some(line.to_string());
            context = None;
            in_intro_list = false;
            i += 1;
            continue;
        }
        // A sentence: the wijzigingsformule before the first letter is not an instruction;
        // the integral form's one sentence stands there without a letter.
        let integral = || {
            matches!(sentence::parse(line), Ok(Sentence::Whole(a))
                if a == Addr::special(sentence::Special::Regeling))
        };
        let Some(current) = letter.clone().or_else(|| integral().then(String::new)) else {
            i += 1;
            continue;
        };
        let (text, is_numbered) = match numbered(line) {
            Some(rest) => (rest, true),
            None => (line, false),
        };
        if is_numbered && !in_intro_list {
            diags.push(
                Diagnostic::new(
                    "A004",
                    "genummerde opdracht zonder inleidende zin (\"Artikel 9 wordt als volgt gewijzigd:\")",
                )
                .at(file, span(line_no, start, line.len())),
            );
        }
        i += 1;
        let parsed = match sentence::parse(text) {
            Ok(s) => s,
            Err((_, message)) => {
                diags.push(
                    Diagnostic::new("A001", message)
                        .at(file, span(line_no, start, line.len()))
                        .note(format!("gelezen: {text}")),
                );
                continue;
            }
        };
        if let Sentence::Intro(a) = &parsed {
            context = Some(a.clone());
            in_intro_list = true;
            continue;
        }
        if !is_numbered {
            // A lone instruction after a letter ends any intro list.
            in_intro_list = false;
            context = None;
        }
        // The quoted text: indented lines (blank lines inside it belong to it).
        let mut block: Option<(u32, String)> = None;
        if parsed.wants_block() {
            let mut j = i;
            while j < lines.len() && lines[j].1.trim().is_empty() {
                j += 1;
            }
            let first = j;
            let mut end = j;
            while j < lines.len() {
                let l = lines[j].1;
                if l.starts_with("    ") {
                    end = j + 1;
                } else if !l.trim().is_empty() {
                    break;
                }
                j += 1;
            }
            if end > first {
                let text: Vec<&str> = lines[first..end]
                    .iter()
                    .map(|(_, l)| l.get(4..).unwrap_or(""))
                    .collect();
                block = Some((first as u32 + 1, text.join("\n") + "\n"));
                i = end;
            } else {
                diags.push(
                    Diagnostic::new(
                        "A003",
                        "de nieuwe tekst ontbreekt: zet haar ingesprongen onder de opdracht",
                    )
                    .at(file, span(line_no, start, line.len())),
                );
            }
        }
        out.steps.push(Step {
            letter: current,
            line: line_no,
            start: start as u32,
            sentence: parsed,
            context: if is_numbered { context.clone() } else { None },
            block,
        });
    }
    (out, diags)
}
