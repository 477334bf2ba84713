//! Quantities (an exact decimal and a unit), below-detection results, exact
//! comparison and addition across compatible units, and GB/T 8170-2008
//! rounded-value judgement.

use super::number::{NumberError, parse_decimal};
use super::unit::{Unit, UnitError};
use rust_decimal::{Decimal, RoundingStrategy};
use std::cmp::Ordering;
use std::fmt;

/// An exact amount in a unit, e.g. `48.2 mg/L`, `35 t/a`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// The value as written (scale kept: `150.0` stays `150.0`).
    pub value: Decimal,
    /// The unit.
    pub unit: Unit,
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.unit.symbol.is_empty() {
            write!(f, "{}", self.value)
        } else {
            write!(f, "{} {}", self.value, self.unit.symbol)
        }
    }
}

/// Why two quantities could not be combined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityError {
    /// Different dimensions (mg/L vs t/a).
    Incompatible(String, String),
    /// The exact result does not fit a 28-digit decimal, or would not terminate.
    Inexact,
}

/// Why a quantity text was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityParseError {
    /// The number part is bad.
    Number(NumberError),
    /// The unit part is bad.
    Unit(UnitError),
    /// No unit where one is required.
    NoUnit,
}

impl Quantity {
    /// A quantity from parts.
    pub fn new(value: Decimal, unit: Unit) -> Quantity {
        Quantity { value, unit }
    }
    /// Parses `"<number> <unit>"` (the space is optional: `48.2mg/L`). With
    /// `unit_optional`, a bare number is dimensionless (pH).
    pub fn parse(text: &str, unit_optional: bool) -> Result<Quantity, QuantityParseError> {
        let t = text.trim();
        let split = t
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_ascii_digit()
                    || c == '.'
                    || ('\u{FF10}'..='\u{FF19}').contains(&c)
                    || c == '\u{FF0E}'
                    || (matches!(c, '+' | '-') && (i == 0 || t[..i].ends_with(['e', 'E'])))
                    || (matches!(c, 'e' | 'E')
                        && t[i + 1..]
                            .starts_with(|n: char| n.is_ascii_digit() || n == '-' || n == '+')))
            })
            .map_or(t.len(), |(i, _)| i);
        let (num, unit) = t.split_at(split);
        if num.is_empty() {
            return Err(QuantityParseError::Number(
                parse_decimal(t).err().unwrap_or(NumberError::Invalid),
            ));
        }
        // `3,1 mg/L` or `1,000 t/a`: the number is bad, not the unit.
        if unit.starts_with([',', '，', '.', '_', '\'']) {
            return Err(QuantityParseError::Number(NumberError::Invalid));
        }
        let value = parse_decimal(num).map_err(QuantityParseError::Number)?;
        let unit = unit.trim();
        if unit.is_empty() {
            return if unit_optional {
                Ok(Quantity::new(value, Unit::one()))
            } else {
                Err(QuantityParseError::NoUnit)
            };
        }
        let unit = Unit::parse(unit).map_err(QuantityParseError::Unit)?;
        Ok(Quantity::new(value, unit))
    }

    /// Exact comparison across compatible units by cross-multiplication.
    pub fn cmp_exact(&self, o: &Quantity) -> Result<Ordering, QuantityError> {
        if !self.unit.compatible(&o.unit) {
            return Err(QuantityError::Incompatible(
                self.unit.symbol.clone(),
                o.unit.symbol.clone(),
            ));
        }
        let l = scale(self.value, self.unit.num * o.unit.den)?;
        let r = scale(o.value, o.unit.num * self.unit.den)?;
        Ok(l.cmp(&r))
    }

    /// Converts to `unit` exactly; [`QuantityError::Inexact`] if the result
    /// would not terminate (kg/d to kg/h) or does not fit.
    pub fn convert_to(&self, unit: &Unit) -> Result<Quantity, QuantityError> {
        if !self.unit.compatible(unit) {
            return Err(QuantityError::Incompatible(
                self.unit.symbol.clone(),
                unit.symbol.clone(),
            ));
        }
        let num = scale(self.value, self.unit.num * unit.den)?;
        let den = Decimal::from_i128_with_scale(unit.num * self.unit.den, 0);
        let v = num.checked_div(den).ok_or(QuantityError::Inexact)?;
        if v.checked_mul(den) != Some(num) {
            return Err(QuantityError::Inexact);
        }
        Ok(Quantity::new(v.normalize(), unit.clone()))
    }

    /// Exact sum; the result is in the finer of the two units.
    pub fn add(&self, o: &Quantity) -> Result<Quantity, QuantityError> {
        let finer = if self.cmp_unit_factor(o) == Ordering::Greater {
            &o.unit
        } else {
            &self.unit
        };
        let a = self.convert_to(finer)?;
        let b = o.convert_to(finer)?;
        let v = a.value.checked_add(b.value).ok_or(QuantityError::Inexact)?;
        Ok(Quantity::new(v, finer.clone()))
    }

    fn cmp_unit_factor(&self, o: &Quantity) -> Ordering {
        (self.unit.num * o.unit.den).cmp(&(o.unit.num * self.unit.den))
    }

    /// GB/T 8170-2008 rounded-value judgement: convert to the limit's unit,
    /// then round once, half to even, to the limit's written interval
    /// (`150` rounds to units, `1.0` to tenths).
    pub fn rounded_to(&self, limit: &Quantity) -> Result<Quantity, QuantityError> {
        let exact = self
            .convert_to(&limit.unit)
            .or_else(|_| self.convert_rounding(&limit.unit))?;
        let v = exact
            .value
            .round_dp_with_strategy(limit.value.scale(), RoundingStrategy::MidpointNearestEven);
        Ok(Quantity::new(v, limit.unit.clone()))
    }

    fn convert_rounding(&self, unit: &Unit) -> Result<Quantity, QuantityError> {
        let num = scale(self.value, self.unit.num * unit.den)?;
        let den = Decimal::from_i128_with_scale(unit.num * self.unit.den, 0);
        Ok(Quantity::new(
            num.checked_div(den).ok_or(QuantityError::Inexact)?,
            unit.clone(),
        ))
    }
}

fn scale(v: Decimal, f: i128) -> Result<Decimal, QuantityError> {
    let f = i64::try_from(f).map_err(|_| QuantityError::Inexact)?;
    v.checked_mul(Decimal::from(f))
        .ok_or(QuantityError::Inexact)
}

/// A measured result: a value, or "not detected" with its detection limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measurement {
    /// A detected value.
    Value(Quantity),
    /// Below detection: `ND` (limit unknown), `<0.05 mg/L` or the laboratory
    /// form `0.05L mg/L` (limit 0.05 mg/L). Never a silent pass.
    NotDetected(Option<Quantity>),
}

impl fmt::Display for Measurement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Measurement::Value(q) => q.fmt(f),
            Measurement::NotDetected(None) => f.write_str("ND"),
            Measurement::NotDetected(Some(q)) => write!(f, "<{q}"),
        }
    }
}

impl Measurement {
    /// Parses a measured value: a quantity, `ND`/`未检出`, `<0.05 mg/L`, or
    /// `0.05L mg/L`. `unit_optional` as in [`Quantity::parse`].
    pub fn parse(text: &str, unit_optional: bool) -> Result<Measurement, QuantityParseError> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("nd") || t == "未检出" {
            return Ok(Measurement::NotDetected(None));
        }
        if let Some(rest) = t.strip_prefix('<') {
            return Quantity::parse(rest, unit_optional).map(|q| Measurement::NotDetected(Some(q)));
        }
        // Laboratory form: the number immediately followed by `L` (`0.05L mg/L`).
        let num_end = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(t.len());
        if num_end > 0 && t[num_end..].starts_with('L') {
            let after = &t[num_end + 1..];
            if after.is_empty() || after.starts_with(' ') {
                let q = Quantity::parse(&format!("{}{}", &t[..num_end], after), unit_optional)?;
                return Ok(Measurement::NotDetected(Some(q)));
            }
        }
        Quantity::parse(t, unit_optional).map(Measurement::Value)
    }
}

#[cfg(test)]
#[expect(clippy::panic, reason = "tests fail loudly on bad fixtures")]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        Quantity::parse(s, false).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn compares_and_sums_exactly() {
        assert_eq!(q("1.1 t").add(&q("2.2 t")), Ok(q("3.3 t")));
        assert_eq!(
            q("12500 kg/a").cmp_exact(&q("12.5 t/a")),
            Ok(Ordering::Equal)
        );
        assert_eq!(
            q("0.8 µg/L")
                .convert_to(&q("1 mg/L").unit)
                .map(|x| x.to_string()),
            Ok("0.0008 mg/L".into())
        );
        assert!(matches!(
            q("1 mg/L").cmp_exact(&q("1 t/a")),
            Err(QuantityError::Incompatible(..))
        ));
        assert_eq!(q("1 kg/h").cmp_exact(&q("24 kg/d")), Ok(Ordering::Equal));
    }

    #[test]
    fn rounds_per_gb_t_8170() {
        assert_eq!(
            q("150.4 mg/L")
                .rounded_to(&q("150 mg/L"))
                .map(|x| x.value.to_string()),
            Ok("150".into())
        );
        assert_eq!(
            q("150.5 mg/L")
                .rounded_to(&q("150 mg/L"))
                .map(|x| x.value.to_string()),
            Ok("150".into())
        );
        assert_eq!(
            q("151.5 mg/L")
                .rounded_to(&q("150 mg/L"))
                .map(|x| x.value.to_string()),
            Ok("152".into())
        );
        assert_eq!(
            q("1.05 mg/L")
                .rounded_to(&q("1.0 mg/L"))
                .map(|x| x.value.to_string()),
            Ok("1.0".into())
        );
    }

    #[test]
    fn parses_measurements() {
        assert_eq!(
            Measurement::parse("ND", false),
            Ok(Measurement::NotDetected(None))
        );
        assert_eq!(
            Measurement::parse("<0.05 mg/L", false),
            Ok(Measurement::NotDetected(Some(q("0.05 mg/L"))))
        );
        assert_eq!(
            Measurement::parse("0.05L mg/L", false),
            Ok(Measurement::NotDetected(Some(q("0.05 mg/L"))))
        );
        assert_eq!(
            Measurement::parse("7.4", true),
            Ok(Measurement::Value(Quantity::new(
                Decimal::new(74, 1),
                Unit::one()
            )))
        );
        assert_eq!(
            Measurement::parse("48", false),
            Err(QuantityParseError::NoUnit)
        );
        assert!(matches!(
            Measurement::parse("3.2 ton/a", false),
            Err(QuantityParseError::Unit(UnitError::Ambiguous { .. }))
        ));
    }

    #[test]
    fn a_comma_in_a_number_is_a_bad_number() {
        for text in ["3,1 mg/L", "1,000 t/a"] {
            assert_eq!(
                Quantity::parse(text, false),
                Err(QuantityParseError::Number(NumberError::Invalid))
            );
        }
    }
}
