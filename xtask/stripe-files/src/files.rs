//! `spec/files.toml`: the specs and fixtures the tests read, besides the pinned spec.

use crate::Entry;

/// Parses `spec/files.toml`: `[[file]]` tables of `name`, `sha256`, `url` (may be empty) and `how`.
pub fn parse_files(text: &str) -> Result<Vec<Entry>, String> {
    let mut tables: Vec<Vec<(String, String)>> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "[[file]]" {
            tables.push(Vec::new());
            continue;
        }
        let at = |m: &str| format!("line {}: {m}", i + 1);
        let (key, value) = line.split_once('=').ok_or_else(|| at("expected `key = \"value\"` or `[[file]]`"))?;
        let value = value.trim();
        if value.len() < 2 || !value.starts_with('"') || !value.ends_with('"') || value.contains('\\') {
            return Err(at("expected a plain \"string\" value"));
        }
        let table = tables.last_mut().ok_or_else(|| at("a key before the first `[[file]]`"))?;
        table.push((key.trim().to_owned(), value[1..value.len() - 1].to_owned()));
    }
    tables
        .into_iter()
        .enumerate()
        .map(|(i, table)| {
            let get = |key: &str| table.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
            let at = |m: String| format!("[[file]] number {}: {m}", i + 1);
            if let Some((key, _)) = table.iter().find(|(k, _)| !["name", "sha256", "url", "how"].contains(&k.as_str()))
            {
                return Err(at(format!("unknown key `{key}`")));
            }
            let name = get("name").ok_or_else(|| at("no `name`".into()))?;
            let sha256 = get("sha256").ok_or_else(|| at(format!("{name} has no `sha256`")))?;
            if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(at(format!("{name}: sha256 `{sha256}` is not 64 hex digits")));
            }
            let url = get("url").filter(|u| !u.is_empty());
            let how = get("how").filter(|h| !h.is_empty());
            if url.is_none() && how.is_none() {
                return Err(at(format!("{name} has neither `url` nor `how` (how to get a local copy)")));
            }
            Ok(Entry { name, sha256, url, how, pinned_in: "spec/files.toml".into(), also_at: Vec::new() })
        })
        .collect()
}
