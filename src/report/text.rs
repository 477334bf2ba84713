//! A finding's message, help and evidence, filled from its template and its
//! own fields (the evaluator only chooses the template).

use crate::check::PLACEHOLDERS;
use crate::eval::{Finding, Readings, Template};
use crate::messages::{self, Piece};
use crate::values::{Span, digits};
use std::fmt::Display;

/// A finding's message or help: its template filled from the finding,
/// leading blanks dropped (a template may open with an empty field).
pub struct Filled<'a>(pub &'a Finding, pub &'a Template);

impl Display for Filled<'_> {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_to(out)
    }
}

impl<'a> Filled<'a> {
    /// The template's text (a catalogue key looked up).
    pub fn template(template: &'a Template) -> &'a str {
        match template {
            Template::Key(key) => messages::template(key),
            Template::Rule(own) => own,
        }
    }
    /// Writes the filled text to `out` (what `Display` shows).
    pub fn write_to(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        let template = Filled::template(self.1);
        self.write_pieces(out, messages::pieces(template, PLACEHOLDERS))
    }
    /// Writes the text of a template already split by [`PLACEHOLDERS`].
    pub fn write_pieces<'t>(
        &self,
        out: &mut impl std::fmt::Write,
        pieces: impl IntoIterator<Item = Piece<'t>>,
    ) -> std::fmt::Result {
        let mut out = TrimStart {
            out,
            started: false,
        };
        messages::fill_pieces(&mut out, pieces, |out, i| self.arg(out, i))
    }
    /// Writes argument `i` of [`PLACEHOLDERS`] (in their order there).
    fn arg(&self, out: &mut impl std::fmt::Write, i: usize) -> std::fmt::Result {
        let f = self.0;
        let text = |s: &'a Option<String>| s.as_deref().unwrap_or("");
        let s = match i {
            0 => f.pollutant.map_or("", |p| p.name()),
            1 => f.actual.as_deref().unwrap_or(""),
            2 => f.expected.as_deref().unwrap_or(""),
            3 => text(&f.details().class),
            4 => &f.subject.id,
            5 => return f.period.write_to(out),
            6 => &f.rule.title,
            7 => &f.rule.cite,
            8 => text(&f.details().reason),
            _ => {
                for (n, m) in f.details().missing.iter().enumerate() {
                    if n > 0 {
                        out.write_str("; ")?;
                    }
                    out.write_str(m)?;
                }
                return Ok(());
            }
        };
        out.write_str(s)
    }
}

/// Writes what it is given, less the whitespace before the first text.
struct TrimStart<'a, W> {
    out: &'a mut W,
    started: bool,
}

impl<W: std::fmt::Write> std::fmt::Write for TrimStart<'_, W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let s = if self.started { s } else { s.trim_start() };
        self.started |= !s.is_empty();
        self.out.write_str(s)
    }
}

/// The finding's one-line message.
pub fn message(f: &Finding) -> String {
    Filled(f, &f.message).to_string()
}

/// The finding's help line (what to do), if any.
pub fn help(f: &Finding) -> Option<String> {
    f.help.as_ref().map(|h| Filled(f, h).to_string())
}

/// Where a window's readings are, as displayed: `lines 1234-1257 of FILE:
/// 19 valid (20 needed), 0 excluded by their flag`.
pub struct ReadingsText<'a>(pub &'a Readings);

impl Display for ReadingsText<'_> {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_to(out)
    }
}

/// The placeholders of a window's readings, in [`ReadingsText::arg`]'s
/// order.
pub const READINGS_ARGS: [&str; 7] = [
    "first",
    "last",
    "file",
    "valid",
    "needed",
    "excluded",
    "over_range",
];

impl ReadingsText<'_> {
    /// The catalogue key of the text.
    pub fn key(&self) -> &'static str {
        let r = self.0;
        match (r.first_line, r.over_range_line) {
            (0, _) => "eval.window.none",
            (first, 0) if first == r.last_line => "eval.window.line",
            (_, 0) => "eval.window.lines",
            (first, _) if first == r.last_line => "eval.window.line.over_range",
            _ => "eval.window.lines.over_range",
        }
    }
    /// Writes the text to `out` (what `Display` shows).
    pub fn write_to(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        let template = messages::template(self.key());
        let pieces = messages::pieces(template, READINGS_ARGS);
        messages::fill_pieces(out, pieces, |out, i| self.arg(out, i))
    }
    /// Writes argument `i` of [`READINGS_ARGS`].
    pub fn arg(&self, out: &mut impl std::fmt::Write, i: usize) -> std::fmt::Result {
        let r = self.0;
        let n = match i {
            0 => r.first_line,
            1 => r.last_line,
            2 => return out.write_str(&r.file),
            3 => r.valid,
            6 => r.over_range_line,
            4 => match r.needed {
                Some(n) => n,
                None => return out.write_str("?"),
            },
            _ => r.excluded,
        };
        digits::write_uint(out, u64::from(n))
    }
}

/// The value of a piece of evidence as shown.
pub enum ShownValue<'a> {
    /// A window's readings (see [`ReadingsText`]).
    Readings(&'a Readings),
    /// A value shown as it is.
    Text(&'a str),
}

impl Display for ShownValue<'_> {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_to(out)
    }
}

impl ShownValue<'_> {
    /// Writes the value to `out` (what `Display` shows).
    pub fn write_to(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        match self {
            ShownValue::Readings(r) => ReadingsText(r).write_to(out),
            ShownValue::Text(text) => out.write_str(text),
        }
    }
}

/// One piece of evidence as shown.
pub struct Shown<'a> {
    /// What it is (`readings`, `share`).
    pub what: &'a str,
    /// The subject it belongs to, or empty.
    pub subject_id: &'a str,
    /// The value as shown.
    pub value: ShownValue<'a>,
    /// Where in the filing.
    pub span: Option<Span>,
}

/// A finding's evidence in order: the window's readings, then the rest.
pub fn evidence(f: &Finding) -> impl Iterator<Item = Shown<'_>> {
    let readings = f.readings.as_ref().map(|r| Shown {
        what: "readings",
        subject_id: "",
        value: ShownValue::Readings(r),
        span: None,
    });
    readings
        .into_iter()
        .chain(f.evidence().iter().map(|e| Shown {
            what: e.what,
            subject_id: &e.subject_id,
            value: ShownValue::Text(&e.value),
            span: e.span,
        }))
}
