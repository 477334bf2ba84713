//! Working-day built-ins over the shipped mainland China calendar
//! (`values::calendar`). A year the calendar does not cover makes the value
//! missing, naming the year: never a guess.

use super::value::Value;
use crate::messages::t;
use crate::values::calendar::{Calendar, NotCovered};
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::sync::OnceLock;

/// The shipped mainland China working-day calendar, parsed once.
pub fn calendar() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(Calendar::china)
}

fn not_covered<'f>(e: NotCovered) -> Value<'f> {
    Value::missing(t("eval.missing.calendar_year", &[("year", &e.year)]))
}

/// `working_days_after(d, n)`: `n` must be a whole number from 0 to 366.
pub fn after<'f>(d: Date, n: Decimal) -> Value<'f> {
    let whole = n.fract().is_zero() && n >= Decimal::ZERO && n <= Decimal::from(366);
    let Some(days) = whole.then(|| u32::try_from(n).ok()).flatten() else {
        return Value::missing(t("eval.missing.working_days", &[("n", &n)]));
    };
    match calendar().add_working_days(d, days) {
        Ok(due) => Value::Date(due, None),
        Err(e) => not_covered(e),
    }
}

/// `working_days_between(a, b)`: working days after `a` up to `b`.
pub fn between<'f>(a: Date, b: Date) -> Value<'f> {
    match calendar().working_days_between(a, b) {
        Ok(n) => Value::Num(Decimal::from(n)),
        Err(e) => not_covered(e),
    }
}
