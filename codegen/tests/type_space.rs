//! The type space over Stripe's real specs: every name unique and free of numbers, every shape
//! defined once, the same Rust path in every selection, and stable from one spec to the next.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use codegen::model::{build, Model, Selection};

fn stripe_file(name: &str) -> PathBuf {
    stripe_files::Project::here().file(name).unwrap_or_else(|e| panic!("{e}"))
}

const SPECS: [&str; 2] = ["2023-08-16/spec3.yaml", "2024-04-10/spec3.json"];

fn model(spec: &str, selection: &Selection) -> Model {
    let loaded = codegen::load::load_file(&stripe_file(spec)).expect("the spec loads");
    build(&loaded.api, spec, selection).unwrap_or_else(|e| panic!("{e}"))
}

/// `module::path::Name` of every type, by the JSON pointer it comes from; and of every operation's
/// parameters, by the operation's pointer.
fn paths(model: &Model) -> BTreeMap<String, String> {
    let path =
        |module: codegen::model::ModuleId, name: &str| format!("{}::{name}", model.modules[module.0].path.join("::"));
    let mut out = BTreeMap::new();
    for def in &model.types {
        out.insert(def.pointer.clone(), path(def.module, &def.name));
    }
    out
}

#[test]
fn all_of_both_specs_has_no_numbered_untrue_or_reserved_name_and_no_shape_defined_twice() {
    for spec in SPECS {
        let text = std::fs::read_to_string(stripe_file(spec)).unwrap().to_lowercase();
        let model = model(spec, &Selection::All);
        // A name may end in digits only where Stripe's own words do (`P24`, `V2`, `P400`).
        for def in &model.types {
            let digits: String = def.name.chars().rev().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() {
                continue;
            }
            let digits: String = digits.chars().rev().collect();
            let word_start =
                def.name[..def.name.len() - digits.len()].rfind(|c: char| c.is_ascii_uppercase()).unwrap_or(0);
            let word = def.name[word_start..].to_lowercase();
            assert!(
                text.contains(&format!("_{word}"))
                    || text.contains(&format!("\"{word}"))
                    || text.contains(&format!(" {word}")),
                "{spec}: `{}` ends in a number that is not Stripe's ({})",
                def.name,
                def.pointer
            );
        }
        let summary = model.summary();
        let twice = summary.defined_twice;
        assert!(twice.is_empty(), "{spec}: defined in more than one module: {twice:#?}");
        // Issue 26: every name true, none shadowing what a glob import brings.
        let untrue = summary.named_after_another_field;
        assert!(untrue.is_empty(), "{spec}: fields whose type is named after another field: {untrue:#?}");
        assert!(summary.reserved_names.is_empty(), "{spec}: reserved names: {:#?}", summary.reserved_names);
        let mut names: HashMap<(usize, &str), usize> = HashMap::new();
        for def in &model.types {
            *names.entry((def.module.0, def.name.as_str())).or_default() += 1;
        }
        assert!(names.values().all(|&n| n == 1), "{spec}: a name used twice in one module");
    }
}

#[test]
fn a_single_resource_has_the_paths_it_has_in_all() {
    let spec = "2024-04-10/spec3.json";
    let loaded = codegen::load::load_file(&stripe_file(spec)).unwrap();
    let all = build(&loaded.api, spec, &Selection::All).unwrap();
    let all_paths = paths(&all);
    let all_operations: HashMap<&str, &str> =
        all.operations.iter().map(|o| (o.operation_id.as_str(), all.ty(o.params).name.as_str())).collect();
    for resource in [
        "customer",
        "subscription",
        "invoice",
        "checkout.session",
        "payment_intent",
        "billing_portal.configuration",
        "charge",
        "product",
        "price",
        "event",
        "billing_portal.session",
    ] {
        let one = build(&loaded.api, spec, &Selection::Resources(vec![resource.to_owned()])).unwrap();
        assert!(!one.types.is_empty());
        for (pointer, path) in paths(&one) {
            assert_eq!(Some(&path), all_paths.get(&pointer), "{resource}: {pointer}");
        }
        for op in &one.operations {
            assert_eq!(
                Some(&one.ty(op.params).name.as_str()),
                all_operations.get(op.operation_id.as_str()),
                "{resource}"
            );
        }
    }
}

/// Types whose Rust name (not only module) differs between the two specs, each for a reason the
/// README lists under "Stability across specs".
const RENAMED: [&str; 4] = [
    "#/components/schemas/payment_intent_payment_method_options/properties/blik",
    "#/paths/~1v1~1charges/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/radar_options",
    "#/paths/~1v1~1customers~1{customer}~1subscriptions/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/payment_settings/properties/payment_method_options/properties/acss_debit/anyOf/0/properties/mandate_options",
    "#/paths/~1v1~1subscription_schedules/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/phases/items",
];

#[test]
fn names_are_stable_from_one_spec_to_the_next() {
    let old_model = model(SPECS[0], &Selection::All);
    let new_model = model(SPECS[1], &Selection::All);
    let (old, new) = (paths(&old_model), paths(&new_model));
    let old_resources: Vec<&String> = old_model.modules.iter().filter_map(|m| m.resource.as_ref()).collect();
    let new_resource_modules: Vec<String> = new_model
        .modules
        .iter()
        .filter(|m| m.resource.as_ref().is_some_and(|r| !old_resources.contains(&r)))
        .map(|m| m.path.join("::"))
        .collect();
    let split = |path: &str| path.rsplit_once("::").map(|(m, n)| (m.to_owned(), n.to_owned())).unwrap();
    let (mut renamed, mut unexplained, mut moved) = (Vec::new(), Vec::new(), 0);
    for (pointer, path) in &old {
        let Some(new_path) = new.get(pointer).filter(|p| *p != path) else { continue };
        moved += 1;
        let ((old_module, old_name), (new_module, new_name)) = (split(path), split(new_path));
        let line = format!("{pointer}: {path} → {new_path}");
        if old_name != new_name {
            renamed.push(pointer.as_str());
            if !RENAMED.contains(&pointer.as_str()) {
                unexplained.push(line);
            }
        } else if !(old_module == "shared" || new_module == "shared" || new_resource_modules.contains(&new_module)) {
            unexplained.push(line);
        }
    }
    let common = old.keys().filter(|k| new.contains_key(*k)).count();
    println!("{common} types in both specs; {moved} with another path");
    // The README (section "How generated names are chosen") says which types move and why: a type
    // moves only between a module and `shared` (a second module starts or stops using it), into
    // the module of a resource the newer spec adds, or is one of the listed renames.
    assert!(unexplained.is_empty(), "moves the README does not explain:\n{}", unexplained.join("\n"));
    assert_eq!(renamed, RENAMED, "the listed renames happen, so the list stays current");
}

/// Every list and every search of both specs walks itself: its parameters type has `paginate`.
#[test]
fn every_list_and_search_of_both_specs_is_pageable() {
    use codegen::model::Ty;
    for spec in SPECS {
        let model = model(spec, &Selection::All);
        let mut emitted: HashMap<usize, String> = HashMap::new();
        let mut pages = 0;
        for operation in &model.operations {
            if !matches!(operation.returns, Ty::StripeList(_) | Ty::SearchResult(_)) {
                continue;
            }
            pages += 1;
            let module = emitted
                .entry(operation.module.0)
                .or_insert_with(|| codegen::emit::module(&model, operation.module).tokens.to_string());
            let name = &model.ty(operation.params).name;
            let start = module.find(&format!("impl {name} {{")).unwrap_or_else(|| panic!("{spec}: no impl {name}"));
            // The impl block: up to the brace that closes the one after `impl Name`.
            let mut depth = 0;
            let end = module[start..]
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    c == '}' && depth == 0
                })
                .map_or(module.len(), |(i, _)| start + i);
            let block = &module[start..end];
            assert!(
                block.contains("__paginate_methods !"),
                "{spec}: {} {} has no paginate",
                operation.method.as_str(),
                operation.path
            );
        }
        assert!(pages > 100, "{spec}: only {pages} lists and searches");
    }
}

/// Durable paths (issue 26): the 2024-04-10 crate built with the 2023-08-16 crate's paths
/// (`diff::former_paths`, as `update-spec` and `generate --since` build it) names a type at every
/// path of the older crate whose spec location the newer spec still has, and `api-diff` reports no
/// move as breaking.
#[test]
fn every_path_of_the_older_crate_whose_place_remains_names_a_type_of_the_newer() {
    let old = model(SPECS[0], &Selection::All);
    let plain = model(SPECS[1], &Selection::All);
    let former = codegen::diff::former_paths(&old, &plain);
    let loaded = codegen::load::load_file(&stripe_file(SPECS[1])).unwrap();
    let kept = codegen::model::build_leaving(&loaded.api, SPECS[1], &Selection::All, &former, &mut Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(stripe_file(SPECS[1])).unwrap()).expect("the 2024 spec is JSON");
    let (mut remaining, mut lost) = (0, Vec::new());
    for path in old.paths() {
        // `~1` stays escaped: serde_json's pointer reads JSON pointers as the spec writes them.
        if document.pointer(path.pointer.trim_start_matches('#')).is_none() {
            continue;
        }
        remaining += 1;
        if kept.resolve(&path.path).is_none() {
            lost.push(format!("{} ({})", path.path, path.pointer));
        }
    }
    println!("{remaining} of {} older paths have their place in the newer spec", old.paths().len());
    assert!(remaining > 2000, "only {remaining}");
    assert!(lost.is_empty(), "paths of the older crate that name nothing in the newer:\n{}", lost.join("\n"));
    let moved_and_breaking: Vec<String> = codegen::diff::diff(&old, &kept)
        .of_kind(codegen::diff::ChangeKind::TypeMoved)
        .filter(|c| c.breaking)
        .map(|c| c.detail.clone())
        .collect();
    assert!(moved_and_breaking.is_empty(), "moves that break:\n{}", moved_and_breaking.join("\n"));
    let reexports = kept.summary().reexports;
    assert!(reexports.len() >= RENAMED.len() + 52, "{reexports:#?}");
}
