//! Every monitoring file of a filing, read in filing order: the seam
//! between the loaded filing and what is made of its rows.

use super::Row;
use super::read::{ReadSpec, read};
use crate::filing::model::{Filing, Outlet};
use crate::values::{Diagnostic, Pollutant, Sources};

/// What one outlet's monitoring file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesFile {
    /// Filing path of the outlet (`enterprises[0].outlets[1]`).
    pub subject: String,
    /// The outlet's id (`DW001`).
    pub subject_id: String,
    /// The file, as diagnostics name it (resolved against the filing's folder).
    pub file: String,
    /// The pollutants with at least one good row, in registry order: what
    /// the file reports.
    pub pollutants: Vec<Pollutant>,
    /// Records after the header (blank lines are not records).
    pub records: u64,
    /// Records that became rows.
    pub good: u64,
    /// Records refused with an error.
    pub bad: u64,
}

/// Reads the `monitoring:` file of every outlet of `filing` that has one,
/// passing each good row, with its outlet, to `on_row` as it is read (rows
/// of one file in file order; files in filing order). Returns what each
/// file gave and every diagnostic (a file that cannot be opened is an error
/// at its `monitoring:` value; rows are located in the file).
pub fn read_filing(
    filing: &Filing,
    sources: &mut Sources,
    on_row: &mut dyn FnMut(&Outlet, Row),
) -> (Vec<SeriesFile>, Vec<Diagnostic>) {
    let timezone = jiff::tz::db()
        .get(&filing.park.timezone.value)
        .unwrap_or(jiff::tz::TimeZone::UTC);
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for e in &filing.enterprises {
        for o in &e.outlets {
            let Some(m) = &o.monitoring else { continue };
            let spec = ReadSpec::for_monitoring(m, o.medium.value, timezone.clone());
            let mut pollutants: Vec<Pollutant> = Vec::new();
            let outcome = read(&spec, sources, |row| {
                if !pollutants.contains(&row.pollutant) {
                    pollutants.push(row.pollutant);
                }
                on_row(o, row);
            });
            pollutants.sort_by_key(|p| p.order());
            diagnostics.extend(outcome.diagnostics);
            files.push(SeriesFile {
                subject: format!("enterprises[{}].outlets[{}]", e.index, o.index),
                subject_id: o.id.value.clone(),
                file: spec.name.clone(),
                pollutants,
                records: outcome.records,
                good: outcome.good,
                bad: outcome.bad,
            });
        }
    }
    (files, diagnostics)
}
