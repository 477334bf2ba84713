//! `discharge(e, p)`: an enterprise's discharge of a pollutant to the
//! environment over the reporting year, from its monthly `discharges`
//! (amounts sent to the park's plant are not counted). Missing months are
//! named, never taken as zero.

use super::record::Records;
use super::value::{Amount, Value};
use crate::values::Pollutant;

/// Sums the 12 months of the reporting year. The result's `missing` lists
/// the months without a value for `p`. It has no span: a finding on it
/// points at what it is compared with.
pub fn discharge<'f>(records: Records<'f>, i: usize, p: Pollutant) -> Value<'f> {
    let Some(e) = records.enterprise(i) else {
        return Value::missing(format!("enterprise {i}"));
    };
    let year = records.year();
    let mut total: Option<Amount> = None;
    let mut missing = Vec::new();
    for month in 1..=12i8 {
        let values: Vec<_> = e
            .discharges
            .iter()
            .filter(|r| r.month.value.year == year && r.month.value.month == month)
            .filter_map(|r| r.values.iter().find(|(k, _)| k.value == p).map(|(_, v)| v))
            .collect();
        if values.is_empty() {
            missing.push(format!("{p} of `{}` for {year}-{month:02}", e.id.value));
        }
        for v in values {
            total = Some(match total {
                // A year's total has no single place in the filing.
                None => Amount::at(v.value.clone(), None),
                Some(mut t) => match t.q.add(&v.value) {
                    Ok(q) => {
                        t.q = q;
                        t
                    }
                    Err(_) => {
                        missing.push(format!(
                            "{p} of `{}` in a mass unit (found `{}`)",
                            e.id.value, v.value.unit
                        ));
                        t
                    }
                },
            });
        }
    }
    match total {
        Some(mut t) => {
            t.missing = missing;
            t.q.value = t.q.value.normalize();
            Value::Qty(t)
        }
        None => Value::Missing(missing),
    }
}

/// The monthly amount of `p` in month `(year, month)` of enterprise `e`,
/// if a row gives it.
fn month_amount(
    e: &crate::filing::model::Enterprise,
    year: i16,
    month: i8,
    p: Pollutant,
) -> Option<&crate::values::Spanned<crate::values::Quantity>> {
    e.discharges
        .iter()
        .filter(|r| r.month.value.year == year && r.month.value.month == month)
        .find_map(|r| r.values.iter().find(|(k, _)| k.value == p).map(|(_, v)| v))
}

/// `rolling_discharge(e, p)`: the largest discharge of `p` in any 12
/// consecutive months ending in a month of the reporting year (HJ 942-2018:
/// the permitted annual quantity holds for any 12 consecutive months), from
/// the monthly `discharges`, which may include the previous year's months.
/// The window's months are its parts (evidence). A missing month is never
/// zero: with one, the largest known sum is a lower bound, naming every
/// missing month.
pub fn rolling_discharge<'f>(records: Records<'f>, i: usize, p: Pollutant) -> Value<'f> {
    let Some(e) = records.enterprise(i) else {
        return Value::missing(format!("enterprise {i}"));
    };
    let year = records.year();
    let months: Vec<(i16, i8)> = (1..=12)
        .map(|m| (year - 1, m))
        .chain((1..=12).map(|m| (year, m)))
        .collect();
    let mut missing = Vec::new();
    for &(y, m) in &months[1..] {
        if month_amount(e, y, m, p).is_none() {
            missing.push(format!("{p} of `{}` for {y}-{m:02}", e.id.value));
        }
    }
    let mut best: Option<Amount> = None;
    for end in 12..24 {
        let mut sum: Option<Amount> = None;
        for &(y, m) in &months[end - 11..=end] {
            let Some(v) = month_amount(e, y, m, p) else {
                continue;
            };
            let part = super::value::Part {
                what: "month",
                subject_id: format!("{y}-{m:02}"),
                amount: v.value.clone(),
                span: Some(v.span),
            };
            sum = match sum {
                None => Some(Amount {
                    parts: vec![part],
                    ..Amount::at(v.value.clone(), None)
                }),
                Some(mut t) => match t.q.add(&v.value) {
                    Ok(q) => {
                        t.q = q;
                        t.parts.push(part);
                        Some(t)
                    }
                    Err(_) => {
                        return Value::missing(format!("{p} of `{}` in a mass unit", e.id.value));
                    }
                },
            };
        }
        if let Some(s) = sum {
            let larger = match &best {
                None => true,
                Some(b) => s.q.cmp_exact(&b.q).is_ok_and(|o| o.is_gt()),
            };
            if larger {
                best = Some(s);
            }
        }
    }
    match best {
        Some(mut b) => {
            b.missing = missing;
            b.q.value = b.q.value.normalize();
            Value::Qty(b)
        }
        None => Value::Missing(missing),
    }
}
