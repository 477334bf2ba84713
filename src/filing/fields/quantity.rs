//! Quantities, measured values and permitted limits, parsed exactly with
//! [`Quantity::parse`] and [`Measurement::parse`] from the written text.
//! A number without a unit is an error unless the pollutant is unitless (pH).

use crate::filing::cx::{Cx, visible};
use crate::filing::model::PermitLimit;
use crate::filing::tree::{Kind, Node};
use crate::messages::t;
use crate::values::number::{NumberError, parse_decimal};
use crate::values::quantity::QuantityParseError;
use crate::values::unit::UnitError;
use crate::values::{Dim, Measurement, Quantity, Span, Spanned};
use rust_decimal::Decimal;

/// The dimension a quantity must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    /// Any unit (concentrations, statistics).
    Any,
    /// A mass (`2.9 t`): monthly amounts.
    Mass,
    /// A mass per calendar year or month (`35 t/a`): caps, permitted annual discharge.
    AnnualRate,
    /// A mass per unit of time (`0.9 kg/h`): emission-rate limits.
    Rate,
}

impl Expect {
    fn dim(self) -> Option<Dim> {
        let mut d = Dim::NONE.0;
        match self {
            Expect::Any => return None,
            Expect::Mass => d[0] = 1,
            Expect::AnnualRate => (d[0], d[3]) = (1, -1),
            Expect::Rate => (d[0], d[2]) = (1, -1),
        }
        Some(Dim(d))
    }
    /// (catalogue key naming the dimension, example unit).
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Expect::Any => ("filing.what.quantity", "mg/L"),
            Expect::Mass => ("filing.what.mass", "t"),
            Expect::AnnualRate => ("filing.what.annual_rate", "t/a"),
            Expect::Rate => ("filing.what.rate", "kg/h"),
        }
    }
}

/// Records why `text` is not a quantity.
fn parse_error(cx: &mut Cx<'_>, text: &str, e: &QuantityParseError, span: Span, expect: Expect) {
    let shown = visible(text.trim());
    let args: crate::filing::cx::Args<'_> = &[("text", &shown)];
    // `.nan mg/L`: the number part alone tells NaN and infinity apart.
    let first = text
        .trim()
        .trim_start_matches('<')
        .split(' ')
        .next()
        .unwrap_or("");
    let e = match parse_decimal(first) {
        Err(NumberError::NotFinite) => &QuantityParseError::Number(NumberError::NotFinite),
        _ => e,
    };
    match e {
        QuantityParseError::Number(NumberError::FullWidth) => {
            cx.error("filing.number.fullwidth", args, span)
        }
        QuantityParseError::Number(NumberError::NotFinite) => {
            cx.error("filing.number.not_finite", args, span)
        }
        QuantityParseError::Number(NumberError::OutOfRange) => {
            cx.error("filing.number.out_of_range", args, span)
        }
        QuantityParseError::Number(NumberError::Invalid) => cx.error("filing.quantity", args, span),
        QuantityParseError::NoUnit => {
            let unit = expect.words().1;
            let help = t("filing.no_unit.help", &[("text", &shown), ("unit", &unit)]);
            cx.error_help("filing.no_unit", args, span, help);
        }
        QuantityParseError::Unit(UnitError::Unknown(u)) => {
            cx.error("filing.unit.unknown", &[("unit", &visible(u))], span);
        }
        QuantityParseError::Unit(UnitError::Ambiguous { unit, why, suggest }) => {
            let args: crate::filing::cx::Args<'_> =
                &[("unit", &visible(unit)), ("why", why), ("suggest", suggest)];
            cx.error("filing.unit.ambiguous", args, span);
        }
    }
}

/// The scalar text of a value that must be a quantity, or an error.
fn quantity_text<'n>(cx: &mut Cx<'_>, node: &'n Node<'_>, expect: Expect) -> Option<&'n str> {
    match node.scalar() {
        Some((text, _)) => Some(text),
        None => {
            cx.expected(expect.words().0, node);
            None
        }
    }
}

/// Checks the dimension of a parsed quantity.
fn check_dim(cx: &mut Cx<'_>, q: &Quantity, text: &str, span: Span, expect: Expect) -> bool {
    match expect.dim() {
        Some(dim) if q.unit.dim != dim => {
            let (what, example) = expect.words();
            let what = t(what, &[]);
            let args: crate::filing::cx::Args<'_> = &[
                ("text", &visible(text.trim())),
                ("what", &what),
                ("example", &example),
            ];
            cx.error("filing.dimension", args, span);
            false
        }
        _ => true,
    }
}

/// A quantity with a unit (`35 t/a`); with `unit_optional`, a bare number
/// is dimensionless (pH). Plain numbers keep their written digits.
pub(crate) fn quantity(
    cx: &mut Cx<'_>,
    node: &Node<'_>,
    unit_optional: bool,
    expect: Expect,
) -> Option<Spanned<Quantity>> {
    let text = quantity_text(cx, node, expect)?;
    match Quantity::parse(text, unit_optional) {
        Ok(q) => check_dim(cx, &q, text, node.span, expect).then(|| Spanned::new(q, node.span)),
        Err(e) => {
            parse_error(cx, text, &e, node.span, expect);
            None
        }
    }
}

/// A measured value: a quantity, `ND`, `<0.05 mg/L` or `0.05L mg/L`.
pub(crate) fn measurement(
    cx: &mut Cx<'_>,
    node: &Node<'_>,
    unit_optional: bool,
) -> Option<Spanned<Measurement>> {
    let text = quantity_text(cx, node, Expect::Any)?;
    match Measurement::parse(text, unit_optional) {
        Ok(m) => Some(Spanned::new(m, node.span)),
        Err(e) => {
            parse_error(cx, text, &e, node.span, Expect::Any);
            None
        }
    }
}

/// A range `low..high` (`6..9` for pH, `0.5..1 mg/L`): a unitless low end
/// takes the high end's unit; the low end may not exceed the high end.
fn range(text: &str, unit_optional: bool) -> Option<(Quantity, Quantity)> {
    let (low, high) = text.split_once("..")?;
    let high = Quantity::parse(high, unit_optional).ok()?;
    let mut low = Quantity::parse(low, true).ok()?;
    if low.unit.symbol.is_empty() {
        low.unit = high.unit.clone();
    }
    match low.cmp_exact(&high) {
        Ok(std::cmp::Ordering::Greater) | Err(_) => None,
        Ok(_) => Some((low, high)),
    }
}

/// A grade (`level 1`, `1级`; in a `grade:` field also a bare number).
fn grade(text: &str, bare: bool) -> Option<Decimal> {
    let t = text.trim();
    let number = t
        .strip_prefix("level")
        .or_else(|| t.strip_suffix('级'))
        .or(if bare { Some(t) } else { None })?;
    parse_decimal(number.trim()).ok()
}

const LIMIT_KEYS: [&str; 7] = [
    "concentration",
    "hourly",
    "daily",
    "rate",
    "committed",
    "grade",
    "range",
];

/// A permitted limit: a string (`100 mg/L`, `6..9`, `level 1`) or a map of
/// its parts (`{hourly, daily, rate, committed, concentration, grade, range}`).
pub(crate) fn limit<'t, 'a>(
    cx: &mut Cx<'t>,
    node: &'t Node<'a>,
    unitless: bool,
) -> Option<PermitLimit> {
    let mut l = PermitLimit {
        span: node.span,
        ..PermitLimit::default()
    };
    if let Some((text, _)) = node.scalar() {
        if text.contains("..") {
            l.range = range_field(cx, node, unitless);
        } else if grade(text, false).is_some() {
            l.grade = grade_field(cx, node);
        } else {
            l.concentration = quantity(cx, node, unitless, Expect::Any);
        }
        return (l.range.is_some() || l.grade.is_some() || l.concentration.is_some()).then_some(l);
    }
    if !matches!(node.kind, Kind::Map(_)) {
        cx.expected("filing.what.limit", node);
        return None;
    }
    let f = cx.mapping(node, &LIMIT_KEYS, &[])?;
    if f.entries.is_empty() {
        cx.error("filing.limit.empty", &[], node.span);
        return None;
    }
    let conc = |cx: &mut Cx<'t>, n: &'t Node<'a>| quantity(cx, n, unitless, Expect::Any);
    l.concentration = cx.opt(&f, "concentration", conc);
    l.hourly = cx.opt(&f, "hourly", conc);
    l.daily = cx.opt(&f, "daily", conc);
    l.committed = cx.opt(&f, "committed", conc);
    l.rate = cx.opt(&f, "rate", |cx, n| quantity(cx, n, false, Expect::Rate));
    l.grade = cx.opt(&f, "grade", grade_field);
    l.range = cx.opt(&f, "range", |cx, n| range_field(cx, n, unitless));
    let any = [&l.concentration, &l.hourly, &l.daily, &l.committed, &l.rate]
        .iter()
        .any(|q| q.is_some());
    (any || l.grade.is_some() || l.range.is_some()).then_some(l)
}

fn range_field(
    cx: &mut Cx<'_>,
    node: &Node<'_>,
    unitless: bool,
) -> Option<Spanned<(Quantity, Quantity)>> {
    let text = quantity_text(cx, node, Expect::Any)?;
    let r = range(text, unitless);
    if r.is_none() {
        cx.error("filing.range", &[("text", &visible(text))], node.span);
    }
    r.map(|r| Spanned::new(r, node.span))
}

fn grade_field(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<Decimal>> {
    let text = quantity_text(cx, node, Expect::Any)?;
    let g = grade(text, true);
    if g.is_none() {
        cx.error("filing.grade", &[("text", &visible(text))], node.span);
    }
    g.map(|g| Spanned::new(g, node.span))
}
