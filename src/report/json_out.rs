//! Hand-written JSON pieces for the findings array, byte for byte as
//! serde_json writes them: strings (text that needs no escape is copied as
//! it is; the rest is escaped by serde_json), written text as strings
//! without a `String` between, and unsigned integers.

use std::fmt;

/// True when `s` holds a byte a JSON string must escape (`"`, `\` or a
/// control character). Checked 16 bytes at a time without branching, so
/// the compiler can vectorize it.
fn needs_escape(s: &[u8]) -> bool {
    s.chunks(16).any(|chunk| {
        chunk.iter().fold(false, |any, &b| {
            any | (b < 0x20) | (b == b'"') | (b == b'\\')
        })
    })
}

/// `s` as the contents of a JSON string (no quotes).
fn contents(buf: &mut Vec<u8>, s: &str) {
    if !needs_escape(s.as_bytes()) {
        buf.extend_from_slice(s.as_bytes());
        return;
    }
    // Rare: serde_json escapes it, and its quotes are dropped. Writing
    // into a `Vec` cannot fail.
    let start = buf.len();
    if serde_json::to_writer(&mut *buf, s).is_ok() {
        buf.pop();
        buf.remove(start);
    }
}

/// `s` as a JSON string.
pub(super) fn string(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    contents(buf, s);
    buf.push(b'"');
}

/// Takes text as it is; [`text_with`] escapes it afterwards if need be.
pub(super) struct Raw<'a>(&'a mut Vec<u8>);

impl fmt::Write for Raw<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// The text `write` writes, as a JSON string. It is written as it is,
/// then escaped in the rare case it needs to be.
pub(super) fn text_with(buf: &mut Vec<u8>, write: impl FnOnce(&mut Raw<'_>) -> fmt::Result) {
    buf.push(b'"');
    let start = buf.len();
    // Writing into a `Vec` cannot fail; a failing `Display` leaves what it
    // wrote, as serde_json's `collect_str` would not, but none fails.
    let _ = write(&mut Raw(buf));
    if needs_escape(&buf[start..]) {
        let text = buf.split_off(start);
        contents(buf, &String::from_utf8_lossy(&text));
    }
    buf.push(b'"');
}

/// `n` in decimal.
pub(super) fn uint(buf: &mut Vec<u8>, n: usize) {
    // Writing into a `Vec` cannot fail.
    let _ = crate::values::digits::write_uint(&mut Raw(buf), n as u64);
}

/// `b` as `true` or `false`.
pub(super) fn boolean(buf: &mut Vec<u8>, b: bool) {
    buf.extend_from_slice(if b { b"true" } else { b"false" });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    fn both(s: &str) -> (String, String) {
        let mut buf = Vec::new();
        string(&mut buf, s);
        let mut shown = Vec::new();
        text_with(&mut shown, |w| w.write_str(s));
        assert_eq!(buf, shown);
        (
            String::from_utf8(buf).unwrap_or_default(),
            serde_json::to_string(s).unwrap_or_default(),
        )
    }

    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        let long = "x".repeat(40) + "\"" + &"y".repeat(40);
        for s in [
            "",
            "plain",
            "≤ 150 mg/L",
            "a \"quote\" and \\ back",
            "tab\there\nline\r\u{1}\u{1f}\u{7f}",
            &long,
        ] {
            let (ours, theirs) = both(s);
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn numbers_and_booleans() {
        let mut buf = Vec::new();
        for n in [0, 7, 10, 123_456, usize::MAX] {
            uint(&mut buf, n);
            buf.push(b' ');
        }
        boolean(&mut buf, true);
        boolean(&mut buf, false);
        let max = usize::MAX.to_string();
        assert_eq!(
            String::from_utf8(buf).unwrap_or_default(),
            format!("0 7 10 123456 {max} truefalse")
        );
    }
}
