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

/// The verified path of a pinned Stripe file (spec/pin.toml, spec/files.toml), found as the tests
/// and xtask find it; panics with how to get it.
fn stripe_file(name: &str) -> PathBuf {
    stripe_files::Project::here().file(name).unwrap_or_else(|e| panic!("{e}"))
}

fn pinned_spec_from_shared() -> PathBuf {
    stripe_file("2023-08-16/spec3.yaml")
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

/// The digest `fetch-spec` checks.
fn sha256(path: &Path) -> String {
    codegen::load::sha256_hex(&std::fs::read(path).unwrap())
}

/// A pin whose URL is on a closed port of 127.0.0.1: downloading it fails as with no network.
fn write_pin(root: &Path, version: &str, path: &str, sha: &str) {
    write_pin_at(root, version, path, sha, &format!("http://127.0.0.1:1/{path}"));
}

fn write_pin_at(root: &Path, version: &str, path: &str, sha: &str, url: &str) {
    let pin = format!(
        "api_version = \"{version}\"\nrepository = \"stripe/openapi\"\ncommit = \"c0ffee\"\npath = \"{path}\"\n\
         sha256 = \"{sha}\"\nurl = \"{url}\"\n"
    );
    std::fs::write(root.join("spec/pin.toml"), pin).unwrap();
}

/// A scratch project root `<tmp>/xtask-cli-<name>-<pid>/main` whose `spec/` holds only the
/// project's selection; nothing is beside it (no `../shared`) unless a test puts it there.
/// Returns (scratch, root).
fn scratch_root(name: &str) -> (PathBuf, PathBuf) {
    let scratch = std::env::temp_dir().join(format!("xtask-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let root = scratch.join("main");
    std::fs::create_dir_all(root.join("spec")).unwrap();
    let selection = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/selection.toml");
    std::fs::copy(selection, root.join("spec/selection.toml")).unwrap();
    (scratch, root)
}

/// Runs xtask on the project at `root`, without `$STRIPE_OPENAPI_DIR` (CI sets it).
fn in_root(root: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("XTASK_ROOT", root)
        .env_remove("STRIPE_OPENAPI_DIR")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_spec_update_workflow_of_spec_readme() {
    let (scratch, root) = scratch_root("update");
    let (old, new) = (stripe_file("2023-08-16/spec3.yaml"), stripe_file("2024-04-10/spec3.json"));

    // Start pinned to 2023-08-16 with a generated crate.
    write_pin(&root, "2023-08-16", "openapi/spec3.yaml", &sha256(&old));
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

    // A spec file edited after fetching no longer matches the pin, and is not replaced.
    std::fs::write(root.join("spec/spec3.json"), b"{}").unwrap();
    let (code, _, stderr) = in_root(&root, &["generate"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("sha256 mismatch: got"), "{stderr}");
    assert!(stderr.contains("the pin (spec/pin.toml) expects"), "{stderr}");
    assert_eq!(std::fs::read(root.join("spec/spec3.json")).unwrap(), b"{}");
    std::fs::remove_dir_all(scratch).unwrap();
}

/// Every file under `dir` (following no links) with its bytes, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push((e.path(), std::fs::read(e.path()).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

/// Serves `body` to every request on 127.0.0.1 (a stand-in for the pin's URL); returns the URL.
fn serve(body: Vec<u8>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/openapi/spec3.yaml", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let _ = stream.read(&mut [0u8; 4096]);
            let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    url
}

#[test]
fn generate_without_the_spec_shared_or_network_exits_1_naming_both_ways_and_changes_nothing() {
    let (scratch, root) = scratch_root("offline");
    write_pin(&root, "2023-08-16", "openapi/spec3.yaml", &sha256(&pinned_spec_from_shared()));
    let before = snapshot(&scratch);
    let (code, stdout, stderr) = in_root(&root, &["generate"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    let spec = root.join("spec/spec3.yaml");
    assert!(
        stderr.starts_with(&format!("error: {} is missing and could not be obtained.", spec.display())),
        "{stderr}"
    );
    assert_eq!(stderr.lines().filter(|l| l.starts_with("error")).count(), 1, "one message: {stderr}");
    for expected in [
        format!("{}: not found", root.join("../shared/stripe-openapi/2023-08-16/spec3.yaml").display()),
        "cannot download http://127.0.0.1:1/openapi/spec3.yaml".to_owned(),
        "put the project's shared/ folder beside the project root (it holds stripe-openapi/2023-08-16/spec3.yaml)"
            .to_owned(),
        "or set STRIPE_OPENAPI_DIR to a folder that holds 2023-08-16/spec3.yaml".to_owned(),
        format!(
            "or let it be downloaded: with network access to http://127.0.0.1:1/openapi/spec3.yaml it is fetched, \
             checked and kept at {}",
            spec.display()
        ),
    ] {
        assert!(stderr.contains(&expected), "missing {expected:?} in:\n{stderr}");
    }
    assert_eq!(snapshot(&scratch), before, "nothing was written");
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn generate_copies_the_pinned_spec_from_shared_or_stripe_openapi_dir_and_says_so() {
    let real = pinned_spec_from_shared();
    let (scratch, root) = scratch_root("shared");
    write_pin(&root, "2023-08-16", "openapi/spec3.yaml", &sha256(&real));
    let shared = root.join("../shared/stripe-openapi/2023-08-16");
    std::fs::create_dir_all(&shared).unwrap();
    std::os::unix::fs::symlink(&real, shared.join("spec3.yaml")).unwrap();
    let spec = root.join("spec/spec3.yaml");

    let (code, stdout, stderr) = in_root(&root, &["generate"]);
    assert_eq!(code, 0, "{stderr}");
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next().unwrap(),
        format!(
            "{}: copied from {} (sha256 {} as pinned in spec/pin.toml)",
            spec.display(),
            shared.join("spec3.yaml").display(),
            sha256(&real)
        )
    );
    assert!(lines.next().unwrap().starts_with(&format!("wrote {}", root.join("generated").display())));
    assert_eq!(std::fs::read(&spec).unwrap(), std::fs::read(&real).unwrap());
    assert!(!std::fs::symlink_metadata(&spec).unwrap().is_symlink(), "a copy, not a link");
    // Once it is there, nothing more is said about it.
    let (code, stdout, _) = in_root(&root, &["generate", "--check"]);
    assert_eq!((code, stdout.lines().count()), (0, 1), "{stdout}");

    // $STRIPE_OPENAPI_DIR comes before ../shared.
    std::fs::remove_file(&spec).unwrap();
    let env_dir = scratch.join("elsewhere");
    std::fs::create_dir_all(env_dir.join("2023-08-16")).unwrap();
    std::os::unix::fs::symlink(&real, env_dir.join("2023-08-16/spec3.yaml")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["generate", "--check"])
        .env("XTASK_ROOT", &root)
        .env("STRIPE_OPENAPI_DIR", &env_dir)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with(&format!(
            "{}: copied from {}",
            spec.display(),
            env_dir.join("2023-08-16/spec3.yaml").display()
        )),
        "{stdout}"
    );
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn generate_downloads_the_pinned_spec_checks_it_and_keeps_it_in_spec() {
    let real = pinned_spec_from_shared();
    let bytes = std::fs::read(&real).unwrap();
    let (scratch, root) = scratch_root("download");
    let spec = root.join("spec/spec3.yaml");

    // A server that answers with other bytes: an error, and nothing is written.
    let tampered = serve(b"openapi: 3.0.0\n".to_vec());
    write_pin_at(&root, "2023-08-16", "openapi/spec3.yaml", &sha256(&real), &tampered);
    let before = snapshot(&scratch);
    let (code, _, stderr) = in_root(&root, &["generate"]);
    assert_eq!(code, 1);
    assert!(stderr.contains(&format!("downloaded {tampered}: sha256 mismatch: got")), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(snapshot(&scratch), before);

    // The right bytes: downloaded, checked, kept in spec/, used.
    let url = serve(bytes.clone());
    write_pin_at(&root, "2023-08-16", "openapi/spec3.yaml", &sha256(&real), &url);
    let (code, stdout, stderr) = in_root(&root, &["generate"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with(&format!("{}: downloaded from {url} (sha256 ", spec.display())), "{stdout}");
    assert!(stdout.contains("Stripe API 2023-08-16"), "{stdout}");
    assert_eq!(std::fs::read(&spec).unwrap(), bytes);
    assert_eq!(
        std::fs::read_dir(root.join("spec")).unwrap().count(),
        3,
        "pin.toml, selection.toml and spec3.yaml, no partial file"
    );
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn generate_leaves_a_spec_file_that_does_not_match_the_pin_even_when_shared_has_the_right_one() {
    let real = pinned_spec_from_shared();
    let (scratch, root) = scratch_root("mismatch");
    write_pin(&root, "2023-08-16", "openapi/spec3.yaml", &sha256(&real));
    let shared = root.join("../shared/stripe-openapi/2023-08-16");
    std::fs::create_dir_all(&shared).unwrap();
    std::os::unix::fs::symlink(&real, shared.join("spec3.yaml")).unwrap();
    let spec = root.join("spec/spec3.yaml");
    std::fs::write(&spec, b"openapi: 3.0.0 # mine\n").unwrap();
    let (code, _, stderr) = in_root(&root, &["generate"]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with(&format!("error: {}: sha256 mismatch: got ", spec.display())), "{stderr}");
    assert!(
        stderr.contains(
            "It was left as it is: delete it to get the pinned file again, or replace it with `cargo xtask fetch-spec`"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&spec).unwrap(), b"openapi: 3.0.0 # mine\n");
    assert!(!root.join("generated").exists());
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn the_selection_comes_from_spec_selection_toml_or_resources_and_report_says_what_was_written() {
    let (scratch, root) = scratch_root("selection");
    let spec = stripe_file("2023-08-16/spec3.yaml");
    let spec = spec.to_str().unwrap();
    let out = root.join("out");
    let has = |file: &str| snapshot(&out).iter().any(|(p, _)| p.ends_with(file));

    std::fs::write(root.join("spec/selection.toml"), "resources = [\"billing_portal.configuration\"]\n").unwrap();
    let (code, stdout, stderr) =
        in_root(&root, &["generate", "--spec", spec, "--out", out.to_str().unwrap(), "--report"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(has("src/billing_portal/configuration.rs"));
    assert!(!has("src/billing_portal/session.rs"), "only the selected resource");
    assert!(stdout.contains("operations 4,"), "create, retrieve, update, list: {stdout}");
    assert!(stdout.contains("types defined in more than one module: 0"), "{stdout}");

    let (code, stdout, stderr) = in_root(
        &root,
        &[
            "generate",
            "--spec",
            spec,
            "--out",
            out.to_str().unwrap(),
            "--resources",
            "billing_portal.session",
            "--report",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(has("src/billing_portal/session.rs"), "--resources overrides the file");
    assert!(stdout.contains("operations 1,"), "{stdout}");

    let (code, _, stderr) =
        in_root(&root, &["generate", "--spec", spec, "--out", out.to_str().unwrap(), "--resources", "nope"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no schema with x-resourceId `nope`"), "{stderr}");
    let (code, _, stderr) = in_root(&root, &["generate", "--all", "--resources", "customer"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("--all and --resources exclude each other"), "{stderr}");
    std::fs::remove_dir_all(scratch).unwrap();
}
