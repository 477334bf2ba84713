//! Reading online-monitoring series and their windows as values: an
//! outlet's `series`, `hourly(m)`, `daily(m)`, `monthly(m)` and a window's
//! fields. A window whose coverage is too low has no mean: reading it is
//! missing, naming the coverage, never a pass.

use super::finding::{Period, Readings};
use super::record::Records;
use super::value::{Amount, Rec, Value};
use crate::messages::t;
use crate::series::window::{Series, Window};
use crate::series::{Monitored, Scale};
use crate::values::{Quantity, Span};
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::sync::Arc;

impl<'f> Records<'f> {
    /// The monitored outlet `m`.
    pub fn monitored(&self, m: usize) -> Option<&'f Monitored> {
        self.series.get(m)
    }

    /// Series `k` of monitored outlet `m`.
    pub fn series(&self, m: usize, k: usize) -> Option<&'f Series> {
        self.monitored(m)?.series.get(k)
    }

    /// A window of a series.
    pub fn window(&self, m: usize, k: usize, scale: Scale, w: usize) -> Option<&'f Window> {
        let s = self.series(m, k)?;
        match scale {
            Scale::Hour => s.hours.get(w),
            Scale::Day => s.days.get(w),
            Scale::Month => s.months.get(w),
        }
    }

    /// `o.series` of outlet `(i, j)`: its series, one per pollutant (an
    /// empty list when it has no `monitoring`).
    pub fn outlet_series(&self, i: usize, j: usize) -> Value<'f> {
        let m = self
            .series
            .iter()
            .position(|m| m.enterprise == i && m.outlet == j);
        Value::List(m.map_or_else(Vec::new, |m| {
            (0..self.series[m].series.len())
                .map(|k| Value::Rec(Rec::Series(m, k)))
                .collect()
        }))
    }

    /// `hourly(s)`, `daily(s)` or `monthly(s)`: every window of the year;
    /// with `needed`, valid when at least that many parts are.
    pub fn windows(&self, s: Rec<'f>, scale: Scale, needed: Option<u32>) -> Value<'f> {
        let Rec::Series(m, k) = s else {
            return Value::missing(t("eval.missing.series", &[]));
        };
        let n = self.series(m, k).map_or(0, |s| match scale {
            Scale::Hour => s.hours.len(),
            Scale::Day => s.days.len(),
            Scale::Month => s.months.len(),
        });
        Value::List(
            (0..n)
                .map(|w| Value::Rec(Rec::Window(m, k, scale, w, needed.unwrap_or(0))))
                .collect(),
        )
    }

    /// `s.name` of a series.
    pub fn series_field(&self, m: usize, k: usize, name: &str) -> Value<'f> {
        match (self.series(m, k), name) {
            (Some(s), "pollutant") => Value::Pollutant(s.pollutant),
            _ => Value::missing(format!("series.{name}")),
        }
    }

    /// `w.name` of a window: `mean` (missing when the window is not valid),
    /// `flow_weighted_mean` (days and months of a file that reports its
    /// flow; see [`crate::series::flow`]), `valid`, `needed` (missing when no coverage rule is known),
    /// `excluded`, `not_detected`, `start`. `asked` is the rule's own
    /// coverage (0: the standard's).
    pub fn window_field(
        &self,
        (m, k, scale, w): (usize, usize, Scale, usize),
        asked: u32,
        name: &str,
    ) -> Value<'f> {
        let (Some(s), Some(win)) = (self.series(m, k), self.window(m, k, scale, w)) else {
            return Value::missing(format!("window.{name}"));
        };
        let needed = (asked > 0).then_some(asked).or(win.needed);
        let count = |n: u32| Value::Num(Decimal::from(n));
        match name {
            "mean" => mean(s, win, scale, needed),
            "flow_weighted_mean" => flow_weighted_mean(s, (scale, w), needed),
            "valid" => count(win.valid),
            "needed" => needed.map_or_else(|| Value::missing(coverage_rule(scale)), count),
            "excluded" => count(win.excluded),
            "not_detected" => count(win.not_detected),
            "start" => Value::Date(win.start.date(), None),
            _ => Value::missing(format!("window.{name}")),
        }
    }

    /// Whether the window has a mean under the rule's coverage (`asked`,
    /// 0: the standard's), without building what a missing one would say.
    pub fn window_has_mean(&self, m: usize, k: usize, scale: Scale, w: usize, asked: u32) -> bool {
        let has_unit = self.series(m, k).is_some_and(|s| s.unit.is_some());
        self.window(m, k, scale, w).is_some_and(|win| {
            has_unit
                && win
                    .mean_needing((asked > 0).then_some(asked).or(win.needed))
                    .is_some()
        })
    }

    /// The window's period as a finding shows it: `2025-03-01T05:00`,
    /// `2025-03-01` or `2025-03` (empty when there is no such window).
    pub fn window_period(&self, m: usize, k: usize, scale: Scale, w: usize) -> Period {
        self.window(m, k, scale, w).map_or_else(
            || Period::Text(Arc::from("")),
            |win| {
                let d = win.start.date();
                match scale {
                    Scale::Hour => Period::Hour(d, win.start.hour()),
                    Scale::Day => Period::Day(d),
                    Scale::Month => Period::Month(d.year(), d.month()),
                }
            },
        )
    }

    /// Where a window's readings are (for a finding's evidence): lines,
    /// file, valid and needed parts, readings excluded by their flag.
    pub fn window_readings(&self, w: Rec<'f>) -> Option<Readings> {
        let Rec::Window(m, k, scale, i, asked) = w else {
            return None;
        };
        let win = self.window(m, k, scale, i)?;
        Some(Readings {
            file: Arc::clone(self.files.get(m)?),
            first_line: win.first_line,
            last_line: win.last_line,
            valid: win.valid,
            needed: (asked > 0).then_some(asked).or(win.needed),
            excluded: win.excluded,
            over_range_line: win.over_range_line,
        })
    }

    /// Where a window's first reading is in its file (the outlet when it
    /// has none).
    pub fn window_span(&self, m: usize, k: usize, scale: Scale, w: usize) -> Option<Span> {
        let mon = self.monitored(m)?;
        let at = mon.at.get(k);
        let span = match scale {
            Scale::Day => at.and_then(|a| a.days.get(w).copied().flatten()),
            Scale::Month => at.and_then(|a| a.months.get(w).copied().flatten()),
            Scale::Hour => at.and_then(|a| a.hours.get(w).copied().flatten()),
        };
        span.or_else(|| self.id_span(Rec::Outlet(mon.enterprise, mon.outlet)))
    }

    /// The window's last day: its reference date.
    pub fn window_last_day(&self, m: usize, k: usize, scale: Scale, w: usize) -> Option<Date> {
        let d = self.window(m, k, scale, w)?.start.date();
        Some(match scale {
            Scale::Hour | Scale::Day => d,
            Scale::Month => d.last_of_month(),
        })
    }
}

/// What to name when a series has no coverage rule for `scale`.
fn coverage_rule(scale: Scale) -> String {
    let usage = match scale {
        Scale::Hour => "hourly(m, N)",
        Scale::Day => "daily(m, N)",
        Scale::Month => "monthly(m, N)",
    };
    t("eval.missing.coverage_rule", &[("usage", &usage)])
}

fn mean<'f>(s: &Series, win: &Window, scale: Scale, needed: Option<u32>) -> Value<'f> {
    let what = match scale {
        Scale::Hour => "eval.missing.mean_hour",
        Scale::Day => "eval.missing.mean_day",
        Scale::Month => "eval.missing.mean_month",
    };
    let Some(needed) = needed else {
        return Value::missing(coverage_rule(scale));
    };
    let valid = win.mean_needing(Some(needed));
    let (Some(unit), Some(v)) = (&s.unit, valid) else {
        let why = if win.over_range_unknown {
            t("eval.missing.over_range", &[])
        } else {
            t(
                "eval.missing.coverage",
                &[("valid", &win.valid), ("needed", &needed)],
            )
        };
        return Value::missing(t(what, &[("why", &why)]));
    };
    let q = quotient(
        win.sum_of_valid,
        unit,
        Some((1, i128::from(win.valid))),
        || Some(v),
    );
    q.map_or_else(
        || Value::missing(t(what, &[])),
        |q| mean_value(q, win.at_least),
    )
}

/// `sum` over a divisor given as the ratio `per` (`num/den`), exactly: the
/// unit carries the division, and the value is shown cut to a few digits
/// where it does not terminate. Without room in the unit (`per` is `None`
/// or too large), the quotient `divided` gives.
fn quotient(
    sum: Decimal,
    unit: &crate::values::Unit,
    per: Option<(i128, i128)>,
    divided: impl FnOnce() -> Option<Decimal>,
) -> Option<Quantity> {
    match per.and_then(|r| unit.with_unwritten(r)) {
        Some(u) => Some(Quantity::new(sum, u)),
        None => divided().map(|v| Quantity::new(v, unit.clone())),
    }
}

/// A mean as a value; with `at_least` (an over-range reading counted as the
/// range's upper limit) a lower bound, a fail when it already exceeds.
fn mean_value<'f>(q: Quantity, at_least: bool) -> Value<'f> {
    if at_least {
        return Value::Qty(Amount {
            missing: vec![t("eval.missing.over_range_bound", &[])],
            ..Amount::at(q, None)
        });
    }
    Value::qty(q, None)
}

/// The flow-weighted mean of day or month `w` of `s`: `Σ(C·Q) / ΣQ` over
/// its parts with a valid concentration and flow, exactly (the 1/ΣQ rides
/// in the unit, as a plain mean's 1/count does); missing when the file
/// reports no flow, or fewer than `needed` parts have both.
fn flow_weighted_mean<'f>(
    s: &Series,
    (scale, w): (Scale, usize),
    needed: Option<u32>,
) -> Value<'f> {
    let sums = match scale {
        Scale::Hour => None,
        Scale::Day => s.flow_days.get(w),
        Scale::Month => s.flow_months.get(w),
    };
    let (Some(sums), Some(unit)) = (sums, &s.unit) else {
        return Value::missing(t("eval.missing.flow", &[]));
    };
    let Some(needed) = needed else {
        return Value::missing(coverage_rule(scale));
    };
    let no_day_coverage = s.days.first().is_some_and(|d| d.needed.is_none());
    if scale == Scale::Month && no_day_coverage {
        // A month pools the days valid by the standard's day coverage, and
        // this series has none (water).
        return Value::missing(t("eval.missing.flow_month", &[]));
    }
    if !sums.has_mean(needed) {
        let why = t(
            "eval.missing.flow_coverage",
            &[("valid", &sums.valid), ("needed", &needed)],
        );
        return Value::missing(t("eval.missing.flow_mean", &[("why", &why)]));
    }
    // 1/ΣQ as a ratio: ΣQ is its mantissa over 10^scale.
    let per = 10i128
        .checked_pow(sums.q.scale())
        .map(|ten| (ten, sums.q.mantissa()));
    let q = quotient(sums.cq, unit, per, || sums.cq.checked_div(sums.q));
    q.map_or_else(
        || Value::missing(t("eval.missing.flow", &[])),
        |q| mean_value(q, sums.at_least),
    )
}
