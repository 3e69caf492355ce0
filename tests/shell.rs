//! `grc completions` and `grc man`: the scripts parse in their shell (where that shell is
//! installed), complete every command, and the man pages render and name every command
//! and option. `.ci/run` installs zsh and fish and sets `GRC_SHELL_TEST=required`.

mod common;

use std::process::{Command, Output};

fn grc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("grc runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The commands `grc --help` lists.
fn commands() -> Vec<String> {
    let list = common::commands_in_help(&stdout(&grc(&["--help"])));
    assert!(list.len() >= 14, "{list:?}");
    list
}

/// The long options in a command's help (`--format`, ...).
fn options(command: &str) -> Vec<String> {
    let mut found = common::long_options(&stdout(&grc(&[command, "--help"])));
    found.sort();
    found.dedup();
    found
}

#[test]
fn every_shell_gets_a_script_that_names_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = grc(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        for command in commands() {
            assert!(script.contains(&command), "{shell}: {command} missing");
        }
        for option in options("diff") {
            assert!(
                script.contains(option.trim_start_matches('-')),
                "{shell}: {option} missing"
            );
        }
    }
    let o = grc(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("kies uit"));
}

/// Runs `script` in `shell` (`-c`), or `None` when that shell is not installed.
fn run_in(shell: &str, script: &str) -> Option<Output> {
    Command::new(shell).arg("-c").arg(script).output().ok()
}

#[test]
fn the_bash_script_parses_and_completes() {
    let o = grc(&["completions", "bash"]);
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("grc.bash");
    std::fs::write(&file, &o.stdout).unwrap();
    let file = file.to_str().unwrap();
    let Some(parsed) = run_in("bash", &format!("bash -n {file}")) else {
        common::skip(
            "GRC_SHELL_TEST",
            "the bash completion test: bash not installed",
        );
        return;
    };
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    // Complete `grc di<TAB>` and `grc diff --for<TAB>` as bash would.
    let complete = |words: &str, cword: usize| {
        let script = format!(
            "source {file}; COMP_WORDS=({words}); COMP_CWORD={cword}; \
             COMP_LINE='{words}'; COMP_POINT=${{#COMP_LINE}}; \
             _grc grc \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let o = run_in("bash", &script).unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
    };
    let words = complete("grc di", 1);
    assert!(words.lines().any(|w| w == "diff"), "{words}");
    let words = complete("grc diff --for", 2);
    assert!(words.lines().any(|w| w == "--format"), "{words}");
    let words = complete("grc completions ", 2);
    assert!(words.lines().any(|w| w == "zsh"), "{words}");
}

#[test]
fn the_zsh_and_fish_scripts_parse_where_those_shells_exist() {
    for (shell, check) in [("zsh", "zsh -n"), ("fish", "fish --no-execute")] {
        let o = grc(&["completions", shell]);
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("grc");
        std::fs::write(&file, &o.stdout).unwrap();
        match run_in(shell, "true") {
            Some(_) => {
                let parsed = run_in(shell, &format!("{check} {}", file.display())).unwrap();
                assert!(
                    parsed.status.success(),
                    "{shell}: {}",
                    String::from_utf8_lossy(&parsed.stderr)
                );
            }
            None => common::skip(
                "GRC_SHELL_TEST",
                &format!("the {shell} completion test: {shell} not installed"),
            ),
        }
    }
}

#[test]
fn the_man_pages_name_every_command_and_option() {
    let o = grc(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    assert!(page.contains(".TH grc 1"), "{page}");
    for heading in [".SH NAAM", ".SH OVERZICHT", ".SH BESCHRIJVING"] {
        assert!(page.contains(heading), "{heading}");
    }
    assert!(!page.contains(".SH NAME"));
    for command in commands() {
        assert!(page.contains(&command), "grc.1: {command} missing");
        let o = grc(&["man", &command]);
        assert_eq!(o.status.code(), Some(0), "{command}");
        let sub = stdout(&o);
        assert!(
            sub.contains(&format!(".TH grc-{command} 1")),
            "{command}: {sub}"
        );
        for option in options(&command) {
            // roff writes a '-' as '\-'.
            let roff = option.replace('-', "\\-");
            assert!(sub.contains(&roff), "grc-{command}.1: {option} missing");
        }
    }
    let o = grc(&["man", "dif"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("onbekende opdracht: `dif`"));
    // man itself renders it, where man is installed.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("grc-diff.1");
    let o = grc(&["man", "diff", "-o", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    match Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .output()
    {
        Ok(o) if o.status.success() => {
            let text = stdout(&o);
            assert!(
                text.contains("NAAM") && text.contains("--drempel"),
                "{text}"
            );
        }
        _ => common::skip("GRC_SHELL_TEST", "rendering with man: man not installed"),
    }
}
