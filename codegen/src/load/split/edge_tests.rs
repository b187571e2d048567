//! Edge cases of the cut, each checked against a plain parse of the whole text: for 2 to 5
//! threads, `parse_in_pieces` gives `None` or exactly what the whole parse gives, and never `Some`
//! where the whole parse fails. Well-formed input must also be cut (`Some`), so that no test
//! passes only because everything was left whole.

use super::*;
use crate::load::parse_in_pieces;

/// A plain parse of the whole text.
fn whole(format: Format, text: &str) -> Result<OpenAPI, String> {
    match format {
        Format::Json => serde_json::from_slice(text.as_bytes()).map_err(|e| e.to_string()),
        Format::Yaml => serde_yaml::from_slice(text.as_bytes()).map_err(|e| e.to_string()),
    }
}

/// Checks that every split parse agrees with the whole one; the thread counts that gave `Some`.
fn agrees(format: Format, text: &str) -> Vec<usize> {
    let expected = whole(format, text);
    let mut some = Vec::new();
    for threads in 2..=5 {
        let Some(api) = parse_in_pieces(format, text.as_bytes(), threads) else { continue };
        match &expected {
            Ok(expected) => assert_eq!(&api, expected, "{format:?} on {threads} threads:\n{text}"),
            Err(error) => {
                panic!("{format:?} on {threads} threads parsed in pieces, the whole fails ({error}):\n{text}")
            }
        }
        some.push(threads);
    }
    some
}

/// As `agrees`, and the split must have worked on every number of threads.
fn splits(format: Format, text: &str) -> OpenAPI {
    assert_eq!(agrees(format, text), [2, 3, 4, 5], "{format:?} was left whole:\n{text}");
    whole(format, text).unwrap()
}

/// How many runs of `paths` and of `components.schemas` the text is cut into.
fn runs(format: Format, text: &str, threads: usize) -> (usize, usize) {
    let pieces = match format {
        Format::Json => json_pieces(text, threads),
        Format::Yaml => yaml_pieces(text, threads),
    };
    pieces.map_or((0, 0), |p| (p.paths.len(), p.schemas.len()))
}

/// Refused by the whole parse, so never `Some` from the split.
fn fails(format: Format, text: &str) {
    assert!(whole(format, text).is_err(), "{format:?} parses whole:\n{text}");
    assert_eq!(agrees(format, text), Vec::<usize>::new());
}

const YAML: &str = "openapi: 3.0.0
info:
  title: t
  version: v1
paths:
  /v1/a:
    summary: a
  /v1/b:
    summary: b
  /v1/c:
    summary: c
components:
  schemas:
    one:
      type: string
    two:
      type: integer
";

#[test]
fn crlf_line_endings() {
    let crlf = YAML.replace('\n', "\r\n");
    assert_eq!(splits(Format::Yaml, &crlf), whole(Format::Yaml, YAML).unwrap());
    assert!(runs(Format::Yaml, &crlf, 2).0 > 1);
    // A lone CR is no line end for the cut: the text stays one line, and the skeleton is all of it.
    agrees(Format::Yaml, &YAML.replace('\n', "\r"));
}

#[test]
fn a_utf8_bom() {
    // Before a comment line serde_yaml reads a BOM; before a key it does not.
    let api = splits(Format::Yaml, &format!("\u{feff}# spec\n{YAML}"));
    assert_eq!(api, whole(Format::Yaml, YAML).unwrap());
    fails(Format::Yaml, &format!("\u{feff}{YAML}"));
    agrees(
        Format::Yaml,
        &format!("\u{feff}{}", YAML.replacen("paths:", "x-paths:", 1).replacen("openapi", "paths: {}\nopenapi", 1)),
    );
    fails(
        Format::Json,
        "\u{feff}{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"t\", \"version\": \"v1\"}, \"paths\": {}}",
    );
}

#[test]
fn tab_characters() {
    let text = "openapi:\t3.0.0\ninfo:\n  title: \"a\ttab\"\n  version: v1\npaths:\n  /v1/a:\t\n    summary:\tafter a tab\n    description: 'quoted\twith a tab'\n  /v1/b:\n    summary: b\t# a comment after a tab\n  /v1/c:\n    summary: c\n";
    let api = splits(Format::Yaml, text);
    assert_eq!(api.paths.paths.len(), 3);
    assert!(runs(Format::Yaml, text, 2).0 > 1);
    // Tabs as indentation, or alone on a line: not YAML to libyaml, or not where the cut expects
    // an entry.
    for bad in ["summary: a\n\t", "summary: a\n  \t\n", "\tsummary: a", "  \t/v1/x:\n    summary: x", "\t  # a comment"]
    {
        agrees(Format::Yaml, &YAML.replace("    summary: a", bad));
    }
}

#[test]
fn block_scalars_at_the_edges_of_runs() {
    let text = "openapi: 3.0.0\ninfo:\n  title: t\n  version: v1\nx-before: |+\n  kept before paths\n\npaths:\n  /v1/a:\n    summary: |+\n      kept\n\n  /v1/b:\n    summary: |-\n      stripped\n\n  /v1/c:\n    summary: >\n      folded\n      text\n\n  /v1/d:\n    summary: >+\n      folded, kept\n\n\ncomponents:\n  schemas:\n    one:\n      description: |\n        clipped\n\n    two:\n      description: |+\n        kept to the end of the file\n\n";
    let api = splits(Format::Yaml, text);
    let summary = |path: &str| api.paths.paths[path].as_item().unwrap().summary.clone().unwrap();
    assert_eq!([summary("/v1/a"), summary("/v1/b"), summary("/v1/d")], ["kept\n\n", "stripped", "folded, kept\n\n\n"]);
    for threads in 2..=5 {
        // Every entry ends with a block scalar: every edge between runs is one.
        let (paths, schemas) = runs(Format::Yaml, text, threads);
        assert!(paths >= 3 && schemas == 2, "{threads}");
    }
    // The last block scalar of the file with no line end after it.
    splits(Format::Yaml, text.trim_end_matches('\n'));
}

#[test]
fn comments_between_entries_and_at_the_ends_of_runs() {
    let text = "# top
openapi: 3.0.0
info:
  title: t
  version: v1
paths:
# at column 0 before the first entry
  # indented before the first entry
  /v1/a: # after a key
    summary: a # after a value
    # inside an entry
  # between entries
# between entries, at column 0
      # between entries, deeper
#  /v1/not-a-path:
  /v1/b:
    summary: b

  # at the end of paths
components:
  # before schemas
  schemas:
    one:
      type: string
    # between schemas
    two:
      type: integer
    # at the end of schemas
# at the end of the file, no line end";
    let api = splits(Format::Yaml, text);
    assert_eq!(
        api,
        splits(Format::Yaml, &text.lines().filter(|l| !l.trim_start().starts_with('#')).collect::<Vec<_>>().join("\n"))
    );
    assert_eq!(runs(Format::Yaml, text, 2), (2, 2));
}

#[test]
fn anchors_and_aliases_inside_and_across_runs() {
    // Inside one entry: always in one run.
    let inside = YAML.replace(
        "  /v1/a:\n    summary: a\n",
        "  /v1/a:\n    get: &op\n      responses: {'200': {description: ok}}\n    post: *op\n",
    );
    let api = splits(Format::Yaml, &inside);
    assert_eq!(api.paths.paths["/v1/a"].as_item().unwrap().post.as_ref().unwrap().responses.responses.len(), 1);
    // Across entries of paths, of schemas, and from the skeleton into a run or back: `None` when
    // the anchor is in another document, or the whole parse's value.
    let cases = [
        YAML.replace("summary: a", "summary: &s a").replace("summary: c", "summary: *s"),
        YAML.replace("type: string", "type: &t string").replace("type: integer", "type: *t"),
        YAML.replace("title: t", "title: &s t").replace("summary: c", "summary: *s"),
        format!("{YAML}  responses:\n    r:\n      description: *t\n").replace("type: string", "type: &t string"),
    ];
    for text in &cases {
        assert!(whole(Format::Yaml, text).is_ok(), "{text}");
        agrees(Format::Yaml, text);
    }
}

/// serde_yaml lets a later anchor of the same name replace an earlier one: the alias after
/// `paths` names the anchor inside `/v1/a`, but the skeleton only has the one before `paths`.
#[test]
fn an_alias_after_paths_names_the_anchor_a_path_entry_redefined() {
    let text = format!("x-before: &x skeleton\n{YAML}x-after: *x\n").replace("summary: a", "summary: &x from a path");
    assert_eq!(whole(Format::Yaml, &text).unwrap().extensions["x-after"], "from a path");
    agrees(Format::Yaml, &text);
}

/// serde_yaml allows 100 alias expansions per event of the document. A run gets that for its own
/// events only: aliases that a whole parse allows but a run does not leave the file whole.
#[test]
fn aliases_over_a_runs_allowance_but_within_the_files() {
    // Five levels of ten aliases each in `/v1/c` (12,340 expansions); a list in `/v1/a` long
    // enough that the whole file allows them, and its run ends there.
    let mut bomb = String::from("    x-bomb:\n      l0: &l0 [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n");
    for level in 1..5 {
        let aliases = vec![format!("*l{}", level - 1); 10].join(", ");
        bomb.push_str(&format!("      l{level}: &l{level} [{aliases}]\n"));
    }
    let padding = format!("    x-padding: [{}]\n", vec!["0"; 2000].join(", "));
    let text = YAML
        .replace("    summary: a\n", &format!("    summary: a\n{padding}"))
        .replace("    summary: c\n", &format!("    summary: c\n{bomb}"));
    assert!(whole(Format::Yaml, &text).is_ok());
    assert_eq!(agrees(Format::Yaml, &text), Vec::<usize>::new(), "a run allowed the aliases");
    // The same aliases with a list long enough in their own entry are cut.
    let text = text.replace("    x-bomb:\n", &format!("{padding}    x-bomb:\n").replace("x-padding", "x-own-padding"));
    splits(Format::Yaml, &text);
}

#[test]
fn a_key_repeated_in_paths_across_runs() {
    for text in [
        YAML.replace("summary: c", "summary: c\n  /v1/a:\n    summary: again"),
        YAML.replace("summary: c", "summary: c\n  '/v1/a':\n    summary: again"),
        format!("{YAML}    one:\n      type: boolean\n"),
    ] {
        let got = agrees(Format::Yaml, &text);
        assert_eq!(got.is_empty(), whole(Format::Yaml, &text).is_err(), "{text}");
    }
    let json = r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "v1"},
        "paths": {"/v1/a": {"summary": "a"}, "/v1/b": {"summary": "b"}, "/v1/a": {"summary": "again"}}}"#;
    agrees(Format::Json, json);
    // Keys repeated at the levels the cut reads.
    agrees(Format::Yaml, &YAML.replace("  schemas:\n", "  schemas: {}\n  schemas:\n"));
    agrees(Format::Yaml, &format!("{YAML}components: {{}}\n"));
}

#[test]
fn json_with_escaped_keys() {
    let text = r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "v1"},
        "pa\u0074hs": {"\u002Fv1\/x": {"summary": "x\u0021"}, "/v1/y": {"summary": "y"}, "x-\u00e9": 1},
        "compon\u0065nts": {"sch\u0065mas": {"\u006Fne": {"type": "string"}, "two\"": {"type": "integer"}}}}"#;
    let api = splits(Format::Json, text);
    assert_eq!(api.paths.paths.keys().collect::<Vec<_>>(), ["/v1/x", "/v1/y"]);
    assert_eq!(api.components.unwrap().schemas.keys().collect::<Vec<_>>(), ["one", "two\""]);
    assert_eq!(runs(Format::Json, text, 2), (3, 2));
}

const JSON_LINES: [&str; 4] = [
    r#""openapi": "3.0.0", "info": {"title": "t", "version": "v1"}"#,
    r#""paths": {"/v1/a": {"summary": "a"}, "/v1/b": {"summary": "b"}, "/v1/c": {"summary": "c"}}"#,
    r#""components": {"schemas": {"one": {"type": "string"}, "two": {"type": "integer"}}}"#,
    r#""x-end": [1, 2.50, -0.0, 1e300, null]"#,
];

#[test]
fn json_with_whitespace_variations() {
    let plain = format!("{{{}}}", JSON_LINES.join(", "));
    let expected = splits(Format::Json, &plain);
    let minified = plain.replace(", ", ",").replace(": ", ":");
    let spread =
        plain.replace(", ", " \r\n\t,\n  ").replace(": ", "\t :\r\n ").replace('{', "{ \n").replace('}', "\n}\t");
    for text in [minified, spread, format!(" \n\t{plain}\r\n ")] {
        assert_eq!(splits(Format::Json, &text), expected, "{text}");
        assert_eq!(runs(Format::Json, &text, 2), (3, 2));
    }
}

#[test]
fn json_with_paths_after_components() {
    let text = format!("{{{}, {}, {}, {}}}", JSON_LINES[3], JSON_LINES[2], JSON_LINES[0], JSON_LINES[1]);
    let api = splits(Format::Json, &text);
    assert_eq!(api.paths.paths.len(), 3);
    assert_eq!(runs(Format::Json, &text, 3), (3, 2));
}

#[test]
fn no_components_or_empty_paths() {
    let no_components = &YAML[..YAML.find("components:").unwrap()];
    assert_eq!(splits(Format::Yaml, no_components).components, None);
    assert_eq!(runs(Format::Yaml, no_components, 2), (3, 0));
    let json = format!("{{{}, {}}}", JSON_LINES[0], JSON_LINES[1]);
    assert_eq!(splits(Format::Json, &json).components, None);
    splits(
        Format::Yaml,
        &YAML.replace("  schemas:\n    one:\n      type: string\n    two:\n      type: integer\n", "  schemas: {}\n"),
    );
    splits(Format::Yaml, &YAML.replace("  schemas:", "  securitySchemes: {}\n  x-no-schemas:"));
    // Empty paths: nothing to cut, the skeleton is all.
    let empty = YAML.replace(
        "paths:\n  /v1/a:\n    summary: a\n  /v1/b:\n    summary: b\n  /v1/c:\n    summary: c\n",
        "paths: {}\n",
    );
    assert!(splits(Format::Yaml, &empty).paths.paths.is_empty());
    splits(Format::Json, &format!("{{{}, \"paths\": {{}}, {}}}", JSON_LINES[0], JSON_LINES[2]));
    // `paths:` with nothing but a comment is null, which serde_yaml reads as empty paths.
    let null = empty.replace("paths: {}\n", "paths:\n  # none\n");
    assert!(whole(Format::Yaml, &null).unwrap().paths.paths.is_empty());
    agrees(Format::Yaml, &null);
}

#[test]
fn a_malformed_run_is_not_some() {
    for bad in ["summary: [unclosed", "summary: 'unclosed", "summary: b: c", "summary: [b]"] {
        fails(Format::Yaml, &YAML.replace("summary: b", bad));
    }
    for bad in [r#"{"summary": "b",}"#, r#"{"summary": "b""#, r#"{"summary": 1}"#, r#"{"summary" "b"}"#] {
        fails(Format::Json, &format!("{{{}, {}}}", JSON_LINES[0], JSON_LINES[1].replace(r#"{"summary": "b"}"#, bad)));
    }
}

/// libyaml reads a quoted scalar's next lines at any indentation, so a line `paths:` inside one is
/// text to the whole parse, but the cut takes it for the key.
#[test]
fn a_paths_line_inside_a_quoted_scalar() {
    let text = "openapi: 3.0.0\ninfo: {title: t, version: v1}\nx-note: \"a\npaths:\n  /v1/fake: {}\nx-end: b\"\n'paths':\n  /v1/real: {}\n";
    assert_eq!(whole(Format::Yaml, text).unwrap().paths.paths.len(), 1);
    agrees(Format::Yaml, text);
}

/// serde_json and serde_yaml refuse values nested over 128 deep; a run starts one level (paths)
/// or two (schemas) below the root, so its values may nest deeper than the whole parse allows.
#[test]
fn nesting_at_the_depth_limit() {
    for depth in 120..130 {
        let deep = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let json = format!(
            "{{{}, {}}}",
            JSON_LINES[0],
            JSON_LINES[1].replace(r#""summary": "b""#, &format!(r#""x-d": {deep}"#))
        );
        agrees(Format::Yaml, &YAML.replace("type: integer", &format!("x-d: {deep}")));
        agrees(Format::Json, &json);
    }
}

/// The JSON scanner checks only the objects it opens and skips every other value by its brackets:
/// malformed text anywhere, in its objects or in a skipped value, must never be cut into pieces
/// that parse.
#[test]
fn json_malformed_where_the_scanner_reads_or_skips() {
    let good = format!("{{{}}}", JSON_LINES.join(", "));
    splits(Format::Json, &good);
    let breaks = [
        // In the objects the scanner opens.
        (r#""/v1/b": {"#, r#""/v1/b" {"#),
        (r#", "/v1/b""#, r#" "/v1/b""#),
        (r#""summary": "c"}}"#, r#""summary": "c"},}"#),
        (r#""two": {"type": "integer"}}"#, r#""two": {"type": "integer"}"#),
        (r#""components": {"#, r#""components": ["#),
        (r#""paths": {"#, r#""paths": null, "x": {"#),
        (r#""/v1/a""#, r#"/v1/a"#),
        (r#""/v1/a""#, r#""/v1/\a""#),
        // In values it skips: brackets that do not match, a string left open, two values.
        (r#"{"summary": "a"}"#, r#"{"summary": "a"]"#),
        (r#"{"summary": "a"}"#, r#"["summary", "a"}"#),
        (r#"{"summary": "b"}"#, r#"{"summary": "b\"}"#),
        (r#"{"type": "string"}"#, r#"{"type": "string"} 1"#),
        (r#""3.0.0""#, r#"3.0.0"#),
        ("null]", "null"),
        ("1e300", "1e300 2"),
        ("2.50", "2.50\u{a0}"),
    ];
    for (from, to) in breaks {
        assert!(good.contains(from), "{from}");
        fails(Format::Json, &good.replacen(from, to, 1));
    }
    fails(Format::Json, &format!("{good} x"));
    fails(Format::Json, &good[..good.len() - 1]);
    // Escaped quotes and backslashes inside skipped strings do not end them early.
    let api = splits(Format::Json, &good.replace(r#""summary": "b""#, r#""summary": "b \\\" } ] \\\\""#));
    assert_eq!(api.paths.paths["/v1/b"].as_item().unwrap().summary.as_deref(), Some(r#"b \" } ] \\"#));
}
