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

/// Collapses runs of blank lines to one and ends the text with exactly one newline.
pub fn tidy(text: &str) -> String {
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

    #[test]
    fn blank_lines_are_collapsed() {
        assert_eq!(tidy("\n\na\n\n\n\nb  \nc\n\n"), "a\n\nb\nc\n");
    }
}
