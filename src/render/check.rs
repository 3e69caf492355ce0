//! The check report as a page for a reader (`out/<naam>.check.html`, beside the JSON):
//! the findings in words, grouped per article, each linked to its place on the regeling's
//! page. The grouping and the wording are `report::reader`'s; this only formats.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::report::reader::{Group, by_article};
use crate::tree::Regeling;

#[derive(Serialize)]
struct View {
    title: String,
    /// `0 fouten, 3 waarschuwingen, 1 opmerking`.
    summary: String,
    /// The regeling's page, for the links (`sora-2022.html`).
    regeling_href: String,
    groups: Vec<Group>,
}

/// The report of `r` with `diags` (sorted), linking to the regeling's page `regeling_href`.
pub fn html(
    env: &minijinja::Environment<'_>,
    r: &Regeling,
    diags: &[Diagnostic],
    regeling_href: &str,
) -> Result<String, String> {
    super::render(
        env,
        "check.html",
        View {
            title: r.display_title().to_string(),
            summary: crate::report::summary(diags),
            regeling_href: regeling_href.to_string(),
            groups: by_article(r, diags),
        },
    )
}
