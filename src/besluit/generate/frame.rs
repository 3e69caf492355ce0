//! The frame of the besluit: its title, aanhef (who decides, on what ground), the
//! metadata of the consolidated text, and the lettered onderdelen assembled.

use super::*;

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
            ("versie", m.version.clone().unwrap_or_default()),
            ("inwoners", m.population_file.clone().unwrap_or_default()),
            ("bron", m.source.clone().unwrap_or_default()),
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
                .map(|op| Instruction::new(op.sentence.text(), op.block))
                .collect(),
        })
        .collect();
    let entry = new.metadata.entry_into_force.clone();
    Wijzigingsbesluit {
        title: format!("Besluit tot wijziging van de {regeling}"),
        aanhef: aanhef(old, &new.metadata),
        regeling,
        metadata: metadata(&old.metadata, &new.metadata),
        onderdelen,
        entry_into_force_text: entry.as_deref().map(crate::nl::date),
        entry_into_force: entry,
        warnings: Vec::new(),
    }
}

/// Who decides, by the kind of regeling (Wgr art. 1): the colleges, the raden or the
/// burgemeesters of the deelnemers of the new version (a gemeente that joins signs the
/// same besluit, as in the SORA case); and the ground: Wgr art. 1 and the old regeling's
/// own article on wijziging, when it has one with that heading (cited by its title, as
/// the besluit's own title does).
pub(super) fn aanhef(old: &Regeling, m: &Metadata) -> Vec<String> {
    use crate::tree::Soort as Kind;
    let who = match m.kind {
        Some(Kind::Executive) => Some("De colleges van burgemeester en wethouders van"),
        Some(Kind::Council) => Some("De raden van"),
        Some(Kind::Mayoral) => Some("De burgemeesters van"),
        _ => None,
    };
    let first = match (who, m.participants.is_empty()) {
        (Some(who), false) => format!("{who} de gemeenten {},", crate::nl::list(&m.participants)),
        (Some(who), true) => format!("{who} de deelnemende gemeenten,"),
        (None, _) => "De deelnemers aan de regeling,".to_string(),
    };
    let own = crate::tree::walk::articles(old)
        .into_iter()
        .find(|a| a.heading.as_ref().is_some_and(|h| about_amendment(&h.text)));
    let ground = match own.and_then(|a| a.number.as_deref()) {
        Some(n) => format!(
            "gelet op artikel 1 van de Wet gemeenschappelijke regelingen en artikel {n} van de {};",
            old.display_title()
        ),
        None => "gelet op artikel 1 van de Wet gemeenschappelijke regelingen;".to_string(),
    };
    vec![first, ground, "BESLUITEN:".to_string()]
}

/// Whether an article heading is the regeling's own rule on amending it ("Wijziging",
/// "Wijziging en opheffing"), not one about amending a begroting.
pub(super) fn about_amendment(heading: &str) -> bool {
    let heading = heading.to_lowercase();
    let mut words = heading.split(|c: char| !c.is_alphanumeric());
    !heading.contains("begroting") && words.any(|w| w == "wijziging")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_regelings_own_amendment_article_is_found_by_its_heading() {
        assert!(about_amendment("Wijziging"));
        assert!(about_amendment("Wijziging en opheffing"));
        assert!(about_amendment(
            "Toetreding, uittreding, wijziging en opheffing"
        ));
        assert!(!about_amendment("Wijziging begroting"));
        assert!(!about_amendment("Wijzigingen van de begroting"));
        assert!(!about_amendment("Duur en inwerkingtreding"));
    }

    #[test]
    fn aanhef_names_who_decides_by_the_kind_of_regeling() {
        let (mut old, _) = crate::source::parse(
            "t.gr",
            "Artikel 1 Taken\n\nHet openbaar lichaam heeft taken.\n\nArtikel 2 Wijziging\n\nDe deelnemers kunnen de regeling wijzigen.\n",
        );
        old.metadata.citation_title = Some("Regeling Bergen-Heiloo".into());
        let mut m = Metadata {
            kind: Some(crate::tree::Soort::Council),
            participants: vec!["Bergen".into(), "Heiloo".into()],
            ..Metadata::default()
        };
        assert_eq!(
            aanhef(&old, &m),
            [
                "De raden van de gemeenten Bergen en Heiloo,",
                "gelet op artikel 1 van de Wet gemeenschappelijke regelingen en artikel 2 van de Regeling Bergen-Heiloo;",
                "BESLUITEN:",
            ]
        );
        m.kind = Some(crate::tree::Soort::Mayoral);
        m.participants.clear();
        assert_eq!(
            aanhef(&old, &m)[0],
            "De burgemeesters van de deelnemende gemeenten,"
        );
        m.kind = None;
        assert_eq!(aanhef(&old, &m)[0], "De deelnemers aan de regeling,");
    }
}
