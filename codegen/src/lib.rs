//! The Stripe code generator: spec → model → tokens → formatted files → `generated/`.
//!
//! Each phase is a module with its own tests, and each reads only the previous phase's output:
//! [`load`] (bytes → `openapiv3::OpenAPI`), [`model`] (Stripe-aware types, operations and
//! names), [`emit`] (model → `quote!` tokens per module), [`mod@format`] (tokens → Rust source, by
//! prettyplease), [`render`] (minijinja skeletons → the crate's files), [`mod@write`] (atomic swap
//! into the output directory, or `--check` comparison). [`run`] calls them in that order.

#![warn(missing_docs)]

pub mod diff;
pub mod docs;
pub mod emit;
pub mod error;
mod fast_hash;
pub mod format;
pub mod load;
pub mod model;
pub mod names;
mod parallel;
pub mod render;
#[cfg(test)]
mod test_support;
pub mod write;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use error::{Error, Result};
pub use model::Selection;
use model::{Model, ModuleId};

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
    /// The generated crate's name and its dependency on the runtime.
    pub package: Package,
    /// Paths an earlier crate gave its types, kept where they still name one (see
    /// [`model::former`]).
    pub former_paths: Vec<model::FormerPath>,
}

/// The generated crate as a package: its name and where its `Cargo.toml` finds the runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    /// The package name; the library's name is the same with `_` for `-`.
    pub name: String,
    /// The runtime crate's directory, relative to the generated crate's.
    pub runtime_path: String,
    /// The runtime version the generated code is written against (the dependency's `version`).
    pub runtime_version: String,
}

impl Default for Package {
    /// `stripe-api`, beside the runtime (`../runtime`), as in this repository.
    fn default() -> Self {
        Package { name: "stripe-api".into(), runtime_path: "../runtime".into(), runtime_version: "0.1.0".into() }
    }
}

impl Package {
    /// The library's name, as Rust code spells it (`stripe_api`).
    pub fn lib_name(&self) -> String {
        self.name.replace('-', "_")
    }
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
    /// Counting what was written for the [`Report`] (its lines and the model's [`model::Summary`]).
    pub report: Duration,
}

impl Timings {
    /// Wall time of the whole run.
    pub fn total(&self) -> Duration {
        self.parse + self.model + self.emit_format_wall + self.write + self.report
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
    /// The [`Options::former_paths`] that name a type of the crate (its own path or a re-export).
    pub former_paths: Vec<String>,
    /// Time per phase.
    pub timings: Timings,
}

/// Large values a run is done with (the parsed spec, the whole-spec registry, the model), freed
/// together on a thread of their own when this is dropped. Freeing them takes a tenth of a
/// selection's generation time; freed at once, beside the later phases, they took a core from
/// emit and format. [`run`] drops its leftovers after its own work, and `cargo xtask generate`
/// exits before they are freed. The price is memory: they are all alive until then (peak
/// memory of the 2024 `--all` run 90 → 97 MB).
#[derive(Default)]
pub struct Leftovers(Vec<Box<dyn std::any::Any + Send>>);

impl Leftovers {
    /// Keeps `value` until the leftovers are dropped.
    pub fn keep<T: Send + 'static>(&mut self, value: T) {
        self.0.push(Box::new(value));
    }
}

impl Drop for Leftovers {
    fn drop(&mut self) {
        let values = std::mem::take(&mut self.0);
        if !values.is_empty() {
            // Not `thread::spawn`, which panics where no thread can be started (and a panic in a
            // drop during unwinding aborts): a spawn that fails drops its closure, and with it
            // the values, here.
            let _ = std::thread::Builder::new().spawn(move || drop(values));
        }
    }
}

/// Runs the whole pipeline.
pub fn run(options: &Options) -> Result<Report> {
    let mut timings = Timings::default();
    let mut leftovers = Leftovers::default();
    let start = Instant::now();
    let spec = load::load_pinned(&options.spec, options.expected_sha256.as_deref())?;
    timings.parse = start.elapsed();

    let (mut model, files) =
        generate(spec, &options.selection, &options.former_paths, &options.package, &mut timings, &mut leftovers)?;

    let start = Instant::now();
    let differences = if options.check {
        write::check_tree(&options.out_dir, &files)
    } else {
        write::write_tree(&options.out_dir, &files)?;
        Vec::new()
    };
    timings.write = start.elapsed();

    let start = Instant::now();
    let lines = files.iter().map(|f| line_count(&f.contents)).sum();
    let summary = model.summary();
    timings.report = start.elapsed();
    let report = Report {
        api_version: model.api_version.clone(),
        files: files.len(),
        lines,
        summary,
        warnings: std::mem::take(&mut model.warnings),
        differences,
        former_paths: std::mem::take(&mut model.former_paths),
        timings,
    };
    leftovers.keep((model, files));
    Ok(report)
}

/// The number of lines of `text`, as `str::lines` counts them, by counting bytes (a loop the
/// compiler vectorizes, where `lines` finds each line's end in turn).
fn line_count(text: &str) -> usize {
    let newlines = text.bytes().filter(|&b| b == b'\n').count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// The phases between load and write, in memory: the model of `selection`, keeping the `former`
/// paths of an earlier crate, and every file of the generated crate (what `cargo xtask fuzz` runs
/// on each mutated spec). The parsed spec and the model's working data go to `leftovers`.
pub fn generate(
    spec: load::LoadedSpec,
    selection: &Selection,
    former: &[model::FormerPath],
    package: &Package,
    timings: &mut Timings,
    leftovers: &mut Leftovers,
) -> Result<(Model, Vec<render::OutputFile>)> {
    let start = Instant::now();
    let model = model::build_leaving(&spec.api, &spec.file, selection, former, leftovers)?;
    let load::LoadedSpec { api, sha256, .. } = spec;
    leftovers.keep(api);
    timings.model = start.elapsed();

    let start = Instant::now();
    let bodies = emit_and_format(&model, timings)?;
    let files = render::render(&model, &sha256, package, &bodies)?;
    timings.emit_format_wall = start.elapsed();
    Ok((model, files))
}

/// A panic while emitting module `id`, as an error that says which part of the spec caused it: the
/// module, the spec location of its first type, and the panic's message. (A generator bug; the
/// error is what a user can report.)
fn emit_panic(model: &Model, id: ModuleId, panic: &(dyn std::any::Any + Send)) -> Error {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into());
    let module = &model.modules[id.0];
    let pointer = module.types.first().map_or(String::new(), |&t| model.ty(t).pointer.clone());
    Error::at(
        "generator",
        pointer,
        format!(
            "writing module `{}` failed (a generator bug; please report it with this spec): {message}",
            module.path.join("::")
        ),
    )
}

/// Phases 3 and 4 for every non-empty module: [`emit::module`], then [`format::module`], spread
/// over the machine's cores. Returns each module's formatted source and adds the CPU time of each
/// phase to `timings`.
///
/// `TokenStream` is not `Send`, so a module is emitted and formatted on the same thread; the model
/// is plain data, shared read-only. The result does not depend on the number of threads.
fn emit_and_format(model: &Model, timings: &mut Timings) -> Result<BTreeMap<ModuleId, String>> {
    let mut modules: Vec<ModuleId> =
        (0..model.modules.len()).map(ModuleId).filter(|id| !model.modules[id.0].is_empty()).collect();
    // Largest first, so the threads finish together.
    modules.sort_by_key(|id| std::cmp::Reverse(model.modules[id.0].types.len()));
    let threads = parallel::cores().min(modules.len()).max(1);
    let results = parallel::map(&modules, threads, |&id| {
        let start = Instant::now();
        let emitted = std::panic::catch_unwind(|| emit::module(model, id));
        let tokens = emitted.map_err(|panic| emit_panic(model, id, panic.as_ref()))?;
        let emitting = start.elapsed();
        let start = Instant::now();
        let text = format::module(tokens, &model.modules[id.0].path.join("::"))?;
        Ok((id, text, emitting, start.elapsed()))
    });
    let mut bodies = BTreeMap::new();
    timings.threads = threads;
    for result in results {
        let (id, text, emitting, formatting): (ModuleId, String, Duration, Duration) = result?;
        bodies.insert(id, text);
        timings.emit += emitting;
        timings.format += formatting;
    }
    Ok(bodies)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::{Ty, TypeId, TypeKind};

    /// What is kept is freed only when the leftovers are dropped, and then on another thread.
    #[test]
    fn leftovers_are_freed_when_dropped_and_elsewhere() {
        struct Tell(std::sync::mpsc::Sender<std::thread::ThreadId>);
        impl Drop for Tell {
            fn drop(&mut self) {
                let _ = self.0.send(std::thread::current().id());
            }
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let mut leftovers = Leftovers::default();
        leftovers.keep(Tell(tx.clone()));
        leftovers.keep(Tell(tx));
        std::thread::sleep(Duration::from_millis(20));
        assert!(rx.try_recv().is_err(), "freed before the leftovers were dropped");
        drop(leftovers);
        for _ in 0..2 {
            let freed_on = rx.recv_timeout(Duration::from_secs(10)).expect("freed");
            assert_ne!(freed_on, std::thread::current().id());
        }
    }

    #[test]
    fn line_count_counts_as_str_lines_does() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\nb\n", "\n\n", "a\r\nb\r\n", "a\n\nb"] {
            assert_eq!(super::line_count(text), text.lines().count(), "{text:?}");
        }
    }

    /// A panic in an emit thread comes back as an error naming the module and spec location that
    /// caused it, not as a panic of the whole run.
    #[test]
    fn a_panic_while_emitting_names_the_module_it_came_from() {
        let schemas = json!({"thing.widget": {"type": "object", "x-resourceId": "thing.widget",
            "properties": {"id": {"type": "string"}, "size": {"type": "string", "enum": ["s", "m"]}}}});
        let paths = json!({"/v1/widgets": {"post": {"operationId": "PostWidgets",
            "responses": {"200": {"description": "ok", "content": {"application/json":
                {"schema": {"$ref": "#/components/schemas/thing.widget"}}}}}}}});
        let mut model = test_support::widget_model(schemas, paths);
        // Break an invariant emit relies on: a field names a type that does not exist.
        let TypeKind::Struct(widget) = &mut model.types[0].kind else { panic!("the widget is a struct") };
        widget.fields[0].ty = Ty::Named(TypeId(9999));
        let error = emit_and_format(&model, &mut Timings::default()).unwrap_err().to_string();
        assert!(error.contains("writing module `thing::widget` failed (a generator bug"), "{error}");
        assert!(error.contains("#/components/schemas/thing.widget"), "{error}");
        assert!(error.contains("index out of bounds"), "the panic's message: {error}");
    }
}
