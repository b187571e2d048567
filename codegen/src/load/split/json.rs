//! The cut of a JSON spec, found by a scanner that reads only the structure on the way to the two
//! maps and skips over every other value.
//!
//! The scanner checks the syntax of the objects it opens (the root, `components` and the two
//! maps) and decodes their keys. Every value it skips is kept as its raw text, which serde_json
//! parses in full later, in the skeleton or in a run, so malformed text anywhere still fails
//! there. A skipped value ends where its brackets balance (outside strings), so its raw text is
//! one value or fails to parse; it never takes in a neighbour's text.

use std::fmt::Write as _;

use super::{cuts, Pieces};

/// `text` cut into the skeleton and runs of the two maps, about two per thread; `None` when it
/// is not a JSON object or holds a repeated key in one of the objects opened on the way.
pub(super) fn json_pieces(text: &str, threads: usize) -> Option<Pieces> {
    let mut scanner = Scanner { bytes: text.as_bytes(), text, at: 0 };
    let root = scanner.object(Level::Root)?;
    scanner.whitespace();
    if scanner.at != text.len() {
        return None;
    }
    let mut pieces = Pieces { skeleton: String::new(), paths: Vec::new(), schemas: Vec::new() };
    let mut skeleton: Vec<(&str, String)> = Vec::new();
    for (key, node) in &root {
        let value = match node {
            Node::Raw(raw) => (*raw).to_owned(),
            Node::Object(entries) if key == "paths" => {
                pieces.paths = runs(entries, threads * 2)?;
                "{}".to_owned()
            }
            Node::Object(entries) => {
                let mut rest: Vec<(&str, &str)> = Vec::new();
                for (key, node) in entries {
                    match node {
                        Node::Raw(raw) => rest.push((key, raw)),
                        Node::Object(schemas) => {
                            pieces.schemas = runs(schemas, threads * 2)?;
                            rest.push((key, "{}"));
                        }
                    }
                }
                object(rest)
            }
        };
        skeleton.push((key, value));
    }
    pieces.skeleton = object(skeleton.iter().map(|(k, v)| (*k, v.as_str())));
    Some(pieces)
}

/// A value as the scanner read it: an object it opened, or the raw text of one it skipped.
enum Node<'a> {
    Raw(&'a str),
    Object(Vec<(String, Node<'a>)>),
}

/// Where a value is read: the root, `components`, one of the two maps, or anything else (skipped).
#[derive(Clone, Copy, PartialEq)]
enum Level {
    Root,
    Components,
    Map,
    Leaf,
}

impl Level {
    fn child(self, key: &str) -> Level {
        match (self, key) {
            (Level::Root, "paths") | (Level::Components, "schemas") => Level::Map,
            (Level::Root, "components") => Level::Components,
            _ => Level::Leaf,
        }
    }
}

/// A JSON object written from `entries` (values as the raw text they were).
fn object<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::from("{");
    for (i, (key, value)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}:{value}", serde_json::Value::from(key));
    }
    out.push('}');
    out
}

/// One of the two maps' entries (all skipped, so raw) cut into `runs` runs, each an object of
/// its own.
fn runs(entries: &[(String, Node<'_>)], runs: usize) -> Option<Vec<String>> {
    let raw: Vec<(&str, &str)> = entries
        .iter()
        .map(|(key, node)| match node {
            Node::Raw(raw) => Some((key.as_str(), *raw)),
            Node::Object(_) => None,
        })
        .collect::<Option<_>>()?;
    let sizes: Vec<usize> = raw.iter().map(|(_, value)| value.len()).collect();
    Some(cuts(&sizes, runs).into_iter().map(|range| object(raw[range].iter().copied())).collect())
}

/// A position in JSON text.
struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

/// The bytes a skip stops at: brackets and quotes outside strings, quotes and backslashes inside.
const fn stops(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}
const STRUCTURE: [bool; 256] = stops(b"{}[]\"");
const IN_STRING: [bool; 256] = stops(b"\"\\");

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips JSON's four whitespace characters.
    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Steps over `byte`, after whitespace.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.whitespace();
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    /// An object's entries: decoded keys, each with its value, opened if `level` says so and
    /// skipped otherwise. `None` on a repeated key (a plain parse keeps the last of them, or
    /// refuses them: that is left to it).
    fn object(&mut self, level: Level) -> Option<Vec<(String, Node<'a>)>> {
        self.expect(b'{')?;
        let mut entries: Vec<(String, Node<'a>)> = Vec::new();
        let mut keys = std::collections::HashSet::new();
        if self.expect(b'}').is_some() {
            return Some(entries);
        }
        loop {
            self.whitespace();
            let key: String = serde_json::from_str(self.string()?).ok()?;
            self.expect(b':')?;
            self.whitespace();
            let node = match level.child(&key) {
                Level::Leaf => Node::Raw(self.value()?),
                child => Node::Object(self.object(child)?),
            };
            if !keys.insert(key.clone()) {
                return None;
            }
            entries.push((key, node));
            self.whitespace();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(entries);
                }
                _ => return None,
            }
        }
    }

    /// The raw text of a string, quotes included (its escapes are checked by whoever parses it).
    fn string(&mut self) -> Option<&'a str> {
        let start = self.at;
        (self.peek()? == b'"').then_some(())?;
        self.at = string_end(self.bytes, self.at + 1)?;
        Some(&self.text[start..self.at])
    }

    /// The raw text of one value: up to where its brackets balance, its string's closing quote,
    /// or the end of a scalar.
    fn value(&mut self) -> Option<&'a str> {
        let (bytes, start) = (self.bytes, self.at);
        match self.peek()? {
            b'"' => return self.string(),
            b'{' | b'[' => {
                let (mut at, mut depth) = (start, 0usize);
                loop {
                    while !STRUCTURE[*bytes.get(at)? as usize] {
                        at += 1;
                    }
                    match bytes[at] {
                        b'"' => at = string_end(bytes, at + 1)?,
                        b'{' | b'[' => (depth, at) = (depth + 1, at + 1),
                        _ => {
                            (depth, at) = (depth - 1, at + 1);
                            if depth == 0 {
                                break;
                            }
                        }
                    }
                }
                self.at = at;
            }
            _ => {
                while !matches!(self.peek(), None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.at += 1;
                }
            }
        }
        // Every byte a value starts or stops at is ASCII, so never inside a UTF-8 sequence.
        (self.at > start).then(|| &self.text[start..self.at])
    }
}

/// Where the string whose opening quote is just before `at` ends: just past its closing quote.
fn string_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        while !IN_STRING[*bytes.get(at)? as usize] {
            at += 1;
        }
        if bytes[at] == b'"' {
            return Some(at + 1);
        }
        at += 2;
    }
}
