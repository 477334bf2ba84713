//! `--format json`: one eipcheck/result/v1 object per filing, streamed to
//! the writer from borrowed data (no intermediate tree).

use super::CheckResult;
use crate::eval::{Finding, NotJudged, Status};
use crate::messages::t;
use crate::values::{Diagnostic, Severity, Sources, Span};
use serde::Serialize;
use std::io::Write;

/// Where a span is, as the result JSON shows it.
#[derive(Serialize)]
pub(super) struct Location<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

/// The file, line and column of both ends of `span`.
pub(super) fn location(sources: &Sources, span: Span) -> Location<'_> {
    let (start, end) = sources.line_cols(span);
    Location {
        file: sources.name(span.file),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}

/// The result-JSON spelling of a severity.
pub(super) fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    code: &'a str,
}

#[derive(Serialize)]
struct NotJudgedOut<'a> {
    subject: &'a str,
    subject_id: &'a str,
    pollutant: &'a str,
    reason: std::borrow::Cow<'a, str>,
}

#[derive(Serialize)]
struct RuleSetOut<'a> {
    id: &'a str,
    title: &'a str,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    sha256: &'a str,
}

#[derive(Serialize)]
struct Summary {
    pass: usize,
    fail: usize,
    unknown: usize,
    not_applicable: usize,
    waived: usize,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct FilingOut<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sha256: Option<&'a str>,
}

#[derive(Serialize)]
struct Coverage<'a> {
    not_judged: Vec<NotJudgedOut<'a>>,
}

#[derive(Serialize)]
struct ResultOut<'a> {
    format: &'static str,
    tool: Tool,
    as_of: String,
    filing: FilingOut<'a>,
    verdict: &'static str,
    summary: Summary,
    rulesets: Vec<RuleSetOut<'a>>,
    errors: Vec<ErrorOut<'a>>,
    coverage: Coverage<'a>,
}

fn error<'a>(sources: &'a Sources, d: &'a Diagnostic) -> ErrorOut<'a> {
    ErrorOut {
        message: &d.message,
        field: d.field.as_deref(),
        location: d.span.map(|s| location(sources, s)),
        help: d.help.as_deref(),
        code: d.code,
    }
}

fn not_judged<'a>(n: &'a NotJudged, reason: &'a str) -> NotJudgedOut<'a> {
    NotJudgedOut {
        subject: &n.subject,
        subject_id: &n.subject_id,
        pollutant: n.pollutant.name(),
        reason: match &n.monitoring {
            None => reason.into(),
            Some(file) => t("report.not_judged.monitoring", &[("file", file)]).into(),
        },
    }
}

/// Writes the result object of one filing as one line of JSON.
pub fn write_json(r: &CheckResult<'_>, out: &mut impl Write) -> std::io::Result<()> {
    let findings: &[Finding] = r.outcome.map_or(&[], |o| &o.findings);
    // Counted in one pass (the findings are many).
    let mut counts = [0; 5];
    for f in findings {
        counts[f.status as usize] += 1;
    }
    let count = |s: Status| counts[s as usize];
    let reason = t("report.not_judged", &[]);
    let result = ResultOut {
        format: "eipcheck/result/v1",
        tool: Tool {
            name: "eipcheck",
            version: env!("CARGO_PKG_VERSION"),
        },
        as_of: r.as_of.to_string(),
        filing: FilingOut {
            path: r.filing_path,
            sha256: r.filing_sha256,
        },
        verdict: r.verdict.as_str(),
        summary: Summary {
            pass: count(Status::Pass),
            fail: count(Status::Fail),
            unknown: count(Status::Unknown),
            not_applicable: count(Status::NotApplicable),
            waived: count(Status::Waived),
        },
        rulesets: r
            .rulesets
            .iter()
            .map(|s| RuleSetOut {
                id: &s.id.value,
                title: &s.title,
                source: &s.source,
                version: s.version.as_deref(),
                sha256: &s.sha256,
            })
            .collect(),
        errors: r
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| error(r.sources, d))
            .collect(),
        coverage: Coverage {
            not_judged: r
                .outcome
                .map(|o| {
                    o.not_judged
                        .iter()
                        .map(|n| not_judged(n, &reason))
                        .collect()
                })
                .unwrap_or_default(),
        },
    };
    // Every member but `findings` (the last; `pop` drops the closing brace),
    // then the findings in batches.
    let mut head = serde_json::to_vec(&result).map_err(std::io::Error::other)?;
    head.pop();
    out.write_all(&head)?;
    out.write_all(b",\"findings\":")?;
    super::json_findings::write_findings(r.sources, findings, out)?;
    out.write_all(b"}\n")
}

/// The result object of one filing as a string (one line, with newline).
pub fn render_json(r: &CheckResult<'_>) -> String {
    let mut buf = Vec::new();
    let _ = write_json(r, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}
