//! `cargo xtask update-spec --commit SHA --sha256 HEX [--from PATH]`: moves the pin to a new Stripe
//! spec in one step, all or nothing, and prints what changes for users of the generated crate.
//!
//! Everything that can fail happens first, in a staging folder under `spec/cache/` (git-ignored):
//! the old pinned spec is found, the new one fetched (or copied from `--from`) and checked against
//! `--sha256`, the two are compared (`api-diff`, for `spec/selection.toml`), and the crate is
//! generated from the new one, keeping at their old paths the types it moves (as re-exports).
//! Only then are `spec/pin.toml`, `spec/files.toml` (which now pins the old spec, for the tests that
//! read it by name), `spec/former-paths.txt` (the paths kept), the spec in `spec/` and `generated/`
//! replaced, each by a rename; if one of those fails, the ones done are undone.

use std::path::{Path, PathBuf};

use codegen::model::FormerPath;
use codegen::{Options, Selection};
use stripe_files::{Pin, Place, Project, Source};

use crate::api_diff::{self, Format};
use crate::Flags;

/// Runs `cargo xtask update-spec …` on the project.
pub fn run(args: &[String]) -> Result<(), String> {
    let report = update(&crate::root(), args)?;
    print!("{report}");
    Ok(())
}

/// Moves the pin of the project at `root`; returns the change report and a summary.
fn update(root: &Path, args: &[String]) -> Result<String, String> {
    let flags = Flags { args };
    flags.only(&["--commit", "--sha256", "--from", "--version", "--path", "--url", "--repository"], &[])?;
    let commit = flags.value("--commit")?.ok_or("update-spec needs --commit SHA (of the spec's repository)")?;
    let sha256 = flags.value("--sha256")?.ok_or("update-spec needs --sha256 HEX (of the new spec file)")?;
    let from = flags.value("--from")?.map(PathBuf::from);
    let project = Project::at(root);
    let old_pin = project.pin()?;
    let path = match (flags.value("--path")?, &from) {
        (Some(path), _) => path.to_owned(),
        // The file's name in the repository follows the copy's (`spec3.json` for a JSON spec).
        (None, Some(from)) => {
            let name = from.file_name().and_then(|n| n.to_str()).ok_or("--from must name a file")?;
            match old_pin.path.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/{name}"),
                None => name.to_owned(),
            }
        }
        (None, None) => old_pin.path.clone(),
    };
    let repository = flags.value("--repository")?.unwrap_or(&old_pin.repository).to_owned();
    let url = match flags.value("--url")? {
        Some(url) => url.to_owned(),
        None => format!("https://raw.githubusercontent.com/{repository}/{commit}/{path}"),
    };
    let version = flags.value("--version")?;
    let mut pin = Pin {
        api_version: version.unwrap_or("new").to_owned(),
        repository,
        commit: commit.to_owned(),
        path,
        sha256: sha256.to_ascii_lowercase(),
        url,
    };
    Pin::parse(&pin_text(&pin))?; // the sha256 is 64 hex digits
    let selection = Selection::Resources(crate::selection::read(&root.join("spec/selection.toml"))?);

    let staging = Staging::new(project.cache_dir().join(format!(".update-spec-{}", std::process::id())))?;
    let old_entry = project.pin_entry(&old_pin);
    let old_spec = project
        .obtain(&old_entry, &old_pin.local_file(&staging.0.join("old")), Place::InPlace)
        .map_err(|e| format!("the spec pinned now is needed for the report: {e}"))?
        .path;
    let new_spec = pin.local_file(&staging.0.join("new"));
    let source = match &from {
        Some(file) => Source::File(file),
        None => Source::Url(&pin.url),
    };
    stripe_files::fetch(&project.pin_entry(&pin), source, &new_spec)?;

    let compared = api_diff::compare(&old_spec, &new_spec, &selection, Format::Markdown)?;
    match version {
        Some(v) if v != compared.diff.new_version => {
            return Err(format!("--version {v}, but the spec says it is Stripe API {}", compared.diff.new_version))
        }
        _ => pin.api_version = compared.diff.new_version.clone(),
    }
    let generated = staging.0.join("generated");
    // The paths earlier pins' crates had, and the ones this update moves: kept as re-exports.
    let mut former_paths = crate::former_paths::read(root)?;
    former_paths.extend(compared.moved);
    let options = Options {
        spec: new_spec.clone(),
        out_dir: generated.clone(),
        selection,
        check: false,
        expected_sha256: Some(pin.sha256.clone()),
        package: Default::default(),
        former_paths,
    };
    let written = codegen::run(&options).map_err(|e| e.to_string())?;
    let kept: Vec<FormerPath> =
        options.former_paths.into_iter().filter(|f| written.former_paths.contains(&f.path)).collect();
    let files_toml = files_with_old_pin(&project, &old_pin, &pin)?;

    let mut swap = Swap::default();
    let result = (|| {
        swap.write(&project.spec_dir().join("pin.toml"), pin_text(&pin).as_bytes())?;
        if let Some(text) = &files_toml {
            swap.write(&project.spec_dir().join("files.toml"), text.as_bytes())?;
        }
        if !kept.is_empty() {
            swap.write(&crate::former_paths::file(root), codegen::model::former::to_text(&kept).as_bytes())?;
        }
        swap.rename(&new_spec, &pin.local_file(&project.spec_dir()))?;
        swap.rename(&generated, &root.join("generated"))
    })();
    if let Err(e) = result {
        swap.undo();
        return Err(format!("{e}; every file was put back as it was"));
    }
    swap.finish();
    let mut report = compared.text;
    report.push_str(&format!(
        "\nspec/pin.toml: Stripe API {} → {} ({} at {}, sha256 {}); generated/ regenerated ({} files, {} lines){}.\n",
        old_pin.api_version,
        pin.api_version,
        pin.path,
        pin.commit,
        pin.sha256,
        written.files,
        written.lines,
        if files_toml.is_some() {
            format!("; spec/files.toml now pins {} for the tests that read it", old_pin.name())
        } else {
            String::new()
        }
    ));
    Ok(report)
}

/// `spec/pin.toml` for `pin`.
fn pin_text(pin: &Pin) -> String {
    format!(
        "# The Stripe OpenAPI spec that generated/ is built from. To move to a new spec, see spec/README.md.\n\
         api_version = \"{}\"\nrepository = \"{}\"\ncommit = \"{}\"\npath = \"{}\"\nsha256 = \"{}\"\nurl = \"{}\"\n",
        pin.api_version, pin.repository, pin.commit, pin.path, pin.sha256, pin.url
    )
}

/// `spec/files.toml` with the old pinned spec added (tests read it by name), or `None` when it is
/// there already. Fails, before anything is written, if the result would pin a name twice.
fn files_with_old_pin(project: &Project, old: &Pin, new: &Pin) -> Result<Option<String>, String> {
    let path = project.spec_dir().join("files.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let files = stripe_files::parse_files(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(clash) = files.iter().find(|f| f.name == new.name() && f.sha256 != new.sha256) {
        return Err(format!("spec/files.toml pins {} with another sha256 ({})", clash.name, clash.sha256));
    }
    if old.name() == new.name() || files.iter().any(|f| f.name == old.name()) {
        return Ok(None);
    }
    let source = if old.url.is_empty() {
        "how = \"it was the pinned spec before update-spec; copy it into a stripe-openapi folder\"".to_owned()
    } else {
        format!("url = \"{}\"", old.url)
    };
    let entry = format!(
        "\n[[file]]\nname = \"{}\"\nsha256 = \"{}\"\n# {} at commit {}, pinned in spec/pin.toml until update-spec moved the pin to {}.\n{source}\n",
        old.name(),
        old.sha256,
        old.path,
        old.commit,
        new.name(),
    );
    let text = format!("{}{entry}", if text.is_empty() || text.ends_with('\n') { text } else { text + "\n" });
    stripe_files::parse_files(&text).map_err(|e| format!("spec/files.toml with {}: {e}", old.name()))?;
    Ok(Some(text))
}

/// A folder removed, with what is left in it, when dropped; and its parent too if it made it.
struct Staging(PathBuf, Option<PathBuf>);

impl Staging {
    fn new(dir: PathBuf) -> Result<Staging, String> {
        let parent = dir.parent().filter(|p| !p.exists()).map(Path::to_path_buf);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
        Ok(Staging(dir, parent))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
        if let Some(parent) = &self.1 {
            let _ = std::fs::remove_dir(parent);
        }
    }
}

/// Replacements made so far, each with what undoes it.
#[derive(Default)]
struct Swap {
    /// (destination, where its previous contents were moved, if it existed).
    done: Vec<(PathBuf, Option<PathBuf>)>,
}

impl Swap {
    /// Writes `bytes` to `dest` by way of a file beside it.
    fn write(&mut self, dest: &Path, bytes: &[u8]) -> Result<(), String> {
        let fresh = beside(dest, "new");
        std::fs::write(&fresh, bytes).map_err(|e| format!("{}: cannot write: {e}", fresh.display()))?;
        let result = self.rename(&fresh, dest);
        let _ = std::fs::remove_file(&fresh);
        result
    }

    /// Moves `from` (a file or folder) to `dest`, keeping what `dest` held until [`Swap::finish`].
    fn rename(&mut self, from: &Path, dest: &Path) -> Result<(), String> {
        let kept = beside(dest, "old");
        let had = dest.exists();
        if had {
            std::fs::rename(dest, &kept).map_err(|e| format!("{}: cannot move aside: {e}", dest.display()))?;
        }
        if let Err(e) = std::fs::rename(from, dest) {
            if had {
                let _ = std::fs::rename(&kept, dest);
            }
            return Err(format!("{}: cannot replace: {e}", dest.display()));
        }
        self.done.push((dest.to_path_buf(), had.then_some(kept)));
        Ok(())
    }

    /// Puts every replaced file back, last first.
    fn undo(&mut self) {
        for (dest, kept) in self.done.drain(..).rev() {
            let _ = remove(&dest);
            if let Some(kept) = kept {
                let _ = std::fs::rename(&kept, &dest);
            }
        }
    }

    /// Removes what the replaced files held.
    fn finish(self) {
        for kept in self.done.into_iter().filter_map(|(_, kept)| kept) {
            let _ = remove(&kept);
        }
    }
}

/// `.<name>.<what>-<pid>` beside `path` (`/.generated.old-*` is git-ignored).
fn beside(path: &Path, what: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{what}-update-{}", std::process::id()))
}

fn remove(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

#[cfg(test)]
mod tests;
