//! Project tasks. Run `cargo xtask help`.

mod api_diff;
mod build_cost;
mod former_paths;
mod fuzz;
mod selection;
mod update_spec;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen::{Options, Selection};
use stripe_files::{Place, Project};

const USAGE: &str = "\
usage:
  cargo xtask generate [--spec PATH] [--out DIR] [--check] [--all | --resources A,B] [--since OLD] [--timings] [--report]
      Write the generated crate (default: generated/) from the pinned spec (spec/), or from
      --spec PATH (.yaml, .yml or .json). When spec/ lacks the pinned spec, it is copied from
      $STRIPE_OPENAPI_DIR or ../shared/stripe-openapi/ if a file there has the pinned sha256,
      else downloaded from the pin's URL and checked. --check compares instead of writing and
      exits 1 on any difference. It writes the resources listed in spec/selection.toml (the
      Billing Portal session), their operations and all they reference; --resources A,B
      (x-resourceIds) or --all (every resource and operation) override that for one run.
      Every type path an earlier crate had stays reachable where it still names a type (a
      re-export at the old path, and tests/former_paths.rs in the crate to prove it): the paths in
      spec/former-paths.txt for the pinned spec, or with --since OLD those of OLD's crate.
      --timings prints time per phase against a bare parse of the spec. --report prints the
      resources, operations, types and lines written, types defined in more than one module,
      names ending in a digit, fields whose type is named after another field, names a glob
      import would shadow, re-exports at earlier paths, and every place typed as serde_json::Value.
  cargo xtask fetch-spec [--from PATH]
      Download the pinned spec into spec/ (or copy it from PATH), verifying its sha256; replaces
      the file there. For maintainers moving the pin (spec/README.md).
  cargo xtask api-diff OLD NEW [--all | --resources A,B] [--format markdown|json] [--deny-breaking] [--timings]
      Compare two specs through the model, for spec/selection.toml's resources (or --all, or
      --resources), and report per module what changed for users of the generated crate and
      whether it breaks code built against the old one: Markdown (a pull-request description) or
      JSON. Exits 2 with --deny-breaking when something breaks. --timings prints, on stderr, time
      per step against a bare parse of both specs.
  cargo xtask build-cost [--spec PATH] [--all | --resources A,B] [--dir DIR]
      What the generated crate costs an app: generates the selection (spec/selection.toml's
      resources, or --all, or --resources) into DIR (default target/build-cost/), writes an app
      that lists one page of each selected resource (else calls its create) and decodes a verified
      event, builds it with `cargo build --release` cold and again after touching its main.rs, and
      prints both times, the crates compiled and the stripped binary's size.
  cargo xtask fuzz [--seconds N] [--seed S] [--out DIR]
      Mutate small specs (and each resource of the pinned spec) and run the generator on them in
      this process for N seconds (default 60); print the runs and failures (a panic, a run over
      2 s, an error naming no place in the spec) and save each failing input in DIR (default
      target/fuzz/). Exits 1 if anything failed.
  cargo xtask update-spec --commit SHA --sha256 HEX [--from PATH] [--version V] [--path P] [--url U]
      Move the pin to a new spec in one step: fetch it (from the raw GitHub URL of --commit and
      the pin's path, or copy --from PATH; its file name sets the path's), check its sha256,
      compare it with the pinned one (the api-diff report, printed), generate the crate from it,
      and only then replace spec/pin.toml, the spec in spec/ and generated/, and pin the old spec
      in spec/files.toml for the tests that read it. On any failure nothing is changed.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") => generate(&args[1..]),
        Some("fetch-spec") => fetch_spec(&args[1..]),
        Some("api-diff") => return api_diff::main(&args[1..]),
        Some("update-spec") => update_spec::run(&args[1..]),
        Some("fuzz") => fuzz::main(&root(), &args[1..]),
        Some("build-cost") => build_cost(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown task `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The project root: the workspace xtask was built in, or `$XTASK_ROOT` (tests use a scratch copy).
fn root() -> PathBuf {
    match std::env::var_os("XTASK_ROOT") {
        Some(root) => PathBuf::from(root),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_path_buf(),
    }
}

/// Flags: `--name value` pairs and bare switches.
struct Flags<'a> {
    args: &'a [String],
}

impl Flags<'_> {
    fn value(&self, name: &str) -> Result<Option<&str>, String> {
        match self.args.iter().position(|a| a == name) {
            Some(i) => self.args.get(i + 1).map(|v| Some(v.as_str())).ok_or_else(|| format!("{name} needs a value")),
            None => Ok(None),
        }
    }
    fn switch(&self, name: &str) -> bool {
        self.args.iter().any(|a| a == name)
    }
    fn only(&self, values: &[&str], switches: &[&str]) -> Result<(), String> {
        let mut i = 0;
        while i < self.args.len() {
            let arg = self.args[i].as_str();
            if values.contains(&arg) {
                i += 2;
            } else if switches.contains(&arg) {
                i += 1;
            } else {
                return Err(format!("unknown argument `{arg}`\n{USAGE}"));
            }
        }
        Ok(())
    }
}

/// The pinned spec in `spec/`, obtained first if it is missing (and said where from, on one line).
fn pinned_spec() -> Result<(PathBuf, stripe_files::Pin), String> {
    let project = Project::at(root());
    let pin = project.pin()?;
    let entry = project.pin_entry(&pin);
    let file = pin.local_file(&project.spec_dir());
    let missing = !file.exists();
    let obtained = project.obtain(&entry, &file, Place::Copy).map_err(|e| {
        if missing {
            format!("{} is missing and could not be obtained. {e}", file.display())
        } else {
            e
        }
    })?;
    if obtained.origin != stripe_files::Origin::AlreadyThere {
        println!("{}", obtained.describe(&entry));
    }
    Ok((file, pin))
}

/// The selection `--all` or `--resources A,B` asks for, else spec/selection.toml's.
fn selection_flags(flags: &Flags) -> Result<Selection, String> {
    Ok(match (flags.switch("--all"), flags.value("--resources")?) {
        (true, Some(_)) => return Err("--all and --resources exclude each other".into()),
        (true, None) => Selection::All,
        (false, Some(ids)) => Selection::Resources(ids.split(',').map(|s| s.trim().to_owned()).collect()),
        (false, None) => Selection::Resources(selection::read(&root().join("spec/selection.toml"))?),
    })
}

/// The spec `--spec PATH` names (with no sha256 to check), else the pinned one and its sha256.
fn spec_flag(flags: &Flags) -> Result<(PathBuf, Option<String>), String> {
    Ok(match flags.value("--spec")? {
        Some(path) => (PathBuf::from(path), None),
        None => {
            let (file, pin) = pinned_spec()?;
            (file, Some(pin.sha256))
        }
    })
}

fn build_cost(args: &[String]) -> Result<(), String> {
    let flags = Flags { args };
    flags.only(&["--spec", "--resources", "--dir"], &["--all"])?;
    let selection = selection_flags(&flags)?;
    let (spec, expected_sha256) = spec_flag(&flags)?;
    let dir = flags.value("--dir")?.map(PathBuf::from).unwrap_or_else(|| root().join("target/build-cost"));
    build_cost::run(&root(), &spec, expected_sha256.as_deref(), selection, &dir)
}

fn generate(args: &[String]) -> Result<(), String> {
    let flags = Flags { args };
    flags.only(&["--spec", "--out", "--resources", "--since"], &["--check", "--all", "--timings", "--report"])?;
    let selection = selection_flags(&flags)?;
    let (spec, expected_sha256) = spec_flag(&flags)?;
    let out_dir = flags.value("--out")?.map(PathBuf::from).unwrap_or_else(|| root().join("generated"));
    let former_paths = match flags.value("--since")? {
        Some(old) => {
            let old = codegen::load::load_file(Path::new(old)).map_err(|e| e.to_string())?;
            let old = codegen::model::build(&old.api, &old.file, &selection).map_err(|e| e.to_string())?;
            let new = codegen::load::load_file(&spec).map_err(|e| e.to_string())?;
            former_paths::since(&old, &new, &selection)?
        }
        // The pinned spec keeps the paths that earlier pins' crates had.
        None if expected_sha256.is_some() => former_paths::read(&root())?,
        None => Vec::new(),
    };
    let options = Options {
        spec,
        out_dir: out_dir.clone(),
        selection,
        check: flags.switch("--check"),
        expected_sha256,
        package: Default::default(),
        former_paths,
    };
    // Measured before the pipeline, so that nothing the pipeline frees on other threads runs
    // beside it; after a warm-up that loads the page cache and the allocator for both alike.
    let baseline = match flags.switch("--timings") {
        true => {
            let _ = codegen::load::load_file(&options.spec);
            Some(bare_parse(&options.spec)?)
        }
        false => None,
    };
    let report = codegen::run(&options).map_err(|e| e.to_string())?;
    for warning in &report.warnings {
        eprintln!("warning: {}: at {}: {}", options.spec.display(), warning.pointer, warning.message);
    }
    if let Some(baseline) = baseline {
        print_timings(&report, baseline);
    }
    if flags.switch("--report") {
        print_report(&report);
    }
    if options.check {
        if !report.differences.is_empty() {
            for difference in &report.differences {
                eprintln!("{} differs:\n{}", out_dir.join(&difference.path).display(), difference.detail);
            }
            let count = match report.differences.len() {
                1 => "1 file differs".to_owned(),
                n => format!("{n} files differ"),
            };
            return Err(format!(
                "{} is not what the generator writes ({count}); run `cargo xtask generate`",
                out_dir.display()
            ));
        }
        println!("{} is up to date ({} files, Stripe API {})", out_dir.display(), report.files, report.api_version);
    } else {
        println!(
            "wrote {} ({} files, {} lines, Stripe API {})",
            out_dir.display(),
            report.files,
            report.lines,
            report.api_version
        );
    }
    Ok(())
}

/// The baseline of `--timings`: reading the spec and parsing it into openapiv3::OpenAPI on one
/// thread, as one serde_json or serde_yaml call (the pipeline's own parse uses every core). The
/// parsed spec is freed after the clock stops.
fn bare_parse(spec: &Path) -> Result<std::time::Duration, String> {
    let start = Instant::now();
    let file = spec.display().to_string();
    let format = codegen::load::Format::of(spec).ok_or("unsupported spec file extension")?;
    let bytes = std::fs::read(spec).map_err(|e| format!("{file}: {e}"))?;
    let parsed = codegen::load::parse_document_on(&file, format, &bytes, 1).map_err(|e| e.to_string())?;
    let baseline = start.elapsed();
    drop(parsed);
    Ok(baseline)
}

fn print_timings(report: &codegen::Report, baseline: std::time::Duration) {
    let t = &report.timings;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("phase        ms");
    println!("read+parse {:>8.1}", ms(t.parse));
    println!("model      {:>8.1}", ms(t.model));
    println!("emit       {:>8.1}  (cpu, summed over {} threads)", ms(t.emit), t.threads);
    println!("format     {:>8.1}  (cpu, summed over {} threads)", ms(t.format), t.threads);
    println!("emit+format{:>8.1}  (wall, with templates)", ms(t.emit_format_wall));
    println!("write      {:>8.1}", ms(t.write));
    println!("report     {:>8.1}  (lines and summary)", ms(t.report));
    println!("total      {:>8.1}", ms(t.total()));
    println!("baseline   {:>8.1}  (bare parse into openapiv3::OpenAPI on one thread, same process)", ms(baseline));
    println!("ratio      {:>8.2}  (total / baseline)", t.total().as_secs_f64() / baseline.as_secs_f64());
    println!("peak memory {} (VmHWM)", peak_memory().unwrap_or_else(|| "unknown".into()));
    println!("files {}, lines {}", report.files, report.lines);
}

fn print_report(report: &codegen::Report) {
    let s = &report.summary;
    println!(
        "resources {}, operations {}, types {}, files {}, lines {}",
        s.resources, s.operations, s.types, report.files, report.lines
    );
    println!("types defined in more than one module: {}", s.defined_twice.len());
    for line in &s.defined_twice {
        println!("  {line}");
    }
    println!("type names ending in a digit (each must be Stripe's own word): {}", s.ending_in_digit.len());
    for name in &s.ending_in_digit {
        println!("  {name}");
    }
    println!("fields whose type is named after another field: {}", s.named_after_another_field.len());
    for line in &s.named_after_another_field {
        println!("  {line}");
    }
    println!("type names a prelude, std or crate-root name would shadow: {}", s.reserved_names.len());
    for name in &s.reserved_names {
        println!("  {name}");
    }
    println!(
        "types reachable at more than one path (re-exported where an earlier crate had them): {}",
        s.reexports.len()
    );
    for line in &s.reexports {
        println!("  {line}");
    }
    println!("places typed as serde_json::Value: {}", report.warnings.len());
    for warning in &report.warnings {
        println!("  {}: {}", warning.pointer, warning.message);
    }
}

fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.trim_start_matches("VmHWM:").trim().to_owned())
}

fn fetch_spec(args: &[String]) -> Result<(), String> {
    let flags = Flags { args };
    flags.only(&["--from"], &[])?;
    let project = Project::at(root());
    let pin = project.pin()?;
    let dest = pin.local_file(&project.spec_dir());
    let source = match flags.value("--from")? {
        Some(path) => stripe_files::Source::File(Path::new(path)),
        None => stripe_files::Source::Url(&pin.url),
    };
    stripe_files::fetch(&project.pin_entry(&pin), source, &dest)?;
    println!("{} is Stripe API {} (sha256 {})", dest.display(), pin.api_version, pin.sha256);
    Ok(())
}
