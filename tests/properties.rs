//! Property test (proptest): any byte string through decode, parse, every check and both
//! reports gives no panic, and every diagnostic lies inside the file: a line that exists
//! (lines as grc counts them: split at LF, CRLF or a lone CR, so a text ending in a line
//! feed has an empty last line) and a column within that line (1 up to one past its last
//! character, where a finding at the end of a line points).

use proptest::prelude::*;

/// The lines of the text as grc numbers them.
fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                out.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
}

fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (text, decode_diag) = grc::source::decode("p.gr", bytes);
    let (tree, mut diags) = grc::source::parse("p.gr", &text);
    diags.extend(decode_diag);
    diags.extend(grc::check::check(&tree));
    let lines = lines(&text);
    for d in &diags {
        prop_assert!(
            d.line >= 1 && d.line as usize <= lines.len(),
            "{} at line {} of {}: {:?}",
            d.code,
            d.line,
            lines.len(),
            text
        );
        let line = lines[d.line as usize - 1];
        prop_assert!(
            d.column >= 1 && d.column as usize <= line.chars().count() + 1,
            "{} at {}:{} but the line has {} characters: {:?}",
            d.code,
            d.line,
            d.column,
            line.chars().count(),
            text
        );
    }
    let mut sources = grc::report::Sources::default();
    sources.add("p.gr", &text);
    let _ = grc::report::human(&diags, &sources, false);
    let _ = grc::report::json(&diags);
    Ok(())
}

/// Bytes drawn mostly from what the format is made of, so the parser's paths are reached.
fn gr_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"Artikel 1 Naam\n".to_vec()),
        Just(b"Artikel 2\n".to_vec()),
        Just(b"Hoofdstuk 1 Algemeen\n".to_vec()),
        Just(b"1. Het bestuur beslist.\n".to_vec()),
        Just(b"2. Zie artikel 1, eerste lid.\n".to_vec()),
        Just(b"   a. de begroting;\n".to_vec()),
        Just(b"      1\xc2\xb0 de jaarrekening;\n".to_vec()),
        Just(b"   b. bestuur: het algemeen bestuur;\n".to_vec()),
        Just(b"---\ntitel: T\n".to_vec()),
        Just(b"---\n".to_vec()),
        Just(b"\xef\xbb\xbf".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"co\xc3\xb6rdinatie ide\xc3\xabel ".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"Bijlage 1\n".to_vec()),
        Just(b"Toelichting\n".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_bytes_give_located_diagnostics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn any_gr_like_bytes_give_located_diagnostics(bytes in gr_bytes()) {
        check_bytes(&bytes)?;
    }
}
