//! Calendar dates written as numbers, checked with a reason: the filing's
//! dates and the monitoring CSV's times share the wording of "why not".

use crate::messages::t;
use jiff::civil::Date;

/// The date `y`-`m`-`d` in 1900 to 2100, or why it is not one (a rendered
/// phrase for the message `... is not a valid date ({why})`): a zero part
/// (`0000-00-00`: use null if unknown), a year outside 1900 to 2100, no
/// such month, 29 February of a common year, or a day past the month's end.
pub fn civil_date(y: i16, m: i8, d: i8) -> Result<Date, String> {
    let in_range = (1900..=2100).contains(&y);
    if let (Ok(date), true) = (Date::new(y, m, d), in_range) {
        return Ok(date);
    }
    Err(if y == 0 || m == 0 || d == 0 {
        t("filing.date.why.unknown", &[])
    } else if !in_range {
        t("filing.date.why.year", &[("year", &y)])
    } else if !(1..=12).contains(&m) {
        t("filing.date.why.month", &[("month", &m)])
    } else if m == 2 && d == 29 {
        t("filing.date.why.leap", &[("year", &y)])
    } else {
        let days = Date::new(y, m, 1).map_or(31, Date::days_in_month);
        t("filing.date.why.days", &[("month", &m), ("days", &days)])
    })
}

/// Splits `YYYY-MM-DD` at the start of `text` into its numbers when the
/// shape is right (four, two and two ASCII digits), with the rest of the
/// text; the numbers are not checked.
pub fn split_ymd(text: &str) -> Option<(i16, i8, i8, &str)> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return None;
    }
    Some((
        text.get(..4)?.parse().ok()?,
        text.get(5..7)?.parse().ok()?,
        text.get(8..10)?.parse().ok()?,
        text.get(10..)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_why_a_date_is_impossible() {
        assert_eq!(
            civil_date(2024, 2, 29).map(|d| d.to_string()),
            Ok("2024-02-29".into())
        );
        assert_eq!(
            civil_date(2023, 2, 29),
            Err("2023 is not a leap year".into())
        );
        assert_eq!(civil_date(0, 0, 0), Err("use null if unknown".into()));
        assert_eq!(civil_date(2025, 4, 31), Err("month 4 has 30 days".into()));
        assert_eq!(civil_date(2025, 13, 1), Err("there is no month 13".into()));
        assert_eq!(split_ymd("2023-02-29T00:00"), Some((2023, 2, 29, "T00:00")));
        assert_eq!(split_ymd("2023-2-29"), None);
    }
}
