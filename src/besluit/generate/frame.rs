//! The frame of the besluit: its title, aanhef (who decides, on what ground, who joins),
//! the metadata of the consolidated text, the lettered onderdelen assembled, and what
//! follows ARTIKEL I (inwerkingtreding, citeertitel, one ondertekening per deelnemer).
//!
//! What grc cannot know (the dates of the decisions, the names of who signs) is written
//! as an explicit placeholder (`[datum besluit]`, ...) and listed by warning B002, never
//! left silently empty. `grc apply` reads only ARTIKEL I, so the frame never changes
//! what the besluit does.

use super::*;

/// The placeholders the frame may write, each with what a drafter fills in (for B002).
pub const PLACEHOLDERS: [(&str, &str); 4] = [
    (
        "[datum besluit]",
        "de datum waarop het orgaan van de deelnemer besluit",
    ),
    (
        "[datum toestemming]",
        "de datum waarop de raad toestemming geeft (artikel 1, tweede lid, Wgr)",
    ),
    ("[naam]", "de naam van wie ondertekent"),
    (
        "[deelnemer]",
        "een deelnemer: de oude versie noemt geen deelnemers",
    ),
];

pub(super) fn metadata(old: &Metadata, new: &Metadata) -> Vec<MetaChange> {
    let fields = |m: &Metadata| -> Vec<(&'static str, String)> {
        vec![
            ("titel", m.title.clone().unwrap_or_default()),
            ("citeertitel", m.citation_title.clone().unwrap_or_default()),
            (
                "soort",
                m.kind.map(|k| k.dutch().to_string()).unwrap_or_default(),
            ),
            ("deelnemers", m.participants.join(", ")),
            (
                "inwerkingtreding",
                m.entry_into_force.clone().unwrap_or_default(),
            ),
            (
                "terugwerkende-kracht",
                m.retroactive_to.clone().unwrap_or_default(),
            ),
            ("versie", m.version.clone().unwrap_or_default()),
            ("inwoners", m.population_file.clone().unwrap_or_default()),
            ("bron", m.source.clone().unwrap_or_default()),
            // No article says where a version was published or which acts it links,
            // but the besluit carries them too, so that applying it gives the new
            // version whole (the round trip compares the written texts).
            ("publicatie.toon", m.publication.show.join(", ")),
            (
                "publicatie.gemeenteblad",
                m.publication.gazette.clone().unwrap_or_default(),
            ),
            (
                "publicatie.vastgesteld",
                m.publication.adopted.clone().unwrap_or_default(),
            ),
            ("wetten", m.acts_text()),
        ]
    };
    fields(old)
        .into_iter()
        .zip(fields(new))
        .filter(|(a, b)| a.1 != b.1)
        .map(|(_, (key, value))| MetaChange {
            key: key.to_string(),
            value,
        })
        .collect()
}

/// The besluit of `groups`, its instructions [`bare`](Instruction::bare): the generator
/// lays out only the one it returns.
pub(super) fn assemble(old: &Regeling, new: &Regeling, groups: Vec<Group>) -> Wijzigingsbesluit {
    let regeling = old.display_title().to_string();
    let onderdelen = groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| Wijziging {
            letter: letter(i),
            intro: g.intro.as_ref().map(|a| Sentence::Intro(a.clone()).text()),
            instructions: g
                .ops
                .into_iter()
                .map(|op| Instruction::bare(op.sentence.text(), op.block))
                .collect(),
        })
        .collect();
    let entry = new.metadata.entry_into_force.clone();
    Wijzigingsbesluit {
        title: format!("Besluit tot wijziging van de {regeling}"),
        aanhef: aanhef(old, &new.metadata),
        integral: false,
        citation_title: format!("Wijzigingsbesluit {regeling}"),
        ondertekening: ondertekening(&old.metadata, &new.metadata),
        artikel_ii: artikel_ii(&new.metadata),
        regeling,
        metadata: metadata(&old.metadata, &new.metadata),
        onderdelen,
        entry_into_force_text: entry.as_deref().map(crate::nl::date),
        entry_into_force: entry,
        warnings: Vec::new(),
    }
}

/// Who decides for one deelnemer, by the kind of regeling (Wgr art. 1): its organ, whether
/// the raad must consent first (Wgr art. 1, second lid: a college or a burgemeester
/// acts with the raad's toestemming; a raad decides itself), and who signs.
struct Organ {
    /// `het college van burgemeester en wethouders van`
    one: &'static str,
    /// `De colleges van burgemeester en wethouders van`
    many: &'static str,
    consent: bool,
    /// Where it decides: `in de vergadering van`.
    when: &'static str,
    signers: &'static [&'static str],
}

fn organ(kind: Option<crate::tree::Soort>) -> Organ {
    use crate::tree::Soort as Kind;
    match kind {
        Some(Kind::Executive) => Organ {
            one: "het college van burgemeester en wethouders van",
            many: "De colleges van burgemeester en wethouders van",
            consent: true,
            when: "in de vergadering van",
            signers: &["de secretaris", "de burgemeester"],
        },
        Some(Kind::Council) => Organ {
            one: "de raad van",
            many: "De raden van",
            consent: false,
            when: "in de openbare vergadering van",
            signers: &["de griffier", "de voorzitter"],
        },
        Some(Kind::Mayoral) => Organ {
            one: "de burgemeester van",
            many: "De burgemeesters van",
            consent: true,
            when: "op",
            signers: &["de burgemeester"],
        },
        _ => Organ {
            one: "het bestuur van",
            many: "De besturen van",
            consent: false,
            when: "in de vergadering van",
            signers: &["de voorzitter", "de secretaris"],
        },
    }
}

/// The besluit's aanhef. Who decides: the organs of the *current* deelnemers (the old
/// version's), by the kind of regeling, each "met toestemming van de raad van [datum]"
/// where Wgr art. 1, second lid, asks it. A gemeente in the new version and not in the
/// old one does not amend the regeling: it joins by toetreding, under the regeling's own
/// article on it when it has one, and is cited as such. The ground: Wgr art. 1 and the
/// old regeling's own article on wijziging, when it has one with that heading.
pub(super) fn aanhef(old: &Regeling, new: &Metadata) -> Vec<String> {
    let m = &old.metadata;
    let o = organ(m.kind);
    let deciding = deciders(m, new);
    let known = m.kind.is_some_and(|k| {
        use crate::tree::Soort as Kind;
        matches!(k, Kind::Executive | Kind::Council | Kind::Mayoral)
    });
    let mut lines = vec![match (known, deciding.is_empty()) {
        (true, false) => format!("{} de gemeenten {},", o.many, crate::nl::list(&deciding)),
        (true, true) => format!("{} de deelnemende gemeenten,", o.many),
        (false, _) => "De deelnemers aan de regeling,".to_string(),
    }];
    if o.consent {
        let raden: Vec<String> = if deciding.is_empty() {
            vec!["de raad van [deelnemer] van [datum toestemming]".into()]
        } else {
            deciding
                .iter()
                .map(|p| format!("de raad van {p} van [datum toestemming]"))
                .collect()
        };
        lines.push(format!(
            "ieder met toestemming van zijn raad (artikel 1, tweede lid, van de Wet \
             gemeenschappelijke regelingen): {};",
            crate::nl::list(&raden)
        ));
    }
    let title = old.display_title();
    let own = |about: fn(&str) -> bool| {
        crate::tree::walk::articles(old)
            .into_iter()
            .find(|a| a.heading.as_ref().is_some_and(|h| about(&h.text)))
            .and_then(|a| a.number.clone())
    };
    // Who joins or leaves does so by its own besluit, under the regeling's own article.
    let joins: Vec<String> = new
        .participants
        .iter()
        .filter(|p| !m.participants.contains(p))
        .cloned()
        .collect();
    let moves = [
        (
            joins,
            about_joining as fn(&str) -> bool,
            "tot de regeling toetreedt",
        ),
        (leaving(m, new), about_leaving, "uit de regeling treedt"),
    ];
    for (who, about, verb) in moves {
        for p in who {
            let under = own(about)
                .map(|n| format!(" op grond van artikel {n} van de {title}"))
                .unwrap_or_default();
            lines.push(format!(
                "overwegende dat de gemeente {p} bij besluit van [datum besluit] {verb}{under}, \
                 en dus niet een van de deelnemers is die haar wijzigen;"
            ));
        }
    }
    lines.push(match own(about_amendment) {
        Some(n) => format!(
            "gelet op artikel 1 van de Wet gemeenschappelijke regelingen en artikel {n} van de {title};"
        ),
        None => "gelet op artikel 1 van de Wet gemeenschappelijke regelingen;".to_string(),
    });
    lines.push("BESLUITEN:".to_string());
    lines
}

/// ARTIKEL II, the inwerkingtreding: the new version's date, or the day after the
/// bekendmaking; and when the new version applies from an earlier date (its
/// `terugwerkende-kracht`), the terugwerkende kracht, which belongs to the besluit and is
/// not enacted inside the regeling. A date on or after the inwerkingtreding is no
/// terugwerkende kracht and is left out (note B004 says so).
pub(super) fn artikel_ii(new: &Metadata) -> String {
    let from = match &new.entry_into_force {
        Some(d) => format!("op {}", crate::nl::date(d)),
        None => "met ingang van de dag na die waarop het is bekendgemaakt".to_string(),
    };
    match retroactive(new) {
        Some(r) => format!(
            "Dit besluit treedt in werking {from} en werkt terug tot en met {}.",
            crate::nl::date(r)
        ),
        None => format!("Dit besluit treedt in werking {from}."),
    }
}

/// The date the besluit works back to, if it lies before the inwerkingtreding (ISO dates
/// compare as text); without an inwerkingtreding date every date is earlier than the day
/// after the bekendmaking, which lies in the future.
pub(super) fn retroactive(new: &Metadata) -> Option<&str> {
    let r = new.retroactive_to.as_deref()?;
    new.entry_into_force
        .as_deref()
        .is_none_or(|d| r < d)
        .then_some(r)
}

/// B004: a `terugwerkende-kracht` date that is not before the inwerkingtreding (so
/// ARTIKEL II leaves it out), at the new version's metadata.
pub(super) fn not_retroactive(new: &Regeling) -> Option<crate::diagnostic::Diagnostic> {
    let m = &new.metadata;
    let r = m.retroactive_to.as_deref()?;
    let d = m.entry_into_force.as_deref()?;
    retroactive(m).is_none().then(|| {
        crate::diagnostic::Diagnostic::new(
            "B004",
            format!(
                "terugwerkende kracht tot {} ligt niet vóór de inwerkingtreding ({}); \
                 ARTIKEL II noemt haar niet",
                crate::nl::date(r),
                crate::nl::date(d)
            ),
        )
        .at(
            &new.file,
            m.span.unwrap_or(Span {
                line: 1,
                column: 1,
                start: 0,
                end: 0,
            }),
        )
    })
}

/// Who decides: the current deelnemers (the old version's) that stay. A deelnemer the new
/// version no longer names leaves by uittreding under the regeling's own article on it,
/// with its own besluit: it does not amend the regeling it leaves (as a gemeente that
/// joins does not amend the regeling it joins). When every deelnemer would leave (a new
/// version without the old names, such as after a herindeling), the old ones decide.
pub(super) fn deciders(old: &Metadata, new: &Metadata) -> Vec<String> {
    let staying: Vec<String> = old
        .participants
        .iter()
        .filter(|p| new.participants.is_empty() || new.participants.contains(p))
        .cloned()
        .collect();
    if staying.is_empty() {
        old.participants.clone()
    } else {
        staying
    }
}

/// The deelnemers that leave: in the old version, not in the new one (that names some).
fn leaving(old: &Metadata, new: &Metadata) -> Vec<String> {
    let staying = deciders(old, new);
    old.participants
        .iter()
        .filter(|p| !staying.contains(p))
        .cloned()
        .collect()
}

/// One ondertekening per current deelnemer ("Aldus eensluidend besloten door ..."): each
/// organ decides on its own, with the same text.
pub(super) fn ondertekening(m: &Metadata, new: &Metadata) -> Vec<Vec<String>> {
    let o = organ(m.kind);
    let deciding = deciders(m, new);
    let unknown = ["[deelnemer]".to_string()];
    let who = if deciding.is_empty() {
        &unknown[..]
    } else {
        &deciding[..]
    };
    who.iter()
        .map(|p| {
            let mut block = vec![format!(
                "Aldus eensluidend besloten door {} {p} {} [datum besluit].",
                o.one, o.when
            )];
            block.extend(o.signers.iter().map(|s| format!("{s}, [naam]")));
            block
        })
        .collect()
}

/// B002: the placeholders the frame holds, each with how often and what to fill in, at
/// the metadata of the old version (whose deelnemers decide).
pub(super) fn placeholders(
    old: &Regeling,
    b: &Wijzigingsbesluit,
) -> Option<crate::diagnostic::Diagnostic> {
    let frame: Vec<&String> = b
        .aanhef
        .iter()
        .chain(b.ondertekening.iter().flatten())
        .collect();
    let notes: Vec<String> = PLACEHOLDERS
        .iter()
        .filter_map(|(p, what)| {
            let n: usize = frame.iter().map(|l| l.matches(p).count()).sum();
            (n > 0).then(|| format!("{p} ({n}x): {what}"))
        })
        .collect();
    if notes.is_empty() {
        return None;
    }
    let total: usize = PLACEHOLDERS
        .iter()
        .map(|(p, _)| frame.iter().map(|l| l.matches(p).count()).sum::<usize>())
        .sum();
    let mut d = crate::diagnostic::Diagnostic::new(
        "B002",
        format!(
            "het wijzigingsbesluit heeft {total} plaatshouders die vóór de vaststelling moeten \
             worden ingevuld"
        ),
    )
    .at(
        &old.file,
        old.metadata.span.unwrap_or(Span {
            line: 1,
            column: 1,
            start: 0,
            end: 0,
        }),
    );
    d.notes = notes;
    Some(d)
}

/// Whether an article heading is the regeling's own rule on amending it ("Wijziging",
/// "Wijziging en opheffing"), not one about amending a begroting.
pub(super) fn about_amendment(heading: &str) -> bool {
    let heading = heading.to_lowercase();
    let mut words = heading.split(|c: char| !c.is_alphanumeric());
    !heading.contains("begroting") && words.any(|w| w == "wijziging")
}

/// Whether an article heading is the regeling's own rule on joining it ("Toetreding").
pub(super) fn about_joining(heading: &str) -> bool {
    let heading = heading.to_lowercase();
    heading
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "toetreding")
}

/// Whether an article heading is the regeling's own rule on leaving it ("Uittreding").
pub(super) fn about_leaving(heading: &str) -> bool {
    let heading = heading.to_lowercase();
    heading
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "uittreding")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the generator writes as `nieuw.<key>` is one `grc apply` sets.
    #[test]
    fn apply_reads_every_metadata_key_the_generator_writes() {
        let (full, diags) = crate::source::parse(
            "m.gr",
            "---\ntitel: T\nciteertitel: C\nsoort: collegeregeling\ndeelnemers: A, B\n\
             inwerkingtreding: 2022-01-01\nterugwerkende-kracht: 2021-01-01\nversie: 2\n\
             inwoners: i.csv\nbron: b\npublicatie.toon: versie\n\
             publicatie.gemeenteblad: Gemeenteblad 2022, 1\npublicatie.vastgesteld: 2022-01-05\n\
             wetten: Wgr = BWBR0003740\n---\nArtikel 1\n\nTekst.\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let changes = metadata(&Metadata::default(), &full.metadata);
        assert_eq!(changes.len(), 13);
        let mut applied = Metadata::default();
        for c in &changes {
            assert!(
                crate::besluit::apply::set_metadata(&mut applied, &c.key, &c.value),
                "{}",
                c.key
            );
        }
        applied.span = full.metadata.span;
        assert_eq!(applied, full.metadata);
        // And back: every field cleared.
        for c in metadata(&full.metadata, &Metadata::default()) {
            crate::besluit::apply::set_metadata(&mut applied, &c.key, &c.value);
        }
        applied.span = None;
        assert_eq!(applied, Metadata::default());
    }

    #[test]
    fn the_regelings_own_articles_are_found_by_their_heading() {
        assert!(about_amendment("Wijziging"));
        assert!(about_amendment("Wijziging en opheffing"));
        assert!(about_amendment(
            "Toetreding, uittreding, wijziging en opheffing"
        ));
        assert!(!about_amendment("Wijziging begroting"));
        assert!(!about_amendment("Wijzigingen van de begroting"));
        assert!(!about_amendment("Duur en inwerkingtreding"));
        assert!(about_joining("Toetreding"));
        assert!(about_joining("Toetreding en uittreding"));
        assert!(!about_joining("Uittreding"));
    }

    fn regeling(kind: crate::tree::Soort, participants: &[&str]) -> Regeling {
        let (mut old, _) = crate::source::parse(
            "t.gr",
            "Artikel 1 Taken\n\nHet openbaar lichaam heeft taken.\n\nArtikel 2 Toetreding\n\nEen gemeente kan toetreden.\n\nArtikel 3 Wijziging\n\nDe deelnemers kunnen de regeling wijzigen.\n",
        );
        old.metadata.citation_title = Some("Regeling Bergen-Heiloo".into());
        old.metadata.kind = Some(kind);
        old.metadata.participants = participants.iter().map(|p| p.to_string()).collect();
        old
    }

    #[test]
    fn the_current_deelnemers_decide_and_a_joining_gemeente_is_cited() {
        use crate::tree::Soort as Kind;
        let old = regeling(Kind::Executive, &["Bergen", "Heiloo"]);
        let mut new = old.metadata.clone();
        new.participants.push("Uitgeest".into());
        assert_eq!(
            aanhef(&old, &new),
            [
                "De colleges van burgemeester en wethouders van de gemeenten Bergen en Heiloo,",
                "ieder met toestemming van zijn raad (artikel 1, tweede lid, van de Wet \
                 gemeenschappelijke regelingen): de raad van Bergen van [datum toestemming] en \
                 de raad van Heiloo van [datum toestemming];",
                "overwegende dat de gemeente Uitgeest bij besluit van [datum besluit] tot de \
                 regeling toetreedt op grond van artikel 2 van de Regeling Bergen-Heiloo, en dus \
                 niet een van de deelnemers is die haar wijzigen;",
                "gelet op artikel 1 van de Wet gemeenschappelijke regelingen en artikel 3 van de Regeling Bergen-Heiloo;",
                "BESLUITEN:",
            ]
        );
        // Uitgeest does not sign: it joins by its own besluit.
        let signed = ondertekening(&old.metadata, &old.metadata);
        assert_eq!(
            signed[1],
            [
                "Aldus eensluidend besloten door het college van burgemeester en wethouders van Heiloo in de vergadering van [datum besluit].",
                "de secretaris, [naam]",
                "de burgemeester, [naam]",
            ]
        );
        assert_eq!(signed.len(), 2);
    }

    #[test]
    fn a_raad_decides_without_consent_and_unknown_deelnemers_are_a_placeholder() {
        use crate::tree::Soort as Kind;
        let old = regeling(Kind::Council, &["Bergen"]);
        let lines = aanhef(&old, &old.metadata);
        assert_eq!(lines[0], "De raden van de gemeenten Bergen,");
        assert!(
            !lines.iter().any(|l| l.contains("toestemming")),
            "{lines:?}"
        );
        assert_eq!(
            ondertekening(&old.metadata, &old.metadata)[0][0],
            "Aldus eensluidend besloten door de raad van Bergen in de openbare vergadering van [datum besluit]."
        );
        let mut old = regeling(Kind::Mayoral, &[]);
        old.metadata.participants.clear();
        assert_eq!(
            aanhef(&old, &old.metadata)[0],
            "De burgemeesters van de deelnemende gemeenten,"
        );
        assert_eq!(
            ondertekening(&old.metadata, &old.metadata),
            [[
                "Aldus eensluidend besloten door de burgemeester van [deelnemer] op [datum besluit].",
                "de burgemeester, [naam]"
            ]]
        );
        old.metadata.kind = None;
        assert_eq!(
            aanhef(&old, &old.metadata)[0],
            "De deelnemers aan de regeling,"
        );
    }

    #[test]
    fn every_placeholder_is_counted_in_b002() {
        use crate::tree::Soort as Kind;
        let old = regeling(Kind::Executive, &["Bergen", "Heiloo"]);
        let b = assemble(&old, &old, Vec::new());
        let d = placeholders(&old, &b).expect("placeholders");
        assert_eq!(d.code, "B002");
        assert_eq!(d.file, "t.gr");
        // Two consent dates, two decision dates, four names.
        assert!(d.message.contains(" 8 plaatshouders"), "{}", d.message);
        assert_eq!(
            d.notes,
            [
                "[datum besluit] (2x): de datum waarop het orgaan van de deelnemer besluit",
                "[datum toestemming] (2x): de datum waarop de raad toestemming geeft (artikel 1, tweede lid, Wgr)",
                "[naam] (4x): de naam van wie ondertekent",
            ]
        );
    }
}
