//! Inline text as data for templates: a line of `.gr` text becomes a list of
//! [`Segment`]s (plain text with emphasis flags and an optional link), never markup.
//!
//! Emphasis is read by pulldown-cmark. The `.gr` inline syntax is only `*cursief*`,
//! `**vet**` and backslash escapes (see `docs/source-format.md`), so every other character
//! CommonMark would give a meaning (`<`, `&`, `[`, `_`, a `#` or `1.` at the start) is
//! escaped before parsing: `<script>` and `&amp;` stay the characters they are, and the
//! templates escape them for their own format.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

/// A run of text with one set of properties.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub em: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
    /// Where the text links to: `#eid` inside the document, or a URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// The link leaves the document (shown differently, kept in Markdown).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub external: bool,
}

/// A link over a byte range of the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub start: usize,
    pub end: usize,
    pub href: String,
    pub external: bool,
}

/// Put before the text so that it can only be a paragraph (never a heading, list item,
/// quote, code block or HTML block).
const GUARD: &str = "x ";

/// Characters CommonMark would read as markup that `.gr` does not use.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '<' | '>' | '&' | '[' | ']' | '_' | '`' | '!' | '#' | '~' | '|' | '='
    )
}

/// The segments of `text`; `links` (sorted, not overlapping, byte ranges of `text`) become
/// `href`s on the text they cover.
pub fn segments(text: &str, links: &[Link]) -> Vec<Segment> {
    if is_plain(text) {
        let mut out = Vec::new();
        // Nothing pulldown-cmark would read: the text itself, split at the links. Most
        // alineas are like this, and the parser was a tenth of a build (issue 17).
        push_text(&mut out, text, text, 0, text.len(), false, false, links);
        return out;
    }
    parsed(text, links)
}

/// The segments of `text` as pulldown-cmark reads it (see [`segments`]).
fn parsed(text: &str, links: &[Link]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    // The input handed to pulldown-cmark: the guard, then the text with the characters
    // of `needs_escape` escaped. `origin[i]` is the byte of `text` that byte
    // `i` of the input came from.
    let mut input = String::with_capacity(text.len() + 8);
    let mut origin = Vec::with_capacity(text.len() + 8);
    // The guard is a letter and a space: the space keeps a `*` at the start of the text
    // left-flanking, as it would be at the start of a line.
    input.push_str(GUARD);
    origin.extend([0; GUARD.len()]);
    for (i, c) in text.char_indices() {
        if needs_escape(c) {
            input.push('\\');
            origin.push(i);
        }
        input.push(c);
        origin.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    origin.push(text.len());

    let (mut em, mut strong) = (0u32, 0u32);
    for (event, range) in Parser::new(&input).into_offset_iter() {
        match event {
            Event::Start(Tag::Emphasis) => em += 1,
            Event::End(TagEnd::Emphasis) => em = em.saturating_sub(1),
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                let mut t: &str = &t;
                let start = origin[range.start.max(GUARD.len())];
                if range.start < GUARD.len() {
                    // Drop the guard (ASCII, never escaped: its bytes are the event's).
                    t = t.get(GUARD.len() - range.start..).unwrap_or("");
                }
                let end = origin[range.end.min(origin.len() - 1)];
                push_text(&mut out, text, t, start, end, em > 0, strong > 0, links);
            }
            Event::SoftBreak | Event::HardBreak => {
                let at = origin[range.start];
                push_text(&mut out, text, " ", at, at, em > 0, strong > 0, &[]);
            }
            _ => {}
        }
    }
    out
}

/// Whether pulldown-cmark would give `text` back unchanged as one run: no emphasis or
/// backslash escape (`*`, `\\`; every other markup character is escaped before it parses),
/// no control character (line breaks, NUL, which it replaces), and no space or tab at
/// the end (which a paragraph loses). Tested against the parser on every alinea of the
/// repository's texts.
fn is_plain(text: &str) -> bool {
    !text.ends_with([' ', '\t'])
        && !text
            .bytes()
            .any(|b| b == b'*' || b == b'\\' || b < 0x20 || b == 0x7f)
}

/// Adds `t` (which came from `source[start..end]`) to `out`, split where links begin and
/// end. When `t` is not the source slice itself (an escape was resolved), it is kept whole.
#[allow(clippy::too_many_arguments)]
fn push_text(
    out: &mut Vec<Segment>,
    source: &str,
    t: &str,
    start: usize,
    end: usize,
    em: bool,
    strong: bool,
    links: &[Link],
) {
    if t.is_empty() {
        return;
    }
    let exact = source.get(start..end) == Some(t);
    let mut pieces: Vec<(&str, Option<&Link>)> = Vec::new();
    if exact {
        let mut at = start;
        for link in links.iter().filter(|l| l.start < end && l.end > start) {
            let (ls, le) = (link.start.max(start), link.end.min(end));
            if ls > at {
                pieces.push((&source[at..ls], None));
            }
            pieces.push((&source[ls..le], Some(link)));
            at = le;
        }
        if at < end {
            pieces.push((&source[at..end], None));
        }
    } else {
        let link = links.iter().find(|l| l.start <= start && l.end >= end);
        pieces.push((t, link));
    }
    for (piece, link) in pieces {
        let href = link.map(|l| l.href.clone());
        let external = link.is_some_and(|l| l.external);
        match out.last_mut() {
            Some(last)
                if last.em == em
                    && last.strong == strong
                    && last.href == href
                    && last.external == external =>
            {
                last.text.push_str(piece)
            }
            _ => out.push(Segment {
                text: piece.to_string(),
                em,
                strong,
                href,
                external,
            }),
        }
    }
}

/// The segments' text without markup (what a reader sees).
pub fn plain(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str) -> Segment {
        Segment {
            text: text.into(),
            ..Segment::default()
        }
    }

    #[test]
    fn emphasis_is_read_and_everything_else_is_text() {
        let s = segments("het *Eindrapport* en **vet**", &[]);
        assert_eq!(
            s,
            vec![
                seg("het "),
                Segment {
                    em: true,
                    ..seg("Eindrapport")
                },
                seg(" en "),
                Segment {
                    strong: true,
                    ..seg("vet")
                },
            ]
        );
    }

    #[test]
    fn markup_characters_stay_text() {
        for text in [
            "<script>alert(1)</script> & \"quotes\" {{ x }}",
            "# geen kop",
            "1. geen lijst",
            "- geen opsomming",
            "> geen citaat",
            "[geen](link) en `geen code` en &amp; en __geen nadruk__",
            "    vier spaties",
        ] {
            let s = segments(text, &[]);
            assert_eq!(plain(&s), text, "{text}");
            assert!(s.iter().all(|s| !s.em && !s.strong), "{text}");
        }
    }

    #[test]
    fn emphasis_at_the_start_before_punctuation() {
        // Regression: with a bare letter as guard, `*"...";*` was not emphasis (WNK art 33).
        let s = segments("*\"Regeling 2015\";*", &[]);
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(s[0].em && s[0].text == "\"Regeling 2015\";");
        let s = segments(" *x*", &[]);
        assert_eq!(plain(&s), " x");
    }

    #[test]
    fn escapes_are_resolved() {
        assert_eq!(plain(&segments(r"5 \* 3", &[])), "5 * 3");
    }

    /// The shortcut for plain text gives what the parser gives, on every line of every
    /// `.gr` file in the repository (with a link over the middle third of each line, on
    /// character boundaries) and on the edge cases it must leave to the parser.
    #[test]
    fn plain_text_gives_what_the_parser_gives() {
        let mut files = Vec::new();
        let mut dirs = vec![
            std::path::PathBuf::from("regelingen"),
            "tests/fixtures".into(),
        ];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "gr") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 100, "{}", files.len());
        let mut plain_lines = 0;
        for file in files {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            for line in text.lines() {
                let bounds: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
                let link = (bounds.len() >= 3).then(|| Link {
                    start: bounds[bounds.len() / 3],
                    end: bounds[2 * bounds.len() / 3],
                    href: "#art_1".into(),
                    external: false,
                });
                for links in [vec![], link.into_iter().collect()] {
                    assert_eq!(segments(line, &links), parsed(line, &links), "{line:?}");
                }
                plain_lines += usize::from(is_plain(line));
            }
        }
        assert!(plain_lines > 4_000, "{plain_lines}");
        for text in [
            "a  ", "a\t", "a\u{0}b", "a\\*b", "*a*", "a\nb", "  a", "", "a\u{a0}",
        ] {
            assert_eq!(segments(text, &[]), parsed(text, &[]), "{text:?}");
        }
    }

    #[test]
    fn links_split_text_at_their_bytes() {
        let text = "zie artikel 5, eerste lid, en *dit*";
        let start = text.find("artikel").unwrap();
        let end = text.find(", en").unwrap();
        let links = [Link {
            start,
            end,
            href: "#art_5__para_1".into(),
            external: false,
        }];
        let s = segments(text, &links);
        assert_eq!(s[0], seg("zie "));
        assert_eq!(s[1].text, "artikel 5, eerste lid");
        assert_eq!(s[1].href.as_deref(), Some("#art_5__para_1"));
        assert_eq!(s[2], seg(", en "));
        assert!(s[3].em && s[3].text == "dit");
    }
}
