//! The `xtask` binary: exit codes and messages a developer sees.

use std::path::{Path, PathBuf};
use std::process::Command;

fn xtask(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn pinned_spec_from_shared() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/stripe-openapi/2023-08-16/spec3.yaml");
    let path =
        std::env::var_os("STRIPE_OPENAPI_DIR").map(|d| PathBuf::from(d).join("2023-08-16/spec3.yaml")).unwrap_or(path);
    assert!(path.is_file(), "{} not found: put the project's `shared/` folder beside the project root", path.display());
    path
}

#[test]
fn errors_exit_1_with_one_message() {
    let dir = std::env::temp_dir().join(format!("xtask-cli-err-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "openapi: [").unwrap();
    let out = dir.join("out");
    let (code, _, stderr) = xtask(&["generate", "--spec", bad.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with(&format!("error: {}: at line", bad.display())), "{stderr}");
    assert!(stderr.contains("invalid YAML OpenAPI document"));
    assert!(!out.exists());
    let (code, _, stderr) = xtask(&["generate", "--bogus"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("unknown argument `--bogus`"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_exits_1_naming_the_file_and_showing_the_diff_after_a_hand_edit() {
    let spec = pinned_spec_from_shared();
    let dir = std::env::temp_dir().join(format!("xtask-cli-check-{}", std::process::id()));
    let out = dir.join("generated");
    let args = |extra: &[&'static str]| {
        let mut v = vec![
            "generate".to_owned(),
            "--spec".into(),
            spec.display().to_string(),
            "--out".into(),
            out.display().to_string(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let run = |a: Vec<String>| xtask(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run(args(&[])).0, 0);
    let (code, stdout, _) = run(args(&["--check"]));
    assert_eq!(code, 0, "check right after generate");
    assert!(stdout.contains("is up to date"));

    let lib = out.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, text.replace("pub mod billing_portal;", "pub mod billing_portal; // mine")).unwrap();
    let (code, _, stderr) = run(args(&["--check"]));
    assert_eq!(code, 1);
    assert!(stderr.contains(&format!("{} differs:", lib.display())), "{stderr}");
    assert!(stderr.contains("- pub mod billing_portal; // mine\n+ pub mod billing_portal;"), "{stderr}");
    assert!(stderr.contains("run `cargo xtask generate`"), "{stderr}");

    assert_eq!(run(args(&[])).0, 0);
    let first: Vec<u8> = std::fs::read(&lib).unwrap();
    assert_eq!(run(args(&[])).0, 0, "generating twice");
    assert_eq!(std::fs::read(&lib).unwrap(), first);
    assert_eq!(run(args(&["--check"])).0, 0);
    std::fs::remove_dir_all(dir).unwrap();
}
