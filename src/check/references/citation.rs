//! One citation resolved inside an article: its leden (numbered, lettered, or the first
//! lid whose number the text lost) and its onderdelen and subonderdelen.

use crate::tree::reference::*;
use crate::tree::walk::Context;
use crate::tree::*;

use super::*;

pub(super) fn citation(
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
            // "het in het eerste lid bedoelde personeel" in an article whose leden are
            // lettered (`a.Het Comité ...` / `b.Het in het eerste lid bedoelde ...`): the
            // onderdeel in that place.
            [] if leden.is_empty()
                && c.onderdelen.is_empty()
                && let Some(o) = lettered_lid(article, value) =>
            {
                out.push(found_item(o));
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
        let list_items = crate::tree::walk::list_items;
        let mut in_leden = false;
        let (items, host) = if let Some(l) = lid_targets.last() {
            (
                list_items(&l.content),
                cited(article_label.as_deref(), Some(&l.number), None),
            )
        } else if whole {
            (list_items(&article.content), art_name.clone())
        } else if !c.leden.is_empty() {
            return; // the leden themselves were missing: already reported
        } else if c.article.is_none()
            && let Some(l) = cx.lid
            && cx.artikel.is_some_and(|a| std::ptr::eq(a, article))
        {
            (list_items(&l.content), cited(None, Some(&l.number), None))
        } else {
            let own = list_items(&article.content);
            if own.is_empty() && !leden.is_empty() {
                // "artikel 3.2.1, onderdeel b" of an article whose onderdelen stand in its
                // leden: the lid is left out (Ar 3.29 would name it), but the onderdeel
                // is there, in one lid (else ambiguous, R003).
                in_leden = true;
                let items = leden.iter().flat_map(|l| list_items(&l.content)).collect();
                (items, art_name.clone())
            } else {
                (own, art_name.clone())
            }
        };
        let values = unique_values(&c.onderdelen);
        let last = values.last().copied();
        for value in values {
            let matching: Vec<&&Onderdeel> = items.iter().filter(|o| o.number == value).collect();
            match matching.as_slice() {
                [] => out.push(Target::Missing {
                    cited: format!("{host}, onder {value}"),
                    reason: if items.is_empty() {
                        format!("{host} heeft geen onderdelen")
                    } else {
                        format!(
                            "{host} heeft {}de onderdelen {}",
                            if in_leden { "in zijn leden " } else { "" },
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

pub(super) fn found_item(o: &Onderdeel) -> Target {
    Target::Found {
        eid: o.eid.clone(),
        repealed: o.repealed,
    }
}

pub(super) fn subonderdelen(o: &Onderdeel, c: &Citation, host: &str, out: &mut Vec<Target>) {
    let subs = crate::tree::walk::list_items(&o.content);
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
pub(super) fn numbers<'a>(ns: impl Iterator<Item = &'a str>) -> String {
    let ns: Vec<&str> = ns.collect();
    match ns.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [first, .., last] if ns.len() > 3 => format!("{first} tot en met {last}"),
        _ => ns.join(", "),
    }
}

/// The text an article opens with before a lid numbered 2, when no lid is numbered 1: the
/// first lid, whose number the text lost.
pub(super) fn unnumbered_first_lid(article: &Artikel) -> Option<&Alinea> {
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

/// Lid `value` of an article whose leden are lettered instead of numbered: its text is
/// one list and nothing else, of two or more onderdelen that are each whole sentences
/// starting with a capital (`a.Het Nationaal Comité kiest ... .` / `b.Het Dagelijks
/// Bestuur treedt op ... .`); a list of cases or definitions never is.
pub(super) fn lettered_lid<'a>(article: &'a Artikel, value: &str) -> Option<&'a Onderdeel> {
    let mut lists = article.content.iter().filter(|b| match b {
        Blok::Opmerking(_) => false,
        Blok::Alinea(a) => !a.text.trim().is_empty(),
        _ => true,
    });
    let (Some(Blok::Lijst(lijst)), None) = (lists.next(), lists.next()) else {
        return None;
    };
    let sentences = lijst.items.len() >= 2
        && lijst.items.iter().all(|o| {
            o.term.is_none()
                && o.number.chars().all(|c| c.is_ascii_lowercase())
                && matches!(o.content.first(), Some(Blok::Alinea(a))
                    if a.text.starts_with(char::is_uppercase) && a.text.trim_end().ends_with('.'))
        });
    let n: usize = value.parse().ok()?;
    sentences
        .then(|| lijst.items.get(n.checked_sub(1)?))
        .flatten()
}
