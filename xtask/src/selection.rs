//! `spec/selection.toml`: which resources `cargo xtask generate` writes.

use std::path::Path;

/// The resource ids listed in `resources = [...]` of the selection file at `path`.
pub fn read(path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses `resources = ["a", "b"]` (the list may span lines; `#` starts a comment).
fn parse(text: &str) -> Result<Vec<String>, String> {
    let text: String = text.lines().map(|l| l.split('#').next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
    let rest = text
        .split_once("resources")
        .and_then(|(_, rest)| rest.trim_start().strip_prefix('='))
        .ok_or("expected `resources = [\"…\"]`")?;
    let list =
        rest.trim_start().strip_prefix('[').and_then(|l| l.split_once(']')).ok_or("`resources` must be a list")?.0;
    let ids: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.strip_prefix('"')
                .and_then(|i| i.strip_suffix('"'))
                .map(str::to_owned)
                .ok_or(format!("`{item}` is not a quoted resource id"))
        })
        .collect::<Result<_, _>>()?;
    if ids.is_empty() {
        return Err("`resources` is empty; list at least one resource, or use `--all`".into());
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_comments_and_errors() {
        assert_eq!(parse("resources = [\"billing_portal.session\"]\n").unwrap(), ["billing_portal.session"]);
        assert_eq!(parse("# c\nresources = [\n  \"a\", # first\n  \"b.c\",\n]\n").unwrap(), ["a", "b.c"]);
        assert!(parse("resources = []").unwrap_err().contains("empty"));
        assert!(parse("resources = [a]").unwrap_err().contains("not a quoted"));
        assert!(parse("nothing").unwrap_err().contains("expected"));
    }
}
