//! Build script: records the rustc version for the `X-Stripe-Client-User-Agent` header's
//! `lang_version`, as the official SDKs send their language's version.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=src/build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    // `rustc 1.85.0 (4d91de4e4 2025-02-17)` -> `1.85.0`
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned))
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=STRIPE_RUNTIME_RUSTC_VERSION={version}");
}
