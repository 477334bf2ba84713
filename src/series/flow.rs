//! Flow-weighted means: where an outlet's file also reports its flow
//! (`flow` at a water outlet, `flue_gas_flow` at an air outlet), a day's
//! flow-weighted mean of a pollutant is `Σ(Cᵢ·Qᵢ) / ΣQᵢ` over the hours
//! whose concentration Cᵢ and flow Qᵢ both have a valid hourly mean (each
//! hour stands for the same interval, so the flow rate weighs its volume).
//!
//! Source: the formula is the one HJ/T 356-2007 used and HJ 356-2019 is
//! remembered to keep (domain-facts.md §5, [M]); HJ 356-2019 chapter 7 was
//! not retrieved, so no coverage for it is shipped: a rule states its own,
//! and a rule that reads it should be marked provisional. A month's flow-weighted mean
//! pools the hours of its days whose own flow-weighted mean is valid under
//! the day's standard coverage (none is known for water: a water month has
//! none).
//!
//! Only sums are kept; the mean is taken when a rule reads it, with the
//! rule's coverage.

use rust_decimal::Decimal;

/// The sums behind one window's flow-weighted mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FlowSums {
    /// Σ Cᵢ·Qᵢ (series unit × flow unit).
    pub cq: Decimal,
    /// Σ Qᵢ (the flow series' unit).
    pub q: Decimal,
    /// Parts with both a valid concentration and a valid flow: hours (a
    /// day) or valid days (a month).
    pub valid: u32,
    /// A product or sum did not fit an exact decimal: no mean.
    pub overflow: bool,
    /// An over-range reading counted as the range's upper limit: the mean
    /// is a lower bound.
    pub at_least: bool,
}

impl FlowSums {
    /// Adds one part (`c` × `q`, or a day's sums).
    fn add(&mut self, cq: Option<Decimal>, q: Decimal) {
        match (
            cq.and_then(|cq| self.cq.checked_add(cq)),
            self.q.checked_add(q),
        ) {
            (Some(cq), Some(q)) => (self.cq, self.q) = (cq, q),
            _ => self.overflow = true,
        }
        self.valid += 1;
    }

    /// Whether the window has a mean when `needed` parts must be valid.
    pub fn has_mean(&self, needed: u32) -> bool {
        self.valid >= needed.max(1) && !self.overflow && self.q > Decimal::ZERO
    }
}

/// Per day and per month of the year, the flow-weighted sums of a pollutant
/// whose hourly means are `conc` (each with whether it is a lower bound),
/// given the flow's hourly means `flow`
/// (both one per hour of the year, `None` where not valid). `day_needed`:
/// the standard's valid hours for a day (`None`: no standard coverage, so
/// no day counts towards a month). `month_of(day)`: the month (0-11) of a
/// day of the year.
pub fn weigh(
    conc: &[(Option<Decimal>, bool)],
    flow: &[Option<Decimal>],
    day_needed: Option<u32>,
    month_of: impl Fn(usize) -> usize,
) -> (Vec<FlowSums>, Vec<FlowSums>) {
    let mut days = vec![FlowSums::default(); conc.len() / 24];
    for (h, (c, q)) in conc.iter().zip(flow).enumerate() {
        if let ((Some(c), at_least), Some(q), Some(day)) = (c, q, days.get_mut(h / 24)) {
            day.add(c.checked_mul(*q), *q);
            day.at_least |= at_least;
        }
    }
    let mut months = vec![FlowSums::default(); 12];
    for (d, day) in days.iter().enumerate() {
        let valid = day_needed.is_some_and(|n| day.has_mean(n));
        if let (true, Some(month)) = (valid, months.get_mut(month_of(d))) {
            month.add(Some(day.cq), day.q);
            month.overflow |= day.overflow;
            month.at_least |= day.at_least;
        }
    }
    (days, months)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn a_day_weighs_each_hour_by_its_flow() {
        // Hour 0: 100 mg/L at 1 m3/h; hour 1: 40 mg/L at 3 m3/h; hour 2: no
        // flow; hour 3: no concentration. (100 + 120) / 4 = 55.
        let mut conc = vec![(None, false); 48];
        let mut flow = vec![None; 48];
        conc[..3].copy_from_slice(&[
            (Some(d("100")), false),
            (Some(d("40")), false),
            (Some(d("999")), false),
        ]);
        flow[..2].copy_from_slice(&[Some(d("1")), Some(d("3"))]);
        flow[3] = Some(d("5"));
        let (days, months) = weigh(&conc, &flow, Some(2), |_| 0);
        assert_eq!(
            (days[0].cq, days[0].q, days[0].valid),
            (d("220"), d("4"), 2)
        );
        assert!(days[0].has_mean(2) && !days[0].has_mean(3));
        assert_eq!(
            (months[0].cq, months[0].q, months[0].valid),
            (d("220"), d("4"), 1)
        );
        // Without a standard day coverage no day counts for the month.
        let (_, months) = weigh(&conc, &flow, None, |_| 0);
        assert_eq!(months[0].valid, 0);
    }

    #[test]
    fn zero_flow_gives_no_mean() {
        let (days, _) = weigh(
            &[(Some(d("5")), false); 24],
            &[Some(d("0")); 24],
            None,
            |_| 0,
        );
        assert!(!days[0].has_mean(1));
    }
}
