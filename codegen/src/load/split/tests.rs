use super::*;

const JSON: &str = r##"{
  "openapi": "3.0.0",
  "info": {"title": "t", "version": "v1"},
  "paths": {
    "/v1/a": {"get": {"responses": {"200": {"description": "ok"}}}},
    "x-note": {"said": "an extension of paths"},
    "/v1/b": {"post": {"responses": {"200": {"description": "ok"}}}},
    "/v1/c\"d": {"get": {"responses": {"200": {"description": "ok"}}}}
  },
  "components": {
    "securitySchemes": {"basic": {"type": "http", "scheme": "basic"}},
    "schemas": {
      "one": {"type": "object", "properties": {"id": {"type": "string"}}},
      "two": {"type": "string", "enum": ["a", "b"]},
      "three": {"$ref": "#/components/schemas/one"},
      "four": {"type": "integer"}
    }
  }
}"##;

const YAML: &str = r##"# a comment at the top
openapi: 3.0.0
info:
  title: t
  version: v1
paths:
  /v1/a:
    get:
      responses:
        '200':
          description: |
            ok, said over
            two lines
  x-note:
    said: an extension of paths
  "/v1/b":
    post:
      responses:
        '200':
          description: ok
  /v1/c"d:
    get:
      responses:
        '200':
          description: ok
components:
  securitySchemes:
    basic:
      type: http
      scheme: basic
  schemas:
    one:
      type: object
      properties:
        id:
          type: string
# a comment between entries
    two:
      type: string
      enum: [a, b]
    three:
      $ref: '#/components/schemas/one'
    four:
      type: integer
"##;

fn whole<T: DeserializeOwned>(format: Format, text: &str) -> T {
    match format {
        Format::Json => serde_json::from_str(text).unwrap(),
        Format::Yaml => serde_yaml::from_str(text).unwrap(),
    }
}

#[test]
fn a_document_parsed_in_pieces_equals_the_whole_for_any_number_of_threads() {
    for (format, text) in [(Format::Json, JSON), (Format::Yaml, YAML)] {
        let expected: OpenAPI = whole(format, text);
        assert_eq!(expected.paths.paths.keys().collect::<Vec<_>>(), ["/v1/a", "/v1/b", "/v1/c\"d"], "{format:?}");
        assert_eq!(expected.paths.extensions.len(), 1);
        assert_eq!(expected.components.as_ref().unwrap().schemas.len(), 4);
        for threads in 1..=5 {
            let parsed = parse(format, text.as_bytes(), threads).unwrap_or_else(|| panic!("{format:?} {threads}"));
            assert_eq!(parsed, expected, "{format:?} on {threads} threads");
        }
    }
}

#[test]
fn the_skeleton_has_both_maps_emptied_and_every_entry_is_in_one_run() {
    let pieces = json_pieces(JSON, 2).unwrap();
    let skeleton: serde_json::Value = serde_json::from_str(&pieces.skeleton).unwrap();
    assert_eq!(skeleton["paths"], serde_json::json!({}));
    assert_eq!(skeleton["components"]["schemas"], serde_json::json!({}));
    assert_eq!(skeleton["components"]["securitySchemes"]["basic"]["scheme"], "basic");
    let keys = |runs: &[String]| -> Vec<String> {
        runs.iter()
            .flat_map(|r| serde_json::from_str::<IndexMap<String, serde_json::Value>>(r).unwrap().into_keys())
            .collect()
    };
    assert_eq!(keys(&pieces.paths), ["/v1/a", "x-note", "/v1/b", "/v1/c\"d"]);
    assert_eq!(keys(&pieces.schemas), ["one", "two", "three", "four"]);
    assert!(pieces.paths.len() > 1 && pieces.schemas.len() > 1, "{pieces:?}");

    let pieces = yaml_pieces(YAML, 2).unwrap();
    assert!(pieces.skeleton.contains("paths: {}\n") && pieces.skeleton.contains("  schemas: {}\n"), "{pieces:?}");
    assert!(pieces.skeleton.contains("scheme: basic"));
    assert_eq!(pieces.schemas.concat().lines().filter(|l| l.starts_with("    ") && !l.starts_with("     ")).count(), 4);
}

#[test]
fn runs_are_cut_in_order_and_about_equal() {
    assert_eq!(cuts(&[1, 1, 1, 1], 2), [0..2, 2..4]);
    assert_eq!(cuts(&[10, 1, 1, 1], 2), [0..1, 1..4]);
    assert_eq!(cuts(&[1, 1, 1], 1), vec![0..3]);
    assert_eq!(cuts(&[5], 4), vec![0..1]);
    assert!(cuts(&[], 2).is_empty());
}

/// What cannot be cut safely is left to a whole parse (`None`), which gives the same result or
/// the error with its line.
#[test]
fn documents_that_do_not_fit_the_cut_are_left_whole() {
    let cases = [
        (Format::Yaml, "---\nopenapi: 3.0.0\n"),
        (Format::Yaml, "{openapi: 3.0.0, paths: {}}\n"),
        (Format::Yaml, "openapi: 3.0.0\npaths:\n  - /v1/a\n"),
        (Format::Yaml, "openapi: 3.0.0\npaths:\n"),
        (Format::Yaml, "openapi: 3.0.0\nopenapi: 3.0.0\n"),
        (Format::Yaml, "openapi: 3.0.0\npaths:\n    /v1/a:\n      get: {}\n  /v1/b: {}\n"),
        (Format::Json, r#"{"openapi": "3.0.0", "openapi": "3.0.0"}"#),
        (Format::Json, r#"{"paths": {"/v1/a": {}, "/v1/a": {}}}"#),
        (Format::Json, "[1, 2]"),
        (Format::Json, r#"{"openapi": "3.0.0", "paths": {"/v1/a": {"get": 1}}}"#),
    ];
    for (format, text) in cases {
        assert!(parse(format, text.as_bytes(), 2).is_none(), "{format:?}: {text}");
    }
}
