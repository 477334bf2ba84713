//! Exact decimals parsed from source text, never through binary floating point.

use rust_decimal::Decimal;

/// Why a number text was refused. Messages come from the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number at all.
    Invalid,
    /// Contains full-width digits (from an IME); refused, never normalised silently.
    FullWidth,
    /// NaN or infinity in any spelling.
    NotFinite,
    /// More than 28 significant digits or beyond ±7.9e28.
    OutOfRange,
}

impl NumberError {
    /// The catalogue key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            NumberError::Invalid => "number.invalid",
            NumberError::FullWidth => "number.fullwidth",
            NumberError::NotFinite => "number.not_finite",
            NumberError::OutOfRange => "number.out_of_range",
        }
    }
    /// The rendered message for `text`.
    pub fn message(&self, text: &str) -> String {
        crate::messages::t(self.key(), &[("text", &text)])
    }
}

/// Parses an exact decimal: optional sign, ASCII digits, optional fraction,
/// optional exponent (`1.2e2` is exactly 120). No thousands separators.
///
/// Errors: full-width digits, NaN/infinity spellings (`.nan`, `NaN`, `.inf`,
/// `Infinity`), values outside `rust_decimal`'s range, anything else.
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    if let Some(d) = plain_decimal(text.as_bytes()) {
        return Ok(d);
    }
    let t = text.trim();
    if t.chars()
        .any(|c| ('\u{FF10}'..='\u{FF19}').contains(&c) || c == '\u{FF0E}')
    {
        return Err(NumberError::FullWidth);
    }
    let lower = t.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if matches!(lower.as_str(), ".nan" | "nan" | ".inf" | "inf" | "infinity") {
        return Err(NumberError::NotFinite);
    }
    let bytes = t.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - int_start;
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let f = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        digits += i - f;
    }
    if digits == 0 {
        return Err(NumberError::Invalid);
    }
    let mantissa_end = i;
    if i < bytes.len() && matches!(bytes[i], b'e' | b'E') {
        i += 1;
        if i < bytes.len() && matches!(bytes[i], b'+' | b'-') {
            i += 1;
        }
        let e = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == e {
            return Err(NumberError::Invalid);
        }
    }
    if i != bytes.len() {
        return Err(NumberError::Invalid);
    }
    let mantissa = t[..mantissa_end].trim_start_matches('+');
    if mantissa_end == t.len() {
        return Decimal::from_str_exact(mantissa).map_err(|_| NumberError::OutOfRange);
    }
    Decimal::from_scientific(&t.replace('+', "")).map_err(|_| NumberError::OutOfRange)
}

/// The common case without a detour: unsigned ASCII digits with at most
/// one inner point (`48.2`, `150`), at most 18 digits. The value and scale
/// are those [`Decimal::from_str_exact`] gives; anything else is `None`.
pub(crate) fn plain_decimal(b: &[u8]) -> Option<Decimal> {
    if b.is_empty() || b.len() > 19 {
        return None;
    }
    let (mut mantissa, mut scale, mut point, mut digits) = (0i64, 0u32, false, 0);
    for &c in b {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + i64::from(c - b'0');
                digits += 1;
                scale += u32::from(point);
            }
            b'.' if !point && digits > 0 => point = true,
            _ => return None,
        }
    }
    (digits <= 18 && !(point && scale == 0)).then(|| Decimal::new(mantissa, scale))
}

#[cfg(test)]
#[expect(clippy::panic, reason = "tests fail loudly on bad fixtures")]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        parse_decimal(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn parses_exactly() {
        assert_eq!(d("40.000000000000001").to_string(), "40.000000000000001");
        assert_eq!(d("1.2e2"), Decimal::from(120));
        assert_eq!(d("-0.05"), Decimal::new(-5, 2));
        assert_eq!(d("150.0").to_string(), "150.0");
    }

    #[test]
    fn plain_digits_parse_as_the_general_path_does() {
        for s in [
            "0",
            "007",
            "150.0",
            "48.25",
            "0.001",
            "999999999999999999",
            "0.00000000000000001",
        ] {
            let general = Decimal::from_str_exact(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            let plain = plain_decimal(s.as_bytes());
            assert_eq!(
                plain.map(|d| (d, d.scale())),
                Some((general, general.scale())),
                "{s}"
            );
        }
        for s in [
            "",
            ".5",
            "5.",
            "1.2.3",
            "-1",
            "+1",
            " 1",
            "1e2",
            "1234567890123456789",
            "1.000000000000000001",
        ] {
            assert_eq!(plain_decimal(s.as_bytes()), None, "{s}");
        }
    }

    #[test]
    fn refuses_non_numbers() {
        assert_eq!(parse_decimal("４８.2"), Err(NumberError::FullWidth));
        assert_eq!(parse_decimal(".nan"), Err(NumberError::NotFinite));
        assert_eq!(parse_decimal("-.inf"), Err(NumberError::NotFinite));
        assert_eq!(parse_decimal("4x.1"), Err(NumberError::Invalid));
        assert_eq!(parse_decimal("1,000"), Err(NumberError::Invalid));
        assert_eq!(parse_decimal("1e999"), Err(NumberError::OutOfRange));
        assert_eq!(parse_decimal(""), Err(NumberError::Invalid));
    }
}
