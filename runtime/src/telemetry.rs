//! The two headers about the client itself that Stripe's official SDKs send:
//! `X-Stripe-Client-User-Agent` (which library, language and platform made the call; no key, no
//! host name, nothing from the request) and `X-Stripe-Client-Telemetry` (the id and duration of
//! the client's previous request).

use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Instant;

use crate::client::AppInfo;
use crate::transport::HttpResponse;

/// `X-Stripe-Client-Telemetry`, as Stripe's official SDKs send it, on by default (off with
/// [`ClientBuilder::telemetry`](crate::ClientBuilder::telemetry)): the `Request-Id` of the
/// client's previous request that Stripe answered, and how long the final attempt of it took, in
/// whole milliseconds, `{"last_request_metrics":{"request_id":"req_…","request_duration_ms":N}}`.
/// Each request's metrics go out once, on the client's next request, and every attempt of that
/// request carries them.
#[derive(Debug)]
pub(crate) struct RequestMetrics {
    enabled: bool,
    last: Mutex<Option<(String, u128)>>,
}

impl RequestMetrics {
    pub(crate) fn new(enabled: bool) -> Self {
        RequestMetrics { enabled, last: Mutex::new(None) }
    }

    /// The header's value for a request starting now: the metrics not sent yet, if any.
    pub(crate) fn take_header(&self) -> Option<String> {
        let (id, ms) = self.last.lock().unwrap_or_else(PoisonError::into_inner).take()?;
        // The id is visible ASCII (see `record`), so it needs no JSON escape.
        Some(format!(r#"{{"last_request_metrics":{{"request_id":"{id}","request_duration_ms":{ms}}}}}"#))
    }

    /// Keeps the metrics of a request's final answer, whose attempt was sent at `sent`. An answer
    /// without a `Request-Id` (or with one no header could carry back) leaves none.
    pub(crate) fn record(&self, answer: &HttpResponse, sent: Instant) {
        let Some(id) = answer.header("request-id").filter(|_| self.enabled) else { return };
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\') {
            return;
        }
        *self.last.lock().unwrap_or_else(PoisonError::into_inner) = Some((id.to_owned(), sent.elapsed().as_millis()));
    }
}

/// Who publishes these bindings (the official SDKs say `stripe`; these are not Stripe's).
pub(crate) const PUBLISHER: &str = "stripe-codegen";

/// The rustc that built this crate, as found by the build script.
const RUSTC_VERSION: &str = env!("STRIPE_RUNTIME_RUSTC_VERSION");

/// The header's JSON: `bindings_version`, `lang`, `lang_version`, `publisher`, `platform`,
/// `uname`, and `application` when the app set [`AppInfo`].
pub(crate) fn client_user_agent(app: Option<&AppInfo>) -> String {
    let mut fields = serde_json::Map::new();
    fields.insert("bindings_version".into(), crate::VERSION.into());
    fields.insert("lang".into(), "rust".into());
    fields.insert("lang_version".into(), RUSTC_VERSION.into());
    fields.insert("publisher".into(), PUBLISHER.into());
    fields.insert("platform".into(), format!("{}-{}", std::env::consts::ARCH, std::env::consts::OS).into());
    fields.insert("uname".into(), uname().into());
    if let Some(app) = app {
        let mut application = serde_json::Map::new();
        application.insert("name".into(), app.name.clone().into());
        if let Some(version) = &app.version {
            application.insert("version".into(), version.clone().into());
        }
        if let Some(url) = &app.url {
            application.insert("url".into(), url.clone().into());
        }
        if let Some(partner_id) = &app.partner_id {
            application.insert("partner_id".into(), partner_id.clone().into());
        }
        fields.insert("application".into(), application.into());
    }
    // serde_json escapes every control character, so the value is a valid header.
    serde_json::Value::Object(fields).to_string()
}

/// Like `uname -srm` (system, kernel release, machine), without the host name `uname -a` shows.
fn uname() -> &'static str {
    static UNAME: OnceLock<String> = OnceLock::new();
    UNAME.get_or_init(|| {
        let read = |path: &str| std::fs::read_to_string(path).ok().map(|s| s.trim().to_owned());
        match (read("/proc/sys/kernel/ostype"), read("/proc/sys/kernel/osrelease")) {
            (Some(system), Some(release)) if !system.is_empty() => {
                format!("{system} {release} {}", std::env::consts::ARCH)
            }
            _ => format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_the_official_sdks() {
        let app = AppInfo { name: "Shop \"A\"\n".into(), version: Some("1.2".into()), url: None, partner_id: None };
        let json: serde_json::Value = serde_json::from_str(&client_user_agent(Some(&app))).unwrap();
        assert_eq!(json["bindings_version"], crate::VERSION);
        assert_eq!(json["lang"], "rust");
        assert!(json["lang_version"].as_str().unwrap().starts_with("1."), "{json}");
        assert_eq!(json["publisher"], PUBLISHER);
        assert_eq!(json["application"]["name"], "Shop \"A\"\n");
        assert!(!client_user_agent(Some(&app)).contains('\n'));
        assert!(!json["uname"].as_str().unwrap().is_empty());
    }
}
