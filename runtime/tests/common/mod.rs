//! A recording HTTP server on 127.0.0.1 and client settings shared by the blocking and pager
//! tests.

// Each test crate uses part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use stripe_runtime::{ClientBuilder, Object, RetryPolicy};

pub const KEY: &str = "sk_test_pager_secret";
pub const VERSION: &str = "2023-08-16";

/// One request as the server read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    pub method: String,
    pub target: String,
    /// Names lowercased, in the order sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(path, _)| path)
    }
    pub fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, query)| query)
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Reads one request; `None` if the client closed first.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Seen> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line == "\r\n" {
            break;
        }
        let (name, value) = line.trim_end().split_once(':')?;
        headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers.iter().find(|(k, _)| k == "content-length").map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen { method, target, headers, body })
}

/// What the server answers: status, extra headers, body.
pub type Answer = (u16, Vec<(&'static str, String)>, String);

pub struct Server {
    pub base_url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Answers request number `n` (from 0, over all connections) with `answer`.
    pub fn start(answer: impl Fn(&Seen, usize) -> Answer + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        let count = Arc::new(AtomicUsize::new(0));
        let answer = Arc::new(answer);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (record, count, answer) = (record.clone(), count.clone(), answer.clone());
                thread::spawn(move || {
                    let mut writer = stream.try_clone().unwrap();
                    let mut reader = BufReader::new(stream);
                    while let Some(request) = read_request(&mut reader) {
                        let n = count.fetch_add(1, Ordering::SeqCst);
                        let (status, headers, body) = answer(&request, n);
                        record.lock().unwrap().push(request);
                        let mut reply = format!("HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n");
                        for (name, value) in headers {
                            reply.push_str(&format!("{name}: {value}\r\n"));
                        }
                        reply.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
                        if writer.write_all(reply.as_bytes()).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        Server { base_url, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub fn queries(&self) -> Vec<String> {
        self.seen().iter().map(|s| s.query().to_owned()).collect()
    }
}

pub fn ok(body: String) -> Answer {
    (200, Vec::new(), body)
}

/// Retries at once, so that tests never sleep.
pub fn no_wait(retries: u32) -> RetryPolicy {
    RetryPolicy { max_retries: retries, initial_delay: Duration::ZERO, max_delay: Duration::ZERO }
}

/// A builder for `base_url` with no retries; `build()` or `build_blocking()` finishes it (the
/// async and blocking clients' `builder` make the same one).
pub fn builder_for(base_url: &str) -> ClientBuilder {
    stripe_runtime::BlockingClient::builder(KEY).base_url(base_url).retry_policy(no_wait(0))
}

pub fn builder(server: &Server) -> ClientBuilder {
    builder_for(&server.base_url)
}

/// A list item with an id, as the pagers walk them.
#[derive(Debug, serde::Deserialize)]
pub struct Item {
    pub id: String,
}

impl Object for Item {
    fn id(&self) -> &str {
        &self.id
    }
}
