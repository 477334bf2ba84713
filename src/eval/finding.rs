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

/// One piece of evidence (a contributing value) other than a window's
/// readings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// What it is (`share`, `month`, `due`, `published`, `also fails`).
    pub what: &'static str,
    /// The subject it belongs to (enterprise or outlet id), or empty.
    pub subject_id: String,
    /// The value as shown (`1.2 t`, `38.2%`).
    pub value: String,
    /// Where in the filing.
    pub span: Option<Span>,
}

/// Where the readings of a monitoring window are (a finding over a window
/// carries them as its first evidence, `readings`): `report` renders them
/// as `lines 1234-1257 of FILE: 19 valid (20 needed), 0 excluded by their
/// flag`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readings {
    /// The monitoring file, as the filing names it (shared by its findings).
    pub file: Arc<str>,
    /// First CSV line of the readings that made the window (0 = none).
    pub first_line: u32,
    /// Last CSV line of those readings.
    pub last_line: u32,
    /// Valid parts (hours of a day, days of a month).
    pub valid: u32,
    /// Valid parts needed (the rule's or the standard's; `None`: no
    /// coverage rule is known, shown as `?`).
    pub needed: Option<u32>,
    /// Readings excluded by their flag.
    pub excluded: u32,
    /// Line of the first over-range reading (flag T) without a
    /// `range_max`, which leaves the mean unknown (0 = none).
    pub over_range_line: u32,
}

/// The period of a finding, shown as `2025`, `2025-03`, `2025-03-01` or
/// `2025-03-01T05:00` (the hour a window starts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Period {
    /// A reporting year.
    Year(i16),
    /// A month: (year, month 1-12).
    Month(i16, i8),
    /// A day (a sample's date, a daily window, an event or disclosure date).
    Day(jiff::civil::Date),
    /// An hour: (the day, the hour 0-23).
    Hour(jiff::civil::Date, i8),
    /// Anything else, as written (a non-integer year; empty when unknown).
    Text(Arc<str>),
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_to(f)
    }
}

impl Period {
    /// Writes the period to `out` (what `Display` shows), its digits
    /// without `fmt` for a year of 0-9999.
    pub fn write_to(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        use crate::values::digits;
        let day = |d: &jiff::civil::Date| (d.year(), d.month(), Some(d.day()));
        let fast = match self {
            Period::Year(y) => u64::try_from(*y).ok().map(|y| digits::write_uint(out, y)),
            Period::Month(y, m) => digits::write_date(out, *y, *m, None),
            Period::Day(d) => {
                let (y, m, d) = day(d);
                digits::write_date(out, y, m, d)
            }
            Period::Hour(d, h) => {
                let (y, m, d) = day(d);
                let hour = u8::try_from(*h).ok().filter(|h| *h < 100);
                hour.and_then(|h| {
                    let date = digits::write_date(out, y, m, d)?;
                    Some(date.and_then(|()| {
                        out.write_char('T')?;
                        digits::two(out, h)?;
                        out.write_str(":00")
                    }))
                })
            }
            Period::Text(t) => Some(out.write_str(t)),
        };
        match fast {
            Some(r) => r,
            None => match self {
                Period::Year(y) => write!(out, "{y}"),
                Period::Month(y, m) => write!(out, "{y:04}-{m:02}"),
                Period::Day(d) => write!(out, "{d}"),
                Period::Hour(d, h) => write!(out, "{d}T{h:02}:00"),
                Period::Text(t) => out.write_str(t),
            },
        }
    }
}

/// What a finding says of its rule; one per rule, shared by its findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    /// Qualified rule id (`gb8978.table4`).
    pub id: String,
    /// Rule set id (`gb8978`).
    pub ruleset: String,
    /// `limit`, `cap` or `duty`.
    pub kind: &'static str,
    /// The rule's severity.
    pub severity: Severity,
    /// Citation (standard and clause).
    pub cite: String,
    /// The rule's title.
    pub title: String,
}

/// The subject of a finding; one per subject, shared by its findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// Filing path (`enterprises[0].outlets[0]`, `park`).
    pub path: String,
    /// The subject's id (`DW001`).
    pub id: String,
}

/// Fields few findings use (not_applicable, unknown, duties, sums, limit
/// tables), boxed together so a plain pass or fail stays small.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    /// Contributing values, after the window's readings if any.
    pub evidence: Vec<Evidence>,
    /// What was missing, for unknown (`2025-07 COD of 9132...`).
    pub missing: Vec<String>,
    /// Reason, for not_applicable.
    pub reason: Option<String>,
    /// The table column (class) judged, for limit tables.
    pub class: Option<String>,
    /// For a disclosure duty: the last day on which publishing is on time.
    pub due: Option<jiff::civil::Date>,
}

/// One finding: (rule, subject, pollutant, period) with its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule (id, rule set, kind, severity, cite, title).
    pub rule: Arc<RuleInfo>,
    /// Verdict.
    pub status: Status,
    /// Uses a provisional value (rule, row or parameter).
    pub provisional: bool,
    /// The subject (filing path and id).
    pub subject: Arc<Subject>,
    /// Pollutant, when the rule binds one.
    pub pollutant: Option<Pollutant>,
    /// Period: a date (`2025-04-12`), a month, an hour or a year (`2025`).
    pub period: Period,
    /// The judged value with unit, if any.
    pub actual: Option<Box<str>>,
    /// The expectation (`<= 150 mg/L`, `6..9`); shared by the findings of
    /// a run that expect the same.
    pub expected: Option<Arc<str>>,
    /// How the one-line message reads; `report` fills it from this finding.
    pub message: Template,
    /// How the help line (what to do) reads.
    pub help: Option<Template>,
    /// Location of the judged value in the filing (or of the subject).
    pub span: Option<Span>,
    /// Location of the rule's requirement (table row or `require`).
    pub rule_span: Span,
    /// For a finding over a monitoring window: where its readings are.
    pub readings: Option<Readings>,
    /// The rarely used fields (`None`: all empty).
    pub details: Option<Box<Details>>,
}

const NO_DETAILS: &Details = &Details {
    evidence: Vec::new(),
    missing: Vec::new(),
    reason: None,
    class: None,
    due: None,
};

impl Finding {
    /// The rarely used fields (all empty when none was set).
    pub fn details(&self) -> &Details {
        self.details.as_deref().unwrap_or(NO_DETAILS)
    }
    /// The rarely used fields, to set one.
    pub fn details_mut(&mut self) -> &mut Details {
        self.details.get_or_insert_default()
    }
    /// What was missing, for unknown.
    pub fn missing(&self) -> &[String] {
        &self.details().missing
    }
    /// Reason, for not_applicable.
    pub fn reason(&self) -> Option<&str> {
        self.details().reason.as_deref()
    }
    /// Contributing values other than the window's readings.
    pub fn evidence(&self) -> &[Evidence] {
        &self.details().evidence
    }
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
