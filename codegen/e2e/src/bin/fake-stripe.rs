//! A local stand-in for Stripe's API. `cargo run -p stripe-e2e --bin fake-stripe [PORT]` (default
//! 12111; 0 picks a free port). Its first line says where it listens.
//!
//! - `GET /v1/billing_portal/configurations`: five configurations (`bpc_1` … `bpc_5`, Stripe's
//!   fixture with those ids), a page of `limit` (default 10) after `starting_after`; a `limit`
//!   outside 1–100 gets the 400 Stripe answers.
//! - Anything else: the `billing_portal.session` fixture.

use std::net::TcpListener;

use serde_json::json;
use stripe_e2e::{fixture, session_fixture, Reply};

const CONFIGURATIONS: usize = 5;

fn main() {
    let port = std::env::args().nth(1).unwrap_or_else(|| "12111".into());
    let listener = TcpListener::bind(format!("127.0.0.1:{port}")).unwrap_or_else(|e| {
        eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
        std::process::exit(1);
    });
    let session = Reply::json(200, session_fixture("2023-08-16").to_string());
    let configuration = fixture("2023-08-16", "billing_portal.configuration");
    let address = listener.local_addr().expect("a bound listener has an address");
    println!(
        "fake Stripe on http://{address}; GET /v1/billing_portal/configurations lists {CONFIGURATIONS} \
         configurations, every other request gets the billing_portal.session fixture"
    );
    stripe_e2e::serve_forever(listener, |request| {
        let (path, query) = request.path.split_once('?').unwrap_or((&request.path, ""));
        if request.method == "GET" && path == "/v1/billing_portal/configurations" {
            configurations_page(&configuration, query)
        } else {
            session.clone()
        }
    });
}

/// The page of configurations a list request asks for.
fn configurations_page(configuration: &serde_json::Value, query: &str) -> Reply {
    let param = |key: &str| query.split('&').find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='));
    let limit = match param("limit").map(str::parse::<usize>) {
        None => 10,
        Some(Ok(limit)) if (1..=100).contains(&limit) => limit,
        Some(_) => return invalid("limit", "Invalid integer: limit must be between 1 and 100"),
    };
    let after = match param("starting_after") {
        None => 0,
        Some(id) => match id.strip_prefix("bpc_").and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n <= CONFIGURATIONS => n,
            _ => return invalid("starting_after", &format!("No such billing portal configuration: '{id}'")),
        },
    };
    let ids: Vec<usize> = (after + 1..=CONFIGURATIONS).take(limit).collect();
    let data: Vec<serde_json::Value> = ids
        .iter()
        .map(|n| {
            let mut item = configuration.clone();
            item["id"] = json!(format!("bpc_{n}"));
            item
        })
        .collect();
    let has_more = ids.last().is_some_and(|&n| n < CONFIGURATIONS);
    let page =
        json!({"object": "list", "data": data, "has_more": has_more, "url": "/v1/billing_portal/configurations"});
    Reply::json(200, page.to_string())
}

fn invalid(param: &str, message: &str) -> Reply {
    let error = json!({"error": {"type": "invalid_request_error", "param": param, "message": message}});
    Reply::json(400, error.to_string())
}
