//! Phase 1: spec bytes to `openapiv3::OpenAPI`.
//!
//! YAML (`.yaml`, `.yml`) goes through serde_yaml, JSON (`.json`) through serde_json. openapiv3
//! keeps every `x-` extension on schemas and operations (`x-resourceId`, `x-expandableFields`,
//! `x-expansionResources`, `x-stripeOperations`), which the model phase reads.

use std::path::Path;

use openapiv3::OpenAPI;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

mod split;

/// A parsed spec and the facts about its file that generated code records.
#[derive(Debug)]
pub struct LoadedSpec {
    /// The parsed document.
    pub api: OpenAPI,
    /// The file it came from, as given (used in messages).
    pub file: String,
    /// Lowercase hex sha256 of the file's bytes.
    pub sha256: String,
}

/// The serialization formats a spec file may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.yaml` or `.yml`.
    Yaml,
    /// `.json`.
    Json,
}

impl Format {
    /// The format a file name's extension says, if it is one we read.
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()? {
            "yaml" | "yml" => Some(Format::Yaml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Reads and parses the spec at `path`.
pub fn load_file(path: &Path) -> Result<LoadedSpec> {
    load_pinned(path, None)
}

/// Reads the spec at `path`, refuses it unless its sha256 is `expected` (when given), parses it.
pub fn load_pinned(path: &Path, expected: Option<&str>) -> Result<LoadedSpec> {
    let file = path.display().to_string();
    let format = Format::of(path)
        .ok_or_else(|| Error::file(&file, "unsupported spec file extension: expected .yaml, .yml or .json"))?;
    let bytes = std::fs::read(path).map_err(|e| Error::file(&file, format!("cannot read the spec: {e}")))?;
    let (sha256, api) = hash_and_parse(&file, format, &bytes);
    if let Some(expected) = expected {
        if sha256 != expected {
            return Err(Error::file(&file, format!("sha256 is {sha256} but the pin (spec/pin.toml) says {expected}")));
        }
    }
    Ok(LoadedSpec { api: api?, file, sha256 })
}

/// Parses spec bytes; `file` names them in messages.
pub fn parse(file: &str, format: Format, bytes: &[u8]) -> Result<LoadedSpec> {
    let (sha256, api) = hash_and_parse(file, format, bytes);
    Ok(LoadedSpec { api: api?, file: file.to_owned(), sha256 })
}

/// Below this size a spec is parsed on one thread: cutting it would cost more than it saves.
const PARALLEL_FROM_BYTES: usize = 1 << 20;

/// Parses the document in `bytes` on up to `threads` threads (one for a small file). The result
/// and any error are the same for every number of threads.
pub fn parse_document_on(file: &str, format: Format, bytes: &[u8], threads: usize) -> Result<OpenAPI> {
    if threads > 1 && bytes.len() >= PARALLEL_FROM_BYTES {
        if let Some(api) = parse_in_pieces(format, bytes, threads) {
            return Ok(api);
        }
    }
    parse_whole(file, format, bytes)
}

/// The document in `bytes`, its two large maps cut into runs parsed on `threads` threads; `None`
/// when the text cannot be cut that way or does not parse.
pub fn parse_in_pieces(format: Format, bytes: &[u8], threads: usize) -> Option<OpenAPI> {
    split::parse(format, bytes, threads)
}

/// The sha256 of `bytes` and the document they hold, computed side by side (the hash of a 6 MB
/// spec takes as long as a tenth of its parse).
fn hash_and_parse(file: &str, format: Format, bytes: &[u8]) -> (String, Result<OpenAPI>) {
    std::thread::scope(|scope| {
        let hash = scope.spawn(|| sha256_hex(bytes));
        let threads = crate::parallel::cores();
        let api = parse_document_on(file, format, bytes, threads);
        (hash.join().expect("hashing does not panic"), api)
    })
}

/// Parses the whole document on this thread, as a plain `serde_json`/`serde_yaml` call does.
fn parse_whole(file: &str, format: Format, bytes: &[u8]) -> Result<OpenAPI> {
    match format {
        Format::Yaml => serde_yaml::from_slice(bytes).map_err(|e| {
            // An error of the whole document (a repetition limit) has no line: its place is the root.
            let pointer =
                e.location().map_or_else(|| "#".to_owned(), |l| format!("line {}, column {}", l.line(), l.column()));
            Error {
                file: file.to_owned(),
                pointer: Some(pointer),
                message: format!("invalid YAML OpenAPI document: {e}"),
            }
        }),
        Format::Json => serde_json::from_slice(bytes).map_err(|e| {
            let pointer = Some(format!("line {}, column {}", e.line(), e.column()));
            Error { file: file.to_owned(), pointer, message: format!("invalid JSON OpenAPI document: {e}") }
        }),
    }
}

/// Lowercase hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = r##"
openapi: 3.0.0
info: {title: Stripe API, version: "2023-08-16"}
paths: {}
components:
  schemas:
    thing:
      type: object
      x-resourceId: thing
      x-expandableFields: [owner]
      properties:
        owner:
          anyOf: [{type: string}, {$ref: "#/components/schemas/thing"}]
          x-expansionResources: {oneOf: [{$ref: "#/components/schemas/thing"}]}
"##;

    #[test]
    fn yaml_and_json_give_the_same_document_with_extensions() {
        let yaml = parse("t.yaml", Format::Yaml, YAML.as_bytes()).unwrap();
        let json_text = serde_json::to_string(&yaml.api).unwrap();
        let json = parse("t.json", Format::Json, json_text.as_bytes()).unwrap();
        assert_eq!(yaml.api, json.api);
        let schema = yaml.api.components.as_ref().unwrap().schemas["thing"].as_item().unwrap();
        assert_eq!(schema.schema_data.extensions["x-resourceId"], "thing");
        assert_eq!(schema.schema_data.extensions["x-expandableFields"][0], "owner");
        assert_eq!(yaml.api.info.version, "2023-08-16");
    }

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn errors_name_file_and_place() {
        let err = parse("bad.yaml", Format::Yaml, b"openapi: [unclosed").unwrap_err();
        assert_eq!(err.file, "bad.yaml");
        assert!(err.message.starts_with("invalid YAML"), "{err}");
        assert!(err.pointer.unwrap().starts_with("line 1"));
        let err = parse("bad.json", Format::Json, b"{\"openapi\": ").unwrap_err();
        assert!(err.to_string().starts_with("bad.json: at line 1, column"), "{err}");
        let err = load_file(Path::new("/nonexistent/spec.yaml")).unwrap_err();
        assert!(err.to_string().contains("cannot read the spec"), "{err}");
        let err = load_file(Path::new("spec.txt")).unwrap_err();
        assert!(err.message.contains("unsupported spec file extension"));
    }
}
