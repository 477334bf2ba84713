//! The checked IR: what the evaluator runs. Produced by `check` from the AST
//! after name resolution and type/unit checking; every node keeps its span.
//!
//! Semantics (the evaluator's contract):
//! - A [`Rule`] binds one subject ([`Binder`]), then zero or more
//!   [`Each`] loops (samples, pollutants), then judges its [`Body`]. The
//!   finding key is (rule id, subject, pollutant if bound, period): the period
//!   is the bound sample's date, else the filing's reporting year.
//! - A [`LimitTable`] judges, for each bound sample `s`, every pollutant
//!   measured in `s`: the first row for that pollutant whose `when` holds
//!   (none = unconditional) gives the cell in the column named by `column`.
//! - [`Expr`] evaluation is total; a missing filing value yields "missing"
//!   (never zero), which makes a requirement `unknown` naming what is
//!   missing, except a partial sum of non-negative amounts that already
//!   exceeds its bound, which fails.

use crate::values::{Dim, Pollutant, Quantity, Severity, Span, Spanned};
use jiff::civil::Date;
use rust_decimal::Decimal;

/// A checked rule set (one rule file).
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// Rule set id (`gb8978`), the prefix of its rule ids.
    pub id: Spanned<String>,
    /// Title.
    pub title: String,
    /// Source document (`GB 8978-1996`).
    pub source: String,
    /// Version text, if given.
    pub version: Option<String>,
    /// Date the rule set takes effect.
    pub effective: Option<Date>,
    /// Hex SHA-256 of the rule file's bytes.
    pub sha256: String,
    /// Ids of imported rule sets.
    pub imports: Vec<Spanned<String>>,
    /// Supersession clauses: findings of this rule set are not_applicable for
    /// subjects they match, naming the standard.
    pub supersessions: Vec<Supersession>,
    /// Parameters with dated values.
    pub params: Vec<Param>,
    /// Rules, in file order.
    pub rules: Vec<Rule>,
    /// Span of the header.
    pub span: Span,
}

/// `superseded by "GB 31570-2015" for outlet o where COND from DATE-EXPR`.
#[derive(Debug, Clone, PartialEq)]
pub struct Supersession {
    /// The superseding standard, as named.
    pub by: String,
    /// Which subjects (kind, variable, condition). Its kind may be broader
    /// than a rule's subject: an enterprise clause also covers its outlets.
    pub binder: Binder,
    /// Date-valued expression (may use the binder's variable); `None` = always.
    pub from: Option<Expr>,
    /// Marked provisional: its not_applicable findings are provisional.
    pub provisional: bool,
    /// Span of the clause.
    pub span: Span,
}

/// A named parameter; values apply from their dates (latest date on or
/// before the reference date wins; an undated value applies always).
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Name.
    pub name: Spanned<String>,
    /// (effective from, value).
    pub values: Vec<(Option<Date>, Expr)>,
    /// Marked provisional: findings that use it are provisional.
    pub provisional: bool,
}

/// Kinds of subject a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    /// The park (one subject per filing).
    Park,
    /// Each enterprise.
    Enterprise,
    /// Each outlet of each enterprise.
    Outlet,
}

/// `for outlet o where COND`.
#[derive(Debug, Clone, PartialEq)]
pub struct Binder {
    /// Subject kind.
    pub kind: SubjectKind,
    /// Variable name (`o`).
    pub var: String,
    /// Applicability condition; a subject it rejects gets one
    /// not_applicable per (rule, subject) with reason "outside scope".
    pub filter: Option<Expr>,
    /// Span.
    pub span: Span,
}

/// Kind of rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// A concentration/value limit (tables or requirements).
    Limit,
    /// A total-quantity cap.
    Cap,
    /// A disclosure duty (`disclose`, or requirements on disclosures).
    Duty,
    /// An environmental entry standard (applicant enterprises).
    Entry,
}

impl RuleKind {
    /// The result-JSON spelling (`limit`, `cap`, `duty`, `entry`).
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Limit => "limit",
            RuleKind::Cap => "cap",
            RuleKind::Duty => "duty",
            RuleKind::Entry => "entry",
        }
    }
}

/// Full-value (default) or rounded-value comparison, GB/T 8170-2008 4.3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Judgement {
    /// Compare the measured value as written.
    #[default]
    Full,
    /// Round to the limit's written interval first (half to even).
    Rounded,
}

/// How a rule judges a below-detection result (`ND`, `<0.05 mg/L`,
/// `0.05L mg/L`). It never passes silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BelowDetection {
    /// Unknown, naming the below-detection result (the default).
    #[default]
    Unknown,
    /// Pass when the detection limit is at or below a maximum limit value
    /// (the true value is below the detection limit); unknown when no
    /// detection limit is given, the limit is above the limit value, or the
    /// requirement is a range.
    ByDetectionLimit,
}

/// A checked rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Qualified id `ruleset.rule` (stable).
    pub id: String,
    /// The local id as written.
    pub local_id: Spanned<String>,
    /// Kind.
    pub kind: RuleKind,
    /// Title.
    pub title: String,
    /// Citation (document and clause).
    pub cite: String,
    /// Severity of its fails.
    pub severity: Severity,
    /// The subject binder.
    pub subject: Binder,
    /// Nested loops after the subject.
    pub each: Vec<Each>,
    /// What is judged.
    pub body: Body,
    /// Comparison mode.
    pub judgement: Judgement,
    /// How below-detection results are judged.
    pub below_detection: BelowDetection,
    /// Every finding of this rule is provisional.
    pub provisional: bool,
    /// In force from (inclusive), by the finding's reference date.
    pub effective_from: Option<Date>,
    /// In force until (inclusive).
    pub effective_until: Option<Date>,
    /// Message template for a fail (`{actual}`, `{expected}`, `{pollutant}`,
    /// `{subject}`, `{period}` and bound variables' ids).
    pub message: Option<String>,
    /// Help template.
    pub help: Option<String>,
    /// Span of the whole rule.
    pub span: Span,
}

/// What an [`Each`] loop ranges over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EachKind {
    /// Samples of an outlet (`for sample s in o.samples`): sets the period.
    Sample,
    /// Pollutants (`for pollutant p in park.caps`): keys of a map, the
    /// pollutants measured in a sample, or a list. Sets the pollutant.
    Pollutant,
    /// Years (`for year y in [park.period - 1, park.period]`): whole
    /// numbers. Sets the period (`2025`). An item the filter rejects gets a
    /// not_applicable finding (outside the rule's scope) for that year.
    Year,
    /// An enterprise's events (`for event ev in e.events`): the event
    /// becomes the finding's subject, its `received` date the period. An
    /// event the filter rejects gets a not_applicable finding.
    Event,
    /// An enterprise's disclosures (`for disclosure d in e.disclosures`):
    /// the disclosure becomes the subject, its `published` date the period.
    Disclosure,
    /// An outlet's online-monitoring series (`for series m in o.series`):
    /// sets the pollutant.
    Series,
    /// Windows of a series (`for window w in daily(m)`): sets the period
    /// (the window's start) and the reference date (its last day).
    Window,
}

/// `for pollutant p in EXPR where COND`.
#[derive(Debug, Clone, PartialEq)]
pub struct Each {
    /// Kind of loop.
    pub kind: EachKind,
    /// Variable.
    pub var: String,
    /// Collection.
    pub source: Expr,
    /// Filter; items it rejects are skipped silently (they are not subjects).
    pub filter: Option<Expr>,
    /// Span.
    pub span: Span,
}

/// The judged part of a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A limit table.
    Table(LimitTable),
    /// One or more requirements; all must hold.
    Require(Vec<Requirement>),
    /// A disclosure duty.
    Duty(Box<Duty>),
}

/// Kinds of disclosure report (MEE Order No. 24, Arts. 12 and 17).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// The annual report, covering one calendar year.
    Annual,
    /// An interim report, about one event.
    Interim,
}

impl ReportKind {
    /// The word used in rule files and filings.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Annual => "annual",
            ReportKind::Interim => "interim",
        }
    }
}

/// `disclose annual covering y by DATE ...` / `disclose interim about ev
/// within N working days after DATE`, with the `sections` it requires.
///
/// Judged per leaf: the report is the enterprise's disclosure of this kind
/// covering the year (annual) or naming the event (interim); the earliest
/// published one counts. Published on or before the last allowed day and
/// with every required section: pass. Published later: fail, late by N
/// days. None: fail once the last allowed day is before `--as-of`, else
/// not_applicable, "not yet due".
#[derive(Debug, Clone, PartialEq)]
pub struct Duty {
    /// Which report.
    pub report: ReportKind,
    /// Year covered (annual): a whole number.
    pub covering: Option<Expr>,
    /// Event reported on (interim): an event record.
    pub about: Option<Expr>,
    /// When it is due.
    pub deadline: Deadline,
    /// Sections the report must contain, each list with its condition.
    pub sections: Vec<SectionRequirement>,
    /// Span of the `disclose` clause.
    pub span: Span,
}

/// When a disclosure is due.
#[derive(Debug, Clone, PartialEq)]
pub enum Deadline {
    /// A fixed date. The rule's reference date is this date.
    By {
        /// Date expression (`date(y + 1, 3, 15)`).
        date: Expr,
        /// The day itself counts (`inclusive`); else the last allowed day
        /// is the day before (`exclusive`).
        inclusive: bool,
        /// A last allowed day that is a rest day moves to the next working
        /// day (`roll_forward`), per the working-day calendar.
        roll_forward: bool,
    },
    /// `within N [working] days after DATE`: counting starts the day after
    /// DATE (Civil Code Art. 201); the reference date is DATE.
    Within {
        /// Number of days: a whole number.
        count: Expr,
        /// Count working days (the shipped calendar), else calendar days.
        working: bool,
        /// The starting date.
        after: Expr,
    },
}

/// `sections [a, b] when COND`.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionRequirement {
    /// Section names, from the disclosure format (`basic`, `audit`, ...).
    pub names: Vec<Spanned<String>>,
    /// Condition (`None` = always).
    pub when: Option<Expr>,
}

/// A limit table: one column per class.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitTable {
    /// Expression giving the column name (`o.class`); missing = unknown.
    pub column: Expr,
    /// Column names in order (`I`, `II`, `III`).
    pub columns: Vec<Spanned<String>>,
    /// Rows in order; first match per pollutant wins.
    pub rows: Vec<TableRow>,
    /// The sample variable whose measured values the table judges.
    pub sample_var: String,
}

/// One table row.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// The pollutant.
    pub pollutant: Spanned<Pollutant>,
    /// Row condition; `None` = unconditional (`otherwise` or blank).
    pub when: Option<Expr>,
    /// One cell per column.
    pub cells: Vec<Spanned<Cell>>,
    /// Row marked provisional.
    pub provisional: bool,
    /// Span of the row.
    pub span: Span,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Maximum allowed (`150 mg/L`): value <= limit.
    Max(Quantity),
    /// Inclusive range (`6..9`).
    Range(Quantity, Quantity),
    /// `-`: no limit in this class (not_applicable, with that reason).
    NoLimit,
}

/// `require EXPR` with optional message/help overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    /// Boolean expression; a top-level comparison gives actual/expected.
    pub expr: Expr,
    /// Message override.
    pub message: Option<String>,
    /// Help override.
    pub help: Option<String>,
    /// What to name as missing when it cannot be evaluated (a template,
    /// like `message`); replaces the evaluator's own description.
    pub missing: Option<String>,
    /// Span of the requirement.
    pub span: Span,
}

/// Static type of an expression (the checker's; units give dimensions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// true/false.
    Bool,
    /// A dimensionless number.
    Number,
    /// A quantity in a dimension (`None`: known only at run time, e.g. a
    /// sample's value, whose unit mismatch is then an `unknown` verdict).
    Quantity(Option<Dim>),
    /// A measured value (quantity or below detection) in a dimension.
    Measurement(Option<Dim>),
    /// An inclusive range of quantities.
    Range(Option<Dim>),
    /// Text.
    Text,
    /// A calendar date.
    Date,
    /// A pollutant.
    Pollutant,
    /// A list of items.
    List(Box<Type>),
    /// A map keyed by pollutant.
    PollutantMap(Box<Type>),
    /// A filing record (park, enterprise, outlet, sample, permit, limit).
    Record(RecordKind),
    /// Unknown type (after an error; suppresses cascades).
    Error,
}

/// Kinds of filing record reachable from expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// `park`.
    Park,
    /// An enterprise.
    Enterprise,
    /// An outlet.
    Outlet,
    /// A sample.
    Sample,
    /// A permit.
    Permit,
    /// The project an applicant applies with (`e.planned`).
    Planned,
    /// A permitted limit (`o.limits[p]`).
    PermitLimit,
    /// An environmental information disclosure (`e.disclosures`).
    Disclosure,
    /// An event that may trigger an interim disclosure (`e.events`).
    Event,
    /// An online-monitoring series of one pollutant (`o.series`).
    Series,
    /// An hour, day or month of a series (`daily(m)`).
    Window,
}

/// Binary operators: the same set as written in the syntax.
pub use crate::syntax::ast::BinOp;

/// Aggregates over a comprehension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// Sum (exact; partial if an item is missing).
    Sum,
    /// Count of items.
    Count,
    /// Minimum.
    Min,
    /// Maximum.
    Max,
    /// Arithmetic mean (exact).
    Mean,
}

/// Built-in functions over the filing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `discharge(e, p)`: enterprise `e`'s discharge of `p` to the
    /// environment over the reporting year (sum of its 12 monthly
    /// `discharges`; missing months make it partial, naming them). Mass.
    Discharge,
    /// `annual_limit(e, p)`: the permit's annual limit for `p` in the
    /// reporting year (per-year form resolved). Rate (t/a).
    AnnualLimit,
    /// `date(y, m, d)`: a calendar date.
    Date,
    /// `first(a, b, ...)`: the first argument that is present.
    First,
    /// `working_days_after(d, n)`: the date `n` working days after `d`
    /// (counting from the day after), per the shipped working-day calendar;
    /// missing, naming the year, where the calendar does not cover it.
    WorkingDaysAfter,
    /// `working_days_between(a, b)`: working days after `a` up to and
    /// including `b` (a number); missing where the calendar does not cover.
    WorkingDaysBetween,
    /// `year(d)`: the calendar year of date `d` (a whole number).
    Year,
    /// `rolling_discharge(e, p)`: the largest discharge of `p` in any 12
    /// consecutive months ending in the reporting year (HJ 942-2018), from
    /// the monthly discharges (the previous year's months included). Mass;
    /// a lower bound, naming the missing months, when any is missing.
    RollingDischarge,
    /// `hourly(m)`, `daily(m)`, `monthly(m)`: every hour, day or month of
    /// the reporting year of series `m`, valid or not (a window's `mean` is
    /// missing when its coverage is too low).
    Windows(crate::series::Scale),
    /// `standard_limit("set.rule", o, p)`: the limit value that limit table
    /// `set.rule` sets for outlet `o` and pollutant `p`, judged on the
    /// outlet alone (its scope, supersession, row conditions and column);
    /// missing when the table does not apply, has no row, or a row depends
    /// on a sample. A quantity (or a range).
    StandardLimit,
}

/// A checked expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// The node.
    pub kind: ExprKind,
    /// Its static type.
    pub ty: Type,
    /// Where it was written.
    pub span: Span,
}

/// Expression nodes.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `true`/`false`.
    Bool(bool),
    /// A dimensionless number.
    Number(Decimal),
    /// A quantity literal `150 mg/L`.
    Quantity(Quantity),
    /// A string literal (also bare words compared with enum fields, e.g. `water`).
    Text(String),
    /// A date literal.
    Date(Date),
    /// A pollutant literal (`COD`).
    Pollutant(Pollutant),
    /// An inclusive range `a..b`.
    Range(Box<Expr>, Box<Expr>),
    /// A list literal.
    List(Vec<Expr>),
    /// A bound variable (`o`, `p`, `s`) or `park`.
    Var(String),
    /// A parameter of the rule set.
    Param(String),
    /// Field access `x.name` (field names per `check::schema`).
    Field(Box<Expr>, String),
    /// Index `x[p]` into a pollutant map or a sample's values.
    Index(Box<Expr>, Box<Expr>),
    /// Binary operation.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `not x`.
    Not(Box<Expr>),
    /// `-x`.
    Neg(Box<Expr>),
    /// `exists x`: true when the value is present (not missing).
    Exists(Box<Expr>),
    /// `if c then a else b`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `x per year`: an amount over the reporting year as a rate (t -> t/a).
    PerYear(Box<Expr>),
    /// `agg(body for var in source where filter)`; `Count` may have no body.
    Aggregate {
        /// Which aggregate.
        op: Aggregate,
        /// Per-item expression.
        body: Box<Expr>,
        /// Item variable.
        var: String,
        /// Collection.
        source: Box<Expr>,
        /// Item filter.
        filter: Option<Box<Expr>>,
    },
    /// A built-in call.
    Call(Builtin, Vec<Expr>),
}
