//! The Dutch message for a usage error (with clap's typo suggestion and a pointer to the
//! command's own help), and `grc help <OPDRACHT>`.

use std::process::ExitCode;

use clap::error::ErrorKind;

use super::Cli;

/// Prints a clap error in Dutch (help and version go to stdout as usual).
pub fn usage_error(e: clap::Error, args: &[std::ffi::OsString]) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let what = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "ongeldige waarde",
        ErrorKind::UnknownArgument => "onbekende optie of argument",
        ErrorKind::InvalidSubcommand => "onbekende opdracht",
        ErrorKind::MissingRequiredArgument => "verplicht argument ontbreekt",
        ErrorKind::MissingSubcommand => "geef een opdracht",
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => "verkeerd aantal waarden",
        ErrorKind::ArgumentConflict => "opties sluiten elkaar uit",
        _ => "verkeerd gebruik",
    };
    // Clap's own wording is English; build the detail from the error's context instead.
    use clap::error::{ContextKind, ContextValue};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let mut detail = Vec::new();
    if let Some(v) = context(ContextKind::InvalidValue) {
        detail.push(format!("`{v}`"));
    }
    if let Some(v) = context(ContextKind::InvalidSubcommand) {
        detail.push(format!("`{v}`"));
    }
    if let Some(a) = context(ContextKind::InvalidArg) {
        detail.push(format!("bij {a}"));
    }
    if let Some(v) = context(ContextKind::ValidValue) {
        detail.push(format!("kies uit: {v}"));
    }
    if let Some(v) = context(ContextKind::ValidSubcommand) {
        detail.push(format!("kies uit: {v}"));
    }
    // The reason a value parser of ours gave (Dutch already: `--drempel`).
    if e.kind() == ErrorKind::ValueValidation
        && let Some(reason) = std::error::Error::source(&e)
    {
        detail.push(reason.to_string());
    }
    for kind in [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg] {
        if let Some(v) = context(kind) {
            detail.push(format!("bedoelt u `{v}`?"));
        }
    }
    let detail = if detail.is_empty() {
        String::new()
    } else {
        format!(": {}", detail.join("; "))
    };
    let help = match command_in(args) {
        Some(c) => format!("grc {c} --help"),
        None => "grc --help".to_string(),
    };
    errln!("fout: {what}{detail}\nZie `{help}`.");
    ExitCode::from(2)
}

/// The command named on the command line, if any: the first argument that is one.
fn command_in(args: &[std::ffi::OsString]) -> Option<String> {
    use clap::CommandFactory;
    let cli = Cli::command();
    args.iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| cli.find_subcommand(a).is_some())
        .map(str::to_string)
}

/// `grc help [OPDRACHT]` is `grc [OPDRACHT] --help` (clap's own help command would
/// describe itself in English).
pub fn with_help_command(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.truncate(2);
        args.push("--help".into());
    }
    args
}
