//! Literals as written -> values: exact decimals, units from the closed
//! table, dates. Bad ones are reported where they were written.

use super::scope::Checker;
use crate::messages::t;
use crate::syntax::ast::{NumberLit, Text};
use crate::values::number::parse_decimal;
use crate::values::{Quantity, Span, Unit};
use jiff::civil::Date;
use rust_decimal::Decimal;

impl Checker<'_> {
    /// A decimal as written (scale kept); reported and `None` if bad.
    pub fn decimal(&mut self, text: &Text) -> Option<Decimal> {
        match parse_decimal(&text.value) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(e.key(), e.message(&text.value), text.span, None);
                None
            }
        }
    }

    /// A unit from the closed table; reported and `None` if unknown or
    /// ambiguous (`ton`).
    pub fn unit(&mut self, text: &Text) -> Option<Unit> {
        match Unit::parse(&text.value) {
            Ok(u) => Some(u),
            Err(e) => {
                let code = match e {
                    crate::values::unit::UnitError::Unknown(_) => "unit.unknown",
                    crate::values::unit::UnitError::Ambiguous { .. } => "unit.ambiguous",
                };
                self.error(code, e.to_string(), text.span, Some(t("unit.help", &[])));
                None
            }
        }
    }

    /// A number with an optional unit: `(value, Some(unit))`, or a plain
    /// number `(value, None)`. `None` if either part is bad.
    pub fn number_lit(&mut self, lit: &NumberLit) -> Option<(Decimal, Option<Unit>)> {
        let value = self.decimal(&lit.number);
        let unit = match &lit.unit {
            Some(u) => Some(self.unit(u)?),
            None => None,
        };
        Some((value?, unit))
    }

    /// A number literal as a quantity (a plain number is dimensionless).
    pub fn quantity_lit(&mut self, lit: &NumberLit) -> Option<Quantity> {
        let (v, u) = self.number_lit(lit)?;
        Some(Quantity::new(v, u.unwrap_or_else(Unit::one)))
    }

    /// A date written `YYYY-MM-DD`; reported and `None` if not a real date.
    pub fn date(&mut self, text: &str, span: Span) -> Option<Date> {
        match text.parse::<Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                self.report("check.bad_date", &[("text", &text)], span);
                None
            }
        }
    }

    /// A date clause value (`effective 2025-01-01`).
    pub fn date_text(&mut self, text: &Text) -> Option<Date> {
        self.date(&text.value, text.span)
    }
}
