//! A small JSON reader over a byte slice, for decoding Stripe's answers.
//!
//! serde's derived `Deserialize` impls are generic over the deserializer, so every answer type's
//! decoder is instantiated and compiled again in the crate that uses it, through serde's visitor
//! machinery. Here the work is done by [`Reader`], a plain struct whose methods are compiled once,
//! in this runtime; generated code implements [`FromJson`] for each answer type as plain functions
//! calling it. It reads RFC 8259 JSON strictly, never panics on any input, limits nesting like
//! serde_json (so hostile input cannot overflow the stack), and its errors are
//! `serde_json::Error`s ending in ` at line L column C`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Display;

use serde::de::Error as _;
use serde_json::{Map, Number, Value};

/// The result of reading: errors are `serde_json::Error`s whose message ends in
/// ` at line L column C` (1-based line; column in bytes, 1-based, like serde_json).
pub type JsonResult<T> = Result<T, serde_json::Error>;

/// How many arrays and objects may be open at once: like serde_json, the 128th is an error.
const MAX_DEPTH: usize = 127;

/// What the next value is, by its first byte (whitespace skipped).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peek {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

/// A number as read: an integer that fits u64 (with its sign), or any other number as an f64.
enum Num {
    Pos(u64),
    Neg(u64),
    Float(f64),
}

/// A reader of one JSON document: each method reads the next value (skipping whitespace).
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// How many arrays and objects are open; restored by the public methods when they fail.
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `json`.
    pub fn new(json: &'a [u8]) -> Self {
        Reader { bytes: json, pos: 0, depth: 0 }
    }

    /// What the next value is; an error at the end of input or on a byte that starts no value.
    pub fn peek(&mut self) -> JsonResult<Peek> {
        Ok(match self.next_byte() {
            Some(b'n') => Peek::Null,
            Some(b't' | b'f') => Peek::Bool,
            Some(b'-' | b'0'..=b'9') => Peek::Number,
            Some(b'"') => Peek::String,
            Some(b'[') => Peek::Array,
            Some(b'{') => Peek::Object,
            Some(_) => return Err(self.error("expected value")),
            None => return Err(self.error("EOF while parsing a value")),
        })
    }

    /// Consumes a `null` and returns true; returns false (consuming nothing but whitespace) if
    /// the next value is not null.
    pub fn null(&mut self) -> JsonResult<bool> {
        if self.next_byte() != Some(b'n') {
            return Ok(false);
        }
        self.literal(b"null")?;
        Ok(true)
    }

    /// A `true` or `false`.
    pub fn bool(&mut self) -> JsonResult<bool> {
        match self.next_byte() {
            Some(b't') => self.literal(b"true").map(|()| true),
            Some(b'f') => self.literal(b"false").map(|()| false),
            _ => Err(self.unexpected("a boolean")),
        }
    }

    /// An integer that fits i64; a number with a fraction or exponent, or out of range, is an
    /// error.
    pub fn i64(&mut self) -> JsonResult<i64> {
        let start = self.pos_of_number("i64")?;
        match self.number()? {
            Num::Pos(n) if n <= i64::MAX as u64 => Ok(n as i64),
            // serde_json reads `-0` as the float -0.0, which is no i64.
            Num::Neg(n) if n != 0 && n <= 1 << 63 => Ok((n as i64).wrapping_neg()),
            Num::Pos(_) | Num::Neg(1..) => Err(self.number_error(start, "invalid value: integer", "i64")),
            Num::Float(_) | Num::Neg(0) => Err(self.number_error(start, "invalid type: floating point", "i64")),
        }
    }

    /// Any JSON number (integers too), parsed exactly as `str::parse::<f64>` parses its text.
    pub fn f64(&mut self) -> JsonResult<f64> {
        self.pos_of_number("f64")?;
        Ok(match self.number()? {
            Num::Pos(n) => n as f64,
            Num::Neg(n) => -(n as f64),
            Num::Float(f) => f,
        })
    }

    /// A string, escapes decoded; borrowed from the input when it has no escape. Lone
    /// surrogates, control characters and invalid UTF-8 are errors.
    pub fn string(&mut self) -> JsonResult<Cow<'a, str>> {
        match self.next_byte() {
            Some(b'"') => self.string_at_quote(),
            _ => Err(self.unexpected("a string")),
        }
    }

    /// Any value, as serde_json would read it from the same text (but floats are parsed exactly,
    /// where serde_json without its `float_roundtrip` feature may be one ulp off).
    pub fn value(&mut self) -> JsonResult<Value> {
        let depth = self.depth;
        self.value_inner().inspect_err(|_| self.depth = depth)
    }

    /// Skips any value, validating it.
    pub fn skip(&mut self) -> JsonResult<()> {
        let depth = self.depth;
        self.skip_inner().inspect_err(|_| self.depth = depth)
    }

    /// Reads an object: for each member, in order, calls `member(self, key)`, which must read
    /// the member's value (with any method of this reader); a value left unread is an error.
    pub fn object(&mut self, member: &mut dyn FnMut(&mut Self, &str) -> JsonResult<()>) -> JsonResult<()> {
        let depth = self.depth;
        self.object_inner(member).inspect_err(|_| self.depth = depth)
    }

    fn object_inner(&mut self, member: &mut dyn FnMut(&mut Self, &str) -> JsonResult<()>) -> JsonResult<()> {
        if self.next_byte() != Some(b'{') {
            return Err(self.unexpected("a map"));
        }
        if self.enter(b'}')? {
            loop {
                let key = self.key()?;
                member(self, &key)?;
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        Ok(())
    }

    /// Reads an array: calls `item(self)` once per element, which must read it.
    pub fn array(&mut self, item: &mut dyn FnMut(&mut Self) -> JsonResult<()>) -> JsonResult<()> {
        let depth = self.depth;
        self.array_inner(item).inspect_err(|_| self.depth = depth)
    }

    fn array_inner(&mut self, item: &mut dyn FnMut(&mut Self) -> JsonResult<()>) -> JsonResult<()> {
        if self.next_byte() != Some(b'[') {
            return Err(self.unexpected("a sequence"));
        }
        if self.enter(b']')? {
            loop {
                item(self)?;
                if !self.more(b']')? {
                    break;
                }
            }
        }
        Ok(())
    }

    /// Where the reader stands, as a byte offset: to come back with [`Reader::reset`] (generated
    /// code tries the alternatives of a union one after the other from the same position).
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Goes back to `position`, one that [`Reader::position`] returned.
    pub fn reset(&mut self, position: usize) {
        self.pos = position.min(self.bytes.len());
    }

    /// For an object coming next: the string value of its top-level member `key`, if it has one
    /// that is a string; the position is unchanged afterwards. An error only if the object is
    /// malformed (up to that member); `None` if the next value is not an object.
    pub fn peek_member(&mut self, key: &str) -> JsonResult<Option<Cow<'a, str>>> {
        let (pos, depth) = (self.pos, self.depth);
        let found = self.find_member(key);
        (self.pos, self.depth) = (pos, depth);
        found
    }

    fn find_member(&mut self, key: &str) -> JsonResult<Option<Cow<'a, str>>> {
        if self.next_byte() != Some(b'{') || !self.enter(b'}')? {
            return Ok(None);
        }
        loop {
            if self.key()? == key && self.next_byte() == Some(b'"') {
                return self.string_at_quote().map(Some);
            }
            self.skip_inner()?;
            if !self.more(b'}')? {
                return Ok(None);
            }
        }
    }

    /// An error with `message` at the current position (the line/column suffix added).
    pub fn error(&self, message: impl Display) -> serde_json::Error {
        self.error_at(self.pos, message)
    }

    /// After the top-level value: only whitespace may follow.
    pub fn end(&mut self) -> JsonResult<()> {
        match self.next_byte() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters")),
        }
    }

    /// The error at byte `pos`, placed as serde_json places it.
    #[cold]
    fn error_at(&self, pos: usize, message: impl Display) -> serde_json::Error {
        let end = pos.saturating_add(1).min(self.bytes.len());
        let before = &self.bytes[..end];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count();
        serde_json::Error::custom(format_args!("{message} at line {line} column {}", end - line_start))
    }

    /// The error for a value that is not of the `expected` type (or no value at all).
    fn unexpected(&mut self, expected: &str) -> serde_json::Error {
        let found = match self.peek() {
            Ok(Peek::Null) => "null",
            Ok(Peek::Bool) => "a boolean",
            Ok(Peek::Number) => "a number",
            Ok(Peek::String) => "a string",
            Ok(Peek::Array) => "a sequence",
            Ok(Peek::Object) => "a map",
            Err(e) => return e,
        };
        self.error(format_args!("invalid type: {found}, expected {expected}"))
    }

    fn number_error(&self, start: usize, kind: &str, expected: &str) -> serde_json::Error {
        let text = String::from_utf8_lossy(&self.bytes[start..self.pos]);
        self.error_at(start, format_args!("{kind} `{text}`, expected {expected}"))
    }

    /// Skips whitespace and returns the next byte, if any.
    #[inline]
    fn next_byte(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    fn literal(&mut self, word: &[u8]) -> JsonResult<()> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let same = word.iter().zip(rest).take_while(|(a, b)| a == b).count();
        match rest.get(same) {
            _ if same == word.len() => {
                self.pos += same;
                Ok(())
            }
            Some(_) => Err(self.error_at(self.pos + same, "expected ident")),
            None => Err(self.error_at(self.pos + same, "EOF while parsing a value")),
        }
    }

    fn pos_of_number(&mut self, expected: &str) -> JsonResult<usize> {
        match self.next_byte() {
            Some(b'-' | b'0'..=b'9') => Ok(self.pos),
            _ => Err(self.unexpected(expected)),
        }
    }

    /// Reads the number at the current position (after whitespace).
    fn number(&mut self) -> JsonResult<Num> {
        let bytes = self.bytes;
        let start = self.pos;
        let negative = bytes.get(start) == Some(&b'-');
        let mut i = start + usize::from(negative);
        let (mut int, mut float) = (0u64, false);
        match bytes.get(i) {
            Some(b'0') => {
                i += 1;
                if matches!(bytes.get(i), Some(b'0'..=b'9')) {
                    return Err(self.error_at(i, "invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                while let Some(&d @ b'0'..=b'9') = bytes.get(i) {
                    match int.checked_mul(10).and_then(|n| n.checked_add(u64::from(d - b'0'))) {
                        Some(n) => int = n,
                        None => float = true,
                    }
                    i += 1;
                }
            }
            _ => return Err(self.error_at(i, "invalid number")),
        }
        if bytes.get(i) == Some(&b'.') {
            i = self.digits(i + 1)?;
            float = true;
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            i = self.digits(i)?;
            float = true;
        }
        self.pos = i;
        if !float {
            return Ok(if negative { Num::Neg(int) } else { Num::Pos(int) });
        }
        // The text is ASCII (checked above), so `from_utf8` cannot fail.
        match std::str::from_utf8(&bytes[start..i]).ok().and_then(|text| text.parse::<f64>().ok()) {
            Some(f) if f.is_finite() => Ok(Num::Float(f)),
            _ => Err(self.error_at(start, "number out of range")),
        }
    }

    /// The end of the digits starting at `i`, of which there must be at least one.
    fn digits(&self, mut i: usize) -> JsonResult<usize> {
        if !matches!(self.bytes.get(i), Some(b'0'..=b'9')) {
            return Err(self.error_at(i, "invalid number"));
        }
        while let Some(b'0'..=b'9') = self.bytes.get(i) {
            i += 1;
        }
        Ok(i)
    }

    /// Reads the string whose opening quote is at the current position.
    fn string_at_quote(&mut self) -> JsonResult<Cow<'a, str>> {
        let bytes = self.bytes;
        let start = self.pos + 1;
        let mut i = scan(bytes, start);
        if bytes.get(i) == Some(&b'"') {
            self.pos = i + 1;
            return self.utf8(start, i).map(Cow::Borrowed);
        }
        let mut buf = String::with_capacity(i - start + 16);
        let mut from = start;
        loop {
            match bytes.get(i) {
                Some(b'"') => break,
                Some(b'\\') => {
                    buf.push_str(self.utf8(from, i)?);
                    i = self.escape(i + 1, &mut buf)?;
                }
                Some(_) => {
                    return Err(self.error_at(i, "control character (\\u0000-\\u001F) found while parsing a string"))
                }
                None => return Err(self.error_at(i, "EOF while parsing a string")),
            }
            from = i;
            i = scan(bytes, i);
        }
        buf.push_str(self.utf8(from, i)?);
        self.pos = i + 1;
        Ok(Cow::Owned(buf))
    }

    /// The bytes `from..to` of a string (between escapes) as text: an error if not UTF-8.
    #[inline]
    fn utf8(&self, from: usize, to: usize) -> JsonResult<&'a str> {
        let bytes: &'a [u8] = self.bytes;
        std::str::from_utf8(&bytes[from..to])
            .map_err(|e| self.error_at(from + e.valid_up_to(), "invalid unicode code point"))
    }

    /// Decodes the escape after the backslash at `i - 1` into `buf`; returns the index after it.
    fn escape(&self, i: usize, buf: &mut String) -> JsonResult<usize> {
        let c = match self.bytes.get(i) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let (mut code, mut end) = (self.hex4(i + 1)?, i + 5);
                if (0xDC00..0xE000).contains(&code) {
                    return Err(self.error_at(end - 1, "lone trailing surrogate in hex escape"));
                }
                if (0xD800..0xDC00).contains(&code) {
                    let (low, at) = match (self.bytes.get(end), self.bytes.get(end + 1)) {
                        (Some(b'\\'), Some(b'u')) => (self.hex4(end + 2)?, end + 5),
                        (Some(b'\\'), _) => (0, end + 1),
                        _ => (0, end),
                    };
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.error_at(at, "lone leading surrogate in hex escape"));
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    end += 6;
                }
                let c = char::from_u32(code).ok_or_else(|| self.error_at(i, "invalid unicode code point"))?;
                buf.push(c);
                return Ok(end);
            }
            Some(_) => return Err(self.error_at(i, "invalid escape")),
            None => return Err(self.error_at(i, "EOF while parsing a string")),
        };
        buf.push(c);
        Ok(i + 1)
    }

    fn hex4(&self, i: usize) -> JsonResult<u32> {
        let digits =
            self.bytes.get(i..i + 4).ok_or_else(|| self.error_at(self.bytes.len(), "EOF while parsing a string"))?;
        digits.iter().try_fold(0, |code, &d| match (d as char).to_digit(16) {
            Some(v) => Ok(code << 4 | v),
            None => Err(self.error_at(i + 3, "invalid escape")),
        })
    }

    /// Consumes the opening byte at the current position and the whitespace after it; false
    /// (with `close` consumed too) for an empty array or object.
    fn enter(&mut self, close: u8) -> JsonResult<bool> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth += 1;
        self.pos += 1;
        if self.next_byte() == Some(close) {
            self.pos += 1;
            self.depth -= 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// After an element or member: consumes a `,` (true) or `close` (false).
    fn more(&mut self, close: u8) -> JsonResult<bool> {
        match self.next_byte() {
            Some(b',') => {
                self.pos += 1;
                match self.next_byte() {
                    Some(b) if b == close => Err(self.error("trailing comma")),
                    _ => Ok(true),
                }
            }
            Some(b) if b == close => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            Some(_) if close == b'}' => Err(self.error("expected `,` or `}`")),
            Some(_) => Err(self.error("expected `,` or `]`")),
            None if close == b'}' => Err(self.error("EOF while parsing an object")),
            None => Err(self.error("EOF while parsing a list")),
        }
    }

    /// A member's key and the `:` after it.
    fn key(&mut self) -> JsonResult<Cow<'a, str>> {
        let key = match self.next_byte() {
            Some(b'"') => self.string_at_quote()?,
            Some(_) => return Err(self.error("key must be a string")),
            None => return Err(self.error("EOF while parsing an object")),
        };
        match self.next_byte() {
            Some(b':') => self.pos += 1,
            Some(_) => return Err(self.error("expected `:`")),
            None => return Err(self.error("EOF while parsing an object")),
        }
        Ok(key)
    }

    fn value_inner(&mut self) -> JsonResult<Value> {
        Ok(match self.next_byte() {
            Some(b'"') => Value::String(self.string_at_quote()?.into_owned()),
            Some(b'-' | b'0'..=b'9') => match self.number()? {
                Num::Pos(n) => Value::from(n),
                Num::Neg(n) if n != 0 && n <= 1 << 63 => Value::from((n as i64).wrapping_neg()),
                // Like serde_json: `-0` and integers below i64::MIN are floats.
                Num::Neg(n) => Number::from_f64(-(n as f64)).map_or(Value::Null, Value::Number),
                Num::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
            },
            Some(b'{') => Value::Object(self.map_inner()?),
            Some(b'[') => {
                let mut items = Vec::new();
                if self.enter(b']')? {
                    loop {
                        items.push(self.value_inner()?);
                        if !self.more(b']')? {
                            break;
                        }
                    }
                }
                Value::Array(items)
            }
            Some(b'n') => self.literal(b"null").map(|()| Value::Null)?,
            Some(b't') => self.literal(b"true").map(|()| Value::Bool(true))?,
            Some(b'f') => self.literal(b"false").map(|()| Value::Bool(false))?,
            _ => return Err(self.peek().err().unwrap_or_else(|| self.error("expected value"))),
        })
    }

    /// The object at the current position (its `{` checked), as a map.
    fn map_inner(&mut self) -> JsonResult<Map<String, Value>> {
        let mut map = Map::new();
        if self.enter(b'}')? {
            loop {
                let key = self.key()?.into_owned();
                map.insert(key, self.value_inner()?);
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        Ok(map)
    }

    fn skip_inner(&mut self) -> JsonResult<()> {
        match self.peek()? {
            Peek::Null => self.literal(b"null")?,
            Peek::Bool => _ = self.bool()?,
            Peek::String => _ = self.string_at_quote()?,
            Peek::Number => _ = self.number()?,
            Peek::Array => {
                if self.enter(b']')? {
                    loop {
                        self.skip_inner()?;
                        if !self.more(b']')? {
                            break;
                        }
                    }
                }
            }
            Peek::Object => {
                if self.enter(b'}')? {
                    loop {
                        self.key()?;
                        self.skip_inner()?;
                        if !self.more(b'}')? {
                            break;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// The index of the first `"`, `\` or control byte at or after `i` (or the length): eight bytes
/// at a time, each word's flag bits marking (at least the first of) those bytes.
#[inline]
fn scan(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    while let Some(chunk) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let word = u64::from_le_bytes(*chunk);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let found = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word);
        if found & HIGH != 0 {
            return i + (found & HIGH).trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// A type read from JSON by a [`Reader`]. Implemented here for the primitives and containers;
/// generated code implements it for every generated answer type.
pub trait FromJson: Sized {
    /// Reads one value of this type.
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self>;
}

impl FromJson for String {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        reader.string().map(Cow::into_owned)
    }
}

impl FromJson for bool {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        reader.bool()
    }
}

impl FromJson for i64 {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        reader.i64()
    }
}

impl FromJson for u64 {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        let start = reader.pos_of_number("u64")?;
        match reader.number()? {
            Num::Pos(n) => Ok(n),
            Num::Neg(_) => Err(reader.number_error(start, "invalid value: integer", "u64")),
            Num::Float(_) => Err(reader.number_error(start, "invalid type: floating point", "u64")),
        }
    }
}

impl FromJson for f64 {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        reader.f64()
    }
}

impl FromJson for Value {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        reader.value()
    }
}

impl FromJson for Map<String, Value> {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        if reader.next_byte() != Some(b'{') {
            return Err(reader.unexpected("a map"));
        }
        let depth = reader.depth;
        reader.map_inner().inspect_err(|_| reader.depth = depth)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        if reader.null()? {
            return Ok(None);
        }
        T::from_json(reader).map(Some)
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        T::from_json(reader).map(Box::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        let mut items = Vec::new();
        reader.array(&mut |reader| T::from_json(reader).map(|item| items.push(item)))?;
        Ok(items)
    }
}

impl<T: FromJson> FromJson for HashMap<String, T> {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        let mut map = HashMap::new();
        reader.object(&mut |reader, key| {
            map.insert(key.to_owned(), T::from_json(reader)?);
            Ok(())
        })?;
        Ok(map)
    }
}

/// Decodes a whole document `json` into `T` (only whitespace may follow it).
pub fn from_slice<T: FromJson>(json: &[u8]) -> JsonResult<T> {
    let mut reader = Reader::new(json);
    let value = T::from_json(&mut reader)?;
    reader.end()?;
    Ok(value)
}

/// The error for a required member that was absent: "missing field `{name}`", at the reader's
/// position.
pub fn missing(reader: &Reader<'_>, name: &str) -> serde_json::Error {
    reader.error(format_args!("missing field `{name}`"))
}

#[cfg(test)]
mod tests;
