//! Folding rows into hourly windows of the reporting year, then days and
//! months from the hours, with the minimum-coverage rules of the monitoring
//! standards ([`Coverage`]).
//!
//! Memory: one slot per hour of the year per pollutant (plus, for minute
//! readings, one line number per minute to name a duplicate's first line),
//! whatever the number of rows. Rows may come in any order.
//!
//! Means are exact where the decimal terminates. A minute-based hourly mean
//! that does not terminate is rounded at 28 significant digits; it cannot
//! be that close to a limit written with a few decimals (a fraction with a
//! denominator of at most 60 differs from such a limit by at least 1/(60 ×
//! 10^k)), so no comparison changes.

use super::flow::{FlowSums, weigh};
use super::lines::{Kept, RowLines};
use super::{Interval, RawLine, Row, RowValue};
use crate::values::{Pollutant, Quantity, Unit};

use jiff::ToSpan;
use jiff::civil::{Date, DateTime};
use rust_decimal::Decimal;

/// Minimum coverage for a valid mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    /// Valid minutes an hour needs (minute readings only).
    pub hour_minutes: u32,
    /// Valid hours a day needs.
    pub day_hours: u32,
    /// Valid days a month needs (outside February).
    pub month_days: u32,
    /// Valid days February needs.
    pub february_days: u32,
}

impl Coverage {
    /// Flue-gas CEMS, HJ 75-2017 (and HJ 76-2017): an hour needs at least
    /// 45 valid minutes, a day 20 valid hours, a month 25 valid days (23 in
    /// February).
    pub const CEMS: Coverage = Coverage {
        hour_minutes: 45,
        day_hours: 20,
        month_days: 25,
        february_days: 23,
    };
}

/// Why a row was not folded in (the caller reports it at the row's line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoldError {
    /// A second reading for the same pollutant and time.
    Duplicate {
        /// The pollutant.
        pollutant: Pollutant,
        /// The reading's time.
        time: DateTime,
        /// Line of the first reading.
        first_line: u32,
    },
    /// A reading outside the reporting year (local time).
    OutsideYear {
        /// The reporting year.
        year: i16,
        /// The reading's time on the park's clock.
        time: DateTime,
    },
    /// A reading not on the interval's grid (an hourly reading at 10:30).
    OffGrid {
        /// The interval.
        interval: Interval,
    },
    /// A unit that does not convert to the pollutant's first unit.
    Unit {
        /// The unit of the first reading of the pollutant.
        expected: String,
        /// This reading's unit.
        found: String,
    },
}

/// One hour's readings.
#[derive(Debug, Clone, Default)]
struct HourAcc {
    /// Sum of the counted values (in the series unit).
    sum: Decimal,
    /// Counted readings (valid minutes, or 1 for an hourly reading).
    counted: u32,
    /// Readings excluded by their flag.
    excluded: u32,
    /// Not-detected readings (not counted; a rule's policy decides).
    not_detected: u32,
    /// Over-range readings counted as the range's upper limit.
    at_least: bool,
    /// Over-range readings without a range: the hour's mean is unknown.
    over_range_unknown: bool,
    /// Line of the first such reading (0 = none).
    over_range_line: u32,
    /// First and last line of the hour's readings (0 = none).
    first_line: u32,
    last_line: u32,
}

/// A folded hour, day or month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Start of the window (local).
    pub start: DateTime,
    /// The mean of the counted values, when the window is valid by its
    /// standard coverage (`needed`) and has no unknown over-range reading.
    pub mean: Option<Decimal>,
    /// The sum of the valid parts (a mean is this over `valid`, exactly).
    pub sum_of_valid: Decimal,
    /// Valid parts: minutes (an hour of minute readings), readings (an
    /// hour of hourly readings: 0 or 1), hours (a day), days (a month).
    pub valid: u32,
    /// Valid parts the window needs by the standard's coverage; `None` when
    /// no coverage rule is known for the series (water: HJ 356-2019's is
    /// not shipped), so a rule must state one.
    pub needed: Option<u32>,
    /// The mean is a lower bound (an over-range reading counted as the
    /// range's upper limit).
    pub at_least: bool,
    /// Readings excluded by their flag.
    pub excluded: u32,
    /// Not-detected readings.
    pub not_detected: u32,
    /// An over-range reading with no `range_max`: the mean is unknown.
    pub over_range_unknown: bool,
    /// Line of the first such reading (0 = none).
    pub over_range_line: u32,
    /// First and last CSV line of the readings that made it (0 = none).
    pub first_line: u32,
    /// Last line.
    pub last_line: u32,
}

impl Window {
    /// The mean when at least `needed` parts are valid (and none is an
    /// over-range reading without a range); `None` without a coverage rule.
    pub fn mean_needing(&self, needed: Option<u32>) -> Option<Decimal> {
        mean_of(
            self.sum_of_valid,
            self.valid,
            needed,
            self.over_range_unknown,
        )
    }
}

/// The mean of `valid` parts summing to `sum` when at least `needed` are
/// valid and no over-range reading left it unknown.
/// (One part is its own mean: a division by one keeps value and scale.)
fn mean_of(sum: Decimal, valid: u32, needed: Option<u32>, unknown: bool) -> Option<Decimal> {
    let n = needed?;
    match valid {
        _ if valid < n || valid == 0 || unknown => None,
        1 => Some(sum),
        _ => sum.checked_div(Decimal::from(valid)),
    }
}

/// What an hour or a day gives the day or month it is part of.
#[derive(Debug, Clone, Copy)]
struct Part {
    /// Enough valid readings by the coverage (even when an over-range
    /// reading leaves the mean unknown).
    valid: bool,
    mean: Option<Decimal>,
    at_least: bool,
    excluded: u32,
    not_detected: u32,
    over_range_unknown: bool,
    over_range_line: u32,
    first_line: u32,
    last_line: u32,
}

impl Part {
    fn of(w: &Window) -> Part {
        Part {
            valid: covered(w.valid, w.needed),
            mean: w.mean,
            at_least: w.at_least,
            excluded: w.excluded,
            not_detected: w.not_detected,
            over_range_unknown: w.over_range_unknown,
            over_range_line: w.over_range_line,
            first_line: w.first_line,
            last_line: w.last_line,
        }
    }

    /// An hour's part, its mean needing `needed` valid readings. (Its
    /// window's start plays no part: only the day's is kept.)
    fn hour(h: &HourAcc, needed: Option<u32>) -> Part {
        Part::of(&hour_window(DateTime::default(), h, needed))
    }
}

/// Whether `valid` parts meet the coverage `needed` (none known: no).
fn covered(valid: u32, needed: Option<u32>) -> bool {
    needed.is_some_and(|n| valid >= n && valid > 0)
}

/// The earlier of two lines (0 = none).
fn first_of(a: u32, b: u32) -> u32 {
    match (a, b) {
        (0, x) | (x, 0) => x,
        (a, b) => a.min(b),
    }
}

/// A pollutant's series of the reporting year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The pollutant.
    pub pollutant: Pollutant,
    /// The unit of every mean (the first measured reading's unit; `None`
    /// when no reading has a value).
    pub unit: Option<Unit>,
    /// Every hour of the year, in order.
    pub hours: Vec<Window>,
    /// Every day of the year, in order.
    pub days: Vec<Window>,
    /// Every month of the year, in order.
    pub months: Vec<Window>,
    /// Per day, where its first reading's line is kept (in the
    /// [`RowLines`] that [`Folder::finish`] returns).
    pub day_rows: Vec<Kept>,
    /// Per hour, where its first reading's line is kept (empty unless the
    /// folder kept hour rows).
    pub hour_rows: Vec<Kept>,
    /// Per day and per month, the sums of the flow-weighted mean (both
    /// empty when the file reports no flow, and for the flow itself).
    pub flow_days: Vec<FlowSums>,
    /// Per month.
    pub flow_months: Vec<FlowSums>,
}

struct Acc {
    pollutant: Pollutant,
    unit: Option<Unit>,
    range_max: Option<Decimal>,
    hours: Vec<HourAcc>,
    /// Minute readings: the line of each minute's reading (0 = none).
    minute_lines: Vec<u32>,
}

/// Folds rows of one outlet's series file into hourly windows.
pub struct Folder {
    year: i16,
    start: DateTime,
    hours_in_year: usize,
    interval: Interval,
    range_max: Vec<(Pollutant, Quantity)>,
    accs: Vec<Acc>,
    /// Per pollutant (in `accs` order), a block of slots: per day its first
    /// reading's line, then (with `hour_rows`) per hour its first reading's.
    rows: Vec<Kept>,
    /// Whether each hour's first row is kept too (a rule reads hours).
    hour_rows: bool,
    lines: RowLines,
}

impl Folder {
    /// A folder for reporting year `year` (local time), readings every
    /// `interval`, and the over-range upper limits `range_max`.
    pub fn new(year: i16, interval: Interval, range_max: Vec<(Pollutant, Quantity)>) -> Folder {
        let start = Date::new(year, 1, 1)
            .unwrap_or_default()
            .to_datetime(jiff::civil::Time::midnight());
        let days = if Date::new(year, 1, 1).is_ok_and(|d| d.in_leap_year()) {
            366
        } else {
            365
        };
        Folder {
            year,
            start,
            hours_in_year: days * 24,
            interval,
            range_max,
            accs: Vec::new(),
            rows: Vec::new(),
            hour_rows: false,
            lines: RowLines::default(),
        }
    }

    /// Keeps each hour's first row as well as each day's, so hourly
    /// windows can be located at their row (memory: one kept line per
    /// hour of each series).
    pub fn keep_hour_rows(mut self) -> Folder {
        self.hour_rows = true;
        self
    }

    /// Slots per pollutant in `rows`.
    fn block(&self) -> usize {
        let days = self.hours_in_year / 24;
        if self.hour_rows {
            days + self.hours_in_year
        } else {
            days
        }
    }

    /// The accumulator of pollutant `p`, made on its first row.
    fn acc(&mut self, p: Pollutant) -> usize {
        if let Some(i) = self.accs.iter().position(|a| a.pollutant == p) {
            return i;
        }
        let minutes = if self.interval == Interval::Minute {
            self.hours_in_year * 60
        } else {
            0
        };
        self.accs.push(Acc {
            pollutant: p,
            unit: None,
            range_max: None,
            hours: vec![HourAcc::default(); self.hours_in_year],
            minute_lines: vec![0; minutes],
        });
        self.rows
            .resize(self.rows.len() + self.block(), Kept::default());
        self.accs.len() - 1
    }

    /// Folds one row in (`raw`: its line as read, kept for the first
    /// reading of each day); an error says why it was not.
    pub fn push(&mut self, row: &Row, raw: RawLine<'_>) -> Result<(), FoldError> {
        if row.time.year() != self.year {
            return Err(FoldError::OutsideYear {
                year: self.year,
                time: row.time,
            });
        }
        let on_grid = row.time.second() == 0
            && row.time.subsec_nanosecond() == 0
            && (self.interval == Interval::Minute || row.time.minute() == 0);
        if !on_grid {
            return Err(FoldError::OffGrid {
                interval: self.interval,
            });
        }
        let i = self.acc(row.pollutant);
        let block = i * self.block();
        let hour = hour_index(row.time);
        let range_max = &self.range_max;
        let acc = &mut self.accs[i];
        // The first measured reading fixes the series unit (and the range's
        // upper limit in it).
        if let (None, RowValue::Measured(q)) = (&acc.unit, &row.value) {
            acc.range_max = range_max
                .iter()
                .find(|(p, _)| *p == row.pollutant)
                .and_then(|(_, top)| top.convert_to(q.unit).ok())
                .map(|top| top.value);
            acc.unit = Some(q.unit.clone());
        }
        // Checked before the reading takes its minute or hour.
        let value = match (&row.value, &acc.unit) {
            // Most rows are in the series unit already.
            (RowValue::Measured(q), Some(unit)) if same_unit(q.unit, unit) => Some(normal(q.value)),
            (RowValue::Measured(q), Some(unit)) => match q.quantity().convert_to(unit) {
                Ok(v) => Some(v.value),
                Err(_) => {
                    return Err(FoldError::Unit {
                        expected: unit.symbol.to_string(),
                        found: q.unit.symbol.to_string(),
                    });
                }
            },
            _ => None,
        };
        let Some(slot) = acc.hours.get_mut(hour) else {
            return Err(FoldError::OutsideYear {
                year: self.year,
                time: row.time,
            });
        };
        // Duplicates: one reading per hour (hourly) or per minute.
        let first = match self.interval {
            Interval::Hour => slot.first_line,
            Interval::Minute => {
                let m = hour * 60 + usize::from(row.time.minute().unsigned_abs());
                let seen = acc.minute_lines.get(m).copied().unwrap_or(0);
                if seen == 0
                    && let Some(l) = acc.minute_lines.get_mut(m)
                {
                    *l = row.line;
                }
                seen
            }
        };
        if first != 0 {
            return Err(FoldError::Duplicate {
                pollutant: row.pollutant,
                time: row.time,
                first_line: first,
            });
        }
        slot.first_line = first_of(slot.first_line, row.line);
        let days = self.hours_in_year / 24;
        let hour_slot = self.hour_rows.then_some(block + days + hour);
        for slot in [Some(block + hour / 24), hour_slot].into_iter().flatten() {
            if let Some(first) = self.rows.get(slot)
                && (first.line == 0 || row.line < first.line)
            {
                self.lines.put(&mut self.rows, slot, row.line, raw.text());
            }
        }
        slot.last_line = slot.last_line.max(row.line);
        if !row.flag.counts() {
            slot.excluded += 1;
            return Ok(());
        }
        match (&row.value, value) {
            (RowValue::NotDetected(_), _) => slot.not_detected += 1,
            (RowValue::Missing, _) | (_, None) => {}
            (_, Some(v)) => {
                let v = if row.flag == super::Flag::OverRange {
                    match acc.range_max {
                        // The reading is beyond the instrument's range:
                        // the value is at least its upper limit.
                        Some(top) => {
                            slot.at_least = true;
                            top
                        }
                        None => {
                            slot.over_range_unknown = true;
                            slot.over_range_line = first_of(slot.over_range_line, row.line);
                            v
                        }
                    }
                } else {
                    v
                };
                // (The first reading is the sum: no addition to zero.)
                slot.sum = if slot.counted == 0 { v } else { slot.sum + v };
                slot.counted += 1;
            }
        }
        Ok(())
    }

    /// The series of each pollutant, with hours, days and months judged
    /// valid by `coverage` (`None`: no coverage rule is known; an hourly
    /// reading is still its hour's value).
    ///
    /// Without `keep_hours` the hours are dropped once days are made from
    /// them (a year of hours is most of a series' memory; only `hourly(m)`
    /// reads them).
    ///
    /// Also returns the kept lines that the series' `day_rows` point into.
    pub fn finish(
        mut self,
        coverage: Option<&Coverage>,
        keep_hours: bool,
    ) -> (Vec<Series>, RowLines) {
        self.lines.compact(&mut self.rows);
        let interval = self.interval;
        let days_in_year = self.hours_in_year / 24;
        let block = self.block();
        let rows = &self.rows;
        let dates: Vec<Date> = self
            .start
            .date()
            .series(1.day())
            .take(self.hours_in_year / 24)
            .collect();
        let needed = hour_needed(interval, coverage);
        let hour_means = |acc: &Acc| -> Vec<(Option<Decimal>, bool)> {
            acc.hours
                .iter()
                .map(|h| {
                    (
                        mean_of(h.sum, h.counted, needed, h.over_range_unknown),
                        h.at_least,
                    )
                })
                .collect()
        };
        // The flow's hourly means, when the file reports the flow (an
        // over-range flow has no known weight).
        let flow: Option<Vec<Option<Decimal>>> =
            self.accs.iter().find(|a| is_flow(a.pollutant)).map(|a| {
                hour_means(a)
                    .into_iter()
                    .map(|(q, at_least)| q.filter(|_| !at_least))
                    .collect()
            });
        let series = self
            .accs
            .into_iter()
            .enumerate()
            .map(|(k, acc)| {
                let (flow_days, flow_months) = match &flow {
                    Some(q) if !is_flow(acc.pollutant) => {
                        weigh(&hour_means(&acc), q, coverage.map(|c| c.day_hours), |d| {
                            dates
                                .get(d)
                                .map_or(0, |d| usize::from(d.month().unsigned_abs()) - 1)
                        })
                    }
                    _ => (Vec::new(), Vec::new()),
                };
                // Hours become windows only when a rule reads them; days
                // are made from the accumulators directly.
                let hours: Vec<Window> = if keep_hours {
                    acc.hours
                        .iter()
                        .enumerate()
                        .map(|(i, h)| {
                            let day = dates.get(i / 24).copied().unwrap_or_default();
                            let hour =
                                jiff::civil::Time::new(i8::try_from(i % 24).unwrap_or(0), 0, 0, 0);
                            hour_window(day.to_datetime(hour.unwrap_or_default()), h, needed)
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let days: Vec<Window> = acc
                    .hours
                    .chunks(24)
                    .zip(&dates)
                    .map(|(hours, &day)| {
                        let parts = hours.iter().map(|h| Part::hour(h, needed));
                        combine(day, parts, coverage.map(|c| c.day_hours))
                    })
                    .collect();
                let months = months_of(&days, |d| {
                    coverage.map(|c| {
                        if d.month() == 2 {
                            c.february_days
                        } else {
                            c.month_days
                        }
                    })
                });
                Series {
                    pollutant: acc.pollutant,
                    unit: acc.unit,
                    hours,
                    days,
                    months,
                    day_rows: rows
                        .get(k * block..k * block + days_in_year)
                        .unwrap_or_default()
                        .to_vec(),
                    hour_rows: rows
                        .get(k * block + days_in_year..(k + 1) * block)
                        .unwrap_or_default()
                        .to_vec(),
                    flow_days,
                    flow_months,
                }
            })
            .collect();
        (series, self.lines)
    }
}

/// `d` without trailing zeros (`60.0` is `60`), as a conversion gives it;
/// most readings have none, and are kept as they are.
fn normal(d: Decimal) -> Decimal {
    let last_digit_zero = u64::try_from(d.mantissa().unsigned_abs()).map_or(true, |m| m % 10 == 0);
    if d.scale() == 0 || !last_digit_zero {
        d
    } else {
        d.normalize()
    }
}

/// Whether `p` is an outlet's flow (water or flue gas): what weighs means.
fn is_flow(p: Pollutant) -> bool {
    matches!(p.name(), "flow" | "flue_gas_flow")
}

/// Whether `a` is `b` (the same symbol and factor): no conversion needed.
fn same_unit(a: &Unit, b: &Unit) -> bool {
    std::sync::Arc::ptr_eq(&a.symbol, &b.symbol) && a.num == b.num && a.den == b.den || a == b
}

/// Hours from the start of `t`'s year to `t` (local).
fn hour_index(t: DateTime) -> usize {
    let day = usize::from(t.date().day_of_year().unsigned_abs()).saturating_sub(1);
    day * 24 + usize::from(t.hour().unsigned_abs())
}

/// Valid readings an hour needs: one hourly reading, or the coverage's
/// minutes (none known: no hourly mean of minutes).
fn hour_needed(interval: Interval, coverage: Option<&Coverage>) -> Option<u32> {
    match interval {
        Interval::Hour => Some(1),
        Interval::Minute => coverage.map(|c| c.hour_minutes),
    }
}

/// Hour accumulator `h` as the window starting at `start`.
fn hour_window(start: DateTime, h: &HourAcc, needed: Option<u32>) -> Window {
    Window {
        start,
        mean: mean_of(h.sum, h.counted, needed, h.over_range_unknown),
        sum_of_valid: h.sum,
        valid: h.counted,
        needed,
        at_least: h.at_least,
        excluded: h.excluded,
        not_detected: h.not_detected,
        over_range_unknown: h.over_range_unknown,
        over_range_line: h.over_range_line,
        first_line: h.first_line,
        last_line: h.last_line,
    }
}

/// The window starting on `day` made of `parts`, valid when at least
/// `needed` parts are; the mean is the mean of the valid parts' means.
fn combine(day: Date, parts: impl Iterator<Item = Part>, needed: Option<u32>) -> Window {
    let mut o = Window {
        start: day.to_datetime(jiff::civil::Time::midnight()),
        mean: None,
        sum_of_valid: Decimal::ZERO,
        valid: 0,
        needed,
        at_least: false,
        excluded: 0,
        not_detected: 0,
        over_range_unknown: false,
        over_range_line: 0,
        first_line: 0,
        last_line: 0,
    };
    let mut summed = false;
    for w in parts {
        o.excluded += w.excluded;
        o.not_detected += w.not_detected;
        o.over_range_unknown |= w.over_range_unknown;
        o.over_range_line = first_of(o.over_range_line, w.over_range_line);
        o.first_line = first_of(o.first_line, w.first_line);
        o.last_line = o.last_line.max(w.last_line);
        if w.valid {
            // (The first part is the sum: no addition to zero. A valid part
            // without a mean, over range, leaves the window's unknown.)
            if let Some(m) = w.mean {
                o.sum_of_valid = if summed { o.sum_of_valid + m } else { m };
                summed = true;
            }
            o.valid += 1;
            o.at_least |= w.at_least;
        }
    }
    o.mean = o.mean_needing(needed);
    o
}

/// The months of `days` (consecutive, from January), each valid when at
/// least `needed(first day)` days are.
fn months_of(days: &[Window], needed: impl Fn(Date) -> Option<u32>) -> Vec<Window> {
    days.chunk_by(|a, b| a.start.month() == b.start.month())
        .map(|month| {
            let first = month.first().map_or_else(Date::default, |d| d.start.date());
            combine(first, month.iter().map(Part::of), needed(first))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests")]

    use super::*;
    use crate::series::{Flag, Reading};

    fn row(line: u32, t: &str, value: &str, flag: Flag) -> Row<'static> {
        let q: &'static Quantity = Box::leak(Box::new(Quantity::parse(value, false).unwrap()));
        Row {
            line,
            time: t.parse().unwrap(),
            pollutant: Pollutant::lookup("SO2").unwrap(),
            value: RowValue::Measured(Reading::of(q)),
            flag,
        }
    }

    /// Hourly readings of 2025-03-01 from 00:00 for `hours` hours at `mg`.
    fn day(hours: u32, mg: &str) -> Vec<Row<'static>> {
        (0..hours)
            .map(|h| {
                row(
                    h + 2,
                    &format!("2025-03-01T{h:02}:00:00"),
                    &format!("{mg} mg/Nm3"),
                    Flag::Normal,
                )
            })
            .collect()
    }

    /// Folds `r` in without its line's text.
    fn push(f: &mut Folder, r: Row) -> Result<(), FoldError> {
        f.push(&r, "".into())
    }

    fn fold(rows: &[Row], interval: Interval) -> Series {
        let mut f = Folder::new(2025, interval, Vec::new());
        for r in rows {
            f.push(r, "".into()).unwrap();
        }
        f.finish(Some(&Coverage::CEMS), true).0.remove(0)
    }

    fn march_first(s: &Series) -> &Window {
        &s.days[31 + 28]
    }

    #[test]
    fn readings_lose_trailing_zeros_as_a_conversion_would() {
        for x in ["60.0", "60.50", "0.0", "12", "-3.20", "48.25", "100"] {
            let x: Decimal = x.parse().unwrap();
            let (a, b) = (normal(x), x.normalize());
            assert_eq!((a, a.scale()), (b, b.scale()), "{x}");
        }
    }

    #[test]
    fn one_part_is_its_own_mean_to_the_last_digit() {
        for x in ["150.0", "0.0010", "12", "-3.20"] {
            let x: Decimal = x.parse().unwrap();
            let divided = x.checked_div(Decimal::ONE).unwrap();
            let mean = mean_of(x, 1, Some(1), false).unwrap();
            assert_eq!((mean, mean.scale()), (divided, divided.scale()));
        }
    }

    #[test]
    fn a_day_needs_twenty_valid_hours() {
        let s = fold(&day(19, "50"), Interval::Hour);
        let d = march_first(&s);
        assert_eq!((d.valid, d.needed, d.mean), (19, Some(20), None));
        let s = fold(&day(20, "50"), Interval::Hour);
        let d = march_first(&s);
        assert_eq!((d.valid, d.mean), (20, Some(Decimal::from(50))));
        assert_eq!((d.first_line, d.last_line), (2, 21));
        assert_eq!(s.hours.len(), 8760);
        assert_eq!(s.months[2].start.to_string(), "2025-03-01T00:00:00");
    }

    #[test]
    fn flagged_readings_do_not_count_and_over_range_is_a_lower_bound() {
        let mut rows = day(20, "50");
        rows.push(row(
            30,
            "2025-03-01T20:00:00",
            "900 mg/Nm3",
            Flag::Calibration,
        ));
        let s = fold(&rows, Interval::Hour);
        let d = march_first(&s);
        assert_eq!(
            (d.valid, d.excluded, d.mean),
            (20, 1, Some(Decimal::from(50)))
        );

        let limit = vec![(
            Pollutant::lookup("SO2").unwrap(),
            Quantity::parse("1000 mg/Nm3", false).unwrap(),
        )];
        let mut f = Folder::new(2025, Interval::Hour, limit);
        push(
            &mut f,
            row(2, "2025-03-01T00:00:00", "990 mg/Nm3", Flag::OverRange),
        )
        .unwrap();
        let h = &f.finish(Some(&Coverage::CEMS), true).0[0].hours[59 * 24];
        assert_eq!((h.mean, h.at_least), (Some(Decimal::from(1000)), true));

        let mut f = Folder::new(2025, Interval::Hour, Vec::new());
        push(
            &mut f,
            row(2, "2025-03-01T00:00:00", "990 mg/Nm3", Flag::OverRange),
        )
        .unwrap();
        let h = &f.finish(Some(&Coverage::CEMS), true).0[0].hours[59 * 24];
        assert_eq!((h.mean, h.over_range_unknown), (None, true));
    }

    #[test]
    fn an_over_range_hour_without_a_range_is_valid_but_leaves_its_day_and_month_unknown() {
        // 23 hours at 50 and one T reading with no range_max: 24 valid
        // hours (the day meets the coverage), but no daily mean; the month
        // counts the day as valid and has no mean either.
        let mut rows = day(23, "50");
        rows.push(row(
            40,
            "2025-03-01T23:00:00",
            "990 mg/Nm3",
            Flag::OverRange,
        ));
        let s = fold(&rows, Interval::Hour);
        let d = march_first(&s);
        assert_eq!((d.valid, d.mean, d.over_range_unknown), (24, None, true));
        assert_eq!(d.over_range_line, 40);
        let march = &s.months[2];
        assert_eq!(
            (march.valid, march.mean, march.over_range_line),
            (1, None, 40)
        );
    }

    #[test]
    fn minute_readings_make_an_hour_with_45_valid_minutes() {
        let rows = |n: u32| -> Vec<Row> {
            (0..n)
                .map(|m| {
                    row(
                        m + 2,
                        &format!("2025-01-01T00:{m:02}:00"),
                        "10 mg/Nm3",
                        Flag::Normal,
                    )
                })
                .collect()
        };
        assert_eq!(fold(&rows(44), Interval::Minute).hours[0].mean, None);
        assert_eq!(
            fold(&rows(45), Interval::Minute).hours[0].mean,
            Some(Decimal::from(10))
        );
    }

    #[test]
    fn duplicates_off_grid_other_years_and_units_are_refused() {
        let mut f = Folder::new(2025, Interval::Hour, Vec::new());
        push(
            &mut f,
            row(2, "2025-03-01T00:00:00", "1 mg/Nm3", Flag::Normal),
        )
        .unwrap();
        assert_eq!(
            push(
                &mut f,
                row(9, "2025-03-01T00:00:00", "2 mg/Nm3", Flag::Normal)
            ),
            Err(FoldError::Duplicate {
                pollutant: Pollutant::lookup("SO2").unwrap(),
                time: "2025-03-01T00:00:00".parse().unwrap(),
                first_line: 2
            })
        );
        assert_eq!(
            push(
                &mut f,
                row(10, "2025-03-01T00:30:00", "2 mg/Nm3", Flag::Normal)
            ),
            Err(FoldError::OffGrid {
                interval: Interval::Hour
            })
        );
        assert_eq!(
            push(
                &mut f,
                row(11, "2024-12-31T23:00:00", "2 mg/Nm3", Flag::Normal)
            ),
            Err(FoldError::OutsideYear {
                year: 2025,
                time: "2024-12-31T23:00:00".parse().unwrap()
            })
        );
        assert_eq!(
            push(&mut f, row(12, "2025-03-02T00:00:00", "2 kg", Flag::Normal)),
            Err(FoldError::Unit {
                expected: "mg/Nm3".into(),
                found: "kg".into()
            })
        );
        // A reading in another convertible unit converts exactly.
        push(
            &mut f,
            row(13, "2025-03-02T00:00:00", "0.002 g/Nm3", Flag::Normal),
        )
        .unwrap();
        let (s, _) = f.finish(Some(&Coverage::CEMS), true);
        assert_eq!(s[0].hours[60 * 24].mean, Some("2".parse().unwrap()));
    }

    #[test]
    fn february_months_need_23_days() {
        let mut f = Folder::new(2025, Interval::Hour, Vec::new());
        let mut line = 1;
        for d in 1..=23 {
            for h in 0..20 {
                line += 1;
                push(
                    &mut f,
                    row(
                        line,
                        &format!("2025-02-{d:02}T{h:02}:00:00"),
                        "5 mg/Nm3",
                        Flag::Normal,
                    ),
                )
                .unwrap();
            }
        }
        let (s, _) = f.finish(Some(&Coverage::CEMS), true);
        assert_eq!(
            (s[0].months[1].valid, s[0].months[1].needed),
            (23, Some(23))
        );
        assert_eq!(s[0].months[1].mean, Some(Decimal::from(5)));
        assert_eq!(s[0].months[0].mean, None);
    }
}
