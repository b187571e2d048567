//! Random UUID v4 for idempotency keys, from the OS random source already used by TLS.

/// Fills `buf` from the OS random source; falls back to a time-and-address mix if it fails,
/// because a weaker key is better than a request that cannot be sent.
pub(crate) fn random_bytes(buf: &mut [u8]) {
    if getrandom::getrandom(buf).is_err() {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        for (i, byte) in buf.iter_mut().enumerate() {
            hasher.write_usize(i);
            *byte = hasher.finish() as u8;
        }
    }
}

/// A random (version 4, RFC 4122 variant) UUID in its hyphenated lowercase form.
pub(crate) fn new_v4() -> String {
    let mut bytes = [0u8; 16];
    random_bytes(&mut bytes);
    bytes[6] = (bytes[6] & 0x0F) | 0x40;
    bytes[8] = (bytes[8] & 0x3F) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn v4_shape_and_uniqueness() {
        let a = super::new_v4();
        let b = super::new_v4();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12]);
        assert!(parts[2].starts_with('4'));
        assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
    }
}
