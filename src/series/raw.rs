//! The bytes under the CSV parser: the file is read in blocks into one
//! buffer that always holds the record being parsed from its first byte,
//! so a record's line can be quoted without the file being held, and
//! `csv_core` splits it there (no second copy of the bytes). Physical
//! lines are counted (blank lines too, N13), and a record's size is
//! bounded.

use std::io::{self, Read};
use std::ops::Range;

/// Bytes read at a time.
const BLOCK: usize = 64 * 1024;

/// Bytes before the current record are dropped once this many pile up
/// (large beside a block, so the bytes after the record are seldom moved).
const TRIM_AT: usize = 1024 * 1024;

/// A record (a line, or the lines of a quoted field) longer than this is
/// refused: a stray quote or a file that is not CSV would otherwise be
/// held whole.
pub(crate) const MAX_RECORD: usize = 1024 * 1024;

/// What the scanner found next.
pub(crate) enum Next {
    /// A record: its fields are [`Scanner::fields`].
    Record(RawAt),
    /// A record grew past [`MAX_RECORD`] (where it starts).
    TooLong(RawAt),
    /// The file could not be read.
    Io(io::Error),
    /// No more records.
    End,
}

/// Where a record's raw bytes are: its physical line, its stream offset,
/// and its range in the scanner's buffer (line ending included).
#[derive(Debug, Clone)]
pub(crate) struct RawAt {
    pub line: usize,
    pub start: u64,
    pub range: Range<usize>,
}

/// The fields of the last record.
pub(crate) struct Fields<'s> {
    data: &'s [u8],
    ends: &'s [usize],
}

impl<'s> Fields<'s> {
    /// Number of fields.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }
    /// Where field `i` is in [`Fields::as_slice`].
    pub(crate) fn range(&self, i: usize) -> Option<Range<usize>> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
        Some(start..end)
    }
    /// All fields' bytes, one after the other.
    pub(crate) fn as_slice(&self) -> &'s [u8] {
        &self.data[..self.ends.last().copied().unwrap_or(0).min(self.data.len())]
    }
}

/// Reads CSV records from `inner` with `csv_core`.
pub(crate) struct Scanner<R> {
    inner: R,
    core: csv_core::Reader,
    /// Bytes read, from stream offset `base`.
    buf: Vec<u8>,
    base: u64,
    /// Parse position in `buf`.
    pos: usize,
    eof: bool,
    /// The last record's field bytes and field ends.
    out: Vec<u8>,
    ends: Vec<usize>,
    nend: usize,
}

impl<R: Read> Scanner<R> {
    /// A scanner of `inner`, fields split at `delimiter`.
    pub(crate) fn new(inner: R, delimiter: u8) -> Self {
        Scanner {
            inner,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            buf: Vec::with_capacity(2 * TRIM_AT),
            base: 0,
            pos: 0,
            eof: false,
            out: vec![0; 1024],
            ends: vec![0; 16],
            nend: 0,
        }
    }

    /// The next record. The parser skips blank lines (and the line ending
    /// before a record), so the record's true start is found after them and
    /// its line counted from the parser's.
    pub(crate) fn next(&mut self) -> Next {
        if self.pos > TRIM_AT {
            self.buf.drain(..self.pos);
            self.base += self.pos as u64;
            self.pos = 0;
        }
        let (begin, line0) = (self.pos, self.core.line());
        let (mut nout, mut nend) = (0, 0);
        loop {
            if self.pos == self.buf.len() && !self.eof {
                if self.pos - begin > MAX_RECORD {
                    return Next::TooLong(self.at(begin, line0, self.pos));
                }
                if let Err(e) = self.fill() {
                    return Next::Io(e);
                }
            }
            let input = self.buf.get(self.pos..).unwrap_or_default();
            let out = self.out.get_mut(nout..).unwrap_or_default();
            let ends = self.ends.get_mut(nend..).unwrap_or_default();
            let (res, nin, o, e) = self.core.read_record(input, out, ends);
            (self.pos, nout, nend) = (self.pos + nin, nout + o, nend + e);
            match res {
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    self.nend = nend;
                    return Next::Record(self.at(begin, line0, self.pos));
                }
                csv_core::ReadRecordResult::End => return Next::End,
            }
        }
    }

    /// Reads one more block (none at the end of the input), into the
    /// buffer's spare room (not zeroed first).
    fn fill(&mut self) -> io::Result<()> {
        self.buf.reserve(BLOCK);
        let n = (&mut self.inner)
            .take(BLOCK as u64)
            .read_to_end(&mut self.buf)?;
        self.eof = n == 0;
        Ok(())
    }

    /// The record parsed from `begin` (line `line0` there) to `end`,
    /// leading line endings skipped.
    fn at(&self, begin: usize, line0: u64, end: usize) -> RawAt {
        let bytes = self.buf.get(begin..end).unwrap_or_default();
        let skip = bytes
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        let newlines = bytes[..skip].iter().filter(|&&b| b == b'\n').count();
        RawAt {
            line: usize::try_from(line0).unwrap_or(usize::MAX) + newlines,
            start: self.base + (begin + skip) as u64,
            range: begin + skip..end.max(begin + skip),
        }
    }

    /// The last record's fields.
    pub(crate) fn fields(&self) -> Fields<'_> {
        Fields {
            data: &self.out,
            ends: self.ends.get(..self.nend).unwrap_or_default(),
        }
    }

    /// Bytes of `range` in the buffer (at most `max` of them).
    pub(crate) fn bytes(&self, range: Range<usize>, max: usize) -> &[u8] {
        let end = range.end.min(range.start.saturating_add(max));
        self.buf.get(range.start..end).unwrap_or_default()
    }

    /// Bytes from `start` in the buffer to the end of what was read.
    pub(crate) fn rest(&self, start: usize) -> &[u8] {
        self.buf.get(start..).unwrap_or_default()
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
