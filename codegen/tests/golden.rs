//! The whole output of a small spec, file by file, against the committed copy in
//! `tests/golden/widgets/`. Rewrite that copy with `GOLDEN_UPDATE=1 cargo test -p codegen --test
//! golden` after a deliberate change, and review its diff like any other.

use std::path::Path;

use codegen::{Options, Package, Selection};

#[test]
fn a_small_spec_generates_exactly_the_committed_crate() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("GOLDEN_UPDATE").is_some();
    let options = Options {
        spec: golden.join("widgets.yaml"),
        out_dir: golden.join("widgets"),
        selection: Selection::All,
        check: !update,
        expected_sha256: None,
        // A workspace member of its own, so the handwritten tests in `codegen/e2e` call its
        // operations over HTTP.
        package: Package {
            name: "stripe-widgets".into(),
            runtime_path: "../../../../runtime".into(),
            ..Package::default()
        },
    };
    let report = codegen::run(&options).unwrap_or_else(|e| panic!("{e}"));
    let differences: Vec<String> = report.differences.iter().map(|d| format!("{d:?}")).collect();
    assert!(
        differences.is_empty(),
        "the output differs from tests/golden/widgets (GOLDEN_UPDATE=1 rewrites it):\n{}",
        differences.join("\n")
    );
    assert!(report.files >= 8, "every module, the skeleton and the manifest: {} files", report.files);
}
