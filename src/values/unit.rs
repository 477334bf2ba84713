//! The closed unit table of DESIGN.md "Values": base units, exact factors,
//! dimensions, and the parser for compound units (`mg/L`, `kg/(10^4 CNY)`).
//!
//! A factor is an exact rational `num/den` to the dimension's base unit
//! (g, L, s, month, m2, CNY, tce, °C, Bq, count, Nm3). Calendar time (month,
//! a) is its own dimension: a year is 12 months exactly, but not a fixed
//! number of days, so `d` and `a` never convert into each other. A cubic
//! metre at standard conditions (`Nm3`, for flue gas) is its own dimension
//! too: `mg/Nm3` compares with air limits in `mg/Nm3`, never with `mg/L`.

use std::fmt;

/// Base dimensions, in the order of [`Dim`]'s exponents.
pub const BASE_DIMS: [&str; 11] = [
    "mass",
    "volume",
    "time",
    "calendar time",
    "area",
    "money",
    "energy",
    "temperature",
    "activity",
    "count",
    "standard volume",
];

/// Index of calendar time in [`BASE_DIMS`].
const CALENDAR_TIME: usize = 3;

/// A dimension: exponents over [`BASE_DIMS`]. All zero = dimensionless.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Dim(pub [i8; 11]);

impl Dim {
    /// Dimensionless (pH, percent, ratios).
    pub const NONE: Dim = Dim([0; 11]);
    fn base(i: usize) -> Dim {
        let mut d = [0; 11];
        d[i] = 1;
        Dim(d)
    }
    /// Product of dimensions.
    pub fn times(self, o: Dim) -> Dim {
        let mut d = self.0;
        for (a, b) in d.iter_mut().zip(o.0) {
            *a += b;
        }
        Dim(d)
    }
    /// The dimension with calendar time left out: a rate per year or month
    /// counts as its amount (`t/a` -> mass), for choosing how to show a
    /// quotient of two rates.
    pub fn without_calendar_time(self) -> Dim {
        let mut d = self.0;
        d[CALENDAR_TIME] = 0;
        Dim(d)
    }
    /// Quotient of dimensions.
    pub fn per(self, o: Dim) -> Dim {
        let mut d = self.0;
        for (a, b) in d.iter_mut().zip(o.0) {
            *a -= b;
        }
        Dim(d)
    }
}

impl fmt::Display for Dim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut num = Vec::new();
        let mut den = Vec::new();
        for (i, e) in self.0.iter().enumerate() {
            let name = BASE_DIMS[i];
            match e.cmp(&0) {
                std::cmp::Ordering::Greater => num.push(pow(name, *e)),
                std::cmp::Ordering::Less => den.push(pow(name, -e)),
                std::cmp::Ordering::Equal => {}
            }
        }
        match (num.is_empty(), den.is_empty()) {
            (true, true) => write!(f, "dimensionless"),
            (false, true) => write!(f, "{}", num.join("×")),
            (true, false) => write!(f, "1/{}", den.join("×")),
            (false, false) => write!(f, "{} per {}", num.join("×"), den.join("×")),
        }
    }
}

fn pow(name: &str, e: i8) -> String {
    if e == 1 {
        name.to_string()
    } else {
        format!("{name}^{e}")
    }
}

/// A unit: a display symbol, a dimension and an exact factor to the base.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unit {
    /// Canonical display symbol (`mg/L`, `t/a`, `10^4 CNY`).
    pub symbol: std::sync::Arc<str>,
    /// The dimension.
    pub dim: Dim,
    /// Factor numerator (base units per unit = num/den), unwritten part
    /// included. Both are 0 for a unit whose factor does not fit (see
    /// [`Unit::is_exact`]).
    pub num: i128,
    /// Factor denominator.
    pub den: i128,
    /// The part of the factor that `symbol` does not show (see
    /// [`Unit::unwritten`]); `None` for 1, boxed to keep units small.
    extra: Option<Box<(i128, i128)>>,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.symbol)
    }
}

/// Why a unit text was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitError {
    /// Not in the closed table.
    Unknown(String),
    /// A spelling that means several units (`ton`): message says which to use.
    Ambiguous {
        /// The text as written.
        unit: String,
        /// Why it is ambiguous.
        why: &'static str,
        /// The unit to write instead.
        suggest: &'static str,
    },
}

impl fmt::Display for UnitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitError::Unknown(u) => {
                f.write_str(&crate::messages::t("unit.unknown", &[("unit", u)]))
            }
            UnitError::Ambiguous { unit, why, suggest } => f.write_str(&crate::messages::t(
                "unit.ambiguous",
                &[("unit", unit), ("why", why), ("suggest", suggest)],
            )),
        }
    }
}

// (symbol, base dimension index or None for dimensionless, num, den)
const ATOMS: &[(&str, Option<usize>, i128, i128)] = &[
    ("ng", Some(0), 1, 1_000_000_000),
    ("µg", Some(0), 1, 1_000_000),
    ("mg", Some(0), 1, 1000),
    ("g", Some(0), 1, 1),
    ("kg", Some(0), 1000, 1),
    ("t", Some(0), 1_000_000, 1),
    ("L", Some(1), 1, 1),
    ("m3", Some(1), 1000, 1),
    ("Nm3", Some(10), 1, 1),
    ("s", Some(2), 1, 1),
    ("min", Some(2), 60, 1),
    ("h", Some(2), 3600, 1),
    ("d", Some(2), 86400, 1),
    ("month", Some(3), 1, 1),
    ("a", Some(3), 12, 1),
    ("m2", Some(4), 1, 1),
    ("ha", Some(4), 10_000, 1),
    ("km2", Some(4), 1_000_000, 1),
    ("CNY", Some(5), 1, 1),
    ("tce", Some(6), 1, 1),
    ("°C", Some(7), 1, 1),
    ("Bq", Some(8), 1, 1),
    ("count", Some(9), 1, 1),
    ("%", None, 1, 100),
    ("pH", None, 1, 1),
    ("1", None, 1, 1),
];

// Other spellings of atoms (Chinese, micro signs, superscripts).
const SPELLINGS: &[(&str, &str)] = &[
    ("μg", "µg"),
    ("ug", "µg"),
    ("吨", "t"),
    ("千克", "kg"),
    ("公斤", "kg"),
    ("克", "g"),
    ("毫克", "mg"),
    ("微克", "µg"),
    ("纳克", "ng"),
    ("升", "L"),
    ("l", "L"),
    ("立方米", "m3"),
    ("m³", "m3"),
    ("标立方米", "Nm3"),
    ("Nm³", "Nm3"),
    ("秒", "s"),
    ("分钟", "min"),
    ("小时", "h"),
    ("天", "d"),
    ("日", "d"),
    ("月", "month"),
    ("年", "a"),
    ("m²", "m2"),
    ("平方米", "m2"),
    ("公顷", "ha"),
    ("km²", "km2"),
    ("平方公里", "km2"),
    ("平方千米", "km2"),
    ("元", "CNY"),
    ("吨标准煤", "tce"),
    ("℃", "°C"),
    ("个", "count"),
    ("percent", "%"),
];

const AMBIGUOUS: &[(&str, &str, &str)] = &[
    ("ton", "metric tonne or short/long ton", "t"),
    ("tons", "metric tonne or short/long ton", "t"),
    (
        "tonne",
        "write the table's symbol for the metric tonne",
        "t",
    ),
    (
        "ppm",
        "parts per million by volume or by mass; for water write mg/L",
        "mg/Nm3",
    ),
    ("yr", "write the table's symbol for a calendar year", "a"),
    ("year", "write the table's symbol for a calendar year", "a"),
    ("万吨", "a scaled mass is not in the unit table", "t"),
];

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i128::try_from(a).unwrap_or(1).max(1)
}

/// An unwritten factor as stored: `None` for 1.
fn boxed(r: (i128, i128)) -> Option<Box<(i128, i128)>> {
    (r != (1, 1)).then(|| Box::new(r))
}

/// `a/b × c/d` in lowest terms; `None` when it does not fit.
fn ratio_mul((a, b): (i128, i128), (c, d): (i128, i128)) -> Option<(i128, i128)> {
    let (g1, g2) = (gcd(a, d), gcd(c, b));
    let num = (a / g1).checked_mul(c / g2)?;
    let den = (b / g2).checked_mul(d / g1)?;
    Some((num, den))
}

impl Unit {
    /// The dimensionless unit `1`.
    pub fn one() -> Unit {
        Unit {
            symbol: "".into(),
            dim: Dim::NONE,
            num: 1,
            den: 1,
            extra: None,
        }
    }
    fn atom(text: &str) -> Result<Unit, UnitError> {
        let canon = SPELLINGS
            .iter()
            .find(|(s, _)| *s == text)
            .map_or(text, |(_, c)| c);
        if let Some(&(sym, dim, num, den)) = ATOMS.iter().find(|(s, ..)| *s == canon) {
            return Ok(Unit {
                symbol: sym.into(),
                dim: dim.map_or(Dim::NONE, Dim::base),
                num,
                den,
                extra: None,
            });
        }
        if let Some(&(_, why, suggest)) = AMBIGUOUS
            .iter()
            .find(|(s, ..)| s.eq_ignore_ascii_case(text))
        {
            return Err(UnitError::Ambiguous {
                unit: text.to_string(),
                why,
                suggest,
            });
        }
        match text {
            "万元" => Ok(scaled(4, Unit::atom("CNY")?)),
            "亿元" => Ok(scaled(8, Unit::atom("CNY")?)),
            _ => Err(UnitError::Unknown(text.to_string())),
        }
    }
    /// The product or quotient; `None` when its factor does not fit. An
    /// atom that ends up both above and below the line cancels in the
    /// symbol (`t/a` ÷ `10^8 CNY/a` is `t/(10^8 CNY)`); the factor is the
    /// same either way.
    fn try_combine(&self, o: &Unit, divide: bool) -> Option<Unit> {
        if !self.is_exact() || !o.is_exact() {
            return None;
        }
        let (dim, factor, unwritten, sep) = if divide {
            (
                self.dim.per(o.dim),
                ratio_mul((self.num, self.den), (o.den, o.num))?,
                ratio_mul(self.unwritten(), (o.unwritten().1, o.unwritten().0))?,
                "/",
            )
        } else {
            (
                self.dim.times(o.dim),
                ratio_mul((self.num, self.den), (o.num, o.den))?,
                ratio_mul(self.unwritten(), o.unwritten())?,
                "×",
            )
        };
        let rhs = if divide && o.symbol.contains(['/', '×', ' ']) {
            format!("({})", o.symbol)
        } else {
            o.symbol.to_string()
        };
        let symbol = match (self.symbol.is_empty(), divide) {
            (true, true) => format!("1/{rhs}"),
            (true, false) => rhs,
            _ => format!("{}{sep}{rhs}", self.symbol),
        };
        // Only a symbol whose sides share an atom can cancel (the common
        // `mg/L` is left alone without reading its atoms).
        let symbol = if shares_atom(&self.symbol, &o.symbol) {
            cancel(&symbol).unwrap_or(symbol)
        } else {
            symbol
        };
        Some(Unit {
            symbol: symbol.into(),
            dim,
            num: factor.0,
            den: factor.1,
            extra: boxed(unwritten),
        })
    }
    /// The same unit with a factor that does not fit: every exact operation
    /// on it reports the result as inexact instead of a wrong number.
    fn overflowed(symbol: String, dim: Dim) -> Unit {
        Unit {
            symbol: symbol.into(),
            dim,
            num: 0,
            den: 0,
            extra: None,
        }
    }
    fn combine(&self, o: &Unit, divide: bool) -> Unit {
        self.try_combine(o, divide).unwrap_or_else(|| {
            let (sep, dim) = if divide {
                ("/", self.dim.per(o.dim))
            } else {
                ("×", self.dim.times(o.dim))
            };
            Unit::overflowed(format!("{}{sep}({})", self.symbol, o.symbol), dim)
        })
    }
    /// Product unit (`×`). A factor beyond 128 bits gives a unit that is
    /// not [`Unit::is_exact`] (never a wrong factor, never a panic).
    pub fn mul(&self, o: &Unit) -> Unit {
        self.combine(o, false)
    }
    /// Quotient unit (`/`), as [`Unit::mul`].
    pub fn div(&self, o: &Unit) -> Unit {
        self.combine(o, true)
    }
    /// Product unit, `None` when its factor does not fit in 128 bits.
    pub fn checked_mul(&self, o: &Unit) -> Option<Unit> {
        self.try_combine(o, false)
    }
    /// Quotient unit, `None` when its factor does not fit in 128 bits.
    pub fn checked_div(&self, o: &Unit) -> Option<Unit> {
        self.try_combine(o, true)
    }
    /// True when the factor is known exactly (not overflowed).
    pub fn is_exact(&self) -> bool {
        let (n, d) = self.unwritten();
        self.num > 0 && self.den > 0 && n > 0 && d > 0
    }
    /// This unit times the unwritten factor `r` (numerator, denominator,
    /// both above zero): the unit of a value divided by `r.1 / r.0` without
    /// rounding. `None` when the factor does not fit.
    pub fn with_unwritten(&self, r: (i128, i128)) -> Option<Unit> {
        if !self.is_exact() || r.0 <= 0 || r.1 <= 0 {
            return None;
        }
        let (num, den) = ratio_mul((self.num, self.den), r)?;
        Some(Unit {
            symbol: self.symbol.clone(),
            dim: self.dim,
            num,
            den,
            extra: boxed(ratio_mul(self.unwritten(), r)?),
        })
    }
    /// The written part of this unit alone (the unit its symbol names).
    pub fn written(&self) -> Option<Unit> {
        let (n, d) = self.unwritten();
        self.with_unwritten((d, n))
    }
    /// The part of the factor that `symbol` does not show, as (numerator,
    /// denominator) in lowest terms: (1, 1) for every unit of the table and
    /// every unit built from them. Only an exact quotient whose decimal would
    /// not terminate has another: `10 t ÷ 3` is 10 in the unit `t` × 1/3, so
    /// that it is still compared exactly (DESIGN.md "Values"). A quantity in
    /// such a unit is shown as an approximation (see
    /// [`crate::values::Quantity`]'s `Display`). `num` and `den` include it.
    pub fn unwritten(&self) -> (i128, i128) {
        self.extra.as_deref().copied().unwrap_or((1, 1))
    }
    /// True when values in `self` and `o` can be compared or added.
    pub fn compatible(&self, o: &Unit) -> bool {
        self.dim == o.dim
    }
    /// Parses a unit from the closed table: atoms joined by `/`, `×`, `*` or
    /// `·`, parentheses, and decimal scales `10^4 CNY`. Chinese spellings
    /// (`毫克/升`, `万元`) and both micro signs are accepted.
    ///
    /// Errors: [`UnitError::Unknown`] for anything outside the table,
    /// [`UnitError::Ambiguous`] for spellings such as `ton`.
    pub fn parse(text: &str) -> Result<Unit, UnitError> {
        let text = text.trim();
        let mut p = UnitParser { s: text, pos: 0 };
        let u = p.product().map_err(|_| unknown_or_ambiguous(text))?;
        p.skip_ws();
        if p.pos != p.s.len() {
            return Err(unknown_or_ambiguous(text));
        }
        Ok(u)
    }
}

fn unknown_or_ambiguous(text: &str) -> UnitError {
    // Report the ambiguous atom if one is inside (e.g. `ton/a`).
    for part in text.split(['/', '×', '*', '·', '(', ')', ' ']) {
        if let Err(e @ UnitError::Ambiguous { .. }) = Unit::atom(part) {
            return match e {
                UnitError::Ambiguous { why, suggest, .. } => UnitError::Ambiguous {
                    unit: text.to_string(),
                    why,
                    suggest: suggest_whole(text, part, suggest),
                },
                other => other,
            };
        }
    }
    UnitError::Unknown(text.to_string())
}

fn suggest_whole(text: &str, part: &str, suggest: &'static str) -> &'static str {
    // Only a few whole-unit suggestions are worth a table; otherwise the atom.
    match (text.replace(part, suggest).as_str(), suggest) {
        ("t/a", _) => "t/a",
        ("t/d", _) => "t/d",
        ("t/month", _) => "t/month",
        _ => suggest,
    }
}

/// `10^exp` of an atom (`exp` at most 12, so the factor always fits).
fn scaled(exp: u32, u: Unit) -> Unit {
    let f = 10i128.pow(exp);
    let (num, den) = ratio_mul((u.num, u.den), (f, 1)).unwrap_or((0, 0));
    Unit {
        symbol: format!("10^{exp} {}", u.symbol).into(),
        dim: u.dim,
        num,
        den,
        extra: None,
    }
}

/// The atoms of a symbol built by this module, each with exponent 1 or -1
/// as it stands above or below the line, in written order (`10^4 CNY` is
/// one atom; an atom may repeat). `None` if `symbol` is not of that form.
pub(crate) fn atoms(symbol: &str) -> Option<Vec<(String, i32)>> {
    let mut p = UnitParser { s: symbol, pos: 0 };
    let mut out = Vec::new();
    p.skip_ws();
    if p.pos == p.s.len() {
        return Some(out);
    }
    p.atom_product(1, &mut out)?;
    p.skip_ws();
    (p.pos == p.s.len()).then_some(out)
}

/// Writes atoms with exponents as a symbol: `a×b/(c×d)`, `1/h`, `t/(10^8
/// CNY)`; the empty string when nothing is left. The atom `1` is dropped.
pub(crate) fn render(atoms: &[(String, i32)]) -> String {
    let side = |positive: bool| -> Vec<&str> {
        atoms
            .iter()
            .filter(|(a, e)| a != "1" && (*e > 0) == positive && *e != 0)
            .flat_map(|(a, e)| std::iter::repeat_n(a.as_str(), e.unsigned_abs() as usize))
            .collect()
    };
    let (num, den) = (side(true), side(false));
    let top = if num.is_empty() {
        "1".to_string()
    } else {
        num.join("×")
    };
    match den.as_slice() {
        [] if num.is_empty() => String::new(),
        [] => top,
        [one] if !one.contains(' ') => format!("{top}/{one}"),
        many => format!("{top}/({})", many.join("×")),
    }
}

/// True when some atom text of `b` occurs in `a` (a cheap test before
/// [`cancel`]; a false positive only costs the full check).
fn shares_atom(a: &str, b: &str) -> bool {
    b.split(['/', '×', '*', '·', '(', ')', ' '])
        .any(|part| !part.is_empty() && part != "1" && a.contains(part))
}

/// The symbol with atoms that appear both above and below the line
/// cancelled; `None` when nothing cancels (the symbol is kept as built).
fn cancel(symbol: &str) -> Option<String> {
    let list = atoms(symbol)?;
    let mut merged: Vec<(String, i32)> = Vec::new();
    let mut cancelled = false;
    for (a, e) in list {
        match merged.iter_mut().find(|(b, _)| *b == a) {
            Some((_, total)) => {
                cancelled |= total.signum() != e.signum();
                *total += e;
            }
            None => merged.push((a, e)),
        }
    }
    cancelled.then(|| render(&merged))
}

struct UnitParser<'a> {
    s: &'a str,
    pos: usize,
}

impl UnitParser<'_> {
    fn rest(&self) -> &str {
        &self.s[self.pos..]
    }
    fn skip_ws(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.s.len() - trimmed.len();
    }
    fn product(&mut self) -> Result<Unit, ()> {
        let mut u = self.factor()?;
        loop {
            self.skip_ws();
            let Some(c) = self.rest().chars().next() else {
                break;
            };
            let divide = match c {
                '/' => true,
                '×' | '*' | '·' => false,
                _ => break,
            };
            self.pos += c.len_utf8();
            self.skip_ws();
            let rhs = self.factor()?;
            u = u.try_combine(&rhs, divide).ok_or(())?;
        }
        Ok(u)
    }
    /// `atom_product` of [`atoms`]: each atom with `sign` (flipped after `/`).
    fn atom_product(&mut self, sign: i32, out: &mut Vec<(String, i32)>) -> Option<()> {
        self.atom_factor(sign, out)?;
        loop {
            self.skip_ws();
            let Some(c) = self.rest().chars().next() else {
                break;
            };
            let s = match c {
                '/' => -sign,
                '×' | '*' | '·' => sign,
                _ => break,
            };
            self.pos += c.len_utf8();
            self.skip_ws();
            self.atom_factor(s, out)?;
        }
        Some(())
    }
    fn atom_factor(&mut self, sign: i32, out: &mut Vec<(String, i32)>) -> Option<()> {
        if self.rest().starts_with('(') {
            self.pos += 1;
            self.atom_product(sign, out)?;
            self.skip_ws();
            self.rest().starts_with(')').then_some(())?;
            self.pos += 1;
            return Some(());
        }
        let start = self.pos;
        if let Some(after) = self.rest().strip_prefix("10^") {
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            self.pos += 3 + digits;
            self.skip_ws();
        }
        self.atom_text().ok()?;
        out.push((self.s[start..self.pos].to_string(), sign));
        Some(())
    }
    fn factor(&mut self) -> Result<Unit, ()> {
        if self.rest().starts_with('(') {
            self.pos += 1;
            let u = self.product()?;
            self.skip_ws();
            if !self.rest().starts_with(')') {
                return Err(());
            }
            self.pos += 1;
            return Ok(u);
        }
        if let Some(after) = self.rest().strip_prefix("10^") {
            let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
            let exp: u32 = digits.parse().map_err(|_| ())?;
            if exp > 12 {
                return Err(());
            }
            self.pos += 3 + digits.len();
            self.skip_ws();
            let base = self.atom_text()?;
            return Ok(scaled(exp, Unit::atom(base).map_err(|_| ())?));
        }
        let text = self.atom_text()?;
        Unit::atom(text).map_err(|_| ())
    }
    fn atom_text(&mut self) -> Result<&str, ()> {
        let start = self.pos;
        let len: usize = self
            .rest()
            .chars()
            .take_while(|c| !matches!(c, '/' | '×' | '*' | '·' | '(' | ')') && !c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        if len == 0 {
            return Err(());
        }
        self.pos += len;
        Ok(&self.s[start..start + len])
    }
}

#[cfg(test)]
#[expect(clippy::panic, reason = "tests fail loudly on bad fixtures")]
mod tests {
    use super::*;

    fn u(s: &str) -> Unit {
        Unit::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn parses_compound_units() {
        assert_eq!((u("mg/L").num, u("mg/L").den), (1, 1000));
        assert_eq!(u("t/a").dim, u("kg/a").dim);
        assert_eq!(&*u("kg/(10^4 CNY)").symbol, "kg/(10^4 CNY)");
        assert_eq!((u("kg/(10^4 CNY)").num, u("kg/(10^4 CNY)").den), (1, 10));
        assert_eq!(u("毫克/升"), u("mg/L"));
        assert_eq!(u("万元"), u("10^4 CNY"));
        assert_eq!(u("μg/L"), u("µg/L"));
        assert_eq!(u("(10^8 CNY)/km2").dim, u("10^8 CNY").dim.per(u("km2").dim));
    }

    #[test]
    fn refuses_unknown_and_ambiguous() {
        assert!(matches!(
            Unit::parse("ton/a"),
            Err(UnitError::Ambiguous { suggest: "t/a", .. })
        ));
        assert!(matches!(Unit::parse("furlong"), Err(UnitError::Unknown(_))));
        assert!(matches!(Unit::parse("mg/"), Err(UnitError::Unknown(_))));
    }

    #[test]
    fn calendar_time_is_not_clock_time() {
        assert_ne!(u("t/a").dim, u("t/d").dim);
        assert_eq!(u("t/a").dim, u("t/month").dim);
    }

    #[test]
    fn atoms_that_cancel_leave_the_symbol() {
        let rate = u("t/a").div(&u("10^8 CNY/a"));
        assert_eq!(&*rate.symbol, "t/(10^8 CNY)");
        assert_eq!((rate.num, rate.den), (1, 100));
        assert_eq!(&*u("kg/t").mul(&u("t/a")).symbol, "kg/a");
        assert_eq!(&*u("t/a").div(&u("t/a")).symbol, "");
        // Nothing cancels: the symbol is kept as built.
        assert_eq!(&*u("kg").div(&u("10^4 CNY")).symbol, "kg/(10^4 CNY)");
        assert_eq!(&*u("(10^8 CNY)/km2").symbol, "10^8 CNY/km2");
    }

    #[test]
    fn an_unwritten_factor_is_part_of_the_factor_not_the_symbol() {
        let third = u("t").with_unwritten((1, 3)).unwrap_or_else(Unit::one);
        assert_eq!(&*third.symbol, "t");
        assert_eq!(
            (third.num, third.den, third.unwritten()),
            (1_000_000, 3, (1, 3))
        );
        assert_eq!(third.written(), Some(u("t")));
        assert_eq!(third.mul(&u("a")).unwritten(), (1, 3));
    }

    #[test]
    fn standard_cubic_metres_are_not_litres() {
        assert!(!u("mg/Nm3").compatible(&u("mg/L")));
        assert!(!u("mg/Nm3").compatible(&u("mg/m3")));
        assert!(u("mg/Nm3").compatible(&u("µg/Nm3")));
        assert_eq!(u("标立方米"), u("Nm3"));
    }
}
