//! The spanned syntax tree of a rule file: what was written, before names,
//! types and units are checked. Literals keep their source text (numbers,
//! units, dates); `check` turns them into values and reports bad ones.

use crate::values::{Span, Spanned};

/// A text with its span (names, strings, literal text).
pub type Text = Spanned<String>;

/// A whole rule file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// The `ruleset` header; `None` when a syntax error made it unreadable.
    pub header: Option<Header>,
    /// Imports, parameters, supersessions and rules, in file order.
    pub items: Vec<Item>,
    /// Names declared by `param` lines that could not be parsed (so that
    /// their uses are not reported again as unknown names).
    pub broken_params: Vec<String>,
}

/// `ruleset ID "TITLE" source "..." version "..." effective DATE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Rule set id.
    pub id: Text,
    /// Title.
    pub title: Text,
    /// `source` values (one expected).
    pub source: Vec<Text>,
    /// `version` values (at most one expected).
    pub version: Vec<Text>,
    /// `effective` dates as written (at most one expected).
    pub effective: Vec<Text>,
    /// Span of the header.
    pub span: Span,
}

/// A top-level item.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `import "path"`: the path as written.
    Import(Text),
    /// `param NAME = VALUE [from DATE], ... [provisional]`.
    Param(Param),
    /// `superseded by "STD" for KIND VAR where COND from EXPR`.
    Supersession(Box<Supersession>),
    /// A rule.
    Rule(Rule),
}

/// A parameter declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Name.
    pub name: Text,
    /// Values with the date they apply from (text as written).
    pub values: Vec<(Expr, Option<Text>)>,
    /// Marked `provisional`.
    pub provisional: bool,
    /// Span of the declaration.
    pub span: Span,
}

/// A supersession clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Supersession {
    /// The superseding standard.
    pub by: Text,
    /// Which subjects.
    pub binder: Binder,
    /// From when (date-valued); `None` = always.
    pub from: Option<Expr>,
    /// Marked `provisional`.
    pub provisional: bool,
    /// Span of the clause.
    pub span: Span,
}

/// `for KIND [VAR] [in SOURCE] [where FILTER]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Binder {
    /// `park`, `enterprise`, `outlet`, `sample` or `pollutant`.
    pub kind: Text,
    /// The variable, if written.
    pub var: Option<Text>,
    /// The collection after `in`, if written.
    pub source: Option<Expr>,
    /// The condition after `where`, if written.
    pub filter: Option<Expr>,
    /// Span of the binder.
    pub span: Span,
}

/// A rule: `KIND ID "TITLE"` and its clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// `limits`, `limit`, `cap`, `duty` or `entry`.
    pub kind: Text,
    /// Local id.
    pub id: Text,
    /// Title.
    pub title: Text,
    /// Clauses in order.
    pub clauses: Vec<Clause>,
    /// Span of the whole rule.
    pub span: Span,
}

/// A rule clause with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// What it says.
    pub kind: ClauseKind,
    /// Where.
    pub span: Span,
}

/// Rule clauses.
#[derive(Debug, Clone, PartialEq)]
pub enum ClauseKind {
    /// `cite "..."`.
    Cite(Text),
    /// `severity error|warning|info` (word as written).
    Severity(Text),
    /// `for B, B, ...`.
    For(Vec<Binder>),
    /// `effective DATE` (as written).
    Effective(Text),
    /// `until DATE` (as written).
    Until(Text),
    /// `judge rounded|full` (word as written).
    Judge(Text),
    /// `below detection unknown|by_detection_limit` (word as written).
    BelowDetection(Text),
    /// `provisional`.
    Provisional,
    /// `message "..."`.
    Message(Text),
    /// `help "..."`.
    Help(Text),
    /// `require EXPR` with the `message`/`help` written right after it.
    Require(Require),
    /// `column EXPR`.
    Column(Expr),
    /// `table { ... }`.
    Table(Table),
    /// `disclose annual covering y by DATE ...` (duty rules).
    Disclose(Box<Disclose>),
    /// `sections [a, b] when COND` (duty rules).
    Sections(Sections),
}

/// `disclose KIND [covering YEAR | about EVENT] DEADLINE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Disclose {
    /// `annual` or `interim`, as written.
    pub report: Text,
    /// `covering E`: the year an annual report covers.
    pub covering: Option<Expr>,
    /// `about E`: the event an interim report is about.
    pub about: Option<Expr>,
    /// The deadline (`None` only if the pairs were malformed).
    pub deadline: Option<Deadline>,
}

/// When a disclosure is due.
#[derive(Debug, Clone, PartialEq)]
pub enum Deadline {
    /// `by DATE [inclusive|exclusive] [roll_forward|no_roll_forward]`.
    By {
        /// The deadline date.
        date: Expr,
        /// `inclusive` or `exclusive`, as written.
        day: Option<Text>,
        /// `roll_forward` or `no_roll_forward`, as written.
        rest_day: Option<Text>,
    },
    /// `within N [working] days after DATE`.
    Within {
        /// Number of days.
        count: Expr,
        /// Working days (else calendar days).
        working: bool,
        /// The date counting starts after.
        after: Expr,
    },
}

/// `sections [a, b] when COND`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sections {
    /// The list of section names.
    pub list: Expr,
    /// When they are required (`None` = always).
    pub when: Option<Expr>,
}

/// A requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct Require {
    /// The condition.
    pub expr: Expr,
    /// Its own messages.
    pub message: Vec<Text>,
    /// Its own help lines.
    pub help: Vec<Text>,
    /// What it names as missing when it cannot be evaluated.
    pub missing: Vec<Text>,
}

/// A limit table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column names after `pollutant | when`.
    pub columns: Vec<Text>,
    /// Rows in order.
    pub rows: Vec<Row>,
    /// Span of the table.
    pub span: Span,
}

/// One table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The pollutant as written (quotes removed).
    pub pollutant: Text,
    /// The condition; `None` for a blank cell or `otherwise`.
    pub when: Option<Expr>,
    /// The limit cells.
    pub cells: Vec<Spanned<Cell>>,
    /// Marked `provisional`.
    pub provisional: bool,
    /// Span of the row.
    pub span: Span,
}

/// A limit cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// `150 mg/L`: a maximum.
    Max(NumberLit),
    /// `6..9`: an inclusive range.
    Range(NumberLit, NumberLit),
    /// `-`: no limit.
    NoLimit,
}

/// A number with an optional unit, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberLit {
    /// The number text (`150`, `-5`, `1.2e2`).
    pub number: Text,
    /// The unit text (`mg/L`), if any.
    pub unit: Option<Text>,
}

/// An expression with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// The node.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

/// Binary operators as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `and`
    And,
    /// `or`
    Or,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `starts with`
    StartsWith,
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    /// `not`
    Not,
    /// `-`
    Neg,
    /// `exists`
    Exists,
}

/// Expression nodes.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A number with an optional unit (`150`, `150 mg/L`).
    Number(NumberLit),
    /// A quoted string (escapes resolved).
    Str(String),
    /// A date as written.
    Date(String),
    /// `true` / `false`.
    Bool(bool),
    /// A bare word: a variable, parameter, pollutant or text, decided by
    /// `check`. Includes `NH3-N`-style words in lists and indexes.
    Word(String),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `a..b`.
    Range(Box<Expr>, Box<Expr>),
    /// `x.name`.
    Field(Box<Expr>, Text),
    /// `x[i]`.
    Index(Box<Expr>, Box<Expr>),
    /// `x per year`.
    PerYear(Box<Expr>),
    /// `name(args)`.
    Call(Text, Vec<Expr>),
    /// `agg(body for var in source where filter)`; `body` is `None` in the
    /// short form `agg(var in source where filter)`.
    Aggregate {
        /// `sum`, `count`, `min`, `max` or `mean`.
        op: Text,
        /// Per-item expression.
        body: Option<Box<Expr>>,
        /// Item variable.
        var: Text,
        /// Collection.
        source: Box<Expr>,
        /// Filter.
        filter: Option<Box<Expr>>,
    },
    /// Binary operation.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// Prefix operation.
    Unary(UnOp, Box<Expr>),
    /// `if c then a else b`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
}
