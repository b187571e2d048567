//! `cargo xtask fetch-spec`: put the pinned spec into `spec/`, verified by sha256.

use std::path::Path;

use crate::pin::Pin;

/// Where the bytes come from.
pub enum Source<'a> {
    /// Download from this URL.
    Url(&'a str),
    /// Copy this local file.
    File(&'a Path),
}

/// Gets the spec from `source`, checks its sha256 against `pin`, and only then writes `dest`.
pub fn fetch(pin: &Pin, source: Source<'_>, dest: &Path) -> Result<(), String> {
    let bytes = match source {
        Source::File(path) => std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?,
        Source::Url(url) => download(url)?,
    };
    let actual = codegen::load::sha256_hex(&bytes);
    if actual != pin.sha256 {
        return Err(format!(
            "sha256 mismatch: got {actual}, the pin (spec/pin.toml) expects {}; nothing was written",
            pin.sha256
        ));
    }
    let partial = dest.with_extension("partial");
    std::fs::write(&partial, &bytes).map_err(|e| format!("{}: cannot write: {e}", partial.display()))?;
    std::fs::rename(&partial, dest).map_err(|e| format!("{}: cannot write: {e}", dest.display()))?;
    Ok(())
}

fn download(url: &str) -> Result<Vec<u8>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    /// Serves `body` once on 127.0.0.1 and returns the URL.
    fn serve_once(body: &'static [u8]) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/openapi/spec3.yaml", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request).unwrap();
            let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            stream.write_all(head.as_bytes()).unwrap();
            stream.write_all(body).unwrap();
        });
        url
    }

    fn pin_for(bytes: &[u8]) -> Pin {
        Pin {
            api_version: "2023-08-16".into(),
            repository: "stripe/openapi".into(),
            commit: "c".into(),
            path: "openapi/spec3.yaml".into(),
            sha256: codegen::load::sha256_hex(bytes),
            url: String::new(),
        }
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-fetch-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn downloads_a_good_file() {
        let dir = scratch("good");
        let dest = dir.join("spec3.yaml");
        let url = serve_once(b"openapi: 3.0.0\n");
        fetch(&pin_for(b"openapi: 3.0.0\n"), Source::Url(&url), &dest).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"openapi: 3.0.0\n");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_wrong_hash_writes_nothing() {
        let dir = scratch("bad");
        let dest = dir.join("spec3.yaml");
        let url = serve_once(b"tampered\n");
        let err = fetch(&pin_for(b"openapi: 3.0.0\n"), Source::Url(&url), &dest).unwrap_err();
        assert!(err.starts_with("sha256 mismatch"), "{err}");
        assert!(err.contains("nothing was written"));
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn copies_a_local_file_after_the_same_check() {
        let dir = scratch("local");
        let source = dir.join("source.yaml");
        std::fs::write(&source, b"openapi: 3.0.0\n").unwrap();
        let dest = dir.join("spec3.yaml");
        fetch(&pin_for(b"openapi: 3.0.0\n"), Source::File(&source), &dest).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"openapi: 3.0.0\n");
        let err = fetch(&pin_for(b"other"), Source::File(&source), &dir.join("x.yaml")).unwrap_err();
        assert!(err.starts_with("sha256 mismatch"));
        assert!(!dir.join("x.yaml").exists());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
