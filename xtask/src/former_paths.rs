//! `spec/former-paths.txt`: the type paths earlier pins' crates had that the current one moved,
//! which `cargo xtask generate` keeps as re-exports and `cargo xtask update-spec` adds to.

use std::path::{Path, PathBuf};

use codegen::model::{former, FormerPath, Model};
use codegen::Selection;

/// Where the project keeps them.
pub fn file(root: &Path) -> PathBuf {
    root.join("spec/former-paths.txt")
}

/// The project's former paths; none when the file does not exist.
pub fn read(root: &Path) -> Result<Vec<FormerPath>, String> {
    let file = file(root);
    match std::fs::read_to_string(&file) {
        Ok(text) => former::parse(&text).map_err(|e| format!("{}: {e}", file.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", file.display())),
    }
}

/// The paths a crate of `new` keeps from the crate of `old` (both of `selection`):
/// `codegen::diff::former_paths`, for which `new`'s model is built once more.
pub fn since(old: &Model, new: &codegen::load::LoadedSpec, selection: &Selection) -> Result<Vec<FormerPath>, String> {
    let plain = codegen::model::build(&new.api, &new.file, selection).map_err(|e| e.to_string())?;
    Ok(codegen::diff::former_paths(old, &plain))
}
