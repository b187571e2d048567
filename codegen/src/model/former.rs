//! Former paths: where an earlier crate had each type, so that a type whose home or name changed
//! stays reachable where user code names it.
//!
//! A type's path follows from the spec alone (`homes`, `naming`), so a spec update moves a type
//! when, say, a second resource starts using it (it moves to `shared`). Given the paths of the
//! crate it replaces ([`Model::paths`] of the old spec's model), the new model keeps each old path
//! that still names a type of its spec location: where the path differs, the old module
//! re-exports the type under its old name ([`Alias`]), as long as that module still exists and has
//! nothing else of that name. The project records the paths that moved in `spec/former-paths.txt`
//! ([`parse`], [`to_text`]); `cargo xtask update-spec` adds to it.

use crate::fast_hash::FastMap;

use super::{Alias, Model, ModuleId, TypeId};

/// A path a type had in an earlier crate, and the spec location it came from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FormerPath {
    /// `module::path::Name`.
    pub path: String,
    /// The JSON pointer of its schema.
    pub pointer: String,
}

impl Model {
    /// Every type's path, with its spec location: what a later crate keeps as [`FormerPath`]s.
    pub fn paths(&self) -> Vec<FormerPath> {
        self.types
            .iter()
            .map(|def| FormerPath {
                path: format!("{}::{}", self.modules[def.module.0].path.join("::"), def.name),
                pointer: def.pointer.clone(),
            })
            .collect()
    }

    /// The type `path` names here: a type of its module, or a re-export there.
    pub fn resolve(&self, path: &str) -> Option<TypeId> {
        let (module, name) = path.rsplit_once("::")?;
        let module = self.modules.iter().find(|m| m.path.join("::") == module)?;
        let own = module.types.iter().copied().find(|&t| self.ty(t).name == name);
        own.or_else(|| module.aliases.iter().find(|a| a.name == name).map(|a| a.ty))
    }
}

/// Adds to `model` a re-export at each former path whose spec location is one of its types
/// (`located` gives the type of a pointer, if the model has it) but whose path is another; returns
/// the former paths that name a type of the model, each once, sorted: those already its path,
/// those re-exported, and those whose module has another type of that name now. A former path whose
/// module is gone is left out, and so is one whose name another re-export took.
pub(super) fn keep(model: &mut Model, former: &[FormerPath], located: impl Fn(&str) -> Option<TypeId>) -> Vec<String> {
    let module_ids: FastMap<String, ModuleId> =
        model.modules.iter().enumerate().map(|(i, m)| (m.path.join("::"), ModuleId(i))).collect();
    let mut kept = Vec::new();
    for former in former {
        let Some(ty) = located(&former.pointer) else { continue };
        let Some((module, name)) = former.path.rsplit_once("::") else { continue };
        let def = model.ty(ty);
        if model.modules[def.module.0].path.join("::") == module && def.name == name {
            kept.push(former.path.clone());
            continue;
        }
        let Some(&at) = module_ids.get(module) else { continue };
        let taken = model.modules[at.0].types.iter().any(|&t| model.ty(t).name == name);
        let aliases = &mut model.modules[at.0].aliases;
        // Where the old module has another item of that name, the path still names a type (one
        // that took the name over): kept, with no re-export.
        match aliases.iter().find(|a| a.name == name) {
            Some(alias) if alias.ty != ty => continue,
            Some(_) => {}
            None if taken => {}
            None => aliases.push(Alias { name: name.to_owned(), ty }),
        }
        kept.push(former.path.clone());
    }
    for module in &mut model.modules {
        module.aliases.sort_by(|a, b| a.name.cmp(&b.name));
    }
    kept.sort();
    kept.dedup();
    kept
}

/// The former paths of `spec/former-paths.txt`: a path and a pointer per line, separated by a tab;
/// blank lines and lines starting with `#` are skipped. An error names the first malformed line.
pub fn parse(text: &str) -> Result<Vec<FormerPath>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(i, line)| match line.split_once('\t') {
            Some((path, pointer)) if path.contains("::") && pointer.starts_with("#/") => {
                Ok(FormerPath { path: path.to_owned(), pointer: pointer.to_owned() })
            }
            _ => Err(format!("line {}: expected `module::Name<TAB>#/json/pointer`, got {line:?}", i + 1)),
        })
        .collect()
}

/// `former` as the text [`parse`] reads, sorted, with a header saying what the file is.
pub fn to_text(former: &[FormerPath]) -> String {
    let mut former = former.to_vec();
    former.sort();
    former.dedup();
    let mut text = String::from(
        "# Type paths that earlier pinned specs' crates had and the current one moved (written by\n\
         # `cargo xtask update-spec`): each is re-exported where it was. A path, a tab, the JSON\n\
         # pointer of the type's schema.\n",
    );
    for f in &former {
        text.push_str(&format!("{}\t{}\n", f.path, f.pointer));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_reads_back_what_was_written() {
        let former = vec![
            FormerPath { path: "shared::B".into(), pointer: "#/components/schemas/b".into() },
            FormerPath { path: "a::A".into(), pointer: "#/paths/~1v1~1a/post".into() },
        ];
        let text = to_text(&former);
        let mut sorted = former.clone();
        sorted.sort();
        assert_eq!(parse(&text).unwrap(), sorted);
        let error = parse("a::A #/components/schemas/a\n").unwrap_err();
        assert!(error.starts_with("line 1: expected"), "{error}");
    }
}
