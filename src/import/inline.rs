//! Mixed content (`<al>Zie <extref doc="...">artikel 20</extref> en <vet>dit</vet></al>`)
//! → one line of `.gr` text: white space collapsed (a line is an alinea), `vet` as
//! `**...**`, `cursief` as `*...*`, the characters `.gr` reads as markup escaped, and the
//! target of every `extref` to an act on wetten.overheid.nl collected with the words that
//! name the act.

use roxmltree::Node;

/// The text of `node` as one `.gr` line, and the acts its `extref`s cite.
pub fn line(node: Node<'_, '_>, acts: &mut Vec<(String, String)>) -> String {
    let mut out = String::new();
    push_children(node, &mut out, acts);
    collapse(&out)
}

/// The plain text of `node`, white space collapsed, nothing escaped (for metadata).
pub fn plain(node: Node<'_, '_>) -> String {
    let text: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    collapse(&text)
}

/// Escapes what `.gr` reads as markup in running text: `*` (emphasis) and `\`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn push_children(node: Node<'_, '_>, out: &mut String, acts: &mut Vec<(String, String)>) {
    for c in node.children() {
        if c.is_text() {
            out.push_str(&escape(c.text().unwrap_or("")));
        } else if c.is_element() {
            push_element(c, out, acts);
        }
    }
}

fn push_element(e: Node<'_, '_>, out: &mut String, acts: &mut Vec<(String, String)>) {
    match e.tag_name().name() {
        // Database bookkeeping and notes, not text of the regeling.
        "meta-data" | "noot" | "redactie" | "noot.nr" => {}
        "br" => out.push(' '),
        "vet" => emphasis(e, "**", out, acts),
        "cursief" => emphasis(e, "*", out, acts),
        "nadruk" => match e.attribute("type") {
            Some("vet") => emphasis(e, "**", out, acts),
            Some("cur") | Some("cursief") => emphasis(e, "*", out, acts),
            _ => push_children(e, out, acts),
        },
        "extref" => {
            push_children(e, out, acts);
            if let Some(bwb) = bwb_id(e) {
                let words = collapse(&plain(e));
                if let Some(name) = act_name(&words) {
                    acts.push((name, bwb));
                }
            }
        }
        _ => push_children(e, out, acts),
    }
}

/// `**text**` with the white space at either end kept outside the markers (CommonMark
/// does not close emphasis after a space), nothing for an empty element.
fn emphasis(e: Node<'_, '_>, marker: &str, out: &mut String, acts: &mut Vec<(String, String)>) {
    let mut inner = String::new();
    push_children(e, &mut inner, acts);
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        out.push_str(&inner);
        return;
    }
    if inner.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    // Nested emphasis of the same kind adds nothing.
    let bare = trimmed
        .strip_prefix(marker)
        .and_then(|t| t.strip_suffix(marker))
        .unwrap_or(trimmed);
    out.push_str(marker);
    out.push_str(&collapse(bare));
    out.push_str(marker);
    if inner.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// The BWB id an `extref` points to: its `bwb-id` attribute (BWB), else the id in its
/// `doc` link (`https://wetten.overheid.nl/jci1.3:c:BWBR0013798&...`,
/// `http://wetten.overheid.nl/BWBR0004825/`). A link to another CVDR document has none.
pub fn bwb_id(e: Node<'_, '_>) -> Option<String> {
    if let Some(id) = e.attribute("bwb-id").filter(|id| is_bwb_id(id)) {
        return Some(id.to_string());
    }
    bwb_in(e.attribute("doc")?)
}

/// The BWB id in a link or JCI (`http://wetten.overheid.nl/BWBR0004825/`,
/// `1.0:c:BWBR0013798&g=2018-07-28`).
pub fn bwb_in(link: &str) -> Option<String> {
    let at = link.find("BWB")?;
    let id: String = link[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    is_bwb_id(&id).then_some(id)
}

/// `BWBR0003740`, `BWBV0001234`: `BWB`, a letter, digits.
pub fn is_bwb_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() > 5
        && id.starts_with("BWB")
        && b[3].is_ascii_uppercase()
        && b[4..].iter().all(u8::is_ascii_digit)
}

/// The name of the act in the words of an `extref`: the words themselves when they name
/// it (`Wet gemeenschappelijke regelingen`), the words after the last "van de" / "van
/// het" when they cite an article of it (`artikel 20 van de Wet ...`), nothing when they
/// cite an article without naming the act (`artikel 2.1, eerste lid`).
pub fn act_name(words: &str) -> Option<String> {
    let lower = words.to_lowercase();
    let name = ["van de ", "van het "]
        .iter()
        .filter_map(|p| lower.rfind(p).map(|i| (i + p.len(), i)))
        .max_by_key(|(_, i)| *i)
        .map(|(start, _)| &words[start..])
        .unwrap_or(words);
    let name = name
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .trim();
    // "de Archiefwet 1995": the article is no part of the name.
    let name = ["de ", "het "]
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .unwrap_or(name);
    let first = name.split_whitespace().next()?.to_lowercase();
    let cites_only = matches!(
        first.as_str(),
        "artikel" | "artikelen" | "art." | "art" | "lid" | "onderdeel" | "hoofdstuk"
    );
    (!cites_only && name.chars().next()?.is_alphabetic()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(xml: &str) -> (String, Vec<(String, String)>) {
        let doc = roxmltree::Document::parse(xml).unwrap();
        let mut acts = Vec::new();
        (line(doc.root_element(), &mut acts), acts)
    }

    #[test]
    fn emphasis_keeps_spaces_outside_the_markers() {
        let (text, _) = convert("<al><vet>Dienst / </vet>Afdeling <cursief>x</cursief>*</al>");
        assert_eq!(text, "**Dienst /** Afdeling *x*\\*");
        assert_eq!(convert("<al>a <vet> </vet> b</al>").0, "a b");
    }

    #[test]
    fn extref_keeps_the_words_and_records_the_act() {
        let (text, acts) = convert(
            r#"<al>gelet op <extref doc="https://wetten.overheid.nl/jci1.3:c:BWBR0003740&amp;artikel=20">artikel 20 van de Wet gemeenschappelijke regelingen</extref>, <extref doc="jci1.3:c:BWBR0024779&amp;artikel=2.1">artikel 2.1, eerste lid</extref> en <extref doc="CVDR://90762_1">het besluit</extref>;</al>"#,
        );
        assert_eq!(
            text,
            "gelet op artikel 20 van de Wet gemeenschappelijke regelingen, artikel 2.1, eerste lid en het besluit;"
        );
        assert_eq!(
            acts,
            [(
                "Wet gemeenschappelijke regelingen".to_string(),
                "BWBR0003740".to_string()
            )]
        );
    }

    #[test]
    fn bwb_ids() {
        assert!(is_bwb_id("BWBR0003740"));
        assert!(is_bwb_id("BWBV0001000"));
        assert!(!is_bwb_id("BWB"));
        assert!(!is_bwb_id("BWBR00a"));
    }
}
