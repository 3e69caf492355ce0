//! Reference forms of real published regelingen (issue 12), one small fixture of our own
//! per class in `tests/fixtures/verwijzingen/`: each gets exactly its expected diagnostics
//! and a reviewed snapshot of every reference with its kind and target (as `grc refs`).

mod common;

use common::{expected, found, load, relative, snapshots};

#[test]
fn each_reference_form_gets_its_act_and_exactly_its_expected_diagnostics() {
    snapshots().bind(|| {
        insta::glob!("fixtures/verwijzingen/*.gr", |path| {
            let (r, diags, _) = load(path);
            assert_eq!(found(&diags), expected(path), "{}", relative(path));
            let listing: Vec<String> = grc::check::references::resolve(&r)
                .iter()
                .map(|x| {
                    format!(
                        "{}:{} {:?} {:?} -> {:?}",
                        x.line, x.column, x.kind, x.text, x.targets
                    )
                })
                .collect();
            insta::assert_snapshot!(listing.join("\n"));
        });
    });
}
