//! What a reader sees: `grc build` output opened in a real browser (Debian's headless
//! Chromium). Screenshots at phone and desktop width must show text and no sideways
//! scrolling; the A4 PDF must have a sensible number of pages and contain artikel 9.
//!
//! Needs `chromium` and `pdftotext`/`pdfinfo` (poppler-utils). `.ci/run` installs them
//! and sets `GRC_BROWSER_TEST=required`, so in CI a missing browser is a failure; on a
//! developer machine without them the tests say so and skip.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const PHONE: (u32, u32) = (390, 844);
const DESKTOP: (u32, u32) = (1280, 900);

fn tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The browser and PDF tools, or `None` (with a message) when they may be missing.
fn tools() -> Option<(PathBuf, PathBuf, PathBuf)> {
    let found = (tool("chromium"), tool("pdftotext"), tool("pdfinfo"));
    match found {
        (Some(c), Some(t), Some(i)) => Some((c, t, i)),
        missing => {
            common::skip(
                "GRC_BROWSER_TEST",
                &format!("browser tests: chromium or poppler-utils not installed ({missing:?})"),
            );
            None
        }
    }
}

/// Builds `regelingen/` into a temporary `out/` with the real binary.
fn build(dir: &Path) -> PathBuf {
    common::build_real(dir)
}

/// Runs headless Chromium with the flags this machine needs (no network, fresh profile).
fn chromium(chromium: &Path, profile: &Path, args: &[String]) -> std::process::Output {
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs")
}

/// Prints `page` to a PDF in `dir` as a browser's print dialog would (no header and
/// footer of the browser's own); returns the PDF and what `pdfinfo` says of it.
fn print(chrome: &Path, pdfinfo: &Path, dir: &Path, page: &Path) -> (PathBuf, String) {
    let pdf = dir.join(page.with_extension("pdf").file_name().unwrap());
    let o = chromium(
        chrome,
        &dir.join("profiel"),
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", pdf.display()),
            url(page),
        ],
    );
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&o.stderr));
    let info = Command::new(pdfinfo).arg(&pdf).output().unwrap();
    (pdf, String::from_utf8_lossy(&info.stdout).into_owned())
}

fn url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// Width, height and the share of pixels that are not (nearly) white.
fn inspect_png(path: &Path) -> (u32, u32, f64) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()].chunks(channels);
    let total = (info.width * info.height) as f64;
    let inked = pixels
        .filter(|p| p.iter().take(3).any(|&c| c < 200))
        .count() as f64;
    (info.width, info.height, inked / total)
}

#[test]
fn pages_look_right_at_phone_and_desktop_width() {
    let Some((chrome, _, _)) = tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    for page in [
        "sora-2022.html",
        "wnk-2015.html",
        "sora-2022.stemmen.html",
        "sora-2022.check.html",
        "index.html",
    ] {
        for (name, (w, h)) in [("telefoon", PHONE), ("desktop", DESKTOP)] {
            let shot = tmp.path().join(format!("{page}-{name}.png"));
            let o = chromium(
                &chrome,
                &tmp.path().join("profiel"),
                &[
                    format!("--window-size={w},{h}"),
                    format!("--screenshot={}", shot.display()),
                    url(&out.join(page)),
                ],
            );
            assert!(
                shot.exists(),
                "{page} {name}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            let (sw, sh, ink) = inspect_png(&shot);
            assert_eq!((sw, sh), (w, h), "{page} {name}");
            // Text on a white page: a blank or failed render has (almost) no ink, a
            // broken stylesheet (black boxes) far too much.
            assert!((0.01..0.35).contains(&ink), "{page} {name}: ink {ink:.3}");
        }
    }
}

/// The scroll width of `page` in a phone-sized frame. Headless Chromium will not make
/// its window narrower than 500 px, so the page is measured inside a 390 px iframe (its
/// own viewport: the phone media queries apply there).
fn phone_width(chrome: &Path, profile: &Path, dir: &Path, page: &str) -> u32 {
    let harness = dir.join(format!("meting-{page}"));
    std::fs::write(
        &harness,
        format!(
            "<!DOCTYPE html><html><body><iframe id=\"f\" src=\"{page}\" \
             style=\"width:{}px;height:{}px;border:0\"></iframe><script>\
             document.getElementById('f').addEventListener('load', function () {{\
             document.body.dataset.breedte = this.contentDocument.documentElement.scrollWidth;\
             }});</script></body></html>",
            PHONE.0, PHONE.1
        ),
    )
    .unwrap();
    let o = chromium(
        chrome,
        profile,
        &[
            "--allow-file-access-from-files".into(),
            "--virtual-time-budget=5000".into(),
            "--dump-dom".into(),
            url(&harness),
        ],
    );
    let dom = String::from_utf8_lossy(&o.stdout);
    dom.split("data-breedte=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "{page}: no width measured: {}",
                String::from_utf8_lossy(&o.stderr)
            )
        })
}

#[test]
fn no_sideways_scrolling_on_a_phone() {
    let Some((chrome, _, _)) = tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    let profile = tmp.path().join("profiel");
    // The measurement can fail: a page with a wide table is wider than the phone.
    std::fs::write(
        out.join("breed.html"),
        "<!DOCTYPE html><html><body><table><tr><td style=\"min-width:800px\">x</td></tr></table></body></html>",
    )
    .unwrap();
    let wide = phone_width(&chrome, &profile, &out, "breed.html");
    assert!(wide > PHONE.0, "the probe did not see a wide page: {wide}");
    for page in [
        "sora-2022.html",
        "wnk-2015.html",
        "sora-2022.stemmen.html",
        "sora-2022.check.html",
        "index.html",
    ] {
        let width = phone_width(&chrome, &profile, &out, page);
        assert!(
            width <= PHONE.0,
            "{page}: {width} px wide on a {} px phone",
            PHONE.0
        );
    }
}

#[test]
fn the_regeling_prints_on_a4() {
    let Some((chrome, pdftotext, pdfinfo)) = tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    let (pdf, info) = print(&chrome, &pdfinfo, tmp.path(), &out.join("sora-2022.html"));
    let field = |name: &str| -> String {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let pages: u32 = field("Pages:").parse().unwrap();
    // 33 articles of running text: about 17 pages of A4 at 10.5 pt.
    assert!((10..=30).contains(&pages), "{pages} pages");
    assert!(field("Page size:").contains("(A4)"), "{info}");

    let text = Command::new(pdftotext)
        .args(["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Artikel 9 Werkwijze van het Algemeen Bestuur",
        "Gemeenschappelijke regeling Sociale Onderneming Regio Alkmaar 2022",
        "Artikel 33 Citeertitel",
    ] {
        assert!(flat.contains(expected), "PDF lacks {expected:?}");
    }
    // The table of contents is for the screen: in print, "Inhoud" does not appear.
    assert!(
        !flat.contains("Inhoud Hoofdstuk 1"),
        "the contents were printed"
    );
}

/// The wijzigingstabel prints landscape with all four columns: every word of the
/// toelichting column (the fourth, which the screen's scroll box used to cut off on
/// paper) is in the PDF's text, and every page carries its number.
#[test]
fn the_wijzigingstabel_prints_every_column() {
    let Some((chrome, pdftotext, pdfinfo)) = tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    let page = out.join("wnk-2015--sora-2022.wijzigingstabel.html");
    let (pdf, info) = print(&chrome, &pdfinfo, tmp.path(), &page);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap();
    assert!(
        info.contains("841.92 x 594.96 pts (A4)"),
        "not A4 landscape: {info}"
    );
    let text = Command::new(pdftotext)
        .args([pdf.as_os_str(), "-".as_ref()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let printed: std::collections::HashSet<&str> = text.split_whitespace().collect();
    let html = scraper::Html::parse_document(&std::fs::read_to_string(&page).unwrap());
    let cells = scraper::Selector::parse("table.wijzigingen tbody td:nth-of-type(3)").unwrap();
    let mut words = 0;
    for cell in html.select(&cells) {
        for word in cell.text().flat_map(str::split_whitespace) {
            words += 1;
            assert!(
                printed.contains(word),
                "{word:?} of the toelichting is not printed"
            );
        }
    }
    // Each toelichting once per article ("zie hierboven" on its other rows, issue 14):
    // 748 words for WNK → SORA (2000 and more when it was repeated on every lid).
    assert!(words > 700, "{words} words in the toelichting column");
    for n in [1, pages] {
        assert!(
            text.contains(&format!("pagina {n} van {pages}")),
            "no page number {n} of {pages}"
        );
    }
}

/// Every kind of page prints whole: each word of the page's text (in `main`) is in the
/// PDF's text, and every printed page carries "pagina N van M".
#[test]
fn every_page_kind_prints_whole_with_page_numbers() {
    let Some((chrome, pdftotext, pdfinfo)) = tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    let main = scraper::Selector::parse("main").unwrap();
    for page in [
        "sora-2022.html",
        "sora-2022.stemmen.html",
        "sora-2022.check.html",
        "wnk-2015--sora-2022.wijzigingstabel.html",
        "wnk-2015--sora-2022.renvooi.html",
        "wnk-2015--sora-2022.wijzigingsbesluit.html",
        "index.html",
    ] {
        let (pdf, info) = print(&chrome, &pdfinfo, tmp.path(), &out.join(page));
        let pages: u32 = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap();
        let text = Command::new(&pdftotext)
            .args([pdf.as_os_str(), "-".as_ref()])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        let printed: std::collections::HashSet<&str> = text.split_whitespace().collect();
        let html = scraper::Html::parse_document(&std::fs::read_to_string(out.join(page)).unwrap());
        let mut missing: Vec<&str> = Vec::new();
        let mut words = 0;
        // The text as the browser joins it (a link and the comma after it are one word),
        // without the table of contents, which is for the screen only.
        let mut shown = String::new();
        for m in html.select(&main) {
            for node in m.descendants() {
                // A block, a cell or a line break separates words on paper.
                if let Some(e) = node.value().as_element()
                    && matches!(
                        e.name(),
                        "p" | "li"
                            | "td"
                            | "th"
                            | "tr"
                            | "br"
                            | "dt"
                            | "dd"
                            | "div"
                            | "h1"
                            | "h2"
                            | "h3"
                            | "h4"
                            | "section"
                            | "article"
                    )
                {
                    shown.push(' ');
                }
                let Some(t) = node.value().as_text() else {
                    continue;
                };
                let in_nav = node
                    .ancestors()
                    .any(|a| a.value().as_element().is_some_and(|e| e.name() == "nav"));
                if !in_nav {
                    shown.push_str(t);
                }
            }
        }
        for word in shown.split_whitespace() {
            words += 1;
            // A line may break after a hyphen: "Noord-" and "Kennemerland," on paper.
            // And pdftotext loses a hyphen under a strike-through line ("NoordKennemerland,"
            // for struck "Noord-Kennemerland,"): the text is there, the reader sees it.
            let wrapped = || word.split_inclusive('-').all(|part| printed.contains(part));
            let struck = || printed.contains(word.replace('-', "").as_str());
            if !printed.contains(word) && !wrapped() && !struck() {
                missing.push(word);
            }
        }
        assert!(words > 50, "{page}: {words} words");
        assert!(
            missing.is_empty(),
            "{page}: not printed: {:?}",
            &missing[..missing.len().min(20)]
        );
        for n in 1..=pages {
            assert!(
                text.contains(&format!("pagina {n} van {pages}")),
                "{page}: no page number {n} of {pages}"
            );
        }
    }
}
