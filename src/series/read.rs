//! Reading one monitoring CSV file into [`Row`]s, streamed: a declared
//! encoding is decoded first, then the text is split (so a GBK trail byte
//! equal to the delimiter never splits a field, N12); each good row goes to
//! the caller as soon as it is read, and each bad one is a located error.
//!
//! Memory does not grow with the file: one reused record, the parser's
//! buffer, the text of the record being read (to quote a bad row's line),
//! two small memos of pollutant and unit spellings, and at most
//! [`ReadSpec::max_diagnostics`] diagnostics, each with an excerpt of its
//! one line ([`Sources::add_excerpt`]), never the whole file.

use super::cells::{self, Column, Columns, Memo, Problem, ValueText};
use super::raw::{
    Fields, MAX_RECORD, Next, RawAt, Scanner, field_ranges, looks_like_gb18030, value_range,
};
use super::{RawLine, Row};
use crate::filing::model::{Encoding, Medium, Monitoring};
use crate::values::{Diagnostic, FileId, Pollutant, Sources, Span, Unit};
use jiff::tz::TimeZone;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

/// Bytes of a bad row's line kept to show it (a longer line is cut).
const MAX_EXCERPT: usize = 4096;
/// Read-ahead of the file and of the parser.
const BUFFER: usize = 64 * 1024;

/// Where the bytes come from.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// A file on disk (opened read-only; never written).
    Path(&'a Path),
    /// Bytes in memory (tests, or a file already read).
    Bytes(&'a [u8]),
}

/// How to read one monitoring file.
#[derive(Debug, Clone)]
pub struct ReadSpec<'a> {
    /// The file's name in diagnostics (the path as the user can open it).
    pub name: String,
    /// The bytes.
    pub input: Input<'a>,
    /// The declared encoding (UTF-8 unless the filing says `gb18030`).
    pub encoding: Encoding,
    /// The field separator (`,` unless the filing says otherwise).
    pub delimiter: u8,
    /// The park's timezone: a time with an offset is converted to it; a
    /// time without one is already local.
    pub timezone: TimeZone,
    /// The outlet's medium, when known: a concentration must be per litre
    /// at a water outlet and per standard cubic metre at an air outlet.
    pub medium: Option<Medium>,
    /// Where the filing names the file (the `monitoring:` value): errors
    /// about the file as a whole (not found, unreadable) point there.
    pub at: Option<Span>,
    /// Most per-row diagnostics kept (default 100); the rest are counted in
    /// one last "… and N more" error.
    pub max_diagnostics: usize,
}

impl<'a> ReadSpec<'a> {
    /// A UTF-8, comma-separated file named `name`, times in Asia/Shanghai,
    /// medium unknown.
    pub fn new(name: impl Into<String>, input: Input<'a>) -> Self {
        ReadSpec {
            name: name.into(),
            input,
            encoding: Encoding::Utf8,
            delimiter: b',',
            timezone: jiff::tz::db().get("Asia/Shanghai").unwrap_or(TimeZone::UTC),
            medium: None,
            at: None,
            max_diagnostics: 100,
        }
    }

    /// The file of an outlet's `monitoring:` (its resolved path, encoding
    /// and delimiter), at an outlet of `medium`, for a park in `timezone`.
    pub fn for_monitoring(m: &'a Monitoring, medium: Medium, timezone: TimeZone) -> Self {
        ReadSpec {
            encoding: m.encoding,
            delimiter: m.delimiter,
            timezone,
            medium: Some(medium),
            at: Some(m.file.span),
            ..ReadSpec::new(m.path.display().to_string(), Input::Path(&m.path))
        }
    }
}

/// What reading a file gave besides its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOutcome {
    /// Errors (and warnings) in file order; per-row ones capped at
    /// [`ReadSpec::max_diagnostics`], then one "… and N more".
    pub diagnostics: Vec<Diagnostic>,
    /// Records after the header (blank lines are not records).
    pub records: u64,
    /// Records that became a [`Row`] (a missing value is still a row).
    pub good: u64,
    /// Records refused with an error.
    pub bad: u64,
    /// Where the header put each column (`None`: no usable header).
    pub(crate) columns: Option<Columns>,
}

/// Reads the file of `spec`, calling `on_row` with each good row and its
/// line as read, as it is read (rows in file order). Never panics; every problem is in the
/// outcome's diagnostics, located at the file's physical line (blank
/// lines counted, N13) through an excerpt registered in `sources`.
///
/// The header names the columns `time,pollutant,value,unit,flag` in any
/// order (`flag` may be left out); a header with a duplicate or missing
/// required column reads no row. A file that is not UTF-8 and declares no
/// encoding gives one error at its first bad byte, and nothing after it is
/// read (N12).
pub fn read(
    spec: &ReadSpec<'_>,
    sources: &mut Sources,
    on_row: impl FnMut(Row, RawLine<'_>),
) -> ReadOutcome {
    let mut r = Reader {
        spec,
        sources,
        out: ReadOutcome::default(),
        shown: 0,
        hidden: 0,
        first_hidden: None,
    };
    let input: Box<dyn Read + '_> = match spec.input {
        Input::Bytes(b) => Box::new(b),
        Input::Path(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                r.file_error(&e);
                return r.out;
            }
        },
    };
    let mut buffered = BufReader::with_capacity(BUFFER, input);
    let mut encoding = spec.encoding;
    if encoding == Encoding::Gb18030
        && buffered
            .fill_buf()
            .is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF"))
    {
        encoding = Encoding::Utf8;
        r.whole_file(
            "series.bom_utf8",
            Vec::new(),
            crate::values::Severity::Warning,
        );
    }
    let decoded: Box<dyn Read + '_> = match encoding {
        Encoding::Utf8 => Box::new(buffered),
        Encoding::Gb18030 => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding_rs::GB18030))
                .build(buffered),
        ),
    };
    r.records(Scanner::new(decoded, spec.delimiter), encoding, on_row);
    r.finish()
}

/// The record's text when every field is UTF-8; `None` when a field is not.
/// (The fields are validated at once: their concatenation is UTF-8 and,
/// unless it is ASCII, each field starts and ends on a character boundary.)
fn text_of<'f>(record: &Fields<'f>) -> Option<&'f str> {
    let all = std::str::from_utf8(record.as_slice()).ok()?;
    let whole = |i| record.range(i).is_some_and(|r| all.get(r).is_some());
    (all.is_ascii() || (0..record.len()).all(whole)).then_some(all)
}

/// The state of one read.
struct Reader<'s, 'a> {
    spec: &'s ReadSpec<'a>,
    sources: &'s mut Sources,
    out: ReadOutcome,
    /// Per-row diagnostics kept, and those only counted.
    shown: usize,
    hidden: u64,
    /// The first diagnostic not kept: its line and excerpt.
    first_hidden: Option<(usize, FileId)>,
}

/// The raw text of one record and where it is.
struct Raw<'r> {
    line: usize,
    /// Stream offset of the record's first byte.
    start: u64,
    bytes: &'r [u8],
}

impl Reader<'_, '_> {
    /// Reads the header, then every record.
    fn records<R: Read>(
        &mut self,
        mut scanner: Scanner<R>,
        encoding: Encoding,
        mut on_row: impl FnMut(Row, RawLine<'_>),
    ) {
        let mut columns: Option<Columns> = None;
        let mut pollutants: Memo<Result<Pollutant, Problem>> = Memo::new();
        let mut units: Memo<Result<Unit, Problem>> = Memo::new();
        // (pollutant, unit) pairs whose kind and medium were checked (the
        // unit by its memo's symbol; `None`: an empty cell, unitless).
        let mut suited: Vec<(Pollutant, Option<Arc<str>>)> = Vec::new();
        let mut problems: Vec<(Column, Problem)> = Vec::new();
        // The last time read: the rows of one hour (one per pollutant) repeat it.
        let mut last_time: (String, Option<jiff::civil::DateTime>) = (String::new(), None);
        loop {
            let at: RawAt = match scanner.next() {
                Next::Record(at) => at,
                Next::End => break,
                Next::TooLong(at) => {
                    let bytes = scanner.bytes(at.range.clone(), MAX_EXCERPT).to_vec();
                    let raw = Raw {
                        line: at.line,
                        start: at.start,
                        bytes: &bytes,
                    };
                    let max = MAX_RECORD.to_string();
                    let p = Problem::new("series.record_too_long", &[("max", &max)]);
                    self.at_line(&raw, None, None, &p);
                    return;
                }
                Next::Io(e) => {
                    let error = e.to_string();
                    let name = self.spec.name.clone();
                    let args = vec![("path", name), ("error", error)];
                    self.whole_file("series.io", args, crate::values::Severity::Error);
                    return;
                }
            };
            let record = scanner.fields();
            let raw = Raw {
                line: at.line,
                start: at.start,
                bytes: scanner.bytes(at.range.clone(), usize::MAX),
            };
            // A line of spaces is blank too (the parser skips empty lines).
            if record.len() == 1 && record.as_slice().iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let Some(all) = text_of(&record) else {
                self.not_utf8(&raw, scanner.rest(at.range.start));
                return;
            };
            let field = |i: usize| record.range(i).and_then(|r| all.get(r)).unwrap_or("");
            let Some(cols) = columns else {
                let names: Vec<&str> = (0..record.len()).map(field).collect();
                let (found, header_problems) = cells::header(&names);
                for (i, p) in &header_problems {
                    self.at_line(&raw, *i, Some("header"), p);
                }
                match found {
                    Some(c) => (columns, self.out.columns) = (Some(c), Some(c)),
                    None => return,
                }
                continue;
            };
            self.out.records += 1;
            if encoding == Encoding::Gb18030
                && let Some(i) = memchr::memmem::find(raw.bytes, "\u{FFFD}".as_bytes())
            {
                self.out.bad += 1;
                let p = Problem::new("series.not_gb18030", &[]);
                self.at_offset(&raw, i, "\u{FFFD}".len(), &p);
                continue;
            }
            if record.len() != cols.width {
                self.out.bad += 1;
                let (found, width) = (record.len().to_string(), cols.width.to_string());
                let p = Problem::new("series.row.width", &[("found", &found), ("width", &width)]);
                self.at_line(&raw, None, None, &p);
                continue;
            }
            problems.clear();
            let time_text = field(cols.time);
            let time = match last_time {
                (ref text, Some(t)) if text == time_text => Some(t),
                _ => {
                    let t = cells::time(time_text, &self.spec.timezone)
                        .map_err(|p| problems.push((Column::Time, p)))
                        .ok();
                    last_time.0.clear();
                    last_time.0.push_str(time_text);
                    last_time.1 = t;
                    t
                }
            };
            let pollutant = match pollutants.get(field(cols.pollutant).trim(), cells::pollutant) {
                Ok(p) => Some(*p),
                Err(p) => {
                    problems.push((Column::Pollutant, p.clone()));
                    None
                }
            };
            let value = cells::value(field(cols.value))
                .map_err(|p| problems.push((Column::Value, p)))
                .ok();
            let unit_text = field(cols.unit);
            let unit = match unit_text.trim() {
                "" => Some(None),
                u => match units.get(u, cells::unit) {
                    Ok(unit) => Some(Some(unit)),
                    Err(p) => {
                        problems.push((Column::Unit, p.clone()));
                        None
                    }
                },
            };
            let flag = cols
                .flag
                .map_or(Ok(super::Flag::Normal), |i| cells::flag(field(i)))
                .map_err(|p| problems.push((Column::Flag, p)))
                .ok();
            let row = match (time, pollutant, value, unit, flag) {
                (Some(time), Some(p), Some(value), Some(unit), Some(flag)) => {
                    let symbol = unit.map(|u| &u.symbol);
                    let checked = suited.iter().any(|(q, s)| {
                        *q == p && s.as_ref().map(Arc::as_ptr) == symbol.map(Arc::as_ptr)
                    });
                    match (checked, unit) {
                        (true, Some(u)) => cells::measured(value, u),
                        (true, None) => cells::measured(value, &cells::ONE),
                        (false, _) => {
                            let r = cells::reading(p, value, unit, unit_text, self.spec.medium);
                            if r.is_ok()
                                && suited.len() < 64
                                && !matches!(
                                    value,
                                    ValueText::Missing | ValueText::NotDetected(None)
                                )
                            {
                                suited.push((p, symbol.cloned()));
                            }
                            r
                        }
                    }
                    .map_err(|e| problems.push(e))
                    .ok()
                    .map(|value| Row {
                        line: u32::try_from(at.line).unwrap_or(u32::MAX),
                        time,
                        pollutant: p,
                        value,
                        flag,
                    })
                }
                _ => None,
            };
            match row {
                Some(row) => {
                    self.out.good += 1;
                    on_row(row, RawLine(raw.bytes));
                }
                None => {
                    self.out.bad += 1;
                    for (column, p) in &problems {
                        let i = match column {
                            Column::Time => cols.time,
                            Column::Pollutant => cols.pollutant,
                            Column::Value => cols.value,
                            Column::Unit => cols.unit,
                            Column::Flag => cols.flag.unwrap_or(0),
                        };
                        self.at_line(&raw, Some(i), Some(column.name()), p);
                    }
                }
            }
        }
        if columns.is_none() && self.out.diagnostics.is_empty() {
            self.empty();
        }
    }

    /// The one error of a file that is not UTF-8 and declares no encoding:
    /// the first bad byte, its offset, and what the file looks like. The
    /// excerpt shows the bad byte's line, decoded as GB18030 from that byte
    /// on when the file looks like it (so the reader sees the text the
    /// declaration would give), else cut after it.
    fn not_utf8(&mut self, raw: &Raw<'_>, from_record: &[u8]) {
        let b = raw.bytes;
        let valid = std::str::from_utf8(b).map_or_else(|e| e.valid_up_to(), |s| s.len());
        let byte = b.get(valid).copied().unwrap_or(0);
        let offset = (raw.start + valid as u64).to_string();
        let gb = looks_like_gb18030(&from_record[..from_record.len().min(BUFFER)]);
        let code = if raw.start == 0 && (b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF")) {
            "series.not_utf8.utf16"
        } else if gb {
            "series.not_utf8.gb18030"
        } else {
            "series.not_utf8"
        };
        let line_start = memchr::memrchr(b'\n', &b[..valid]).map_or(0, |i| i + 1);
        let line = raw.line + memchr::memchr_iter(b'\n', &b[..line_start]).count();
        let line_end = memchr::memchr(b'\n', &b[valid..]).map_or(b.len(), |i| valid + i);
        let prefix = String::from_utf8_lossy(&b[line_start..valid]);
        let prefix = match raw.start == 0 && line_start == 0 {
            true => prefix.trim_start_matches('\u{FEFF}').to_string(),
            false => prefix.into_owned(),
        };
        let rest = &b[valid..line_end];
        let rest = rest.strip_suffix(b"\r").unwrap_or(rest);
        let shown = match code {
            "series.not_utf8.gb18030" => encoding_rs::GB18030
                .decode_without_bom_handling(rest)
                .0
                .into_owned(),
            _ => "\u{FFFD}".to_string(),
        };
        let mut text = prefix.clone() + &shown;
        let mut cut = text.len().min(prefix.len() + MAX_EXCERPT);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        let first = shown.chars().next().map_or(0, char::len_utf8);
        let file = self.sources.add_excerpt(self.spec.name.clone(), line, text);
        let byte = format!("{byte:02X}");
        let p = Problem::new(code, &[("byte", &byte), ("offset", &offset)]);
        let span = Span::new(file, prefix.len(), prefix.len() + first);
        self.out.diagnostics.push(p.diagnostic(span, None));
    }

    /// A file with no header line.
    fn empty(&mut self) {
        let file = self.sources.add_excerpt(self.spec.name.clone(), 1, "");
        let p = Problem::new("series.empty", &[]);
        self.out
            .diagnostics
            .push(p.diagnostic(Span::new(file, 0, 0), None));
    }

    /// An error about the file as a whole (it cannot be opened or read, or
    /// its declared encoding is overridden), at the `monitoring:` value.
    fn whole_file(
        &mut self,
        code: &'static str,
        args: Vec<(&'static str, String)>,
        severity: crate::values::Severity,
    ) {
        let p = Problem {
            code,
            args,
            help: None,
        };
        let span = self.spec.at.unwrap_or_default();
        let mut d = p.diagnostic(span, None);
        d.severity = severity;
        if self.spec.at.is_none() {
            d.span = None;
        }
        self.out.diagnostics.push(d);
    }

    /// The file cannot be opened: not found, or another reason.
    fn file_error(&mut self, e: &std::io::Error) {
        let path = self.spec.name.clone();
        if e.kind() == std::io::ErrorKind::NotFound {
            self.whole_file(
                "series.not_found",
                vec![("path", path)],
                crate::values::Severity::Error,
            );
        } else {
            let args = vec![("path", path), ("error", e.to_string())];
            self.whole_file("series.open", args, crate::values::Severity::Error);
        }
    }

    /// Registers the excerpt of a record's line(s): the text (a leading BOM
    /// dropped, cut at [`MAX_EXCERPT`] bytes), and how many bytes were
    /// dropped at its front.
    fn excerpt(&mut self, raw: &Raw<'_>) -> (FileId, usize) {
        let text = String::from_utf8_lossy(raw.bytes);
        let shift = if raw.start == 0 && text.starts_with('\u{FEFF}') {
            '\u{FEFF}'.len_utf8()
        } else {
            0
        };
        let body = text[shift..].trim_end_matches(['\r', '\n']);
        let mut cut = body.len().min(MAX_EXCERPT);
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        let file = self
            .sources
            .add_excerpt(self.spec.name.clone(), raw.line, &body[..cut]);
        (file, shift)
    }

    /// Whether one more per-row diagnostic is kept; when not, it is counted
    /// (and the first one not kept remembered, to locate the "… and N
    /// more" error).
    fn keep(&mut self, raw: &Raw<'_>) -> bool {
        if self.shown < self.spec.max_diagnostics {
            self.shown += 1;
            return true;
        }
        self.hidden += 1;
        if self.first_hidden.is_none() {
            let file = self
                .sources
                .add_excerpt(self.spec.name.clone(), raw.line, "");
            self.first_hidden = Some((raw.line, file));
        }
        false
    }

    /// Records problem `p` of a record: at its field `index` or, with
    /// `None`, at the whole line; `name` is the diagnostic's field (the
    /// column's name, or `header`).
    fn at_line(&mut self, raw: &Raw<'_>, index: Option<usize>, name: Option<&str>, p: &Problem) {
        if !self.keep(raw) {
            return;
        }
        let (file, _) = self.excerpt(raw);
        let text = self.sources.file(file).text.clone();
        let span = match index {
            Some(i) => {
                let ranges = field_ranges(&text, self.spec.delimiter);
                let r = ranges.get(i).cloned().unwrap_or(text.len()..text.len());
                value_range(&text, r)
            }
            None => 0..text.len(),
        };
        let d = p.diagnostic(Span::new(file, span.start, span.end), name);
        self.out.diagnostics.push(d);
    }

    /// Records problem `p` of a record at `len` bytes from byte `at` of its
    /// raw text.
    fn at_offset(&mut self, raw: &Raw<'_>, at: usize, len: usize, p: &Problem) {
        if !self.keep(raw) {
            return;
        }
        let (file, shift) = self.excerpt(raw);
        let max = self.sources.file(file).text.len();
        let s = at.saturating_sub(shift).min(max);
        let d = p.diagnostic(Span::new(file, s, (s + len).min(max)), None);
        self.out.diagnostics.push(d);
    }

    /// The outcome, with the "… and N more" error when some were not kept.
    fn finish(mut self) -> ReadOutcome {
        if let Some((line, file)) = self.first_hidden {
            let (n, max, line) = (
                self.hidden.to_string(),
                self.spec.max_diagnostics.to_string(),
                line.to_string(),
            );
            let p = Problem::new("series.more", &[("n", &n), ("max", &max), ("line", &line)]);
            self.out
                .diagnostics
                .push(p.diagnostic(Span::new(file, 0, 0), None));
        }
        self.out
    }
}
