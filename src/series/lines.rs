//! The text of the rows that locate windows (each day's first reading per
//! pollutant), kept while a file is folded so a finding can show its row
//! without the file being held.
//!
//! Lines go into one buffer per file, each followed by `\n`, with its
//! physical line number beside it: one allocation per file, not one per
//! day. Rows may come in any order, so a day's first row can be replaced
//! by an earlier one; the replaced text is dead, and the buffer is
//! compacted once dead text outweighs live text, so memory stays bounded
//! by the number of days kept, never by the number of rows.

use std::ops::Range;

/// Dead bytes tolerated before a compaction is considered.
const SLACK: usize = 64 * 1024;

/// Where a kept line is: its byte range in the buffer (line ending
/// excluded) and its physical line in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kept {
    /// Byte offset of the line's text in [`RowLines::text`].
    pub start: u32,
    /// Byte length of the text.
    pub len: u32,
    /// Physical line in the file (1-based; 0: nothing kept).
    pub line: u32,
}

impl Kept {
    /// The byte range of the text in the buffer.
    pub fn range(self) -> Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// The kept lines of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowLines {
    /// Kept lines, each followed by `\n`.
    pub text: String,
    /// Physical line number of each line of `text`, in order.
    pub numbers: Vec<u32>,
    /// Bytes of `text` no slot refers to any more.
    dead: usize,
}

impl RowLines {
    /// Stores `text` (physical line `line`) in `slots[at]`, replacing what
    /// the slot held; first compacts when dead text has piled up. `slots`
    /// are all the slots that refer to this buffer.
    pub fn put(&mut self, slots: &mut [Kept], at: usize, line: u32, text: &str) {
        let Some(old) = slots.get_mut(at) else {
            return;
        };
        if old.line != 0 {
            self.dead += old.len as usize + 1;
            *old = Kept::default();
        }
        if self.dead > SLACK && self.dead > self.text.len() / 2 {
            self.compact(slots);
        }
        let kept = Kept {
            start: u32::try_from(self.text.len()).unwrap_or(u32::MAX),
            len: u32::try_from(text.len()).unwrap_or(0),
            line,
        };
        self.text.push_str(text);
        self.text.push('\n');
        self.numbers.push(line);
        if let Some(slot) = slots.get_mut(at) {
            *slot = kept;
        }
    }

    /// Rebuilds the buffer with only the lines `slots` refer to (in buffer
    /// order), moving each slot to its line's new place.
    pub fn compact(&mut self, slots: &mut [Kept]) {
        let mut live: Vec<&mut Kept> = slots.iter_mut().filter(|k| k.line != 0).collect();
        live.sort_by_key(|k| k.start);
        let (mut text, mut numbers) = (String::new(), Vec::with_capacity(live.len()));
        for k in live {
            let start = u32::try_from(text.len()).unwrap_or(u32::MAX);
            text.push_str(self.text.get(k.range()).unwrap_or(""));
            text.push('\n');
            numbers.push(k.line);
            k.start = start;
        }
        *self = RowLines {
            text,
            numbers,
            dead: 0,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaced_lines_are_dropped_once_they_pile_up() {
        let mut lines = RowLines::default();
        let mut days = vec![Kept::default(); 2];
        let row = "x".repeat(1000);
        // Day 0's first row arrives last: every earlier row is replaced.
        for line in (2..500u32).rev() {
            lines.put(&mut days, 0, line, &row);
        }
        assert!(lines.text.len() < 200_000, "{}", lines.text.len());
        lines.put(&mut days, 1, 600, "day two");
        lines.compact(&mut days);
        assert_eq!(lines.numbers, [2, 600]);
        assert_eq!(&lines.text[days[0].range()], row);
        assert_eq!(&lines.text[days[1].range()], "day two");
        assert_eq!(lines.text.len(), 1001 + 8);
    }
}
