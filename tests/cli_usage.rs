//! The command line as a user meets it: help in usage order, `grc help <opdracht>`, typo
//! suggestions, the Dutch decimal comma, options that do not apply, exit codes, `--color`
//! and `-` for standard input and output.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn grc_with_input(args: &[&str], input: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("grc runs");
    if let Some(bytes) = input {
        // grc may refuse before it reads its input (`diff - -`, `fix - --write`): then the
        // pipe is closed, and its exit code and message are the answer the test checks.
        match child.stdin.take().unwrap().write_all(bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            written => written.unwrap(),
        }
    }
    child.wait_with_output().expect("grc ends")
}

fn grc(args: &[&str]) -> Output {
    grc_with_input(args, None)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const OLD: &str = "regelingen/wnk-2015.gr";
const NEW: &str = "regelingen/sora-2022.gr";

/// The argument names of the usage line and of the "Argumenten" list, in order.
fn usage_and_list(help: &str) -> (Vec<String>, Vec<String>) {
    let names = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .filter(|w| w.starts_with('<') || (w.starts_with('[') && w != &"[OPTIES]"))
            .map(|w| w.trim_matches(|c| "<>[].".contains(c)).to_string())
            .collect()
    };
    let usage = help
        .lines()
        .find(|l| l.starts_with("Gebruik:"))
        .expect("a usage line");
    let list: Vec<String> = help
        .split("Argumenten:\n")
        .nth(1)
        .expect("an Argumenten list")
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .flat_map(names)
        .collect();
    (names(usage), list)
}

#[test]
fn arguments_are_listed_in_usage_order() {
    for (command, expected) in [
        ("diff", vec!["OUD", "NIEUW"]),
        ("apply", vec!["REGELING", "BESLUIT"]),
        ("stemmen", vec!["BESTAND", "BESTAND2"]),
        ("check", vec!["BESTAND"]),
        ("render", vec!["BESTAND"]),
    ] {
        let o = grc(&[command, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        let (usage, list) = usage_and_list(&stdout(&o));
        assert_eq!(usage, expected, "{command}: usage");
        assert_eq!(list, expected, "{command}: Argumenten");
    }
}

#[test]
fn help_command_and_typo_suggestions() {
    // `grc help diff` is `grc diff --help`; `grc help` is `grc --help`.
    let via_help = grc(&["help", "diff"]);
    assert_eq!(via_help.status.code(), Some(0));
    assert_eq!(stdout(&via_help), stdout(&grc(&["diff", "--help"])));
    assert_eq!(stdout(&grc(&["help"])), stdout(&grc(&["--help"])));
    let top = stdout(&grc(&["--help"]));
    assert!(top.contains("grc help <OPDRACHT>"), "{top}");
    assert!(top.contains("Gebruik: grc [OPTIES] <OPDRACHT>"), "{top}");
    // A mistyped command or option: exit 2, the suggestion, and the right help to read.
    let o = grc(&["chek", NEW]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "fout: onbekende opdracht: `chek`; bedoelt u `check`?\nZie `grc --help`.\n"
    );
    let o = grc(&["check", NEW, "--formt", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bedoelt u `--format`?") && stderr(&o).contains("grc check --help"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn drempel_takes_a_dutch_decimal_comma() {
    let comma = grc(&["diff", OLD, NEW, "--drempel", "0,7"]);
    assert_eq!(comma.status.code(), Some(0), "{}", stderr(&comma));
    let point = grc(&["diff", OLD, NEW, "--drempel", "0.7"]);
    assert_eq!(stdout(&comma), stdout(&point));
    // And the value counts: a threshold of 1 aligns less than the default.
    let strict = grc(&["diff", OLD, NEW, "--drempel", "1"]);
    assert_ne!(stdout(&strict), stdout(&grc(&["diff", OLD, NEW])));
    for (value, reason) in [
        ("1,7", "1,7 ligt niet tussen 0 en 1"),
        ("nul", "nul is geen getal"),
    ] {
        let o = grc(&["diff", OLD, NEW, "--drempel", value]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(reason), "{}", stderr(&o));
        assert!(stderr(&o).contains("grc diff --help"), "{}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn options_that_do_not_apply_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("uit.json");
    for (args, message) in [
        (
            vec!["--to", "html"],
            "--to geldt alleen voor --format tabel",
        ),
        (
            vec!["--format", "tabel", "--to", "text"],
            "--to text geldt alleen voor --format besluit",
        ),
        (
            vec![
                "--format",
                "renvooi",
                "--toelichting",
                "regelingen/wnk-2015--sora-2022.toelichting.toml",
            ],
            "--toelichting geldt alleen voor --format tabel",
        ),
    ] {
        let mut all = vec!["diff", OLD, NEW, "-o", target.to_str().unwrap()];
        all.extend(args);
        let o = grc(&all);
        assert_eq!(o.status.code(), Some(2), "{all:?}");
        assert!(stderr(&o).contains(message), "{all:?}: {}", stderr(&o));
        assert!(!target.exists(), "{all:?} wrote a file");
    }
}

#[test]
fn exit_codes_of_every_command_as_documented() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("kapot.gr");
    std::fs::write(&broken, "---\ntitel: Kapot\n---\nArtikel\n\n1. Tekst.\n").unwrap();
    let broken = broken.to_str().unwrap();
    let besluit = tmp.path().join("besluit.txt");
    std::fs::write(
        &besluit,
        "In artikel 99 wordt \"x\" vervangen door \"y\".\n",
    )
    .unwrap();
    let besluit = besluit.to_str().unwrap();
    let file = |name: &str, text: &str| {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let bad_csv = file(
        "inwoners.csv",
        "gemeente;inwoners;peildatum\nAlkmaar;veel;2021\n",
    );
    let not_xml = file("kapot.xml", "<regeling><tekst>\n");
    let broken_dir = tmp.path().join("kapot");
    std::fs::create_dir(&broken_dir).unwrap();
    std::fs::copy(tmp.path().join("kapot.gr"), broken_dir.join("kapot.gr")).unwrap();
    let empty_dir = tmp.path().join("leeg");
    std::fs::create_dir(&empty_dir).unwrap();
    let (broken_dir, empty_dir) = (broken_dir.to_str().unwrap(), empty_dir.to_str().unwrap());
    let out = |name: &str| tmp.path().join(name).to_str().unwrap().to_string();
    let (diff_out, build_out, gr_out, xml_out, script_out, man_out) = (
        out("diff.json"),
        out("uit"),
        out("geimporteerd.gr"),
        out("stop.xml"),
        out("grc.bash"),
        out("grc-diff.1"),
    );
    let (bad_csv, not_xml, diff_out, build_out) = (
        bad_csv.as_str(),
        not_xml.as_str(),
        diff_out.as_str(),
        build_out.as_str(),
    );
    let (gr_out, xml_out, script_out, man_out) = (
        gr_out.as_str(),
        xml_out.as_str(),
        script_out.as_str(),
        man_out.as_str(),
    );
    for (args, code) in [
        // SORA cites a ninth lid of artikel 4 that does not exist (R001); WNK cites none.
        (vec!["refs", NEW], 1),
        (vec!["refs", OLD], 0),
        (vec!["stemmen", NEW], 0),
        (vec!["stemmen", broken], 1),
        (vec!["render", broken], 1),
        (vec!["apply", OLD, besluit], 1),
        (vec!["tree", broken], 1),
        (vec!["render", "bestaat-niet.gr"], 2),
        (vec!["stemmen", NEW, OLD, NEW], 2),
        (vec!["stemmen", NEW, "--inwoners", bad_csv], 1),
        (vec!["check", OLD], 0),
        (vec!["check", broken], 1),
        (vec!["check", "bestaat-niet.gr"], 2),
        (vec!["diff", OLD, NEW, "-o", diff_out], 0),
        (vec!["diff", OLD, broken], 1),
        (vec!["diff", NEW, NEW, "--format", "besluit"], 1),
        (
            vec!["diff", OLD, NEW, "--format", "json", "--to", "html"],
            2,
        ),
        (vec!["fix", OLD], 0),
        (vec!["fix", broken], 1),
        (vec!["renumber", OLD], 0),
        (vec!["renumber", broken], 1),
        (vec!["build", broken_dir, "-o", build_out], 1),
        (vec!["build", empty_dir, "-o", build_out], 2),
        (
            vec![
                "import",
                "tests/fixtures/import/cvdr-gr-modern.xml",
                "-o",
                gr_out,
            ],
            0,
        ),
        (vec!["import", not_xml], 1),
        (vec!["export", "stop", OLD, "-o", xml_out], 0),
        (vec!["export", "stop", broken], 1),
        (vec!["export", "iso", OLD], 2),
        (vec!["completions", "bash", "-o", script_out], 0),
        (vec!["completions", "tcsh"], 2),
        (vec!["man", "diff", "-o", man_out], 0),
        (vec!["man", "dif"], 2),
    ] {
        let o = grc(&args);
        assert_eq!(o.status.code(), Some(code), "grc {args:?}: {}", stderr(&o));
    }
}

#[test]
fn color_is_chosen_with_color() {
    let escape = |o: &Output| o.stdout.contains(&0x1b) || o.stderr.contains(&0x1b);
    let check = |color: &str| grc(&["check", NEW, "--color", color]);
    assert!(escape(&check("always")));
    assert!(!escape(&check("never")));
    // Not a terminal: no colour by default.
    assert!(!escape(&check("auto")));
    assert!(!escape(&grc(&["check", NEW])));
    let o = grc(&["check", NEW, "--color", "soms"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_dash_is_standard_input_and_standard_output() {
    let text = std::fs::read(NEW).unwrap();
    // A tree read from standard input is the tree of the file.
    let piped = grc_with_input(&["tree", "-", "--format", "json"], Some(&text));
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    let from_file = grc(&["tree", NEW, "--format", "json"]);
    let strip = |o: &Output| {
        let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_object_mut().unwrap().remove("file");
        v
    };
    assert_eq!(strip(&piped), strip(&from_file));
    // `-o -` is standard output.
    let page = grc_with_input(&["render", "-", "-o", "-"], Some(&text));
    assert_eq!(page.status.code(), Some(0), "{}", stderr(&page));
    assert!(stdout(&page).starts_with("<!DOCTYPE html>"));
    // Standard input once only, and never written back.
    let o = grc_with_input(&["diff", "-", "-"], Some(&text));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("standaardinvoer"), "{}", stderr(&o));
    let o = grc_with_input(&["fix", "-", "--write"], Some(&text));
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("--write"), "{}", stderr(&o));
}

#[test]
fn the_readable_forms_have_the_names_other_commands_use() {
    // `grc check --format human` (the old name) is `text`, as every other command names
    // its readable output.
    assert_eq!(
        stdout(&grc(&["check", OLD, "--format", "text"])),
        stdout(&grc(&["check", OLD, "--format", "human"]))
    );
    // `grc stemmen` names its markup with `--to`, as render and diff do.
    let md = grc(&["stemmen", NEW, "--to", "md"]);
    assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
    assert!(!stderr(&md).contains("heet nu"), "{}", stderr(&md));
    let text = stdout(&grc(&["stemmen", NEW]));
    let html = stdout(&grc(&["stemmen", NEW, "--to", "html"]));
    assert!(stdout(&md).contains("| Alkmaar |"), "{}", stdout(&md));
    assert!(
        html.contains("<!DOCTYPE html>") && !text.contains("| Alkmaar |"),
        "{html}"
    );
    assert_eq!(stdout(&grc(&["stemmen", NEW, "--to", "text"])), text);
    // The old spelling still works for one release, the same output, with a warning.
    for (old, new, same) in [
        ("markdown", "md", &stdout(&md)),
        ("md", "md", &stdout(&md)),
        ("html", "html", &html),
    ] {
        let o = grc(&["stemmen", NEW, "--format", old]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(&stdout(&o), same, "--format {old}");
        assert!(
            stderr(&o).contains(&format!("heet nu --to {new}; de oude naam verdwijnt")),
            "{}",
            stderr(&o)
        );
    }
    // A markup for JSON, or two markups at once, is refused, not ignored.
    let o = grc(&["stemmen", NEW, "--format", "json", "--to", "md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        o.stdout.is_empty() && stderr(&o).contains("json heeft geen opmaak"),
        "{}",
        stderr(&o)
    );
    let o = grc(&["stemmen", NEW, "--format", "html", "--to", "md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("gebruik alleen --to"), "{}", stderr(&o));
    // The help shows only the new spelling.
    let help = stdout(&grc(&["stemmen", "--help"]));
    assert!(
        help.contains("--to <OPMAAK>") && !help.contains("markdown"),
        "{help}"
    );
}

#[test]
fn renamed_diff_options_are_still_read_with_a_warning() {
    let plain = stdout(&grc(&["diff", OLD, NEW]));
    for (new, old) in [
        ("--ignore-case", "--hoofdletters-negeren"),
        ("--ignore-punctuation", "--leestekens-negeren"),
    ] {
        let now = grc(&["diff", OLD, NEW, new]);
        let before = grc(&["diff", OLD, NEW, old]);
        assert_eq!(now.status.code(), Some(0), "{}", stderr(&now));
        assert_eq!(before.status.code(), Some(0), "{}", stderr(&before));
        // The option does something on the real pair, and the old name does the same.
        assert_ne!(stdout(&now), plain, "{new} changed nothing");
        assert_eq!(stdout(&now), stdout(&before), "{old}");
        assert!(!stderr(&now).contains("heet nu"), "{}", stderr(&now));
        assert!(
            stderr(&before).contains(&format!("waarschuwing: {old} heet nu {new}")),
            "{}",
            stderr(&before)
        );
    }
    let help = stdout(&grc(&["diff", "--help"]));
    assert!(
        help.contains("--ignore-case") && !help.contains("negeren"),
        "{help}"
    );
}

#[test]
fn every_command_that_writes_takes_o() {
    let tmp = tempfile::tempdir().unwrap();
    let before = std::fs::read(NEW).unwrap();
    for args in [
        vec!["tree", NEW, "--format", "json"],
        vec!["check", NEW, "--format", "json"],
        vec!["refs", NEW],
        vec!["stemmen", NEW, "--to", "md"],
    ] {
        let file = tmp.path().join(format!("{}.uit", args[0]));
        let mut with_o = args.clone();
        with_o.extend(["-o", file.to_str().unwrap()]);
        let written = grc(&with_o);
        let printed = grc(&args);
        assert_eq!(written.status.code(), printed.status.code(), "{args:?}");
        assert!(written.stdout.is_empty(), "{args:?}");
        assert_eq!(std::fs::read(&file).unwrap(), printed.stdout, "{args:?}");
        // The input as output is refused, and the input stays as it was.
        let o = grc(&[args[0], NEW, "-o", NEW]);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("ook invoer"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(NEW).unwrap(), before, "an input was changed");
}
