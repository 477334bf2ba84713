//! Working days in mainland China, from a calendar shipped as data
//! (`rules/calendar/cn-working-days.txt`): the statutory days off and the
//! weekend days made working days, per year, each year citing the State
//! Council notice it comes from. A working day is a Monday to Friday that is
//! not a day off, or a listed make-up working day. Holidays are never
//! derived from weekday or lunar rules: a date in a year the calendar does
//! not cover gives [`NotCovered`], naming the year.

use super::diag::Diagnostic;
use super::span::{FileId, Span};
use jiff::civil::{Date, Weekday};
use std::collections::{BTreeMap, HashSet};

/// The shipped calendar text.
pub const CN_WORKING_DAYS: &str = include_str!("../../rules/calendar/cn-working-days.txt");

/// A year the calendar covers, with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarYear {
    /// The State Council notice (e.g. `国办发明电〔2024〕12号`).
    pub notice: String,
    /// The year's dates are not verified against the notice.
    pub provisional: bool,
}

/// A working-day calendar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeMap<i16, CalendarYear>,
    off: HashSet<Date>,
    work: HashSet<Date>,
}

/// A date the calendar cannot count: its year has no notice loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotCovered {
    /// The year that is missing.
    pub year: i16,
}

impl Calendar {
    /// Parses calendar text (format in the data file's header). Every bad
    /// line is reported, with its span in `file`.
    pub fn parse(file: FileId, text: &str) -> (Calendar, Vec<Diagnostic>) {
        let mut cal = Calendar::default();
        let mut diags = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let span = Span::new(file, offset, offset + line.trim_end().len());
            offset += line.len();
            let content = line.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            if let Err(why) = cal.line(content) {
                diags.push(
                    Diagnostic::error(
                        "calendar.line",
                        crate::messages::t("calendar.line", &[("why", &why)]),
                        Some(span),
                    )
                    .with_help(crate::messages::t("calendar.line.help", &[])),
                );
            }
        }
        (cal, diags)
    }

    /// The shipped mainland China calendar.
    pub fn china() -> Calendar {
        Calendar::parse(FileId::default(), CN_WORKING_DAYS).0
    }

    fn line(&mut self, content: &str) -> Result<(), String> {
        let (word, rest) = content
            .split_once(char::is_whitespace)
            .unwrap_or((content, ""));
        let rest = rest.trim();
        match word {
            "year" => {
                let (year, notice) = rest
                    .split_once(char::is_whitespace)
                    .ok_or("`year` needs a year and a notice")?;
                let year: i16 = year
                    .parse()
                    .map_err(|_| format!("`{year}` is not a year"))?;
                let notice = notice.trim();
                let provisional = notice.ends_with(" provisional");
                let notice = notice
                    .trim_end_matches(" provisional")
                    .trim_matches('"')
                    .to_string();
                self.years.insert(
                    year,
                    CalendarYear {
                        notice,
                        provisional,
                    },
                );
                Ok(())
            }
            "off" => {
                let range = rest.split_whitespace().next().unwrap_or("");
                let (from, to) = range.split_once("..").unwrap_or((range, range));
                let (from, to) = (date(from)?, date(to)?);
                if to < from {
                    return Err(format!("`{range}` ends before it starts"));
                }
                let mut d = from;
                while d <= to {
                    self.off.insert(d);
                    d = d.tomorrow().map_err(|e| e.to_string())?;
                }
                Ok(())
            }
            "work" => {
                let d = date(rest.split_whitespace().next().unwrap_or(""))?;
                if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
                    return Err(format!(
                        "`{d}` is a weekday; only weekend days are made working days"
                    ));
                }
                self.work.insert(d);
                Ok(())
            }
            other => Err(format!("`{other}` is not `year`, `off` or `work`")),
        }
    }

    /// The covered years and their notices.
    pub fn years(&self) -> &BTreeMap<i16, CalendarYear> {
        &self.years
    }

    /// Whether `d` is a working day; [`NotCovered`] when its year is not in
    /// the calendar.
    pub fn is_working_day(&self, d: Date) -> Result<bool, NotCovered> {
        if !self.years.contains_key(&d.year()) {
            return Err(NotCovered { year: d.year() });
        }
        if self.work.contains(&d) {
            return Ok(true);
        }
        let weekend = matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
        Ok(!weekend && !self.off.contains(&d))
    }

    /// The date `n` working days after `start`, counting from the day after
    /// it (`n` = 5: the fifth working day after the event). [`NotCovered`]
    /// when the count reaches a year the calendar does not cover.
    pub fn add_working_days(&self, start: Date, n: u32) -> Result<Date, NotCovered> {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d = d.tomorrow().map_err(|_| NotCovered { year: d.year() })?;
            if self.is_working_day(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }

    /// Working days after `start` up to and including `end` (0 when `end`
    /// is not after `start`).
    pub fn working_days_between(&self, start: Date, end: Date) -> Result<u32, NotCovered> {
        let mut d = start;
        let mut count = 0;
        while d < end {
            d = d.tomorrow().map_err(|_| NotCovered { year: d.year() })?;
            if self.is_working_day(d)? {
                count += 1;
            }
        }
        Ok(count)
    }
}

fn date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("`{text}` is not a date"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    fn cal() -> Calendar {
        let (cal, diags) = Calendar::parse(FileId::default(), CN_WORKING_DAYS);
        assert!(diags.is_empty(), "{diags:?}");
        cal
    }

    #[test]
    fn totals_match_the_notices() {
        let cal = cal();
        // Days off and make-up days per notice (domain-facts §1.3), counted by
        // calendar year: the 2023 notice's 2022-12-31 falls in 2022, so 2022
        // has 31 + 1 days off and 2023 has 27 - 1.
        for (year, off, work) in [
            (2022, 32, 7),
            (2023, 26, 7),
            (2024, 28, 8),
            (2025, 28, 5),
            (2026, 33, 6),
        ] {
            assert_eq!(
                cal.off.iter().filter(|x| x.year() == year).count(),
                off,
                "days off {year}"
            );
            assert_eq!(
                cal.work.iter().filter(|x| x.year() == year).count(),
                work,
                "make-up days {year}"
            );
        }
        assert_eq!(cal.years().len(), 5);
        assert_eq!(cal.years()[&2025].notice, "国办发明电〔2024〕12号");
    }

    #[test]
    fn counts_across_a_holiday_and_its_make_up_day() {
        let cal = cal();
        // An event on the day before National Day 2025 (Tue 30 Sep): 1-8 Oct
        // are days off; Thu 9, Fri 10, Sat 11 (make-up), Mon 13, Tue 14.
        assert_eq!(cal.add_working_days(d(2025, 9, 30), 5), Ok(d(2025, 10, 14)));
        assert_eq!(
            cal.working_days_between(d(2025, 9, 30), d(2025, 10, 14)),
            Ok(5)
        );
        assert_eq!(cal.is_working_day(d(2025, 10, 11)), Ok(true));
        assert_eq!(cal.is_working_day(d(2025, 10, 12)), Ok(false));
        assert_eq!(cal.is_working_day(d(2022, 12, 31)), Ok(false));
        // 2024's 除夕 (Fri 9 Feb) is a working day.
        assert_eq!(cal.is_working_day(d(2024, 2, 9)), Ok(true));
    }

    #[test]
    fn an_uncovered_year_is_named_never_guessed() {
        let cal = cal();
        assert_eq!(
            cal.is_working_day(d(2027, 3, 1)),
            Err(NotCovered { year: 2027 })
        );
        assert_eq!(
            cal.add_working_days(d(2026, 12, 28), 5),
            Err(NotCovered { year: 2027 })
        );
        assert_eq!(
            cal.is_working_day(d(2021, 6, 1)),
            Err(NotCovered { year: 2021 })
        );
    }

    #[test]
    fn bad_lines_are_located_errors() {
        let text = "year 2030 \"X\"\nwork 2030-01-02 weekday\noff 2030-02-05..2030-02-01 x\nholiday 2030-03-01\n";
        let mut sources = crate::values::Sources::default();
        let file = sources.add("cal.txt", text);
        let (_, diags) = Calendar::parse(file, text);
        let lines: Vec<usize> = diags
            .iter()
            .filter_map(|d| d.span)
            .map(|s| sources.line_col(file, s.start as usize).line)
            .collect();
        assert_eq!(lines, [2, 3, 4]);
        assert!(diags[0].message.contains("is a weekday"));
    }
}
