//! What each feature set brings (issue 10, point 3): a blocking-only build has no tokio. The
//! compile check of that build is CI's (`cargo clippy -p stripe-runtime --no-default-features
//! --features blocking --all-targets`); this test reads the dependency tree cargo resolves.

use std::process::Command;

/// The crates of the runtime's normal dependency tree with `features` (default ones off).
fn crates(features: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "--offline", "-p", "stripe-runtime", "--no-default-features", "--features", features])
        .args(["-e", "normal", "--prefix", "none"])
        .output()
        .unwrap();
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    let mut crates: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| line.trim_end_matches(" (*)").to_owned())
        .collect();
    crates.sort();
    crates.dedup();
    crates
}

/// `--no-default-features --features blocking`: the blocking client on ureq, without tokio (or
/// any async runtime); the default build adds tokio for the async client.
#[test]
fn a_blocking_only_build_has_no_tokio() {
    let blocking = crates("blocking");
    let named = |name: &str| blocking.iter().any(|line| line.starts_with(&format!("{name} v")));
    assert!(named("ureq") && named("stripe-runtime"), "{blocking:#?}");
    assert!(!named("tokio") && !named("futures-core") && !named("reqwest"), "{blocking:#?}");
    let default = crates("ureq-transport");
    assert!(default.iter().any(|line| line.starts_with("tokio v")), "{default:#?}");
    println!("crates of a blocking-only build: {} (default build: {})", blocking.len(), default.len());
}
