use super::*;

/// Reads `json` with both readers: both fail, or both give the same value (numbers of the same
/// kind; floats with the same bits, or within one ulp if `tolerant`: serde_json's own float
/// parsing, without its `float_roundtrip` feature, is not always exact).
fn differential(json: &[u8], tolerant: bool) {
    let ours = from_slice::<Value>(json);
    let theirs = serde_json::from_slice::<Value>(json);
    let shown = String::from_utf8_lossy(json);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert!(same(a, b, tolerant), "{shown}: {a} != {b}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{shown}: ours {ours:?}, serde_json {theirs:?}"),
    }
    let mut reader = Reader::new(json);
    assert_eq!(reader.skip().and_then(|()| reader.end()).is_ok(), theirs.is_ok(), "skip {shown}");
}

fn same(a: &Value, b: &Value, tolerant: bool) -> bool {
    match (a, b) {
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b, tolerant)),
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|((k, a), (l, b))| k == l && same(a, b, tolerant))
        }
        (Value::Number(x), Value::Number(y)) if tolerant && x.is_f64() && y.is_f64() => {
            let bits = |n: &Number| n.as_f64().map_or(0, f64::to_bits) as i64;
            (bits(x) - bits(y)).abs() <= 1
        }
        _ => a == b && serde_json::to_string(a).ok() == serde_json::to_string(b).ok(),
    }
}

const DOCUMENTS: &[&str] = &[
    r#"{"a":{"b":[1,{"c":[[],{}]},null,true,false]},"z":"", "m" : [ -1 , 2 ] }"#,
    r#"["\"\\\/\b\f\n\r\t", "\u00e9\u4e2d\uD83D\ude00", "é中😀", "a\u0000b", "\u001F"]"#,
    "[0, -0, 1, -1, 18446744073709551615, 18446744073709551616, -9223372036854775808]",
    "[-9223372036854775809, -18446744073709551616, 100000000000000000000000000000000000]",
    "[1.5, -2.25e-3, 6.02E+23, 1e308, 1.7976931348623157e308, 5e-324, 1e-400, 0e999999999999999999]",
    "[0.1, 3.14159, 2.5e3, 1E2, -0.0, 123456.789e-2, 9007199254740993]",
    " \t\r\n{ \"k\" : \"v\" } \n ",
    r#"{"dup":1,"dup":2}"#,
    "1e400",
    "-1e400",
    "1e309",
    "\"\u{7f}\"",
];

#[test]
fn value_matches_serde_json() {
    for doc in DOCUMENTS {
        differential(doc.as_bytes(), false);
    }
}

#[test]
fn value_matches_serde_json_on_stripe_fixtures() {
    let dir = std::env::var_os("STRIPE_OPENAPI_DIR").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/stripe-openapi"),
        std::path::PathBuf::from,
    );
    for version in ["2023-08-16", "2024-04-10"] {
        let path = dir.join(version).join("fixtures3.json");
        let json = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; put Stripe's files in ../shared/stripe-openapi", path.display()));
        let expected: Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(from_slice::<Value>(&json).unwrap(), expected);
        let resources = expected["resources"].as_object().expect("resources");
        assert!(resources.len() > 100);
        for (name, fixture) in resources {
            let text = serde_json::to_vec_pretty(fixture).unwrap();
            assert_eq!(&from_slice::<Value>(&text).unwrap(), fixture, "{name}");
        }
    }
}

/// Mutated copies of a document: both readers agree on each, and ours never panics.
#[test]
fn mutations_agree_with_serde_json() {
    let sample = br#"{"id":"cus_1","n":[1,-2,0.5,1e2,true,null],"s":"a\"b\u00e9\ud83d\ude00","o":{"x":{}}}"#;
    let alphabet = b"{}[]:,\"\\u0123456789abcdefABCDEF.-+eEtrunlsx \n\x01\xc3\xa9\xff";
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..20_000 {
        let mut doc = sample.to_vec();
        for _ in 0..1 + next(3) {
            let at = next(doc.len());
            match next(3) {
                0 => doc[at] = alphabet[next(alphabet.len())],
                1 => _ = doc.remove(at),
                _ => doc.insert(at, alphabet[next(alphabet.len())]),
            }
        }
        differential(&doc, true);
        let _ = Reader::new(&doc).peek_member("id");
    }
}

const MALFORMED: &[&str] = &[
    "",
    "   ",
    r#""\x""#,
    r#""\u12""#,
    r#""\u12G4""#,
    r#""\ud83d""#,
    r#""\ud83dx""#,
    r#""\ud83d\u0041""#,
    r#""\ude00""#,
    "\"a\u{1}b\"",
    "\"a\nb\"",
    "\"abc",
    "01",
    "-01",
    "1.",
    ".5",
    "+1",
    "-",
    "1e",
    "1e+",
    "tru",
    "nul",
    "True",
    "[1,]",
    r#"{"a":1,}"#,
    "[1 2]",
    "{a:1}",
    r#"{"a" 1}"#,
    r#"{"a":}"#,
    "{,}",
    "[,1]",
    "1 2",
    "{} x",
    "]",
    "\u{feff}1",
];

#[test]
fn malformed_documents_are_errors() {
    let deep = "[".repeat(200) + &"]".repeat(200);
    let invalid_utf8: &[u8] = b"[\"a\xffb\"]";
    let cases = MALFORMED.iter().map(|s| s.as_bytes()).chain([deep.as_bytes(), invalid_utf8]);
    let mut misplaced = Vec::new();
    for json in cases {
        let theirs = serde_json::from_slice::<Value>(json).expect_err("serde_json accepts it");
        let error = from_slice::<Value>(json).expect_err(&String::from_utf8_lossy(json)).to_string();
        if !error.ends_with(&format!(" at line {} column {}", theirs.line(), theirs.column())) {
            misplaced.push(format!("{}: {error} / {theirs}", String::from_utf8_lossy(json)));
        }
        differential(json, false);
    }
    assert!(misplaced.is_empty(), "errors placed unlike serde_json's:\n{}", misplaced.join("\n"));
}

#[test]
fn every_truncation_is_an_error() {
    let doc = "{\"a\": [1, -2.5e3, \"x\\u00e9\\ud83d\\ude00\\n\", true, false, null, {\"b\": {}}], \"c\": \"é\"}";
    assert!(from_slice::<Value>(doc.as_bytes()).is_ok());
    for end in 0..doc.len() {
        let json = &doc.as_bytes()[..end];
        assert!(from_slice::<Value>(json).is_err(), "{json:?}");
        let mut reader = Reader::new(json);
        assert!(reader.skip().and_then(|()| reader.end()).is_err(), "{json:?}");
        let _ = Reader::new(json).peek_member("c");
        let _ = from_slice::<HashMap<String, Value>>(json);
    }
}

#[test]
fn nesting_is_limited_like_serde_json() {
    for depth in [126, 127, 128, 129] {
        let json = "[".repeat(depth) + &"]".repeat(depth);
        differential(json.as_bytes(), false);
        let objects = "{\"a\":".repeat(depth) + "1" + &"}".repeat(depth);
        differential(objects.as_bytes(), false);
    }
    let json = "[".repeat(127) + &"]".repeat(127);
    assert!(from_slice::<Value>(json.as_bytes()).is_ok());
    let json = "[".repeat(128) + &"]".repeat(128);
    assert!(from_slice::<Value>(json.as_bytes()).unwrap_err().to_string().starts_with("recursion limit exceeded"));
}

#[test]
fn failed_alternatives_leave_the_reader_usable() {
    let json = br#"[[1, {"a": [2, "x"]}], 3]"#;
    let mut reader = Reader::new(json);
    let start = reader.position();
    assert!(Vec::<Vec<i64>>::from_json(&mut reader).is_err());
    assert_eq!(reader.depth, 0);
    reader.reset(start);
    assert_eq!(reader.value().unwrap(), serde_json::from_slice::<Value>(json).unwrap());
    reader.end().unwrap();
    reader.reset(usize::MAX);
    reader.end().unwrap();
}

#[test]
fn object_and_array_callbacks() {
    let json = br#" { "b": 1, "a\u0041": [true, null, "s"], "c": {"d": -2.5}, "e": [] , "f": {}} "#;
    let mut reader = Reader::new(json);
    let mut seen = Vec::new();
    reader
        .object(&mut |r, key| {
            seen.push(key.to_owned());
            match key {
                "b" => assert_eq!(r.i64()?, 1),
                "aA" => {
                    let mut items = Vec::new();
                    r.array(&mut |r| {
                        items.push(r.peek()?);
                        r.skip()
                    })?;
                    assert_eq!(items, [Peek::Bool, Peek::Null, Peek::String]);
                }
                "c" => r.object(&mut |r, key| {
                    assert_eq!((key, r.f64()?), ("d", -2.5));
                    Ok(())
                })?,
                "e" => r.array(&mut |_| panic!("no element"))?,
                _ => r.object(&mut |_, _| panic!("no member"))?,
            }
            Ok(())
        })
        .unwrap();
    reader.end().unwrap();
    assert_eq!(seen, ["b", "aA", "c", "e", "f"]);

    // A callback that leaves its value unread is an error, not a misreading.
    for json in [&br#"{"a": 1, "b": 2}"#[..], br#"{"a": "x"}"#, br#"{"a": {"b": 1}}"#] {
        let error = Reader::new(json).object(&mut |_, _| Ok(())).unwrap_err();
        assert!(error.to_string().starts_with("expected `,` or `}`"), "{error}");
    }
    let error = Reader::new(b"[1, 2]").array(&mut |_| Ok(())).unwrap_err();
    assert!(error.to_string().starts_with("expected `,` or `]`"), "{error}");
    // Reading too much is an error too.
    assert!(Reader::new(br#"{"a": 1, "b": 2}"#).object(&mut |r, _| r.skip().and_then(|()| r.skip())).is_err());
    // Not an object or array.
    let error = Reader::new(b"[1]").object(&mut |_, _| Ok(())).unwrap_err();
    assert_eq!(error.to_string(), "invalid type: a sequence, expected a map at line 1 column 1");
    assert!(Reader::new(b"{}").array(&mut |_| Ok(())).is_err());
}

#[test]
fn peek_member_reads_top_level_string_members_only() {
    let cases: &[(&str, Option<&str>)] = &[
        (r#"{"object":"customer","id":"cus_1"}"#, Some("customer")),
        (r#" {"id":"cus_1","meta":{"object":"nested"},"list":[{"object":"x"}],"object":"customer"}"#, Some("customer")),
        (r#"{"meta":{"object":"nested"}}"#, None),
        (r#"{"object":null}"#, None),
        (r#"{"object":{"object":"inner"}}"#, None),
        (r#"{"object":1,"object":"later"}"#, Some("later")),
        (r#"{"obj\u0065ct":"esc\u0061ped"}"#, Some("escaped")),
        ("{}", None),
        (r#""object""#, None),
        ("[]", None),
    ];
    for &(json, expected) in cases {
        let mut reader = Reader::new(json.as_bytes());
        assert_eq!(reader.peek_member("object").unwrap().as_deref(), expected, "{json}");
        assert_eq!(reader.position(), 0);
        assert_eq!(reader.depth, 0);
        reader.skip().unwrap();
        reader.end().unwrap();
    }
    let mut reader = Reader::new(br#"{"a":[1,}, "object":"x"}"#);
    assert!(reader.peek_member("object").is_err());
    assert_eq!((reader.position(), reader.depth), (0, 0));
}

#[test]
fn i64_range() {
    let read = |json: &str| from_slice::<i64>(json.as_bytes());
    assert_eq!(read("9223372036854775807").unwrap(), i64::MAX);
    assert_eq!(read("-9223372036854775808").unwrap(), i64::MIN);
    // As serde's i64: `-0` is the float -0.0.
    assert_eq!(serde_json::from_str::<i64>(" -0 ").is_err(), read(" -0 ").is_err());
    assert!(read(" -0 ").is_err());
    for json in ["9223372036854775808", "-9223372036854775809", "1.0", "1e3", "\"1\"", "null", "99999999999999999999"] {
        assert!(read(json).is_err(), "{json}");
    }
    assert_eq!(
        read("1.5").unwrap_err().to_string(),
        "invalid type: floating point `1.5`, expected i64 at line 1 column 1"
    );
    assert_eq!(from_slice::<u64>(b"18446744073709551615").unwrap(), u64::MAX);
    assert!(from_slice::<u64>(b"-1").is_err() && from_slice::<u64>(b"18446744073709551616").is_err());
    let error = from_slice::<i64>(b"9223372036854775808").unwrap_err();
    assert_eq!(error.to_string(), "invalid value: integer `9223372036854775808`, expected i64 at line 1 column 1");
}

#[test]
fn f64_parses_like_str_parse() {
    let texts = [
        "0",
        "-0",
        "1",
        "-1",
        "0.1",
        "2.2250738585072011e-308",
        "4.9e-324",
        "1.7976931348623157e308",
        "9007199254740993",
        "18446744073709551617",
        "123456789012345678901234567890e-10",
        "7.038531e-26",
        "0.30000000000000004",
        "1e23",
        "8.41e21",
        "5e-324",
        "1e-400",
    ];
    for text in texts {
        let ours = from_slice::<f64>(text.as_bytes()).unwrap();
        assert_eq!(ours.to_bits(), text.parse::<f64>().unwrap().to_bits(), "{text}");
    }
    assert!(from_slice::<f64>(b"1e400").unwrap_err().to_string().starts_with("number out of range"));
}

#[test]
fn strings_borrow_unless_escaped() {
    let mut reader = Reader::new(r#" "plain é" "esc\naped" "#.as_bytes());
    assert!(matches!(reader.string().unwrap(), Cow::Borrowed("plain é")));
    assert!(matches!(reader.string().unwrap(), Cow::Owned(s) if s == "esc\naped"));
    reader.end().unwrap();
    let long = format!("\"{}\\\"{}\"", "x".repeat(37), "y".repeat(21));
    assert_eq!(from_slice::<String>(long.as_bytes()).unwrap(), format!("{}\"{}", "x".repeat(37), "y".repeat(21)));
    for (json, message) in [
        (
            "\"abcdefghijklmnopqrstuvwxyz\u{1f}\"",
            "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 28",
        ),
        (r#""\ud83d\u0041""#, "lone leading surrogate in hex escape at line 1 column 13"),
        ("1", "invalid type: a number, expected a string at line 1 column 1"),
    ] {
        assert_eq!(from_slice::<String>(json.as_bytes()).unwrap_err().to_string(), message);
    }
    // Invalid UTF-8 is an error at its first byte, with or without escapes before it.
    for (json, column) in [(&b"\"ab\xff\""[..], 4), (b"\"a\\nb\xc3\"", 6), (b"\"\\u00e9\xe9\\n\"", 8)] {
        let error = from_slice::<String>(json).unwrap_err().to_string();
        assert_eq!(error, format!("invalid unicode code point at line 1 column {column}"));
    }
}

#[test]
fn errors_give_line_and_column() {
    let cases = [
        "{\n  \"a\": 1,\n  \"b\": tru\n}",
        "[\n1,\n2\n3]",
        "{\"a\":\n\n  [1, 2,]}",
        "\n\n  \"abc",
        "[1,\n2",
        "{\"a\": 1}\n  x",
    ];
    for json in cases {
        let ours = from_slice::<Value>(json.as_bytes()).unwrap_err().to_string();
        let theirs = serde_json::from_slice::<Value>(json.as_bytes()).unwrap_err();
        let place = format!(" at line {} column {}", theirs.line(), theirs.column());
        assert!(ours.ends_with(&place), "{json:?}: {ours} / {theirs}");
    }
    let error = from_slice::<Value>(b"{\n  \"a\": 1,\n  \"b\": trux\n}").unwrap_err();
    assert_eq!(error.to_string(), "expected ident at line 3 column 11");
    let mut reader = Reader::new(b"{\n  \"id\": 1\n}");
    reader.object(&mut |r, _| r.skip()).unwrap();
    assert_eq!(missing(&reader, "object").to_string(), "missing field `object` at line 3 column 1");
}

#[test]
fn containers_and_wrappers() {
    let json = br#"{"a": [1, null, 3], "b": []}"#;
    let map: HashMap<String, Vec<Option<i64>>> = from_slice(json).unwrap();
    assert_eq!(map["a"], [Some(1), None, Some(3)]);
    assert!(map["b"].is_empty());
    assert!(*from_slice::<Box<bool>>(b" true ").unwrap());
    assert_eq!(from_slice::<Option<String>>(b"null").unwrap(), None);
    let object: Map<String, Value> = from_slice(json).unwrap();
    assert_eq!(Value::Object(object), serde_json::from_slice::<Value>(json).unwrap());
    assert!(from_slice::<Map<String, Value>>(b"[]").is_err());
    assert!(from_slice::<Vec<i64>>(b"[1, \"2\"]").is_err());
    assert!(from_slice::<Option<bool>>(b"nul").is_err());
    let mut reader = Reader::new(b"  ");
    assert!(!reader.null().unwrap());
    assert_eq!(reader.peek().unwrap_err().to_string(), "EOF while parsing a value at line 1 column 2");
}

/// `cargo test --release -p stripe-runtime --lib json::tests::speed -- --ignored --nocapture`
#[test]
#[ignore = "a measurement, not a test"]
fn speed_vs_serde_json() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/stripe-openapi/2024-04-10");
    for file in ["fixtures3.json", "spec3.json"] {
        let json = std::fs::read(dir.join(file)).unwrap();
        // 20 reads each, in 5 interleaved rounds: the best round's mean.
        let time = |read: &dyn Fn() -> Value| {
            let start = std::time::Instant::now();
            for _ in 0..20 {
                std::hint::black_box(read());
            }
            start.elapsed() / 20
        };
        let readers: [&dyn Fn() -> Value; 3] =
            [&|| serde_json::from_slice(&json).unwrap(), &|| from_slice(&json).unwrap(), &|| {
                Reader::new(&json).skip().map(|()| Value::Null).unwrap()
            }];
        let mut best = [std::time::Duration::MAX; 3];
        for _ in 0..5 {
            for (best, read) in best.iter_mut().zip(readers) {
                *best = time(read).min(*best);
            }
        }
        let [serde, ours, skip] = best;
        println!(
            "{file} ({} bytes): serde_json Value {serde:?}, Reader::value {ours:?}, Reader::skip {skip:?}",
            json.len()
        );
    }
}
