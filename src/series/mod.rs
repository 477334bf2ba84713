//! Online-monitoring series (an outlet's `monitoring:` CSV): streamed once,
//! row by row, into per-pollutant windows (hours, days, months) with the
//! validity rules of the monitoring standards. Memory grows with the number
//! of windows of the reporting year, never with the number of rows.
//!
//! Stages: `read` turns the CSV's bytes into [`Row`]s (decoding a declared
//! encoding first, then splitting; every bad row is a located diagnostic and
//! the good rows are still used); `window` folds rows into hours and derives
//! days and months.

use crate::values::{Pollutant, Quantity, Unit};
use jiff::civil::DateTime;
use rust_decimal::Decimal;

mod cells;
pub mod flow;
pub mod lines;
pub mod load;
mod raw;
pub mod read;
pub mod window;

pub use load::{SeriesFile, fold_filing};

#[cfg(test)]
mod tests;

/// What one reading stands for (`interval:` in the filing; default 1 h):
/// a reading marks the start of its interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Interval {
    /// Hourly readings: each is an hour's value.
    #[default]
    Hour,
    /// Minute readings: an hour's value is the mean of its valid minutes.
    Minute,
}

/// A data flag (数据标记) per HJ 212-2017 §6.6.4, Table 8 (letters verified
/// in several independent implementations; which flags invalidate a reading
/// is taken from DESIGN.md, provisional until checked against HJ 75/HJ 356
/// and the MEE marking rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    /// `N`: instrument working normally: the reading counts.
    Normal,
    /// `F`: instrument stopped (停运).
    Stopped,
    /// `M`: under maintenance.
    Maintenance,
    /// `S`: value set by manual input.
    Manual,
    /// `D`: instrument fault.
    Fault,
    /// `C`: calibration (校准).
    Calibration,
    /// `T`: above the instrument's measuring upper limit (over range).
    OverRange,
    /// `B`: communication failure with the data logger.
    CommFailure,
}

impl Flag {
    /// The flag for a letter (`N`, `F`, `M`, `S`, `D`, `C`, `T`, `B`).
    pub fn from_letter(s: &str) -> Option<Flag> {
        match s.as_bytes() {
            [b] => Flag::from_byte(*b),
            _ => None,
        }
    }

    /// The flag for a letter's byte (`b'N'`, ...).
    pub fn from_byte(b: u8) -> Option<Flag> {
        Some(match b {
            b'N' => Flag::Normal,
            b'F' => Flag::Stopped,
            b'M' => Flag::Maintenance,
            b'S' => Flag::Manual,
            b'D' => Flag::Fault,
            b'C' => Flag::Calibration,
            b'T' => Flag::OverRange,
            b'B' => Flag::CommFailure,
            _ => return None,
        })
    }

    /// Whether a reading with this flag counts towards a mean: `N`, and `T`
    /// (as at least the range's upper limit). F, M, S, D, C and B do not
    /// count (DESIGN.md; provisional).
    pub fn counts(self) -> bool {
        matches!(self, Flag::Normal | Flag::OverRange)
    }
}

/// A measured number and its unit (borrowed from the reader's memo of the
/// file's unit spellings: a row costs no copy of its unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading<'u> {
    /// The number as written (scale kept).
    pub value: Decimal,
    /// Its unit.
    pub unit: &'u Unit,
}

impl<'u> Reading<'u> {
    /// The reading of quantity `q`.
    pub fn of(q: &'u Quantity) -> Self {
        Reading {
            value: q.value,
            unit: &q.unit,
        }
    }

    /// The reading as a quantity of its own.
    pub fn quantity(self) -> Quantity {
        Quantity::new(self.value, self.unit.clone())
    }
}

/// The value of one reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowValue<'u> {
    /// A measured value with its unit.
    Measured(Reading<'u>),
    /// Not detected (`ND`, `<0.05`, `0.05L`), with the detection limit if given.
    NotDetected(Option<Reading<'u>>),
    /// No value (`n/a`, empty): a missing reading, counted as such.
    Missing,
}

/// One good CSV row (its unit borrowed for the time it is folded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<'u> {
    /// Physical line in the file (1-based; blank lines counted).
    pub line: u32,
    /// Start of the reading's interval, on the park's local clock.
    pub time: DateTime,
    /// The pollutant (any registry name, alias or HJ 212 code in the file).
    pub pollutant: Pollutant,
    /// The value.
    pub value: RowValue<'u>,
    /// The data flag (`N` when the file has no flag column value).
    pub flag: Flag,
}

/// A row's line as read (its bytes, line ending included), turned into
/// text only when it is kept (a day's first reading).
#[derive(Debug, Clone, Copy)]
pub struct RawLine<'a>(pub &'a [u8]);

impl<'a> RawLine<'a> {
    /// The line's text without its line ending (empty if not UTF-8).
    pub fn text(self) -> &'a str {
        std::str::from_utf8(self.0)
            .unwrap_or("")
            .trim_end_matches(['\r', '\n'])
    }
}

impl<'a> From<&'a str> for RawLine<'a> {
    fn from(s: &'a str) -> Self {
        RawLine(s.as_bytes())
    }
}

/// Which windows of a series: hours, days or months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scale {
    /// Hourly windows (`hourly(m)`).
    Hour,
    /// Daily windows (`daily(m)`).
    Day,
    /// Monthly windows (`monthly(m)`).
    Month,
}

/// The folded series of one monitored outlet, for the evaluator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Monitored {
    /// Index of the enterprise in the filing model.
    pub enterprise: usize,
    /// Index of the outlet in the enterprise.
    pub outlet: usize,
    /// The series file as named in the filing (`monitoring/DW001-2025.csv`).
    pub file: String,
    /// One series per pollutant, in the file's order of first appearance.
    pub series: Vec<window::Series>,
    /// Per series, where each day and each month starts in the file (its
    /// first reading's line), for findings' locations.
    pub at: Vec<WindowSpans>,
}

/// Where the days and months of one series start in its file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WindowSpans {
    /// One per hour of the year when hours are kept (`None`: no reading).
    pub hours: Vec<Option<crate::values::Span>>,
    /// One per day of the year (`None`: no reading that day).
    pub days: Vec<Option<crate::values::Span>>,
    /// One per month.
    pub months: Vec<Option<crate::values::Span>>,
}
