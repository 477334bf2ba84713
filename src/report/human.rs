//! Human output: each input error and each fail or unknown finding as a
//! miette report (primary label on the filing value, related note on the
//! rule's requirement), then a summary with the coverage.

use super::CheckResult;
use crate::eval::{Finding, Status};
use crate::messages::t;
use crate::values::{Diagnostic, Severity, Sources, Span};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceSpan, SpanContents,
};
use std::fmt;
use std::sync::Arc;

/// Terminal settings for human output.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// Wrap width in columns.
    pub width: usize,
    /// Use colour (off under NO_COLOR, when not a terminal, and in tests).
    pub color: bool,
    /// Print only the summary.
    pub quiet: bool,
}

#[derive(Debug)]
struct Report {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<Src>,
    labels: Vec<LabeledSpan>,
    /// Notes rendered after the report (the rule's requirement, evidence).
    related: Vec<Report>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Report {}
impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

/// A source file for miette whose columns count Unicode characters (and
/// not a leading BOM), as the JSON locations do; miette counts bytes.
#[derive(Debug)]
struct Src {
    name: String,
    text: Arc<str>,
    /// The file's line number of the text's first line (an excerpt of a CSV
    /// file holds one line: its true number is shown).
    first_line: usize,
    /// Lines kept from a file, not one after the other: each one's number
    /// (then no context lines are shown: they are not the file's).
    numbers: Arc<[u32]>,
}

impl miette::SourceCode for Src {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let kept = !self.numbers.is_empty();
        let (before, after) = if kept { (0, 0) } else { (before, after) };
        let inner = self.text.as_ref().read_span(span, before, after)?;
        let start = inner.span().offset();
        let line_start = self
            .text
            .get(..start)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1);
        let prefix = self.text.get(line_start..start).unwrap_or("");
        let prefix = if line_start == 0 && self.first_line == 1 && !kept {
            prefix.strip_prefix('\u{FEFF}').unwrap_or(prefix)
        } else {
            prefix
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            match self.numbers.get(inner.line()) {
                Some(&n) => (n as usize).saturating_sub(1),
                None => inner.line() + self.first_line - 1,
            },
            prefix.chars().count(),
            inner.line_count(),
        )))
    }
}

fn source(sources: &Sources, span: Span) -> Src {
    let f = sources.file(span.file);
    Src {
        name: f.name.clone(),
        text: Arc::clone(&f.text),
        first_line: f.first_line,
        numbers: Arc::clone(&f.numbers),
    }
}

fn label(span: Span, text: &str) -> LabeledSpan {
    let len = span.end.saturating_sub(span.start) as usize;
    LabeledSpan::new_with_span(
        (!text.is_empty()).then(|| text.to_string()),
        SourceSpan::new((span.start as usize).into(), len),
    )
}

fn located(sources: &Sources, span: Option<Span>, text: &str) -> (Option<Src>, Vec<LabeledSpan>) {
    match span {
        Some(s) => (Some(source(sources, s)), vec![label(s, text)]),
        None => (None, Vec::new()),
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn from_diagnostic(sources: &Sources, d: &Diagnostic) -> Report {
    let (source, labels) = located(sources, d.span, &d.label);
    let message = match &d.field {
        Some(field) => format!("{field}: {}", d.message),
        None => d.message.clone(),
    };
    Report {
        message,
        code: Some(d.code.to_string()),
        severity: miette_severity(d.severity),
        help: d.help.clone(),
        source,
        labels,
        related: d
            .related
            .iter()
            .map(|l| note(sources, l.text.clone(), Some(l.span), &l.text))
            .collect(),
    }
}

/// An advice note with a message and a labelled place.
fn note(sources: &Sources, message: String, span: Option<Span>, label: &str) -> Report {
    let (source, labels) = located(sources, span, label);
    Report {
        message,
        code: None,
        severity: miette::Severity::Advice,
        help: None,
        source,
        labels,
        related: vec![],
    }
}

fn from_finding(sources: &Sources, f: &Finding) -> Report {
    let provisional = if f.provisional {
        t("report.provisional", &[])
    } else {
        String::new()
    };
    let status = t(&format!("report.status.{}", f.status.as_str()), &[]);
    let value_label = match (&f.actual, &f.expected) {
        (Some(a), Some(e)) => t(
            "report.label.actual_expected",
            &[("actual", a), ("expected", e)],
        ),
        (Some(a), None) => a.to_string(),
        _ => String::new(),
    };
    let (source, labels) = located(sources, f.span, &value_label);
    let rule_note = t(
        "report.rule_note",
        &[("rule", &f.rule.id), ("cite", &f.rule.cite)],
    );
    let requirement = t("report.label.requirement", &[]);
    let mut related = vec![note(sources, rule_note, Some(f.rule_span), &requirement)];
    related.extend(super::text::evidence(f).map(|e| {
        // The JSON keeps the English word; a report names it in its language.
        let what_key = format!("evidence.{}", e.what.replace(' ', "_"));
        let what = if crate::messages::has_key(&what_key) {
            t(&what_key, &[])
        } else {
            e.what.to_string()
        };
        let args: [(&str, &dyn fmt::Display); 3] = [
            ("what", &what),
            ("subject", &e.subject_id),
            ("value", &e.value),
        ];
        let key = if e.subject_id.is_empty() {
            "report.evidence_plain"
        } else {
            "report.evidence"
        };
        note(sources, t(key, &args), e.span, &e.value.to_string())
    }));
    Report {
        message: format!("{status}{provisional}: {}", super::text::message(f)),
        code: Some(f.rule.id.clone()),
        severity: match (f.status, f.rule.severity) {
            (Status::Fail, s) => miette_severity(s),
            _ => miette::Severity::Warning,
        },
        help: super::text::help(f),
        source,
        labels,
        related,
    }
}

/// Renders a report, then each related note (the rule's requirement, the
/// evidence) as its own advice right after it.
fn render(handler: &GraphicalReportHandler, mut r: Report, out: &mut String) {
    let related = std::mem::take(&mut r.related);
    if handler.render_report(out, &r).is_err() {
        out.push_str(&r.message);
        out.push('\n');
    }
    for note in related {
        render(handler, note, out);
    }
}

fn handler(opts: HumanOptions) -> GraphicalReportHandler {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_break_words(false)
}

/// Renders input diagnostics (rule files, filings) alone, as `lint` shows them.
pub fn render_diagnostics(
    sources: &Sources,
    diagnostics: &[Diagnostic],
    opts: HumanOptions,
) -> String {
    let handler = handler(opts);
    let mut out = String::new();
    for d in diagnostics {
        render(&handler, from_diagnostic(sources, d), &mut out);
    }
    out
}

/// Renders the human report of one filing.
pub fn render_human(r: &CheckResult<'_>, opts: HumanOptions) -> String {
    let handler = handler(opts);
    let findings: &[Finding] = r.outcome.map_or(&[], |o| &o.findings);
    let mut out = String::new();
    if !opts.quiet {
        out = render_diagnostics(r.sources, r.diagnostics, opts);
        let shown: Vec<&Finding> = findings
            .iter()
            .filter(|f| matches!(f.status, Status::Fail | Status::Unknown))
            .collect();
        // A run of unknowns of one rule, subject and pollutant missing the
        // same thing, or of fails with the same values (days of a series
        // without data), is shown once, with how many periods it spans; the
        // JSON keeps every finding.
        let same = |a: &Finding, b: &Finding| {
            a.status == b.status
                && a.rule == b.rule
                && a.subject == b.subject
                && a.pollutant == b.pollutant
                && a.missing() == b.missing()
                && (a.status == Status::Unknown
                    || (a.actual == b.actual && a.expected == b.expected))
        };
        let mut i = 0;
        while let Some(f) = shown.get(i) {
            let run = shown[i..].iter().take_while(|g| same(f, g)).count().max(1);
            render(&handler, from_finding(r.sources, f), &mut out);
            if let Some(last) = shown.get(i + run - 1).filter(|_| run > 1) {
                out.push_str(&t(
                    "report.unknown_run",
                    &[
                        ("n", &(run - 1)),
                        ("first", &f.period),
                        ("last", &last.period),
                    ],
                ));
                out.push('\n');
            }
            i += run;
        }
    }
    let count = |s: Status| {
        findings
            .iter()
            .filter(|f| f.status == s)
            .count()
            .to_string()
    };
    let errors = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
        .to_string();
    out.push_str(&t(
        "report.summary",
        &[
            ("filing", &r.filing_path),
            ("verdict", &r.verdict.as_str()),
            ("exit", &r.verdict.exit_code()),
            ("pass", &count(Status::Pass)),
            ("fail", &count(Status::Fail)),
            ("unknown", &count(Status::Unknown)),
            ("na", &count(Status::NotApplicable)),
            ("waived", &count(Status::Waived)),
            ("errors", &errors),
        ],
    ));
    out.push('\n');
    let provisional = findings
        .iter()
        .filter(|f| f.provisional && f.status != Status::NotApplicable)
        .count();
    if provisional > 0 {
        out.push_str(&t("report.summary.provisional", &[("count", &provisional)]));
        out.push('\n');
    }
    // Duties not yet due (as of `--as-of`): what the park must still do.
    let upcoming: Vec<String> = findings
        .iter()
        .filter(|f| f.status == Status::NotApplicable)
        .filter_map(|f| {
            let due = f.details().due?;
            Some(t(
                "report.summary.upcoming_item",
                &[
                    ("rule", &f.rule.id),
                    ("subject", &f.subject.id),
                    ("period", &f.period),
                    ("date", &due),
                ],
            ))
        })
        .collect();
    if !upcoming.is_empty() {
        out.push_str(&t(
            "report.summary.upcoming",
            &[("list", &upcoming.join("; "))],
        ));
        out.push('\n');
    }
    for f in r.series {
        out.push_str(&t(
            "report.summary.series",
            &[
                ("file", &f.file),
                ("subject", &f.subject_id),
                ("records", &f.records),
                ("good", &f.good),
                ("bad", &f.bad),
            ],
        ));
        out.push('\n');
    }
    if let Some(o) = r.outcome.filter(|o| !o.not_judged.is_empty()) {
        let list: Vec<String> = o
            .not_judged
            .iter()
            .map(|n| match &n.monitoring {
                None => format!("{} at {} ({})", n.pollutant, n.subject_id, n.subject),
                Some(file) => t(
                    "report.summary.not_judged_series",
                    &[
                        ("pollutant", &n.pollutant),
                        ("subject", &n.subject_id),
                        ("file", file),
                    ],
                ),
            })
            .collect();
        out.push_str(&t(
            "report.summary.not_judged",
            &[("list", &list.join(", "))],
        ));
        out.push('\n');
    }
    out
}
