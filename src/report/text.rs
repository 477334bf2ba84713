//! A finding's message, help and evidence, filled from its template and its
//! own fields (the evaluator only chooses the template).

use crate::eval::{Finding, Readings, Template};
use crate::messages;
use crate::values::Span;
use std::fmt::Display;

/// A finding's message or help: its template filled from the finding,
/// leading blanks dropped (a template may open with an empty field).
pub struct Filled<'a>(pub &'a Finding, pub &'a Template);

impl Display for Filled<'_> {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_to(out)
    }
}

impl Filled<'_> {
    /// Writes the filled text to `out` (what `Display` shows).
    pub fn write_to(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        let Filled(f, template) = *self;
        let pollutant = f.pollutant.map_or("", |p| p.name());
        let details = f.details();
        let missing = details.missing.join("; ");
        let args: [(&str, &dyn Display); 10] = [
            ("pollutant", &pollutant),
            ("actual", &f.actual.as_deref().unwrap_or("")),
            ("expected", &f.expected.as_deref().unwrap_or("")),
            ("class", &details.class.as_deref().unwrap_or("")),
            ("subject", &f.subject.id),
            ("period", &f.period),
            ("title", &f.rule.title),
            ("cite", &f.rule.cite),
            ("reason", &details.reason.as_deref().unwrap_or("")),
            ("missing", &missing),
        ];
        let template = match template {
            Template::Key(key) => messages::template(key),
            Template::Rule(own) => own,
        };
        let mut out = TrimStart {
            out,
            started: false,
        };
        messages::fill_into(&mut out, template, &args)
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

impl ReadingsText<'_> {
    /// Writes the text to `out` (what `Display` shows).
    pub fn write_to(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        let r = self.0;
        let key = if r.first_line == 0 {
            "eval.window.none"
        } else if r.first_line == r.last_line {
            "eval.window.line"
        } else {
            "eval.window.lines"
        };
        let needed: &dyn Display = match &r.needed {
            Some(n) => n,
            None => &"?",
        };
        let args: [(&str, &dyn Display); 6] = [
            ("first", &r.first_line),
            ("last", &r.last_line),
            ("file", &r.file),
            ("valid", &r.valid),
            ("needed", needed),
            ("excluded", &r.excluded),
        ];
        messages::fill_into(out, messages::template(key), &args)
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
