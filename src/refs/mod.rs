//! References in the text: found by the grammar in `grammar/verwijzing.pest`
//! ([`grammar`]), given their act from the table ([`acts`]), and stored on the alinea
//! they stand in. Resolving them to eIds is a check (`check::references`).
//!
//! Invariant: extraction only adds `references` to alinea's; it changes nothing else.

pub mod acts;
pub mod grammar;

use crate::tree::reference::{RefKind, Reference};
use crate::tree::terms::definitions;
use crate::tree::{Regeling, Span};

/// Finds the references in every alinea of the regeling.
pub fn extract(r: &mut Regeling) {
    let context = Context::of(r);
    crate::tree::walk::alineas_mut(r, &mut |a| {
        a.references = find(&a.text, a.span, &context);
    });
}

/// What extraction needs to know about the regeling as a whole.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The act a defined term "de Wet" stands for (WNK 2015 defines it as the Wet sociale
    /// werkvoorziening); without such a definition "de wet" is the Wgr.
    pub defined_wet: Option<String>,
}

impl Context {
    pub fn of(r: &Regeling) -> Context {
        let defined_wet = definitions(r)
            .into_iter()
            .find(|d| {
                let t = d.term.to_lowercase();
                t == "wet" || t == "de wet"
            })
            .and_then(|d| {
                // The first act named in the definition: "De Wet sociale werkvoorziening,".
                (0..d.definition.len())
                    .filter(|&i| d.definition.is_char_boundary(i))
                    .find_map(|i| {
                        acts::named_at(&d.definition[i..]).filter(|(a, _)| a.short != "Wgr")
                    })
                    .map(|(a, _)| a.short.clone())
            });
        Context { defined_wet }
    }
}

/// The references in one line of text whose first byte is at `at`.
pub fn find(text: &str, at: Span, context: &Context) -> Vec<Reference> {
    // `grammar::find` looks only at the words a reference can start with, so a line that
    // cites nothing costs one pass over its bytes.
    let mut refs = grammar::find(text, at);
    if refs.is_empty() {
        return refs;
    }
    let amended = amended_regeling(text);
    for r in &mut refs {
        attach_act(text, at, r, context);
    }
    // "artikel 12, eerste lid, en artikel 13, eerste lid, van de Archiefwet 1995": the act
    // named after the last citation is the act of the ones joined to it by "en" / "of".
    for i in (0..refs.len().saturating_sub(1)).rev() {
        let (head, tail) = refs.split_at_mut(i + 1);
        let (this, next) = (&mut head[i], &tail[0]);
        let between =
            &text[(this.span.end - at.start) as usize..(next.span.start - at.start) as usize];
        let joined = matches!(between.trim_matches([' ', ',']), "en" | "of" | "dan wel");
        if joined
            && this.kind == RefKind::Internal
            && this.act_text.is_none()
            && next.kind == RefKind::External
        {
            this.kind = RefKind::External;
            this.act = next.act.clone();
        }
    }
    for r in &mut refs {
        // In "De Regeling X wordt als volgt gewijzigd: in artikel 3 ...", artikel 3 is
        // Regeling X's: never resolve it against this text.
        if let Some(name) = &amended
            && r.kind != RefKind::External
            && r.span.start - at.start > name.1 as u32
        {
            r.kind = RefKind::External;
            r.act = Some(name.0.clone());
        }
    }
    refs
}

/// The regeling an amending sentence names ("De Regeling X wordt als volgt gewijzigd"),
/// and where the sentence's verb ends.
fn amended_regeling(text: &str) -> Option<(String, usize)> {
    let at = text
        .find(" wordt als volgt gewijzigd")
        .or_else(|| text.find(" wordt gewijzigd"))?;
    let subject = text[..at].trim();
    let subject = subject
        .strip_prefix("De ")
        .or_else(|| subject.strip_prefix("de "))
        .unwrap_or(subject);
    let names_a_regeling = subject.to_lowercase().contains("regeling")
        && subject.starts_with(char::is_uppercase)
        && !subject.to_lowercase().starts_with("deze ");
    names_a_regeling.then(|| (subject.to_string(), at))
}

/// Decides what an article citation cites from the words after it: another act
/// (`van de Wgr`, `Gemeentewet`), this regeling (`van deze regeling`), or, by default,
/// this regeling.
fn attach_act(text: &str, at: Span, r: &mut Reference, context: &Context) {
    if r.kind != RefKind::Internal {
        return;
    }
    let end = (r.span.end - at.start) as usize;
    let rest = &text[end..];
    let mut s = rest.trim_start_matches([' ', ',']);
    let mut with_van = false;
    if let Some(x) = s.strip_prefix("van ") {
        with_van = true;
        s = x;
        for det in ["de ", "het ", "deze "] {
            if let Some(x) = s.strip_prefix(det) {
                s = x;
                break;
            }
        }
    }
    let consumed = rest.len() - s.len();
    let word_end = |n: usize| !s[n..].starts_with(|c: char| c.is_alphanumeric());
    if with_van
        && (s.starts_with("regeling") || s.starts_with("Regeling"))
        && word_end("regeling".len())
    {
        r.act_text = Some(
            rest[..consumed + "regeling".len()]
                .trim_start_matches([' ', ','])
                .to_string(),
        );
        return;
    }
    if let Some((act, len)) = acts::named_at(s) {
        // Without "van", only a name right after the citation counts ("artikel 28
        // Gemeentewet"), and never the bare word "wet".
        let bare_wet = &s[..len] == "wet";
        if with_van || !bare_wet {
            let short = if bare_wet {
                context
                    .defined_wet
                    .clone()
                    .unwrap_or_else(|| act.short.clone())
            } else {
                act.short.clone()
            };
            r.kind = RefKind::External;
            r.act = Some(short);
            r.act_text = Some(
                rest[..consumed + len]
                    .trim_start_matches([' ', ','])
                    .to_string(),
            );
            return;
        }
    }
    // "van de Wet" (capital, not the start of a longer act's name) is what the regeling
    // defines as "de Wet", if it does, and otherwise the Wgr.
    let after = s.get(3..).unwrap_or("");
    let plain_wet = s.starts_with("Wet")
        && word_end(3)
        && !after.trim_start().starts_with(|c: char| c.is_uppercase())
        && ![
            "op ",
            "inzake ",
            "tot ",
            "houdende ",
            "betreffende ",
            "van ",
        ]
        .iter()
        .any(|w| after.trim_start().starts_with(w));
    if with_van && plain_wet {
        let short = context
            .defined_wet
            .clone()
            .unwrap_or_else(|| "Wgr".to_string());
        r.kind = RefKind::External;
        r.act = Some(short);
        r.act_text = Some(
            rest[..consumed + 3]
                .trim_start_matches([' ', ','])
                .to_string(),
        );
        return;
    }
    // An act the table does not know: "van de Wet op het specifiek cultuurbeleid".
    if with_van && looks_like_act(s) {
        let name = unknown_act_name(s).to_string();
        r.kind = RefKind::External;
        r.act = Some(name.clone());
        r.act_text = Some(format!(
            "{}{}",
            &rest[..consumed].trim_start_matches([' ', ',']),
            name
        ));
    }
}

/// Words that end an act's name: "de Wet op de kunstkast *geldt* niet".
const NAME_STOP: &[&str] = &[
    "geldt",
    "gelden",
    "is",
    "zijn",
    "wordt",
    "worden",
    "blijft",
    "blijven",
    "niet",
    "en",
    "of",
    "kan",
    "kunnen",
    "heeft",
    "hebben",
    "bedoeld",
    "genoemd",
    "zoals",
    "voor",
    "met",
    "die",
    "dat",
    "als",
    "in",
    "bij",
    "krachtens",
    "ter",
    "te",
];

/// The name of an act grc does not know, as written at the start of `s`: up to the
/// first punctuation or a word that cannot be part of it, at most eight words.
pub fn unknown_act_name(s: &str) -> &str {
    let head = s.split([',', ';', '.', ')', ':']).next().unwrap_or("");
    let mut end = 0;
    for (i, w) in head.split(' ').enumerate() {
        if i >= 8 || w.is_empty() || (i > 0 && NAME_STOP.contains(&w)) {
            break;
        }
        end += w.len() + usize::from(i > 0);
    }
    &head[..end]
}

/// True when `s` starts with the name of an act of more than one word that grc does
/// not know ("Wet op de kunstkast"): the bare word "Wet" is not one.
pub fn names_unknown_act(s: &str) -> bool {
    looks_like_act(s) && unknown_act_name(s).contains(' ')
}

/// A name such as "Wet op ...", "Provinciewet", "Burgerlijk Wetboek", "Besluit ...".
fn looks_like_act(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    first.starts_with("Wet")
        || first.starts_with("Besluit")
        || (first.starts_with(char::is_uppercase)
            && (first.ends_with("wet") || first.ends_with("Wetboek")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::reference::{Citation, Relation};

    /// Regression: the quick test for candidate lines was case-sensitive, so a sentence
    /// opening with "Lid 2" or "Onder a" cited nothing.
    #[test]
    fn references_opening_a_sentence_are_found() {
        for (text, n) in [
            ("Lid 2 is van toepassing.", 1),
            ("Onder a valt ook b.", 1),
            ("LID 2 geldt.", 1),
            ("Leden 2 en 3 gelden.", 1),
            ("Sub b geldt niet.", 1),
            ("Artikel 5 geldt.", 1),
            ("Hier staat niets.", 0),
        ] {
            assert_eq!(refs(text).len(), n, "{text}");
        }
    }

    fn refs(text: &str) -> Vec<Reference> {
        find(
            text,
            Span {
                line: 1,
                column: 1,
                start: 0,
                end: text.len() as u32,
            },
            &Context::default(),
        )
    }

    /// The only reference in `text`, as "kind act: citations" with each citation as
    /// `art/leden/onderdelen` (`-` for none), relations by name.
    fn one(text: &str) -> String {
        let rs = refs(text);
        assert_eq!(rs.len(), 1, "{text}: {rs:#?}");
        let r = &rs[0];
        let c: Vec<String> = r.citations.iter().map(show).collect();
        let kind = format!("{:?}", r.kind).to_lowercase();
        match &r.act {
            Some(a) => format!("{kind} {a}: {}", c.join(" | ")),
            None => format!("{kind}: {}", c.join(" | ")),
        }
    }

    fn show(c: &Citation) -> String {
        let vals = |v: &Vec<crate::tree::reference::Numeral>| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.iter()
                    .map(|n| n.value.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            }
        };
        let art = c
            .article
            .as_ref()
            .map_or("-".to_string(), |a| a.value.clone());
        let rel = match c.relation {
            Some(Relation::ThisArticle) => "dit-artikel ",
            Some(Relation::ThisLid) => "dit-lid ",
            Some(Relation::ThisItem) => "dit-onderdeel ",
            Some(Relation::PreviousLid) => "vorig-lid ",
            Some(Relation::NextLid) => "volgend-lid ",
            None => "",
        };
        format!("{rel}{art}/{}/{}", vals(&c.leden), vals(&c.onderdelen))
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(one("zie artikel 12."), "internal: 12/-/-");
        assert_eq!(
            one("in artikel 12, eerste lid, bedoeld"),
            "internal: 12/1/-"
        );
        assert_eq!(
            one("artikel 1, eerste lid, onder k van de regeling"),
            "internal: 1/1/k"
        );
        assert_eq!(one("artikel 1, lid 1, onder n"), "internal: 1/1/n");
        assert_eq!(one("artikel 1, eerste lid, sub k"), "internal: 1/1/k");
        assert_eq!(one("artikel 15, lid 14"), "internal: 15/14/-");
        assert_eq!(one("de artikelen 7 en 12"), "internal: 7/-/- | 12/-/-");
        assert_eq!(one("artikel 4 lid 1 en 2"), "internal: 4/1,2/-");
        assert_eq!(
            one("artikel 9 lid 2, 4, 5, 7 en 11"),
            "internal: 9/2,4,5,7,11/-"
        );
        assert_eq!(
            one("artikel 9, tweede, vierde en elfde lid"),
            "internal: 9/2,4,11/-"
        );
        assert_eq!(one("artikel 3 lid 1 en lid 2"), "internal: 3/1,2/-");
        assert_eq!(
            one("de artikelen 3 tot en met 5"),
            "internal: 3/-/- | 4/-/- | 5/-/-"
        );
        assert_eq!(
            one("artikel 2, derde lid, onderdeel d, waarvan"),
            "internal: 2/3/d"
        );
        assert_eq!(one("artikel 20a"), "internal: 20a/-/-");
    }

    #[test]
    fn an_act_named_after_joined_citations_is_theirs() {
        let rs = refs("artikel 12, eerste lid, en artikel 13, eerste lid, van de Archiefwet 1995");
        assert_eq!(rs.len(), 2, "{rs:#?}");
        assert!(
            rs.iter()
                .all(|r| r.act.as_deref() == Some("Archiefwet 1995")),
            "{rs:#?}"
        );
        // Not across other words.
        let rs = refs("artikel 12 geldt, evenals artikel 13 van de Archiefwet 1995");
        assert_eq!(rs[0].kind, RefKind::Internal);
    }

    #[test]
    fn unknown_act_names_end_where_the_sentence_goes_on() {
        assert_eq!(
            unknown_act_name("Wet op de gemeenschappelijke kunstkast geldt niet"),
            "Wet op de gemeenschappelijke kunstkast"
        );
        assert!(names_unknown_act("Wet op de kunstkast"));
        assert!(!names_unknown_act("Wet en in deze regeling"));
    }

    #[test]
    fn an_amending_sentence_cites_the_amended_regeling() {
        assert_eq!(
            one("De Regeling X wordt als volgt gewijzigd: in artikel 3 wordt \"twee\" vervangen"),
            "external Regeling X: 3/-/-"
        );
        // "Deze regeling wordt gewijzigd" amends this text itself.
        assert_eq!(
            one("Deze regeling wordt gewijzigd volgens artikel 29"),
            "internal: 29/-/-"
        );
    }

    #[test]
    fn relative_forms() {
        assert_eq!(one("het vorige lid"), "relative: vorig-lid -/-/-");
        assert_eq!(one("het voorgaande lid"), "relative: vorig-lid -/-/-");
        assert_eq!(one("het volgende lid"), "relative: volgend-lid -/-/-");
        assert_eq!(one("het eerste lid"), "relative: -/1/-");
        assert_eq!(one("het dertiende lid"), "relative: -/13/-");
        assert_eq!(one("het 1ste lid"), "relative: -/1/-");
        assert_eq!(one("het eerste en tweede lid"), "relative: -/1,2/-");
        assert_eq!(
            one("het eerste tot en met derde lid"),
            "relative: -/1,2,3/-"
        );
        assert_eq!(one("de leden 5, 6 en 9"), "relative: -/5,6,9/-");
        assert_eq!(one("het vijfde of zesde lid"), "relative: -/5,6/-");
        assert_eq!(one("dit artikel"), "relative: dit-artikel -/-/-");
        assert_eq!(one("dit artikellid"), "relative: dit-lid -/-/-");
        assert_eq!(one("dit lid"), "relative: dit-lid -/-/-");
        assert_eq!(one("bedoeld onder 'd'."), "relative: -/-/d");
        assert_eq!(one("in het eerste lid onder a"), "relative: -/1/a");
        assert_eq!(
            one("het eerste en tweede lid van dit artikel"),
            "relative: dit-artikel -/1,2/-"
        );
    }

    #[test]
    fn external_forms() {
        assert_eq!(one("artikel 20 van de Wgr kunnen"), "external Wgr: 20/-/-");
        assert_eq!(
            one("artikel 28 Gemeentewet van overeenkomstige"),
            "external Gemeentewet: 28/-/-"
        );
        assert_eq!(
            one("de artikelen 108, 147 en 149 van de Gemeentewet"),
            "external Gemeentewet: 108/-/- | 147/-/- | 149/-/-"
        );
        assert_eq!(
            one("artikel 12, eerste lid en artikel 13, eerste lid van de Archiefwet 1995, over"),
            "external Archiefwet 1995: 12/1/- | 13/1/-"
        );
        assert_eq!(
            one("conform artikel 1 Ambtenarenwet"),
            "external Ambtenarenwet: 1/-/-"
        );
        assert_eq!(
            one("krachtens artikel 23 van de wet geheimhouding"),
            "external Wgr: 23/-/-"
        );
        assert_eq!(one("artikel 26 Wgr is"), "external Wgr: 26/-/-");
        assert_eq!(
            one("artikel 4:34, eerste lid, van de Algemene wet bestuursrecht"),
            "external Awb: 4:34/1/-"
        );
        assert_eq!(
            one("artikel 393 van Boek 2 van het Burgerlijk Wetboek"),
            "external BW Boek 2: 393/-/-"
        );
        assert_eq!(
            one("artikel 3 van de Wet op het specifiek cultuurbeleid"),
            "external Wsc: 3/-/-"
        );
    }

    #[test]
    fn an_act_name_alone_is_not_enough_and_internal_suffixes_stay_internal() {
        // "wet" needs "van de" to count; "deze regeling" keeps it internal.
        assert_eq!(one("artikel 3 wet"), "internal: 3/-/-");
        assert_eq!(one("artikel 2 van deze regeling"), "internal: 2/-/-");
        assert_eq!(
            one("artikel 1, eerste lid, sub k van de Regeling"),
            "internal: 1/1/k"
        );
    }

    #[test]
    fn ordinary_words_are_not_references() {
        for text in [
            "De eerste leden van het Algemeen Bestuur",
            "onder meer de volgende taken",
            "onder de bevelen van het Dagelijks Bestuur",
            "waaronder mede wordt begrepen",
            "het lid dat ophoudt lid te zijn",
            "Een lid van het college",
            "de artikelen van de Gemeentewet",
            "19.000 inwoners",
            "Eerste lid.",
            "wordt een tweede lid toegevoegd",
        ] {
            assert!(refs(text).is_empty(), "{text}: {:#?}", refs(text));
        }
    }

    #[test]
    fn a_defined_wet_decides_what_de_wet_is() {
        let cx = Context {
            defined_wet: Some("Wsw".into()),
        };
        let text = "artikel 12 van de Wet";
        let r = find(
            text,
            Span {
                line: 1,
                column: 1,
                start: 0,
                end: 21,
            },
            &cx,
        );
        assert_eq!(r[0].act.as_deref(), Some("Wsw"));
    }

    #[test]
    fn numerals_are_located() {
        let text = "zie artikel 9 lid 2, 4 en 11.";
        let r = &refs(text)[0];
        let leden: Vec<(u32, String)> = r.citations[0]
            .leden
            .iter()
            .map(|n| (n.span.column, n.value.clone()))
            .collect();
        assert_eq!(
            leden,
            vec![
                (19, "2".to_string()),
                (22, "4".to_string()),
                (27, "11".to_string())
            ]
        );
        assert_eq!(
            &text[r.span.start as usize..r.span.end as usize],
            "artikel 9 lid 2, 4 en 11"
        );
    }
}
