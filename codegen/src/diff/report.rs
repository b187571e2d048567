//! A diff as Markdown (a pull-request description) or JSON (for tools).

use std::fmt::Write;

use serde_json::{json, Value};

use super::{Change, Diff};

/// Above this many additive changes, the Markdown folds them under `<details>`.
const FOLD_ADDITIVE_OVER: usize = 40;

impl Diff {
    /// The report as Markdown: the versions, counts per kind (breaking and additive), then the
    /// breaking changes per module, then the additive ones. `selection` says what was compared
    /// (`billing_portal.session`, `all resources`).
    pub fn markdown(&self, selection: &str) -> String {
        let mut out = String::new();
        let breaking = self.changes.iter().filter(|c| c.breaking).count();
        let additive = self.changes.len() - breaking;
        let mut modules: Vec<&str> = self.changes.iter().map(|c| c.module.as_str()).collect();
        modules.dedup();
        let _ = writeln!(out, "## Stripe API {} → {}\n", self.old_version, self.new_version);
        if self.changes.is_empty() {
            let _ = writeln!(out, "Selection: {selection}. No change to the generated API.");
            return out;
        }
        let _ = writeln!(
            out,
            "Selection: {selection}. **{breaking} breaking** and **{additive} additive** {} in {} {}.\n",
            plural(breaking + additive, "change", "changes"),
            modules.len(),
            plural(modules.len(), "module", "modules"),
        );
        out.push_str("| change | breaking | additive |\n|---|---:|---:|\n");
        for (kind, count) in self.counts() {
            let _ = writeln!(out, "| {} | {} | {} |", kind.title(), count.breaking, count.additive);
        }
        if breaking > 0 {
            out.push_str("\n### Breaking changes\n");
            section(&mut out, self.changes.iter().filter(|c| c.breaking));
        }
        if additive > 0 {
            out.push_str("\n### Additive changes\n");
            let fold = additive > FOLD_ADDITIVE_OVER;
            if fold {
                let _ = writeln!(out, "\n<details><summary>{additive} additive changes</summary>");
            }
            section(&mut out, self.changes.iter().filter(|c| !c.breaking));
            if fold {
                out.push_str("\n</details>\n");
            }
        }
        out
    }

    /// The report as JSON: versions, selection, totals, counts per kind, and every change with its
    /// module, resource, kind (`field_added`), item, detail, `breaking` and effect.
    pub fn json(&self, selection: &str) -> Value {
        let breaking = self.changes.iter().filter(|c| c.breaking).count();
        let counts: Vec<Value> = self
            .counts()
            .into_iter()
            .map(|(kind, count)| json!({"kind": kind.as_str(), "breaking": count.breaking, "additive": count.additive}))
            .collect();
        let changes: Vec<Value> = self
            .changes
            .iter()
            .map(|c| {
                json!({
                    "module": c.module,
                    "resource": c.resource,
                    "kind": c.kind.as_str(),
                    "item": c.item,
                    "detail": c.detail,
                    "breaking": c.breaking,
                    "effect": c.effect,
                })
            })
            .collect();
        json!({
            "old_version": self.old_version,
            "new_version": self.new_version,
            "selection": selection,
            "breaking": breaking,
            "additive": self.changes.len() - breaking,
            "counts": counts,
            "changes": changes,
        })
    }
}

/// One `####` heading per module, then one bullet per change.
fn section<'a>(out: &mut String, changes: impl Iterator<Item = &'a Change>) {
    let mut module = None;
    for change in changes {
        if module != Some(change.module.as_str()) {
            module = Some(change.module.as_str());
            match &change.resource {
                Some(resource) => {
                    let _ = writeln!(out, "\n#### `{}` ({resource})\n", change.module);
                }
                None => {
                    let _ = writeln!(out, "\n#### `{}`\n", change.module);
                }
            }
        }
        let _ = writeln!(out, "- {} `{}`: {}; {}", change.kind.title(), change.item, change.detail, change.effect);
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
