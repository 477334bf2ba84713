//! Findings: plain data with evidence references. The evaluator never
//! formats prose beyond filling the catalogue's templates; `report` renders.

use crate::values::{Pollutant, Severity, Span};
use std::sync::Arc;

/// Verdict of one finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// The requirement holds.
    Pass,
    /// The requirement is broken.
    Fail,
    /// Data the rule needs is missing or invalid (`missing` says which).
    Unknown,
    /// The rule does not apply (`reason` says why).
    NotApplicable,
    /// A fail turned off by a waiver.
    Waived,
}

impl Status {
    /// The result-JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Unknown => "unknown",
            Status::NotApplicable => "not_applicable",
            Status::Waived => "waived",
        }
    }
}

/// A message or help line of a finding: a catalogue key, or the rule
/// file's own template. The evaluator never formats text: `report` fills the
/// template's `{pollutant}`, `{actual}`, `{expected}`, `{class}`,
/// `{subject}`, `{period}`, `{title}`, `{cite}`, `{reason}` and `{missing}`
/// from the finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Template {
    /// A key of the message catalogue.
    Key(&'static str),
    /// A template written in the rule file.
    Rule(Arc<str>),
}

/// One piece of evidence (a contributing value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// What it is (`share`, `sample`, `month`).
    pub what: String,
    /// The subject it belongs to (enterprise or outlet id).
    pub subject_id: String,
    /// The value as shown (`1.2 t`, `38.2%`).
    pub value: String,
    /// Where in the filing.
    pub span: Option<Span>,
}

/// One finding: (rule, subject, pollutant, period) with its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Qualified rule id.
    pub rule: Arc<str>,
    /// Rule set id.
    pub ruleset: Arc<str>,
    /// `limit` or `cap`.
    pub kind: &'static str,
    /// Verdict.
    pub status: Status,
    /// The rule's severity.
    pub severity: Severity,
    /// Uses a provisional value (rule, row or parameter).
    pub provisional: bool,
    /// Filing path of the subject (`enterprises[0].outlets[0]`, `park`).
    pub subject: Arc<str>,
    /// The subject's id (`DW001`).
    pub subject_id: Arc<str>,
    /// Pollutant, when the rule binds one.
    pub pollutant: Option<Pollutant>,
    /// Period: a date (`2025-04-12`) or a year (`2025`).
    pub period: Arc<str>,
    /// The judged value with unit, if any.
    pub actual: Option<String>,
    /// The expectation (`<= 150 mg/L`, `6..9`).
    pub expected: Option<String>,
    /// How the one-line message reads; `report` fills it from this finding.
    pub message: Template,
    /// How the help line (what to do) reads.
    pub help: Option<Template>,
    /// Citation.
    pub cite: Arc<str>,
    /// The rule's title.
    pub title: Arc<str>,
    /// The table column (class) judged, for limit tables.
    pub class: Option<String>,
    /// Location of the judged value in the filing (or of the subject).
    pub span: Option<Span>,
    /// Location of the rule's requirement (table row or `require`).
    pub rule_span: Span,
    /// Contributing values.
    pub evidence: Vec<Evidence>,
    /// What was missing, for unknown (`2025-07 COD of 9132...`).
    pub missing: Vec<String>,
    /// Reason, for not_applicable.
    pub reason: Option<String>,
    /// For a disclosure duty: the last day on which publishing is on time.
    pub due: Option<jiff::civil::Date>,
}

/// A reported pollutant no rule judged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NotJudged {
    /// Filing path of the subject (`enterprises[0].outlets[1]`).
    pub subject: String,
    /// Outlet or enterprise id.
    pub subject_id: String,
    /// The pollutant.
    pub pollutant: Pollutant,
    /// The monitoring file the pollutant was reported in, when it is a
    /// monitoring series (`None`: reported in the filing itself).
    pub monitoring: Option<String>,
}

/// Overall verdict of a filing (DESIGN.md "Result JSON").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No fail, nothing unknown, no input error.
    Compliant,
    /// An error-severity fail (provisional fails count).
    NonCompliant,
    /// No fail, but some rule could not be evaluated.
    Incomplete,
    /// An input error (filing or rule file).
    Invalid,
}

impl Verdict {
    /// The result-JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Compliant => "compliant",
            Verdict::NonCompliant => "non_compliant",
            Verdict::Incomplete => "incomplete",
            Verdict::Invalid => "invalid",
        }
    }
    /// Exit code of `check`: 0 compliant, 1 non-compliant, 2 invalid, 3 incomplete.
    pub fn exit_code(self) -> u8 {
        match self {
            Verdict::Compliant => 0,
            Verdict::NonCompliant => 1,
            Verdict::Invalid => 2,
            Verdict::Incomplete => 3,
        }
    }
}

/// Everything the evaluator produced for one filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Findings in deterministic order.
    pub findings: Vec<Finding>,
    /// Reported pollutants no rule judged.
    pub not_judged: Vec<NotJudged>,
}
