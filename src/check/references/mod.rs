//! Resolving references to the nodes they name, and what is wrong with them: a target
//! that does not exist (R001), a reference to the provision it stands in (R002), an
//! ambiguous target (R003), a doubled citation (R004), a citation not in the form of
//! Ar 3.29 with a machine-applicable fix (R005), an act grc does not know (R006), and a
//! target that has vervallen (R007).
//!
//! Pure: the tree (with its references extracted) in, data out. Linear: one index of
//! the articles by number, then a constant amount of work per reference.
//!
//! - `citation.rs`: one citation's leden and onderdelen inside the article it names.
//! - `report.rs`: the R findings and the Ar 3.29 form.

mod citation;
mod report;

use citation::citation;
pub use report::{ar_form, check, missing};

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::check::numbering::{Key, Style, key, show};
use crate::tree::reference::*;
use crate::tree::walk::{Context, Node, walk};
use crate::tree::*;

/// A reference and what it points at.
// It borrows from the tree it was resolved in (the file name, eIds, the reference itself)
// instead of copying: a copy of every reference with its citations was a fifth of `grc
// check`'s peak memory on a 10 MB regeling (README, issue 17, tenth round). A plain
// comment: the doc comment is the schema's description (docs/schema/refs.schema.json).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Resolution<'a> {
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
    /// The eId of the alinea the reference stands in; `longTitle` (Akoma Ntoso's name: the
    /// title has no eId of its own) for a citation in the regeling's title.
    pub from: &'a str,
    pub text: String,
    pub kind: RefKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub act: Option<String>,
    pub targets: Vec<Target>,
    #[serde(skip)]
    pub reference: &'a Reference,
    /// The eIds of the article and lid the reference stands in.
    #[serde(skip)]
    pub context: Vec<&'a str>,
}

/// What one cited provision resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
pub fn resolve(r: &Regeling) -> Vec<Resolution<'_>> {
    let index = Index::of(r);
    let mut out = Vec::new();
    walk(r, &mut |cx, node| {
        let Node::Alinea(a) = node else { return };
        for reference in &a.references {
            out.push(resolve_one(r, &index, cx, a, reference));
        }
    });
    // The title's citations all name another act (see `refs::extract`); they go in
    // reading order, after a preceding decision's and before the aanhef's.
    let title_line = r.title.as_ref().map_or(0, |t| t.span.line);
    let at = out.partition_point(|x| x.line <= title_line);
    let title = r.title_references.iter().map(|reference| {
        let targets = vec![Target::External {
            act: reference.act.clone().unwrap_or_default(),
        }];
        resolution(r, reference, "longTitle", targets, Vec::new())
    });
    out.splice(at..at, title);
    out
}

/// Articles by number, separately for a preceding decision and the regeling proper.
struct Index<'a> {
    decision: Articles<'a>,
    regeling: Articles<'a>,
    /// The eIds of the bijlagen with article headings of their own (a model agreement, a
    /// reglement), kept as text (see P021): their citations may well be of those articles.
    annexes_with_articles: Vec<&'a str>,
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
            let mut later = false;
            for a in crate::tree::walk::articles_in(parts) {
                later |= a.takes_effect_later().is_some();
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
            if later {
                // A future text printed beside the text in force (S007) is not a second
                // article of that number: a citation names the one in force.
                for versions in out.by_number.values_mut() {
                    if versions.iter().any(|a| a.takes_effect_later().is_none()) {
                        versions.retain(|a| a.takes_effect_later().is_none());
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
        let annexes_with_articles = r
            .annexes
            .iter()
            .filter(|b| {
                b.content.iter().any(
                    |c| matches!(c, Blok::Alinea(a) if crate::refs::is_article_heading(&a.text)),
                )
            })
            .map(|b| b.eid.as_str())
            .collect();
        Index {
            decision,
            regeling,
            annexes_with_articles,
        }
    }
}

fn resolve_one<'a>(
    r: &'a Regeling,
    index: &Index<'_>,
    cx: &Context<'a>,
    alinea: &'a Alinea,
    reference: &'a Reference,
) -> Resolution<'a> {
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
        } else if index.annexes_with_articles.iter().any(|b| {
            alinea
                .eid
                .strip_prefix(b)
                .is_some_and(|rest| rest.starts_with("__"))
        }) {
            Some("in een bijlage met eigen artikelen, waarnaar de verwijzing kan wijzen")
        } else if cx.artikel.is_some_and(|a| a.takes_effect_later().is_some()) {
            Some(
                "in een tekst die pas later in werking treedt, en die kan noemen wat pas dan bestaat",
            )
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
        context.push(a.eid.as_str());
    }
    if let Some(l) = cx.lid {
        context.push(l.eid.as_str());
    }
    context.extend(cx.onderdelen.iter().map(|o| o.eid.as_str()));
    resolution(r, reference, &alinea.eid, targets, context)
}

/// A reference standing in `from`, with what it resolved to.
fn resolution<'a>(
    r: &'a Regeling,
    reference: &'a Reference,
    from: &'a str,
    targets: Vec<Target>,
    context: Vec<&'a str>,
) -> Resolution<'a> {
    Resolution {
        file: &r.file,
        line: reference.span.line,
        column: reference.span.column,
        from,
        text: reference.text.clone(),
        kind: reference.kind,
        act: reference.act.clone(),
        targets,
        reference,
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
        let word = crate::tree::reference::ordinal_of(l);
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

fn unique_values(numerals: &[Numeral]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for n in numerals {
        if !out.contains(&n.value.as_str()) {
            out.push(&n.value);
        }
    }
    out
}
