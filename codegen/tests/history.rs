//! Every Stripe spec the project has generates (issue 26): the two main ones and the seven older
//! ones of `history/` (2018 to 2023), whole, and for the default selection (the Billing Portal
//! session) where the spec has it. The two that predate the Billing Portal fail with one error
//! naming it, and write nothing. `.ci/run` compiles two of these crates.

use std::path::{Path, PathBuf};

use codegen::{Options, Selection};

/// Each spec (a name of `spec/pin.toml` or `spec/files.toml`) and whether it has the Billing
/// Portal session.
const SPECS: [(&str, bool); 9] = [
    ("history/2018-02-14/spec3.yaml", false),
    ("history/2019-08-14/spec3.yaml", false),
    ("history/2020-06-16/spec3.yaml", true),
    ("history/2021-06-07/spec3.yaml", true),
    ("history/2022-03-01/spec3.yaml", true),
    ("history/2022-11-07/spec3.yaml", true),
    ("history/2023-04-26/spec3.yaml", true),
    ("2023-08-16/spec3.yaml", true),
    ("2024-04-10/spec3.json", true),
];

/// The verified path of a Stripe file; panics with what was tried and how to get it.
fn stripe_file(name: &str) -> PathBuf {
    stripe_files::Project::here().file(name).unwrap_or_else(|e| panic!("{e}"))
}

fn run(spec: &str, selection: Selection, out: &Path) -> codegen::Result<codegen::Report> {
    codegen::run(&Options {
        spec: stripe_file(spec),
        out_dir: out.into(),
        selection,
        check: false,
        expected_sha256: None,
        package: Default::default(),
        former_paths: Vec::new(),
    })
}

#[test]
fn every_spec_generates_whole_and_for_the_portal_where_it_has_it() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("history");
    let _ = std::fs::remove_dir_all(&scratch);
    for (i, (spec, has_portal)) in SPECS.into_iter().enumerate() {
        let all = run(spec, Selection::All, &scratch.join(format!("{i}-all"))).unwrap_or_else(|e| panic!("{e}"));
        assert!(all.summary.resources > 40 && all.summary.operations > 150, "{spec}: {:?}", all.summary);
        let out = scratch.join(format!("{i}-portal"));
        match (run(spec, Selection::default(), &out), has_portal) {
            (Ok(report), true) => {
                assert!(out.join("src/billing_portal/session.rs").is_file(), "{spec}: {} files", report.files)
            }
            (Err(e), false) => {
                let message = e.to_string();
                assert!(message.contains("no schema with x-resourceId `billing_portal.session`"), "{spec}: {message}");
                assert!(!out.exists(), "{spec}: something was written");
            }
            (Ok(_), false) => panic!("{spec} has no Billing Portal, yet its selection generated"),
            (Err(e), true) => panic!("{spec}: {e}"),
        }
    }
}
