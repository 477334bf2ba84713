//! Static types in words, and the dimension rules the checker applies.

use super::ir::{Expr, ExprKind, RecordKind, Type};
use crate::messages::t;
use crate::values::{Dim, Unit};

/// Units named in messages for a dimension, first match wins.
const NAMED_UNITS: &[&str] = &[
    "mg/L",
    "t/a",
    "t",
    "kg/h",
    "m3/h",
    "m3/d",
    "m3",
    "°C",
    "km2",
    "CNY",
    "tce",
    "Bq/L",
    "count/L",
    "kg/(10^4 CNY)",
    "(10^8 CNY)/km2",
    "d",
    "a",
];

/// The dimension of a unit from the closed table (`None` if not in it).
pub(super) fn dim_of(unit: &str) -> Option<Dim> {
    Unit::parse(unit).ok().map(|u| u.dim)
}

/// Index of calendar time in [`Dim`]'s exponents.
const CALENDAR_TIME: usize = 3;

/// Index of volume in [`Dim`].
const VOLUME: usize = 1;
/// Index of standard volume (`Nm3`) in [`Dim`].
const STANDARD_VOLUME: usize = 10;

/// True when `d` involves calendar time (a rate per month or year).
pub(super) fn is_rate(d: Dim) -> bool {
    d.0[CALENDAR_TIME] != 0
}

/// The dimension of a year (calendar time).
pub(super) fn year_dim() -> Dim {
    let mut d = Dim::NONE.0;
    d[CALENDAR_TIME] = 1;
    Dim(d)
}

/// The numeric dimension of a type: `Some(None)` for a quantity whose unit
/// is known only at run time, `None` for non-numbers. Numbers are
/// dimensionless.
pub(super) fn numeric(ty: &Type) -> Option<Option<Dim>> {
    match ty {
        Type::Number => Some(Some(Dim::NONE)),
        Type::Quantity(d) | Type::Measurement(d) => Some(*d),
        Type::Error => Some(None),
        _ => None,
    }
}

/// True when two dimensions may meet (either unknown, or equal). Volume
/// and standard volume (`Nm3`) count as one here: the filing says which a
/// concentration is, and the evaluator refuses to compare the two.
pub(super) fn compatible(a: Option<Dim>, b: Option<Dim>) -> bool {
    let fold = |d: Dim| {
        let mut e = d.0;
        e[VOLUME] += e[STANDARD_VOLUME];
        e[STANDARD_VOLUME] = 0;
        e
    };
    match (a, b) {
        (Some(a), Some(b)) => fold(a) == fold(b),
        _ => true,
    }
}

/// True when values of the two types can be compared or mixed in a list.
pub(super) fn same_kind(a: &Type, b: &Type) -> bool {
    if matches!(a, Type::Error) || matches!(b, Type::Error) {
        return true;
    }
    match (numeric(a), numeric(b)) {
        (Some(x), Some(y)) => compatible(x, y),
        (None, None) => match (a, b) {
            (Type::List(x), Type::List(y)) => same_kind(x, y),
            (Type::Range(x), Type::Range(y)) => compatible(*x, *y),
            _ => std::mem::discriminant(a) == std::mem::discriminant(b),
        },
        _ => false,
    }
}

/// The more informative of two types of the same kind (a known dimension
/// wins over an unknown one; anything wins over `Error`).
pub(super) fn join(a: &Type, b: &Type) -> Type {
    match (a, b) {
        (Type::Error, x) | (x, Type::Error) => x.clone(),
        (Type::Quantity(None) | Type::Measurement(None), x)
            if numeric(x).is_some_and(|d| d.is_some()) =>
        {
            x.clone()
        }
        _ => a.clone(),
    }
}

/// A record kind in words (`an outlet`).
pub(super) fn record_name(k: RecordKind) -> String {
    let key = match k {
        RecordKind::Park => "check.type.park",
        RecordKind::Enterprise => "check.type.enterprise",
        RecordKind::Outlet => "check.type.outlet",
        RecordKind::Sample => "check.type.sample",
        RecordKind::Permit => "check.type.permit",
        RecordKind::Planned => "check.type.planned",
        RecordKind::PermitLimit => "check.type.permit_limit",
        RecordKind::Disclosure => "check.type.disclosure",
        RecordKind::Event => "check.type.event",
        RecordKind::Series => "check.type.series",
        RecordKind::Window => "check.type.window",
    };
    t(key, &[])
}

fn dim_words(d: Dim) -> String {
    match NAMED_UNITS.iter().find(|u| dim_of(u) == Some(d)) {
        Some(unit) => t("check.type.quantity", &[("unit", unit), ("dim", &d)]),
        None => t("check.type.quantity_dim", &[("dim", &d)]),
    }
}

/// A type in words, for messages (`` `mg/L` (mass per volume) ``, `a date`).
pub(super) fn type_words(ty: &Type) -> String {
    match ty {
        Type::Bool => t("check.type.bool", &[]),
        Type::Number => t("check.type.number", &[]),
        Type::Quantity(Some(d)) | Type::Measurement(Some(d)) => dim_words(*d),
        Type::Quantity(None) | Type::Measurement(None) => t("check.type.quantity_any", &[]),
        Type::Range(_) => t("check.type.range", &[]),
        Type::Text => t("check.type.text", &[]),
        Type::Date => t("check.type.date", &[]),
        Type::Pollutant => t("check.type.pollutant", &[]),
        Type::List(item) => match **item {
            Type::Error => t("check.type.list", &[]),
            ref item => t("check.type.list_of", &[("item", &type_words(item))]),
        },
        Type::PollutantMap(_) => t("check.type.pollutant_map", &[]),
        Type::Record(k) => record_name(*k),
        Type::Error => t("check.type.unknown", &[]),
    }
}

/// An expression's type in words; a quantity literal names its own unit.
pub(super) fn words(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Quantity(q) if !q.unit.symbol.is_empty() => t(
            "check.type.quantity",
            &[("unit", &q.unit.symbol), ("dim", &q.unit.dim)],
        ),
        _ => type_words(&e.ty),
    }
}
