//! Capitalised nouns that are part of a name, not a use of an undefined term (T002):
//! "de Raad van State", "de Raad van Bestuur", "de Directeur-Generaal", "de Raad
//! Nederlandse Detailhandel", and the Raad and Commissie of the European Union after one
//! of their acts ("Verordening (EEG) nr. 1408/71 van de Raad", "richtlijn 2005/60/EG van
//! het Europees Parlement en de Raad"). Of the 86 T002 findings on the corpus, 77 were such
//! names.

/// Whether the capitalised noun of `len` bytes at `at` in `text` stands in a name.
pub(super) fn in_a_name(text: &str, at: usize, len: usize) -> bool {
    let rest = &text[at + len..];
    // "Directeur-Generaal", also broken at the hyphen ("Directeur- Generaal").
    if let Some(r) = rest.strip_prefix('-')
        && r.trim_start().starts_with(char::is_uppercase)
    {
        return true;
    }
    // "Raad Nederlandse Detailhandel": the next word (one space on) has a capital.
    if rest
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with(char::is_uppercase))
    {
        return true;
    }
    // "Raad van State", "Raad van de Europese Unie", "Directeur van het Fonds", "Raad
    // voor Cultuur": a name goes on with a capital after "van" or "voor" and an article.
    let mut words = rest.split_whitespace();
    if matches!(words.next(), Some("van" | "voor")) {
        let mut next = words.next();
        if matches!(next, Some("de" | "het" | "der" | "den")) {
            next = words.next();
        }
        // Not the colleges of the deelnemers, the organs a GR defines when it capitalises
        // them: "het College van B&W" is a use of an undefined "College".
        let organ =
            next.is_some_and(|w| ["B&W", "Burgemeester", "Gedeputeerde", "Dijkgraaf"].contains(&w));
        if next.is_some_and(|w| w.starts_with(char::is_uppercase)) && !organ {
            return true;
        }
    }
    // "Raad van Bestuur": the noun ends a name begun with a capital before "van". Not
    // after an article: "het Algemeen Bestuur van het Schap" is a use of "het Schap".
    let mut back = text[..at].split_whitespace().rev();
    if matches!(back.next(), Some("van" | "voor"))
        && back
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    {
        return true;
    }
    eu_institution(text, at)
}

/// The Raad or Commissie of the European Union: an act of the Union (`(EEG)`, `/EG`,
/// `(EU)`, "Europees Parlement") stands shortly before in the same alinea.
fn eu_institution(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(120);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..at];
    ["EG", "EEG", "EU", "Europe"].iter().any(|m| {
        before.match_indices(m).any(|(i, _)| {
            // A whole word or the end of a number ("2005/60/EG"), not "EGALISATIE".
            let next = before[i + m.len()..].chars().next();
            !next.is_some_and(|c| c.is_alphabetic()) || *m == "Europe"
        })
    })
}

#[cfg(test)]
mod tests {
    use super::in_a_name;

    fn at(text: &str, word: &str) -> bool {
        let i = text.find(word).unwrap();
        in_a_name(text, i, word.len())
    }

    #[test]
    fn names_are_not_uses_of_a_term() {
        for (text, word) in [
            ("gehoord de Raad van State.", "Raad"),
            ("De leden van de Raad van Advies worden benoemd.", "Raad"),
            ("de vice-president van de Raad van de Europese Unie", "Raad"),
            ("berust bij de Secretaris-Generaal.", "Secretaris"),
            (
                "in de plaats van de Directeur- Generaal van de Volksgezondheid",
                "Directeur",
            ),
            ("b. de Raad Nederlandse Detailhandel;", "Raad"),
            (
                "M.E. Homan, lid Raad van Bestuur/plv. voorzitter.",
                "Bestuur",
            ),
            (
                "Verordening (EEG) nr. 1408/71 van de Raad betreffende",
                "Raad",
            ),
            (
                "richtlijn 2005/60/EG van het Europees Parlement en de Raad wat betreft",
                "Raad",
            ),
            (
                "verordening (EU) nr. 206/2010 van de Commissie van 12 maart 2010",
                "Commissie",
            ),
        ] {
            assert!(at(text, word), "{text}");
        }
    }

    #[test]
    fn a_term_used_on_its_own_is_no_name() {
        for (text, word) in [
            ("het advies van de Raad, bedoeld in artikel 3.", "Raad"),
            ("het College van burgemeester en wethouders", "College"),
            ("aan het College van B&W en aan de minister", "College"),
            ("het College van Gedeputeerde Staten", "College"),
            ("de Raad stelt de begroting vast.", "Raad"),
            ("binnen acht weken na de Regeling van 1 mei", "Regeling"),
            ("de verordening van de Raad over de heffing", "Raad"),
            ("het EGALISATIEFONDS. Daarover besluit de Raad", "Raad"),
            ("het dagelijks bestuur van het Bestuur", "Bestuur"),
            (
                "Het Algemeen Bestuur van het Schap stelt de begroting vast.",
                "Schap",
            ),
        ] {
            assert!(!at(text, word), "{text}");
        }
    }
}
