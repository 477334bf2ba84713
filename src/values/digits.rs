//! Integers and dates written as text without the `fmt` machinery (the
//! report writes hundreds of thousands of them).

use std::fmt::{self, Write};

/// "00" to "99", two characters each.
const PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839\
40414243444546474849505152535455565758596061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Writes `n` in decimal.
pub fn write_uint(out: &mut impl Write, n: u64) -> fmt::Result {
    if n >= 100 {
        write_uint(out, n / 100)?;
        two(out, (n % 100) as u8)
    } else if n >= 10 {
        two(out, n as u8)
    } else {
        let at = 2 * n as usize + 1;
        out.write_str(&PAIRS[at..=at])
    }
}

/// Writes `d` as its `Display` does without a precision (`-0.050`: every
/// digit of its scale kept).
pub fn write_decimal(out: &mut impl Write, d: rust_decimal::Decimal) -> fmt::Result {
    if d.is_sign_negative() {
        out.write_char('-')?;
    }
    let m = d.mantissa().unsigned_abs();
    let scale = d.scale() as usize;
    if scale == 0 {
        return write_u128(out, m);
    }
    let mut digits = Digits([0; 40], 0);
    write_u128(&mut digits, m)?;
    let text = digits.text();
    let int_len = text.len().saturating_sub(scale);
    if int_len == 0 {
        out.write_str("0.")?;
        for _ in text.len()..scale {
            out.write_char('0')?;
        }
        out.write_str(text)
    } else {
        out.write_str(&text[..int_len])?;
        out.write_char('.')?;
        out.write_str(&text[int_len..])
    }
}

/// Up to 40 ASCII digits, on the stack.
struct Digits([u8; 40], usize);

impl Digits {
    fn text(&self) -> &str {
        std::str::from_utf8(&self.0[..self.1]).unwrap_or_default()
    }
}

impl Write for Digits {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.1 + s.len();
        self.0
            .get_mut(self.1..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.1 = end;
        Ok(())
    }
}

/// Writes `n` in decimal (wider than `u64` only when it must be).
fn write_u128(out: &mut impl Write, n: u128) -> fmt::Result {
    match u64::try_from(n) {
        Ok(n) => write_uint(out, n),
        Err(_) => write!(out, "{n}"),
    }
}

/// Writes `n` (0-99) as two digits.
pub fn two(out: &mut impl Write, n: u8) -> fmt::Result {
    let at = 2 * usize::from(n % 100);
    out.write_str(&PAIRS[at..at + 2])
}

/// Writes a year of four digits, `-MM`, and `-DD` when there is a day, as
/// `{y:04}-{m:02}-{d:02}` would; `None` (nothing written) for a year
/// outside 0-9999 or a month or day outside 1-99, which the caller writes
/// its own way.
pub fn write_date(out: &mut impl Write, y: i16, m: i8, d: Option<i8>) -> Option<fmt::Result> {
    let (Ok(y), Ok(m)) = (u16::try_from(y), u8::try_from(m)) else {
        return None;
    };
    let d = match d.map(u8::try_from) {
        Some(Ok(d)) => Some(d),
        Some(Err(_)) => return None,
        None => None,
    };
    if y > 9999 || !(1..100).contains(&m) || d.is_some_and(|d| !(1..100).contains(&d)) {
        return None;
    }
    Some(ymd(out, y, m, d))
}

/// [`write_date`] once checked.
fn ymd(out: &mut impl Write, y: u16, m: u8, d: Option<u8>) -> fmt::Result {
    two(out, (y / 100) as u8)?;
    two(out, (y % 100) as u8)?;
    out.write_char('-')?;
    two(out, m)?;
    if let Some(d) = d {
        out.write_char('-')?;
        two(out, d)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_as_fmt_writes_them() {
        let mut s = String::new();
        for n in [0, 7, 10, 99, 100, 101, 123_456, u64::MAX] {
            s.clear();
            assert_eq!(write_uint(&mut s, n), Ok(()));
            assert_eq!(s, n.to_string());
        }
        s.clear();
        for (y, m, d) in [(2025, 3, Some(1)), (7, 12, None), (9999, 1, Some(31))] {
            assert_eq!(write_date(&mut s, y, m, d), Some(Ok(())));
            s.push(' ');
        }
        assert_eq!(s, "2025-03-01 0007-12 9999-01-31 ");
        assert_eq!(write_date(&mut s, -1, 1, None), None);
        for text in [
            "0",
            "-0",
            "0.00",
            "-0.050",
            "5",
            "150",
            "150.0",
            "0.05",
            "13.5416666666666",
            "-12.5",
            "123456789012345678901234.5678",
            "79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "-7.9228162514264337593543950335",
        ] {
            let d: rust_decimal::Decimal = text.parse().unwrap_or_default();
            let mut ours = String::new();
            assert_eq!(write_decimal(&mut ours, d), Ok(()));
            assert_eq!(ours, d.to_string(), "{text}");
        }
        assert_eq!(write_date(&mut s, 10000, 1, None), None);
    }
}
