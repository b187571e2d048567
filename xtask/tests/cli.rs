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

fn shared_spec(file: &str) -> PathBuf {
    pinned_spec_from_shared().parent().unwrap().parent().unwrap().join(file)
}

/// The digest `fetch-spec` checks.
fn sha256(path: &Path) -> String {
    codegen::load::sha256_hex(&std::fs::read(path).unwrap())
}

fn write_pin(root: &Path, version: &str, path: &str, sha: &str) {
    let pin = format!(
        "api_version = \"{version}\"\nrepository = \"stripe/openapi\"\ncommit = \"c0ffee\"\npath = \"{path}\"\n\
         sha256 = \"{sha}\"\nurl = \"http://127.0.0.1:1/{path}\"\n"
    );
    std::fs::write(root.join("spec/pin.toml"), pin).unwrap();
}

fn in_root(root: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).env("XTASK_ROOT", root).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_spec_update_workflow_of_spec_readme() {
    let root = std::env::temp_dir().join(format!("xtask-cli-update-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("spec")).unwrap();
    let (old, new) = (shared_spec("2023-08-16/spec3.yaml"), shared_spec("2024-04-10/spec3.json"));

    // Start pinned to 2023-08-16 with a generated crate. A missing spec file says what to run.
    write_pin(&root, "2023-08-16", "openapi/spec3.yaml", &sha256(&old));
    let (code, _, stderr) = in_root(&root, &["generate"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("spec3.yaml is missing. Run `cargo xtask fetch-spec`"), "{stderr}");
    assert!(stderr.contains("`cargo xtask fetch-spec --from ../shared/stripe-openapi/2023-08-16/spec3.yaml`"));
    assert_eq!(in_root(&root, &["fetch-spec", "--from", old.to_str().unwrap()]).0, 0);
    assert_eq!(in_root(&root, &["generate"]).0, 0);
    let lib_2023 = std::fs::read_to_string(root.join("generated/src/lib.rs")).unwrap();

    // 1. Point the pin at the new spec (commit, path, sha256). A wrong hash is refused.
    write_pin(&root, "2024-04-10", "openapi/spec3.json", &"0".repeat(64));
    let (code, _, stderr) = in_root(&root, &["fetch-spec", "--from", new.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("sha256 mismatch"), "{stderr}");
    write_pin(&root, "2024-04-10", "openapi/spec3.json", &sha256(&new));
    // 2. Fetch it.
    assert_eq!(in_root(&root, &["fetch-spec", "--from", new.to_str().unwrap()]).0, 0);
    // The committed output is now stale, and --check says so.
    let (code, _, stderr) = in_root(&root, &["generate", "--check"]);
    assert_eq!(code, 1, "a pin that does not match the output is caught");
    assert!(stderr.contains("src/lib.rs differs"), "{stderr}");
    // 3. Generate; 4. the diff shows the new version and hash in every header.
    assert_eq!(in_root(&root, &["generate"]).0, 0);
    let lib_2024 = std::fs::read_to_string(root.join("generated/src/lib.rs")).unwrap();
    assert_ne!(lib_2023, lib_2024);
    assert!(lib_2024.starts_with(&format!(
        "// generated by cargo xtask generate from Stripe API 2024-04-10, spec sha256 {}; do not edit",
        sha256(&new)
    )));
    assert_eq!(in_root(&root, &["generate", "--check"]).0, 0);

    // A spec file edited after fetching no longer matches the pin.
    std::fs::write(root.join("spec/spec3.json"), b"{}").unwrap();
    let (code, _, stderr) = in_root(&root, &["generate"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("but the pin (spec/pin.toml) says"), "{stderr}");
    std::fs::remove_dir_all(root).unwrap();
}
