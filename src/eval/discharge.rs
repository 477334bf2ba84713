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
