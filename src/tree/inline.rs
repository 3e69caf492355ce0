//! Inline text: the words of a line without its markup.
//!
//! Inline markup in `.gr` is a small subset of CommonMark: `*cursief*`, `**vet**` and a
//! backslash that makes the next character literal (`\*`). Rendering goes through
//! pulldown-cmark; checks and the diff read the plain words from here.

/// The text without emphasis markers and escapes.
pub fn plain(text: &str) -> String {
    plain_cow(text).into_owned()
}

/// [`plain`] without a copy when the text has no markup (most lines): for checks that
/// keep the plain text of every alinea at once.
pub fn plain_cow(text: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr2(b'\\', b'*', text.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) => out.push(next),
                None => out.push('\\'),
            },
            '*' => {}
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The plain text split into words on white space.
pub fn words(text: &str) -> Vec<String> {
    plain(text).split_whitespace().map(str::to_string).collect()
}

/// A line that reads as a heading (a "tussenkop" such as `Vrijstelling als bedoeld in
/// artikel 2:3d van de wet` under a division's heading, or `Relatie Algemeen Bestuur –
/// Colleges en Raden` between leden), not as a sentence of regeling text: no closing
/// punctuation, at most `max_words` words.
pub fn looks_like_subheading(text: &str, max_words: usize) -> bool {
    let p = plain(text);
    let t = p.trim();
    !t.is_empty() && !t.ends_with(['.', ';', ':', ',']) && t.split_whitespace().count() <= max_words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_emphasis_and_escapes() {
        assert_eq!(plain("het *Eindrapport* **vet**"), "het Eindrapport vet");
        assert_eq!(plain(r"5 \* 3 \\ x"), r"5 * 3 \ x");
        assert_eq!(plain("eind\\"), "eind\\");
        assert_eq!(plain("geen opmaak, één regel"), "geen opmaak, één regel");
    }

    #[test]
    fn words_split_on_whitespace() {
        assert_eq!(words("  De  *wetten*\tzijn "), vec!["De", "wetten", "zijn"]);
    }
}
