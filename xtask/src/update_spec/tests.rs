//! update-spec on a scratch project: a wrong hash or a wrong version changes nothing; the right
//! one moves the pin, pins the old spec for the tests, regenerates, and reports.

use super::*;

fn stripe_file(name: &str) -> PathBuf {
    Project::here().file(name).unwrap_or_else(|e| panic!("{e}"))
}

fn sha256(path: &Path) -> String {
    codegen::load::sha256_hex(&std::fs::read(path).unwrap())
}

/// Every file under `dir` with its bytes, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                out.push((entry.path(), std::fs::read(entry.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A project at `<tmp>/…/main` pinned to the 2023-08-16 spec (in its `spec/`; the pin's URL is a
/// closed port), with the project's selection, a files.toml that pins the 2024-04-10 spec (as the
/// project's does), and the crate generated from it. Whatever the project itself pins.
fn project(name: &str) -> (PathBuf, PathBuf) {
    let selection = std::fs::read_to_string(Project::here().spec_dir().join("selection.toml")).unwrap();
    project_selecting(name, &selection)
}

/// [`project`] with this `spec/selection.toml`.
fn project_selecting(name: &str, selection: &str) -> (PathBuf, PathBuf) {
    let scratch = std::env::temp_dir().join(format!("xtask-update-spec-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let root = scratch.join("main");
    std::fs::create_dir_all(root.join("spec")).unwrap();
    std::fs::write(root.join("spec/selection.toml"), selection).unwrap();
    let old = stripe_file("2023-08-16/spec3.yaml");
    std::fs::copy(&old, root.join("spec/spec3.yaml")).unwrap();
    let pin = Pin {
        api_version: "2023-08-16".into(),
        repository: "stripe/openapi".into(),
        commit: "63a6746".into(),
        path: "openapi/spec3.yaml".into(),
        sha256: sha256(&old),
        url: "http://127.0.0.1:1/openapi/spec3.yaml".into(),
    };
    std::fs::write(root.join("spec/pin.toml"), pin_text(&pin)).unwrap();
    let files = format!(
        "[[file]]\nname = \"2024-04-10/spec3.json\"\nsha256 = \"{}\"\nurl = \"\"\nhow = \"a local copy\"\n",
        sha256(&stripe_file("2024-04-10/spec3.json"))
    );
    std::fs::write(root.join("spec/files.toml"), files).unwrap();
    let options = Options {
        spec: root.join("spec/spec3.yaml"),
        out_dir: root.join("generated"),
        selection: Selection::Resources(crate::selection::read(&root.join("spec/selection.toml")).unwrap()),
        check: false,
        expected_sha256: None,
        package: Default::default(),
        former_paths: Vec::new(),
    };
    codegen::run(&options).unwrap();
    (scratch, root)
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_wrong_hash_or_version_changes_nothing() {
    let (scratch, root) = project("refused");
    let new = stripe_file("2024-04-10/spec3.json");
    let before = snapshot(&scratch);
    let wrong = "0".repeat(64);
    let error =
        update(&root, &args(&["--commit", "c0ffee", "--sha256", &wrong, "--from", new.to_str().unwrap()])).unwrap_err();
    assert!(error.contains("sha256 mismatch"), "{error}");
    assert_eq!(snapshot(&scratch), before, "a wrong hash leaves every file as it was");
    // Found late, after fetching, comparing and generating: still nothing changes.
    let right = sha256(&new);
    let error = update(
        &root,
        &args(&["--commit", "c0ffee", "--sha256", &right, "--from", new.to_str().unwrap(), "--version", "2099-01-01"]),
    )
    .unwrap_err();
    assert!(error.contains("the spec says it is Stripe API 2024-04-10"), "{error}");
    assert_eq!(snapshot(&scratch), before, "a wrong version leaves every file as it was");
    assert!(!root.join("spec/cache").exists(), "not even an empty cache folder");
    assert!(update(&root, &args(&["--sha256", &right])).unwrap_err().contains("needs --commit"));
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn the_right_hash_moves_the_pin_regenerates_and_reports() {
    let (scratch, root) = project("moved");
    let new = stripe_file("2024-04-10/spec3.json");
    let old_pin = Pin::read(&root.join("spec/pin.toml")).unwrap();
    let sha = sha256(&new);
    let report =
        update(&root, &args(&["--commit", "c0ffee", "--sha256", &sha, "--from", new.to_str().unwrap()])).unwrap();
    assert!(report.starts_with("## Stripe API 2023-08-16 → 2024-04-10\n"), "{report}");
    assert!(report.contains("field removed `PortalFeatures.subscription_pause`"), "{report}");
    assert!(report.contains("spec/files.toml now pins 2023-08-16/spec3.yaml"), "{report}");

    let pin = Pin::read(&root.join("spec/pin.toml")).unwrap();
    assert_eq!(
        (pin.api_version.as_str(), pin.path.as_str(), pin.sha256.as_str()),
        ("2024-04-10", "openapi/spec3.json", sha.as_str())
    );
    assert_eq!(pin.url, "https://raw.githubusercontent.com/stripe/openapi/c0ffee/openapi/spec3.json");
    assert_eq!(std::fs::read(root.join("spec/spec3.json")).unwrap(), std::fs::read(&new).unwrap());
    let files = stripe_files::parse_files(&std::fs::read_to_string(root.join("spec/files.toml")).unwrap()).unwrap();
    let old = files.iter().find(|f| f.name == "2023-08-16/spec3.yaml").expect("the old spec is pinned for the tests");
    assert_eq!((&old.sha256, old.url.as_ref()), (&old_pin.sha256, Some(&old_pin.url)));
    assert!(Project::at(&root).catalog().is_ok(), "no name pinned twice");

    let lib = std::fs::read_to_string(root.join("generated/src/lib.rs")).unwrap();
    assert!(lib
        .starts_with(&format!("// generated by cargo xtask generate from Stripe API 2024-04-10, spec sha256 {sha};")));
    // `generate --check` passes on the result.
    let check = Options {
        spec: root.join("spec/spec3.json"),
        out_dir: root.join("generated"),
        selection: Selection::Resources(crate::selection::read(&root.join("spec/selection.toml")).unwrap()),
        check: true,
        expected_sha256: Some(sha),
        package: Default::default(),
        former_paths: Vec::new(),
    };
    assert_eq!(codegen::run(&check).unwrap().differences, []);
    let leftovers: Vec<PathBuf> = snapshot(&root)
        .into_iter()
        .map(|(path, _)| path.strip_prefix(&root).unwrap().to_path_buf())
        .filter(|path| path.to_string_lossy().contains("update"))
        .collect();
    assert_eq!(leftovers, Vec::<PathBuf>::new(), "no staging or backup left behind");
    std::fs::remove_dir_all(scratch).unwrap();
}

/// A type the update moves (`payment_method`'s detail types move to `shared` when 2024's
/// `confirmation_token` starts using them) stays at its old path as a re-export, and the path is
/// recorded in `spec/former-paths.txt`, so that `generate` (and `--check`) keeps it from then on.
#[test]
fn a_type_the_update_moves_is_re_exported_where_it_was_and_recorded() {
    let (scratch, root) = project_selecting("kept", "resources = [\"payment_method\"]\n");
    let new = stripe_file("2024-04-10/spec3.json");
    let sha = sha256(&new);
    update(&root, &args(&["--commit", "c0ffee", "--sha256", &sha, "--from", new.to_str().unwrap()])).unwrap();
    let recorded = crate::former_paths::read(&root).unwrap();
    let card = FormerPath {
        path: "payment_method::PaymentMethodCard".into(),
        pointer: "#/components/schemas/payment_method_card".into(),
    };
    assert!(recorded.contains(&card), "{recorded:#?}");
    let module = std::fs::read_to_string(root.join("generated/src/payment_method.rs")).unwrap();
    assert!(module.contains("#[doc(no_inline)]\npub use crate::shared::PaymentMethodCard;\n"), "no re-export");
    let test = std::fs::read_to_string(root.join("generated/tests/former_paths.rs")).unwrap();
    assert!(test.contains("use stripe_api::payment_method::PaymentMethodCard as _;"), "{test}");
    let check = Options {
        spec: root.join("spec/spec3.json"),
        out_dir: root.join("generated"),
        selection: Selection::Resources(vec!["payment_method".into()]),
        check: true,
        expected_sha256: Some(sha),
        package: Default::default(),
        former_paths: recorded,
    };
    assert_eq!(codegen::run(&check).unwrap().differences, []);
    std::fs::remove_dir_all(scratch).unwrap();
}
