//! Source files and spans: a span is a file id plus a byte range; line and
//! column are computed only when rendering (1-based, columns in Unicode
//! characters).

use std::sync::Arc;

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file. Spans compare equal to each other
/// always, so structural equality of spanned data ignores positions.
#[derive(Debug, Clone, Copy, Default)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl PartialEq for Span {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}
impl Eq for Span {}

impl Span {
    /// A span over `start..end` in `file`.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }
    /// The same range with its file id moved up by `shift` (after
    /// [`Sources::append`] put its file behind others).
    pub fn shifted(self, shift: u32) -> Span {
        Span {
            file: FileId(self.file.0.saturating_add(shift)),
            ..self
        }
    }
    /// The byte range as `usize`s.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    /// The smallest span covering both (same file assumed).
    pub fn to(&self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A value with the span it came from. Equality ignores the span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps `value` with `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// One loaded source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as the user gave it (or `<embedded>/...` for shipped packs).
    pub name: String,
    /// Full text (after decoding; a leading BOM is kept so offsets match the
    /// bytes), or, for an excerpt, only the lines it holds.
    pub text: Arc<str>,
    /// The file's line number of the text's first line: 1 for a whole file;
    /// for an excerpt (one CSV line) the line it was taken from.
    pub first_line: usize,
    /// For lines kept from a file (see [`Sources::add_lines`]): the file's
    /// line number of each line of `text`; empty when the lines follow one
    /// another from `first_line`.
    pub numbers: Arc<[u32]>,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// The file's line number of line `index` (0-based) of `text`.
    pub fn line_number(&self, index: usize) -> usize {
        match self.numbers.get(index) {
            Some(&n) => n as usize,
            None => index + self.first_line,
        }
    }
}

/// A resolved 1-based line and column (column counted in Unicode characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// All source files of a run: rule files, filings, CSV series.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>) -> FileId {
        self.add_excerpt(name, 1, text)
    }
    /// Adds an excerpt of a file too large to hold: `text` is the file's
    /// line `first_line` (1-based; or a few lines from it), so a diagnostic
    /// can point into one CSV row without loading the whole file. Lines and
    /// columns are then reported as in the file: spans index into `text`,
    /// and [`Sources::line_col`] adds `first_line - 1` to its line. (A
    /// leading BOM is skipped as a column only when `first_line` is 1.)
    pub fn add_excerpt(
        &mut self,
        name: impl Into<String>,
        first_line: usize,
        text: impl Into<Arc<str>>,
    ) -> FileId {
        let text: Arc<str> = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        self.files.push(SourceFile {
            name: name.into(),
            text,
            first_line: first_line.max(1),
            numbers: Arc::from([]),
            line_starts,
        });
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }
    /// Adds lines kept from a file too large to hold, not one after the
    /// other: `text` holds them, each ended by `\n`, and `numbers` gives
    /// each one's line number in the file. Spans index into `text`;
    /// [`Sources::line_col`] reports the file's line numbers.
    pub fn add_lines(
        &mut self,
        name: impl Into<String>,
        text: impl Into<Arc<str>>,
        numbers: Vec<u32>,
    ) -> FileId {
        let id = self.add_excerpt(name, 1, text);
        if let Some(f) = self.files.last_mut() {
            f.numbers = numbers.into();
        }
        id
    }
    /// Moves every file of `other` behind these; returns how far their ids
    /// moved (give it to [`Span::shifted`] for the spans into them).
    pub fn append(&mut self, other: Sources) -> u32 {
        let shift = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
        self.files.extend(other.files);
        shift
    }
    /// The file with this id. Panics never: an unknown id gives an empty file.
    pub fn file(&self, id: FileId) -> &SourceFile {
        static EMPTY: std::sync::OnceLock<SourceFile> = std::sync::OnceLock::new();
        self.files.get(id.0 as usize).unwrap_or_else(|| {
            EMPTY.get_or_init(|| SourceFile {
                name: String::new(),
                text: Arc::from(""),
                first_line: 1,
                numbers: Arc::from([]),
                line_starts: vec![0],
            })
        })
    }
    /// The file's name.
    pub fn name(&self, id: FileId) -> &str {
        &self.file(id).name
    }
    /// The text a span covers (empty if out of range).
    pub fn snippet(&self, span: Span) -> &str {
        self.file(span.file).text.get(span.range()).unwrap_or("")
    }
    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, file: FileId, offset: usize) -> LineCol {
        let f = self.file(file);
        f.line_col(f.line_index(offset), offset)
    }
    /// The 1-based lines and columns of both ends of `span`; the line of
    /// the end is searched for only when it is not the start's.
    pub fn line_cols(&self, span: Span) -> (LineCol, LineCol) {
        let f = self.file(span.file);
        let (start, end) = (span.start as usize, span.end as usize);
        let line = f.line_index(start);
        let end_line = match f.line_starts.get(line + 1) {
            Some(&next) if next <= end => f.line_index(end),
            _ if end < f.line_starts[line] => f.line_index(end),
            _ => line,
        };
        (f.line_col(line, start), f.line_col(end_line, end))
    }
}

impl SourceFile {
    /// The 0-based index in `text` of the line holding byte `offset`.
    fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1) - 1
    }
    /// The 1-based line and column of byte `offset` on line `index`.
    fn line_col(&self, index: usize, offset: usize) -> LineCol {
        let start = self.line_starts[index];
        let end = offset.min(self.text.len());
        let text = self.text.get(start..end).unwrap_or("");
        // A leading BOM is kept so byte offsets match the file, but it is not a column.
        let text = if start == 0 && self.first_line == 1 && self.numbers.is_empty() {
            text.strip_prefix('\u{FEFF}').unwrap_or(text)
        } else {
            text
        };
        LineCol {
            line: self.line_number(index),
            column: text.chars().count() + 1,
        }
    }
}

impl Sources {
    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }
    /// True when no file was added.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}
