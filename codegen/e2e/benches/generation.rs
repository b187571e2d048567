//! Generation speed against merely parsing the same spec into `openapiv3::OpenAPI` (one serde
//! call on one thread), for the
//! Billing Portal selection and for `--all`, on both spec files.
//!
//! Criterion times each side on its own (the `time:` lines). The printed ratios come from paired
//! rounds instead: each round times a bare parse and then a pipeline run, seconds apart, and the
//! ratio is the median of the rounds' ratios. This VM's speed drifts by half within a minute, and
//! criterion measures the two sides tens of seconds apart: its two medians gave a ratio of 2.03
//! where paired rounds minutes later gave 1.26–1.37 for the same binary.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use codegen::{Options, Selection};
use criterion::Criterion;
use stripe_e2e::bench_report::criterion_dir;
use stripe_e2e::stripe_openapi_dir;

/// The time of `runs` runs of the pipeline, each timed as a run of its own would be: `run` frees
/// the parsed spec and the model on background threads, which a single `cargo xtask generate`
/// never waits for, so each run starts once the previous run's are done, not beside them.
fn time_runs(runs: u64, options: &Options) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..runs {
        std::thread::sleep(FREEING);
        let start = Instant::now();
        black_box(codegen::run(black_box(options)).unwrap());
        total += start.elapsed();
    }
    total
}

/// Ample time for a run's background frees (tens of milliseconds for `--all`).
const FREEING: Duration = Duration::from_millis(300);

/// Rounds of [`paired`] per cell.
const ROUNDS: usize = 9;

/// The medians of `rounds` bare parses and pipeline runs, each pipeline run right after its own
/// bare parse, and the median of their ratios.
fn paired<T>(rounds: usize, bare_parse: &dyn Fn() -> T, options: &Options) -> [f64; 3] {
    let mut samples: Vec<[f64; 3]> = (0..rounds)
        .map(|_| {
            std::thread::sleep(FREEING);
            let start = Instant::now();
            let parsed = black_box(bare_parse());
            let parse = start.elapsed().as_secs_f64();
            drop(parsed);
            let pipeline = time_runs(1, options).as_secs_f64();
            [pipeline, parse, pipeline / parse]
        })
        .collect();
    let mut medians = [0.0; 3];
    for (column, median) in medians.iter_mut().enumerate() {
        samples.sort_by(|a, b| a[column].total_cmp(&b[column]));
        *median = samples[rounds / 2][column];
    }
    medians
}

/// Which benchmarks criterion measures in this run, so that the paired rounds follow it: none
/// unless `cargo bench` passed `--bench` (without it, or with `--test`, `--list`,
/// `--profile-time` or `--ignored`, criterion only runs or lists each bench), and only those whose
/// id its filter matches (a regex, or the whole id with `--exact`).
struct Measures {
    measuring: bool,
    filter: Filter,
}

enum Filter {
    All,
    Exact(String),
    Matching(regex::Regex),
}

/// Criterion 0.7's options that take a value (`--name value`), skipped when looking for the filter.
const TAKES_VALUE: &[&str] = &[
    "-c",
    "--color",
    "-s",
    "--save-baseline",
    "-b",
    "--baseline",
    "--baseline-lenient",
    "--format",
    "--profile-time",
    "--load-baseline",
    "--sample-size",
    "--warm-up-time",
    "--measurement-time",
    "--nresamples",
    "--noise-threshold",
    "--confidence-level",
    "--significance-level",
    "--plotting-backend",
    "--output-format",
];

impl Measures {
    fn from_args(args: Vec<String>) -> Measures {
        let has = |flag: &str| args.iter().any(|a| a == flag || a.starts_with(&format!("{flag}=")));
        let only_runs = ["--test", "--list", "--profile-time", "--ignored"].iter().any(|f| has(f));
        let mut filter = None;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if TAKES_VALUE.contains(&arg.as_str()) {
                args.next();
            } else if !arg.starts_with('-') {
                filter = Some(arg.clone());
                break;
            }
        }
        let filter = match filter {
            None => Filter::All,
            Some(f) if has("--exact") => Filter::Exact(f),
            Some(f) => Filter::Matching(regex::Regex::new(&f).expect("criterion accepted the filter")),
        };
        Measures { measuring: has("--bench") && !only_runs, filter }
    }

    fn id(&self, id: &str) -> bool {
        self.measuring
            && match &self.filter {
                Filter::All => true,
                Filter::Exact(f) => f == id,
                Filter::Matching(f) => f.is_match(id),
            }
    }
}

/// A directory removed when this is dropped, also when a panic unwinds past it.
struct RemovedOnDrop(PathBuf);

impl Drop for RemovedOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn main() {
    let mut c = Criterion::default()
        .output_directory(&criterion_dir())
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .configure_from_args();
    let specs = [
        ("generation_2023-08-16_yaml", "2023-08-16/spec3.yaml"),
        ("generation_2024-04-10_json", "2024-04-10/spec3.json"),
    ];
    // Written beside criterion's results, in the workspace's target directory, as `generate` writes
    // into the repository: on this VM a 153-file write into /tmp once took 140-190 ms where the
    // same write under /work took 5-18 ms.
    let out = criterion_dir().with_file_name(format!("bench-generation-{}", std::process::id()));
    let _remove_out = RemovedOnDrop(out.clone());
    let mut table: Vec<(String, [f64; 3], &str)> = Vec::new();
    let measures = Measures::from_args(std::env::args().skip(1).collect());
    for (group_name, file) in specs {
        let spec = stripe_openapi_dir().join(file);
        let mut group = c.benchmark_group(group_name);
        // The baseline: read the file and parse it as one serde call on one thread (the
        // pipeline's own parse cuts a large spec into runs parsed on every core).
        // Only the parse is timed: the parsed spec is freed after the clock stops.
        let format = codegen::load::Format::of(&spec).expect("a .yaml or .json spec");
        let bare_parse = || {
            let bytes = std::fs::read(&spec).unwrap();
            codegen::load::parse_document_on(file, format, &bytes, 1).unwrap()
        };
        group.bench_function("parse", |b| b.iter_with_large_drop(|| black_box(bare_parse())));
        for (name, selection) in [("default", Selection::default()), ("all", Selection::All)] {
            let options = Options {
                spec: spec.clone(),
                out_dir: out.join(name),
                selection,
                check: false,
                expected_sha256: None,
                package: Default::default(),
                former_paths: Vec::new(),
            };
            group.bench_function(name, |b| b.iter_custom(|runs| time_runs(runs, &options)));
            let target = if name == "all" { "<= 3.0" } else { "<= 1.5" };
            let label =
                format!("{}: {} / parse", &file[..10], if name == "all" { "--all" } else { "portal selection" });
            if measures.id(&format!("{group_name}/{name}")) {
                table.push((label, paired(ROUNDS, &bare_parse, &options), target));
            }
        }
        group.finish();
    }
    c.final_summary();

    if table.is_empty() {
        return;
    }
    println!("\ngeneration: pipeline / bare parse, median of {ROUNDS} paired rounds");
    println!("{:<40} {:>10} {:>10} {:>7}  target", "benchmark", "pipeline", "parse", "ratio");
    for (label, [pipeline, parse, ratio], target) in table {
        println!("{label:<40} {:>7.1} ms {:>7.1} ms {ratio:>7.2}  {target}", pipeline * 1e3, parse * 1e3);
    }
}
