//! Runtime values of the evaluator. Missing data is a value of its own
//! (never zero), and a sum of non-negative amounts with missing terms keeps
//! its known part as a lower bound.

use crate::filing::model::PermitLimit;
use crate::values::{Measurement, Pollutant, Quantity, Span};
use jiff::civil::Date;
use rust_decimal::Decimal;

/// A reference to a record of the filing, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rec<'f> {
    /// The park.
    Park,
    /// `enterprises[i]`.
    Enterprise(usize),
    /// `enterprises[i].outlets[j]`.
    Outlet(usize, usize),
    /// `enterprises[i].outlets[j].samples[k]`.
    Sample(usize, usize, usize),
    /// `enterprises[i].permit`.
    Permit(usize),
    /// `enterprises[i].planned`.
    Planned(usize),
    /// A permitted limit of an outlet.
    Limit(&'f PermitLimit),
    /// `enterprises[i].disclosures[k]`.
    Disclosure(usize, usize),
    /// `enterprises[i].events[k]`.
    Event(usize, usize),
    /// Series `k` of monitored outlet `m` (an index into the evaluator's
    /// monitored outlets).
    Series(usize, usize),
    /// Window `w` at `scale` of series `k` of monitored outlet `m`, with
    /// the valid parts the rule asks for (`daily(m, 18)`; 0: the
    /// standard's coverage).
    Window(usize, usize, crate::series::Scale, usize, u32),
}

/// One contribution to a sum (an enterprise's share of a park total, a
/// month of a 12-month total).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// What it is: `share` (of a subject; a yearly total, so `per year`
    /// makes it a rate) or `month` (one month of a 12-month total, kept as
    /// the month's amount).
    pub what: &'static str,
    /// Id of the contributing subject, or the month (`2024-07`).
    pub subject_id: String,
    /// Its amount.
    pub amount: Quantity,
    /// Where the amount comes from.
    pub span: Option<Span>,
}

/// A quantity with where it came from and, for sums, what it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// The (known part of the) quantity.
    pub q: Quantity,
    /// The filing value it was read from, if one.
    pub span: Option<Span>,
    /// Contributions, for sums.
    pub parts: Vec<Part>,
    /// Missing terms: non-empty means `q` is only a lower bound.
    pub missing: Vec<String>,
}

impl Amount {
    /// A plain quantity read at `span`.
    pub fn at(q: Quantity, span: Option<Span>) -> Amount {
        Amount {
            q,
            span,
            parts: Vec::new(),
            missing: Vec::new(),
        }
    }
}

/// A runtime value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'f> {
    /// Absent from the filing; says what is missing.
    Missing(Vec<String>),
    /// Boolean.
    Bool(bool),
    /// Dimensionless number.
    Num(Decimal),
    /// A quantity.
    Qty(Amount),
    /// A below-detection result (`ND`, `<0.05 mg/L`).
    NotDetected(Option<Quantity>, Option<Span>),
    /// Text (enum fields read as their lowercase names).
    Text(String, Option<Span>),
    /// A date.
    Date(Date, Option<Span>),
    /// A pollutant.
    Pollutant(Pollutant),
    /// Inclusive range.
    Range(Box<Value<'f>>, Box<Value<'f>>),
    /// A list.
    List(Vec<Value<'f>>),
    /// A pollutant-keyed map (keys in filing order).
    Map(Vec<(Pollutant, Value<'f>)>),
    /// A filing record.
    Rec(Rec<'f>),
}

impl<'f> Value<'f> {
    /// A missing value with one description.
    pub fn missing(what: impl Into<String>) -> Value<'f> {
        Value::Missing(vec![what.into()])
    }
    /// A quantity read at a span.
    pub fn qty(q: Quantity, span: Option<Span>) -> Value<'f> {
        Value::Qty(Amount::at(q, span))
    }
    /// A measured value.
    pub fn measured(m: &Measurement, span: Span) -> Value<'f> {
        match m {
            Measurement::Value(q) => Value::qty(q.clone(), Some(span)),
            Measurement::NotDetected(q) => Value::NotDetected(q.clone(), Some(span)),
        }
    }
    /// The filing span of this value, if it was read from one place.
    pub fn span(&self) -> Option<Span> {
        match self {
            Value::Qty(a) => a.span,
            Value::NotDetected(_, s) | Value::Text(_, s) | Value::Date(_, s) => *s,
            _ => None,
        }
    }
    /// The value for display (`152 mg/L`, `ND`, `2025-01-01`).
    pub fn show(&self) -> String {
        self.to_string()
    }
}

/// Writes `items` shown, separated by `, `.
fn joined<T>(
    f: &mut std::fmt::Formatter<'_>,
    items: &[T],
    show: impl Fn(&mut std::fmt::Formatter<'_>, &T) -> std::fmt::Result,
) -> std::fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        show(f, item)?;
    }
    Ok(())
}

/// [`Value::show`], written where it is displayed.
impl std::fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Missing(_) => f.write_str("missing"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Num(n) => crate::values::digits::write_decimal(f, *n),
            Value::Qty(a) => write!(f, "{}", a.q),
            Value::NotDetected(None, _) => f.write_str("ND"),
            Value::NotDetected(Some(q), _) => write!(f, "<{q} (not detected)"),
            Value::Text(t, _) => f.write_str(t),
            Value::Date(d, _) => write!(f, "{d}"),
            Value::Pollutant(p) => write!(f, "{p}"),
            Value::Range(a, b) => write!(f, "{a}..{b}"),
            Value::List(items) => {
                f.write_str("[")?;
                joined(f, items, |f, v| write!(f, "{v}"))?;
                f.write_str("]")
            }
            Value::Map(items) => {
                f.write_str("{")?;
                joined(f, items, |f, (p, _)| write!(f, "{p}"))?;
                f.write_str("}")
            }
            Value::Rec(_) => f.write_str("record"),
        }
    }
}
