//! Stripe's files that the project reads but never commits: the pinned spec (`spec/pin.toml`) and
//! the other specs and fixtures the tests read (`spec/files.toml`). This crate is the one place
//! that finds, verifies, downloads and caches them, for `cargo xtask` and for the tests.
//!
//! A file is known by its name in a stripe-openapi folder, `<version>/<file>` (e.g.
//! `2024-04-10/fixtures3.json`), and is used only when its bytes have the pinned sha256. It is
//! looked for, in order, at:
//!
//! 1. the destination itself (`spec/cache/<name>`, or for `cargo xtask generate` the pinned spec
//!    in `spec/`): a file there that does not match is an error, never replaced silently;
//! 2. `$STRIPE_OPENAPI_DIR/<name>`, then `../shared/stripe-openapi/<name>` beside the project
//!    root, then the cache and (for the pinned spec) `spec/`: a file that does not match is skipped;
//! 3. its download URL: the bytes are checked, then written to the destination (`spec/cache/` is
//!    git-ignored). A file without a URL must come from a local copy.
//!
//! When none works the error names the file, everything tried and how to get it.

#![warn(missing_docs)]

mod files;
mod pin;

use std::collections::HashMap;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

pub use files::parse_files;
pub use pin::Pin;

/// Lowercase hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// One pinned file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// `<version>/<file>`: its path in a stripe-openapi folder and in the cache.
    pub name: String,
    /// The sha256 its bytes must have.
    pub sha256: String,
    /// Where to download it; `None` when no URL serves these exact bytes.
    pub url: Option<String>,
    /// For a file without a URL: how to get a local copy.
    pub how: Option<String>,
    /// The pin file that names it (`spec/pin.toml` or `spec/files.toml`), for messages.
    pub pinned_in: String,
    /// Further local places that may hold it (the pinned spec in `spec/`).
    pub also_at: Vec<PathBuf>,
}

impl Entry {
    /// Checks `bytes` against the pinned sha256.
    pub fn verify(&self, bytes: &[u8]) -> Result<(), String> {
        let actual = sha256_hex(bytes);
        if actual == self.sha256 {
            Ok(())
        } else {
            Err(format!("sha256 mismatch: got {actual}, the pin ({}) expects {}", self.pinned_in, self.sha256))
        }
    }
}

/// Where the bytes of an explicit fetch come from (`cargo xtask fetch-spec`).
pub enum Source<'a> {
    /// Download from this URL.
    Url(&'a str),
    /// Copy this local file.
    File(&'a Path),
}

/// Gets `entry` from `source`, checks its sha256, and only then writes `dest` (replacing it).
pub fn fetch(entry: &Entry, source: Source<'_>, dest: &Path) -> Result<(), String> {
    let bytes = match source {
        Source::File(path) => std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?,
        Source::Url(url) => download(url)?,
    };
    entry.verify(&bytes).map_err(|e| format!("{e}; nothing was written"))?;
    write_atomic(dest, &bytes)
}

/// Whether `obtain` may return a local copy where it is, or must copy it to the destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Use a verified local copy where it lies (tests).
    InPlace,
    /// Copy it to the destination (`cargo xtask generate` wants the pinned spec in `spec/`).
    Copy,
}

/// Where an obtained file came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The destination already held the verified file.
    AlreadyThere,
    /// A verified local copy, used where it lies.
    Local(PathBuf),
    /// Copied from this verified local file.
    Copied(PathBuf),
    /// Downloaded from this URL, verified, written to the destination.
    Downloaded(String),
}

/// A verified file and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Obtained {
    /// The verified file to read.
    pub path: PathBuf,
    /// Where it came from.
    pub origin: Origin,
}

impl Obtained {
    /// One line for the user: which file, from where, checked against which pin.
    pub fn describe(&self, entry: &Entry) -> String {
        let from = match &self.origin {
            Origin::AlreadyThere => "already there".to_owned(),
            Origin::Local(path) => format!("found at {}", path.display()),
            Origin::Copied(path) => format!("copied from {}", path.display()),
            Origin::Downloaded(url) => format!("downloaded from {url}"),
        };
        format!("{}: {from} (sha256 {} as pinned in {})", self.path.display(), entry.sha256, entry.pinned_in)
    }
}

/// A project root and where to look for Stripe's files.
#[derive(Clone, Debug)]
pub struct Project {
    root: PathBuf,
    env_dir: Option<PathBuf>,
}

impl Project {
    /// The workspace this crate belongs to, with `$STRIPE_OPENAPI_DIR` if set.
    pub fn here() -> Project {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        Project::at(root.canonicalize().unwrap_or(root))
    }

    /// The project at `root`, with `$STRIPE_OPENAPI_DIR` if set.
    pub fn at(root: impl Into<PathBuf>) -> Project {
        let env_dir = std::env::var_os("STRIPE_OPENAPI_DIR").filter(|d| !d.is_empty()).map(PathBuf::from);
        Project::with_dirs(root, env_dir)
    }

    /// The project at `root`, taking `env_dir` for `$STRIPE_OPENAPI_DIR` (tests of this crate).
    pub fn with_dirs(root: impl Into<PathBuf>, env_dir: Option<PathBuf>) -> Project {
        Project { root: root.into(), env_dir }
    }

    /// The project root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `spec/` of the project.
    pub fn spec_dir(&self) -> PathBuf {
        self.root.join("spec")
    }

    /// `spec/cache/`: downloaded files, git-ignored.
    pub fn cache_dir(&self) -> PathBuf {
        self.spec_dir().join("cache")
    }

    /// `../shared/stripe-openapi` beside the project root.
    pub fn shared_dir(&self) -> PathBuf {
        self.root.join("../shared/stripe-openapi")
    }

    /// `spec/pin.toml`.
    pub fn pin(&self) -> Result<Pin, String> {
        Pin::read(&self.spec_dir().join("pin.toml"))
    }

    /// The pinned spec as an entry: named `<api_version>/<file>`, also looked for in `spec/`.
    pub fn pin_entry(&self, pin: &Pin) -> Entry {
        Entry {
            name: pin.name(),
            sha256: pin.sha256.clone(),
            url: Some(pin.url.clone()).filter(|u| !u.is_empty()),
            how: None,
            pinned_in: "spec/pin.toml".into(),
            also_at: vec![pin.local_file(&self.spec_dir())],
        }
    }

    /// Every pinned file: the spec of `spec/pin.toml`, then those of `spec/files.toml`.
    pub fn catalog(&self) -> Result<Vec<Entry>, String> {
        let pin_entry = self.pin_entry(&self.pin()?);
        let path = self.spec_dir().join("files.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let files = parse_files(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut catalog = vec![pin_entry];
        for entry in files {
            match catalog.iter().find(|e| e.name == entry.name) {
                Some(known) if known.sha256 == entry.sha256 => {}
                Some(_) => {
                    return Err(format!(
                        "{} is pinned with two different sha256s, in spec/pin.toml and spec/files.toml",
                        entry.name
                    ))
                }
                None => catalog.push(entry),
            }
        }
        Ok(catalog)
    }

    /// The catalog entry named `name`.
    pub fn entry(&self, name: &str) -> Result<Entry, String> {
        let catalog = self.catalog()?;
        let names: Vec<&str> = catalog.iter().map(|e| e.name.as_str()).collect();
        catalog.iter().find(|e| e.name == name).cloned().ok_or_else(|| {
            format!(
                "{name} is not a pinned Stripe file (pinned: {}); add it to spec/files.toml with its sha256",
                names.join(", ")
            )
        })
    }

    /// The verified path of the pinned file `name` (e.g. `2024-04-10/spec3.json`): a local copy,
    /// the cache, or downloaded into the cache. Checked once per process.
    pub fn file(&self, name: &str) -> Result<PathBuf, String> {
        static FOUND: Mutex<Vec<(PathBuf, String, PathBuf)>> = Mutex::new(Vec::new());
        let mut found = FOUND.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, path)) = found.iter().find(|(root, n, _)| *root == self.root && n == name) {
            return Ok(path.clone());
        }
        let entry = self.entry(name)?;
        let obtained = self.obtain(&entry, &self.cache_dir().join(&entry.name), Place::InPlace)?;
        found.push((self.root.clone(), name.to_owned(), obtained.path.clone()));
        Ok(obtained.path)
    }

    /// A folder that holds every pinned file at `<name>`: a local stripe-openapi folder that has
    /// them all, else the cache after copying or downloading what it lacks. Prefer [`Project::file`],
    /// which needs only the one file.
    pub fn dir_with_all(&self) -> Result<PathBuf, String> {
        static FOUND: Mutex<Option<HashMap<PathBuf, PathBuf>>> = Mutex::new(None);
        let mut found = FOUND.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(dir) = found.get_or_insert_with(HashMap::new).get(&self.root) {
            return Ok(dir.clone());
        }
        let catalog = self.catalog()?;
        let holds_all = |dir: &Path| {
            catalog.iter().all(|e| std::fs::read(dir.join(&e.name)).is_ok_and(|bytes| e.verify(&bytes).is_ok()))
        };
        let dir = match self.local_dirs().into_iter().find(|dir| holds_all(dir)) {
            Some(dir) => dir,
            None => {
                for entry in &catalog {
                    self.obtain(entry, &self.cache_dir().join(&entry.name), Place::Copy)?;
                }
                self.cache_dir()
            }
        };
        found.get_or_insert_with(HashMap::new).insert(self.root.clone(), dir.clone());
        Ok(dir)
    }

    /// `$STRIPE_OPENAPI_DIR` (if set), then `../shared/stripe-openapi`.
    fn local_dirs(&self) -> Vec<PathBuf> {
        self.env_dir.iter().cloned().chain([self.shared_dir()]).collect()
    }

    /// Finds `entry` and returns its verified path; writes only `dest`, and only verified bytes.
    ///
    /// `dest` is looked at first: if it exists and does not match, that is an error and it is left
    /// as it is. Then the local copies, then the download (into `dest`).
    pub fn obtain(&self, entry: &Entry, dest: &Path, place: Place) -> Result<Obtained, String> {
        let mut tried = Vec::new();
        match std::fs::read(dest) {
            Ok(bytes) => {
                return match entry.verify(&bytes) {
                    Ok(()) => Ok(Obtained { path: dest.to_path_buf(), origin: Origin::AlreadyThere }),
                    Err(e) => Err(format!(
                        "{}: {e}. It was left as it is: delete it to get the pinned file again{}",
                        dest.display(),
                        if entry.pinned_in == "spec/pin.toml" {
                            ", or replace it with `cargo xtask fetch-spec`"
                        } else {
                            ""
                        }
                    )),
                };
            }
            Err(e) if e.kind() == ErrorKind::NotFound => tried.push(format!("{}: not found", dest.display())),
            Err(e) => return Err(format!("{}: cannot read: {e}", dest.display())),
        }

        if self.env_dir.is_none() {
            tried.push("$STRIPE_OPENAPI_DIR is not set".to_owned());
        }
        let mut candidates: Vec<PathBuf> = self.local_dirs().iter().map(|dir| dir.join(&entry.name)).collect();
        candidates.push(self.cache_dir().join(&entry.name));
        candidates.extend(entry.also_at.iter().cloned());
        candidates.dedup();
        for candidate in candidates.iter().filter(|c| c.as_path() != dest) {
            let bytes = match std::fs::read(candidate) {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    tried.push(format!("{}: not found", candidate.display()));
                    continue;
                }
                Err(e) => {
                    tried.push(format!("{}: cannot read: {e}", candidate.display()));
                    continue;
                }
            };
            if let Err(e) = entry.verify(&bytes) {
                tried.push(format!("{}: {e}, skipped", candidate.display()));
                continue;
            }
            return match place {
                Place::InPlace => Ok(Obtained { path: candidate.clone(), origin: Origin::Local(candidate.clone()) }),
                Place::Copy => {
                    write_atomic(dest, &bytes)?;
                    Ok(Obtained { path: dest.to_path_buf(), origin: Origin::Copied(candidate.clone()) })
                }
            };
        }

        match &entry.url {
            Some(url) => match download(url) {
                Ok(bytes) => match entry.verify(&bytes) {
                    Ok(()) => {
                        write_atomic(dest, &bytes)?;
                        return Ok(Obtained { path: dest.to_path_buf(), origin: Origin::Downloaded(url.clone()) });
                    }
                    Err(e) => tried.push(format!("downloaded {url}: {e}; nothing was written")),
                },
                Err(e) => tried.push(e),
            },
            None => tried.push(format!("it has no download URL ({})", entry.pinned_in)),
        }

        let download_way = match (&entry.url, &entry.how) {
            (Some(url), _) => format!(
                "let it be downloaded: with network access to {url} it is fetched, checked and kept at {}",
                dest.display()
            ),
            (None, Some(how)) => format!("as it has no download URL, {how}"),
            (None, None) => format!("put a copy with that sha256 at {}", dest.display()),
        };
        Err(format!(
            "Stripe file {} (sha256 {}, pinned in {}) is not available. Tried:\n{}\nTo get it, either \
             put the project's shared/ folder beside the project root (it holds stripe-openapi/{}) or set \
             STRIPE_OPENAPI_DIR to a folder that holds {}; or {download_way}.",
            entry.name,
            entry.sha256,
            entry.pinned_in,
            tried.iter().map(|t| format!("  - {t}")).collect::<Vec<_>>().join("\n"),
            entry.name,
            entry.name,
        ))
    }
}

/// Downloads `url` (HTTP 200 only).
pub fn download(url: &str) -> Result<Vec<u8>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(15)))
        .timeout_global(Some(Duration::from_secs(600)))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| format!("cannot download {url}: {e}"))?;
    if response.status() != 200 {
        return Err(format!("cannot download {url}: HTTP {}", response.status()));
    }
    response
        .body_mut()
        .with_config()
        .limit(256 * 1024 * 1024)
        .read_to_vec()
        .map_err(|e| format!("cannot download {url}: {e}"))
}

/// Writes `bytes` to a temporary file beside `dest`, then renames it: readers never see half a file.
fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<(), String> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: cannot create: {e}", parent.display()))?;
    }
    let file_name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = dest.with_file_name(format!(
        ".{file_name}.partial-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&partial, bytes).map_err(|e| format!("{}: cannot write: {e}", partial.display()))?;
    std::fs::rename(&partial, dest).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        format!("{}: cannot write: {e}", dest.display())
    })
}
