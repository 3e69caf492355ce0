//! Any bytes: decode, parse, every check, every report and renderer. No panic, and every
//! diagnostic inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn env() -> &'static minijinja::Environment<'static> {
    static ENV: OnceLock<minijinja::Environment<'static>> = OnceLock::new();
    ENV.get_or_init(grc::render::environment)
}

fuzz_target!(|data: &[u8]| {
    let (text, decode_diag) = grc::source::decode("fuzz.gr", data);
    let (tree, mut diags) = grc::source::parse("fuzz.gr", &text);
    diags.extend(decode_diag);
    diags.extend(grc::check::check(&tree));
    let lines = text.replace("\r\n", "\n").split(['\n', '\r']).count() as u32;
    for d in &diags {
        assert!(
            (1..=lines).contains(&d.line) && d.column >= 1,
            "{} at line {} column {} of {lines} lines",
            d.code,
            d.line,
            d.column
        );
        assert!(d.start <= d.end && d.end as usize <= text.len());
    }
    let mut sources = grc::report::Sources::default();
    sources.add("fuzz.gr", &text);
    let _ = grc::report::human(&diags, &sources, false);
    let _ = grc::report::human(&diags, &sources, true);
    let _ = grc::report::json(&diags);
    let _ = grc::report::summary(&diags);
    let written = grc::source::write(&tree);
    let _ = grc::source::parse("fuzz.gr", &written);
    let _ = grc::tree::outline::outline(&tree);
    let _ = serde_json::to_string(&tree).unwrap();
    let _ = grc::render::regeling::html(env(), &tree, &grc::check::links::of(&tree));
    let _ = grc::render::regeling::markdown(env(), &tree, &grc::check::links::of(&tree));
});
