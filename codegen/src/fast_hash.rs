//! A fast hash for the generator's own maps. Their keys are short strings and small numbers, where
//! std's SipHash (built to resist keys chosen by an attacker, which a spec pinned by its sha256
//! is not) spent a seventh of the model phase. This is the multiply-rotate hash of rustc's
//! `FxHasher`. Nothing may depend on a map's iteration order: std's order already changes from
//! run to run.

use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub(crate) type FastSet<T> = std::collections::HashSet<T, BuildHasherDefault<FastHasher>>;

/// The state of one hash: each word is mixed in by a rotate, a xor and a multiply.
#[derive(Clone, Copy, Default)]
pub(crate) struct FastHasher {
    hash: u64,
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().expect("chunks of 8")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            // The last byte, never part of a remainder, holds its length: `ab` and `ab\0` differ.
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            word[7] = rest.len() as u8;
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(n.into());
    }

    fn write_u32(&mut self, n: u32) {
        self.add(n.into());
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    /// The last multiply leaves the low bits, from which a map picks the bucket, depending on
    /// the low bits of the input only: rotated, the product's well-mixed high bits come first
    /// (as rustc-hash 2 does).
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_near_keys_apart() {
        let hash = |s: &str| {
            let mut h = FastHasher::default();
            std::hash::Hash::hash(s, &mut h);
            h.finish()
        };
        assert_eq!(hash("payment_intent"), hash("payment_intent"));
        let near = ["a", "b", "ab", "ba", "payment_intent", "payment_intents", "payment_intent\0"];
        let hashes: FastSet<u64> = near.iter().map(|s| hash(s)).collect();
        assert_eq!(hashes.len(), near.len());
    }

    /// Keys that differ only at the end spread over a map's buckets (the low bits) about as
    /// random hashes would: 10,000 keys over 4,096 buckets fill ~3,700 of them.
    #[test]
    fn near_keys_spread_over_the_low_bits() {
        let buckets: FastSet<u64> = (0..10_000)
            .map(|i| {
                let mut h = FastHasher::default();
                std::hash::Hash::hash(format!("key{i}").as_str(), &mut h);
                h.finish() & 4095
            })
            .collect();
        assert!(buckets.len() > 3_000, "{} of 4096 buckets", buckets.len());
    }

    #[test]
    fn maps_work_as_std_maps() {
        let mut map: FastMap<String, usize> = FastMap::default();
        for i in 0..10_000 {
            map.insert(format!("key{i}"), i);
        }
        assert_eq!(map.len(), 10_000);
        assert!((0..10_000).all(|i| map[&format!("key{i}")] == i));
    }
}
