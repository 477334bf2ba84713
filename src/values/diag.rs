//! The one diagnostic model for rule-file errors, filing errors and (after
//! rendering) findings. Plain data: rendering lives in `report`.

use super::span::Span;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Blocks: a rule file that fails to load, an invalid filing value.
    Error,
    /// Worth a look; does not change the verdict.
    Warning,
    /// For information.
    Info,
}

/// A secondary label: another span with a short text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What to say there (lowercase, no final period).
    pub text: String,
}

/// A located problem in an input file (rule file, filing, CSV).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable message key from the catalogue (e.g. `filing.unknown_key`).
    pub code: &'static str,
    /// The rendered one-line message (lowercase start, no final period).
    pub message: String,
    /// The primary location, if any.
    pub span: Option<Span>,
    /// Text for the primary label (often empty: the message says it).
    pub label: String,
    /// Field path in the filing (`enterprises[1].discharges[0].COD`), if any.
    pub field: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// Secondary labels (e.g. the first occurrence of a duplicate key).
    pub related: Vec<Label>,
}

impl Diagnostic {
    /// An error with a message at a span.
    pub fn error(code: &'static str, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            label: String::new(),
            field: None,
            help: None,
            related: Vec::new(),
        }
    }
    /// A warning with a message at a span.
    pub fn warning(code: &'static str, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message, span)
        }
    }
    /// Sets the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// Sets the field path.
    #[must_use]
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
    /// Sets the primary label text.
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
    /// The same diagnostic with its spans' file ids moved up by `shift`
    /// (see [`crate::values::Sources::append`]).
    #[must_use]
    pub fn shifted(mut self, shift: u32) -> Self {
        self.span = self.span.map(|s| s.shifted(shift));
        for l in &mut self.related {
            l.span = l.span.shifted(shift);
        }
        self
    }
    /// Adds a secondary label.
    #[must_use]
    pub fn with_related(mut self, span: Span, text: impl Into<String>) -> Self {
        self.related.push(Label {
            span,
            text: text.into(),
        });
        self
    }
}
