//! Reading an instruction sentence back: the pairs of `grammar/besluit.pest` as a
//! [`Sentence`]. The wording is in `sentence.rs`; `parse(s.text()) == s` for every
//! sentence (`sentence_tests.rs`).

use super::*;

/// Reads a sentence back; the error (Dutch) gives the column where reading stopped.
pub fn parse(text: &str) -> Result<Sentence, (usize, String)> {
    let mut pairs = BesluitGrammar::parse(Rule::opdracht, text).map_err(|e| {
        let col = match e.line_col {
            pest::error::LineColLocation::Pos((_, c)) => c,
            pest::error::LineColLocation::Span((_, c), _) => c,
        };
        (
            col,
            "deze zin is geen wijzigingsopdracht die grc kent".to_string(),
        )
    })?;
    let opdracht = pairs.next().expect("opdracht");
    let inner = opdracht
        .into_inner()
        .find(|p| p.as_rule() != Rule::EOI)
        .expect("one sentence");
    sentence(inner).map_err(|e| (1, e))
}

fn sentence(p: Pair<'_, Rule>) -> Result<Sentence, String> {
    let rule = p.as_rule();
    let mut parts = p.into_inner();
    Ok(match rule {
        Rule::intro => Sentence::Intro(addr(parts.next().expect("adres"))?),
        Rule::vervangen => {
            let at = addr(parts.next().expect("adres"))?;
            let old = quoted(parts.next().expect("oud"));
            let mut next = parts.next().expect("nieuw");
            let every = next.as_rule() == Rule::telkens;
            if every {
                next = parts.next().expect("nieuw");
            }
            let new = quoted(next);
            if every {
                Sentence::ReplaceEvery { at, old, new }
            } else {
                Sentence::Replace { at, old, new }
            }
        }
        Rule::vervangen_samen => {
            let at = addr(parts.next().expect("adres"))?;
            let mut edits: Vec<Edit> = parts
                .map(|w| {
                    let mut q = w.into_inner();
                    let first = q.next().expect("oud of na");
                    if first.as_rule() == Rule::na {
                        let after = quoted(q.next().expect("anker"));
                        let words = quoted(q.next().expect("nieuw"));
                        Edit::InsertAfter { after, words }
                    } else {
                        let old = quoted(first);
                        let new = quoted(q.next().expect("nieuw"));
                        Edit::Replace { old, new }
                    }
                })
                .collect();
            match edits.as_mut_slice() {
                [Edit::Replace { old, new }] => Sentence::Replace {
                    at,
                    old: std::mem::take(old),
                    new: std::mem::take(new),
                },
                _ => Sentence::Edits { at, edits },
            }
        }
        Rule::vervangen_artikelen => {
            let artikelen = parts
                .next()
                .expect("artikelen")
                .into_inner()
                .map(|n| n.as_str().to_string())
                .collect();
            let old = quoted(parts.next().expect("oud"));
            let new = quoted(parts.nth(1).expect("nieuw"));
            Sentence::ReplaceEveryIn {
                artikelen,
                old,
                new,
            }
        }
        Rule::vernummerd => {
            let at = addr(parts.next().expect("adres"))?;
            let to = parts.next().expect("nummer").as_str().to_string();
            Sentence::Renumber { at, to }
        }
        Rule::luiden => {
            let first = parts.next().expect("adres");
            if first.as_rule() == Rule::opschrift {
                Sentence::Heading(addr(first.into_inner().next().expect("adres"))?)
            } else {
                Sentence::Whole(addr(first)?)
            }
        }
        Rule::vervalt => {
            let at = addr(parts.next().expect("adres"))?;
            let shift = parts.next().map(shift).transpose()?;
            Sentence::Repeal { at, shift }
        }
        Rule::vervallen => {
            let mut at = Addr::default();
            let mut run = None;
            for p in parts {
                match p.as_rule() {
                    Rule::adres => at = addr(p)?,
                    Rule::reeks => run = Some(reeks(p)?),
                    _ => {}
                }
            }
            let (letters, first, last) = run.expect("reeks");
            if first == last {
                return Err(format!(
                    "één {} vervalt: schrijf \"vervalt\", niet \"vervallen\"",
                    if letters { "onderdeel" } else { "lid" }
                ));
            }
            if letters {
                at.onderdeel = Some(first);
            } else {
                at.lid = Some(first);
            }
            Sentence::RepealRun { at, last }
        }
        Rule::toevoegen_leden => {
            let to = addr(parts.next().expect("adres"))?;
            let word = parts.next().expect("aantal").as_str();
            let count = count_value(word)
                .ok_or_else(|| format!("\"{word}\" is geen aantal van twee of meer"))?;
            Sentence::AppendLeden { to, count }
        }
        Rule::invoegen_verschuivend => {
            let s = shift(parts.next().expect("verschuiving"))?;
            let mut within = None;
            let mut what = Soort::Lid;
            for p in parts {
                match p.as_rule() {
                    Rule::adres => within = Some(addr(p)?),
                    Rule::soort => what = soort(p.as_str()),
                    _ => {}
                }
            }
            Sentence::InsertShifting {
                shift: s,
                within,
                what,
            }
        }
        Rule::invoegen => {
            let place = parts.next().expect("plaats");
            let after = place.into_inner().next().map(|p| p.as_rule()) == Some(Rule::na);
            let at = addr(parts.next().expect("adres"))?;
            let what = soort(parts.next().expect("soort").as_str());
            Sentence::Insert { after, at, what }
        }
        Rule::toevoegen => {
            let to = addr(parts.next().expect("adres"))?;
            let what = soort(parts.next().expect("soort").as_str());
            Sentence::Append { to, what }
        }
        _ => unreachable!("the grammar's alternatives"),
    })
}

fn quoted(p: Pair<'_, Rule>) -> String {
    p.into_inner()
        .next()
        .map(|t| t.as_str().to_string())
        .unwrap_or_default()
}

fn soort(s: &str) -> Soort {
    match s {
        "hoofdstuk" => Soort::Hoofdstuk,
        "artikel" => Soort::Artikel,
        "onderdeel" => Soort::Onderdeel,
        "bijlage" => Soort::Bijlage,
        "toelichting" => Soort::Toelichting,
        "slotformulering" => Soort::Slotformulering,
        _ => Soort::Lid,
    }
}

fn lid_number(word: &str) -> Result<String, String> {
    if let Some(n) = ordinal_value(word) {
        return Ok(n.to_string());
    }
    word.strip_suffix('e')
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .ok_or_else(|| format!("\"{word}\" is geen rangtelwoord"))
}

fn addr(p: Pair<'_, Rule>) -> Result<Addr, String> {
    let mut a = Addr::default();
    for deel in p.into_inner() {
        let step = deel.into_inner().next().expect("one step");
        let rule = step.as_rule();
        let value = || {
            step.clone()
                .into_inner()
                .next()
                .map(|n| n.as_str().to_string())
                .unwrap_or_default()
        };
        match rule {
            Rule::de_regeling => a.special = Some(Special::Regeling),
            Rule::aanhef => a.special = Some(Special::Aanhef),
            Rule::slotformulering => a.special = Some(Special::Slotformulering),
            Rule::toelichting => a.special = Some(Special::Toelichting),
            Rule::hoofdstuk => a.hoofdstuk = Some(value()),
            Rule::artikel => a.artikel = Some(value()),
            Rule::bijlage => a.bijlage = Some(value()),
            Rule::lid => a.lid = Some(lid_number(&value())?),
            Rule::onderdeel => a.onderdeel = Some(value()),
            _ => {}
        }
    }
    Ok(a)
}

/// A run as written (`het vierde tot en met zesde lid`, `onderdeel d`): whether it holds
/// onderdelen, and its first and last number or letter (the same for one element).
fn reeks(p: Pair<'_, Rule>) -> Result<(bool, String, String), String> {
    let run = p.into_inner().next().expect("run");
    let letters = run.as_rule() == Rule::onderdelenreeks;
    let values: Vec<String> = run
        .into_inner()
        .map(|v| {
            if letters {
                Ok(v.as_str().to_string())
            } else {
                lid_number(v.as_str())
            }
        })
        .collect::<Result<_, _>>()?;
    let first = values.first().cloned().unwrap_or_default();
    let last = values.get(1).cloned().unwrap_or_else(|| first.clone());
    Ok((letters, first, last))
}

fn shift(p: Pair<'_, Rule>) -> Result<Shift, String> {
    let mut parts = p.into_inner();
    let letters = parts.next().expect("soort").as_rule() == Rule::verlettering;
    let mut runs = Vec::new();
    for r in parts {
        let (_, first, last) = reeks(r)?;
        runs.push((first, last));
    }
    let to = runs.pop().unwrap_or_default();
    let from = runs.pop().unwrap_or_default();
    Ok(Shift { letters, from, to })
}
