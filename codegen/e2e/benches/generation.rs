//! Generation speed against merely parsing the same spec into `openapiv3::OpenAPI` (one serde
//! call on one thread), for the
//! Billing Portal selection and for `--all`, on both spec files.

use std::hint::black_box;
use std::time::{Duration, Instant};

use codegen::{Options, Selection};
use criterion::Criterion;
use stripe_e2e::bench_report::{criterion_dir, print_ratios, Ratio};
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
    let out = std::env::temp_dir().join(format!("bench-generation-{}", std::process::id()));
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
            };
            group.bench_function(name, |b| b.iter_custom(|runs| time_runs(runs, &options)));
        }
        group.finish();
    }
    c.final_summary();
    let _ = std::fs::remove_dir_all(&out);

    let (yaml, json) = (specs[0].0, specs[1].0);
    let row = |label, group, subject, target| Ratio { label, group, subject, baseline: "parse", target };
    print_ratios(
        "generation: median of the pipeline / median of a bare parse, same run",
        &[
            row("2023 yaml: billing portal selection / parse", yaml, "default", "<= 1.5"),
            row("2023 yaml: --all / parse", yaml, "all", "<= 3.0"),
            row("2024 json: billing portal selection / parse", json, "default", "<= 1.5"),
            row("2024 json: --all / parse", json, "all", "<= 3.0"),
        ],
    );
}
