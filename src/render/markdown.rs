//! CommonMark output: escaping text so that it stays text, and tidying the blank lines
//! that template control flow leaves behind.

/// The `md` template filter: `{{ text | md }}` escapes every character CommonMark could
/// read as markup; `{{ text | md(true) }}` also escapes what would make the start of a
/// paragraph a heading, list item, quote or code block (`#`, `-`, `1.`, `>`).
pub fn escape_filter(text: String, at_start: Option<bool>) -> String {
    escape(&text, at_start.unwrap_or(false))
}

pub fn escape(text: &str, at_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let body = if at_start { text.trim_start() } else { text };
    if at_start {
        // An ordered-list marker: digits then `.` or `)`.
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(body.as_bytes().get(digits), Some(b'.' | b')')) {
            out.push_str(&body[..digits]);
            out.push('\\');
            return out + &escape(&body[digits..], false);
        }
        if body.starts_with(['-', '+', '=']) {
            out.push('\\');
        }
    }
    // The characters to escape are ASCII: the text between two of them is copied whole
    // (a character at a time, this cost 69 M instructions in a 10x build, issue 17).
    // The bytes are found through a table (a `match` on each byte cost twice as much).
    let (bytes, mut plain, mut from) = (body.as_bytes(), 0, 0);
    loop {
        let i = super::escape::next_special(bytes, from, &super::escape::MARKDOWN_SPECIAL);
        if i == bytes.len() {
            break;
        }
        out.push_str(&body[plain..i]);
        out.push('\\');
        // The character itself starts the next run.
        (plain, from) = (i, i + 1);
    }
    out.push_str(&body[plain..]);
    out
}

/// A piece of a marked-up text (renvooi, wijzigingstabel) as the Markdown templates
/// print it: the text escaped, and whether CommonMark reads `**`/`~~` around it here.
#[derive(Debug, serde::Serialize)]
pub struct Marked {
    pub space: bool,
    /// It begins a paragraph of a table cell (printed after a `<br>`).
    pub para: bool,
    pub text: String,
    /// `equal`, `delete` or `insert`, as in the view.
    pub op: String,
    /// False where CommonMark's flanking rules make `**`/`~~` literal text: a run that
    /// starts with punctuation glued to the word before (`Heiloo**, Langedijk**`) or
    /// ends with punctuation glued to the word after. The templates use `<ins>`/`<del>`
    /// there, which CommonMark passes through as inline HTML.
    pub delimiters: bool,
}

/// The `md_marks` template filter: `{% for p in pieces | md_marks(begin) %}`. Escapes
/// every piece (the first one, when `begin`, as the start of a paragraph) and decides per
/// marked piece whether delimiters work, from the characters the output will have on
/// either side of them. Outside the run (a table cell's `| `, the space after a label,
/// a line end) counts as whitespace.
pub fn marks_filter(
    pieces: minijinja::Value,
    begin: Option<bool>,
) -> Result<minijinja::Value, minijinja::Error> {
    Ok(minijinja::Value::from(minijinja::value::Serde(marks(
        pieces, begin,
    )?)))
}

fn marks(pieces: minijinja::Value, begin: Option<bool>) -> Result<Vec<Marked>, minijinja::Error> {
    let attr = |p: &minijinja::Value, name: &str| p.get_attr(name).unwrap_or_default();
    // A string's text without `core::fmt` (`to_string` of a string value, as before, for
    // anything else): 4.8 M instructions in the 10x renvooi in Markdown (issue 17).
    let text = |v: minijinja::Value| match v.kind() {
        minijinja::value::ValueKind::String => v.as_str().unwrap_or_default().to_owned(),
        _ => v.to_string(),
    };
    let mut out: Vec<Marked> = Vec::new();
    for (i, p) in pieces.try_iter()?.enumerate() {
        let op = text(attr(&p, "op"));
        let raw = text(attr(&p, "text"));
        let at_start = begin.unwrap_or(false) && i == 0 && op == "equal";
        out.push(Marked {
            space: attr(&p, "space").is_true(),
            para: attr(&p, "para").is_true(),
            text: escape(&raw, at_start),
            op,
            delimiters: true,
        });
    }
    // What is printed just before each piece's text: a space, the closing marker of the
    // piece before (punctuation either way: `*`, `~`, `>`), or its last character.
    let mut before = ' ';
    for i in 0..out.len() {
        let p = &out[i];
        if p.space {
            before = ' ';
        }
        if p.para {
            before = '>';
        }
        if p.op == "equal" {
            before = p.text.chars().next_back().unwrap_or(before);
            continue;
        }
        let after = match out.get(i + 1) {
            None => ' ',
            Some(next) if next.para => '<',
            Some(next) if next.space => ' ',
            // The next piece is marked: it starts with a marker, punctuation.
            Some(next) if next.op != "equal" => '*',
            Some(next) => next.text.chars().next().unwrap_or(' '),
        };
        let first = p.text.chars().next().unwrap_or(' ');
        let last = p.text.chars().next_back().unwrap_or(' ');
        let delimiters = left_flanking(before, first) && right_flanking(last, after);
        out[i].delimiters = delimiters;
        before = if delimiters { '*' } else { '>' };
    }
    Ok(out)
}

/// CommonMark: a delimiter run between `before` and `after` can open emphasis.
fn left_flanking(before: char, after: char) -> bool {
    !after.is_whitespace()
        && (!is_punctuation(after) || before.is_whitespace() || is_punctuation(before))
}

/// CommonMark: a delimiter run between `before` and `after` can close emphasis.
fn right_flanking(before: char, after: char) -> bool {
    !before.is_whitespace()
        && (!is_punctuation(before) || after.is_whitespace() || is_punctuation(after))
}

/// CommonMark's Unicode punctuation: ASCII punctuation, and the general categories P
/// and S (approximated by `char::is_alphanumeric` being false for a non-space, which
/// is exact for the characters Dutch regelingen use: quotes, dashes, §, °).
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

/// Collapses runs of blank lines to one, trims the end of every line and ends the text
/// with exactly one newline (every line as `str::lines` splits them). Done in the
/// rendered text's own buffer: a copy made the Markdown pages twice as large while they
/// were tidied (the pair's three at once were a fifth of the build's peak at 100x; issue
/// 17, ninth round: memory). Each line moves to where the tidied text has got to, which
/// is never after where the line starts, so no byte is overwritten before it is read.
pub fn tidy(text: String) -> String {
    let mut bytes = text.into_bytes();
    let len = bytes.len();
    let (mut read, mut write, mut blank) = (0, 0, false);
    while read < len {
        let end = memchr::memchr(b'\n', &bytes[read..]).map_or(len, |i| read + i);
        let kept = trimmed_end(&bytes[read..end]);
        if kept == 0 {
            blank = true;
        } else {
            // A blank line before this one (never at the start): one newline for the
            // run. The line's start is after the blank line's newline, so `write` stays
            // at or before `read`.
            if blank && write > 0 {
                bytes[write] = b'\n';
                write += 1;
            }
            blank = false;
            bytes.copy_within(read..read + kept, write);
            write += kept;
            // The line's own newline, or, for a last line without one, the byte one past
            // the text (the only place the text grows).
            if write < len {
                bytes[write] = b'\n';
            } else {
                bytes.push(b'\n');
            }
            write += 1;
        }
        read = end + 1;
    }
    bytes.truncate(write);
    // Whole lines and newlines moved: the bytes are the text's, UTF-8 still.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The length of `line` without the whitespace at its end (`str::trim_end`: Unicode
/// White_Space), `line` being whole characters of UTF-8.
fn trimmed_end(line: &[u8]) -> usize {
    let mut end = line.len();
    while end > 0 {
        let last = line[end - 1];
        if last.is_ascii() {
            if !matches!(last, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
                break;
            }
            end -= 1;
            continue;
        }
        // The last character's first byte: back over the continuation bytes.
        let mut start = end - 1;
        while start > 0 && line[start] & 0xC0 == 0x80 {
            start -= 1;
        }
        match std::str::from_utf8(&line[start..end])
            .ok()
            .and_then(|c| c.chars().next())
        {
            Some(c) if c.is_whitespace() => end = start,
            _ => break,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script> & *x*", false),
            "\\<script\\>alert(1)\\</script\\> \\& \\*x\\*"
        );
        assert_eq!(escape("1. geen lijst", true), "1\\. geen lijst");
        assert_eq!(escape("1. midden", false), "1. midden");
        assert_eq!(escape("- geen", true), "\\- geen");
        assert_eq!(escape("# geen kop", true), "\\# geen kop");
    }

    fn marked(pieces: serde_json::Value) -> Vec<(String, bool)> {
        super::marks(
            minijinja::Value::from(minijinja::value::Serde(&pieces)),
            None,
        )
        .unwrap()
        .into_iter()
        .filter(|m| m.op != "equal")
        .map(|m| (m.text, m.delimiters))
        .collect()
    }

    #[test]
    fn delimiters_only_where_commonmark_reads_them() {
        let p = |space, text: &str, op: &str| serde_json::json!({"space": space, "text": text, "op": op});
        // `Heiloo**, Langedijk**`: the opening marker would be literal.
        assert_eq!(
            marked(serde_json::json!([
                p(false, "Heiloo", "equal"),
                p(false, ", Langedijk", "insert")
            ])),
            [(", Langedijk".to_string(), false)]
        );
        // After a space, or after another marker, punctuation may open.
        assert_eq!(
            marked(serde_json::json!([
                p(false, "Heiloo", "delete"),
                p(false, ", Langedijk", "insert")
            ])),
            [
                ("Heiloo".to_string(), true),
                (", Langedijk".to_string(), true)
            ]
        );
        // `**(**Heiloo`: the closing marker would be literal.
        assert_eq!(
            marked(serde_json::json!([
                p(true, "(", "insert"),
                p(false, "Heiloo", "equal")
            ])),
            [("(".to_string(), false)]
        );
        assert_eq!(
            marked(serde_json::json!([
                p(true, "de", "equal"),
                p(true, "raad", "insert"),
                p(false, ",", "equal")
            ])),
            [("raad".to_string(), true)]
        );
    }

    #[test]
    fn blank_lines_are_collapsed() {
        assert_eq!(tidy("\n\na\n\n\n\nb  \nc\n\n".into()), "a\n\nb\nc\n");
    }

    /// The copy `tidy` made before it worked in place (issue 17, ninth round).
    fn tidy_by_copy(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut blank = 0;
        for line in text.lines() {
            let line = line.trim_end();
            if line.is_empty() {
                blank += 1;
                continue;
            }
            if blank > 0 && !out.is_empty() {
                out.push('\n');
            }
            blank = 0;
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    /// In place, `tidy` gives the copy's text: on constructed texts of every kind of line
    /// end, blank run and trailing whitespace (ASCII and not, a last line without a
    /// newline), and on every file of the repository's texts, its templates and the
    /// corpus, whole and with their lines' ends padded.
    #[test]
    fn tidy_in_place_is_the_copy() {
        let same = |text: &str| assert_eq!(tidy(text.to_string()), tidy_by_copy(text), "{text:?}");
        let pieces = [
            "",
            "a",
            "Artikel 1",
            " ",
            "\t",
            "\r",
            "\n",
            "\r\n",
            "\u{a0}",
            "\u{3000}",
            "\u{85}",
            "\u{2028}",
            "é",
            "\u{200b}",
            "x\u{a0}y",
            "\x0b",
            "\x0c",
            "  \n\n",
            "€",
        ];
        same("");
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    same(&format!("{a}{b}{c}"));
                    same(&format!("{a}\n{b}\n\n{c}"));
                    same(&format!("\n{a}tekst{b}\n{c}\n"));
                }
            }
        }
        let files = crate::render::test_files::under(
            &[
                "regelingen",
                "tests/fixtures",
                "templates",
                "snapshots",
                "/work/shared/corpus",
            ],
            &[],
        );
        let mut texts = 0;
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            same(&text);
            same(&text.replace('\n', " \u{a0}\n\n"));
            texts += 1;
        }
        assert!(texts > 200, "{texts}");
    }
}
