//! `cargo xtask fuzz`: a mutation fuzzer of the generator, on stable Rust and with no crate of its
//! own. Each run takes a small spec (the golden-file test's, a minimal one, or a resource of the
//! pinned Stripe spec with everything it references), mutates its JSON a few times (keys deleted,
//! duplicated, renamed or swapped; values replaced by odd strings, Unicode, huge strings, other
//! subtrees or `$ref`s that may close a cycle), writes it as JSON or as YAML (flow or block
//! style) and runs load → model → emit → format → render in this process. A run fails when it
//! panics, takes over 2 s, ends in an error that names no place in the spec, or its parse in
//! pieces is `Some` document other than a whole parse's; each failing input is saved in the
//! output directory.

use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use codegen::load::{parse, parse_document_on, parse_in_pieces, Format};
use codegen::{Package, Selection, Timings};
use serde_json::{json, Map, Value};

use mutate::{mutate, Rng};

mod mutate;

/// The most one run may take.
const LIMIT: Duration = Duration::from_secs(2);

/// How a fuzzing session went.
pub struct Summary {
    pub runs: u64,
    pub failures: Vec<PathBuf>,
    pub stopped_early: bool,
}

/// `cargo xtask fuzz [--seconds N] [--seed S] [--out DIR]`.
pub fn main(root: &Path, args: &[String]) -> Result<(), String> {
    let flags = crate::Flags { args };
    flags.only(&["--seconds", "--seed", "--out"], &[])?;
    let number = |name: &str, default: u64| -> Result<u64, String> {
        flags.value(name)?.map_or(Ok(default), |v| v.parse().map_err(|_| format!("{name} needs a number")))
    };
    let seconds = number("--seconds", 60)?;
    let clock = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let seed = number("--seed", clock.as_nanos() as u64)?;
    let out = flags.value("--out")?.map(PathBuf::from).unwrap_or_else(|| root.join("target/fuzz"));
    println!("fuzzing for {seconds} s with --seed {seed}; failing inputs go to {}", out.display());
    let summary = fuzz(&seeds(root), seed, Duration::from_secs(seconds), &out)?;
    println!("{} runs, {} failures", summary.runs, summary.failures.len());
    match summary.failures.is_empty() {
        true => Ok(()),
        false => Err(format!("{} failing inputs saved in {}", summary.failures.len(), out.display())),
    }
}

/// The specs mutations start from: a minimal one, the golden-file test's, and the pinned spec's
/// resources one by one (when `spec/` has it).
pub fn seeds(root: &Path) -> Vec<Value> {
    let mut seeds = vec![json!({
        "openapi": "3.0.0", "info": {"title": "t", "version": "2099-01-01"},
        "paths": {"/v1/things/{thing}": {"get": {"parameters": [{"name": "thing", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/thing"}}}}}}}},
        "components": {"schemas": {"thing": {"type": "object", "x-resourceId": "thing", "required": ["id"],
            "properties": {"id": {"type": "string"}, "kind": {"type": "string", "enum": ["a", "b"]}, "n": {"type": "integer", "nullable": true}}}}}
    })];
    let as_json = |path: &Path| -> Option<Value> {
        let format = Format::of(path)?;
        let spec = parse(&path.display().to_string(), format, &std::fs::read(path).ok()?).ok()?;
        serde_json::to_value(&spec.api).ok()
    };
    seeds.extend(as_json(&root.join("codegen/tests/golden/widgets.yaml")));
    let pinned = stripe_files::Project::at(root.to_path_buf()).pin().ok().map(|pin| pin.local_file(&root.join("spec")));
    if let Some(full) = pinned.as_deref().and_then(as_json) {
        seeds.extend(fragments(&full));
    }
    seeds
}

/// One spec per resource of `full`: the resource, every schema it reaches, and the paths whose
/// responses return it.
fn fragments(full: &Value) -> Vec<Value> {
    let empty = Map::new();
    let schemas = full["components"]["schemas"].as_object().unwrap_or(&empty);
    let paths = full["paths"].as_object().unwrap_or(&empty);
    let mut out = Vec::new();
    for (key, schema) in schemas {
        if schema.get("x-resourceId").is_none() {
            continue;
        }
        let target = format!("#/components/schemas/{key}");
        let mut kept_paths = Map::new();
        for (path, item) in paths {
            if refs(item).contains(&target) {
                kept_paths.insert(path.clone(), item.clone());
            }
        }
        let mut keep = vec![key.clone()];
        let mut todo: Vec<String> = refs(schema).into_iter().chain(refs(&Value::Object(kept_paths.clone()))).collect();
        while let Some(reference) = todo.pop() {
            let Some(name) = reference.strip_prefix("#/components/schemas/") else { continue };
            if !keep.iter().any(|k| k == name) {
                if let Some(s) = schemas.get(name) {
                    keep.push(name.to_owned());
                    todo.extend(refs(s));
                }
            }
        }
        let kept: Map<String, Value> = keep.iter().map(|k| (k.clone(), schemas[k].clone())).collect();
        out.push(
            json!({"openapi": "3.0.0", "info": full["info"], "paths": kept_paths, "components": {"schemas": kept}}),
        );
    }
    out
}

/// Every `$ref` under `value`.
fn refs(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    out.push(r.clone());
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    out
}

/// How a run writes its spec.
#[derive(Clone, Copy, PartialEq)]
enum Written {
    Json,
    /// JSON's text read as YAML: flow style, which the parse in pieces leaves to a whole parse.
    YamlFlow,
    /// Block style, which the parse in pieces cuts.
    YamlBlock,
}

impl Written {
    fn text(self, spec: &Value) -> String {
        match self {
            Written::Json | Written::YamlFlow => serde_json::to_string_pretty(spec).expect("a Value serializes"),
            Written::YamlBlock => serde_yaml::to_string(spec).expect("a Value serializes"),
        }
    }
}

/// What one run did wrong, if anything.
fn run_once(text: String, yaml: bool, selection: Selection) -> Option<String> {
    let (file, format) = if yaml { ("fuzz.yaml", Format::Yaml) } else { ("fuzz.json", Format::Json) };
    // A parse in pieces (a large spec's) gives nothing or exactly what a whole parse gives.
    if let Some(pieces) = parse_in_pieces(format, text.as_bytes(), 3) {
        match parse_document_on(file, format, text.as_bytes(), 1) {
            Ok(api) if api == pieces => {}
            Ok(_) => return Some("parsed in pieces, a document other than the whole parse's".to_owned()),
            Err(error) => return Some(format!("parsed in pieces, but the whole parse fails: {error}")),
        }
    }
    let spec = match parse(file, format, text.as_bytes()) {
        Ok(spec) => spec,
        Err(error) => return error.pointer.is_none().then(|| format!("an error without a place: {error}")),
    };
    match codegen::generate(
        spec,
        &selection,
        &[],
        &Package::default(),
        &mut Timings::default(),
        &mut Default::default(),
    ) {
        Ok(_) => None,
        Err(error) if error.file == file && error.pointer.as_deref().is_some_and(|p| p.starts_with('#')) => None,
        Err(error) => Some(format!("an error that names no place in the spec: {error}")),
    }
}

/// Runs mutated `seeds` for `duration` from `seed`, saving each failing input under `out`.
pub fn fuzz(seeds: &[Value], seed: u64, duration: Duration, out: &Path) -> Result<Summary, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    // A panic's message and place, kept by the hook (it may be on an emit thread).
    let panic: Arc<Mutex<Option<String>>> = Arc::default();
    let kept = panic.clone();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The first panic of a run: an emit thread's, not the main thread's report of it.
        kept.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(|| info.to_string());
    }));
    let mut rng = Rng::new(seed);
    let (start, mut summary) = (Instant::now(), Summary { runs: 0, failures: Vec::new(), stopped_early: false });
    while start.elapsed() < duration {
        let mut spec = rng.pick(seeds).clone();
        mutate(&mut spec, &mut rng);
        // A quarter of the runs read YAML, half of those in each style.
        let written = match rng.below(8) {
            0 => Written::YamlFlow,
            1 => Written::YamlBlock,
            _ => Written::Json,
        };
        let (text, yaml) = (written.text(&spec), written != Written::Json);
        let selection = match spec.pointer("/components/schemas").and_then(Value::as_object) {
            Some(schemas) if rng.below(2) == 0 && !schemas.is_empty() => {
                let ids: Vec<String> =
                    schemas.values().filter_map(|s| s["x-resourceId"].as_str().map(str::to_owned)).collect();
                if ids.is_empty() {
                    Selection::All
                } else {
                    Selection::Resources(vec![rng.pick(&ids).clone()])
                }
            }
            _ => Selection::All,
        };
        // The input is on disk while it runs: a stack overflow aborts the process and leaves it.
        let current = out.join("current.json");
        let _ = std::fs::write(&current, &text);
        let (send, receive) = mpsc::channel();
        let input = text.clone();
        panic.lock().unwrap_or_else(|e| e.into_inner()).take();
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(move || run_once(input, yaml, selection));
            let _ = send.send(result);
        });
        summary.runs += 1;
        let failure = match receive.recv_timeout(LIMIT) {
            Ok(Ok(None)) => None,
            Ok(Ok(Some(problem))) => Some(problem),
            Ok(Err(_)) => {
                Some(format!("panic: {}", panic.lock().unwrap_or_else(|e| e.into_inner()).take().unwrap_or_default()))
            }
            Err(_) => {
                summary.stopped_early = true;
                Some(format!("still running after {LIMIT:?}"))
            }
        };
        if let Some(failure) = failure {
            let path = out.join(format!("failure-{seed}-{}.{}", summary.runs, if yaml { "yaml" } else { "json" }));
            std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("run {}: {failure}\n  input saved in {}", summary.runs, path.display());
            summary.failures.push(path);
            if summary.stopped_early {
                break; // the stuck run keeps its thread; stop before more pile up
            }
        }
    }
    let _ = std::fs::remove_file(out.join("current.json"));
    std::panic::set_hook(previous);
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_mutates_the_same_way() {
        let seeds = seeds(&crate::root());
        let mutated = |seed| {
            let mut rng = Rng::new(seed);
            let mut spec = seeds[1].clone();
            mutate(&mut spec, &mut rng);
            spec
        };
        assert_eq!(mutated(7), mutated(7));
        assert_ne!(mutated(7), seeds[1]);
    }

    /// The block-style YAML the fuzzer writes is cut by the parse in pieces (flow style is not), so
    /// the fuzzer checks the YAML cut against a whole parse.
    #[test]
    fn block_style_yaml_is_cut_in_pieces() {
        let seeds = seeds(&crate::root());
        let cut = |seed, written: Written| parse_in_pieces(Format::Yaml, written.text(seed).as_bytes(), 3).is_some();
        // The minimal spec, the golden one and every 16th resource of the pinned spec (all of them
        // would take half a minute in a debug build).
        let mut checked = seeds.iter().take(2).chain(seeds.iter().skip(2).step_by(16));
        assert!(checked.all(|seed| cut(seed, Written::YamlBlock)));
        assert!(!cut(&seeds[0], Written::YamlFlow));
    }

    /// Keeps the fuzzer from rotting: five seconds of it find nothing.
    #[test]
    fn five_seconds_of_fuzzing_find_nothing() {
        let out = std::env::temp_dir().join(format!("xtask-fuzz-{}", std::process::id()));
        let summary = fuzz(&seeds(&crate::root()), 13, Duration::from_secs(5), &out).unwrap();
        assert!(summary.runs > 5, "only {} runs", summary.runs);
        assert!(summary.failures.is_empty(), "failing inputs: {:?}", summary.failures);
        std::fs::remove_dir_all(out).unwrap();
    }
}
