//! The bytes under the CSV parser: a reader that keeps the text of the
//! record being parsed (so an error can quote its line without the file
//! being held), counts physical lines, and bounds a record's size.

use std::io::{self, Read};
use std::ops::Range;

/// Bytes kept before the current record are dropped once this many pile up
/// (large beside a read, so the bytes after the record are seldom moved).
const TRIM_AT: usize = 1024 * 1024;

/// A record (a line, or the lines of a quoted field) longer than this is
/// refused: a stray quote or a file that is not CSV would otherwise be
/// held whole.
pub(crate) const MAX_RECORD: usize = 1024 * 1024;

/// A [`Read`] adapter that keeps the bytes it passed on from the start of
/// the record being parsed, so the reader can quote that record's line.
/// Memory: the parser's buffer plus one record plus [`TRIM_AT`]; a read
/// that would hold more than [`MAX_RECORD`] beyond the record's start
/// fails (`overflow` is then set).
pub(crate) struct Tee<R> {
    inner: R,
    /// Stream offset of `kept[0]`.
    start: u64,
    kept: Vec<u8>,
    /// Offset up to which newlines were counted, and the line there (1-based).
    counted: u64,
    line: usize,
    /// Set when a record grew past [`MAX_RECORD`].
    pub overflow: bool,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let held = self.kept.len() as u64 - self.counted.saturating_sub(self.start);
        if held > MAX_RECORD as u64 {
            self.overflow = true;
            return Err(io::Error::other("record too long"));
        }
        let n = self.inner.read(buf)?;
        self.kept.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

impl<R> Tee<R> {
    /// Wraps `inner`.
    pub(crate) fn new(inner: R) -> Self {
        Tee {
            inner,
            start: 0,
            kept: Vec::with_capacity(2 * TRIM_AT),
            counted: 0,
            line: 1,
            overflow: false,
        }
    }

    /// The kept bytes of stream range `range` (empty if no longer kept).
    pub(crate) fn kept(&self, range: Range<u64>) -> &[u8] {
        let from = range.start.saturating_sub(self.start) as usize;
        let to = range.end.saturating_sub(self.start) as usize;
        self.kept.get(from..to.min(self.kept.len())).unwrap_or(&[])
    }

    /// The true start of a record the parser says begins at `at`: the csv
    /// crate's position can point at the line ending before it, or at the
    /// blank lines it skipped (BurntSushi/rust-csv#208), so those are skipped.
    pub(crate) fn record_start(&self, at: u64) -> u64 {
        let kept = self.kept(at..self.start + self.kept.len() as u64);
        let skip = kept
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        at + skip as u64
    }

    /// The physical line (1-based, blank lines counted) of stream offset
    /// `at`, which must not be before the last offset asked for; `known`
    /// is a (offset, line) pair the parser vouches for at or before `at`,
    /// so only the newlines after it are counted. Then drops what is kept
    /// before `at` when enough has piled up.
    pub(crate) fn line_at(&mut self, at: u64, known: Option<(u64, usize)>) -> usize {
        if let Some((offset, line)) = known
            && (self.counted..=at).contains(&offset)
        {
            (self.counted, self.line) = (offset, line);
        }
        let newlines = memchr::memchr_iter(b'\n', self.kept(self.counted..at)).count();
        self.line += newlines;
        self.counted = self.counted.max(at);
        let before = self.counted.saturating_sub(self.start) as usize;
        if before > TRIM_AT {
            self.kept.drain(..before);
            self.start = self.counted;
        }
        self.line
    }

    /// The offset up to which the parser has been given bytes.
    pub(crate) fn end(&self) -> u64 {
        self.start + self.kept.len() as u64
    }
}

/// Byte ranges of the fields of one record's raw text (as written, quotes
/// included), split at `delimiter` outside double quotes; a record's line
/// ending is not part of its last field. Used only to point at a field of
/// a bad row.
pub(crate) fn field_ranges(raw: &str, delimiter: u8) -> Vec<Range<usize>> {
    let b = raw.as_bytes();
    let end = raw.trim_end_matches(['\r', '\n']).len();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        let mut quoted = false;
        while i < end {
            match b[i] {
                b'"' => quoted = !quoted,
                c if c == delimiter && !quoted => break,
                _ => {}
            }
            i += 1;
        }
        out.push(start..i);
        if i >= end {
            return out;
        }
        i += 1;
    }
}

/// The range of `field` trimmed of surrounding spaces and one pair of
/// quotes, within `raw` (what an error underlines).
pub(crate) fn value_range(raw: &str, field: Range<usize>) -> Range<usize> {
    let text = raw.get(field.clone()).unwrap_or("");
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    let (mut s, mut e) = (
        field.start + lead,
        field.end.saturating_sub(trail).max(field.start + lead),
    );
    if e >= s + 2
        && raw.as_bytes().get(s) == Some(&b'"')
        && raw.as_bytes().get(e - 1) == Some(&b'"')
    {
        s += 1;
        e -= 1;
    }
    s..e
}

/// True when `bytes` (from the start of a line) read as GB18030 without a
/// single error: what a GBK or GB18030 file saved by Chinese Excel gives.
/// A character cut at the end of `bytes` is not held against it.
pub(crate) fn looks_like_gb18030(bytes: &[u8]) -> bool {
    let cut = memchr::memrchr(b'\n', bytes).map_or(bytes.len(), |i| i + 1);
    let bytes = &bytes[..cut];
    !bytes.is_ascii()
        && encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_fields_as_written() {
        let raw = "a,\"b,c\", d ,\r\n";
        let r = field_ranges(raw, b',');
        let texts: Vec<&str> = r.iter().map(|r| &raw[r.clone()]).collect();
        assert_eq!(texts, ["a", "\"b,c\"", " d ", ""]);
        assert_eq!(&raw[value_range(raw, r[1].clone())], "b,c");
        assert_eq!(&raw[value_range(raw, r[2].clone())], "d");
    }

    #[test]
    fn gbk_bytes_look_like_gb18030() {
        // 企业|污染物 in GBK, then a cut character.
        let gbk = b"\xc6\xf3\xd2\xb5|\xce\xdb\xc8\xbe\xce\xef\n\xc6";
        assert!(looks_like_gb18030(gbk));
        assert!(!looks_like_gb18030(b"time,value\n"));
        assert!(!looks_like_gb18030(b"\xff\xfe\x00\x00\n"));
    }
}
