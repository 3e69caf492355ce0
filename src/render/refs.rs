//! The listing of `grc refs`: one line per reference with its kind and where it points,
//! then a count by kind. Dutch: it is read by people (the JSON form is the data itself).

use serde::Serialize;

use crate::check::references::{Resolution, Target};
use crate::tree::reference::RefKind;

#[derive(Serialize)]
struct Line {
    file: String,
    line: u32,
    column: u32,
    kind: &'static str,
    text: String,
    targets: String,
}

#[derive(Serialize)]
struct View {
    lines: Vec<Line>,
    total: usize,
    internal: usize,
    relative: usize,
    external: usize,
    unresolved: usize,
}

fn kind(k: RefKind) -> &'static str {
    match k {
        RefKind::Internal => "intern",
        RefKind::Relative => "relatief",
        RefKind::External => "extern",
        RefKind::Unresolved => "onbepaald",
    }
}

fn target(t: &Target) -> String {
    match t {
        Target::Found { eid, repealed } => {
            format!("{eid}{}", if *repealed { " (vervallen)" } else { "" })
        }
        Target::Missing { cited, reason } => format!("ONTBREEKT: {cited} ({reason})"),
        Target::Ambiguous { cited, eids } => {
            format!("DUBBELZINNIG: {cited} ({})", eids.join(" of "))
        }
        Target::External { act } => format!("wet: {act}"),
        Target::Unresolved { cited, reason } => format!("onbepaald: {cited} ({reason})"),
        Target::Whole { eid, cited } => {
            format!("{eid} ({cited}: het artikel zelf, zonder genummerde leden)")
        }
    }
}

/// The listing, through the template `refs.txt`.
pub fn listing(
    env: &minijinja::Environment<'_>,
    resolutions: &[Resolution],
) -> Result<String, String> {
    let count = |k: RefKind| resolutions.iter().filter(|r| r.kind == k).count();
    let view = View {
        lines: resolutions
            .iter()
            .map(|r| Line {
                file: r.file.to_string(),
                line: r.line,
                column: r.column,
                kind: kind(r.kind),
                text: r.text.clone(),
                targets: r.targets.iter().map(target).collect::<Vec<_>>().join("; "),
            })
            .collect(),
        total: resolutions.len(),
        internal: count(RefKind::Internal),
        relative: count(RefKind::Relative),
        external: count(RefKind::External),
        unresolved: count(RefKind::Unresolved),
    };
    super::render(env, "refs.txt", view)
}
