//! A list of articles that goes on after an exception: "De artikelen 65, 66, 72, met
//! uitzondering van het derde lid en het zesde lid, 73, 74 en 76 van de wet". The grammar
//! reads no bare number (a number alone is no citation), so `73, 74 en 76` would be lost
//! and "van de wet" would reach neither them nor the list before the exception. Read here
//! as one more citation of articles, and the act named after it given back to the list.

use crate::tree::Span;
use crate::tree::reference::{Citation, Numeral, NumeralForm, RefKind, Reference};

/// Where a list continues after an exception: the list before the exception and the
/// continuation read here, by their start in the file.
pub(super) struct Continued {
    list: u32,
    continuation: u32,
}

/// Adds the bare numbers that continue a list of articles after the leden excepted from
/// one of them; returns which list each continues.
pub(super) fn read(text: &str, at: Span, refs: &mut Vec<Reference>) -> Vec<Continued> {
    let rel = |s: &Span| ((s.start - at.start) as usize, (s.end - at.start) as usize);
    let mut found = Vec::new();
    let mut added = Vec::new();
    // The list whose exception is being read, if any.
    let mut open: Option<u32> = None;
    for i in 0..refs.len() {
        let (start, end) = rel(&refs[i].span);
        let bare_lid = refs[i]
            .citations
            .iter()
            .all(|c| c.article.is_none() && c.relation.is_none() && !c.leden.is_empty());
        if i > 0 && bare_lid {
            let prev = &refs[i - 1];
            let between = text[rel(&prev.span).1..start].trim_matches([',', ' ']);
            let articles = prev
                .citations
                .iter()
                .filter(|c| c.article.is_some())
                .count();
            if between == "met uitzondering van" && articles >= 2 {
                open = Some(prev.span.start);
            }
        } else if !bare_lid {
            open = None;
        }
        let Some(list) = open else { continue };
        let limit = refs.get(i + 1).map_or(text.len(), |n| rel(&n.span).0);
        if let Some(r) = numbers_after(text, end, limit, at) {
            found.push(Continued {
                list,
                continuation: r.span.start,
            });
            added.push(r);
            open = None;
        }
    }
    if !added.is_empty() {
        refs.extend(added);
        refs.sort_by_key(|r| r.span.start);
    }
    found
}

/// After the citations are given their acts: the act named after a continuation is the
/// act of the list it continues (and so, through `relative_after_exception`, of the leden
/// excepted in between).
pub(super) fn give_act(found: &[Continued], refs: &mut [Reference]) {
    for c in found {
        let Some(cont) = refs.iter().find(|r| r.span.start == c.continuation) else {
            continue;
        };
        if cont.kind != RefKind::External {
            continue;
        }
        let (kind, act) = (cont.kind, cont.act.clone());
        if let Some(list) = refs.iter_mut().find(|r| r.span.start == c.list)
            && list.kind == RefKind::Internal
            && list.act_text.is_none()
        {
            list.kind = kind;
            list.act = act;
        }
    }
}

/// `, 73, 74, 75 en 76` right after byte `end` (and before `limit`): the numbers as one
/// citation of articles. Nothing when a number is followed by leden or onderdelen of its
/// own ("73, tweede lid"), which the grammar would have read had it started there.
fn numbers_after(text: &str, end: usize, limit: usize, at: Span) -> Option<Reference> {
    let rest = &text[end..limit];
    let mut pos = rest.strip_prefix(", ").map(|_| 2)?;
    let mut numbers: Vec<(usize, usize)> = Vec::new();
    loop {
        let s = &rest[pos..];
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let letters = s[digits..]
            .bytes()
            .take_while(u8::is_ascii_lowercase)
            .count();
        // `73a` yes, `73ste` or `7en` no: a letter suffix is one letter.
        if letters > 1 {
            return None;
        }
        let len = digits + letters;
        numbers.push((end + pos, end + pos + len));
        let after = &s[len..];
        let last = numbers.len() >= 2
            && rest[..pos]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| w == "en" || w == "of");
        if last {
            if !ends_list(after) {
                return None;
            }
            break;
        }
        if let Some(x) = after.strip_prefix(", ") {
            pos = rest.len() - x.len();
        } else if let Some(x) = after
            .strip_prefix(" en ")
            .or_else(|| after.strip_prefix(" of "))
        {
            pos = rest.len() - x.len();
        } else if ends_list(after) {
            break;
        } else {
            return None;
        }
    }
    let (first, _) = numbers[0];
    let (_, stop) = *numbers.last()?;
    let span = |s: usize, e: usize| Span {
        line: at.line,
        column: at.column + text[..s].chars().count() as u32,
        start: at.start + s as u32,
        end: at.start + e as u32,
    };
    Some(Reference {
        span: span(first, stop),
        text: text[first..stop].to_string(),
        kind: RefKind::Internal,
        act: None,
        act_text: None,
        citations: numbers
            .iter()
            .map(|&(s, e)| Citation {
                article: Some(Numeral {
                    value: text[s..e].to_string(),
                    span: span(s, e),
                    form: NumeralForm::Digits,
                    implied: false,
                }),
                ..Citation::default()
            })
            .collect(),
    })
}

/// Whether the words after a list's last number close it: an act's name, a verb, or
/// punctuation; not leden, onderdelen or a unit ("76, tweede lid", "76 onder a", "5 jaar").
fn ends_list(after: &str) -> bool {
    let t = after.trim_start_matches([',', ' ']);
    if t.is_empty() || after.starts_with(['.', ';', ')', ':']) {
        return true;
    }
    let word = t
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    word == "van" || word == "zijn" || word == "is" || word == "gelden" || word == "blijven"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(rest: &str) -> Option<Vec<String>> {
        let text = format!("het zesde lid{rest}");
        let at = Span {
            line: 1,
            column: 1,
            start: 0,
            end: text.len() as u32,
        };
        numbers_after(&text, "het zesde lid".len(), text.len(), at).map(|r| {
            r.citations
                .iter()
                .map(|c| c.article.as_ref().unwrap().value.clone())
                .collect()
        })
    }

    #[test]
    fn bare_numbers_continue_only_as_a_list() {
        assert_eq!(
            numbers(", 73, 74, 75 en 76 van de wet zijn"),
            Some(vec!["73".into(), "74".into(), "75".into(), "76".into()])
        );
        assert_eq!(numbers(", 73a van de wet"), Some(vec!["73a".into()]));
        assert_eq!(numbers(", 73, tweede lid, van de wet"), None);
        assert_eq!(numbers(", 5 jaar na de inwerkingtreding"), None);
        assert_eq!(numbers(" en 76 van de wet"), None);
    }
}
