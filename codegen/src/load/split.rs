//! Parsing a large spec on every core.
//!
//! Nine tenths of a Stripe spec are two maps: `paths` and `components.schemas`. Their entries are
//! cut into runs of about equal size, the runs are parsed on every core, each as a document of
//! its own, and put back, in order, into the document parsed from the rest (the skeleton, where
//! both maps are empty). The result equals a plain parse of the whole file.
//!
//! The cut is made in the text: for JSON by a scanner that opens only the objects on the way to
//! the two maps (see [`json`]), for YAML at the lines that start an entry of a block mapping.
//! Whatever does not fit (a flow-style YAML document, a repeated key, an alias in the skeleton or
//! an entry of it that does not parse on its own, a run that does not parse) gives `None`, and
//! the caller parses the whole file as one, so its errors, with their lines, are exactly those of
//! a plain parse. Each run is parsed at its depth in the file, so serde's nesting limit holds as
//! in a plain parse. serde_yaml allows 100 alias expansions per event of a document: a run is
//! allowed that for its own events (a run over it leaves the file whole), so the runs together
//! are allowed at most what the whole file is, plus 100 per event of the line or two wrapped
//! around each run (an anchor and its aliases are in one run: an alias to another leaves the
//! file whole).

use indexmap::IndexMap;
use openapiv3::{OpenAPI, Paths, ReferenceOr, Schema};
use serde::de::DeserializeOwned;

use super::Format;

mod json;
use json::json_pieces;

/// The schemas map of `components`.
type Schemas = IndexMap<String, ReferenceOr<Schema>>;

/// A spec cut into documents that parse independently.
#[derive(Debug, PartialEq)]
struct Pieces {
    /// The document with `paths` and `components.schemas` emptied.
    skeleton: String,
    /// Runs of `paths` entries, in order, each a mapping of its own.
    paths: Vec<String>,
    /// Runs of `components.schemas` entries, in order, each a mapping of its own.
    schemas: Vec<String>,
}

/// Which of the two maps a run holds entries of.
#[derive(Clone, Copy)]
enum Map {
    Paths,
    Schemas,
}

/// One run, parsed.
enum Parsed {
    Paths(Paths),
    Schemas(Schemas),
}

/// `bytes` parsed on `threads` threads, or `None` when they cannot be cut or a run does not parse.
pub(super) fn parse(format: Format, bytes: &[u8], threads: usize) -> Option<OpenAPI> {
    let text = std::str::from_utf8(bytes).ok()?;
    let threads = threads.max(1);
    let pieces = match format {
        Format::Json => json_pieces(text, threads)?,
        Format::Yaml => yaml_pieces(text, threads)?,
    };
    let runs: Vec<(Map, &str)> = (pieces.paths.iter().map(|run| (Map::Paths, run.as_str())))
        .chain(pieces.schemas.iter().map(|run| (Map::Schemas, run.as_str())))
        .collect();
    let parsed = crate::parallel::map(&runs, threads, |&(map, run)| parse_in_place(format, map, run));
    let mut api: OpenAPI = from_text(format, &pieces.skeleton)?;
    for run in parsed {
        match run? {
            Parsed::Paths(paths) => {
                api.paths.paths.extend(paths.paths);
                api.paths.extensions.extend(paths.extensions);
            }
            Parsed::Schemas(schemas) => api.components.as_mut()?.schemas.extend(schemas),
        }
    }
    Some(api)
}

/// A run parsed as part of a document that holds it where it stands in the file (under `paths`,
/// or `components.schemas`): at the same depth, so serde's nesting limit counts the levels a plain
/// parse counts.
fn parse_in_place(format: Format, map: Map, run: &str) -> Option<Parsed> {
    match (format, map) {
        (Format::Json, Map::Paths) => from_text(format, &format!("{{\"paths\":{run}}}")).and_then(paths_of),
        (Format::Yaml, Map::Paths) => from_text(format, &format!("paths:\n{run}")).and_then(paths_of),
        (Format::Json, Map::Schemas) => {
            from_text(format, &format!("{{\"components\":{{\"schemas\":{run}}}}}")).and_then(schemas_of)
        }
        (Format::Yaml, Map::Schemas) => {
            from_text(format, &format!("components:\n  schemas:\n{run}")).and_then(schemas_of)
        }
    }
}

fn paths_of(mut document: IndexMap<String, Paths>) -> Option<Parsed> {
    document.swap_remove("paths").map(Parsed::Paths)
}

fn schemas_of(mut document: IndexMap<String, IndexMap<String, Schemas>>) -> Option<Parsed> {
    document.swap_remove("components")?.swap_remove("schemas").map(Parsed::Schemas)
}

fn from_text<T: DeserializeOwned>(format: Format, text: &str) -> Option<T> {
    match format {
        Format::Json => serde_json::from_str(text).ok(),
        Format::Yaml => serde_yaml::from_str(text).ok(),
    }
}

/// Indices that cut `sizes` into at most `runs` consecutive runs of about equal total size.
fn cuts(sizes: &[usize], runs: usize) -> Vec<std::ops::Range<usize>> {
    let total: usize = sizes.iter().sum();
    let per_run = total.div_ceil(runs.max(1)).max(1);
    let mut out = Vec::new();
    let (mut start, mut filled) = (0, 0);
    for (i, size) in sizes.iter().enumerate() {
        filled += size;
        if filled >= per_run && i + 1 < sizes.len() {
            out.push(start..i + 1);
            (start, filled) = (i + 1, 0);
        }
    }
    if start < sizes.len() {
        out.push(start..sizes.len());
    }
    out
}

/// The indentation of a YAML line that holds content, `None` for a blank or comment line.
fn yaml_indent(line: &str) -> Option<usize> {
    let content = line.trim_start_matches(' ');
    (!content.trim().is_empty() && !content.starts_with('#')).then(|| line.len() - content.len())
}

/// The lines `start..end` of a block mapping whose entries are indented by `indent`: the ranges
/// of lines of each entry. `None` unless every line is blank, a comment, or indented at least
/// `indent`, and each entry starts with a plain key line (not a sequence item, not a tab).
fn yaml_entries(lines: &[&str], start: usize, end: usize, indent: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let mut entries: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        match yaml_indent(line) {
            None => {}
            Some(n) if n == indent => {
                let content = &line[n..];
                if content.starts_with(['-', '\t', '{', '[', '?', '&', '*', '!', '%']) {
                    return None;
                }
                if let Some(last) = entries.last_mut() {
                    last.end = i;
                }
                entries.push(i..end);
            }
            Some(n) if n > indent && !entries.is_empty() => {}
            Some(_) => return None,
        }
    }
    Some(entries)
}

/// Runs of a YAML map's entries, each the entries' lines as they are (an indented block mapping
/// is a document of its own).
fn yaml_runs(lines: &[&str], entries: &[std::ops::Range<usize>], runs: usize) -> Vec<String> {
    let sizes: Vec<usize> = entries.iter().map(|r| lines[r.clone()].iter().map(|l| l.len()).sum()).collect();
    cuts(&sizes, runs)
        .into_iter()
        .map(|range| lines[entries[range.start].start..entries[range.end - 1].end].concat())
        .collect()
}

/// An entry kept in the skeleton, if it parses as YAML on its own. One that does not (a quoted
/// scalar still open at its end, whose text runs on over a line that looked like the next key)
/// would be joined to other text around a cut and read differently there than in the file.
fn standing_alone(lines: &[&str]) -> Option<String> {
    let text = lines.concat();
    serde_yaml::from_str::<serde_yaml::Value>(&text).is_ok().then_some(text)
}

fn yaml_pieces(text: &str, threads: usize) -> Option<Pieces> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let top = yaml_entries(&lines, 0, lines.len(), 0)?;
    let mut pieces = Pieces { skeleton: String::new(), paths: Vec::new(), schemas: Vec::new() };
    let mut skeleton = String::with_capacity(4096);
    for entry in &top {
        let head = lines[entry.start];
        let key = head.trim_end();
        match key {
            "paths:" => {
                let entries = yaml_entries(&lines, entry.start + 1, entry.end, 2).filter(|e| !e.is_empty())?;
                pieces.paths = yaml_runs(&lines, &entries, threads * 2);
                skeleton.push_str("paths: {}\n");
            }
            "components:" => {
                skeleton.push_str(head);
                for part in yaml_entries(&lines, entry.start + 1, entry.end, 2)? {
                    if lines[part.start].trim_end() == "  schemas:" {
                        let entries = yaml_entries(&lines, part.start + 1, part.end, 4).filter(|e| !e.is_empty())?;
                        pieces.schemas = yaml_runs(&lines, &entries, threads * 2);
                        skeleton.push_str("  schemas: {}\n");
                    } else {
                        skeleton.push_str(&standing_alone(&lines[part])?);
                    }
                }
            }
            _ => skeleton.push_str(&standing_alone(&lines[entry.clone()])?),
        }
    }
    // serde_yaml lets a later anchor replace an earlier one of the same name, so an alias in the
    // skeleton could name an anchor a run redefines: a skeleton with an alias is parsed whole
    // (any `*` counts; one in text only costs the speed-up).
    if skeleton.contains('*') {
        return None;
    }
    pieces.skeleton = skeleton;
    Some(pieces)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod edge_tests;
