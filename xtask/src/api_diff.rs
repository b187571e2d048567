//! `cargo xtask api-diff OLD NEW`: what changes for users of the generated crate between two specs,
//! as Markdown or JSON (the rules are in `codegen::diff`).

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use codegen::diff::Diff;
use codegen::model::FormerPath;
use codegen::Selection;

use crate::Flags;

/// Exit code when `--deny-breaking` is given and something breaks.
pub const BREAKING_EXIT: u8 = 2;

/// How to print the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A pull-request description.
    Markdown,
    /// For tools.
    Json,
}

/// Wall time of each step of a diff.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    /// Reading and parsing both specs.
    pub parse: Duration,
    /// Building both models.
    pub model: Duration,
    /// Comparing the models.
    pub diff: Duration,
    /// Writing the report.
    pub report: Duration,
}

impl Timings {
    fn total(&self) -> Duration {
        self.parse + self.model + self.diff + self.report
    }
}

/// A finished comparison: the diff, the report text, and how long each step took.
pub struct Compared {
    /// The changes.
    pub diff: Diff,
    /// The report, as asked.
    pub text: String,
    /// Time per step.
    pub timings: Timings,
    /// The older crate's type paths that the newer one does not declare (moved, renamed or gone),
    /// each with the pointer of the type it became, or had.
    pub moved: Vec<FormerPath>,
}

/// Loads both specs, builds both models with `selection`, compares them, writes the report.
pub fn compare(old: &Path, new: &Path, selection: &Selection, format: Format) -> Result<Compared, String> {
    let mut timings = Timings::default();
    let start = Instant::now();
    let old_spec = codegen::load::load_file(old).map_err(|e| e.to_string())?;
    let new_spec = codegen::load::load_file(new).map_err(|e| e.to_string())?;
    timings.parse = start.elapsed();
    let start = Instant::now();
    let old_model = codegen::model::build(&old_spec.api, &old_spec.file, selection).map_err(|e| e.to_string())?;
    // The newer crate keeps the older one's paths where it can (re-exports), as `update-spec`'s
    // and `generate --since`'s crates do.
    let former = crate::former_paths::since(&old_model, &new_spec, selection)?;
    let new_model =
        codegen::model::build_leaving(&new_spec.api, &new_spec.file, selection, &former, &mut Default::default())
            .map_err(|e| e.to_string())?;
    let own: std::collections::HashSet<String> = new_model.paths().into_iter().map(|p| p.path).collect();
    let moved = former.into_iter().filter(|p| !own.contains(&p.path)).collect();
    timings.model = start.elapsed();
    let start = Instant::now();
    let diff = codegen::diff::diff(&old_model, &new_model);
    timings.diff = start.elapsed();
    let start = Instant::now();
    let label = describe(selection);
    let text = match format {
        Format::Markdown => diff.markdown(&label),
        Format::Json => format!("{:#}\n", diff.json(&label)),
    };
    timings.report = start.elapsed();
    Ok(Compared { diff, text, timings, moved })
}

/// What was compared, in words: `billing_portal.session`, or `all resources`.
pub fn describe(selection: &Selection) -> String {
    match selection {
        Selection::All => "all resources".into(),
        Selection::Resources(ids) => ids.join(", "),
    }
}

/// Runs `cargo xtask api-diff …`; exit code 0, [`BREAKING_EXIT`] with `--deny-breaking` when
/// something breaks, 1 on an error.
pub fn main(args: &[String]) -> ExitCode {
    match run(args) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<u8, String> {
    let values = ["--resources", "--format"];
    let switches = ["--all", "--deny-breaking", "--timings"];
    let mut paths = Vec::new();
    let mut named = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if values.contains(&arg.as_str()) {
            named.push(arg.clone());
            named.push(rest.next().ok_or_else(|| format!("{arg} needs a value"))?.clone());
        } else if switches.contains(&arg.as_str()) {
            named.push(arg.clone());
        } else if arg.starts_with("--") {
            return Err(format!("unknown argument `{arg}`\n{}", crate::USAGE));
        } else {
            paths.push(arg.as_str());
        }
    }
    let [old, new] = paths[..] else {
        return Err(format!("api-diff takes two spec files, OLD and NEW\n{}", crate::USAGE));
    };
    let flags = Flags { args: &named };
    let format = match flags.value("--format")? {
        None | Some("markdown") => Format::Markdown,
        Some("json") => Format::Json,
        Some(other) => return Err(format!("--format is markdown or json, not `{other}`")),
    };
    let selection = selection(&flags)?;
    let (old, new) = (Path::new(old), Path::new(new));
    if flags.switch("--timings") {
        // Warm the page cache so the run and the baseline parse start alike.
        let _ = (std::fs::read(old), std::fs::read(new));
    }
    let compared = compare(old, new, &selection, format)?;
    print!("{}", compared.text);
    if flags.switch("--timings") {
        print_timings(old, new, &compared)?;
    }
    let deny = flags.switch("--deny-breaking") && compared.diff.is_breaking();
    Ok(if deny { BREAKING_EXIT } else { 0 })
}

/// `--all`, `--resources A,B`, or else the resources of `spec/selection.toml`.
pub(crate) fn selection(flags: &Flags<'_>) -> Result<Selection, String> {
    Ok(match (flags.switch("--all"), flags.value("--resources")?) {
        (true, Some(_)) => return Err("--all and --resources exclude each other".into()),
        (true, None) => Selection::All,
        (false, Some(ids)) => Selection::Resources(ids.split(',').map(|s| s.trim().to_owned()).collect()),
        (false, None) => Selection::Resources(crate::selection::read(&crate::root().join("spec/selection.toml"))?),
    })
}

/// Time per step against a bare parse of both specs, on stderr (stdout holds the report).
fn print_timings(old: &Path, new: &Path, compared: &Compared) -> Result<(), String> {
    let start = Instant::now();
    for path in [old, new] {
        drop(codegen::load::load_file(path).map_err(|e| e.to_string())?);
    }
    let baseline = start.elapsed();
    let t = &compared.timings;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    eprintln!("step          ms");
    eprintln!("parse   {:>10.1}  (both specs, in the run)", ms(t.parse));
    eprintln!("model   {:>10.1}  (both models)", ms(t.model));
    eprintln!("diff    {:>10.1}", ms(t.diff));
    eprintln!("report  {:>10.1}", ms(t.report));
    eprintln!("total   {:>10.1}", ms(t.total()));
    eprintln!("baseline{:>10.1}  (bare parse of both specs into openapiv3::OpenAPI, again)", ms(baseline));
    eprintln!("ratio   {:>10.2}  (total / baseline)", t.total().as_secs_f64() / baseline.as_secs_f64());
    eprintln!("ratio   {:>10.2}  (total / parse in the run)", t.total().as_secs_f64() / t.parse.as_secs_f64());
    let counts: Vec<String> = compared
        .diff
        .counts()
        .into_iter()
        .map(|(kind, c)| format!("{} {}+{}", kind.as_str(), c.breaking, c.additive))
        .collect();
    eprintln!("counts (breaking+additive): {}", counts.join(", "));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec whose `thing.widget` has the given properties besides `id`.
    fn spec(dir: &Path, name: &str, properties: &str) -> String {
        let text = format!(
            r#"{{"openapi": "3.0.0", "info": {{"title": "Stripe API", "version": "{name}"}}, "paths": {{}},
            "components": {{"schemas": {{"thing.widget": {{"type": "object", "x-resourceId": "thing.widget",
            "required": ["id"], "properties": {{"id": {{"type": "string"}}{properties}}}}}}}}}}}"#
        );
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn exit_codes_and_arguments() {
        let dir = std::env::temp_dir().join(format!("xtask-api-diff-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let old = spec(&dir, "old", r#", "note": {"type": "string"}"#);
        let new = spec(&dir, "new", "");
        let added = spec(&dir, "added", r#", "note": {"type": "string"}, "size": {"type": "integer"}"#);
        let run_with = |extra: &[&str], old: &str, new: &str| {
            run(&args(&[&[old, new, "--resources", "thing.widget"], extra].concat()))
        };
        assert_eq!(run_with(&[], &old, &new), Ok(0), "breaking, not denied");
        assert_eq!(run_with(&["--deny-breaking"], &old, &new), Ok(BREAKING_EXIT));
        assert_eq!(run_with(&["--deny-breaking", "--format", "json"], &old, &added), Ok(0), "additive only");
        assert!(run_with(&["--format", "yaml"], &old, &new).unwrap_err().contains("markdown or json"));
        assert!(run(&args(&[&old])).unwrap_err().contains("two spec files"));
        assert!(run(&args(&[&old, &new, "--all", "--resources", "a"])).unwrap_err().contains("exclude each other"));
        let compared = compare(Path::new(&old), Path::new(&added), &Selection::All, Format::Json).unwrap();
        assert!(compared.text.contains("\"kind\": \"field_added\""), "{}", compared.text);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
