//! Escaping for the XML templates, written in runs: the text between two characters to
//! replace is written whole instead of a character at a time (issue 17). The tests hold
//! it, and `markdown::escape`, to the character-at-a-time versions they replaced.

use std::fmt::Write;

/// A table of the bytes one escape treats apart (`true`), so a run of other bytes is
/// stepped over with one look-up a byte (a `match` on each byte cost about twice that).
const fn table(special: &[u8], controls: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = true;
        i += 1;
    }
    if controls {
        let mut c = 0;
        while c < 0x20 {
            t[c] = !matches!(c as u8, b'\t' | b'\n' | b'\r');
            c += 1;
        }
    }
    t
}

/// XML: the markup characters, the controls XML does not allow, and 0xEF, the first byte
/// of U+FFFE and U+FFFF.
static XML_SPECIAL: [bool; 256] = table(b"&<>\"\xef", true);

/// HTML as minijinja escapes it (`minijinja::HtmlEscape`).
static HTML_SPECIAL: [bool; 256] = table(b"<>&\"'/", false);

/// Markdown: the characters `markdown::escape` puts a backslash before.
pub static MARKDOWN_SPECIAL: [bool; 256] = table(b"\\*_`<>[]&#!|~", false);

/// The index of the first byte of `bytes[from..]` that `special` marks, or the length.
/// Eight bytes are looked up before one branch: most runs are long (issue 17).
#[inline]
pub fn next_special(bytes: &[u8], from: usize, special: &[bool; 256]) -> usize {
    let mut chunks = bytes[from..].chunks_exact(8);
    let mut at = from;
    for c in chunks.by_ref() {
        let any = special[c[0] as usize]
            | special[c[1] as usize]
            | special[c[2] as usize]
            | special[c[3] as usize]
            | special[c[4] as usize]
            | special[c[5] as usize]
            | special[c[6] as usize]
            | special[c[7] as usize];
        if any {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| special[b as usize])
        .map_or(bytes.len(), |i| at + i)
}

/// Writes `s` with each byte `special` marks replaced as `replace` says (its text and
/// the length it replaces, or no text to keep the byte), the runs between written whole.
fn write_runs<W: Write + ?Sized>(
    out: &mut W,
    s: &str,
    special: &[bool; 256],
    replace: impl Fn(&[u8]) -> (Option<&'static str>, usize),
) -> std::fmt::Result {
    let bytes = s.as_bytes();
    let (mut plain, mut i) = (0, 0);
    loop {
        i = next_special(bytes, i, special);
        if i == bytes.len() {
            break;
        }
        match replace(&bytes[i..]) {
            (Some(replacement), len) => {
                out.write_str(&s[plain..i])?;
                out.write_str(replacement)?;
                i += len;
                plain = i;
            }
            (None, _) => i += 1,
        }
    }
    out.write_str(&s[plain..])
}

/// Writes `s` as XML character data or attribute value (see `render::xml_escape`): `&`,
/// `<`, `>` and `"` as entities, controls other than tab and line breaks and the
/// non-characters U+FFFE and U+FFFF as U+FFFD.
pub fn write_xml<W: Write + ?Sized>(out: &mut W, s: &str) -> std::fmt::Result {
    write_runs(out, s, &XML_SPECIAL, |at| match at {
        [b'&', ..] => (Some("&amp;"), 1),
        [b'<', ..] => (Some("&lt;"), 1),
        [b'>', ..] => (Some("&gt;"), 1),
        // Attributes are written in double quotes, so `'` can stay itself.
        [b'"', ..] => (Some("&quot;"), 1),
        // 0xEF starts a three-byte character; only U+FFFE and U+FFFF (EF BF BE, EF BF
        // BF) of those are replaced.
        [0xef, 0xbf, 0xbe | 0xbf, ..] => (Some("\u{FFFD}"), 3),
        [0xef, ..] => (None, 1),
        _ => (Some("\u{FFFD}"), 1),
    })
}

/// Writes `s` escaped for HTML exactly as minijinja's HTML auto-escape does (`<`, `>`,
/// `&`, `"`, `'` and `/` as entities), in one pass.
pub fn write_html<W: Write + ?Sized>(out: &mut W, s: &str) -> std::fmt::Result {
    write_runs(out, s, &HTML_SPECIAL, |at| {
        let replacement = match at[0] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => "&#x2f;",
        };
        (Some(replacement), 1)
    })
}

#[cfg(test)]
mod tests {
    /// `render::xml_escape` as it was: a character at a time.
    fn xml_by_chars(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\t' | '\n' | '\r' => out.push(c),
                c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                    out.push('\u{FFFD}')
                }
                c => out.push(c),
            }
        }
        out
    }

    /// `markdown::escape` as it was: a character at a time.
    fn markdown_by_chars(text: &str, at_start: bool) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let body = if at_start { text.trim_start() } else { text };
        if at_start {
            let digits = body.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && matches!(body.as_bytes().get(digits), Some(b'.' | b')')) {
                out.push_str(&body[..digits]);
                out.push('\\');
                return out + &markdown_by_chars(&body[digits..], false);
            }
            if body.starts_with(['-', '+', '=']) {
                out.push('\\');
            }
        }
        for c in body.chars() {
            if matches!(
                c,
                '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '&' | '#' | '!' | '|' | '~'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    fn same(s: &str) {
        assert_eq!(super::super::xml_escape(s), xml_by_chars(s), "{s:?}");
        let mut html = String::new();
        super::write_html(&mut html, s).unwrap();
        assert_eq!(html, minijinja::HtmlEscape(s).to_string(), "{s:?}");
        for at_start in [false, true] {
            assert_eq!(
                super::super::markdown::escape(s, at_start),
                markdown_by_chars(s, at_start),
                "{s:?}"
            );
        }
    }

    /// Every character on its own and between letters, every line of the repository's
    /// texts and of the corpus (when present), and constructed strings of the characters
    /// each escape treats apart.
    #[test]
    fn escaping_in_runs_is_escaping_a_character_at_a_time() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            same(&c.to_string());
            if (c as u32) < 0x3000 || (0xfff0..=0x10000).contains(&(c as u32)) {
                same(&format!("a{c}b{c}{c}"));
            }
        }
        let special = [
            "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1f}", "\u{7f}", "\u{fffd}",
            "\u{fffe}", "\u{ffff}", "\u{efbf}", "é", "Ĳ", "€", "𝄞", "\\", "*", "_", "`", "[", "]",
            "#", "!", "|", "~", "1.", "2)", "-", "+", "=", " ", "x",
        ];
        for a in special {
            for b in special {
                for c in special {
                    same(&format!("{a}{b}{c}"));
                    same(&format!("{a}tekst{b}{c} en {a}"));
                }
            }
        }
        let files = crate::render::test_files::under(
            &[
                "regelingen",
                "tests/fixtures",
                "templates",
                "/work/shared/corpus",
            ],
            &[],
        );
        let mut lines = 0;
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            same(&text);
            for line in text.lines() {
                same(line);
                lines += 1;
            }
        }
        assert!(lines > 10_000, "{lines}");
    }
}
