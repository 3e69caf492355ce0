//! Any text read as a wijzigingsbesluit and applied to WNK 2015: no panic; a result that
//! is applied can be written and read again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn wnk() -> &'static grc::tree::Regeling {
    static WNK: OnceLock<grc::tree::Regeling> = OnceLock::new();
    WNK.get_or_init(|| {
        let text = include_str!("../../regelingen/wnk-2015.gr");
        grc::source::parse("wnk-2015.gr", text).0
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (read, diags) = grc::besluit::text::read("besluit.txt", &text);
    if !diags.is_empty() {
        return;
    }
    if let Ok(r) = grc::besluit::apply::apply(wnk(), &read, "besluit.txt") {
        let written = grc::source::write(&r);
        let _ = grc::source::parse("nieuw.gr", &written);
    }
});
