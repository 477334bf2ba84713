//! Quantities, measured values and permitted limits, parsed exactly with
//! [`Quantity::parse`] and [`Measurement::parse`] from the written text.
//! A number without a unit is an error unless the pollutant is unitless (pH).
//! Amounts, concentrations, caps and limits may not be negative (only
//! temperatures in °C may), and a sample value must be of the kind its
//! pollutant is measured in (a concentration, pH without a unit, a
//! temperature in °C, a flow), per litre at a water outlet and per standard
//! cubic metre at an air outlet.

use crate::filing::cx::{Cx, visible};
use crate::filing::model::{Medium, PermitLimit};
use crate::filing::tree::{Kind, Node};
use crate::messages::t;
use crate::values::number::{NumberError, parse_decimal};
use crate::values::quantity::QuantityParseError;
use crate::values::unit::UnitError;
use crate::values::{Dim, Measurement, Pollutant, Quantity, Span, Spanned, Unit};
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// Units whose dimensions are concentrations: a mass, count or activity per
/// volume, per litre (water) or per standard cubic metre (air).
pub(crate) const CONCENTRATION_UNITS: [&str; 6] =
    ["mg/L", "count/L", "Bq/L", "mg/Nm3", "count/Nm3", "Bq/Nm3"];
/// Units whose dimensions are flows (a volume per time).
pub(crate) const FLOW_UNITS: [&str; 2] = ["m3/h", "Nm3/h"];
/// The other units the loader takes a dimension from: mass, mass per
/// calendar time, mass per time, temperature, count, activity.
pub(crate) const DIM_UNITS: [&str; 6] = ["g", "t/a", "kg/h", "°C", "count", "Bq"];

/// Dimensions the loader compares against, read from the unit table rather
/// than written as exponents, so a new base dimension changes nothing here.
struct Dims {
    mass: Dim,
    annual_rate: Dim,
    money_rate: Dim,
    /// Calendar time (`a`).
    year: Dim,
    rate: Dim,
    temperature: Dim,
    money: Dim,
    /// Numerators of a concentration: mass, count, activity.
    amount: [Dim; 3],
    flow: [Dim; 2],
    concentration: [Dim; 6],
}

fn dim(unit: &str) -> Dim {
    Unit::parse(unit).map_or(Dim::NONE, |u| u.dim)
}

static DIMS: LazyLock<Dims> = LazyLock::new(|| {
    let [mass, annual_rate, rate, temperature, count, activity] = DIM_UNITS.map(dim);
    Dims {
        mass,
        annual_rate,
        rate,
        temperature,
        money: dim("CNY"),
        money_rate: dim("CNY/a"),
        year: dim("a"),
        amount: [mass, count, activity],
        flow: FLOW_UNITS.map(dim),
        concentration: CONCENTRATION_UNITS.map(dim),
    }
});

/// The dimension a quantity must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    /// Any unit, not negative (limit concentrations).
    Any,
    /// Any unit and any sign (park statistics, which may be changes).
    Stat,
    /// A mass (`2.9 t`): monthly amounts.
    Mass,
    /// A mass per calendar year or month (`35 t/a`): caps, permitted annual discharge.
    AnnualRate,
    /// A mass per unit of time (`0.9 kg/h`): emission-rate limits.
    Rate,
    /// An amount of money (`120000 CNY`, `12 10^4 CNY`): penalties.
    Money,
    /// An amount of anything per calendar year or month (`50000 t/a`,
    /// `2 10^4 count/a`): planned annual output.
    PerYear,
    /// Money per calendar year or month (`3.2 10^8 CNY/a`): planned value added.
    MoneyPerYear,
}

impl Expect {
    /// True when a quantity of dimension `d` is of this kind.
    fn accepts(self, d: Dim) -> bool {
        match self {
            Expect::Any | Expect::Stat => true,
            Expect::Mass => d == DIMS.mass,
            Expect::AnnualRate => d == DIMS.annual_rate,
            Expect::Rate => d == DIMS.rate,
            Expect::Money => d == DIMS.money,
            Expect::MoneyPerYear => d == DIMS.money_rate,
            // Per calendar time once, whatever is counted: times a year,
            // no calendar time is left.
            Expect::PerYear => {
                let amount = d.times(DIMS.year);
                amount == amount.without_calendar_time()
            }
        }
    }
    /// (catalogue key naming the dimension, example unit).
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Expect::Any | Expect::Stat => ("filing.what.quantity", "mg/L"),
            Expect::Mass => ("filing.what.mass", "t"),
            Expect::AnnualRate => ("filing.what.annual_rate", "t/a"),
            Expect::Rate => ("filing.what.rate", "kg/h"),
            Expect::Money => ("filing.what.money", "CNY"),
            Expect::PerYear => ("filing.what.per_year", "t/a"),
            Expect::MoneyPerYear => ("filing.what.money_rate", "10^8 CNY/a"),
        }
    }
}

/// What a pollutant's sample value measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measures {
    /// A number without a unit (pH, colour, Ringelmann, odour).
    Unitless,
    /// A temperature in °C.
    Temperature,
    /// A volume per time (`flow`, `flue_gas_flow`).
    Flow,
    /// A volume fraction in percent (`O2`).
    Fraction,
    /// A mass, count or activity per volume (every other pollutant).
    Concentration,
}

/// What pollutant `p` is measured in (a monitoring CSV's rows too).
pub(crate) fn measures(p: Pollutant) -> Measures {
    if p.info().unitless {
        return Measures::Unitless;
    }
    match p.name() {
        "temperature" => Measures::Temperature,
        "flow" | "flue_gas_flow" => Measures::Flow,
        "O2" => Measures::Fraction,
        _ => Measures::Concentration,
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
    if expect.accepts(q.unit.dim) {
        return true;
    }
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
        Ok(q) => (check_dim(cx, &q, text, node.span, expect)
            && (expect == Expect::Stat || check_sign(cx, &q, text, node.span)))
        .then(|| Spanned::new(q, node.span)),
        Err(e) => {
            parse_error(cx, text, &e, node.span, expect);
            None
        }
    }
}

/// Records a negative quantity: amounts, concentrations, caps and limits
/// cannot be below zero; only temperatures (°C) can.
fn check_sign(cx: &mut Cx<'_>, q: &Quantity, text: &str, span: Span) -> bool {
    if q.value >= Decimal::ZERO || q.unit.dim == DIMS.temperature {
        return true;
    }
    cx.error("filing.negative", &[("text", &visible(text.trim()))], span);
    false
}

/// True when `atom` is one of the atoms of a unit symbol (`Nm3` in `mg/Nm3`).
fn has_atom(symbol: &str, atom: &str) -> bool {
    symbol.split(['/', '×', '(', ')', ' ']).any(|a| a == atom)
}

/// Records a concentration in the other medium's unit: per standard cubic
/// metre at a water outlet, per litre at an air outlet.
fn check_medium(cx: &mut Cx<'_>, q: &Quantity, medium: Option<Medium>, span: Span) -> bool {
    let unit = &q.unit.symbol;
    let (code, suggest) = match medium {
        Some(Medium::Water) if has_atom(unit, "Nm3") => {
            ("filing.unit.air_at_water", unit.replace("Nm3", "L"))
        }
        Some(Medium::Air) if has_atom(unit, "L") => (
            "filing.unit.water_at_air",
            match unit.strip_suffix("/L") {
                Some(head) if !head.contains(['/', '(']) => format!("{head}/Nm3"),
                _ => "mg/Nm3".to_string(),
            },
        ),
        _ => return true,
    };
    cx.error(
        code,
        &[("unit", &visible(unit)), ("suggest", &suggest)],
        span,
    );
    false
}

/// Records a sample value that is not of the kind its pollutant is measured
/// in: pH without a unit, temperatures in °C, flows per time, everything
/// else a concentration.
fn check_kind(
    cx: &mut Cx<'_>,
    p: Pollutant,
    q: &Quantity,
    text: &str,
    medium: Option<Medium>,
    span: Span,
) -> bool {
    let d = q.unit.dim;
    let shown = visible(text.trim());
    let number = q.value;
    let (code, help) = match measures(p) {
        Measures::Unitless if d != Dim::NONE => (
            "filing.sample.unitless",
            t(
                "filing.sample.unitless.help",
                &[("name", &p), ("number", &number)],
            ),
        ),
        Measures::Temperature if d != DIMS.temperature => (
            "filing.sample.temperature",
            t("filing.sample.temperature.help", &[("number", &number)]),
        ),
        Measures::Flow if !DIMS.flow.contains(&d) => {
            let unit = if p.name() == "flow" { "m3/h" } else { "Nm3/h" };
            let example = format!("{number} {unit}");
            (
                "filing.sample.flow",
                t("filing.sample.flow.help", &[("example", &example)]),
            )
        }
        Measures::Fraction if d != Dim::NONE => (
            "filing.sample.fraction",
            t("filing.sample.fraction.help", &[("number", &number)]),
        ),
        Measures::Concentration if !DIMS.concentration.contains(&d) => {
            let per = if medium == Some(Medium::Air) {
                "Nm3"
            } else {
                "L"
            };
            let example = if DIMS.amount.contains(&d) && !q.unit.symbol.contains(['/', '(']) {
                format!("{number} {}/{per}", q.unit.symbol)
            } else {
                format!("{number} mg/{per}")
            };
            let args: crate::filing::cx::Args<'_> = &[("text", &shown), ("example", &example)];
            let help = t("filing.sample.concentration.help", &[]);
            cx.error_help("filing.sample.concentration", args, span, help);
            return false;
        }
        Measures::Concentration => return check_medium(cx, q, medium, span),
        _ => return true,
    };
    let args: crate::filing::cx::Args<'_> = &[("text", &shown), ("name", &p)];
    cx.error_help(code, args, span, help);
    false
}

/// A measured value of pollutant `p` at an outlet of `medium` (`None` when
/// the outlet's medium is bad): a quantity, `ND`, `<0.05 mg/L` or
/// `0.05L mg/L`, of the kind `p` is measured in, and not negative.
pub(crate) fn measurement(
    cx: &mut Cx<'_>,
    node: &Node<'_>,
    p: Pollutant,
    medium: Option<Medium>,
) -> Option<Spanned<Measurement>> {
    let text = quantity_text(cx, node, Expect::Any)?;
    match Measurement::parse(text, p.info().unitless) {
        Ok(m) => {
            let ok = match &m {
                Measurement::Value(q) | Measurement::NotDetected(Some(q)) => {
                    check_kind(cx, p, q, text, medium, node.span)
                        && check_sign(cx, q, text, node.span)
                }
                Measurement::NotDetected(None) => true,
            };
            ok.then(|| Spanned::new(m, node.span))
        }
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

/// A permitted limit of pollutant `p` at an outlet of `medium`: a string
/// (`100 mg/L`, `6..9`, `level 1`) or a map of its parts (`{hourly, daily,
/// rate, committed, concentration, grade, range}`). No part may be negative;
/// a concentration must be in the outlet's medium's unit.
pub(crate) fn limit<'t, 'a>(
    cx: &mut Cx<'t>,
    node: &'t Node<'a>,
    p: Pollutant,
    medium: Option<Medium>,
) -> Option<PermitLimit> {
    let unitless = p.info().unitless;
    let mut l = PermitLimit {
        span: node.span,
        ..PermitLimit::default()
    };
    let conc = |cx: &mut Cx<'t>, n: &'t Node<'a>| {
        let q = quantity(cx, n, unitless, Expect::Any)?;
        let ok =
            measures(p) != Measures::Concentration || check_medium(cx, &q.value, medium, q.span);
        ok.then_some(q)
    };
    let range_part = |cx: &mut Cx<'t>, n: &'t Node<'a>| {
        let r = range_field(cx, n, unitless)?;
        let (_, high) = &r.value;
        let ok = measures(p) != Measures::Concentration || check_medium(cx, high, medium, r.span);
        ok.then_some(r)
    };
    if let Some((text, _)) = node.scalar() {
        if text.contains("..") {
            l.range = range_part(cx, node);
        } else if grade(text, false).is_some() {
            l.grade = grade_field(cx, node);
        } else {
            l.concentration = conc(cx, node);
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
    l.concentration = cx.opt(&f, "concentration", conc);
    l.hourly = cx.opt(&f, "hourly", conc);
    l.daily = cx.opt(&f, "daily", conc);
    l.committed = cx.opt(&f, "committed", conc);
    l.rate = cx.opt(&f, "rate", |cx, n| quantity(cx, n, false, Expect::Rate));
    l.grade = cx.opt(&f, "grade", grade_field);
    l.range = cx.opt(&f, "range", range_part);
    let any = [&l.concentration, &l.hourly, &l.daily, &l.committed, &l.rate]
        .iter()
        .any(|q| q.is_some());
    (any || l.grade.is_some() || l.range.is_some()).then_some(l)
}

/// A range limit; neither end may be negative (except temperatures).
fn range_field(
    cx: &mut Cx<'_>,
    node: &Node<'_>,
    unitless: bool,
) -> Option<Spanned<(Quantity, Quantity)>> {
    let text = quantity_text(cx, node, Expect::Any)?;
    let Some((low, high)) = range(text, unitless) else {
        cx.error("filing.range", &[("text", &visible(text))], node.span);
        return None;
    };
    // The low end is the lower: when it is not negative, neither is the high end.
    check_sign(cx, &low, text, node.span).then(|| Spanned::new((low, high), node.span))
}

/// A grade limit (`level 1`); a negative grade is an error.
fn grade_field(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<Decimal>> {
    let text = quantity_text(cx, node, Expect::Any)?;
    let Some(g) = grade(text, true) else {
        cx.error("filing.grade", &[("text", &visible(text))], node.span);
        return None;
    };
    if g < Decimal::ZERO {
        cx.error(
            "filing.negative",
            &[("text", &visible(text.trim()))],
            node.span,
        );
        return None;
    }
    Some(Spanned::new(g, node.span))
}
