//! Applying a wijzigingsbesluit to a regeling: each instruction in order, each naming
//! the text as it reads after the instructions before it (as a reader executes them).
//!
//! Invariant: an instruction that does not fit (the element is not there or is there
//! twice, the words are not there or are there twice, the quoted text is not one element
//! of the announced kind) is an error at the instruction's line, and no tree is returned.
//! So is an instruction that would give an element a number another element already has
//! (a renumbering onto an existing article, an inserted lid with a number in use).
//!
//! Articles are found through an index by number (kept up to date as instructions move
//! them), not by walking the regeling once per instruction.

use super::sentence::{Addr, Sentence, Shift, Soort, Special};
use super::text::{Step, Text};
use crate::diagnostic::Diagnostic;
use crate::tree::*;
use rustc_hash::FxHashMap;
use std::cell::RefCell;

type Fail = Box<Diagnostic>;

struct Ctx<'a> {
    file: &'a str,
    step: &'a Step,
    articles: &'a RefCell<Articles>,
}

/// Where the articles are, by number: their paths (indices through hoofdstukken and
/// paragrafen, then the article's index). Built on first use; instructions that insert,
/// remove or renumber an article update it, one that replaces or moves a hoofdstuk
/// drops it (it is built again when next needed).
#[derive(Default)]
struct Articles {
    built: bool,
    paths: FxHashMap<String, Vec<Vec<usize>>>,
    /// Article numbers a whole hoofdstuk brought in, with the step that did: checked at
    /// the end, since a later instruction may take the other article away.
    deferred: Vec<(String, Step)>,
}

impl Articles {
    fn build(&mut self, body: &[Deel]) {
        if self.built {
            return;
        }
        fn walk(
            parts: &[Deel],
            prefix: &mut Vec<usize>,
            out: &mut FxHashMap<String, Vec<Vec<usize>>>,
        ) {
            for (i, d) in parts.iter().enumerate() {
                prefix.push(i);
                match d {
                    Deel::Hoofdstuk(h) => walk(&h.content, prefix, out),
                    Deel::Paragraaf(p) => walk(&p.content, prefix, out),
                    Deel::Artikel(a) => {
                        if let Some(n) = &a.number {
                            out.entry(n.clone()).or_default().push(prefix.clone());
                        }
                    }
                    _ => {}
                }
                prefix.pop();
            }
        }
        self.paths.clear();
        walk(body, &mut Vec::new(), &mut self.paths);
        self.built = true;
    }

    /// The paths of the articles numbered `n`, in document order.
    fn find(&mut self, body: &[Deel], n: &str) -> Vec<Vec<usize>> {
        self.build(body);
        let mut found = self.paths.get(n).cloned().unwrap_or_default();
        found.sort();
        found
    }

    fn count(&mut self, body: &[Deel], n: &str) -> usize {
        self.build(body);
        self.paths.get(n).map_or(0, Vec::len)
    }

    fn drop_all(&mut self) {
        self.built = false;
        self.paths.clear();
    }

    fn add(&mut self, n: Option<&str>, path: Vec<usize>) {
        if let (true, Some(n)) = (self.built, n) {
            self.paths.entry(n.to_string()).or_default().push(path);
        }
    }

    fn remove(&mut self, n: Option<&str>, path: &[usize]) {
        if let (true, Some(n)) = (self.built, n)
            && let Some(v) = self.paths.get_mut(n)
        {
            v.retain(|p| p != path);
            if v.is_empty() {
                self.paths.remove(n);
            }
        }
    }

    /// After an insertion (`delta` 1) or removal (`delta` -1) at `at` in the list at
    /// `list` of `body` (as it is now): the articles after it in that list (and below
    /// them) move one place. Only the articles of the hoofdstuk or paragraaf the list is
    /// in are looked at: looking at every article for every instruction made `grc apply`
    /// (and the besluit's round trip) quadratic in the instructions (issue 17).
    fn shift(&mut self, body: &[Deel], list: &[usize], at: usize, delta: isize) {
        if !self.built {
            return;
        }
        let depth = list.len();
        let moved = |p: &mut Vec<usize>| {
            if p.len() > depth && p[..depth] == *list && p[depth] >= at {
                p[depth] = p[depth].wrapping_add_signed(delta);
            }
        };
        let part = match list.first().and_then(|&top| body.get(top)) {
            Some(Deel::Hoofdstuk(h)) => &h.content,
            Some(Deel::Paragraaf(p)) => &p.content,
            // The body itself: any later part may hold articles.
            _ => {
                self.paths.values_mut().flatten().for_each(moved);
                return;
            }
        };
        // A number twice in the part must be shifted once.
        let numbers: rustc_hash::FxHashSet<&str> = crate::tree::walk::articles_in(part)
            .into_iter()
            .filter_map(|a| a.number.as_deref())
            .collect();
        for n in numbers {
            if let Some(paths) = self.paths.get_mut(n) {
                paths.iter_mut().for_each(moved);
            }
        }
    }
}

impl Ctx<'_> {
    fn fail(&self, code: &str, message: impl Into<String>) -> Fail {
        Box::new(Diagnostic::new(code, message).at(
            self.file,
            Span {
                line: self.step.line,
                column: 1,
                start: self.step.start,
                end: self.step.start,
            },
        ))
    }

    fn block(&self) -> Result<&str, Fail> {
        self.step
            .block
            .as_ref()
            .map(|(_, b)| b.as_str())
            .ok_or_else(|| self.fail("A003", "de nieuwe tekst ontbreekt"))
    }
}

/// Applies the besluit to (a copy of) the regeling.
pub fn apply(old: &Regeling, besluit: &Text, file: &str) -> Result<Regeling, Vec<Diagnostic>> {
    let mut r = old.clone();
    let articles = RefCell::new(Articles::default());
    for step in &besluit.steps {
        let cx = Ctx {
            file,
            step,
            articles: &articles,
        };
        if let Err(d) = one(&mut r, &cx) {
            return Err(vec![*d]);
        }
    }
    let deferred = std::mem::take(&mut articles.borrow_mut().deferred);
    if !deferred.is_empty() {
        let mut before = Articles::default();
        let mut after = articles.borrow_mut();
        for (n, step) in &deferred {
            if after.count(&r.body, n) > 1 && before.count(&old.body, n) <= 1 {
                let cx = Ctx {
                    file,
                    step,
                    articles: &articles,
                };
                return Err(vec![*taken(&cx, &format!("artikel {n}"))]);
            }
        }
    }
    for (key, value) in &besluit.metadata {
        let v = Some(value.clone()).filter(|v| !v.is_empty());
        let m = &mut r.metadata;
        match key.as_str() {
            "titel" => m.title = v,
            "citeertitel" => m.citation_title = v,
            "soort" => m.kind = v.as_deref().and_then(Soort_::from_dutch),
            "deelnemers" => {
                m.participants = v
                    .map(|v| v.split(',').map(|s| s.trim().to_string()).collect())
                    .unwrap_or_default()
            }
            "inwerkingtreding" => m.entry_into_force = v,
            "versie" => m.version = v,
            "inwoners" => m.population_file = v,
            "bron" => m.source = v,
            _ => {}
        }
    }
    Ok(r)
}

use crate::tree::Soort as Soort_;

/// The address with what the intro gives filled in above its first step.
fn effective(step: &Step, at: &Addr) -> Addr {
    let Some(cx) = &step.context else {
        return at.clone();
    };
    let mut a = at.clone();
    let top_given = a.special.is_some() || a.hoofdstuk.is_some() || a.bijlage.is_some();
    if top_given || a.artikel.is_some() {
        return a;
    }
    a.artikel = cx.artikel.clone();
    a.hoofdstuk = cx.hoofdstuk.clone();
    if a.lid.is_none() {
        a.lid = cx.lid.clone();
    }
    a
}

fn one(r: &mut Regeling, cx: &Ctx<'_>) -> Result<(), Fail> {
    let step = cx.step;
    match &step.sentence {
        Sentence::Intro(_) => Ok(()),
        Sentence::Heading(at) => heading(r, cx, &effective(step, at)),
        Sentence::Whole(at) => whole(r, cx, &effective(step, at)),
        Sentence::Repeal { at, shift } => repeal(r, cx, &effective(step, at), shift.as_ref()),
        Sentence::RepealRun { at, last } => repeal_run(r, cx, &effective(step, at), last),
        Sentence::Renumber { at, to } => {
            let at = effective(step, at);
            let n = at.artikel.clone().unwrap_or_default();
            if *to != n {
                number_free(r, cx, to)?;
            }
            let path = article_path(r, cx, &n)?;
            let a = article_mut(r, cx, &n)?;
            a.number = Some(to.clone());
            let mut index = cx.articles.borrow_mut();
            index.remove(Some(&n), &path);
            index.add(Some(to), path);
            Ok(())
        }
        Sentence::Replace { at, old, new } => replace(r, cx, &effective(step, at), old, new),
        Sentence::Insert { after, at, what } => insert(r, cx, &effective(step, at), *after, *what),
        Sentence::InsertShifting {
            shift,
            within,
            what,
        } => {
            let within = effective(step, within.as_ref().unwrap_or(&Addr::default()));
            insert_shifting(r, cx, &within, shift, *what)
        }
        Sentence::Append { to, what } => append(r, cx, &effective(step, to), *what),
        Sentence::AppendLeden { to, count } => {
            let leden = new_leden(cx)?;
            if leden.len() != *count as usize {
                return Err(cx.fail(
                    "A003",
                    format!(
                        "de opdracht voegt {count} leden toe, de nieuwe tekst heeft er {}",
                        leden.len()
                    ),
                ));
            }
            let to = effective(step, to);
            leden
                .into_iter()
                .try_for_each(|lid| append_lid(r, cx, &to, lid))
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reading quoted text

/// Reads quoted text. `whole`: the text ends where the regeling ends (a quoted
/// slotformulering or toelichting), so an ondertekening is looked for at its end; an
/// article quoted from the middle of a regeling has none (see `source::parse_quoted`).
fn parse_fragment(
    cx: &Ctx<'_>,
    text: &str,
    offset_lines: u32,
    whole: bool,
) -> Result<Regeling, Fail> {
    let (r, diags) = crate::source::parse_quoted("besluit", text, whole);
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
    Ok(r)
}

fn only<T>(cx: &Ctx<'_>, mut items: Vec<T>, what: &str) -> Result<T, Fail> {
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

fn new_part(cx: &Ctx<'_>, kind: Soort) -> Result<Deel, Fail> {
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
fn new_blocks(cx: &Ctx<'_>) -> Result<Vec<Blok>, Fail> {
    let text = format!("Artikel 1\n{}", cx.block()?);
    let r = parse_fragment(cx, &text, 1, false)?;
    let mut parts = r.body.into_iter();
    match parts.next() {
        Some(Deel::Artikel(a)) => Ok(a.content),
        _ => Err(cx.fail("A003", "de nieuwe tekst is leeg")),
    }
}

fn new_lid(cx: &Ctx<'_>) -> Result<Lid, Fail> {
    only(cx, new_leden(cx)?, "lid")
}

/// The leden of the quoted text.
fn new_leden(cx: &Ctx<'_>) -> Result<Vec<Lid>, Fail> {
    Ok(new_blocks(cx)?
        .into_iter()
        .filter_map(|b| match b {
            Blok::Lid(l) => Some(l),
            _ => None,
        })
        .collect())
}

fn new_item(cx: &Ctx<'_>) -> Result<Onderdeel, Fail> {
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
fn new_around(cx: &Ctx<'_>, before: bool) -> Result<Regeling, Fail> {
    let block = cx.block()?;
    if before {
        parse_fragment(cx, &format!("{block}\nArtikel 1\n"), 0, false)
    } else {
        parse_fragment(cx, &format!("Artikel 1\n\n{block}"), 2, true)
    }
}

/// The quoted slotformulering (it follows the articles).
fn new_closing(cx: &Ctx<'_>) -> Result<Sluiting, Fail> {
    new_around(cx, false)?
        .closing
        .ok_or_else(|| cx.fail("A003", "geen slotformulering in de nieuwe tekst"))
}

/// The quoted toelichting (it follows the articles).
fn new_explanation(cx: &Ctx<'_>) -> Result<Toelichting, Fail> {
    new_around(cx, false)?
        .explanation
        .ok_or_else(|| cx.fail("A003", "geen toelichting in de nieuwe tekst"))
}

fn new_line(cx: &Ctx<'_>) -> Result<Tekst, Fail> {
    let text = cx.block()?.trim().to_string();
    if text.is_empty() || text.contains('\n') {
        return Err(cx.fail("A003", "een opschrift is één regel tekst"));
    }
    Ok(Tekst {
        text,
        span: Span::default(),
    })
}

// ---------------------------------------------------------------------------------------
// Finding elements

fn children_mut<'a>(parts: &'a mut Vec<Deel>, path: &[usize]) -> &'a mut Vec<Deel> {
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
fn article_path(r: &Regeling, cx: &Ctx<'_>, n: &str) -> Result<Vec<usize>, Fail> {
    let paths = cx.articles.borrow_mut().find(&r.body, n);
    only_element(cx, paths, &format!("artikel {n}"))
}

/// The list holding the article numbered `n`, and its index there.
fn article_slot<'a>(
    r: &'a mut Regeling,
    cx: &Ctx<'_>,
    n: &str,
) -> Result<(&'a mut Vec<Deel>, usize), Fail> {
    let path = article_path(r, cx, n)?;
    let (last, up) = path.split_last().expect("a path is never empty");
    Ok((children_mut(&mut r.body, up), *last))
}

/// An error if an article numbered `n` exists already.
fn number_free(r: &Regeling, cx: &Ctx<'_>, n: &str) -> Result<(), Fail> {
    if cx.articles.borrow_mut().count(&r.body, n) > 0 {
        return Err(taken(cx, &format!("artikel {n}")));
    }
    Ok(())
}

fn taken(cx: &Ctx<'_>, name: &str) -> Fail {
    cx.fail(
        "A002",
        format!("{name} bestaat al: de opdracht zou dat nummer dubbel geven"),
    )
}

/// The articles of a new part (an article, or a hoofdstuk's): none may have a number an
/// article of the regeling already has, except `replaced` (the one it takes the place of).
fn numbers_free(
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

fn article_number(d: &Deel) -> Option<&str> {
    match d {
        Deel::Artikel(a) => a.number.as_deref(),
        _ => None,
    }
}

fn only_element<T>(cx: &Ctx<'_>, mut found: Vec<T>, name: &str) -> Result<T, Fail> {
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(cx.fail("A002", format!("{name} bestaat niet (meer)"))),
        k => Err(cx.fail("A002", format!("{name} komt {k} keer voor"))),
    }
}

fn article_mut<'a>(r: &'a mut Regeling, cx: &Ctx<'_>, n: &str) -> Result<&'a mut Artikel, Fail> {
    let (list, i) = article_slot(r, cx, n)?;
    match &mut list[i] {
        Deel::Artikel(a) => Ok(a),
        _ => unreachable!("article_slot finds articles"),
    }
}

fn chapter_index(r: &Regeling, cx: &Ctx<'_>, n: &str) -> Result<usize, Fail> {
    let found: Vec<usize> = r
        .body
        .iter()
        .enumerate()
        .filter(|(_, d)| matches!(d, Deel::Hoofdstuk(h) if h.number == n))
        .map(|(i, _)| i)
        .collect();
    only_element(cx, found, &format!("hoofdstuk {n}"))
}

fn annex_index(r: &Regeling, cx: &Ctx<'_>, n: &str) -> Result<usize, Fail> {
    let found: Vec<usize> = r
        .annexes
        .iter()
        .enumerate()
        .filter(|(_, b)| b.number.as_deref() == Some(n))
        .map(|(i, _)| i)
        .collect();
    only_element(cx, found, &format!("bijlage {n}"))
}

fn lid_index(content: &[Blok], cx: &Ctx<'_>, n: &str) -> Result<usize, Fail> {
    let found: Vec<usize> = content
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Blok::Lid(l) if l.number == n))
        .map(|(i, _)| i)
        .collect();
    only_element(cx, found, &format!("het {} lid", ordinal(n)))
}

/// An error if a lid numbered `n` stands in `content` (other than the one at `except`).
fn lid_free(content: &[Blok], cx: &Ctx<'_>, n: &str, except: Option<usize>) -> Result<(), Fail> {
    if !n.chars().any(char::is_alphanumeric) {
        return Ok(());
    }
    let clash = content
        .iter()
        .enumerate()
        .any(|(i, b)| Some(i) != except && matches!(b, Blok::Lid(l) if l.number == n));
    if clash {
        return Err(taken(cx, &format!("het {} lid", ordinal(n))));
    }
    Ok(())
}

/// An error if an onderdeel lettered `n` stands in the lists of `content` (other than
/// the one at `except`: list index, item index).
fn item_free(
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
fn chapter_free(
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

fn ordinal(n: &str) -> String {
    n.parse::<u32>()
        .map_or_else(|_| n.to_string(), crate::tree::reference::ordinal_word)
}

/// The content (blocks) an address names: an article's, or a lid's within it.
fn content_mut<'a>(
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
fn item_slot(content: &[Blok], cx: &Ctx<'_>, letter: &str) -> Result<(usize, usize), Fail> {
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

fn items_mut(content: &mut [Blok], li: usize) -> &mut Vec<Onderdeel> {
    match &mut content[li] {
        Blok::Lijst(list) => &mut list.items,
        _ => unreachable!("item_slot finds lists"),
    }
}

// ---------------------------------------------------------------------------------------
// The instructions

fn heading(r: &mut Regeling, cx: &Ctx<'_>, at: &Addr) -> Result<(), Fail> {
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

fn whole(r: &mut Regeling, cx: &Ctx<'_>, at: &Addr) -> Result<(), Fail> {
    match at.special {
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

fn shift_numbers(numbers: &mut [&mut String], cx: &Ctx<'_>, shift: &Shift) -> Result<(), Fail> {
    let seq = |(a, b): &(String, String)| -> Result<Vec<String>, Fail> {
        super::run(a, b).ok_or_else(|| cx.fail("A002", format!("{a} tot en met {b} is geen reeks")))
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

fn shift_in(content: &mut [Blok], cx: &Ctx<'_>, shift: &Shift) -> Result<(), Fail> {
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
fn repeal_run(r: &mut Regeling, cx: &Ctx<'_>, at: &Addr, last: &str) -> Result<(), Fail> {
    let letters = at.onderdeel.is_some();
    let first = if letters { &at.onderdeel } else { &at.lid };
    let Some(run) = first.as_deref().and_then(|f| super::run(f, last)) else {
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

fn repeal(r: &mut Regeling, cx: &Ctx<'_>, at: &Addr, shift: Option<&Shift>) -> Result<(), Fail> {
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

fn replace(r: &mut Regeling, cx: &Ctx<'_>, at: &Addr, old: &str, new: &str) -> Result<(), Fail> {
    let name = super::sentence::Sentence::Whole(at.clone()).text();
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

fn collect_alineas<'a>(content: &'a mut [Blok], out: &mut Vec<&'a mut Alinea>) {
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

fn insert(r: &mut Regeling, cx: &Ctx<'_>, at: &Addr, after: bool, what: Soort) -> Result<(), Fail> {
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

fn insert_shifting(
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

fn append(r: &mut Regeling, cx: &Ctx<'_>, to: &Addr, what: Soort) -> Result<(), Fail> {
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
fn append_lid(r: &mut Regeling, cx: &Ctx<'_>, to: &Addr, lid: Lid) -> Result<(), Fail> {
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
