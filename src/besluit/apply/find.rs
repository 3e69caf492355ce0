//! Finding the element an address names, and checking that a number is free.

use super::*;

pub(super) fn children_mut<'a>(parts: &'a mut Vec<Deel>, path: &[usize]) -> &'a mut Vec<Deel> {
    let mut cur = parts;
    for &i in path {
        cur = match &mut cur[i] {
            Deel::Hoofdstuk(h) => &mut h.content,
            Deel::Paragraaf(p) => &mut p.content,
            _ => unreachable!("paths only go through hoofdstukken and paragrafen"),
        };
    }
    cur
}

/// The path of the one article numbered `n` (an error if there is none or more).
pub(super) fn article_path(r: &Regeling, cx: &Ctx<'_>, n: &str) -> Result<Vec<usize>, Fail> {
    let paths = cx.articles.borrow_mut().find(&r.body, n);
    only_element(cx, paths, &format!("artikel {n}"))
}

/// The list holding the article numbered `n`, and its index there.
pub(super) fn article_slot<'a>(
    r: &'a mut Regeling,
    cx: &Ctx<'_>,
    n: &str,
) -> Result<(&'a mut Vec<Deel>, usize), Fail> {
    let path = article_path(r, cx, n)?;
    let (last, up) = path.split_last().expect("a path is never empty");
    Ok((children_mut(&mut r.body, up), *last))
}

/// An error if an article numbered `n` exists already.
pub(super) fn number_free(r: &Regeling, cx: &Ctx<'_>, n: &str) -> Result<(), Fail> {
    if cx.articles.borrow_mut().count(&r.body, n) > 0 {
        return Err(taken(cx, &format!("artikel {n}")));
    }
    Ok(())
}

pub(super) fn taken(cx: &Ctx<'_>, name: &str) -> Fail {
    cx.fail(
        "A002",
        format!("{name} bestaat al: de opdracht zou dat nummer dubbel geven"),
    )
}

/// The articles of a new part (an article, or a hoofdstuk's): none may have a number an
/// article of the regeling already has, except `replaced` (the one it takes the place of).
pub(super) fn numbers_free(
    r: &Regeling,
    cx: &Ctx<'_>,
    part: &Deel,
    replaced: Option<&str>,
) -> Result<(), Fail> {
    let new: Vec<&Artikel> = match part {
        Deel::Artikel(a) => vec![a],
        Deel::Hoofdstuk(h) => crate::tree::walk::articles_in(&h.content),
        _ => Vec::new(),
    };
    for a in new {
        if let Some(n) = a.number.as_deref()
            && Some(n) != replaced
        {
            number_free(r, cx, n)?;
        }
    }
    Ok(())
}

pub(super) fn article_number(d: &Deel) -> Option<&str> {
    match d {
        Deel::Artikel(a) => a.number.as_deref(),
        _ => None,
    }
}

pub(super) fn only_element<T>(cx: &Ctx<'_>, mut found: Vec<T>, name: &str) -> Result<T, Fail> {
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(cx.fail("A002", format!("{name} bestaat niet (meer)"))),
        k => Err(cx.fail("A002", format!("{name} komt {k} keer voor"))),
    }
}

pub(super) fn article_mut<'a>(
    r: &'a mut Regeling,
    cx: &Ctx<'_>,
    n: &str,
) -> Result<&'a mut Artikel, Fail> {
    let (list, i) = article_slot(r, cx, n)?;
    match &mut list[i] {
        Deel::Artikel(a) => Ok(a),
        _ => unreachable!("article_slot finds articles"),
    }
}

pub(super) fn chapter_index(r: &Regeling, cx: &Ctx<'_>, n: &str) -> Result<usize, Fail> {
    let found: Vec<usize> = r
        .body
        .iter()
        .enumerate()
        .filter(|(_, d)| matches!(d, Deel::Hoofdstuk(h) if h.number == n))
        .map(|(i, _)| i)
        .collect();
    only_element(cx, found, &format!("hoofdstuk {n}"))
}

pub(super) fn annex_index(r: &Regeling, cx: &Ctx<'_>, n: &str) -> Result<usize, Fail> {
    let found: Vec<usize> = r
        .annexes
        .iter()
        .enumerate()
        .filter(|(_, b)| b.number.as_deref() == Some(n))
        .map(|(i, _)| i)
        .collect();
    only_element(cx, found, &format!("bijlage {n}"))
}

pub(super) fn lid_index(content: &[Blok], cx: &Ctx<'_>, n: &str) -> Result<usize, Fail> {
    let found: Vec<usize> = content
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Blok::Lid(l) if same_lid_number(&l.number, n)))
        .map(|(i, _)| i)
        .collect();
    only_element(cx, found, &format!("het {} lid", ordinal(n)))
}

/// Whether lid numbers `a` and `b` name the same lid. A besluit cites a lid by its
/// ordinal ("het derde lid"), which is the number's value: a lid written `03.` is
/// the third lid, so digits compare by value; anything else (`2a`) as written.
fn same_lid_number(a: &str, b: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if digits(a) && digits(b) {
        a.trim_start_matches('0') == b.trim_start_matches('0')
    } else {
        a == b
    }
}

/// An error if a lid numbered `n` stands in `content` (other than the one at `except`).
pub(super) fn lid_free(
    content: &[Blok],
    cx: &Ctx<'_>,
    n: &str,
    except: Option<usize>,
) -> Result<(), Fail> {
    if !n.chars().any(char::is_alphanumeric) {
        return Ok(());
    }
    let clash = content.iter().enumerate().any(|(i, b)| {
        Some(i) != except && matches!(b, Blok::Lid(l) if same_lid_number(&l.number, n))
    });
    if clash {
        return Err(taken(cx, &format!("het {} lid", ordinal(n))));
    }
    Ok(())
}

/// An error if an onderdeel lettered `n` stands in the lists of `content` (other than
/// the one at `except`: list index, item index).
pub(super) fn item_free(
    content: &[Blok],
    cx: &Ctx<'_>,
    n: &str,
    except: Option<(usize, usize)>,
) -> Result<(), Fail> {
    // Bullets (`-`, `•`) are not numbers.
    if !n.chars().any(char::is_alphanumeric) {
        return Ok(());
    }
    for (li, b) in content.iter().enumerate() {
        if let Blok::Lijst(list) = b {
            for (ii, item) in list.items.iter().enumerate() {
                if item.number == n && Some((li, ii)) != except {
                    return Err(taken(cx, &format!("onderdeel {n}")));
                }
            }
        }
    }
    Ok(())
}

/// A new hoofdstuk in place of the one at `replaced` (top-level index), or added: its
/// number and its articles' numbers must not be in use outside the one it replaces.
pub(super) fn chapter_free(
    r: &Regeling,
    cx: &Ctx<'_>,
    part: &Deel,
    replaced: Option<usize>,
) -> Result<(), Fail> {
    let Deel::Hoofdstuk(h) = part else {
        return Ok(());
    };
    let mut own: FxHashMap<&str, usize> = FxHashMap::default();
    if let Some(Deel::Hoofdstuk(old)) = replaced.map(|i| &r.body[i]) {
        for a in crate::tree::walk::articles_in(&old.content) {
            if let Some(n) = a.number.as_deref() {
                *own.entry(n).or_default() += 1;
            }
        }
    }
    let clash = r.body.iter().enumerate().any(|(i, d)| {
        Some(i) != replaced && matches!(d, Deel::Hoofdstuk(o) if o.number == h.number)
    });
    if clash {
        return Err(taken(cx, &format!("hoofdstuk {}", h.number)));
    }
    // A hoofdstuk replaced or inserted whole may bring in an article that a later
    // instruction takes out of another hoofdstuk (an article that moves between
    // hoofdstukken): its number is checked once every instruction has run.
    let mut index = cx.articles.borrow_mut();
    for a in crate::tree::walk::articles_in(&h.content) {
        if let Some(n) = a.number.as_deref()
            && index.count(&r.body, n) > own.get(n).copied().unwrap_or(0)
        {
            index.deferred.push((n.to_string(), cx.step.clone()));
        }
    }
    Ok(())
}

pub(super) fn ordinal(n: &str) -> String {
    n.parse::<u32>()
        .map_or_else(|_| n.to_string(), crate::tree::reference::ordinal_word)
}

/// The content (blocks) an address names: an article's, or a lid's within it.
pub(super) fn content_mut<'a>(
    r: &'a mut Regeling,
    cx: &Ctx<'_>,
    at: &Addr,
) -> Result<&'a mut Vec<Blok>, Fail> {
    let Some(n) = &at.artikel else {
        return Err(cx.fail("A002", "de opdracht noemt geen artikel"));
    };
    let a = article_mut(r, cx, n)?;
    match &at.lid {
        None => Ok(&mut a.content),
        Some(l) => {
            let i = lid_index(&a.content, cx, l)?;
            match &mut a.content[i] {
                Blok::Lid(lid) => Ok(&mut lid.content),
                _ => unreachable!("lid_index finds leden"),
            }
        }
    }
}

/// (list index, item index) of the onderdeel with this letter in `content`.
pub(super) fn item_slot(
    content: &[Blok],
    cx: &Ctx<'_>,
    letter: &str,
) -> Result<(usize, usize), Fail> {
    let mut found = Vec::new();
    for (li, b) in content.iter().enumerate() {
        if let Blok::Lijst(list) = b {
            for (ii, item) in list.items.iter().enumerate() {
                if item.number == letter {
                    found.push((li, ii));
                }
            }
        }
    }
    only_element(cx, found, &format!("onderdeel {letter}"))
}

pub(super) fn items_mut(content: &mut [Blok], li: usize) -> &mut Vec<Onderdeel> {
    match &mut content[li] {
        Blok::Lijst(list) => &mut list.items,
        _ => unreachable!("item_slot finds lists"),
    }
}

#[cfg(test)]
mod tests {
    use super::same_lid_number;

    #[test]
    fn lid_numbers_compare_by_value() {
        // The fuzz finding: a lid written `03.` is "het derde lid" in a besluit.
        assert!(same_lid_number("03", "3"));
        assert!(same_lid_number("3", "003"));
        assert!(same_lid_number("10", "10"));
        assert!(!same_lid_number("10", "1"));
        assert!(!same_lid_number("30", "3"));
        // Not plain digits: as written.
        assert!(same_lid_number("2a", "2a"));
        assert!(!same_lid_number("02a", "2a"));
        assert!(!same_lid_number("", "0"));
    }
}
