//! The conversion context: the field path being converted, the errors found
//! so far, and the mapping reader that refuses unknown keys.

use super::syntax::path_string;
use super::tree::{Kind, Node};
use crate::messages::{has_key, t};
use crate::values::{Diagnostic, Span, Spanned};
use std::collections::HashMap;
use std::fmt::Display;
use std::hash::Hash;

/// Arguments of a catalogue message.
pub(crate) type Args<'x> = &'x [(&'x str, &'x dyn Display)];

enum Seg<'t> {
    Key(&'t str),
    Index(usize),
}

/// Conversion state: the path from the root to the value being converted,
/// and the errors collected (never stopping at the first).
pub(crate) struct Cx<'t> {
    path: Vec<Seg<'t>>,
    /// The errors found.
    pub diags: Vec<Diagnostic>,
    /// Spans of refused merge keys (`<<`): their mappings report no missing field.
    pub merged: Vec<Span>,
    /// The reporting year (`park.period`) once the park is converted; `None`
    /// when it is absent or invalid (then no date is checked against it).
    pub period: Option<i16>,
    /// Byte offsets where the file's lines start (for "first at line N").
    pub line_starts: Vec<usize>,
    /// The park's timezone (`park.timezone`, default Asia/Shanghai): local
    /// calendar dates of date-times are taken in it.
    pub timezone: jiff::tz::TimeZone,
    /// The folder of the filing file: monitoring files are named relative
    /// to it (empty for a bare file name: the current directory).
    pub folder: std::path::PathBuf,
}

impl Default for Cx<'_> {
    fn default() -> Self {
        Cx {
            path: Vec::new(),
            diags: Vec::new(),
            merged: Vec::new(),
            period: None,
            line_starts: Vec::new(),
            timezone: jiff::tz::TimeZone::UTC,
            folder: std::path::PathBuf::new(),
        }
    }
}

/// A mapping whose keys were checked against the allowed names.
pub(crate) struct Fields<'t, 'a> {
    /// The mapping node.
    pub node: &'t Node<'a>,
    /// Its entries.
    pub entries: &'t [(Node<'a>, Node<'a>)],
}

impl<'t, 'a> Fields<'t, 'a> {
    /// The entry (key and value) for `key`.
    pub fn entry(&self, key: &str) -> Option<&'t (Node<'a>, Node<'a>)> {
        self.entries
            .iter()
            .find(|(k, _)| k.scalar().is_some_and(|(k, _)| k == key))
    }
    /// Where a missing field is reported: the mapping's first key, or the
    /// mapping itself when empty.
    pub fn anchor(&self) -> Span {
        self.entries.first().map_or(self.node.span, |(k, _)| k.span)
    }
}

impl<'t> Cx<'t> {
    /// Runs `f` with `key` appended to the path.
    pub fn key<R>(&mut self, key: &'t str, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(Seg::Key(key));
        let r = f(self);
        self.path.pop();
        r
    }

    /// Checks a dated key (a sample's date, a row's month) of year `year`:
    /// inside the reporting year, and not already in `seen` (one entry per
    /// date or month). `codes` are the (outside, repeated) message keys and
    /// `arg` names the key in them. `None` after an error.
    pub fn dated_once<K: Eq + Hash + Copy + Display>(
        &mut self,
        key: Spanned<K>,
        year: i16,
        seen: &mut HashMap<K, Span>,
        codes: (&'static str, &'static str),
        arg: &'static str,
    ) -> Option<Spanned<K>> {
        if let Some(period) = self.period
            && year != period
        {
            self.error(codes.0, &[(arg, &key.value), ("period", &period)], key.span);
            return None;
        }
        if let Some(&first) = seen.get(&key.value) {
            let line = self.line_of(first.start);
            self.error_repeat(
                codes.1,
                &[(arg, &key.value), ("line", &line)],
                key.span,
                first,
            );
            return None;
        }
        seen.insert(key.value, key.span);
        Some(key)
    }

    /// The innermost list position on the path (the item being converted).
    pub fn position(&self) -> usize {
        self.path
            .iter()
            .rev()
            .find_map(|s| {
                if let Seg::Index(i) = s {
                    Some(*i)
                } else {
                    None
                }
            })
            .unwrap_or(0)
    }

    /// Runs `f` with `[index]` appended to the path.
    pub fn index<R>(&mut self, index: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(Seg::Index(index));
        let r = f(self);
        self.path.pop();
        r
    }

    /// The current field path (`enterprises[0].outlets[1].samples[2].date`).
    pub fn path(&self) -> String {
        path_string(self.path.iter().map(|s| match s {
            Seg::Key(k) => Err(*k),
            Seg::Index(i) => Ok(*i),
        }))
    }

    /// Records `d` at the current path.
    pub fn report(&mut self, d: Diagnostic) {
        let path = self.path();
        self.diags.push(if path.is_empty() {
            d
        } else {
            d.with_field(path)
        });
    }

    /// Records error `code` at `span`, with the catalogue's `{code}.help` as
    /// help when there is one.
    pub fn error(&mut self, code: &'static str, args: Args<'_>, span: Span) {
        let mut d = Diagnostic::error(code, t(code, args), Some(span));
        let help = format!("{code}.help");
        if has_key(&help) {
            d = d.with_help(t(&help, args));
        }
        self.report(d);
    }

    /// The 1-based line of byte `offset` of the file.
    pub fn line_of(&self, offset: u32) -> usize {
        let offset = offset as usize;
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    /// Records error `code` at `span` (help from the catalogue, as [`Cx::error`])
    /// with a related note at `first`: the earlier entry a second one repeats.
    pub fn error_repeat(&mut self, code: &'static str, args: Args<'_>, span: Span, first: Span) {
        let d = Diagnostic::error(code, t(code, args), Some(span))
            .with_help(t(&format!("{code}.help"), args))
            .with_related(first, t("filing.duplicate_key.first", &[]));
        self.report(d);
    }

    /// Reports every id of `items` (with its list position) that repeats an
    /// earlier one, at `list[i].id`, naming the first's line.
    pub fn unique_ids<'a>(
        &mut self,
        list: &'t str,
        items: impl Iterator<Item = (usize, &'a Spanned<String>)>,
        code: &'static str,
    ) {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for (i, id) in items {
            match seen.get(id.value.as_str()) {
                Some(&first) => {
                    let line = self.line_of(first.start);
                    self.key(list, |cx| {
                        cx.index(i, |cx| {
                            cx.key("id", |cx| {
                                cx.error_repeat(
                                    code,
                                    &[("id", &id.value), ("line", &line)],
                                    id.span,
                                    first,
                                );
                            });
                        });
                    });
                }
                None => {
                    seen.insert(&id.value, id.span);
                }
            }
        }
    }

    /// Records error `code` at `span` with an explicit help line.
    pub fn error_help(&mut self, code: &'static str, args: Args<'_>, span: Span, help: String) {
        self.report(Diagnostic::error(code, t(code, args), Some(span)).with_help(help));
    }

    /// Records "expected {what}, found ..." for `node`; `what` is a catalogue key.
    pub fn expected(&mut self, what: &str, node: &Node<'_>) {
        let what = t(what, &[]);
        let found = found(node);
        self.error(
            "filing.expected",
            &[("what", &what), ("found", &found)],
            node.span,
        );
    }

    /// Reads `node` as a mapping whose keys must be in `allowed` (or in
    /// `ignored`: accepted, not read). Unknown keys are errors with a
    /// "did you mean". `None` (after an error) if `node` is not a mapping.
    pub fn mapping<'a>(
        &mut self,
        node: &'t Node<'a>,
        allowed: &[&str],
        ignored: &[&str],
    ) -> Option<Fields<'t, 'a>> {
        let node = node.get();
        let Kind::Map(entries) = &node.kind else {
            self.expected("filing.what.mapping", node);
            return None;
        };
        for (k, _) in entries {
            let Some((key, _)) = k.scalar() else { continue };
            if !allowed.contains(&key) && !ignored.contains(&key) {
                self.unknown_key(key, k.span, allowed);
            }
        }
        let fields = Fields { node, entries };
        if allowed.contains(&"extra") {
            self.check_extra(&fields);
        }
        Some(fields)
    }

    /// `extra:` holds data rules may read; it is not checked, but must be a
    /// mapping.
    pub fn check_extra(&mut self, fields: &Fields<'t, '_>) {
        if let Some((_, extra)) = fields.entry("extra")
            && !extra.is_null()
            && !matches!(extra.get().kind, Kind::Map(_))
        {
            self.key("extra", |cx| {
                cx.expected("filing.what.mapping", extra.get())
            });
        }
    }

    /// Records an unknown key, suggesting the closest of `allowed`.
    pub fn unknown_key(&mut self, key: &str, span: Span, allowed: &[&str]) {
        let help = match suggest(key, allowed.iter().copied()) {
            Some(s) => t("filing.did_you_mean", &[("suggest", &s)]),
            None => t(
                "filing.unknown_key.help",
                &[("allowed", &allowed.join(", "))],
            ),
        };
        self.error_help("filing.unknown_key", &[("key", &visible(key))], span, help);
    }

    /// An optional field: `None` when absent or null, else `conv` of the value
    /// with the key on the path.
    pub fn opt<'a, T>(
        &mut self,
        f: &Fields<'t, 'a>,
        key: &'t str,
        conv: impl FnOnce(&mut Self, &'t Node<'a>) -> Option<T>,
    ) -> Option<T> {
        let (_, value) = f.entry(key)?;
        if value.is_null() {
            return None;
        }
        self.key(key, |cx| conv(cx, value.get()))
    }

    /// A required field: an error when absent or null, else `conv` of the value.
    pub fn req<'a, T>(
        &mut self,
        f: &Fields<'t, 'a>,
        key: &'t str,
        conv: impl FnOnce(&mut Self, &'t Node<'a>) -> Option<T>,
    ) -> Option<T> {
        match f.entry(key) {
            Some((_, value)) if !value.is_null() => self.key(key, |cx| conv(cx, value.get())),
            Some((k, _)) => {
                let span = k.span;
                self.error("filing.missing_value", &[("key", &key)], span);
                None
            }
            None => {
                let (start, end) = (f.node.span.start, f.node.span.end);
                if !self.merged.iter().any(|m| m.start >= start && m.end <= end) {
                    self.error("filing.missing", &[("key", &key)], f.anchor());
                }
                None
            }
        }
    }

    /// The items of a list field (absent or null: none). Each item is
    /// converted by `conv` with `[i]` on the path; `None` results are dropped.
    pub fn list<'a, T>(
        &mut self,
        f: &Fields<'t, 'a>,
        key: &'t str,
        mut conv: impl FnMut(&mut Self, &'t Node<'a>) -> Option<T>,
    ) -> Vec<T> {
        self.opt(f, key, |cx, node| {
            let Kind::Seq(items) = &node.kind else {
                cx.expected("filing.what.list", node);
                return None;
            };
            Some(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| cx.index(i, |cx| conv(cx, item.get())))
                    .collect(),
            )
        })
        .unwrap_or_default()
    }
}

/// How a node is described in "found ...": its text in backticks, or what
/// kind of node it is.
pub(crate) fn found(node: &Node<'_>) -> String {
    if node.is_null() {
        return t("filing.found.null", &[]);
    }
    match &node.get().kind {
        Kind::Scalar { text, plain: true } => format!("`{}`", visible(text)),
        Kind::Scalar { text, plain: false } => {
            t("filing.found.quoted", &[("text", &visible(text))])
        }
        Kind::Seq(_) => t("filing.found.list", &[]),
        _ => t("filing.found.mapping", &[]),
    }
}

/// `text` with invisible and control characters escaped (`\u{feff}`), so a
/// message never shows two keys that look the same.
pub(crate) fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{FEFF}' | '\u{200B}'..='\u{200F}' | '\u{00A0}') {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The candidate closest to `text` (case-insensitive Jaro-Winkler above 0.8).
pub(crate) fn suggest<'c>(
    text: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let lower = text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&c.to_lowercase(), &lower), c))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
