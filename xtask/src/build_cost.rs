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
pub fn app_sources(
    model: &Model,
    calls: &[Call],
    package: &Package,
    crate_path: &Path,
) -> Result<(String, String), String> {
    let mut env = codegen::render::environment().map_err(|e| e.to_string())?;
    env.add_template("Cargo.toml.j2", APP_CARGO_TOML).map_err(|e| e.to_string())?;
    env.add_template("main.rs.j2", APP_MAIN_RS).map_err(|e| e.to_string())?;
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
        codegen::generate(loaded, &selection, &[], &package, &mut Default::default(), &mut Default::default())
            .map_err(|e| e.to_string())?;
    codegen::write::write_tree(&crate_dir, &files).map_err(|e| e.to_string())?;
    let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
    let (calls, without) = calls(&model);
    let (cargo_toml, main_rs) = app_sources(&model, &calls, &package, &crate_dir)?;
    std::fs::create_dir_all(app_dir.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(app_dir.join("Cargo.toml"), cargo_toml).map_err(|e| e.to_string())?;
    std::fs::write(app_dir.join("src/main.rs"), main_rs).map_err(|e| e.to_string())?;
    // The workspace's lock file: the app builds the dependency versions the tests ran with.
    std::fs::copy(root.join("Cargo.lock"), app_dir.join("Cargo.lock")).map_err(|e| e.to_string())?;

    let summary = model.summary();
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
    let lib = package.lib_name();
    let ir = app_ir(&app_dir, &target_dir)?;
    let decoders = decoders_in_ir(&ir, &lib)?;
    println!("decoders of generated types compiled in the app: {}", decoders.len());
    let decoded: Vec<(Vec<String>, String)> = model
        .types
        .iter()
        .filter(|ty| ty.decoded_alone)
        .map(|ty| (model.modules[ty.module.0].path.clone(), ty.name.clone()))
        .collect();
    let drops = decoded_drops_in_ir(&ir, &lib, &decoded);
    println!("drop code of decoded types compiled in the app: {}", drops.len());
    for (found, what) in [(&decoders, "decoders of generated types"), (&drops, "drop code of decoded types")] {
        if !found.is_empty() {
            let shown: Vec<&str> = found.iter().take(5).map(String::as_str).collect();
            return Err(format!(
                "the app compiles {} {what} (they belong in {}), e.g.\n  {}",
                found.len(),
                package.name,
                shown.join("\n  ")
            ));
        }
    }
    Ok(())
}

/// The app's own LLVM IR, every codegen unit of it: rebuilds only the app, with v0 symbol names,
/// which spell a generic function's type arguments (legacy names hash them).
fn app_ir(app_dir: &Path, target_dir: &Path) -> Result<String, String> {
    let deps = target_dir.join("release/deps");
    let app_ir = |entry: &std::fs::DirEntry| {
        entry.file_name().to_string_lossy().starts_with("build_cost_app")
            && entry.path().extension() == Some("ll".as_ref())
    };
    let ir_files = || -> Result<Vec<PathBuf>, String> {
        let entries = std::fs::read_dir(&deps).map_err(|e| format!("{}: {e}", deps.display()))?;
        Ok(entries.filter_map(Result::ok).filter(app_ir).map(|e| e.path()).collect())
    };
    for stale in ir_files()? {
        std::fs::remove_file(&stale).map_err(|e| format!("{}: {e}", stale.display()))?;
    }
    let output = cargo_command()
        .args(["rustc", "--release", "--bin", "build-cost-app", "--manifest-path"])
        .arg(app_dir.join("Cargo.toml"))
        .args(["--", "--emit=llvm-ir", "-Csymbol-mangling-version=v0"])
        .env("CARGO_TARGET_DIR", target_dir)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("emitting the app's LLVM IR failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    // One file per codegen unit.
    let mut ir = String::new();
    for file in ir_files()? {
        ir += &std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(ir)
}

/// The functions `ir` defines whose v0 symbol names both a decoding function (a `FromJson` impl,
/// the runtime's decode helpers, serde's `Deserialize` and its visitors) and the crate `lib`.
fn decoders_in_ir(ir: &str, lib: &str) -> Result<Vec<String>, String> {
    // v0 names are `<length><identifier>` segments: `10stripe_api`, `9from_json`.
    let segment = |name: &str| format!("{}{name}", name.len());
    let crate_segment = segment(lib);
    if !ir.lines().any(|line| line.starts_with("declare ") && line.contains(&crate_segment)) {
        return Err(format!("the app's LLVM IR declares no function named `{crate_segment}…`: not v0 names?"));
    }
    let decoding: Vec<String> = [
        "from_json",
        "decode_json",
        "read_member",
        "read_error",
        "from_slice",
        "from_trait",
        "Deserialize",
        "visit_map",
        "visit_seq",
    ]
    .iter()
    .map(|name| segment(name))
    .collect();
    Ok(ir
        .lines()
        .filter(|line| line.starts_with("define ") && line.contains(&crate_segment))
        .filter(|line| decoding.iter().any(|name| line.contains(name.as_str())))
        .map(|line| line.split(['@', '(']).nth(1).unwrap_or(line).to_owned())
        .collect())
}

/// The drop code `ir` defines for one of the `decoded` types (module path and name in the crate
/// `lib`): `core::ptr::drop_in_place::<T>` itself, not of a type that holds a `Decoded<T>`. Each
/// is drop code the generated crate should have compiled once, reached through `Decoded`.
fn decoded_drops_in_ir(ir: &str, lib: &str, decoded: &[(Vec<String>, String)]) -> Vec<String> {
    // v0: `13drop_in_place` then its type argument, `NtNt…Cs<hash>_10stripe_api8customer8CustomerE`.
    let segment = |name: &str| format!("{}{name}", name.len());
    let paths: Vec<String> = decoded
        .iter()
        .map(|(module, name)| {
            let mut path = segment(lib);
            module.iter().chain([name]).for_each(|s| path += &segment(s));
            path + "E"
        })
        .collect();
    let dropped_type = |line: &str| {
        let (_, argument) = line.split_once("13drop_in_place")?;
        let argument = argument.trim_start_matches("Nt").strip_prefix("Cs")?;
        let (_, path) = argument.split_once('_')?;
        paths.iter().any(|p| path.starts_with(p.as_str())).then_some(())
    };
    ir.lines()
        .filter(|line| line.starts_with("define ") && dropped_type(line).is_some())
        .map(|line| line.split(['@', '(']).nth(1).unwrap_or(line).to_owned())
        .collect()
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

/// `cargo` as a user runs it: without the variables cargo sets for the package it runs
/// (`cargo xtask`'s `CARGO_MANIFEST_DIR`, `CARGO_PKG_*`, …), which build scripts may track (ring's
/// does), so that a build by hand in the scratch directory reuses this one's. Settings such as
/// `CARGO_HOME` or `CARGO_NET_OFFLINE` stay.
fn cargo_command() -> Command {
    let cargo = std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from);
    let mut command = Command::new(cargo);
    let set_for_the_package =
        ["CARGO_MANIFEST_", "CARGO_PKG_", "CARGO_CRATE_NAME", "CARGO_PRIMARY_PACKAGE", "CARGO_BIN_"];
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if set_for_the_package.iter().any(|prefix| name.starts_with(prefix)) {
            command.env_remove(name.as_ref());
        }
    }
    command
}

/// `cargo build --release` of the app, timed; its stderr.
fn cargo_build_release(app_dir: &Path, target_dir: &Path) -> Result<(Duration, String), String> {
    let start = Instant::now();
    let output = cargo_command()
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
        codegen::generate(
            loaded,
            &Selection::All,
            &[],
            &Package::default(),
            &mut Default::default(),
            &mut Default::default(),
        )
        .unwrap()
        .0
    }

    #[test]
    fn each_resource_gets_its_list_else_a_create_taking_strings() {
        let (calls, without) = calls(&widgets());
        let shown: Vec<String> =
            calls.iter().map(|c| format!("{}::{} {} {:?}", c.module, c.name, c.kind, c.args)).collect();
        assert_eq!(shown, ["thing::widget::ListWidgets list []"], "the widget's list, though it has a create too");
        // `thing.maker` has no operations: only referenced, not selected, so not reported.
        assert!(without.is_empty(), "{without:?}");
    }

    #[test]
    fn the_ir_check_finds_decoders_of_generated_types_and_nothing_else() {
        let ir = "declare void @_RNvNtCs1a_10stripe_api8customer4send()\n\
            define void @_RINvNtCs2b_14stripe_runtime6decode11read_memberNtNtCs1a_10stripe_api8customer8CustomerEB4_()\n\
            define void @_RINvNtCs3c_4core3ptr13drop_in_placeNtNtCs1a_10stripe_api8customer8CustomerEB4_()\n\
            define void @_RINvNtCs2b_14stripe_runtime6decode11read_memberNtNtCs9z_5alloc6string6StringEB4_()\n";
        let found = decoders_in_ir(ir, "stripe_api").unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("11read_member") && found[0].contains("10stripe_api"), "{found:?}");
        assert!(decoders_in_ir("define void @main()\n", "stripe_api").is_err(), "names that are not v0 are an error");
    }

    #[test]
    fn the_ir_check_finds_drop_code_of_decoded_types_but_not_of_what_holds_them_boxed() {
        let decoded = [(vec!["customer".to_owned()], "Customer".to_owned())];
        let ir = "define void @_RINvNtCs3c_4core3ptr13drop_in_placeNtNtCs1a_10stripe_api8customer8CustomerEB4_()\n\
            define void @_RINvNtCs3c_4core3ptr13drop_in_placeNtNtCs1a_10stripe_api8customer13ListCustomersEB4_()\n\
            define void @_RINvNtCs3c_4core3ptr13drop_in_placeNtNtCs1a_10stripe_api8customer18CustomerTaxIdDataEB4_()\n\
            define void @_RINvNtCs3c_4core3ptr13drop_in_placeINtNtCs2b_14stripe_runtime7decoded7DecodedNtNtCs1a_10stripe_api8customer8CustomerEEB4_()\n\
            declare void @_RINvNtCs3c_4core3ptr13drop_in_placeNtNtCs1a_10stripe_api8customer8CustomerEB4_()\n";
        let found = decoded_drops_in_ir(ir, "stripe_api", &decoded);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].ends_with("8customer8CustomerEB4_"), "{found:?}");
    }

    #[test]
    fn the_app_calls_what_was_chosen_and_decodes_the_event_only_when_there_is_one() {
        let model = widgets();
        let crate_path = Path::new("/tmp/x/stripe-api");
        let (calls, _) = calls(&model);
        let (cargo_toml, main_rs) = app_sources(&model, &calls, &Package::default(), crate_path).unwrap();
        assert!(cargo_toml.contains(r#"stripe-api = { path = "/tmp/x/stripe-api" }"#), "{cargo_toml}");
        assert!(main_rs.contains("stripe_api::thing::widget::ListWidgets::new().paginate(&client)"), "{main_rs}");
        assert_eq!(main_rs.contains("decode_event"), model.event.is_some(), "{main_rs}");
    }
}
