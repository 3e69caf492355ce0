//! BWB toestand XML (wetten.overheid.nl): `toestand` (`bwb-id`, the date of this
//! version) with `wetgeving` (`intitule`, `citeertitel`, the date of entry into force)
//! and the text in `regeling` (`aanhef`, `regeling-tekst`, `regeling-sluiting`,
//! `bijlage`) or, for a wet, `wet-besluit` (`wettekst`, `wetsluiting`).

use roxmltree::Node;

use super::{Cx, child, children, inline};
use crate::diagnostic::Diagnostic;
use crate::tree::*;

pub fn read(cx: &mut Cx<'_, '_>, root: Node<'_, '_>) -> Result<Regeling, Box<Diagnostic>> {
    let wetgeving = if root.tag_name().name() == "wetgeving" {
        Some(root)
    } else {
        child(root, "wetgeving")
    };
    let host = wetgeving.and_then(|w| child(w, "regeling").or_else(|| child(w, "wet-besluit")));
    let tekst = host.and_then(|h| child(h, "regeling-tekst").or_else(|| child(h, "wettekst")));
    let (Some(wetgeving), Some(host), Some(tekst)) = (wetgeving, host, tekst) else {
        return Err(Box::new(cx
            .diag(
                "I003",
                host.or(wetgeving).unwrap_or(root),
                "geen regelingtekst: verwacht <toestand>/<wetgeving>/<regeling>/<regeling-tekst> (of <wet-besluit>/<wettekst>)"
                    .to_string(),
            )));
    };
    let mut r = Regeling {
        metadata: metadata(root, wetgeving),
        ..Regeling::default()
    };
    if let Some(aanhef) = child(host, "aanhef") {
        r.preamble = super::shared::preamble(cx, aanhef);
    }
    r.body = super::blocks::parts(cx, tekst);
    if let Some(s) = child(host, "regeling-sluiting").or_else(|| child(host, "wetsluiting")) {
        r.closing = super::shared::closing(cx, s);
    }
    for b in children(host, "bijlage").chain(children(wetgeving, "bijlage")) {
        r.annexes.push(super::shared::annex(cx, b));
    }
    if let Some(t) =
        child(wetgeving, "nota-toelichting").or_else(|| child(host, "nota-toelichting"))
    {
        r.explanation = Some(super::shared::explanation(cx, t));
    }
    let acts = std::mem::take(&mut cx.acts);
    Ok(super::finish(r, acts))
}

/// `intitule` (the title), `citeertitel`, `wetgeving/@inwerkingtredingsdatum` (the
/// regeling's entry into force), `toestand/@bwb-id` and `@inwerkingtreding` (the version).
fn metadata(root: Node<'_, '_>, wetgeving: Node<'_, '_>) -> Metadata {
    let text = |name| {
        child(wetgeving, name)
            .map(inline::plain)
            .filter(|t| !t.is_empty())
    };
    let title = text("intitule");
    let citation = text("citeertitel").filter(|c| Some(c) != title.as_ref());
    let id = root.attribute("bwb-id");
    let version = root.attribute("inwerkingtreding");
    Metadata {
        title,
        citation_title: citation,
        entry_into_force: wetgeving
            .attribute("inwerkingtredingsdatum")
            .and_then(crate::source::meta::parse_date),
        version: version.map(|v| format!("toestand {v}")),
        source: id.map(|id| match version {
            Some(v) => format!("{id} (wetten.overheid.nl), toestand {v}"),
            None => format!("{id} (wetten.overheid.nl)"),
        }),
        ..Metadata::default()
    }
}
