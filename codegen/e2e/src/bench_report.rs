//! Reads criterion's saved medians and prints each benchmark as a ratio to its baseline, so a
//! noisy machine cannot hide a regression: both sides are measured in the same run.

use std::path::{Path, PathBuf};

/// Where the benches save criterion's results: `<workspace>/target/criterion`.
pub fn criterion_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir).join("criterion"),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/criterion"),
    }
}

/// The median of `group/function` in nanoseconds, from criterion's `estimates.json`.
pub fn median_ns(group: &str, function: &str) -> Option<f64> {
    let path = criterion_dir().join(group).join(function).join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

/// One line of the report: `subject` against `baseline`, both in `group`.
pub struct Ratio<'a> {
    /// What is compared.
    pub label: &'a str,
    /// Criterion group.
    pub group: &'a str,
    /// The measured function.
    pub subject: &'a str,
    /// The function it is compared with.
    pub baseline: &'a str,
    /// The target the ratio must meet, as text (e.g. `<= 1.0`).
    pub target: &'a str,
}

/// Prints a table of medians and ratios; rows whose results are missing say so.
pub fn print_ratios(title: &str, rows: &[Ratio<'_>]) {
    println!("\n{title}");
    println!("{:<44} {:>12} {:>12} {:>7}  target", "benchmark", "median", "baseline", "ratio");
    for row in rows {
        match (median_ns(row.group, row.subject), median_ns(row.group, row.baseline)) {
            (Some(subject), Some(baseline)) => println!(
                "{:<44} {:>12} {:>12} {:>7.2}  {}",
                row.label,
                human(subject),
                human(baseline),
                subject / baseline,
                row.target
            ),
            _ => println!("{:<44} (no results: was it filtered out?)", row.label),
        }
    }
}

fn human(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.1} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}
