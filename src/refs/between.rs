//! The words that may stand between a citation and the name of its act, which the
//! grammar does not read as part of the citation: `e.v.`, `jo. 68`, `, subonderdeel d`,
//! `, laatste zinsnede`, `en derde lid`, `en Bijlage 1`.

/// What may stand between a citation and the name of its act: white space and commas,
/// `e.v.` ("en volgende"), `jo. 68` / `juncto 68`, `(en 35f)`, `sub 4`, a stray full
/// stop before a comma (`onderdeel bb., van de ...`).
pub fn skip_between(rest: &str) -> &str {
    let mut s = rest.trim_start_matches(super::naming::SEPARATORS);
    loop {
        let before = s.len();
        for token in ["e.v.", "ev.", "e.v"] {
            if let Some(x) = s.strip_prefix(token) {
                s = x;
            }
        }
        // (`en 6` only where the grammar did not read it: "artikel 26l en 27 van ...".)
        for word in ["jo. ", "jo ", "juncto ", "sub ", "(en ", "en "] {
            if let Some(x) = s.strip_prefix(word)
                && x.starts_with(|c: char| c.is_ascii_digit())
            {
                let n = x
                    .find(|c: char| {
                        !(c.is_ascii_alphanumeric() || c == '.' || c == ':' || c == '°')
                    })
                    .unwrap_or(x.len());
                s = x[n..].trim_start_matches(')');
            }
        }
        // `, subonderdeel d`, `, onder 2°`, `, onderdeel 24` (numbered, as EU acts number
        // the definitions of an article), `, punt 3`, `, laatste zinsnede`, `, eerste
        // alinea`: parts of the cited provision the grammar does not read.
        let t = s.trim_start_matches([',', ' ']);
        for word in ["subonderdeel ", "onder ", "onderdeel ", "punt "] {
            if let Some(x) = t.strip_prefix(word)
                && (!matches!(word, "onderdeel " | "punt ")
                    || x.starts_with(|c: char| c.is_ascii_digit()))
            {
                let n = x.find([',', ' ']).unwrap_or(x.len());
                if n > 0 && n <= 4 {
                    s = &x[n..];
                }
            }
        }
        let t = s.trim_start_matches([',', ' ']);
        for tail in ["zinsnede", "alinea", "volzin", "zin"] {
            if let Some((w, rest)) = t.split_once(' ')
                && rest.starts_with(tail)
                && (w == "laatste" || super::grammar::is_ordinal(w))
            {
                s = &rest[tail.len()..];
            }
        }
        // `aanhef en onder b en derde lid`, `onderdeel a, en vierde tot en met zevende
        // lid`: more leden of the article after its onderdelen (the grammar reads leden
        // only before them).
        s = more_leden(s);
        // `artikel 26l en Bijlage 1 van het ...`, `artikel 3.13 en hoofdstuk 5 van de ...`:
        // another part of the same act.
        s = other_part(s);
        // `van hoofdstuk II van verordening ...`: a part of the act named next.
        s = of_part(s);
        // `onderdeel bb., van de`, `onder b. van het`: a stray full stop, not a sentence's end.
        // `artikel 9.4. Awb`: a full stop before an act's abbreviation.
        if s.starts_with('.')
            && (s[1..].trim_start().starts_with(',')
                || s[1..].trim_start().starts_with("van ")
                || s[1..].starts_with(' ') && abbreviated_act(s[1..].trim_start()))
        {
            s = &s[1..];
        }
        s = s.trim_start_matches(super::naming::SEPARATORS);
        if s.len() == before {
            return s;
        }
    }
}

/// True when `s` opens with an abbreviation of the act table (`Awb`, `Sv`) as a whole
/// word: at most six characters, with two capitals or no vowel after its capital.
fn abbreviated_act(s: &str) -> bool {
    super::acts::named_at(s).is_some_and(|(_, len)| {
        let name = &s[..len];
        len <= 6
            && super::naming::abbreviation_like(name)
            && !s[len..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// The parts of an act other than articles that a citation may name beside them.
const PARTS: &[&str] = &[
    "bijlage",
    "bijlagen",
    "hoofdstuk",
    "paragraaf",
    "afdeling",
    "titel",
];

/// `van hoofdstuk II van`, `van titel 9.2 van`: skipped up to the second `van`.
fn of_part(s: &str) -> &str {
    let Some(x) = s.strip_prefix("van ") else {
        return s;
    };
    let w = x.split(' ').next().unwrap_or("");
    if !PARTS.contains(&w.to_lowercase().as_str()) {
        return s;
    }
    let rest = x[w.len()..].trim_start();
    let n = rest.find(' ').unwrap_or(rest.len());
    match rest[n..].trim_start().strip_prefix("van ") {
        Some(_) if n > 0 && n <= 8 => rest[n..].trim_start(),
        _ => s,
    }
}

/// `en derde lid`, `, en vierde tot en met zevende lid`: skipped, with what follows.
fn more_leden(s: &str) -> &str {
    let t = s.trim_start_matches([',', ' ']);
    let Some(mut x) = t.strip_prefix("en ") else {
        return s;
    };
    let mut ordinals = 0;
    loop {
        x = x.trim_start_matches([',', ' ']);
        let w = x.split([' ', ',']).next().unwrap_or("");
        if w == "lid" || w == "leden" {
            return if ordinals > 0 { &x[w.len()..] } else { s };
        }
        if super::grammar::is_ordinal(w) {
            ordinals += 1;
        } else if !matches!(w, "en" | "tot" | "met" | "het") {
            return s;
        }
        x = &x[w.len()..];
    }
}

/// `en Bijlage 1`, `en hoofdstuk 5`, `en paragraaf 3.2`: skipped.
fn other_part(s: &str) -> &str {
    let t = s.trim_start_matches([',', ' ']);
    let Some(x) = t.strip_prefix("en ") else {
        return s;
    };
    let w = x.split(' ').next().unwrap_or("");
    let part = PARTS.contains(&w.to_lowercase().as_str());
    let rest = &x[w.len()..];
    let Some(n) = rest.strip_prefix(' ') else {
        return s;
    };
    let len = n
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(n.len());
    if part
        && len > 0
        && len <= 8
        && n.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_uppercase())
    {
        &n[len..]
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leden_and_parts_after_the_onderdelen() {
        assert_eq!(
            skip_between(" en derde lid, van het Wetboek"),
            "van het Wetboek"
        );
        assert_eq!(
            skip_between(", en vierde tot en met zevende lid, van de Wet"),
            "van de Wet"
        );
        assert_eq!(
            skip_between(" en Bijlage 1 van het Besluit"),
            "van het Besluit"
        );
        assert_eq!(skip_between(" en hoofdstuk 5 van de Wet"), "van de Wet");
        // Not leden: the sentence goes on.
        assert_eq!(skip_between(" en derde partijen"), "en derde partijen");
        assert_eq!(skip_between(" en bijlagen bij"), "en bijlagen bij");
        assert_eq!(skip_between(". Awb dient"), "Awb dient");
        assert_eq!(skip_between(". De raad"), ". De raad");
        assert_eq!(
            skip_between(" van hoofdstuk II van verordening 396/2005/EG"),
            "van verordening 396/2005/EG"
        );
        assert_eq!(skip_between(" van hoofdstuk II is"), "van hoofdstuk II is");
    }
}
