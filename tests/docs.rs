//! The documentation says what the code does.

mod common;

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

#[test]
fn every_code_used_in_the_sources_is_registered() {
    fn scan(dir: &std::path::Path, found: &mut Vec<(String, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                scan(&p, found);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                let mut rest = text.as_str();
                while let Some(at) = rest.find("Diagnostic::new(") {
                    rest = &rest[at + "Diagnostic::new(".len()..];
                    let arg = rest.trim_start();
                    if let Some(code) = arg.strip_prefix('"').and_then(|a| a.split('"').next()) {
                        found.push((code.to_string(), p.display().to_string()));
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    scan(std::path::Path::new("src"), &mut found);
    assert!(found.len() > 20, "the scan finds the diagnostics");
    for (code, file) in found {
        if code == "x" {
            continue; // unit tests of the diagnostic type itself
        }
        assert!(
            CODES.iter().any(|(c, _, _)| *c == code),
            "{code} used in {file} is not in CODES"
        );
    }
}

/// Every rule of every grammar has a `///` doc comment right above it (found missing on
/// seven rules of `stemmen.pest`).
#[test]
fn every_grammar_rule_has_a_doc_comment() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar");
    let mut rules = 0;
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "pest") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some((name, rest)) = line.split_once('=') else {
                continue;
            };
            let name = name.trim();
            let is_rule = !line.starts_with([' ', '/', '\t'])
                && !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && rest
                    .trim_start()
                    .trim_start_matches(['_', '@', '$', '!'])
                    .starts_with('{');
            if !is_rule {
                continue;
            }
            rules += 1;
            if i == 0 || !lines[i - 1].starts_with("///") {
                missing.push(format!("{}: {name}", path.display()));
            }
        }
    }
    assert!(rules > 150, "only {rules} rules found: the scan is broken");
    assert!(
        missing.is_empty(),
        "rules without a doc comment:\n{}",
        missing.join("\n")
    );
}

/// What `grc ARGS` prints (a help), which must succeed.
fn help(args: &[&str]) -> String {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "grc {args:?}");
    String::from_utf8(o.stdout).unwrap()
}

/// The README's command lines agree with `--help`: every command the help lists has an
/// example in the README, every option a command's help lists is described in the README,
/// and every `grc <command> ... --option` line in the README names an option that command
/// has.
#[test]
fn the_readme_matches_the_help() {
    let grc = help;
    let readme = std::fs::read_to_string("README.md").unwrap();
    let commands = common::commands_in_help(&grc(&["--help"]));
    assert!(commands.len() >= 14, "{commands:?}");
    let long_options = common::long_options;
    let mut problems = Vec::new();
    for command in &commands {
        let example = format!("grc {command} ");
        if !readme.contains(&example) {
            problems.push(format!("no example of `grc {command}` in the README"));
        }
        let help = grc(&[command.as_str(), "--help"]);
        let options = long_options(&help);
        for option in &options {
            if !readme.contains(&format!("{option} ")) && !readme.contains(&format!("{option}`")) {
                problems.push(format!("`grc {command} {option}` is not in the README"));
            }
        }
        // Example lines of this command: their options must exist.
        for line in readme
            .lines()
            .filter(|l| l.trim_start().starts_with(&example))
        {
            let line = line.split(" #").next().unwrap();
            for option in long_options(line) {
                if !options.contains(&option) {
                    problems.push(format!("README: `{}` has no {option}", line.trim()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The options follow the naming rule the README states: every option in any help is in
/// exactly one row of the README's table (universal English, or Dutch for the domain),
/// and every option in the table is in some help. A new option must be placed by the rule
/// before this passes.
#[test]
fn every_option_is_named_by_the_readme_rule() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let row = |kind: &str| -> Vec<String> {
        let line = readme
            .lines()
            .find(|l| l.starts_with(&format!("| {kind} ")))
            .unwrap_or_else(|| panic!("the README's option table has no row `{kind}`"));
        // The options are in the last cell; the first names the kind.
        common::long_options(line.rsplit(" | ").next().unwrap())
    };
    let (universal, domain) = (row("universal"), row("domain"));
    assert!(
        universal.contains(&"--format".to_string()) && domain.contains(&"--drempel".to_string())
    );
    let mut problems: Vec<String> = universal
        .iter()
        .filter(|o| domain.contains(o))
        .map(|o| format!("{o} is in both rows"))
        .collect();
    let top = help(&["--help"]);
    let mut in_help = common::long_options(&top);
    for command in common::commands_in_help(&top) {
        for option in common::long_options(&help(&[command.as_str(), "--help"])) {
            if !universal.contains(&option) && !domain.contains(&option) {
                problems.push(format!("grc {command} {option} is in neither row"));
            }
            in_help.push(option);
        }
    }
    for option in universal.iter().chain(&domain) {
        if !in_help.contains(option) {
            problems.push(format!("{option} is in the table but in no help"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
