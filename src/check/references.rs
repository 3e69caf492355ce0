//! Resolving references to the nodes they name, and what is wrong with them: a target
//! that does not exist (R001), a reference to the provision it stands in (R002), an
//! ambiguous target (R003), a doubled citation (R004), a citation not in the form of
//! Ar 3.29 with a machine-applicable fix (R005), an act grc does not know (R006), and a
//! target that has vervallen (R007).
//!
//! Pure: the tree (with its references extracted) in, data out. Linear: one index of
//! the articles by number, then a constant amount of work per reference.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::check::numbering::{Key, Style, key, show};
use crate::diagnostic::{Diagnostic, Fix};
use crate::tree::reference::*;
use crate::tree::walk::{Context, Node, walk};
use crate::tree::*;

/// A reference and what it points at.
#[derive(Debug, Clone, Serialize)]
pub struct Resolution {
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The eId of the alinea the reference stands in.
    pub from: String,
    pub text: String,
    pub kind: RefKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub act: Option<String>,
    pub targets: Vec<Target>,
    #[serde(skip)]
    pub reference: Reference,
    /// The eIds of the article and lid the reference stands in.
    #[serde(skip)]
    pub context: Vec<String>,
}

/// What one cited provision resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Target {
    /// The node, found.
    Found { eid: String, repealed: bool },
    /// Nothing has this number; `reason` says what does exist (Dutch).
    Missing { cited: String, reason: String },
    /// The number occurs more than once.
    Ambiguous { cited: String, eids: Vec<String> },
    /// A provision of another act.
    External { act: String },
    /// Cannot be resolved from the text (a relative reference outside any article).
    Unresolved { cited: String, reason: String },
    /// "artikel 101, eerste lid" where artikel 101 has no numbered leden: the article's
    /// own text. An article left with one lid loses its "1." when the others are
    /// repealed, and citations of that first lid are often not brought along. The target
    /// is plain, but the citation is stale (R009).
    Whole { eid: String, cited: String },
}

/// Resolves every reference in the regeling.
pub fn resolve(r: &Regeling) -> Vec<Resolution> {
    let index = Index::of(r);
    let mut out = Vec::new();
    walk(r, &mut |cx, node| {
        let Node::Alinea(a) = node else { return };
        for reference in &a.references {
            out.push(resolve_one(r, &index, cx, a, reference));
        }
    });
    out
}

/// Articles by number, separately for a preceding decision and the regeling proper.
struct Index<'a> {
    decision: Articles<'a>,
    regeling: Articles<'a>,
}

/// The articles of one body by number, and the range their numbers span.
#[derive(Default)]
struct Articles<'a> {
    by_number: FxHashMap<&'a str, Vec<&'a Artikel>>,
    /// The lowest and highest article number (as `numbering::key` orders them).
    range: Option<(Key, Key)>,
    /// The forms the numbers are written in (a bit per [`Form`]).
    forms: u8,
}

/// How an article number is written. A regeling numbers its articles in one or two of
/// these forms; a citation in another form (`artikel 3.10` or `artikel 4:60` in a
/// regeling numbered 1, 2, 3; `artikel III` in one without Roman numbers) cites another
/// act's numbering, whatever its leading number, so its absence is no dangling reference.
#[derive(Clone, Copy)]
enum Form {
    Plain = 1,
    Dotted = 2,
    Colon = 4,
    Roman = 8,
}

fn form(number: &str) -> Form {
    let n = number.trim();
    if n.contains(':') {
        Form::Colon
    } else if n.contains('.') {
        Form::Dotted
    } else if n.starts_with(|c: char| c.is_ascii_uppercase()) {
        Form::Roman
    } else {
        Form::Plain
    }
}

impl<'a> Index<'a> {
    fn of(r: &'a Regeling) -> Index<'a> {
        fn by_number(parts: &[Deel]) -> Articles<'_> {
            let mut out = Articles::default();
            for a in crate::tree::walk::articles_in(parts) {
                if let Some(n) = &a.number {
                    out.by_number.entry(n.as_str()).or_default().push(a);
                    out.forms |= form(n) as u8;
                    if let Some(k) = key(n, Style::Arabic) {
                        out.range = Some(match out.range {
                            Some((lo, hi)) => (lo.min(k), hi.max(k)),
                            None => (k, k),
                        });
                    }
                }
            }
            out
        }
        let decision = r
            .preceding_decision
            .as_deref()
            .map(|b| by_number(&b.body))
            .unwrap_or_default();
        let regeling = by_number(&r.body);
        Index { decision, regeling }
    }
}

fn resolve_one(
    r: &Regeling,
    index: &Index<'_>,
    cx: &Context<'_>,
    alinea: &Alinea,
    reference: &Reference,
) -> Resolution {
    let mut targets = Vec::new();
    if reference.kind == RefKind::External {
        targets.push(Target::External {
            act: reference.act.clone().unwrap_or_default(),
        });
    } else if reference.kind == RefKind::Unresolved {
        targets.push(Target::Unresolved {
            cited: reference.text.clone(),
            reason: match &reference.act_text {
                Some(w) if w.starts_with("van ") => format!(
                    "\"{w}\" is geen artikel van deze regeling en geen wet die grc kan aanwijzen"
                ),
                Some(w) => w.clone(),
                None => "grc kan niet bepalen waar deze verwijzing naar wijst".to_string(),
            },
        });
    } else {
        let articles = if cx.in_decision {
            &index.decision
        } else {
            &index.regeling
        };
        // "artikel 40 van deze regeling": named as this regeling's, so never another act's.
        let named_own = reference.act_text.is_some();
        for c in &reference.citations {
            citation(articles, cx, c, named_own, &mut targets);
        }
        // "Artikel 26 vervalt met ingang van 1 juni 2015.": the article that sentence
        // repeals is gone from the consolidated text, as it should be.
        let after = alinea
            .text
            .get((reference.span.end.saturating_sub(alinea.span.start)) as usize..)
            .unwrap_or("");
        if after.starts_with(" vervalt") || after.starts_with(" vervallen") {
            targets.retain(|t| !matches!(t, Target::Missing { .. }));
        }
        // Where a citation may well be another act's, grc does not claim that this
        // regeling lacks what it cites (R001); it says it cannot place it (R008):
        // - in a table's cells, which cite without saying whose (a table of fines lists the
        //   articles of the act it enforces);
        // - in the aanhef, whose "Gelet op" cites the acts the regeling rests on;
        // - in a sentence that cites another act, whose name may cover this citation too
        //   ("bedoeld in artikel 5 van de Wet X en artikel 6, derde lid").
        let before = alinea
            .text
            .get(..(reference.span.start.saturating_sub(alinea.span.start)) as usize)
            .unwrap_or("");
        let doubt = if alinea.text.trim_start().starts_with('|') {
            Some("in een tabel, waarvan grc niet weet over welke regeling die gaat")
        } else if quoted(before) {
            Some("in aangehaalde tekst (tussen aanhalingstekens), die een andere tekst citeert")
        } else if former_text(before, after) {
            Some("de zin noemt een vroegere tekst van die bepaling")
        } else if cx.artikel.is_none()
            && !cx.in_decision
            && r.preamble
                .as_ref()
                .is_some_and(|p| alinea.eid.starts_with(&p.eid))
        {
            Some("in de aanhef, die de regelingen noemt waarop deze berust")
        } else if alinea
            .references
            .iter()
            .any(|x| x.kind == RefKind::External)
        {
            Some("in een zin die ook een andere regeling noemt")
        } else {
            None
        };
        if let Some(why) = doubt {
            for t in &mut targets {
                if let Target::Missing { cited, reason } = t {
                    *t = Target::Unresolved {
                        cited: std::mem::take(cited),
                        reason: format!("{reason}; {why}"),
                    };
                }
            }
        }
    }
    let mut context = Vec::new();
    if let Some(a) = cx.artikel {
        context.push(a.eid.clone());
    }
    if let Some(l) = cx.lid {
        context.push(l.eid.clone());
    }
    context.extend(cx.onderdelen.iter().map(|o| o.eid.clone()));
    Resolution {
        file: r.file.clone(),
        line: reference.span.line,
        column: reference.span.column,
        from: alinea.eid.clone(),
        text: reference.text.clone(),
        kind: reference.kind,
        act: reference.act.clone(),
        targets,
        reference: reference.clone(),
        context,
    }
}

/// An article number that is not there. Within the range of the regeling's own numbers
/// (a gap, `artikel 12a` between 12 and 13) it is missing: an error. Outside it (`artikel
/// 58` in a regeling of twenty articles, `artikel 4:24a` in one numbered 1, 2, 3) the
/// citation is far more likely another act's whose name the sentence gave earlier (or a
/// table's column): grc cannot place it and says so, it does not claim an error, unless
/// the words name this regeling (`van deze regeling`).
fn missing_article(articles: &Articles<'_>, number: &str, named_own: bool) -> Target {
    let cited_as = cited(Some(number), None, None);
    let own_form = articles.forms & form(number) as u8 != 0;
    let in_range = match (key(number, Style::Arabic), articles.range) {
        (Some(k), Some((lo, hi))) => own_form && lo <= k && k <= hi,
        _ => false,
    };
    if in_range || named_own {
        return Target::Missing {
            cited: cited_as,
            reason: format!("artikel {number} bestaat niet"),
        };
    }
    Target::Unresolved {
        cited: cited_as,
        reason: match articles.range {
            Some(_) if !own_form => format!(
                "deze regeling heeft geen artikel {number} en nummert haar artikelen niet zo; \
                 waarschijnlijk een artikel van een andere regeling die de zin niet noemt"
            ),
            Some((lo, hi)) => format!(
                "deze regeling heeft geen artikel {number} (haar artikelen lopen van {} tot en met {}); \
                 waarschijnlijk een artikel van een andere regeling die de zin niet noemt",
                show(&lo, Style::Arabic),
                show(&hi, Style::Arabic)
            ),
            None => format!(
                "deze regeling heeft geen artikel {number}; waarschijnlijk een artikel van een \
                 andere regeling die de zin niet noemt"
            ),
        },
    }
}

/// Whether a citation stands inside quoted text: more opening than closing quotation
/// marks before it in the alinea ("wordt «het negende lid» vervangen door", „...”).
fn quoted(before: &str) -> bool {
    let count = |c: char| before.chars().filter(|&x| x == c).count();
    count('«') > count('»') || count('„') + count('“') > count('”')
}

/// Whether the words around a citation say it cites a former text of the provision:
/// "artikel 10, vierde lid, zoals dat luidde voor ...", "het vóór 1 januari 1992 geldende
/// artikel 5", "het vervallen van artikel 8". The provision may be gone or numbered
/// otherwise now, so its absence is no dangling reference.
fn former_text(before: &str, after: &str) -> bool {
    let after = after.trim_start_matches([',', ' ', '\u{a0}']);
    let said_after = after.starts_with("zoals") && {
        let head: String = after.chars().take(40).collect();
        head.contains(" luidde") || head.contains(" gold")
    };
    let before = before.trim_end_matches([' ', '\u{a0}']);
    said_after
        || before.ends_with("geldende")
        || before.ends_with("gegolden hebbende")
        || before.ends_with("vervallen van")
        || before.ends_with("vervallen")
}

/// `artikel 4, negende lid` as a reader would cite it (for messages).
fn cited(article: Option<&str>, lid: Option<&str>, item: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(a) = article {
        parts.push(format!("artikel {a}"));
    }
    if let Some(l) = lid {
        let word = l.parse::<u32>().map_or(l.to_string(), ordinal_word);
        parts.push(if article.is_some() {
            format!("{word} lid")
        } else {
            format!("het {word} lid")
        });
    }
    if let Some(i) = item {
        parts.push(format!("onder {i}"));
    }
    parts.join(", ")
}

/// The text an article opens with before a lid numbered 2, when no lid is numbered 1: the
/// first lid, whose number the text lost.
fn unnumbered_first_lid(article: &Artikel) -> Option<&Alinea> {
    let first_lid = article
        .content
        .iter()
        .position(|b| matches!(b, Blok::Lid(_)))?;
    match &article.content[first_lid] {
        Blok::Lid(l) if l.number == "2" => {}
        _ => return None,
    }
    // One sentence of regeling text, not a subheading ("Relatie Dagelijks Bestuur –
    // Algemeen Bestuur" before a lid 2 is a title over a gap, whose lid 1 is missing: a
    // property test of `grc renumber` found that).
    // A title line may stand above it ("Wijze van melding", as published texts print an
    // article's opschrift on a line of its own).
    let texts: Vec<&Alinea> = article.content[..first_lid]
        .iter()
        .filter_map(|b| match b {
            Blok::Alinea(a) if !a.text.trim().is_empty() => Some(a),
            _ => None,
        })
        .collect();
    let (last, titles) = texts.split_last()?;
    let sentence = |t: &str| t.trim_end().ends_with(['.', ';', ':']);
    (sentence(&last.text) && titles.iter().all(|t| !sentence(&t.text)) && titles.len() <= 1)
        .then_some(*last)
}

fn unique_values(numerals: &[Numeral]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for n in numerals {
        if !out.contains(&n.value.as_str()) {
            out.push(&n.value);
        }
    }
    out
}

fn citation(
    articles: &Articles<'_>,
    cx: &Context<'_>,
    c: &Citation,
    named_own: bool,
    out: &mut Vec<Target>,
) {
    // The article the citation is about.
    let (article, article_label) = match &c.article {
        Some(n) => match articles.by_number.get(n.value.as_str()).map(Vec::as_slice) {
            // "de artikelen 17 tot en met 20" after artikel 19 was repealed and dropped: a
            // range spans what is there.
            None | Some([]) if n.implied => return,
            None | Some([]) => {
                out.push(missing_article(articles, &n.value, named_own));
                return;
            }
            Some([a]) => (*a, Some(n.value.clone())),
            Some(many) => {
                // Articles numbered anew in every hoofdstuk: the one in this hoofdstuk.
                let here: Vec<&&Artikel> = many
                    .iter()
                    .filter(|a| {
                        cx.hoofdstuk
                            .is_some_and(|h| a.eid.starts_with(&format!("{}__", h.eid)))
                    })
                    .collect();
                if let [a] = here.as_slice() {
                    (**a, Some(n.value.clone()))
                } else {
                    out.push(Target::Ambiguous {
                        cited: cited(Some(&n.value), None, None),
                        eids: many.iter().map(|a| a.eid.clone()).collect(),
                    });
                    return;
                }
            }
        },
        None => match cx.artikel {
            Some(a) => (a, None),
            None => {
                out.push(Target::Unresolved {
                    cited: "dit artikel".into(),
                    reason: "de verwijzing staat niet in een artikel".into(),
                });
                return;
            }
        },
    };
    let art_name = article.label_with_number().to_lowercase();
    let leden: Vec<&Lid> = article.leden().collect();

    // The leden: cited by number, or the one the reference stands in / next to it.
    let mut lid_targets: Vec<&Lid> = Vec::new();
    match c.relation {
        Some(Relation::ThisLid) => match cx.lid {
            Some(l) => lid_targets.push(l),
            None => {
                out.push(Target::Unresolved {
                    cited: "dit lid".into(),
                    reason: format!("de verwijzing staat niet in een lid van {art_name}"),
                });
                return;
            }
        },
        Some(Relation::PreviousLid | Relation::NextLid) => {
            let previous = c.relation == Some(Relation::PreviousLid);
            let word = if previous { "vorige" } else { "volgende" };
            let Some(here) = cx
                .lid
                .and_then(|l| leden.iter().position(|x| std::ptr::eq(*x, l)))
            else {
                out.push(Target::Unresolved {
                    cited: format!("het {word} lid"),
                    reason: format!("de verwijzing staat niet in een lid van {art_name}"),
                });
                return;
            };
            let neighbour = if previous {
                here.checked_sub(1).and_then(|i| leden.get(i))
            } else {
                leden.get(here + 1)
            };
            match neighbour {
                Some(l) => lid_targets.push(l),
                None => {
                    out.push(Target::Missing {
                        cited: format!("het {word} lid"),
                        reason: format!(
                            "lid {} is het {} lid van {art_name}",
                            leden[here].number,
                            if previous { "eerste" } else { "laatste" }
                        ),
                    });
                    return;
                }
            }
        }
        Some(Relation::ThisItem) => {
            // Outside a list, "dit onderdeel" is the part of the regeling it stands in (as
            // AMvB's divided into titels and onderdelen say).
            let part = cx
                .paragraaf
                .map(|p| p.eid.clone())
                .or_else(|| cx.hoofdstuk.map(|h| h.eid.clone()));
            match (cx.onderdelen.last(), part) {
                (Some(o), _) => out.push(found_item(o)),
                (None, Some(eid)) => out.push(Target::Found {
                    eid,
                    repealed: false,
                }),
                (None, None) => out.push(Target::Unresolved {
                    cited: "dit onderdeel".into(),
                    reason: "de verwijzing staat niet in een onderdeel".into(),
                }),
            }
            return;
        }
        Some(Relation::ThisArticle) | None => {}
    }
    let mut whole = false;
    for value in unique_values(&c.leden) {
        let cite = cited(article_label.as_deref(), Some(value), None);
        let matching: Vec<&&Lid> = leden.iter().filter(|l| l.number == value).collect();
        match matching.as_slice() {
            // "In het eerste lid bedoeld" where the first lid lost its "1." (published texts
            // that start an article with plain text and go on with "2."): that text.
            [] if value == "1"
                && let Some(first) = unnumbered_first_lid(article) =>
            {
                out.push(Target::Found {
                    eid: first.eid.clone(),
                    repealed: false,
                });
            }
            // "artikel 101, eerste lid" where artikel 101 has no numbered leden: its text.
            [] if value == "1"
                && leden.is_empty()
                && c.article.is_some()
                && (c.onderdelen.is_empty()
                    || article.content.iter().any(|b| matches!(b, Blok::Lijst(_)))) =>
            {
                out.push(Target::Whole {
                    eid: article.eid.clone(),
                    cited: cite,
                });
                whole = true;
            }
            [] => {
                let reason = if leden.is_empty() {
                    format!("{art_name} heeft geen leden")
                } else {
                    format!(
                        "{art_name} heeft {} leden ({})",
                        leden.len(),
                        numbers(leden.iter().map(|l| l.number.as_str()))
                    )
                };
                out.push(Target::Missing {
                    cited: cite,
                    reason,
                });
            }
            [l] => lid_targets.push(l),
            many => out.push(Target::Ambiguous {
                cited: cite,
                eids: many.iter().map(|l| l.eid.clone()).collect(),
            }),
        }
    }

    // The onderdelen: in each cited lid, else in the lid (or article) the reference is in.
    if !c.onderdelen.is_empty() {
        // "artikel 15, tweede en vierde lid, onder a en b": the onderdelen of the last lid,
        // and the leden before it whole.
        if let [before @ .., _] = lid_targets.as_slice() {
            for l in before {
                out.push(Target::Found {
                    eid: l.eid.clone(),
                    repealed: l.repealed,
                });
            }
        }
        let hosts: Vec<(&[Blok], String)> = if !lid_targets.is_empty() {
            lid_targets[lid_targets.len() - 1..]
                .iter()
                .map(|l| {
                    (
                        l.content.as_slice(),
                        cited(article_label.as_deref(), Some(&l.number), None),
                    )
                })
                .collect()
        } else if whole {
            vec![(article.content.as_slice(), art_name.clone())]
        } else if !c.leden.is_empty() {
            return; // the leden themselves were missing: already reported
        } else if c.article.is_none()
            && cx.lid.is_some()
            && cx.artikel.is_some_and(|a| std::ptr::eq(a, article))
        {
            let l = cx.lid.unwrap_or_else(|| unreachable!());
            (vec![(l.content.as_slice(), cited(None, Some(&l.number), None))])
                .into_iter()
                .collect()
        } else {
            vec![(article.content.as_slice(), art_name.clone())]
        };
        for (content, host) in hosts {
            let items: Vec<&Onderdeel> = content
                .iter()
                .filter_map(|b| match b {
                    Blok::Lijst(list) => Some(list.items.iter()),
                    _ => None,
                })
                .flatten()
                .collect();
            let values = unique_values(&c.onderdelen);
            let last = values.last().copied();
            for value in values {
                let matching: Vec<&&Onderdeel> =
                    items.iter().filter(|o| o.number == value).collect();
                match matching.as_slice() {
                    [] => out.push(Target::Missing {
                        cited: format!("{host}, onder {value}"),
                        reason: if items.is_empty() {
                            format!("{host} heeft geen onderdelen")
                        } else {
                            format!(
                                "{host} heeft de onderdelen {}",
                                numbers(items.iter().map(|o| o.number.as_str()))
                            )
                        },
                    }),
                    // "onderdelen a en b, onder 1°": the subonderdelen of the last one.
                    [o] => {
                        if c.subonderdelen.is_empty() || Some(value) != last {
                            out.push(found_item(o));
                        } else {
                            subonderdelen(o, c, &host, out);
                        }
                    }
                    many => out.push(Target::Ambiguous {
                        cited: format!("{host}, onder {value}"),
                        eids: many.iter().map(|o| o.eid.clone()).collect(),
                    }),
                }
            }
        }
        return;
    }
    if lid_targets.is_empty() {
        if c.leden.is_empty() {
            out.push(Target::Found {
                eid: article.eid.clone(),
                repealed: article.repealed,
            });
        }
        return;
    }
    for l in lid_targets {
        out.push(Target::Found {
            eid: l.eid.clone(),
            repealed: l.repealed,
        });
    }
}

fn found_item(o: &Onderdeel) -> Target {
    Target::Found {
        eid: o.eid.clone(),
        repealed: o.repealed,
    }
}

fn subonderdelen(o: &Onderdeel, c: &Citation, host: &str, out: &mut Vec<Target>) {
    let subs: Vec<&Onderdeel> = o
        .content
        .iter()
        .filter_map(|b| match b {
            Blok::Lijst(list) => Some(list.items.iter()),
            _ => None,
        })
        .flatten()
        .collect();
    for value in unique_values(&c.subonderdelen) {
        match subs
            .iter()
            .find(|s| s.number.trim_end_matches('°') == value)
        {
            Some(s) => out.push(found_item(s)),
            None => out.push(Target::Missing {
                cited: format!("{host}, onder {}, {value}°", o.number),
                reason: format!("onderdeel {} heeft geen subonderdeel {value}°", o.number),
            }),
        }
    }
}

/// `1 tot en met 8` for a run, else the numbers listed.
fn numbers<'a>(ns: impl Iterator<Item = &'a str>) -> String {
    let ns: Vec<&str> = ns.collect();
    match ns.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [first, .., last] if ns.len() > 3 => format!("{first} tot en met {last}"),
        _ => ns.join(", "),
    }
}

/// The findings about references.
pub fn check(r: &Regeling) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for res in resolve(r) {
        let reference = &res.reference;
        let at = |d: Diagnostic| {
            d.at(&r.file, reference.span)
                .node(&res.from)
                .target(&reference.text)
        };
        for t in &res.targets {
            match t {
                Target::Missing { cited, reason } => diags.push(at(Diagnostic::new(
                    "R001",
                    format!("verwijzing naar {cited}, maar {reason}"),
                ))),
                Target::Ambiguous { cited, eids } => diags.push(at(Diagnostic::new(
                    "R003",
                    format!(
                        "verwijzing naar {cited} is dubbelzinnig: dat nummer komt {} keer voor",
                        eids.len()
                    ),
                ))),
                Target::Found { eid, repealed } => {
                    // R002: an absolute or numbered citation of the provision it stands in
                    // ("dit artikel" is the way to do that, and is never reported).
                    let numbered = reference.citations.iter().any(|c| c.relation.is_none());
                    if numbered
                        && (res.from == *eid || res.from.starts_with(&format!("{eid}__")))
                        && res.context.contains(eid)
                    {
                        let what = if eid.contains("__para_") && !eid.contains("__list_") {
                            "het lid"
                        } else if eid.contains("__li_") {
                            "het onderdeel"
                        } else {
                            "het artikel"
                        };
                        let instead = if what == "het artikel" {
                            "dit artikel"
                        } else {
                            "dit lid"
                        };
                        diags.push(at(Diagnostic::new(
                            "R002",
                            format!(
                                "de verwijzing \"{}\" wijst naar {what} waarin ze zelf staat",
                                reference.text
                            ),
                        )
                        .note(format!(
                            "bedoelt u een ander {}? Anders: schrijf \"{instead}\"",
                            &what[4..]
                        ))));
                    }
                    if *repealed {
                        diags.push(at(Diagnostic::new(
                            "R007",
                            format!("verwijzing naar {}, dat is vervallen", reference.text),
                        )));
                    }
                }
                Target::External { act } => {
                    // An amended regeling ("Regeling X wordt als volgt gewijzigd") is
                    // not an act grc should know.
                    let amended = act.to_lowercase().contains("regeling");
                    // "de wet" in a text that neither defines it nor has an aanhef naming
                    // it: the act it is made under, which the text does not name; no
                    // name grc fails to know.
                    let unnamed = matches!(act.as_str(), "de wet" | "het besluit" | "de Wet");
                    // An act the metadata links to its BWB id (`wetten:`, written by
                    // `grc import` from the published links) is known.
                    let linked = r.metadata.bwb_of(act).is_some();
                    if !amended && !unnamed && !linked && crate::refs::acts::by_short(act).is_none()
                    {
                        diags.push(at(Diagnostic::new(
                            "R006",
                            format!("verwijzing naar een wet die grc niet kent: \"{act}\""),
                        )
                        .note("de verwijzing wordt als extern gelezen; voeg de wet toe aan src/refs/wetten.toml om haar te herkennen")));
                    }
                }
                Target::Whole { cited, .. } => diags.push(
                    at(Diagnostic::new(
                        "R009",
                        format!(
                            "verwijzing naar {cited}, maar dat artikel heeft geen genummerde leden; \
                             gelezen als verwijzing naar het artikel"
                        ),
                    ))
                    .note("is het artikel tot één lid teruggebracht, laat dan \"eerste lid\" weg"),
                ),
                Target::Unresolved { cited, reason } => diags.push(at(Diagnostic::new(
                    "R008",
                    format!("verwijzing \"{cited}\" niet geplaatst: {reason}"),
                ))),
            }
        }
        for c in &reference.citations {
            if c.doubled {
                diags.push(at(Diagnostic::new(
                    "R004",
                    format!("\"{}\" noemt het lid twee keer", reference.text),
                )));
            }
        }
        if let Some((replacement, why)) = ar_form(reference) {
            diags.push(
                at(Diagnostic::new(
                    "R005",
                    format!(
                        "schrijf \"{replacement}\" in plaats van \"{}\" (Ar 3.29: {why})",
                        reference.text
                    ),
                ))
                .fix(Fix {
                    start: reference.span.start,
                    end: reference.span.end,
                    replacement,
                }),
            );
        }
    }
    diags
}

/// The reference in the form of Aanwijzing 3.29, if it is not already in it, and why.
///
/// The rewrite is a set of small edits inside the reference (a comma inserted, the leden
/// written as ordinals, `sub` made `onder`), so everything else stays as written.
/// `None` when nothing is wrong, or when the citation cannot be rewritten safely (a
/// sentence part, a range, a lid cited twice with two different numbers).
pub fn ar_form(r: &Reference) -> Option<(String, String)> {
    let base = r.span.start;
    let rel = |s: &Span| ((s.start - base) as usize, (s.end - base) as usize);
    let text = r.text.as_str();
    // Edits: byte range in `text` and its replacement.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut why: Vec<&str> = Vec::new();
    for c in &r.citations {
        if c.zin.is_some() || c.leden.iter().any(|n| n.implied) {
            continue;
        }
        let ordinal_form = c.lid_form == Some(LidForm::Ordinal)
            && c.leden.iter().all(|n| n.form == NumeralForm::OrdinalWord);
        if let Some(lid_span) = &c.lid_span
            && (!ordinal_form || c.doubled)
        {
            let values = unique_values(&c.leden);
            if c.doubled && values.len() != 1 {
                return None;
            }
            let words: Vec<String> = values
                .iter()
                .map(|v| v.parse::<u32>().map_or(v.to_string(), ordinal_word))
                .collect();
            let mut replacement = format!("{} lid", join_nl(&words));
            let (start, end) = rel(lid_span);
            let mut start = start;
            if c.article.is_none() {
                // A relative citation: "de leden 5 en 6" / "lid 1" become "het ... lid".
                match &c.determiner_span {
                    Some(d) => {
                        let (ds, _) = rel(d);
                        let capital = text[ds..].starts_with(char::is_uppercase);
                        start = ds;
                        replacement =
                            format!("{} {replacement}", if capital { "Het" } else { "het" });
                    }
                    None => replacement = format!("het {replacement}"),
                }
            }
            edits.push((start, end, replacement));
            if c.doubled {
                why.push("het lid één keer noemen");
            }
            if c.leden.iter().any(|n| n.form == NumeralForm::OrdinalDigits) {
                why.push("rangtelwoorden voluit (\"eerste lid\", niet \"1ste lid\")");
            }
            if matches!(c.lid_form, Some(LidForm::Number | LidForm::Leden)) {
                why.push("leden met een rangtelwoord (\"tweede lid\", niet \"lid 2\")");
            }
        }
        if c.no_comma_before_lid
            && let Some(lid_span) = &c.lid_span
        {
            let (start, _) = rel(lid_span);
            let gap = text[..start].len() - text[..start].trim_end().len();
            edits.push((start - gap, start, ", ".into()));
            why.push("een komma tussen artikel, lid en onderdeel");
        }
        if let Some(onder) = &c.onder_span {
            let (start, end) = rel(onder);
            if c.onder_word.as_deref() == Some("sub") {
                edits.push((start, end, "onder".into()));
                why.push("\"onder\", niet \"sub\"");
            }
            if c.no_comma_before_onder {
                let gap = text[..start].len() - text[..start].trim_end().len();
                edits.push((start - gap, start, ", ".into()));
                why.push("een komma tussen artikel, lid en onderdeel");
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, replacement) in edits {
        out.replace_range(start..end, &replacement);
    }
    let mut seen = Vec::new();
    why.retain(|w| {
        let new = !seen.contains(w);
        seen.push(*w);
        new
    });
    (out != text).then(|| (out, why.join("; ")))
}

/// `a`, `a en b`, `a, b en c`.
fn join_nl(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refs::grammar::parse_one;

    fn fixed(text: &str) -> Option<String> {
        ar_form(&parse_one(text).unwrap_or_else(|| panic!("`{text}` is a reference")))
            .map(|(t, _)| t)
    }

    #[test]
    fn ar_329_rewrites() {
        for (written, ar) in [
            ("artikel 15, lid 14", "artikel 15, veertiende lid"),
            (
                "artikel 1, lid 1, onder n",
                "artikel 1, eerste lid, onder n",
            ),
            (
                "artikel 1, eerste lid, sub k",
                "artikel 1, eerste lid, onder k",
            ),
            (
                "artikel 3 lid 1 en lid 2",
                "artikel 3, eerste en tweede lid",
            ),
            ("artikel 4 lid 1 en 2", "artikel 4, eerste en tweede lid"),
            (
                "artikel 9 lid 2, 4, 5, 7 en 11",
                "artikel 9, tweede, vierde, vijfde, zevende en elfde lid",
            ),
            (
                "artikel 9 tweede, vierde en elfde lid",
                "artikel 9, tweede, vierde en elfde lid",
            ),
            ("de leden 5, 6 en 9", "het vijfde, zesde en negende lid"),
            ("het 1ste lid", "het eerste lid"),
            (
                "artikel 1, eerste lid onder a",
                "artikel 1, eerste lid, onder a",
            ),
            ("Artikel 7, lid 4, vierde lid", "Artikel 7, vierde lid"),
            ("lid 1", "het eerste lid"),
            // Local edits keep the shape of a list of articles.
            (
                "artikelen 5, 6, 7, 8, 12, 13 en 15 eerste en tweede lid",
                "artikelen 5, 6, 7, 8, 12, 13 en 15, eerste en tweede lid",
            ),
            (
                "artikelen 14 en 18 zesde lid",
                "artikelen 14 en 18, zesde lid",
            ),
            ("artikel 1 onderdeel c", "artikel 1, onderdeel c"),
            ("De leden 5 en 6", "Het vijfde en zesde lid"),
        ] {
            assert_eq!(fixed(written).as_deref(), Some(ar), "{written}");
        }
    }

    #[test]
    fn ar_329_forms_are_left_alone() {
        for ok in [
            "artikel 12",
            "artikel 12, eerste lid",
            "artikel 1, eerste lid, onder k",
            "artikelen 7 en 12",
            "het eerste en tweede lid",
            "artikel 9, tweede, vierde en elfde lid",
            "het vorige lid",
            "dit artikel",
            "onder 'd'",
            "het eerste tot en met derde lid",
        ] {
            assert_eq!(fixed(ok), None, "{ok}");
        }
    }
}
