//! A local stand-in for Stripe's API: answers every request with the `billing_portal.session`
//! fixture. `cargo run -p stripe-e2e --bin fake-stripe [PORT]` (default 12111).

use std::net::TcpListener;

fn main() {
    let port = std::env::args().nth(1).unwrap_or_else(|| "12111".into());
    let listener = TcpListener::bind(format!("127.0.0.1:{port}")).unwrap_or_else(|e| {
        eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
        std::process::exit(1);
    });
    let session = stripe_e2e::session_fixture("2023-08-16").to_string();
    println!("fake Stripe on http://127.0.0.1:{port}; every request gets the billing_portal.session fixture");
    stripe_e2e::serve_forever(listener, stripe_e2e::Reply::json(200, session));
}
