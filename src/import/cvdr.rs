//! CVDR XML (lokaleregelgeving.overheid.nl): `cvdr/meta` (owmskern, owmsmantel, cvdripm)
//! and `cvdr/body/regeling` (`aanhef`, `regeling-tekst`, `regeling-sluiting`, bijlagen),
//! with a `nota-toelichting` in the regeling or after it.

use roxmltree::Node;

use super::{Cx, blocks, child, children, descendant, inline};
use crate::diagnostic::Diagnostic;
use crate::tree::*;

pub fn read(cx: &mut Cx<'_, '_>, root: Node<'_, '_>) -> Result<Regeling, Box<Diagnostic>> {
    let body = child(root, "body");
    let regeling = body.and_then(|b| child(b, "regeling"));
    let Some(tekst) = regeling.and_then(|r| child(r, "regeling-tekst")) else {
        return Err(Box::new(cx
            .diag(
                "I003",
                regeling.or(body).unwrap_or(root),
                "geen regelingtekst: het CVDR-document heeft geen <body>/<regeling>/<regeling-tekst>"
                    .to_string(),
            )
            .note("alleen de metadata van een regeling is niet te importeren")));
    };
    let regeling = regeling.unwrap_or(root);
    let mut r = Regeling {
        metadata: metadata(root, body),
        ..Regeling::default()
    };
    if let Some(aanhef) = child(regeling, "aanhef") {
        r.preamble = super::shared::preamble(cx, aanhef);
    }
    r.body = blocks::parts(cx, tekst);
    if let Some(s) = child(regeling, "regeling-sluiting") {
        r.closing = super::shared::closing(cx, s);
    }
    for b in children(regeling, "bijlage") {
        r.annexes.push(super::shared::annex(cx, b));
    }
    let toelichting = child(regeling, "nota-toelichting")
        .or_else(|| body.and_then(|b| child(b, "nota-toelichting")));
    if let Some(t) = toelichting {
        r.explanation = Some(super::shared::explanation(cx, t));
    }
    let mut acts = std::mem::take(&mut cx.acts);
    // The legal basis in owmsmantel (`dcterms:source resourceIdentifier="...BWBR..."`)
    // names an act the text cites too.
    let sources = child(root, "meta")
        .into_iter()
        .flat_map(|m| m.descendants())
        .filter(|n| n.is_element() && n.tag_name().name() == "source");
    for s in sources {
        let bwb = s.attribute("resourceIdentifier").and_then(inline::bwb_in);
        if let (Some(bwb), Some(name)) = (bwb, inline::act_name(&inline::plain(s))) {
            acts.push((name, bwb));
        }
    }
    Ok(super::finish(r, acts))
}

/// owmskern: identifier, title, creator; owmsmantel: alternative (the citeertitel),
/// isFormatOf (the publication); cvdripm: inwerkingtredingDatum.
fn metadata(root: Node<'_, '_>, body: Option<Node<'_, '_>>) -> Metadata {
    let meta = child(root, "meta");
    let find = |name| {
        meta.and_then(|m| descendant(m, name))
            .map(inline::plain)
            .filter(|t| !t.is_empty())
    };
    let title = body
        .and_then(|b| child(b, "intitule"))
        .map(inline::plain)
        .filter(|t| !t.is_empty())
        .or_else(|| find("title"));
    let citation = find("alternative").filter(|c| Some(c) != title.as_ref());
    let creators: Vec<(String, Option<String>)> = meta
        .into_iter()
        .flat_map(|m| m.descendants())
        .filter(|n| n.is_element() && n.tag_name().name() == "creator")
        .map(|n| (inline::plain(n), n.attribute("scheme").map(str::to_string)))
        .filter(|(name, _)| !name.is_empty())
        .collect();
    let mut m = Metadata {
        title: title.clone(),
        citation_title: citation,
        entry_into_force: find("inwerkingtredingDatum")
            .and_then(|d| crate::source::meta::parse_date(&d)),
        ..Metadata::default()
    };
    m.participants = participants(title.as_deref().unwrap_or(""), &creators);
    // Older identifiers lack the `CVDR` prefix (`112779_1`).
    let id = find("identifier").map(|id| {
        if id.starts_with("CVDR") {
            id
        } else {
            format!("CVDR{id}")
        }
    });
    let published = find("isFormatOf");
    m.source = match (id, published) {
        (Some(id), Some(p)) => Some(format!(
            "{id} (lokaleregelgeving.overheid.nl), bekendgemaakt in {p}"
        )),
        (Some(id), None) => Some(format!("{id} (lokaleregelgeving.overheid.nl)")),
        (None, p) => p.map(|p| format!("lokaleregelgeving.overheid.nl, bekendgemaakt in {p}")),
    };
    m
}

/// The deelnemers, where the creator says who they are: several gemeenten as creators,
/// or one gemeente publishing a gemeenschappelijke regeling (each deelnemer publishes
/// it; the others are not named in the metadata, so only this one is known). A single
/// gemeente's own regeling has no deelnemers.
fn participants(title: &str, creators: &[(String, Option<String>)]) -> Vec<String> {
    let gemeenten: Vec<String> = creators
        .iter()
        .filter(|(_, scheme)| scheme.as_deref().is_none_or(|s| s.ends_with("Gemeente")))
        .map(|(name, _)| name.clone())
        .collect();
    let gr = title.to_lowercase().contains("gemeenschappelijke regeling");
    if gemeenten.len() > 1 || (gr && !gemeenten.is_empty()) {
        gemeenten
    } else {
        Vec::new()
    }
}
