//! Quantities (an exact decimal and a unit), below-detection results, exact
//! comparison and addition across compatible units, and GB/T 8170-2008
//! rounded-value judgement.

use super::number::{NumberError, parse_decimal};
use super::unit::{Dim, Unit, UnitError, atoms, render};
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

/// Significant digits shown of a value that has no exact decimal (a
/// quotient such as 10/3): enough to make a comparison plain, cut toward
/// zero and followed by `…`; the comparison itself stays exact.
const SHOWN_DIGITS: u32 = 10;

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_value(f)?;
        if self.unit.symbol.is_empty() {
            Ok(())
        } else {
            write!(f, " {}", self.unit.symbol)
        }
    }
}

/// How a quotient is shown where its kind has a conventional unit, as
/// Chinese statistics and HJ 274-2015 state intensities: per 10^4 CNY of
/// value added (千克/万元, 立方米/万元, 吨标煤/万元) and value added per
/// km2 of land (亿元/平方公里). Each entry: (numerator's kind,
/// denominator's kind, unit shown); a rate per year or month counts as its
/// amount (`t/a` ÷ `10^8 CNY/a`). A mass per mass has no entry: it is a
/// plain number (`kg/t` is 0.001), and a share of a total is one too.
const CONVENTIONAL: [(&str, &str, &str); 4] = [
    ("t", "CNY", "kg/(10^4 CNY)"),
    ("m3", "CNY", "m3/(10^4 CNY)"),
    ("tce", "CNY", "tce/(10^4 CNY)"),
    ("CNY", "km2", "(10^8 CNY)/km2"),
];

/// Why two quantities could not be combined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityError {
    /// Different dimensions (mg/L vs t/a).
    Incompatible(String, String),
    /// The exact result does not fit a 28-digit decimal or a 128-bit unit
    /// factor, or would not terminate.
    Inexact,
    /// A division by zero.
    DivisionByZero,
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
                self.unit.symbol.to_string(),
                o.unit.symbol.to_string(),
            ));
        }
        let l = scale(self.value, factor(&self.unit, &o.unit)?)?;
        let r = scale(o.value, factor(&o.unit, &self.unit)?)?;
        Ok(l.cmp(&r))
    }

    /// Converts to `unit` exactly; [`QuantityError::Inexact`] if the result
    /// would not terminate (kg/d to kg/h) or does not fit.
    pub fn convert_to(&self, unit: &Unit) -> Result<Quantity, QuantityError> {
        if !self.unit.compatible(unit) {
            return Err(QuantityError::Incompatible(
                self.unit.symbol.to_string(),
                unit.symbol.to_string(),
            ));
        }
        let num = scale(self.value, factor(&self.unit, unit)?)?;
        let den = decimal(factor(unit, &self.unit)?)?;
        let v = exact_div(num, den).ok_or(QuantityError::Inexact)?;
        Ok(Quantity::new(v.normalize(), unit.clone()))
    }

    /// The exact product, its unit tidied: atoms that cancel are removed
    /// (`kg/t` × `t/a` is `kg/a`), and two scales of one kind merge into the
    /// value where that stays exact (`kg/(10^4 CNY)` × `10^8 CNY/a` is
    /// `kg/a`, the value times 10^4).
    pub fn mul(&self, o: &Quantity) -> Result<Quantity, QuantityError> {
        let unit = self
            .unit
            .checked_mul(&o.unit)
            .ok_or(QuantityError::Inexact)?;
        let value = self
            .value
            .checked_mul(o.value)
            .ok_or(QuantityError::Inexact)?;
        Ok(Quantity::new(value, unit).tidy())
    }

    /// The exact quotient. Where its decimal would not terminate (10 t ÷ 3)
    /// the divisor moves into the unit's unwritten factor, so the result is
    /// still exact (see [`Unit::unwritten`]). The unit is tidied as in
    /// [`Quantity::mul`], then shown in the conventional unit of its kind
    /// where there is one and the conversion is exact: `12 t/a` ÷
    /// `3.2 10^8 CNY/a` is `0.375 kg/(10^4 CNY)`; `12 t/a` ÷ `50000 t/a` is
    /// the plain number `0.00024` (equal to `0.24 kg/t`).
    pub fn div(&self, o: &Quantity) -> Result<Quantity, QuantityError> {
        if o.value.is_zero() {
            return Err(QuantityError::DivisionByZero);
        }
        let unit = self
            .unit
            .checked_div(&o.unit)
            .ok_or(QuantityError::Inexact)?;
        let q = match exact_div(self.value, o.value) {
            Some(v) => Quantity::new(v, unit),
            None => {
                // 1 / (m × 10^-s) = 10^s / m, with the sign on the value.
                let m = o.value.mantissa();
                let ten_s = 10i128
                    .checked_pow(o.value.scale())
                    .ok_or(QuantityError::Inexact)?;
                let value = if m < 0 { -self.value } else { self.value };
                let unit = unit
                    .with_unwritten((ten_s, m.abs()))
                    .ok_or(QuantityError::Inexact)?;
                Quantity::new(value, unit)
            }
        };
        let q = q.tidy();
        Ok(conventional(self.unit.dim, o.unit.dim)
            .and_then(|target| q.express_in(&target))
            .unwrap_or(q))
    }

    /// This quantity in `target`'s written unit, keeping its own unwritten
    /// factor; `None` when that does not convert exactly.
    fn express_in(&self, target: &Unit) -> Option<Quantity> {
        let t = target.with_unwritten(self.unit.unwritten())?;
        self.convert_to(&t).ok()
    }

    /// Removes atoms that cancel, and merges two atoms of one kind above
    /// and below the line into the value where that is exact. The quantity
    /// is unchanged when its symbol cannot be read back.
    fn tidy(self) -> Quantity {
        let Some(mut list) = atoms(&self.unit.symbol) else {
            return self;
        };
        let mut value = self.value;
        let mut changed = false;
        // Net exponent per atom, in first-seen order.
        let mut net: Vec<(String, i32)> = Vec::new();
        for (a, e) in list.drain(..) {
            match net.iter_mut().find(|(b, _)| *b == a) {
                Some((_, total)) => {
                    *total += e;
                    changed = true;
                }
                None => net.push((a, e)),
            }
        }
        loop {
            let pair = net.iter().enumerate().find_map(|(i, (a, ea))| {
                let ua = Unit::parse(a).ok().filter(|_| *ea > 0)?;
                net.iter().enumerate().find_map(|(j, (b, eb))| {
                    let ub = Unit::parse(b).ok().filter(|u| *eb < 0 && u.dim == ua.dim)?;
                    // a/b = (ua.num × ub.den) / (ua.den × ub.num)
                    let merged = Quantity::new(value, Unit::one())
                        .scaled_by(ua.num.checked_mul(ub.den)?, ua.den.checked_mul(ub.num)?)?;
                    Some((i, j, merged))
                })
            });
            let Some((i, j, merged)) = pair else { break };
            value = merged;
            net[i].1 -= 1;
            net[j].1 += 1;
            changed = true;
        }
        if !changed {
            return self;
        }
        let symbol = render(&net);
        let written = if symbol.is_empty() {
            Ok(Unit::one())
        } else {
            Unit::parse(&symbol)
        };
        let unit = written
            .ok()
            .filter(|u| u.dim == self.unit.dim)
            .and_then(|u| u.with_unwritten(self.unit.unwritten()));
        match unit {
            Some(unit) => Quantity::new(value, unit),
            None => self,
        }
    }

    /// `value × num / den` when it is an exact decimal.
    fn scaled_by(&self, num: i128, den: i128) -> Option<Decimal> {
        let n = self.value.checked_mul(decimal(num).ok()?)?;
        exact_div(n, decimal(den).ok()?).map(|v| v.normalize())
    }

    /// The value as shown: exact where it is a terminating decimal, else
    /// [`SHOWN_DIGITS`] significant digits cut toward zero and `…`.
    fn write_value(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, d) = self.unit.unwritten();
        if (n, d) == (1, 1) {
            return super::digits::write_decimal(f, self.value);
        }
        // The quotient once: shown exactly where it terminates.
        let quotient = decimal(n)
            .ok()
            .and_then(|n| self.value.checked_mul(n))
            .zip(decimal(d).ok())
            .and_then(|(n, d)| Some((n, d, n.checked_div(d)?)));
        if let Some((n, d, v)) = quotient
            && terminates(n, d, v)
        {
            return super::digits::write_decimal(f, v.normalize());
        }
        let approx = quotient
            .and_then(|(_, _, v)| v.round_sf_with_strategy(SHOWN_DIGITS, RoundingStrategy::ToZero));
        match approx {
            Some(v) => {
                super::digits::write_decimal(f, v.normalize())?;
                f.write_str("…")
            }
            None => write!(f, "{}×{n}/{d}", self.value),
        }
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
        match (factor(&self.unit, &o.unit), factor(&o.unit, &self.unit)) {
            (Ok(a), Ok(b)) => a.cmp(&b),
            _ => Ordering::Equal,
        }
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
        let num = scale(self.value, factor(&self.unit, unit)?)?;
        let den = decimal(factor(unit, &self.unit)?)?;
        Ok(Quantity::new(
            num.checked_div(den).ok_or(QuantityError::Inexact)?,
            unit.clone(),
        ))
    }
}

/// The conventional unit for a quotient of kinds `num` ÷ `den`, if any
/// (see [`CONVENTIONAL`]).
fn conventional(num: Dim, den: Dim) -> Option<Unit> {
    let kind = |u: &str| Unit::parse(u).ok().map(|u| u.dim);
    let quotient = num.per(den);
    CONVENTIONAL.iter().find_map(|(n, d, shown)| {
        let shown = Unit::parse(shown).ok()?;
        (kind(n) == Some(num.without_calendar_time())
            && kind(d) == Some(den.without_calendar_time())
            && shown.dim == quotient)
            .then_some(shown)
    })
}

/// `a.num × b.den`: one side of a cross-multiplication of two factors.
fn factor(a: &Unit, b: &Unit) -> Result<i128, QuantityError> {
    if !a.is_exact() || !b.is_exact() {
        return Err(QuantityError::Inexact);
    }
    a.num.checked_mul(b.den).ok_or(QuantityError::Inexact)
}

/// `n / d` when the quotient is a terminating decimal that fits; `None`
/// otherwise, never a rounded quotient. (A product check alone is not
/// enough: `10 / 3 × 3` rounds back to exactly 10 in 28 digits.)
pub(crate) fn exact_div(n: Decimal, d: Decimal) -> Option<Decimal> {
    let v = n.checked_div(d)?;
    terminates(n, d, v).then_some(v)
}

/// True when `v`, the rounded quotient `n / d`, is exact.
fn terminates(n: Decimal, d: Decimal, v: Decimal) -> bool {
    // A quotient that does not terminate fills every digit a decimal has,
    // or reaches the smallest scale, before it is rounded.
    let full = v.scale() >= 28 || v.mantissa().unsigned_abs() >= 10u128.pow(27);
    !full && v.checked_mul(d) == Some(n)
}

/// An integer as a decimal, if it fits (96 bits).
fn decimal(f: i128) -> Result<Decimal, QuantityError> {
    Decimal::try_from_i128_with_scale(f, 0).map_err(|_| QuantityError::Inexact)
}

fn scale(v: Decimal, f: i128) -> Result<Decimal, QuantityError> {
    v.checked_mul(decimal(f)?).ok_or(QuantityError::Inexact)
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
    fn intensity_per_value_added_is_exact_and_dimension_checked() {
        // t/a ÷ (10^8 CNY/a): calendar time cancels, a mass per money is left.
        let cod = q("12 t/a");
        let value_added = q("3.2 10^8 CNY/a");
        let i = cod.div(&value_added).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(i.to_string(), "0.375 kg/(10^4 CNY)");
        assert_eq!(i.unit.dim, q("1 kg/(10^4 CNY)").unit.dim);
        assert_eq!(i.cmp_exact(&q("0.5 kg/(10^4 CNY)")), Ok(Ordering::Less));
        assert_eq!(i.cmp_exact(&q("3.75 t/(10^8 CNY)")), Ok(Ordering::Equal));
        // At the limit exactly: 16 t/a over 3.2 10^8 CNY/a is 0.5 kg/(10^4 CNY).
        let at = q("16 t/a")
            .div(&value_added)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(at.cmp_exact(&q("0.5 kg/(10^4 CNY)")), Ok(Ordering::Equal));
        // Not a mass per volume.
        assert!(matches!(
            i.cmp_exact(&q("0.5 mg/L")),
            Err(QuantityError::Incompatible(..))
        ));
    }

    #[test]
    fn discharge_per_unit_of_output_is_a_mass_per_mass() {
        let r = q("12 t/a")
            .div(&q("50000 t/a"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        // t/a over t/a: a plain number, compared exactly with kg/t (0.001).
        assert_eq!(r.to_string(), "0.00024");
        assert_eq!(r.cmp_exact(&q("0.3 kg/t")), Ok(Ordering::Less));
        assert_eq!(r.cmp_exact(&q("0.24 kg/t")), Ok(Ordering::Equal));
        assert_eq!(r.cmp_exact(&q("240 g/t")), Ok(Ordering::Equal));
        assert!(matches!(
            r.cmp_exact(&q("0.3 kg/m2")),
            Err(QuantityError::Incompatible(..))
        ));
        // A product of limit and output reads as an amount per year.
        let allowed = q("0.3 kg/t")
            .mul(&q("50000 t/a"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(allowed.to_string(), "15000.0 kg/a");
        let allowed = q("0.5 kg/(10^4 CNY)")
            .mul(&q("3.2 10^8 CNY/a"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(allowed.to_string(), "16000 kg/a");
    }

    #[test]
    fn a_quotient_that_does_not_terminate_is_compared_exactly() {
        let third = q("10 t/a")
            .div(&q("3 10^8 CNY/a"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        // 10/3 t/(10^8 CNY) = 1/3 kg/(10^4 CNY), shown cut, never rounded up.
        assert_eq!(third.to_string(), "0.3333333333… kg/(10^4 CNY)");
        assert_eq!(
            third.cmp_exact(&q("0.3333333333333333333333333333 kg/(10^4 CNY)")),
            Ok(Ordering::Greater)
        );
        assert_eq!(
            third.cmp_exact(&q("0.3333333333333333333333333334 kg/(10^4 CNY)")),
            Ok(Ordering::Less)
        );
        // Three thirds are exactly one again.
        let back = third
            .mul(&q("3 10^4 CNY"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(back.cmp_exact(&q("1 kg")), Ok(Ordering::Equal));
        assert_eq!(back.to_string(), "1 kg");
        // A negative divisor moves its sign to the value.
        let neg = q("1 t").div(&q("-3 t")).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(neg.to_string(), "-0.3333333333…");
        assert_eq!(
            q("1 t/a").div(&q("0 t/a")),
            Err(QuantityError::DivisionByZero)
        );
    }

    #[test]
    fn factors_beyond_128_bits_are_inexact_never_a_panic() {
        let t = q("1 t");
        let mut big = t.clone();
        for _ in 0..12 {
            big = Quantity::new(big.value, big.unit.mul(&t.unit));
        }
        assert!(!big.unit.is_exact());
        assert_eq!(big.cmp_exact(&big), Err(QuantityError::Inexact));
        assert!(Unit::parse("t×t×t×t×t×t×t×t").is_err());
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
