//! The whole output of a small spec, file by file, against the committed copy in
//! `tests/golden/widgets/`; and of the same spec after a typical update
//! (`tests/golden/widgets_growth.yaml` patched over it) against `tests/golden/widgets_v2/`.
//! Rewrite both with `GOLDEN_UPDATE=1 cargo test -p codegen --test golden` after a deliberate
//! change, and review their diff like any other. Both are workspace members, so the handwritten
//! tests in `codegen/e2e` call them.

use std::path::{Path, PathBuf};

use codegen::{Options, Package, Selection};

fn golden() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Generates `spec` into `tests/golden/<dir>` as package `name`, or, without `GOLDEN_UPDATE`,
/// checks that the committed files are exactly what it generates.
fn check(spec: PathBuf, dir: &str, name: &str) {
    let update = std::env::var_os("GOLDEN_UPDATE").is_some();
    let options = Options {
        spec,
        out_dir: golden().join(dir),
        selection: Selection::All,
        check: !update,
        expected_sha256: None,
        package: Package { name: name.into(), runtime_path: "../../../../runtime".into(), ..Package::default() },
        former_paths: Vec::new(),
    };
    let report = codegen::run(&options).unwrap_or_else(|e| panic!("{e}"));
    let differences: Vec<String> = report.differences.iter().map(|d| format!("{d:?}")).collect();
    assert!(
        differences.is_empty(),
        "the output differs from tests/golden/{dir} (GOLDEN_UPDATE=1 rewrites it):\n{}",
        differences.join("\n")
    );
    assert!(report.files >= 8, "every module, the skeleton and the manifest: {} files", report.files);
}

#[test]
fn a_small_spec_generates_exactly_the_committed_crate() {
    check(golden().join("widgets.yaml"), "widgets", "stripe-widgets");
}

#[test]
fn the_same_spec_after_an_update_generates_exactly_the_committed_crate() {
    let read = |name: &str| -> serde_yaml::Value {
        serde_yaml::from_str(&std::fs::read_to_string(golden().join(name)).unwrap()).unwrap()
    };
    let mut spec = read("widgets.yaml");
    merge(&mut spec, read("widgets_growth.yaml"));
    let file = std::env::temp_dir().join(format!("widgets_v2-{}.yaml", std::process::id()));
    std::fs::write(&file, serde_yaml::to_string(&spec).unwrap()).unwrap();
    check(file.clone(), "widgets_v2", "stripe-widgets-v2");
    let _ = std::fs::remove_file(file);
}

/// A JSON merge patch on YAML: maps merge key by key, anything else replaces.
fn merge(base: &mut serde_yaml::Value, patch: serde_yaml::Value) {
    match (base, patch) {
        (serde_yaml::Value::Mapping(base), serde_yaml::Value::Mapping(patch)) => {
            for (key, value) in patch {
                match base.get_mut(&key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, patch) => *base = patch,
    }
}
