//! The toelichting (explanation) of a wijzigingstabel: a TOML file beside the regelingen
//! with one text per eId, and the checks that keep it in step with the comparison.
//!
//! Keys are eIds of the new version (for a vervallen element: of the old version). A row
//! of the table takes the text of its own eId, else of the nearest enclosing element, so
//! one entry per article can explain all its leden. See `docs/diff.md`.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::tree::Span;

/// eId → text, sorted (deterministic warnings), and the line each key stands on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Toelichting(pub BTreeMap<String, String>, pub BTreeMap<String, u32>);

/// Reads the file; an error is D003 with the line TOML reports.
pub fn parse(file: &str, text: &str) -> Result<Toelichting, Box<Diagnostic>> {
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| toml_error(file, text, &e, ""))?;
    let mut out = BTreeMap::new();
    for (key, value) in table {
        match value {
            toml::Value::String(s) => {
                out.insert(key, s.trim().to_string());
            }
            _ => {
                return Err(Box::new(
                    Diagnostic::new("D003", format!("de toelichting bij {key} is geen tekst"))
                        .at(file, Span::default()),
                ));
            }
        }
    }
    // The line of each key, for D002 (TOML keeps no positions in a plain table).
    let mut lines = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let key = line
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        if out.contains_key(key) {
            lines.entry(key.to_string()).or_insert(i as u32 + 1);
        }
    }
    Ok(Toelichting(out, lines))
}

/// A TOML error as D003 at the line and column TOML reports; `what` names the file's
/// role in the message.
pub(crate) fn toml_error(
    file: &str,
    text: &str,
    e: &toml::de::Error,
    what: &str,
) -> Box<Diagnostic> {
    let (line, column) = e
        .span()
        .map(|s| {
            let before = &text[..s.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line as u32, column as u32)
        })
        .unwrap_or((1, 1));
    Box::new(
        Diagnostic::new("D003", format!("{what}geen geldige TOML: {}", e.message())).at(
            file,
            Span {
                line,
                column,
                start: 0,
                end: 0,
            },
        ),
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
            let line = t.1.get(key).copied().unwrap_or(1);
            out.push(
                Diagnostic::new(
                    "D002",
                    format!("de toelichting bij {key}: dit element {why}"),
                )
                .at(
                    file,
                    Span {
                        line,
                        column: 1,
                        start: 0,
                        end: 0,
                    },
                )
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
