//! The docs of everything generated: no link that is not absolute, no placeholder sentence.
//! `--all` of both of Stripe's specs is generated in-process into a scratch directory, and every
//! doc comment of every file is read, as is the committed golden crate.

use std::path::{Path, PathBuf};

use codegen::{Options, Package, Selection};

fn stripe_file(name: &str) -> PathBuf {
    stripe_files::Project::here().file(name).unwrap_or_else(|e| panic!("{e}"))
}

/// Every doc line (`///`, `//!`) of the `.rs` files under `dir`, as `file:line: text`.
fn doc_lines(dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            doc_lines(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                let line = line.trim_start();
                if let Some(doc) = line.strip_prefix("///").or_else(|| line.strip_prefix("//!")) {
                    out.push((format!("{}:{}", path.display(), n + 1), doc.trim().to_owned()));
                }
            }
        }
    }
}

/// Whether `line` is one of the sentences the generator wrote where the spec had no description:
/// “The `x` field.”, “The `X` object.”, “The `X` shape.”, “Values of `X`.”, “One of the shapes of
/// `X`.”, “Sets `x`.”
fn is_placeholder(line: &str) -> bool {
    let around = [
        ("The `", "` field."),
        ("The `", "` object."),
        ("The `", "` shape."),
        ("Values of `", "`."),
        ("One of the shapes of `", "`."),
        ("Sets `", "`."),
    ];
    around.iter().any(|(start, end)| {
        line.strip_prefix(start).and_then(|rest| rest.strip_suffix(end)).is_some_and(|name| !name.contains('`'))
    })
}

/// The targets of links in `line` that are not absolute: Markdown `[text](target)` and HTML
/// `href="target"`.
fn relative_links(line: &str) -> Vec<String> {
    let absolute = |target: &str| ["https://", "http://", "mailto:"].iter().any(|s| target.starts_with(s));
    let mut found = Vec::new();
    for (open, close) in [("](", ')'), ("href=\"", '"'), ("href='", '\'')] {
        let mut rest = line;
        while let Some(at) = rest.find(open) {
            // `\](` closes escaped brackets, not a link.
            let escaped = rest[..at].ends_with('\\');
            rest = &rest[at + open.len()..];
            let target = &rest[..rest.find(close).unwrap_or(rest.len())];
            if !escaped && !absolute(target) {
                found.push(target.to_owned());
            }
        }
    }
    found
}

fn check(what: &str, dir: &Path) {
    let mut lines = Vec::new();
    doc_lines(dir, &mut lines);
    assert!(lines.len() > 100, "{what}: only {} doc lines under {}", lines.len(), dir.display());
    let placeholders: Vec<String> =
        lines.iter().filter(|(_, doc)| is_placeholder(doc)).map(|(at, doc)| format!("{at}: {doc}")).collect();
    let relative: Vec<String> = lines
        .iter()
        .flat_map(|(at, doc)| relative_links(doc).into_iter().map(move |t| format!("{at}: ({t})")))
        .collect();
    let show = |found: &[String]| found.iter().take(20).cloned().collect::<Vec<_>>().join("\n");
    assert!(
        placeholders.is_empty(),
        "{what}: {} doc lines say nothing but the item's name (model/describe.rs writes these), e.g.:\n{}",
        placeholders.len(),
        show(&placeholders)
    );
    assert!(
        relative.is_empty(),
        "{what}: {} links are not absolute (docs.rs rewrites links), e.g.:\n{}",
        relative.len(),
        show(&relative)
    );
}

#[test]
fn all_of_both_specs_has_only_absolute_links_and_no_placeholder_docs() {
    for spec in ["2023-08-16/spec3.yaml", "2024-04-10/spec3.json"] {
        let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docs").join(spec.replace('/', "-"));
        let options = Options {
            spec: stripe_file(spec),
            out_dir: out_dir.clone(),
            selection: Selection::All,
            check: false,
            expected_sha256: None,
            package: Package::default(),
            former_paths: Vec::new(),
        };
        codegen::run(&options).unwrap_or_else(|e| panic!("{e}"));
        check(spec, &out_dir);
        std::fs::remove_dir_all(&out_dir).unwrap();
    }
}

#[test]
fn the_golden_crate_has_only_absolute_links_and_no_placeholder_docs() {
    check("tests/golden/widgets", &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/widgets"));
}

#[test]
fn the_checks_find_what_they_look_for() {
    for line in ["The `created` field.", "The `Widget` object.", "Values of `WidgetStatus`.", "Sets `name`."] {
        assert!(is_placeholder(line), "{line}");
    }
    for line in ["The `created` of `Widget`: an integer.", "The `{widget}` in the path `/v1/widgets/{widget}`."] {
        assert!(!is_placeholder(line), "{line}");
    }
    assert_eq!(
        relative_links(
            "[a](docs/x), [b](/api), [c](#balance), <a href=\"/x\">, [d](https://x.io), \\[e\\](<https://x.io>"
        ),
        ["docs/x", "/api", "#balance", "/x"]
    );
}
