//! The documentation says what the code does.

use grc::diagnostic::CODES;

/// `### P010 · error · artikel zonder nummer` headings in docs/diagnostics.md.
fn documented() -> Vec<(String, String, String)> {
    let doc = std::fs::read_to_string("docs/diagnostics.md").unwrap();
    doc.lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(|h| {
            let parts: Vec<&str> = h.split(" · ").collect();
            assert_eq!(
                parts.len(),
                3,
                "heading `{h}` is not `CODE · severity · title`"
            );
            (
                parts[0].to_string(),
                parts[1].to_string(),
                parts[2].to_string(),
            )
        })
        .collect()
}

#[test]
fn every_code_is_documented_with_its_severity_and_title() {
    let docs = documented();
    for (code, severity, title) in CODES {
        let severity = serde_json::to_value(severity).unwrap();
        let found = docs.iter().find(|(c, _, _)| c == code);
        let Some((_, s, t)) = found else {
            panic!("{code} is not in docs/diagnostics.md");
        };
        assert_eq!(s, severity.as_str().unwrap(), "{code}: severity");
        assert_eq!(t, title, "{code}: title");
    }
    for (code, _, _) in &docs {
        assert!(
            CODES.iter().any(|(c, _, _)| c == code),
            "{code} is documented but unknown"
        );
    }
}
