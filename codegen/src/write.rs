//! Phase 5: the rendered files onto disk, all or nothing; or, in check mode, a comparison.
//!
//! Writing builds the whole tree in a temporary directory beside the output, then swaps it in
//! with two renames, so a failure at any point leaves the output directory as it was.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::OutputFile;

/// Writes `files` as the complete contents of `out_dir`, replacing what was there: nothing, an
/// empty directory or a crate the generator wrote (its `Cargo.toml` starts with the header). Any
/// other file or directory is refused and left as it is.
pub fn write_tree(out_dir: &Path, files: &[OutputFile]) -> Result<()> {
    refuse_what_we_did_not_write(out_dir)?;
    let name = out_dir.file_name().and_then(|n| n.to_str()).unwrap_or("generated");
    let parent = out_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let backup = parent.join(format!(".{name}.old-{}", std::process::id()));
    let io = |path: &Path, e: std::io::Error| Error::file(path.display().to_string(), format!("cannot write: {e}"));
    let result = (|| {
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| io(&staging, e))?;
        }
        let dirs: std::collections::BTreeSet<PathBuf> =
            files.iter().filter_map(|f| staging.join(&f.path).parent().map(Path::to_path_buf)).collect();
        for dir in &dirs {
            std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        }
        // Most of the time of a write is the file system's, per file: the files go on every core.
        let written = crate::parallel::map(files, crate::parallel::cores(), |file| {
            let path = staging.join(&file.path);
            std::fs::write(&path, &file.contents).map_err(|e| io(&path, e))
        });
        written.into_iter().collect::<Result<()>>()?;
        let had_old = out_dir.exists();
        if had_old {
            std::fs::rename(out_dir, &backup).map_err(|e| io(out_dir, e))?;
        }
        if let Err(e) = std::fs::rename(&staging, out_dir) {
            if had_old {
                let _ = std::fs::rename(&backup, out_dir);
            }
            return Err(io(out_dir, e));
        }
        if had_old {
            std::fs::remove_dir_all(&backup).map_err(|e| io(&backup, e))?;
        }
        Ok(())
    })();
    if result.is_err() && staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn refuse_what_we_did_not_write(out_dir: &Path) -> Result<()> {
    let refuse = |what: &str| {
        Err(Error::file(
            out_dir.display().to_string(),
            format!("{what}; refusing to replace it with the generated crate"),
        ))
    };
    if !out_dir.exists() {
        return Ok(());
    }
    let Ok(mut entries) = std::fs::read_dir(out_dir) else { return refuse("is not a directory") };
    if entries.next().is_none() {
        return Ok(());
    }
    let manifest = std::fs::read_to_string(out_dir.join("Cargo.toml")).unwrap_or_default();
    match manifest.lines().next().is_some_and(|line| line.contains(crate::render::HEADER_START)) {
        true => Ok(()),
        false => refuse("is a directory the generator did not write (no generated Cargo.toml)"),
    }
}

/// A file whose contents on disk differ from what the generator writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// Path relative to the output directory.
    pub path: PathBuf,
    /// What differs: a unified-style line diff, or "missing"/"not generated".
    pub detail: String,
}

/// Compares `out_dir` with `files`; empty when they are the same, byte for byte.
pub fn check_tree(out_dir: &Path, files: &[OutputFile]) -> Vec<Difference> {
    let mut differences = Vec::new();
    for file in files {
        match std::fs::read_to_string(out_dir.join(&file.path)) {
            Ok(on_disk) if on_disk == file.contents => {}
            Ok(on_disk) => {
                differences.push(Difference { path: file.path.clone(), detail: line_diff(&on_disk, &file.contents) })
            }
            Err(_) => differences.push(Difference { path: file.path.clone(), detail: "missing on disk".into() }),
        }
    }
    let mut on_disk = Vec::new();
    list_files(out_dir, out_dir, &mut on_disk);
    for path in on_disk {
        if !files.iter().any(|f| f.path == path) {
            differences.push(Difference { path, detail: "on disk but not generated".into() });
        }
    }
    differences
}

fn list_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            list_files(root, &path, out);
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push(relative.to_path_buf());
        }
    }
}

/// A small line diff: the changed region with a little context (`-` on disk, `+` generated).
fn line_diff(on_disk: &str, generated: &str) -> String {
    let old: Vec<&str> = on_disk.lines().collect();
    let new: Vec<&str> = generated.lines().collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..].iter().rev().zip(new[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    let mut out = format!("@@ line {} @@\n", prefix + 1);
    for line in &old[prefix.saturating_sub(2)..prefix] {
        out.push_str(&format!("  {line}\n"));
    }
    for line in &old[prefix..old.len() - suffix] {
        out.push_str(&format!("- {line}\n"));
    }
    for line in &new[prefix..new.len() - suffix] {
        out.push_str(&format!("+ {line}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<OutputFile> {
        vec![
            OutputFile { path: "a.txt".into(), contents: "one\ntwo\nthree\n".into() },
            OutputFile { path: "dir/b.txt".into(), contents: "b\n".into() },
        ]
    }

    #[test]
    fn write_then_check_is_clean_and_edits_are_found() {
        let root = std::env::temp_dir().join(format!("codegen-write-{}", std::process::id()));
        let out = root.join("out");
        std::fs::create_dir_all(out.join("stale")).unwrap();
        std::fs::write(out.join("stale/old.txt"), "x").unwrap();
        std::fs::write(out.join("Cargo.toml"), "# generated by cargo xtask generate from …\n").unwrap();
        write_tree(&out, &files()).unwrap();
        assert!(!out.join("stale").exists(), "the old tree is replaced whole");
        assert_eq!(check_tree(&out, &files()), vec![]);

        std::fs::write(out.join("a.txt"), "one\nTWO\nthree\n").unwrap();
        std::fs::write(out.join("extra.txt"), "x").unwrap();
        let diff = check_tree(&out, &files());
        assert_eq!(diff.len(), 2);
        assert_eq!(diff[0].path, PathBuf::from("a.txt"));
        assert!(diff[0].detail.contains("- TWO\n+ two\n"), "{}", diff[0].detail);
        assert_eq!(diff[1].path, PathBuf::from("extra.txt"));
        let leftovers: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("out")], "no staging or backup left behind");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
