//! Carrying out each kind of instruction on the regeling.

use super::*;

pub(super) fn heading(r: &mut Regeling, cx: &Ctx<'_>, at: &Addr) -> Result<(), Fail> {
    let text = new_line(cx)?;
    if at.special == Some(Special::Regeling) {
        r.title = Some(text);
    } else if let Some(h) = &at.hoofdstuk {
        let i = chapter_index(r, cx, h)?;
        if let Deel::Hoofdstuk(h) = &mut r.body[i] {
            h.heading = Some(text);
        }
    } else if let Some(n) = &at.artikel {
        article_mut(r, cx, n)?.heading = Some(text);
    } else {
        return Err(cx.fail("A002", "dit opschrift kan grc niet vinden"));
    }
    Ok(())
}

pub(super) fn whole(r: &mut Regeling, cx: &Ctx<'_>, at: &Addr) -> Result<(), Fail> {
    match at.special {
        Some(Special::Regeling) => {
            // The integral form: everything but the metadata (carried by `nieuw.` lines)
            // and a decision printed before the regeling (no besluit amends that).
            let f = new_regeling(cx)?;
            r.title = f.title;
            r.preamble = f.preamble;
            r.body = f.body;
            r.closing = f.closing;
            r.annexes = f.annexes;
            r.explanation = f.explanation;
            cx.articles.borrow_mut().drop_all();
            return Ok(());
        }
        Some(Special::Aanhef) => {
            let f = new_around(cx, true)?;
            r.preamble = f.preamble;
            return Ok(());
        }
        Some(Special::Slotformulering) => {
            r.closing = Some(new_closing(cx)?);
            return Ok(());
        }
        Some(Special::Toelichting) => {
            r.explanation = Some(new_explanation(cx)?);
            return Ok(());
        }
        _ => {}
    }
    if let Some(b) = &at.bijlage {
        let i = annex_index(r, cx, b)?;
        let f = new_around(cx, false)?;
        r.annexes[i] = only(cx, f.annexes, "bijlage")?;
        return Ok(());
    }
    if let Some(h) = &at.hoofdstuk
        && at.artikel.is_none()
    {
        let i = chapter_index(r, cx, h)?;
        let part = new_part(cx, Soort::Hoofdstuk)?;
        chapter_free(r, cx, &part, Some(i))?;
        r.body[i] = part;
        cx.articles.borrow_mut().drop_all();
        return Ok(());
    }
    let Some(n) = at.artikel.clone() else {
        return Err(cx.fail("A002", "de opdracht noemt geen artikel"));
    };
    match (&at.lid, &at.onderdeel) {
        (None, None) => {
            let part = new_part(cx, Soort::Artikel)?;
            let path = article_path(r, cx, &n)?;
            numbers_free(r, cx, &part, Some(&n))?;
            let (list, i) = article_slot(r, cx, &n)?;
            let number = article_number(&part).map(str::to_string);
            list[i] = part;
            let mut index = cx.articles.borrow_mut();
            index.remove(Some(&n), &path);
            index.add(number.as_deref(), path);
        }
        (Some(l), None) => {
            let lid = new_lid(cx)?;
            let a = article_mut(r, cx, &n)?;
            let i = lid_index(&a.content, cx, l)?;
            lid_free(&a.content, cx, &lid.number, Some(i))?;
            a.content[i] = Blok::Lid(lid);
        }
        (_, Some(o)) => {
            let item = new_item(cx)?;
            let content = content_mut(r, cx, at)?;
            let (li, ii) = item_slot(content, cx, o)?;
            item_free(content, cx, &item.number, Some((li, ii)))?;
            items_mut(content, li)[ii] = item;
        }
    }
    Ok(())
}

pub(super) fn shift_numbers(
    numbers: &mut [&mut String],
    cx: &Ctx<'_>,
    shift: &Shift,
) -> Result<(), Fail> {
    let seq = |(a, b): &(String, String)| -> Result<Vec<String>, Fail> {
        crate::besluit::run(a, b)
            .ok_or_else(|| cx.fail("A002", format!("{a} tot en met {b} is geen reeks")))
    };
    let from = seq(&shift.from)?;
    let to = seq(&shift.to)?;
    if from.len() != to.len() {
        return Err(cx.fail("A002", "de reeksen van de vernummering zijn niet even lang"));
    }
    for (f, t) in from.iter().zip(&to) {
        let hits: Vec<usize> = numbers
            .iter()
            .enumerate()
            .filter(|(_, n)| **n == f)
            .map(|(i, _)| i)
            .collect();
        let i = only_element(cx, hits, &format!("nummer {f}"))?;
        // Mark first, so 3→4 and 4→5 do not collide.
        *numbers[i] = format!("\u{0}{t}");
    }
    for n in numbers.iter_mut() {
        if let Some(t) = n.strip_prefix('\u{0}') {
            **n = t.to_string();
        }
    }
    Ok(())
}

pub(super) fn shift_in(content: &mut [Blok], cx: &Ctx<'_>, shift: &Shift) -> Result<(), Fail> {
    let mut numbers: Vec<&mut String> = Vec::new();
    for b in content.iter_mut() {
        match b {
            Blok::Lid(l) if !shift.letters => numbers.push(&mut l.number),
            Blok::Lijst(list) if shift.letters => {
                numbers.extend(list.items.iter_mut().map(|i| &mut i.number))
            }
            _ => {}
        }
    }
    shift_numbers(&mut numbers, cx, shift)
}

/// A run repealed without renumbering is its repeals one by one: the others keep their
/// numbers, so each element of the run is still found under its old number.
pub(super) fn repeal_run(
    r: &mut Regeling,
    cx: &Ctx<'_>,
    at: &Addr,
    last: &str,
) -> Result<(), Fail> {
    let letters = at.onderdeel.is_some();
    let first = if letters { &at.onderdeel } else { &at.lid };
    let Some(run) = first.as_deref().and_then(|f| crate::besluit::run(f, last)) else {
        return Err(cx.fail(
            "A002",
            "de reeks die vervalt loopt niet op van het eerste naar het laatste",
        ));
    };
    for n in run {
        let mut one = at.clone();
        if letters {
            one.onderdeel = Some(n);
        } else {
            one.lid = Some(n);
        }
        repeal(r, cx, &one, None)?;
    }
    Ok(())
}

pub(super) fn repeal(
    r: &mut Regeling,
    cx: &Ctx<'_>,
    at: &Addr,
    shift: Option<&Shift>,
) -> Result<(), Fail> {
    match at.special {
        Some(Special::Aanhef) => {
            r.preamble = None;
            return Ok(());
        }
        Some(Special::Slotformulering) => {
            r.closing = None;
            return Ok(());
        }
        Some(Special::Toelichting) => {
            r.explanation = None;
            return Ok(());
        }
        _ => {}
    }
    if let Some(b) = &at.bijlage {
        let i = annex_index(r, cx, b)?;
        r.annexes.remove(i);
        return Ok(());
    }
    if let Some(h) = &at.hoofdstuk
        && at.artikel.is_none()
    {
        let i = chapter_index(r, cx, h)?;
        r.body.remove(i);
        cx.articles.borrow_mut().drop_all();
        return Ok(());
    }
    let Some(n) = at.artikel.clone() else {
        return Err(cx.fail("A002", "de opdracht noemt geen artikel"));
    };
    match (&at.lid, &at.onderdeel) {
        (None, None) => {
            let path = article_path(r, cx, &n)?;
            let (list, i) = article_slot(r, cx, &n)?;
            list.remove(i);
            let mut index = cx.articles.borrow_mut();
            index.remove(Some(&n), &path);
            index.shift(&r.body, &path[..path.len() - 1], i + 1, -1);
        }
        (Some(l), None) => {
            let a = article_mut(r, cx, &n)?;
            let i = lid_index(&a.content, cx, l)?;
            a.content.remove(i);
            if let Some(s) = shift {
                shift_in(&mut a.content, cx, s)?;
            }
        }
        (_, Some(o)) => {
            let content = content_mut(r, cx, at)?;
            let (li, ii) = item_slot(content, cx, o)?;
            let items = items_mut(content, li);
            items.remove(ii);
            if items.is_empty() {
                content.remove(li);
            }
            if let Some(s) = shift {
                shift_in(content, cx, s)?;
            }
        }
    }
    Ok(())
}

pub(super) fn replace(
    r: &mut Regeling,
    cx: &Ctx<'_>,
    at: &Addr,
    old: &str,
    new: &str,
    every: bool,
) -> Result<(), Fail> {
    let name = Sentence::Whole(at.clone()).text();
    let name = name
        .trim_end_matches(" komt te luiden:")
        .trim_end_matches(',')
        .to_lowercase();
    let content: &mut Vec<Blok> = match &at.onderdeel {
        Some(o) => {
            let content = content_mut(r, cx, at)?;
            let (li, ii) = item_slot(content, cx, o)?;
            &mut items_mut(content, li)[ii].content
        }
        None => content_mut(r, cx, at)?,
    };
    let mut alineas: Vec<&mut Alinea> = Vec::new();
    collect_alineas(content, &mut alineas);
    let count: usize = alineas.iter().map(|a| a.text.matches(old).count()).sum();
    match count {
        // "telkens": every occurrence, however many.
        1.. if every => {
            for a in alineas {
                a.text = a.text.replace(old, new);
            }
            Ok(())
        }
        1 => {
            let a = alineas
                .into_iter()
                .find(|a| a.text.contains(old))
                .expect("counted once");
            a.text = a.text.replacen(old, new, 1);
            Ok(())
        }
        0 => Err(cx.fail("A002", format!("\"{old}\" staat niet in {name}"))),
        k => Err(cx.fail(
            "A002",
            format!("\"{old}\" staat {k} keer in {name}; maak de aanhaling langer"),
        )),
    }
}

pub(super) fn collect_alineas<'a>(content: &'a mut [Blok], out: &mut Vec<&'a mut Alinea>) {
    for b in content {
        match b {
            Blok::Alinea(a) => out.push(a),
            Blok::Lid(l) => collect_alineas(&mut l.content, out),
            Blok::Lijst(list) => {
                for item in &mut list.items {
                    collect_alineas(&mut item.content, out);
                }
            }
            Blok::Opmerking(_) => {}
        }
    }
}

pub(super) fn insert(
    r: &mut Regeling,
    cx: &Ctx<'_>,
    at: &Addr,
    after: bool,
    what: Soort,
) -> Result<(), Fail> {
    let offset = usize::from(after);
    match what {
        Soort::Toelichting | Soort::Slotformulering => {
            return Err(cx.fail(
                "A001",
                "een toelichting of slotformulering wordt aan de regeling toegevoegd, niet ingevoegd",
            ));
        }
        Soort::Hoofdstuk => {
            let part = new_part(cx, Soort::Hoofdstuk)?;
            let h = at
                .hoofdstuk
                .clone()
                .ok_or_else(|| cx.fail("A002", "de opdracht noemt geen hoofdstuk"))?;
            let i = chapter_index(r, cx, &h)?;
            chapter_free(r, cx, &part, None)?;
            r.body.insert(i + offset, part);
            cx.articles.borrow_mut().drop_all();
        }
        Soort::Artikel => {
            let part = new_part(cx, Soort::Artikel)?;
            let n = at
                .artikel
                .clone()
                .ok_or_else(|| cx.fail("A002", "de opdracht noemt geen artikel"))?;
            let mut path = article_path(r, cx, &n)?;
            numbers_free(r, cx, &part, None)?;
            let number = article_number(&part).map(str::to_string);
            let (list, i) = article_slot(r, cx, &n)?;
            list.insert(i + offset, part);
            let mut index = cx.articles.borrow_mut();
            let last = path.len() - 1;
            index.shift(&r.body, &path[..last], i + offset, 1);
            path[last] = i + offset;
            index.add(number.as_deref(), path);
        }
        Soort::Bijlage => {
            let f = new_around(cx, false)?;
            let annex = only(cx, f.annexes, "bijlage")?;
            let b = at
                .bijlage
                .clone()
                .ok_or_else(|| cx.fail("A002", "de opdracht noemt geen bijlage"))?;
            let i = annex_index(r, cx, &b)?;
            if let Some(n) = &annex.number
                && r.annexes.iter().any(|a| a.number.as_ref() == Some(n))
            {
                return Err(taken(cx, &format!("bijlage {n}")));
            }
            r.annexes.insert(i + offset, annex);
        }
        Soort::Lid => {
            let lid = new_lid(cx)?;
            let l = at
                .lid
                .clone()
                .ok_or_else(|| cx.fail("A002", "de opdracht noemt geen lid"))?;
            let n = at
                .artikel
                .clone()
                .ok_or_else(|| cx.fail("A002", "de opdracht noemt geen artikel"))?;
            let a = article_mut(r, cx, &n)?;
            let i = lid_index(&a.content, cx, &l)?;
            lid_free(&a.content, cx, &lid.number, None)?;
            a.content.insert(i + offset, Blok::Lid(lid));
        }
        Soort::Onderdeel => {
            let item = new_item(cx)?;
            let o = at
                .onderdeel
                .clone()
                .ok_or_else(|| cx.fail("A002", "de opdracht noemt geen onderdeel"))?;
            let content = content_mut(r, cx, at)?;
            let (li, ii) = item_slot(content, cx, &o)?;
            item_free(content, cx, &item.number, None)?;
            items_mut(content, li).insert(ii + offset, item);
        }
    }
    Ok(())
}

pub(super) fn insert_shifting(
    r: &mut Regeling,
    cx: &Ctx<'_>,
    within: &Addr,
    shift: &Shift,
    what: Soort,
) -> Result<(), Fail> {
    let first = shift.to.0.clone();
    match what {
        Soort::Lid => {
            let lid = new_lid(cx)?;
            let n = within
                .artikel
                .clone()
                .ok_or_else(|| cx.fail("A002", "de opdracht noemt geen artikel"))?;
            let a = article_mut(r, cx, &n)?;
            shift_in(&mut a.content, cx, shift)?;
            let i = lid_index(&a.content, cx, &first)?;
            lid_free(&a.content, cx, &lid.number, None)?;
            a.content.insert(i, Blok::Lid(lid));
        }
        Soort::Onderdeel => {
            let item = new_item(cx)?;
            let content = content_mut(r, cx, within)?;
            shift_in(content, cx, shift)?;
            let (li, ii) = item_slot(content, cx, &first)?;
            item_free(content, cx, &item.number, None)?;
            items_mut(content, li).insert(ii, item);
        }
        _ => {
            return Err(cx.fail(
                "A001",
                "vernummering bij invoegen kent grc alleen voor leden en onderdelen",
            ));
        }
    }
    Ok(())
}

pub(super) fn append(r: &mut Regeling, cx: &Ctx<'_>, to: &Addr, what: Soort) -> Result<(), Fail> {
    match what {
        Soort::Toelichting => {
            if r.explanation.is_some() {
                return Err(cx.fail("A002", "de regeling heeft al een toelichting"));
            }
            r.explanation = Some(new_explanation(cx)?);
        }
        Soort::Slotformulering => {
            if r.closing.is_some() {
                return Err(cx.fail("A002", "de regeling heeft al een slotformulering"));
            }
            r.closing = Some(new_closing(cx)?);
        }
        Soort::Hoofdstuk => {
            let part = new_part(cx, Soort::Hoofdstuk)?;
            chapter_free(r, cx, &part, None)?;
            r.body.push(part);
            cx.articles.borrow_mut().drop_all();
        }
        Soort::Bijlage => {
            let f = new_around(cx, false)?;
            let annex = only(cx, f.annexes, "bijlage")?;
            if let Some(n) = &annex.number
                && r.annexes.iter().any(|a| a.number.as_ref() == Some(n))
            {
                return Err(taken(cx, &format!("bijlage {n}")));
            }
            r.annexes.push(annex);
        }
        Soort::Artikel => {
            let part = new_part(cx, Soort::Artikel)?;
            numbers_free(r, cx, &part, None)?;
            let number = article_number(&part).map(str::to_string);
            let path = match &to.hoofdstuk {
                Some(h) => {
                    let i = chapter_index(r, cx, h)?;
                    match &mut r.body[i] {
                        Deel::Hoofdstuk(h) => {
                            h.content.push(part);
                            vec![i, h.content.len() - 1]
                        }
                        _ => unreachable!("chapter_index finds hoofdstukken"),
                    }
                }
                None => {
                    r.body.push(part);
                    vec![r.body.len() - 1]
                }
            };
            cx.articles.borrow_mut().add(number.as_deref(), path);
        }
        Soort::Lid => append_lid(r, cx, to, new_lid(cx)?)?,
        Soort::Onderdeel => {
            let item = new_item(cx)?;
            let content = content_mut(r, cx, to)?;
            item_free(content, cx, &item.number, None)?;
            match content.iter().rposition(|b| matches!(b, Blok::Lijst(_))) {
                Some(li) => items_mut(content, li).push(item),
                None => content.push(Blok::Lijst(Lijst {
                    items: vec![item],
                    ..Lijst::default()
                })),
            }
        }
    }
    Ok(())
}

/// Adds a lid after the last lid of the article, before a closing alinea if any.
pub(super) fn append_lid(r: &mut Regeling, cx: &Ctx<'_>, to: &Addr, lid: Lid) -> Result<(), Fail> {
    let n = to
        .artikel
        .clone()
        .ok_or_else(|| cx.fail("A002", "de opdracht noemt geen artikel"))?;
    let a = article_mut(r, cx, &n)?;
    lid_free(&a.content, cx, &lid.number, None)?;
    let at = a
        .content
        .iter()
        .rposition(|b| matches!(b, Blok::Lid(_)))
        .map_or(a.content.len(), |i| i + 1);
    a.content.insert(at, Blok::Lid(lid));
    Ok(())
}
