//! Population data: a CSV with the columns `gemeente,inwoners,peildatum` and optionally
//! `bron` (the source, shown on the stemverhouding page; more columns are allowed and
//! ignored), read with the `csv` crate in the forms a
//! spreadsheet writes. Parsing is pure and reports every bad field with its line and
//! column, in Dutch.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::tree::Span;

/// One municipality's population on a peildatum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Population {
    pub name: String,
    pub population: u64,
    pub reference_date: String,
    /// Where the figure comes from (the `bron` column; empty without one).
    pub source: String,
}

/// Reads the CSV text of `file` as a spreadsheet exports it: `,` or `;` between the
/// fields (Excel's Dutch export writes `;`, chosen by the header line), fields in double
/// quotes (`"Dijk en Waard"`, `"29.696"`), inwonertallen with `.` (or a space) between
/// groups of thousands (`29.696`), a byte-order mark, blank lines and `#` comments.
/// Reading is the `csv` crate's; this function only locates each bad field.
pub fn parse(file: &str, text: &str) -> (Vec<Population>, Vec<Diagnostic>) {
    let text_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[text_start..];
    let header_line = body
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let separator = if header_line.contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(body.as_bytes());
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let mut columns: Option<(usize, usize, usize)> = None;
    let mut source_column: Option<usize> = None;
    // The byte offset of field `k` of the record that starts at `record` (in `body`).
    let at = |record: usize, k: usize, msg: String| {
        let (from, to) = field_bytes(body, record, k, separator);
        Diagnostic::new("V011", msg).at(file, span(text, text_start + from, text_start + to))
    };
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let offset = e.position().map_or(0, |p| p.byte() as usize);
                diags.push(
                    Diagnostic::new("V011", "de CSV is niet te lezen".to_string())
                        .at(file, span(text, text_start + offset, text_start + offset)),
                );
                return (out, diags);
            }
        };
        let record = row.position().map_or(0, |p| p.byte() as usize);
        if row.iter().all(str::is_empty) {
            continue;
        }
        let Some((g, n, d)) = columns else {
            let find = |name: &str| row.iter().position(|f| f.eq_ignore_ascii_case(name));
            match (find("gemeente"), find("inwoners"), find("peildatum")) {
                (Some(g), Some(n), Some(d)) => {
                    columns = Some((g, n, d));
                    source_column = find("bron");
                }
                _ => {
                    diags.push(at(
                        record,
                        0,
                        "de eerste regel moet de kolommen noemen: gemeente,inwoners,peildatum \
                         (of met ; ertussen)"
                            .into(),
                    ));
                    return (out, diags);
                }
            }
            continue;
        };
        let get = |k: usize| row.get(k).unwrap_or("");
        // A quote left open swallows the lines after it into one field.
        if let Some(k) = row.iter().position(|f| f.contains('\n')) {
            diags.push(at(
                record,
                k,
                "dit veld loopt door over de volgende regels: een aanhalingsteken (\") wordt \
                 niet gesloten"
                    .into(),
            ));
            return (out, diags);
        }
        if get(g).is_empty() {
            diags.push(at(record, g, "de gemeente ontbreekt".into()));
            continue;
        }
        let Some(population) = inwonertal(get(n)) else {
            diags.push(at(
                record,
                n,
                format!(
                    "\"{}\" is geen inwonertal (een geheel getal, bijvoorbeeld 36084 of 36.084)",
                    get(n)
                ),
            ));
            continue;
        };
        if out.iter().any(|p: &Population| p.name == get(g)) {
            diags.push(at(record, g, format!("{} staat er twee keer in", get(g))));
            continue;
        }
        out.push(Population {
            name: get(g).to_string(),
            population,
            reference_date: get(d).to_string(),
            source: source_column.map(get).unwrap_or_default().to_string(),
        });
    }
    (out, diags)
}

/// `36084`, or with `.`, a space or a no-break space between groups of three digits as
/// a Dutch spreadsheet writes it (`36.084`); `3.6084` or `36,084` is not a number of
/// inhabitants, and is refused rather than read as something else.
fn inwonertal(field: &str) -> Option<u64> {
    let groups: Vec<&str> = field.split(['.', ' ', '\u{a0}']).collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let grouped =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !grouped || !groups.iter().all(|g| digits(g)) {
        return None;
    }
    groups.concat().parse().ok()
}

/// The byte range of field `k` of the record starting at byte `record` of `body`: the
/// fields are counted by the separators outside double quotes (the csv reader gives the
/// record's start, not its fields'), the range ends at the next separator or line end.
fn field_bytes(body: &str, record: usize, k: usize, separator: u8) -> (usize, usize) {
    let bytes = body.as_bytes();
    let mut field = 0;
    let mut from = record;
    let mut quoted = false;
    let mut i = record;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b if b == separator && !quoted => {
                if field == k {
                    return (from, i);
                }
                field += 1;
                from = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if field == k { (from, i) } else { (i, i) }
}

/// The span of bytes `from..to` of `text`: line and column (in characters) of `from`.
fn span(text: &str, from: usize, to: usize) -> Span {
    let before = &text[..from.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    Span {
        line: before.matches('\n').count() as u32 + 1,
        column: before[line_start..].chars().count() as u32 + 1,
        start: from as u32,
        end: to as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shipped_file_shape() {
        let (p, d) = parse(
            "i.csv",
            "gemeente,inwoners,peildatum,bron\nAlkmaar,109896,2021-01-01,CBS\nDijk en Waard,86.714,2021-01-01,afgeleid\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(p[1].name, "Dijk en Waard");
        assert_eq!(p[1].population, 86_714);
    }

    #[test]
    fn bad_lines_are_located() {
        let (p, d) = parse(
            "i.csv",
            "gemeente,inwoners,peildatum\nAlkmaar,veel,2021-01-01\nAlkmaar,1,x\nAlkmaar,2,x\n",
        );
        assert_eq!(p.len(), 1);
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].line, d[0].column), (2, 9));
        assert!(d[0].message.contains("\"veel\" is geen inwonertal"));
        assert!(d[1].message.contains("twee keer"));
        let (_, d) = parse("i.csv", "naam;aantal\n");
        assert!(d[0].message.contains("gemeente,inwoners,peildatum"));
    }

    #[test]
    fn reads_what_a_dutch_spreadsheet_exports() {
        // Excel's Dutch CSV: BOM, `;`, CRLF, quotes (with `;` and `""` inside), 29.696.
        let text = "\u{feff}gemeente;inwoners;peildatum;bron\r\n\"Bergen\";\"29.696\";2021-01-01;\"a; \"\"b\"\"\"\r\n\
                    \r\n# een opmerking\r\nDijk en Waard;86 714;2021-01-01;x\r\n";
        let (p, d) = parse("i.csv", text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].name.as_str(), p[0].population), ("Bergen", 29_696));
        assert_eq!(p[0].reference_date, "2021-01-01");
        assert_eq!(
            (p[1].name.as_str(), p[1].population),
            ("Dijk en Waard", 86_714)
        );
    }

    #[test]
    fn thousands_must_be_groups_of_three() {
        for (field, expected) in [
            ("29.696", Some(29_696)),
            ("1.029.696", Some(1_029_696)),
            ("29696", Some(29_696)),
            ("2.9696", None),
            ("29,696", None),
            ("29.696,5", None),
            (".696", None),
            ("", None),
        ] {
            assert_eq!(inwonertal(field), expected, "{field}");
        }
    }

    #[test]
    fn a_bad_field_is_located_after_quotes_and_an_open_quote_is_named() {
        let text = "gemeente;inwoners;peildatum\n\"Bergen; Noord-Holland\";29,696;2021\n";
        let (_, d) = parse("i.csv", text);
        assert_eq!(d.len(), 1);
        // Column 25: after the quoted name with its own `;`.
        assert_eq!((d[0].line, d[0].column), (2, 25));
        assert!(
            d[0].message.contains("\"29,696\" is geen inwonertal"),
            "{}",
            d[0].message
        );
        let text = "gemeente;inwoners;peildatum\nAlkmaar;1;x\n\"Bergen;2;x\nHeiloo;3;x\n";
        let (p, d) = parse("i.csv", text);
        assert_eq!(p.len(), 1);
        assert_eq!((d[0].line, d[0].column), (3, 1));
        assert!(d[0].message.contains("aanhalingsteken"), "{}", d[0].message);
    }
}
