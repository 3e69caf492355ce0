//! The findings about resolved references (R001-R007) and the Ar 3.29 form of a
//! citation with its machine fix.

use crate::diagnostic::{Diagnostic, Fix};
use crate::tree::reference::*;
use crate::tree::*;

use super::*;

/// A finding placed at the reference it is about.
fn located(r: &Regeling, res: &Resolution, d: Diagnostic) -> Diagnostic {
    d.at(&r.file, res.reference.span)
        .node(res.from)
        .target(&res.reference.text)
}

/// R001: a reference to something that does not exist.
fn missing_target(cited: &str, reason: &str) -> Diagnostic {
    Diagnostic::new("R001", format!("verwijzing naar {cited}, maar {reason}"))
}

/// The R001 findings of `check`, in its order, from `resolutions` (`resolve(r)`): the
/// diff resolves both versions for its stale references, and the besluit's B001 reads
/// these findings from the comparison instead of resolving the references again.
pub fn missing(r: &Regeling, resolutions: &[Resolution]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for res in resolutions {
        for t in &res.targets {
            if let Target::Missing { cited, reason } = t {
                diags.push(located(r, res, missing_target(cited, reason)));
            }
        }
    }
    diags
}

/// The findings about references.
pub fn check(r: &Regeling) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for res in resolve(r) {
        let reference = &res.reference;
        let at = |d: Diagnostic| located(r, &res, d);
        for t in &res.targets {
            match t {
                Target::Missing { cited, reason } => diags.push(at(missing_target(cited, reason))),
                Target::Ambiguous { cited, eids } => diags.push(at(Diagnostic::new(
                    "R003",
                    format!(
                        "verwijzing naar {cited} is dubbelzinnig: dat nummer komt {} keer voor",
                        eids.len()
                    ),
                ))),
                Target::Found { eid, repealed } => {
                    // R002: an absolute or numbered citation of the provision it stands in
                    // ("dit artikel" is the way to do that, and is never reported).
                    let numbered = reference.citations.iter().any(|c| c.relation.is_none());
                    if numbered
                        && (res.from == *eid || res.from.starts_with(&format!("{eid}__")))
                        && res.context.contains(&eid.as_str())
                    {
                        let what = if eid.contains("__para_") && !eid.contains("__list_") {
                            "het lid"
                        } else if eid.contains("__li_") {
                            "het onderdeel"
                        } else {
                            "het artikel"
                        };
                        let instead = if what == "het artikel" {
                            "dit artikel"
                        } else {
                            "dit lid"
                        };
                        diags.push(at(Diagnostic::new(
                            "R002",
                            format!(
                                "de verwijzing \"{}\" wijst naar {what} waarin ze zelf staat",
                                reference.text
                            ),
                        )
                        .note(format!(
                            "bedoelt u een ander {}? Anders: schrijf \"{instead}\"",
                            &what[4..]
                        ))));
                    }
                    if *repealed {
                        diags.push(at(Diagnostic::new(
                            "R007",
                            format!("verwijzing naar {}, dat is vervallen", reference.text),
                        )));
                    }
                }
                Target::External { act } => {
                    // An amended regeling ("Regeling X wordt als volgt gewijzigd") is
                    // not an act grc should know.
                    let amended = act.to_lowercase().contains("regeling");
                    // "de wet" in a text that neither defines it nor has an aanhef naming
                    // it: the act it is made under, which the text does not name; no
                    // name grc fails to know.
                    let unnamed = matches!(act.as_str(), "de wet" | "het besluit" | "de Wet");
                    // An act the metadata links to its BWB id (`wetten:`, written by
                    // `grc import` from the published links) is known.
                    let linked = r.metadata.bwb_of(act).is_some();
                    if !amended && !unnamed && !linked && crate::refs::acts::by_short(act).is_none()
                    {
                        diags.push(at(Diagnostic::new(
                            "R006",
                            format!("verwijzing naar een wet die grc niet kent: \"{act}\""),
                        )
                        .note("de verwijzing wordt als extern gelezen; voeg de wet toe aan src/refs/wetten.toml om haar te herkennen")));
                    }
                }
                Target::Whole { cited, .. } => diags.push(
                    at(Diagnostic::new(
                        "R009",
                        format!(
                            "verwijzing naar {cited}, maar dat artikel heeft geen genummerde leden; \
                             gelezen als verwijzing naar het artikel"
                        ),
                    ))
                    .note("is het artikel tot één lid teruggebracht, laat dan \"eerste lid\" weg"),
                ),
                Target::Unresolved { cited, reason } => diags.push(at(Diagnostic::new(
                    "R008",
                    format!("verwijzing \"{cited}\" niet geplaatst: {reason}"),
                ))),
            }
        }
        for c in &reference.citations {
            if c.doubled {
                diags.push(at(Diagnostic::new(
                    "R004",
                    format!("\"{}\" noemt het lid twee keer", reference.text),
                )));
            }
        }
        if let Some((replacement, why)) = ar_form(reference) {
            diags.push(
                at(Diagnostic::new(
                    "R005",
                    format!(
                        "schrijf \"{replacement}\" in plaats van \"{}\" (Ar 3.29: {why})",
                        reference.text
                    ),
                ))
                .fix(Fix {
                    start: reference.span.start,
                    end: reference.span.end,
                    replacement,
                }),
            );
        }
    }
    diags
}

/// The reference in the form of Aanwijzing 3.29, if it is not already in it, and why.
///
/// The rewrite is a set of small edits inside the reference (a comma inserted, the leden
/// written as ordinals, `sub` made `onder`), so everything else stays as written.
/// `None` when nothing is wrong, or when the citation cannot be rewritten safely (a
/// sentence part, a range, a lid cited twice with two different numbers).
pub fn ar_form(r: &Reference) -> Option<(String, String)> {
    let base = r.span.start;
    let rel = |s: &Span| ((s.start - base) as usize, (s.end - base) as usize);
    let text = r.text.as_str();
    // Edits: byte range in `text` and its replacement.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut why: Vec<&str> = Vec::new();
    for c in &r.citations {
        if c.zin.is_some() || c.leden.iter().any(|n| n.implied) {
            continue;
        }
        let ordinal_form = c.lid_form == Some(LidForm::Ordinal)
            && c.leden.iter().all(|n| n.form == NumeralForm::OrdinalWord);
        if let Some(lid_span) = &c.lid_span
            && (!ordinal_form || c.doubled)
        {
            let values = unique_values(&c.leden);
            if c.doubled && values.len() != 1 {
                return None;
            }
            let words: Vec<String> = values
                .iter()
                .map(|v| crate::tree::reference::ordinal_of(v))
                .collect();
            let mut replacement = format!("{} lid", join_nl(&words));
            let (start, end) = rel(lid_span);
            let mut start = start;
            if c.article.is_none() {
                // A relative citation: "de leden 5 en 6" / "lid 1" become "het ... lid".
                match &c.determiner_span {
                    Some(d) => {
                        let (ds, _) = rel(d);
                        let capital = text[ds..].starts_with(char::is_uppercase);
                        start = ds;
                        replacement =
                            format!("{} {replacement}", if capital { "Het" } else { "het" });
                    }
                    None => replacement = format!("het {replacement}"),
                }
            }
            edits.push((start, end, replacement));
            if c.doubled {
                why.push("het lid één keer noemen");
            }
            if c.leden.iter().any(|n| n.form == NumeralForm::OrdinalDigits) {
                why.push("rangtelwoorden voluit (\"eerste lid\", niet \"1ste lid\")");
            }
            if matches!(c.lid_form, Some(LidForm::Number | LidForm::Leden)) {
                why.push("leden met een rangtelwoord (\"tweede lid\", niet \"lid 2\")");
            }
        }
        if c.no_comma_before_lid
            && let Some(lid_span) = &c.lid_span
        {
            let (start, _) = rel(lid_span);
            let gap = text[..start].len() - text[..start].trim_end().len();
            edits.push((start - gap, start, ", ".into()));
            why.push("een komma tussen artikel, lid en onderdeel");
        }
        if let Some(onder) = &c.onder_span {
            let (start, end) = rel(onder);
            if c.onder_word.as_deref() == Some("sub") {
                edits.push((start, end, "onder".into()));
                why.push("\"onder\", niet \"sub\"");
            }
            if c.no_comma_before_onder {
                let gap = text[..start].len() - text[..start].trim_end().len();
                edits.push((start - gap, start, ", ".into()));
                why.push("een komma tussen artikel, lid en onderdeel");
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, replacement) in edits {
        out.replace_range(start..end, &replacement);
    }
    let mut seen = Vec::new();
    why.retain(|w| {
        let new = !seen.contains(w);
        seen.push(*w);
        new
    });
    (out != text).then(|| (out, why.join("; ")))
}

/// `a`, `a en b`, `a, b en c`.
fn join_nl(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refs::grammar::parse_one;

    fn fixed(text: &str) -> Option<String> {
        ar_form(&parse_one(text).unwrap_or_else(|| panic!("`{text}` is a reference")))
            .map(|(t, _)| t)
    }

    #[test]
    fn ar_329_rewrites() {
        for (written, ar) in [
            ("artikel 15, lid 14", "artikel 15, veertiende lid"),
            (
                "artikel 1, lid 1, onder n",
                "artikel 1, eerste lid, onder n",
            ),
            (
                "artikel 1, eerste lid, sub k",
                "artikel 1, eerste lid, onder k",
            ),
            (
                "artikel 3 lid 1 en lid 2",
                "artikel 3, eerste en tweede lid",
            ),
            ("artikel 4 lid 1 en 2", "artikel 4, eerste en tweede lid"),
            (
                "artikel 9 lid 2, 4, 5, 7 en 11",
                "artikel 9, tweede, vierde, vijfde, zevende en elfde lid",
            ),
            (
                "artikel 9 tweede, vierde en elfde lid",
                "artikel 9, tweede, vierde en elfde lid",
            ),
            ("de leden 5, 6 en 9", "het vijfde, zesde en negende lid"),
            ("het 1ste lid", "het eerste lid"),
            (
                "artikel 1, eerste lid onder a",
                "artikel 1, eerste lid, onder a",
            ),
            ("Artikel 7, lid 4, vierde lid", "Artikel 7, vierde lid"),
            ("lid 1", "het eerste lid"),
            // Local edits keep the shape of a list of articles.
            (
                "artikelen 5, 6, 7, 8, 12, 13 en 15 eerste en tweede lid",
                "artikelen 5, 6, 7, 8, 12, 13 en 15, eerste en tweede lid",
            ),
            (
                "artikelen 14 en 18 zesde lid",
                "artikelen 14 en 18, zesde lid",
            ),
            ("artikel 1 onderdeel c", "artikel 1, onderdeel c"),
            ("De leden 5 en 6", "Het vijfde en zesde lid"),
        ] {
            assert_eq!(fixed(written).as_deref(), Some(ar), "{written}");
        }
    }

    #[test]
    fn ar_329_forms_are_left_alone() {
        for ok in [
            "artikel 12",
            "artikel 12, eerste lid",
            "artikel 1, eerste lid, onder k",
            "artikelen 7 en 12",
            "het eerste en tweede lid",
            "artikel 9, tweede, vierde en elfde lid",
            "het vorige lid",
            "dit artikel",
            "onder 'd'",
            "het eerste tot en met derde lid",
        ] {
            assert_eq!(fixed(ok), None, "{ok}");
        }
    }
}
