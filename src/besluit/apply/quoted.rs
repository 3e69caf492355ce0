//! Reading the new text an instruction quotes, as the element it announces.

use super::*;

/// Reads quoted text. `whole`: the text ends where the regeling ends (a quoted
/// slotformulering or toelichting), so an ondertekening is looked for at its end; an
/// article quoted from the middle of a regeling has none (see `source::parse_quoted`).
pub(super) fn parse_fragment(
    cx: &Ctx<'_>,
    text: &str,
    offset_lines: u32,
    whole: bool,
) -> Result<Regeling, Fail> {
    let memo = &cx.memo.fragments[usize::from(whole)];
    if let Some(r) = memo.borrow().get(text) {
        return Ok(r.clone());
    }
    let (r, diags) = if cx.memo.structure_only {
        crate::source::parse_quoted_structure("besluit", text, whole)
    } else {
        crate::source::parse_quoted("besluit", text, whole)
    };
    first_error(cx, &diags, offset_lines)?;
    memo.borrow_mut().insert(text.to_string(), r.clone());
    Ok(r)
}

/// The regeling quoted in full (the integral form), read as a `.gr` file is, with the
/// regeling's title as its metadata: the reader tells the opschrift by it (the quoted
/// text has no metadata lines, see `generate::form::full_text`).
pub(super) fn new_regeling(cx: &Ctx<'_>) -> Result<Regeling, Fail> {
    let text = cx.block()?;
    let (source, offset) = match (cx.decision, cx.title) {
        (Some(d), title) => {
            let before = crate::source::fragment::before_regeling(title, d);
            let lines = memchr::memchr_iter(b'\n', before.as_bytes()).count() as u32;
            (before + text, lines)
        }
        (None, Some(t)) => (format!("---\ntitel: {t}\n---\n{text}"), 3),
        (None, None) => (text.to_string(), 0),
    };
    let (r, diags) = if cx.memo.structure_only {
        crate::source::parse_structure("besluit", &source)
    } else {
        crate::source::parse("besluit", &source)
    };
    first_error(cx, &diags, offset)?;
    Ok(r)
}

/// The first error reading quoted text, as A003 at its line in the besluit.
fn first_error(cx: &Ctx<'_>, diags: &[Diagnostic], offset_lines: u32) -> Result<(), Fail> {
    if let Some(e) = diags
        .iter()
        .find(|d| d.severity == crate::diagnostic::Severity::Error)
    {
        let first = cx
            .step
            .block
            .as_ref()
            .map(|(l, _)| *l)
            .unwrap_or(cx.step.line);
        let line = (first + e.line).saturating_sub(1 + offset_lines);
        return Err(Box::new(
            Diagnostic::new(
                "A003",
                format!("de nieuwe tekst is onleesbaar: {}", e.message),
            )
            .at(
                cx.file,
                Span {
                    line,
                    column: e.column,
                    start: 0,
                    end: 0,
                },
            ),
        ));
    }
    Ok(())
}

pub(super) fn only<T>(cx: &Ctx<'_>, mut items: Vec<T>, what: &str) -> Result<T, Fail> {
    if items.len() == 1 {
        Ok(items.remove(0))
    } else {
        Err(cx.fail(
            "A003",
            format!(
                "de nieuwe tekst moet precies één {what} zijn, maar bevat er {}",
                items.len()
            ),
        ))
    }
}

pub(super) fn new_part(cx: &Ctx<'_>, kind: Soort) -> Result<Deel, Fail> {
    let r = parse_fragment(cx, cx.block()?, 0, false)?;
    let parts: Vec<Deel> = r
        .body
        .into_iter()
        .filter(|d| match kind {
            Soort::Hoofdstuk => matches!(d, Deel::Hoofdstuk(_)),
            _ => matches!(d, Deel::Artikel(_)),
        })
        .collect();
    only(
        cx,
        parts,
        if kind == Soort::Hoofdstuk {
            "hoofdstuk"
        } else {
            "artikel"
        },
    )
}

/// The blocks of a quoted lid or onderdeel, read inside a bare article.
pub(super) fn new_blocks(cx: &Ctx<'_>) -> Result<Vec<Blok>, Fail> {
    let text = format!("Artikel 1\n{}", cx.block()?);
    let r = parse_fragment(cx, &text, 1, false)?;
    let mut parts = r.body.into_iter();
    match parts.next() {
        Some(Deel::Artikel(a)) => Ok(a.content),
        _ => Err(cx.fail("A003", "de nieuwe tekst is leeg")),
    }
}

pub(super) fn new_lid(cx: &Ctx<'_>) -> Result<Lid, Fail> {
    only(cx, new_leden(cx)?, "lid")
}

/// The leden of the quoted text.
pub(super) fn new_leden(cx: &Ctx<'_>) -> Result<Vec<Lid>, Fail> {
    Ok(new_blocks(cx)?
        .into_iter()
        .filter_map(|b| match b {
            Blok::Lid(l) => Some(l),
            _ => None,
        })
        .collect())
}

pub(super) fn new_item(cx: &Ctx<'_>) -> Result<Onderdeel, Fail> {
    let items: Vec<Onderdeel> = new_blocks(cx)?
        .into_iter()
        .filter_map(|b| match b {
            Blok::Lijst(l) => Some(l.items),
            _ => None,
        })
        .flatten()
        .collect();
    only(cx, items, "onderdeel")
}

/// Text quoted after the last article of a bare regeling: aanhef lines come first.
pub(super) fn new_around(cx: &Ctx<'_>, before: bool) -> Result<Regeling, Fail> {
    let block = cx.block()?;
    if before {
        parse_fragment(cx, &format!("{block}\nArtikel 1\n"), 0, false)
    } else {
        parse_fragment(cx, &format!("Artikel 1\n\n{block}"), 2, true)
    }
}

/// The quoted slotformulering (it follows the articles).
pub(super) fn new_closing(cx: &Ctx<'_>) -> Result<Sluiting, Fail> {
    new_around(cx, false)?
        .closing
        .ok_or_else(|| cx.fail("A003", "geen slotformulering in de nieuwe tekst"))
}

/// The quoted toelichting (it follows the articles).
pub(super) fn new_explanation(cx: &Ctx<'_>) -> Result<Toelichting, Fail> {
    new_around(cx, false)?
        .explanation
        .ok_or_else(|| cx.fail("A003", "geen toelichting in de nieuwe tekst"))
}

pub(super) fn new_line(cx: &Ctx<'_>) -> Result<Tekst, Fail> {
    let text = cx.block()?.trim().to_string();
    if text.is_empty() || text.contains('\n') {
        return Err(cx.fail("A003", "een opschrift is één regel tekst"));
    }
    Ok(Tekst {
        text,
        span: Span::default(),
    })
}
