//! Escaping for the XML templates, written in runs: the text between two characters to
//! replace is written whole instead of a character at a time (issue 17). The tests hold
//! it, and `markdown::escape`, to the character-at-a-time versions they replaced.

use std::fmt::Write;

/// Writes `s` as XML character data or attribute value (see `render::xml_escape`): `&`,
/// `<`, `>` and `"` as entities, controls other than tab and line breaks and the
/// non-characters U+FFFE and U+FFFF as U+FFFD.
pub fn write_xml<W: Write + ?Sized>(out: &mut W, s: &str) -> std::fmt::Result {
    let bytes = s.as_bytes();
    let (mut plain, mut i) = (0, 0);
    while i < bytes.len() {
        // Every byte looked at is the first of its character: the others (0x80 and up)
        // are stepped over one by one, and only U+FFFE and U+FFFF (EF BF BE, EF BF BF) of
        // the characters they make are replaced.
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            // Attributes are written in double quotes, so `'` can stay itself.
            b'"' => ("&quot;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1f => ("\u{FFFD}", 1),
            0xef if bytes[i + 1..].starts_with(&[0xbf, 0xbe])
                || bytes[i + 1..].starts_with(&[0xbf, 0xbf]) =>
            {
                ("\u{FFFD}", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.write_str(&s[plain..i])?;
        out.write_str(replacement)?;
        i += len;
        plain = i;
    }
    out.write_str(&s[plain..])
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
