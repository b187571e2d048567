//! The whole pipeline: errors leave the output untouched, real specs generate deterministically.

use std::path::{Path, PathBuf};

use codegen::{Options, Selection};

/// The verified path of a pinned Stripe file (spec/pin.toml, spec/files.toml), e.g.
/// `2024-04-10/spec3.json`; panics with what was tried and how to get it.
fn stripe_file(name: &str) -> PathBuf {
    stripe_files::Project::here().file(name).unwrap_or_else(|e| panic!("{e}"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-pipeline-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file under `dir` with its bytes, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn options(spec: &Path, out: &Path) -> Options {
    Options {
        spec: spec.into(),
        out_dir: out.into(),
        selection: Selection::default(),
        check: false,
        expected_sha256: None,
        package: Default::default(),
    }
}

fn session_spec(extra_property: &str) -> String {
    format!(
        r#"{{"openapi": "3.0.0", "info": {{"title": "Stripe API", "version": "2099-01-01"}}, "paths": {{}},
        "components": {{"schemas": {{"billing_portal.session": {{"type": "object", "x-resourceId": "billing_portal.session",
        "properties": {{"id": {{"type": "string"}}{extra_property}}}}}}}}}}}"#
    )
}

#[test]
fn each_error_class_has_one_message_and_leaves_the_output_as_it_was() {
    let dir = scratch("errors");
    let out = dir.join("generated");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("src/lib.rs"), "// hand-made, must survive\n").unwrap();
    let before = snapshot(&out);

    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let cases = [
        (dir.join("missing.yaml"), None, "cannot read the spec"),
        (write("notes.txt", "x"), None, "unsupported spec file extension"),
        (write("bad.yaml", "openapi: [3.0"), Some("line 1, column"), "invalid YAML OpenAPI document"),
        (write("bad.json", "{\"openapi\": 3,"), Some("line 1, column 13"), "invalid JSON OpenAPI document"),
        (
            write("empty.json", &session_spec("").replace("billing_portal.session", "other")),
            Some("#/components/schemas"),
            "the spec has no schema with x-resourceId `billing_portal.session`",
        ),
        (
            write("dangling.json", &session_spec(r##", "flow": {"$ref": "#/components/schemas/portal_flows_flow"}"##)),
            Some("#/components/schemas/billing_portal.session/properties/flow"),
            "$ref to nothing: `#/components/schemas/portal_flows_flow`",
        ),
        (
            write("external.json", &session_spec(r#", "flow": {"$ref": "flows.json#/Flow"}"#)),
            Some("#/components/schemas/billing_portal.session/properties/flow"),
            "unsupported $ref `flows.json#/Flow`: only #/components/schemas/… is read",
        ),
    ];
    for (spec, pointer, message) in cases {
        let error = codegen::run(&options(&spec, &out)).unwrap_err();
        assert_eq!(error.file, spec.display().to_string());
        assert!(error.message.starts_with(message), "{spec:?}: {error}");
        match pointer {
            Some(pointer) => assert!(error.pointer.as_deref().unwrap_or_default().starts_with(pointer), "{error}"),
            None => assert_eq!(error.pointer, None),
        }
        assert_eq!(snapshot(&out), before, "{spec:?} changed the output");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_wrong_pin_hash_is_an_error_before_anything_is_written() {
    let dir = scratch("pin");
    let out = dir.join("generated");
    let spec = dir.join("s.json");
    std::fs::write(&spec, session_spec("")).unwrap();
    let mut opts = options(&spec, &out);
    opts.expected_sha256 = Some("0".repeat(64));
    let error = codegen::run(&opts).unwrap_err();
    assert!(error.message.contains("but the pin (spec/pin.toml) says 0000"), "{error}");
    assert!(!out.exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_pinned_spec_generates_the_same_bytes_twice_and_check_finds_edits() {
    let spec = stripe_file("2023-08-16/spec3.yaml");
    let dir = scratch("determinism");
    let (a, b) = (dir.join("a"), dir.join("b"));
    let report = codegen::run(&options(&spec, &a)).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    codegen::run(&options(&spec, &b)).unwrap();
    assert_eq!(snapshot(&a), snapshot(&b));

    let session = std::fs::read_to_string(a.join("src/billing_portal/session.rs")).unwrap();
    assert!(session.starts_with(
        "// generated by cargo xtask generate from Stripe API 2023-08-16, spec sha256 eed9ac08a03a5374caa994362bfa080ae87ee75f0a3dc76f9d48b19c705b50bb; do not edit\n"
    ));
    for file in snapshot(&a) {
        let text = String::from_utf8(file.1).unwrap();
        assert!(text.lines().next().unwrap().contains("generated by cargo xtask generate"), "{:?}", file.0);
    }

    let mut check = options(&spec, &a);
    check.check = true;
    assert!(codegen::run(&check).unwrap().differences.is_empty());
    std::fs::write(a.join("src/billing_portal/session.rs"), session.replace("pub url: String,", "pub url: Strin,"))
        .unwrap();
    let differences = codegen::run(&check).unwrap().differences;
    assert_eq!(differences.len(), 1);
    assert_eq!(differences[0].path, PathBuf::from("src/billing_portal/session.rs"));
    let detail = &differences[0].detail;
    assert!(detail.contains("-     pub url: Strin,\n+     pub url: String,"), "{detail}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_2024_json_spec_gives_the_same_files_with_its_version() {
    let dir = scratch("json");
    let report = codegen::run(&options(&stripe_file("2024-04-10/spec3.json"), &dir.join("g"))).unwrap();
    assert_eq!(report.api_version, "2024-04-10");
    let lib = std::fs::read_to_string(dir.join("g/src/lib.rs")).unwrap();
    assert!(lib.contains("pub const API_VERSION: &str = \"2024-04-10\";"));
    assert!(dir.join("g/src/billing_portal/session.rs").is_file());
    std::fs::remove_dir_all(dir).unwrap();
}
