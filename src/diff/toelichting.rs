//! The toelichting (explanation) of a wijzigingstabel: a TOML file beside the regelingen
//! with one text per eId, and the checks that keep it in step with the comparison.
//!
//! Keys are eIds of the new version (for a vervallen element: of the old version). A row
//! of the table takes the text of its own eId, else of the nearest enclosing element, so
//! one entry per article can explain all its leden. See `docs/diff.md`.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::tree::Span;

/// eId → text, sorted (deterministic warnings), and where each key stands in the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Toelichting(pub BTreeMap<String, String>, pub BTreeMap<String, Span>);

/// Reads the file; an error is D003 at the place TOML reports (a value that is not text:
/// at its key).
pub fn parse(file: &str, text: &str) -> Result<Toelichting, Box<Diagnostic>> {
    let table = toml::de::DeTable::parse(text)
        .map_err(|e: toml::de::Error| toml_error(file, text, &e, ""))?;
    let mut out = BTreeMap::new();
    let mut keys = BTreeMap::new();
    for (key, value) in table.get_ref() {
        let at = span_of(text, key.span());
        let Some(s) = value.get_ref().as_str() else {
            return Err(Box::new(
                Diagnostic::new(
                    "D003",
                    format!("de toelichting bij {} is geen tekst", key.get_ref()),
                )
                .at(file, at),
            ));
        };
        out.insert(key.get_ref().to_string(), s.trim().to_string());
        keys.insert(key.get_ref().to_string(), at);
    }
    Ok(Toelichting(out, keys))
}

/// A byte range of `text` as a span: line and column (in characters) of its start.
fn span_of(text: &str, range: std::ops::Range<usize>) -> Span {
    let start = floor_char_boundary(text, range.start);
    let end = floor_char_boundary(text, range.end.max(start));
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Span {
        line: line as u32,
        column: column as u32,
        start: start as u32,
        end: end as u32,
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A TOML error as D003 at the line and column TOML reports; `what` names the file's
/// role in the message.
pub(crate) fn toml_error(
    file: &str,
    text: &str,
    e: &toml::de::Error,
    what: &str,
) -> Box<Diagnostic> {
    let at = e.span().map(|s| span_of(text, s)).unwrap_or(Span {
        line: 1,
        column: 1,
        start: 0,
        end: 0,
    });
    Box::new(
        Diagnostic::new("D003", format!("{what}geen geldige TOML: {}", e.message())).at(file, at),
    )
}

impl Toelichting {
    /// The text for an element: its own, else its nearest ancestor's; and the key used.
    pub fn lookup(&self, eid: &str) -> Option<(&str, &str)> {
        let mut cut = eid;
        loop {
            if let Some((k, v)) = self.0.get_key_value(cut) {
                return Some((k.as_str(), v.as_str()));
            }
            cut = &cut[..cut.rfind("__")?];
        }
    }
}

/// A changed element for the check: eId, label, what happened (Dutch), and where it is.
pub struct Changed<'a> {
    pub eid: &'a str,
    pub label: &'a str,
    pub kind: &'a str,
    pub at: Option<(String, Span)>,
}

/// D001 for every row without a text (at the element), D002 for every text no row uses
/// (at its line in the toelichting file).
pub fn check(
    t: &Toelichting,
    file: &str,
    rows: &[Changed<'_>],
    is_known: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut used = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for row in rows {
        match t.lookup(row.eid) {
            Some((key, _)) => {
                used.insert(key.to_string());
            }
            None => {
                let (f, span) = row
                    .at
                    .clone()
                    .unwrap_or((file.to_string(), Span::default()));
                out.push(
                    Diagnostic::new(
                        "D001",
                        format!("{} is {} maar heeft geen toelichting", row.label, row.kind),
                    )
                    .at(&f, span)
                    .node(row.eid),
                );
            }
        }
    }
    for key in t.0.keys() {
        if !used.contains(key) {
            let why = if is_known(key) {
                "is niet gewijzigd"
            } else {
                "bestaat in geen van beide versies"
            };
            let at = t.1.get(key).copied().unwrap_or(Span {
                line: 1,
                column: 1,
                start: 0,
                end: 0,
            });
            out.push(
                Diagnostic::new(
                    "D002",
                    format!("de toelichting bij {key}: dit element {why}"),
                )
                .at(file, at)
                .node(key),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_falls_back_to_the_enclosing_element() {
        let t = parse("t.toml", "chp_1__art_4 = \"Taken uitgebreid.\"\n").unwrap();
        assert_eq!(
            t.lookup("chp_1__art_4__para_3").map(|x| x.1),
            Some("Taken uitgebreid.")
        );
        assert_eq!(t.lookup("chp_1__art_5"), None);
    }

    #[test]
    fn bad_toml_is_located() {
        let e = parse("t.toml", "a = \"x\"\nb = \n").unwrap_err();
        assert_eq!(e.code, "D003");
        assert_eq!(e.line, 2);
        // The byte range is on that line too (the report quotes the range).
        assert!(e.start >= 8, "{e:?}");
    }

    #[test]
    fn every_key_is_located_at_its_own_line_and_column() {
        let text = "# Toelichting\n\nchp_1__art_1 = \"x\"\n  \"chp_1__art_9\" = \"\"\"\nlang\n\"\"\"\nchp_2__art_3 = 'z'\n";
        let t = parse("t.toml", text).unwrap();
        let at = |k: &str| {
            let s = t.1[k];
            (s.line, s.column, &text[s.start as usize..s.end as usize])
        };
        assert_eq!(at("chp_1__art_1"), (3, 1, "chp_1__art_1"));
        assert_eq!(at("chp_1__art_9"), (4, 3, "\"chp_1__art_9\""));
        assert_eq!(at("chp_2__art_3"), (7, 1, "chp_2__art_3"));
        let d = check(&t, "t.toml", &[], &|_| false);
        let lines: Vec<(u32, u32)> = d.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(lines, [(3, 1), (4, 3), (7, 1)]);
        assert!(d.iter().all(|d| d.start > 0 && d.end > d.start));
        // A value that is not text is reported at its key.
        let e = parse("t.toml", "a = \"x\"\nb = 3\n").unwrap_err();
        assert_eq!((e.line, e.column, e.start), (2, 1, 8));
    }

    #[test]
    fn missing_and_unused_texts_are_reported() {
        let t = parse("t.toml", "art_1 = \"x\"\nart_9 = \"y\"\n").unwrap();
        let rows = [
            Changed {
                eid: "art_1__para_2",
                label: "Artikel 1, tweede lid",
                kind: "gewijzigd",
                at: None,
            },
            Changed {
                eid: "art_2",
                label: "Artikel 2",
                kind: "vervallen",
                at: None,
            },
        ];
        let d = check(&t, "t.toml", &rows, &|k| k == "art_9");
        let codes: Vec<(&str, &str)> = d
            .iter()
            .map(|d| (d.code.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(d[1].line, 2);
        assert_eq!(
            codes,
            [
                ("D001", "Artikel 2 is vervallen maar heeft geen toelichting"),
                (
                    "D002",
                    "de toelichting bij art_9: dit element is niet gewijzigd"
                ),
            ]
        );
    }
}
