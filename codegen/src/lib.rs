//! The Stripe code generator: spec → model → tokens → formatted files → `generated/`.
//!
//! Each phase is a module with its own tests, and each reads only the previous phase's output:
//! [`load`] (bytes → `openapiv3::OpenAPI`), [`model`] (Stripe-aware types, operations and
//! names), [`emit`] (model → `quote!` tokens), [`render`] (prettyplease + minijinja skeletons →
//! files), [`mod@write`] (atomic swap into the output directory, or `--check` comparison).

#![warn(missing_docs)]

pub mod docs;
pub mod emit;
pub mod error;
pub mod load;
pub mod model;
pub mod names;
pub mod render;
#[cfg(test)]
mod test_support;
pub mod write;

use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use error::{Error, Result};
pub use model::Selection;

/// What to generate and where.
#[derive(Clone, Debug)]
pub struct Options {
    /// The spec file (`.yaml`, `.yml` or `.json`).
    pub spec: PathBuf,
    /// The generated crate's directory.
    pub out_dir: PathBuf,
    /// Which part of the API.
    pub selection: Selection,
    /// Compare with `out_dir` instead of writing.
    pub check: bool,
    /// The sha256 the spec must have (the pin), if any.
    pub expected_sha256: Option<String>,
}

/// Wall time of each phase.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    /// Reading and parsing the spec.
    pub parse: Duration,
    /// Building the model.
    pub model: Duration,
    /// Emitting tokens (CPU time, summed over threads).
    pub emit: Duration,
    /// Formatting with prettyplease (CPU time, summed over threads).
    pub format: Duration,
    /// Emitting, formatting and rendering the templates, wall clock.
    pub emit_format_wall: Duration,
    /// Threads emitting and formatting.
    pub threads: usize,
    /// Writing (or comparing) the files.
    pub write: Duration,
}

impl Timings {
    /// Wall time of the whole run.
    pub fn total(&self) -> Duration {
        self.parse + self.model + self.emit_format_wall + self.write
    }
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct Report {
    /// The spec's API version.
    pub api_version: String,
    /// Number of files generated.
    pub files: usize,
    /// Number of lines generated.
    pub lines: usize,
    /// Places typed as `serde_json::Value`.
    pub warnings: Vec<model::Warning>,
    /// Resources, operations and types generated, and the type space's health.
    pub summary: model::Summary,
    /// In check mode, the files that differ (empty when up to date).
    pub differences: Vec<write::Difference>,
    /// Time per phase.
    pub timings: Timings,
}

/// Runs the whole pipeline.
pub fn run(options: &Options) -> Result<Report> {
    let mut timings = Timings::default();
    let start = Instant::now();
    let spec = load::load_pinned(&options.spec, options.expected_sha256.as_deref())?;
    timings.parse = start.elapsed();

    let start = Instant::now();
    let model = model::build(&spec.api, &spec.file, &options.selection)?;
    timings.model = start.elapsed();

    let start = Instant::now();
    let (bodies, module_times) = render::emit_and_format(&model)?;
    let files = render::render(&model, &spec.sha256, &bodies)?;
    timings.emit_format_wall = start.elapsed();
    (timings.emit, timings.format, timings.threads) = (module_times.emit, module_times.format, module_times.threads);

    let start = Instant::now();
    let differences = if options.check {
        write::check_tree(&options.out_dir, &files)
    } else {
        write::write_tree(&options.out_dir, &files)?;
        Vec::new()
    };
    timings.write = start.elapsed();

    Ok(Report {
        api_version: model.api_version.clone(),
        files: files.len(),
        lines: files.iter().map(|f| f.contents.lines().count()).sum(),
        summary: model.summary(),
        warnings: model.warnings,
        differences,
        timings,
    })
}
