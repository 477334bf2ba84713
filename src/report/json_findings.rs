//! The `findings` array of the result JSON, rendered in parallel a bounded
//! batch at a time and written in order, so memory does not grow with the
//! number of findings.

use super::json::severity;
use super::json_out as out;
use super::text::{self, Filled, ShownValue};
use crate::eval::{Finding, RuleInfo, Status, Subject, Template};
use crate::messages::{self, Piece};
use crate::values::{FileId, Sources, Span};
use rayon::prelude::*;
use std::io::Write;

/// Findings one worker renders to one buffer.
const PER_CHUNK: usize = 512;
/// Chunks rendered at once before they are written (bounds the memory).
const CHUNKS_PER_BATCH: usize = 16;

/// The last key a piece of a finding was rendered for, and its bytes:
/// consecutive findings mostly share their rule, subject and requirement.
struct Last<K> {
    key: Option<K>,
    bytes: Vec<u8>,
}

impl<K: PartialEq> Last<K> {
    fn new() -> Self {
        Last {
            key: None,
            bytes: Vec::new(),
        }
    }
    /// Appends the bytes for `key` to `buf`, rendered by `render` when the
    /// key differs from the last one.
    fn append(&mut self, buf: &mut Vec<u8>, key: K, render: impl FnOnce(&mut Vec<u8>)) {
        if self.key.as_ref() != Some(&key) {
            self.bytes.clear();
            render(&mut self.bytes);
            self.key = Some(key);
        }
        buf.extend_from_slice(&self.bytes);
    }
}

/// Templates split once (see [`messages::pieces`]), by the address and
/// length of their key or their own text (the findings outlive the
/// rendering, so no two share one).
struct Split<'f> {
    by: Vec<((usize, usize), Vec<Piece<'f>>)>,
}

impl<'f> Split<'f> {
    /// The pieces of the template known by `id`: `text()` split by `names`
    /// the first time.
    fn get(&mut self, id: &'f str, text: impl FnOnce() -> &'f str, names: &[&str]) -> &[Piece<'f>] {
        let id = (id.as_ptr() as usize, id.len());
        let at = match self.by.iter().position(|(k, _)| *k == id) {
            Some(at) => at,
            None => {
                let pieces = messages::pieces(text(), names.iter().copied()).collect();
                self.by.push((id, pieces));
                self.by.len() - 1
            }
        };
        &self.by[at].1
    }
    /// The pieces of a finding's message or help.
    fn finding(&mut self, template: &'f Template) -> &[Piece<'f>] {
        let id = match template {
            Template::Key(key) => key,
            Template::Rule(own) => &**own,
        };
        self.get(
            id,
            || Filled::template(template),
            &crate::check::PLACEHOLDERS,
        )
    }
}

/// What a worker remembers from finding to finding.
struct Memo<'f> {
    /// The templates of messages, helps and readings, split.
    split: Split<'f>,
    /// `{"rule":...,"status":`, by the rule (its address: the rule
    /// infos outlive the rendering, so no two share one).
    head: Last<*const RuleInfo>,
    /// `,"subject":...,"subject_id":...`, by the subject.
    subject: Last<*const Subject>,
    /// `,"rule_location":{...}`, by the requirement's span.
    rule_location: Last<(FileId, u32, u32)>,
    /// The opening of a location, by its file.
    file: Last<FileId>,
}

/// The file, line and column of both ends of `span`, as an object; `file`
/// keeps its `{"file":...` opening from one call to the next.
fn location(buf: &mut Vec<u8>, sources: &Sources, span: Span, file: &mut Last<FileId>) {
    let (start, end) = sources.line_cols(span);
    file.append(buf, span.file, |b| {
        member(b, b"{\"file\":", sources.name(span.file));
    });
    for (key, n) in [
        (&b",\"line\":"[..], start.line),
        (b",\"column\":", start.column),
        (b",\"end_line\":", end.line),
        (b",\"end_column\":", end.column),
    ] {
        buf.extend_from_slice(key);
        out::uint(buf, n);
    }
    buf.push(b'}');
}

/// `key` (`,"name":`) and `value` as a JSON string.
fn member(buf: &mut Vec<u8>, key: &[u8], value: &str) {
    buf.extend_from_slice(key);
    out::string(buf, value);
}

/// [`member`] when there is a value.
fn optional(buf: &mut Vec<u8>, key: &[u8], value: Option<&str>) {
    if let Some(v) = value {
        member(buf, key, v);
    }
}

/// `,"evidence":[...]`: the window's readings, then the rest.
fn evidence<'f>(buf: &mut Vec<u8>, sources: &Sources, f: &'f Finding, memo: &mut Memo<'f>) {
    let Memo { split, file, .. } = memo;
    buf.extend_from_slice(b",\"evidence\":[");
    for (i, e) in text::evidence(f).enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        member(buf, b"{\"what\":", e.what);
        member(buf, b",\"subject_id\":", e.subject_id);
        buf.extend_from_slice(b",\"value\":");
        match e.value {
            ShownValue::Readings(r) => {
                let shown = text::ReadingsText(r);
                let key = shown.key();
                let pieces = split.get(key, || messages::template(key), &text::READINGS_ARGS);
                let pieces = pieces.iter().copied();
                out::text_with(buf, |w| {
                    messages::fill_pieces(w, pieces, |w, i| shown.arg(w, i))
                });
            }
            ShownValue::Text(value) => out::string(buf, value),
        }
        if let Some(span) = e.span {
            buf.extend_from_slice(b",\"location\":");
            location(buf, sources, span, file);
        }
        buf.push(b'}');
    }
    buf.push(b']');
}

/// One finding as a JSON object (members in the order of the schema).
fn finding<'f>(buf: &mut Vec<u8>, sources: &Sources, f: &'f Finding, memo: &mut Memo<'f>) {
    let rule = &*f.rule;
    memo.head.append(buf, rule, |b| {
        member(b, b"{\"rule\":", &rule.id);
        member(b, b",\"ruleset\":", &rule.ruleset);
        member(b, b",\"kind\":", rule.kind);
        b.extend_from_slice(b",\"status\":");
    });
    out::string(buf, f.status.as_str());
    member(buf, b",\"severity\":", severity(rule.severity));
    buf.extend_from_slice(b",\"provisional\":");
    out::boolean(buf, f.provisional);
    let subject = &*f.subject;
    memo.subject.append(buf, subject, |b| {
        member(b, b",\"subject\":", &subject.path);
        member(b, b",\"subject_id\":", &subject.id);
    });
    optional(buf, b",\"pollutant\":", f.pollutant.map(|p| p.name()));
    buf.extend_from_slice(b",\"period\":");
    out::text_with(buf, |w| f.period.write_to(w));
    optional(buf, b",\"actual\":", f.actual.as_deref());
    optional(buf, b",\"expected\":", f.expected.as_deref());
    match f.status {
        Status::NotApplicable => optional(buf, b",\"reason\":", f.reason()),
        Status::Unknown => member(buf, b",\"reason\":", &f.missing().join("; ")),
        _ => {}
    }
    buf.extend_from_slice(b",\"message\":");
    let pieces = memo.split.finding(&f.message);
    out::text_with(buf, |w| {
        Filled(f, &f.message).write_pieces(w, pieces.iter().copied())
    });
    if let Some(help) = &f.help {
        buf.extend_from_slice(b",\"help\":");
        let pieces = memo.split.finding(help);
        out::text_with(buf, |w| {
            Filled(f, help).write_pieces(w, pieces.iter().copied())
        });
    }
    member(buf, b",\"cite\":", &rule.cite);
    if let Some(span) = f.span {
        buf.extend_from_slice(b",\"location\":");
        location(buf, sources, span, &mut memo.file);
    }
    let at = f.rule_span;
    memo.rule_location
        .append(buf, (at.file, at.start, at.end), |b| {
            b.extend_from_slice(b",\"rule_location\":");
            location(b, sources, at, &mut Last::new());
        });
    evidence(buf, sources, f, memo);
    buf.extend_from_slice(b",\"missing\":[");
    for (i, m) in f.missing().iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        out::string(buf, m);
    }
    buf.extend_from_slice(b"]}");
}

/// `findings`, comma-separated, into `buf` (cleared first).
fn render(sources: &Sources, findings: &[Finding], buf: &mut Vec<u8>) {
    buf.clear();
    let mut memo = Memo {
        split: Split { by: Vec::new() },
        head: Last::new(),
        subject: Last::new(),
        rule_location: Last::new(),
        file: Last::new(),
    };
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        finding(buf, sources, f, &mut memo);
    }
}

/// Writes `findings` as a JSON array (`[...]`), in order. A thread of
/// its own has the pool render a batch while the calling thread writes the
/// one before (the writer need not be `Send`); two sets of buffers go
/// round between them.
pub fn write_findings(
    sources: &Sources,
    findings: &[Finding],
    out: &mut impl Write,
) -> std::io::Result<()> {
    use std::sync::mpsc;
    out.write_all(b"[")?;
    let chunks: Vec<&[Finding]> = findings.chunks(PER_CHUNK).collect();
    // A set holds one buffer per chunk of a batch.
    let (rendered, to_write) = mpsc::sync_channel::<(Vec<Vec<u8>>, usize)>(1);
    let (written, to_render) = mpsc::channel::<Vec<Vec<u8>>>();
    for _ in 0..2 {
        // The receiver is alive here.
        let _ = written.send(vec![Vec::new(); CHUNKS_PER_BATCH.min(chunks.len())]);
    }
    std::thread::scope(|scope| {
        // Dropped when this closure returns (on an error too), which ends
        // the renderer before the scope waits for it.
        let written = written;
        scope.spawn(move || {
            for batch in chunks.chunks(CHUNKS_PER_BATCH) {
                // Either end failing means the writer stopped.
                let Ok(mut bufs) = to_render.recv() else {
                    return;
                };
                bufs.par_iter_mut()
                    .zip(batch)
                    .for_each(|(buf, chunk)| render(sources, chunk, buf));
                if rendered.send((bufs, batch.len())).is_err() {
                    return;
                }
            }
        });
        let mut first = true;
        for (bufs, n) in to_write {
            for buf in &bufs[..n] {
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                out.write_all(buf)?;
            }
            // The renderer may be done already.
            let _ = written.send(bufs);
        }
        Ok::<(), std::io::Error>(())
    })?;
    out.write_all(b"]")
}
