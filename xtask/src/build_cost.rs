//! `cargo xtask build-cost`: what the generated crate costs an app that uses it. Generates the
//! selection into a scratch directory, writes a small app on it (`templates/build_cost/`), builds
//! it cold and again after touching its `main.rs`, and prints the times, the crates compiled and
//! the stripped binary's size.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use codegen::model::{Method, Model, Operation, Ty, Walk};
use codegen::{Package, Selection};
use minijinja::context;

const APP_CARGO_TOML: &str = include_str!("../../templates/build_cost/Cargo.toml.j2");
const APP_MAIN_RS: &str = include_str!("../../templates/build_cost/main.rs.j2");

/// What the app does with one selected resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The resource's module, e.g. `billing_portal::session`.
    pub module: String,
    /// The parameters type, e.g. `CreateSession`.
    pub name: String,
    /// `list` (one item of its list, by `paginate`), `send_object` (with `args`, printing the
    /// answer's id) or `send` (with `args`).
    pub kind: &'static str,
    /// The constructor's arguments, Rust literals.
    pub args: Vec<String>,
}

/// One call per selected resource that has a suitable operation: its list, when it has one whose
/// constructor takes nothing (`GET /v1/customers`), else an operation without path parameters whose
/// constructor takes only strings, creates first (`POST /v1/billing_portal/sessions`). Returns the
/// calls and the selected resources that have neither.
pub fn calls(model: &Model) -> (Vec<Call>, Vec<String>) {
    let (mut calls, mut without) = (Vec::new(), Vec::new());
    // A resource module without operations was not selected: only its types are referenced.
    for module in model.modules.iter().filter(|m| m.resource.is_some() && !m.operations.is_empty()) {
        let operations: Vec<&Operation> = module.operations.iter().map(|&o| &model.operations[o]).collect();
        let call = |op: &Operation, kind, args| Call {
            module: module.path.join("::"),
            name: model.ty(op.params).name.clone(),
            kind,
            args,
        };
        let list = operations.iter().find(|op| {
            matches!(model.pages(op), Some((Walk::List, _)))
                && !op.path.contains('{')
                && model.required_params(op).is_empty()
        });
        let strings_only =
            |op: &&&Operation| !op.path.contains('{') && model.required_params(op).iter().all(|f| f.ty == Ty::String);
        let send = operations
            .iter()
            .filter(strings_only)
            .find(|op| op.method == Method::Post)
            .or_else(|| operations.iter().find(strings_only));
        match (list, send) {
            (Some(op), _) => calls.push(call(op, "list", Vec::new())),
            (None, Some(op)) => {
                let args = model.required_params(op).iter().map(|f| format!("{:?}", f.ident.wire)).collect();
                let object = matches!(op.returns, Ty::Named(id) if model.is_object(id));
                calls.push(call(op, if object { "send_object" } else { "send" }, args));
            }
            (None, None) => without.push(module.resource.clone().unwrap_or_default()),
        }
    }
    (calls, without)
}

/// The app's `Cargo.toml` and `src/main.rs`.
pub fn app_sources(model: &Model, package: &Package, crate_path: &Path) -> Result<(String, String), String> {
    let mut env = codegen::render::environment().map_err(|e| e.to_string())?;
    env.add_template("Cargo.toml.j2", APP_CARGO_TOML).map_err(|e| e.to_string())?;
    env.add_template("main.rs.j2", APP_MAIN_RS).map_err(|e| e.to_string())?;
    let (calls, _) = calls(model);
    let calls: Vec<_> = calls
        .iter()
        .map(|c| context! { module => &c.module, name => &c.name, kind => c.kind, args => c.args.join(", ") })
        .collect();
    let render = |name: &str, ctx| env.get_template(name).and_then(|t| t.render(ctx)).map_err(|e| e.to_string());
    let cargo_toml = render(
        "Cargo.toml.j2",
        context! { package_name => &package.name, crate_path => crate_path.display().to_string() },
    )?;
    let main_rs = render("main.rs.j2", context! { lib => package.lib_name(), calls, event => model.event.is_some() })?;
    Ok((cargo_toml, main_rs))
}

/// What one build-cost run measured.
struct Measured {
    cold: Duration,
    crates: usize,
    rebuild: Duration,
    binary_bytes: u64,
}

/// Runs the whole task: generate into `dir`, write the app, build it twice.
pub fn run(
    root: &Path,
    spec: &Path,
    expected_sha256: Option<&str>,
    selection: Selection,
    dir: &Path,
) -> Result<(), String> {
    let crate_dir = dir.join("stripe-api");
    let app_dir = dir.join("app");
    let target_dir = dir.join("target");
    for stale in [&crate_dir, &app_dir, &target_dir] {
        if stale.exists() {
            std::fs::remove_dir_all(stale).map_err(|e| format!("{}: cannot remove: {e}", stale.display()))?;
        }
    }
    let runtime = root.join("runtime").canonicalize().map_err(|e| format!("{}/runtime: {e}", root.display()))?;
    let package = Package { runtime_path: runtime.display().to_string(), ..Package::default() };
    let loaded = codegen::load::load_pinned(spec, expected_sha256).map_err(|e| e.to_string())?;
    let (model, files) =
        codegen::generate(loaded, &selection, &package, &mut Default::default()).map_err(|e| e.to_string())?;
    codegen::write::write_tree(&crate_dir, &files).map_err(|e| e.to_string())?;
    let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
    let (cargo_toml, main_rs) = app_sources(&model, &package, &crate_dir)?;
    std::fs::create_dir_all(app_dir.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(app_dir.join("Cargo.toml"), cargo_toml).map_err(|e| e.to_string())?;
    std::fs::write(app_dir.join("src/main.rs"), main_rs).map_err(|e| e.to_string())?;
    // The workspace's lock file: the app builds the dependency versions the tests ran with.
    std::fs::copy(root.join("Cargo.lock"), app_dir.join("Cargo.lock")).map_err(|e| e.to_string())?;

    let summary = model.summary();
    let (calls, without) = calls(&model);
    println!(
        "stripe-api: {} resources, {} operations, {} types, {lines} lines (Stripe API {}), in {}",
        summary.resources,
        summary.operations,
        summary.types,
        model.api_version,
        crate_dir.display()
    );
    let called: Vec<String> = calls.iter().map(|c| format!("{}::{} ({})", c.module, c.name, c.kind)).collect();
    println!("the app calls: {}", called.join(", "));
    if model.event.is_some() {
        println!("the app decodes: a verified event::Event");
    }
    if !without.is_empty() {
        println!("no call for (no list, no create with string arguments): {}", without.join(", "));
    }
    let measured = measure(&app_dir, &target_dir)?;
    println!("cold release build  {:>7.1} s  ({} crates compiled)", measured.cold.as_secs_f64(), measured.crates);
    println!("release rebuild     {:>7.1} s  (after touching the app's src/main.rs)", measured.rebuild.as_secs_f64());
    println!("stripped binary     {:>7.2} MB", measured.binary_bytes as f64 / 1_000_000.0);
    let decoders = decoders_in_app(&app_dir, &target_dir, &package.lib_name())?;
    println!("decoders of generated types compiled in the app: {}", decoders.len());
    if !decoders.is_empty() {
        let shown: Vec<&str> = decoders.iter().take(5).map(String::as_str).collect();
        return Err(format!(
            "the app compiles {} decoders of generated types (they belong in {}), e.g.\n  {}",
            decoders.len(),
            package.name,
            shown.join("\n  ")
        ));
    }
    Ok(())
}

/// The functions of the app's own object code that decode a generated type (its `FromJson`
/// impl, or serde's `Deserialize` and its visitors), from the app's LLVM IR: each is a decoder the
/// generated crate should have compiled once. Rebuilds only the app.
fn decoders_in_app(app_dir: &Path, target_dir: &Path, lib: &str) -> Result<Vec<String>, String> {
    let cargo = std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from);
    let output = cargo_command(&cargo)
        .args(["rustc", "--release", "--bin", "build-cost-app", "--manifest-path"])
        .arg(app_dir.join("Cargo.toml"))
        .args(["--", "--emit=llvm-ir"])
        .env("CARGO_TARGET_DIR", target_dir)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("emitting the app's LLVM IR failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    let deps = target_dir.join("release/deps");
    let newest_ir = std::fs::read_dir(&deps)
        .map_err(|e| format!("{}: {e}", deps.display()))?
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name().to_string_lossy().starts_with("build_cost_app") && e.path().extension() == Some("ll".as_ref())
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .ok_or_else(|| format!("no LLVM IR of the app in {}", deps.display()))?;
    let ir = std::fs::read_to_string(newest_ir.path()).map_err(|e| e.to_string())?;
    // Mangled names spell paths with `..` (`stripe_api..customer..Customer`).
    let of_generated_type = format!("{lib}..");
    // Legacy mangling, which the check reads: `<len><name>` segments (`10stripe_api`).
    let segment = format!("{}{lib}", lib.len());
    if !ir.lines().any(|line| line.starts_with("declare ") && line.contains(&segment)) {
        return Err(format!("the app's LLVM IR declares no function named `{segment}…`: did symbol mangling change?"));
    }
    Ok(ir
        .lines()
        .filter(|line| line.starts_with("define "))
        .filter(|line| line.contains(&of_generated_type))
        .filter(|line| ["from_json", "Deserialize", "visit_map", "visit_seq"].iter().any(|word| line.contains(word)))
        .map(|line| line.split(['@', '(']).nth(1).unwrap_or(line).to_owned())
        .collect())
}

/// Builds the app cold, then again after touching its `main.rs`.
fn measure(app_dir: &Path, target_dir: &Path) -> Result<Measured, String> {
    let (cold, stderr) = cargo_build_release(app_dir, target_dir)?;
    let crates = stderr.lines().filter(|l| l.trim_start().starts_with("Compiling ")).count();
    let main_rs = app_dir.join("src/main.rs");
    let file = std::fs::File::options().write(true).open(&main_rs).map_err(|e| e.to_string())?;
    file.set_modified(SystemTime::now()).map_err(|e| format!("{}: cannot touch: {e}", main_rs.display()))?;
    let (rebuild, _) = cargo_build_release(app_dir, target_dir)?;
    let binary = target_dir.join("release").join(format!("build-cost-app{}", std::env::consts::EXE_SUFFIX));
    let binary_bytes = std::fs::metadata(&binary).map_err(|e| format!("{}: {e}", binary.display()))?.len();
    Ok(Measured { cold, crates, rebuild, binary_bytes })
}

/// `cargo` as a user runs it: without the variables `cargo xtask` set for this process
/// (`CARGO_MANIFEST_DIR`, `CARGO_PKG_*`, …), which build scripts may track (ring's does), so that
/// a build by hand in the scratch directory reuses this one's.
fn cargo_command(cargo: &Path) -> Command {
    let mut command = Command::new(cargo);
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_") && name != "CARGO_HOME" {
            command.env_remove(name.as_ref());
        }
    }
    command
}

/// `cargo build --release` of the app, timed; its stderr.
fn cargo_build_release(app_dir: &Path, target_dir: &Path) -> Result<(Duration, String), String> {
    let cargo = std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from);
    let start = Instant::now();
    let output = cargo_command(&cargo)
        .args(["build", "--release", "--manifest-path"])
        .arg(app_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(format!("building the app in {} failed:\n{stderr}", app_dir.display()));
    }
    Ok((elapsed, stderr))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widgets() -> Model {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/golden/widgets.yaml");
        let loaded = codegen::load::load_file(&spec).unwrap();
        codegen::generate(loaded, &Selection::All, &Package::default(), &mut Default::default()).unwrap().0
    }

    #[test]
    fn each_resource_gets_its_list_else_a_create_taking_strings() {
        let (calls, without) = calls(&widgets());
        let shown: Vec<String> =
            calls.iter().map(|c| format!("{}::{} {} {:?}", c.module, c.name, c.kind, c.args)).collect();
        assert!(shown.contains(&"thing::widget::ListWidgets list []".to_owned()), "{shown:?}");
        assert!(without.is_empty() || !without.contains(&"thing.widget".to_owned()), "{without:?}");
        for call in &calls {
            assert!(["list", "send_object", "send"].contains(&call.kind), "{call:?}");
        }
    }

    #[test]
    fn the_app_calls_what_was_chosen_and_decodes_the_event_only_when_there_is_one() {
        let model = widgets();
        let crate_path = Path::new("/tmp/x/stripe-api");
        let (cargo_toml, main_rs) = app_sources(&model, &Package::default(), crate_path).unwrap();
        assert!(cargo_toml.contains(r#"stripe-api = { path = "/tmp/x/stripe-api" }"#), "{cargo_toml}");
        assert!(main_rs.contains("stripe_api::thing::widget::ListWidgets::new().paginate(&client)"), "{main_rs}");
        assert_eq!(main_rs.contains("decode_event"), model.event.is_some(), "{main_rs}");
    }
}
