//! The metadata block: `---`, lines of `sleutel: waarde`, `---`.

use crate::diagnostic::Diagnostic;
use crate::tree::{Metadata, Soort, Span};

use super::grammar;

/// The keys a metadata block may contain, with what they mean (for messages and docs).
pub const KEYS: &[(&str, &str)] = &[
    ("titel", "de titel (het opschrift) van de regeling"),
    ("citeertitel", "de citeertitel"),
    (
        "soort",
        "collegeregeling, raadsregeling, burgemeestersregeling, gemengde regeling of regeling zonder meer",
    ),
    (
        "deelnemers",
        "de deelnemende gemeenten, gescheiden door komma's",
    ),
    (
        "inwerkingtreding",
        "datum van inwerkingtreding, zoals 2022-01-01",
    ),
    (
        "terugwerkende-kracht",
        "datum vóór de inwerkingtreding waarop de versie terugwerkt, zoals 2021-07-01",
    ),
    ("versie", "versie of jaartal"),
    (
        "inwoners",
        "bestand met inwonertallen (CSV), naast het .gr-bestand",
    ),
    ("bron", "waar de tekst vandaan komt"),
    (
        "wetten",
        "aangehaalde wetten met hun BWB-id: `Naam = BWBR0003740; Naam = ...`",
    ),
    (
        "publicatie.toon",
        "welke gegevens de gepubliceerde pagina onder de titel toont: citeertitel, soort, deelnemers, inwerkingtreding, versie",
    ),
    (
        "publicatie.gemeenteblad",
        "waar de regeling is bekendgemaakt, zoals Gemeenteblad 2021, 345678",
    ),
    (
        "publicatie.vastgesteld",
        "datum van vaststelling, zoals 2021-10-05",
    ),
];

/// One line inside the block, as handed over by the parser.
pub struct MetaLine<'a> {
    pub text: &'a str,
    pub span: Span,
}

/// Reads the lines between the fences into [`Metadata`], reporting bad lines.
pub fn read(file: &str, lines: &[MetaLine<'_>], diags: &mut Vec<Diagnostic>) -> Metadata {
    let mut meta = Metadata::default();
    let mut seen: Vec<&str> = Vec::new();
    for line in lines {
        let trimmed = line.text.trim();
        if trimmed.is_empty() || trimmed.starts_with("//") {
            continue;
        }
        let Some((key, value)) = grammar::meta_entry(trimmed) else {
            diags.push(
                Diagnostic::new(
                    "P004",
                    format!("ongeldige metadataregel `{trimmed}`: verwacht `sleutel: waarde`"),
                )
                .at(file, line.span)
                .note("bekende sleutels: ".to_string() + &key_list()),
            );
            continue;
        };
        let key_lc = key.to_lowercase();
        if let Some(first) = seen.iter().find(|k| k.eq_ignore_ascii_case(key)) {
            diags.push(
                Diagnostic::new(
                    "P006",
                    format!("metadatasleutel `{first}` staat er twee keer; de laatste waarde telt"),
                )
                .at(file, line.span),
            );
        }
        seen.push(key);
        // A key with nothing after the colon is a field left open: it reads as absent,
        // as `grc apply` reads an empty `nieuw.` value and as the writer leaves an absent
        // field out, so a text and its written form stay one tree (found by fuzzing).
        if value.trim().is_empty() {
            continue;
        }
        let value = value.to_string();
        match key_lc.as_str() {
            "titel" => meta.title = Some(value),
            "citeertitel" => meta.citation_title = Some(value),
            "soort" => match Soort::from_dutch(&value) {
                Some(k) => meta.kind = Some(k),
                None => diags.push(
                    Diagnostic::new("P008", format!("onbekende soort regeling `{value}`"))
                        .at(file, line.span)
                        .note(
                            "kies uit: collegeregeling, raadsregeling, burgemeestersregeling, \
                             gemengde regeling, regeling zonder meer",
                        ),
                ),
            },
            "deelnemers" => meta.participants = split_participants(&value),
            "publicatie.gemeenteblad" => meta.publication.gazette = Some(value),
            "publicatie.vastgesteld" => {
                meta.publication.adopted = date(&value, file, line.span, diags)
            }
            "publicatie.toon" => {
                let (known, unknown): (Vec<String>, Vec<String>) = value
                    .split(',')
                    .map(|f| f.trim().to_lowercase())
                    .filter(|f| !f.is_empty())
                    .partition(|f| crate::tree::SHOWABLE.contains(&f.as_str()));
                if !unknown.is_empty() {
                    diags.push(
                        Diagnostic::new(
                            "P004",
                            format!(
                                "publicatie.toon kent {} niet; kies uit {}",
                                unknown.join(", "),
                                crate::tree::SHOWABLE.join(", ")
                            ),
                        )
                        .at(file, line.span),
                    );
                }
                meta.publication.show = known;
            }
            "inwerkingtreding" => meta.entry_into_force = date(&value, file, line.span, diags),
            "terugwerkende-kracht" => meta.retroactive_to = date(&value, file, line.span, diags),
            "versie" => meta.version = Some(value),
            "inwoners" => meta.population_file = Some(value),
            "bron" => meta.source = Some(value),
            "wetten" => match split_acts(&value) {
                Some(acts) => meta.acts = acts,
                None => diags.push(
                    Diagnostic::new(
                        "P004",
                        format!("ongeldige metadataregel `{trimmed}`: verwacht `wetten: Naam = BWBR0003740; ...`"),
                    )
                    .at(file, line.span),
                ),
            },
            _ => diags.push(
                Diagnostic::new("P005", format!("onbekende metadatasleutel `{key}`"))
                    .at(file, line.span)
                    .note("bekende sleutels: ".to_string() + &key_list()),
            ),
        }
    }
    meta
}

/// A date value as ISO, or P007 at its line.
fn date(value: &str, file: &str, span: Span, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let iso = parse_date(value);
    if iso.is_none() {
        diags.push(
            Diagnostic::new(
                "P007",
                format!(
                    "datum `{value}` niet herkend; schrijf bijvoorbeeld 2022-01-01 of 1 januari 2022"
                ),
            )
            .at(file, span),
        );
    }
    iso
}

/// `Wgr = BWBR0003740; Archiefwet 1995 = BWBR0007376` → the pairs; `None` when an entry
/// has no `=` or an id that is not a BWB id.
pub fn split_acts(value: &str) -> Option<Vec<crate::tree::ActLink>> {
    value
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|entry| {
            let (name, bwb) = entry.rsplit_once('=')?;
            let (name, bwb) = (name.trim(), bwb.trim());
            let id_ok = bwb.len() > 4
                && bwb.starts_with("BWB")
                && bwb[4..].chars().all(|c| c.is_ascii_digit());
            (id_ok && !name.is_empty()).then(|| crate::tree::ActLink {
                name: name.to_string(),
                bwb: bwb.to_string(),
            })
        })
        .collect()
}

fn key_list() -> String {
    KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
}

/// `Alkmaar, Bergen, Uitgeest` → `[Alkmaar, Bergen, Uitgeest]`. Only commas separate:
/// "en" cannot, because it is part of names such as Dijk en Waard.
pub fn split_participants(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

use crate::nl::MONTHS;

/// Accepts `2022-01-01` and `1 januari 2022`; returns the ISO form.
pub fn parse_date(value: &str) -> Option<String> {
    let v = value.trim();
    let (y, m, d) = if let [y, m, d] = v.split('-').collect::<Vec<_>>()[..] {
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        (
            y.parse::<u32>().ok()?,
            m.parse::<u32>().ok()?,
            d.parse::<u32>().ok()?,
        )
    } else if let [d, month, y] = v.split_whitespace().collect::<Vec<_>>()[..] {
        let m = MONTHS
            .iter()
            .position(|name| name.eq_ignore_ascii_case(month))? as u32
            + 1;
        (y.parse::<u32>().ok()?, m, d.parse::<u32>().ok()?)
    } else {
        return None;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d == 0 || d > days[(m - 1) as usize] {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2022-01-01").as_deref(), Some("2022-01-01"));
        assert_eq!(parse_date("1 januari 2022").as_deref(), Some("2022-01-01"));
        assert_eq!(parse_date("29 februari 2021"), None);
        assert_eq!(parse_date("2022-13-01"), None);
        assert_eq!(parse_date("morgen"), None);
    }

    #[test]
    fn empty_value_is_absent() {
        let lines = ["citeertitel:", "titel:   ", "versie: 2"].map(|text| MetaLine {
            text,
            span: Span::default(),
        });
        let mut diags = Vec::new();
        let m = read("a.gr", &lines, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!((m.citation_title, m.title), (None, None));
        assert_eq!(m.version.as_deref(), Some("2"));
    }

    #[test]
    fn participants() {
        assert_eq!(
            split_participants("Alkmaar, Bergen ,Uitgeest,"),
            vec!["Alkmaar", "Bergen", "Uitgeest"]
        );
        assert_eq!(
            split_participants("Dijk en Waard, Heiloo"),
            vec!["Dijk en Waard", "Heiloo"]
        );
    }
}
