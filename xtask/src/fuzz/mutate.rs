//! The fuzzer's mutations: a seeded generator and the edits it makes to a spec's JSON.

use serde_json::{json, Value};

/// Strings that have broken generators: quotes, comment ends, template syntax, control
/// characters, Unicode that is not an identifier, Rust's own names, numbers.
const ODD: &[&str] = &[
    "",
    " ",
    "\"",
    "\\",
    "\n",
    "\r",
    "\0",
    "*/",
    "{{ x }}",
    "{% if %}",
    "-->",
    "`",
    "x²",
    "½",
    "٣abc",
    "日本",
    "e\u{301}",
    "🦀",
    "\u{202e}",
    "lib",
    "mod",
    "main",
    "shared",
    "runtime",
    "self",
    "Self",
    "super",
    "crate",
    "type",
    "_",
    "r#type",
    "unknown",
    "Unknown",
    "Option",
    "String",
    "Result",
    "new",
    "send",
    "3d",
    "a.b",
    "a..b",
    ".",
    "/v1/{x}",
    "{",
    "}",
    "{}",
    "#/components/schemas/",
    "deleted_",
    "object",
    "list",
    "id",
    "data",
    "x-resourceId",
];

/// A xorshift64* generator: the same seed gives the same runs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Mutates `spec` one to eight times.
pub fn mutate(spec: &mut Value, rng: &mut Rng) {
    for _ in 0..1 + rng.below(8) {
        let keys: Vec<String> =
            spec["components"]["schemas"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
        let graft = random_node(spec, rng).clone();
        let node = random_node(spec, rng);
        match rng.below(10) {
            0 => *node = odd_value(rng),
            1 => *node = graft,
            2 if !keys.is_empty() => *node = json!({"$ref": format!("#/components/schemas/{}", rng.pick(&keys))}),
            3 => *node = json!({"anyOf": [node.clone(), odd_value(rng)]}),
            _ => match node {
                Value::Object(map) if !map.is_empty() => {
                    let names: Vec<String> = map.keys().cloned().collect();
                    let key = rng.pick(&names).clone();
                    match rng.below(5) {
                        0 => {
                            map.remove(&key);
                        }
                        1 => {
                            let value = map[&key].clone();
                            map.insert(format!("{key}{}", rng.pick(ODD)), value);
                        }
                        2 => {
                            let value = map.remove(&key).unwrap_or_default();
                            map.insert(rng.pick(ODD).to_string(), value);
                        }
                        3 => {
                            let other = rng.pick(&names).clone();
                            let (a, b) = (map[&key].clone(), map[&other].clone());
                            map.insert(key, b);
                            map.insert(other, a);
                        }
                        _ => {
                            let attribute = *rng.pick(&[
                                "x-resourceId",
                                "nullable",
                                "enum",
                                "type",
                                "title",
                                "description",
                                "required",
                                "format",
                            ]);
                            map.insert(attribute.to_owned(), odd_value(rng));
                        }
                    }
                }
                Value::Array(items) if !items.is_empty() => {
                    let i = rng.below(items.len());
                    match rng.below(3) {
                        0 => drop(items.remove(i)),
                        1 => items.push(items[i].clone()),
                        _ => items[i] = odd_value(rng),
                    }
                }
                Value::String(s) => s.push_str(ODD[rng.below(ODD.len())]),
                other => *other = odd_value(rng),
            },
        }
    }
}

/// A node of `value`, found by a random walk from the root.
fn random_node<'v>(value: &'v mut Value, rng: &mut Rng) -> &'v mut Value {
    let mut node = value;
    while rng.below(6) != 0 {
        let len = match &*node {
            Value::Object(map) => map.len(),
            Value::Array(items) => items.len(),
            _ => 0,
        };
        if len == 0 {
            break;
        }
        let i = rng.below(len);
        node = match node {
            Value::Object(map) => map.values_mut().nth(i).expect("i < len"),
            Value::Array(items) => &mut items[i],
            _ => unreachable!("only containers have a length"),
        };
    }
    node
}

fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => json!(null),
        1 => json!(rng.below(3) == 0),
        2 => json!(-(rng.next() as i64)),
        3 => json!([rng.pick(ODD), rng.pick(ODD), rng.pick(ODD)]),
        4 => json!({}),
        5 => json!(rng.pick(ODD).repeat(1 + rng.below(100_000))),
        6 => json!(*rng.pick(&["string", "integer", "number", "boolean", "array", "object"])),
        _ => json!(rng.pick(ODD)),
    }
}
