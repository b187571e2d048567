//! `spec/pin.toml`: which spec file `generated/` is built from, and its sha256.

use std::path::{Path, PathBuf};

/// The pinned spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pin {
    /// Stripe API version.
    pub api_version: String,
    /// Source repository (`owner/name`).
    pub repository: String,
    /// Commit in that repository.
    pub commit: String,
    /// Path of the file in that repository.
    pub path: String,
    /// Expected sha256 of the file.
    pub sha256: String,
    /// Where `fetch-spec` downloads it from.
    pub url: String,
}

impl Pin {
    /// Reads a pin file of `key = "value"` lines.
    pub fn read(file: &Path) -> Result<Pin, String> {
        let text =
            std::fs::read_to_string(file).map_err(|e| format!("{}: cannot read the pin: {e}", file.display()))?;
        Pin::parse(&text).map_err(|e| format!("{}: {e}", file.display()))
    }

    /// Parses `key = "value"` lines; `#` starts a comment line.
    pub fn parse(text: &str) -> Result<Pin, String> {
        let get = |key: &str| -> Result<String, String> {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('='))
                .find(|(k, _)| k.trim() == key)
                .map(|(_, v)| v.trim().trim_matches('"').to_owned())
                .ok_or_else(|| format!("the pin has no `{key}`"))
        };
        let pin = Pin {
            api_version: get("api_version")?,
            repository: get("repository")?,
            commit: get("commit")?,
            path: get("path")?,
            sha256: get("sha256")?,
            url: get("url")?,
        };
        if pin.sha256.len() != 64 || !pin.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("sha256 `{}` is not 64 hex digits", pin.sha256));
        }
        Ok(pin)
    }

    /// Where the fetched spec lives: `spec/<file name of path>`.
    pub fn local_file(&self, spec_dir: &Path) -> PathBuf {
        spec_dir.join(self.file_name())
    }

    /// The spec's name in a stripe-openapi folder and in the cache: `<api_version>/<file name>`,
    /// e.g. `2023-08-16/spec3.yaml`.
    pub fn name(&self) -> String {
        format!("{}/{}", self.api_version, self.file_name())
    }

    fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or("spec3.yaml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_projects_pin() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
        let pin = Pin::read(&dir.join("pin.toml")).unwrap();
        // Whatever the pin is (update-spec moves it): a dated API version, a URL at its commit.
        let date: Vec<usize> = pin.api_version.split('-').map(str::len).collect();
        assert_eq!(date, [4, 2, 2], "{}", pin.api_version);
        assert!(pin.url.contains(&pin.commit) && pin.url.ends_with(&pin.path));
        let file = pin.path.rsplit('/').next().unwrap();
        assert!(file.starts_with("spec3."), "{}", pin.path);
        assert_eq!(pin.local_file(&dir), dir.join(file));
        assert_eq!(pin.name(), format!("{}/{file}", pin.api_version));
    }

    #[test]
    fn rejects_a_bad_hash_or_missing_key() {
        let text =
            "api_version = \"1\"\nrepository = \"r\"\ncommit = \"c\"\npath = \"p\"\nurl = \"u\"\nsha256 = \"xyz\"\n";
        assert!(Pin::parse(text).unwrap_err().contains("not 64 hex digits"));
        assert!(Pin::parse("api_version = \"1\"").unwrap_err().contains("no `repository`"));
    }
}
