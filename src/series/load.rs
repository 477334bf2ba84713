//! Every monitoring file of a filing, read and folded into windows (in
//! parallel, results in filing order): the seam between the loaded filing
//! and the evaluator.

use super::cells::Columns;
use super::read::{ReadSpec, read};
use super::{RawLine, Row};
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

fn park_timezone(filing: &Filing) -> jiff::tz::TimeZone {
    jiff::tz::db()
        .get(&filing.park.timezone.value)
        .unwrap_or(jiff::tz::TimeZone::UTC)
}

/// Reads outlet `o`'s monitoring file, if it has one, passing each good
/// row and its line to `on_row`.
fn read_outlet(
    e: &crate::filing::model::Enterprise,
    o: &Outlet,
    timezone: &jiff::tz::TimeZone,
    sources: &mut Sources,
    on_row: &mut dyn FnMut(Row, RawLine<'_>),
) -> Option<(SeriesFile, Vec<Diagnostic>, Option<Columns>)> {
    let m = o.monitoring.as_ref()?;
    let spec = ReadSpec::for_monitoring(m, o.medium.value, timezone.clone());
    let mut pollutants: Vec<Pollutant> = Vec::new();
    let outcome = read(&spec, sources, |row, raw| {
        if !pollutants.contains(&row.pollutant) {
            pollutants.push(row.pollutant);
        }
        on_row(row, raw);
    });
    pollutants.sort_by_key(|p| p.order());
    let file = SeriesFile {
        subject: format!("enterprises[{}].outlets[{}]", e.index, o.index),
        subject_id: o.id.value.clone(),
        file: spec.name.clone(),
        pollutants,
        records: outcome.records,
        good: outcome.good,
        bad: outcome.bad,
    };
    Some((file, outcome.diagnostics, outcome.columns))
}

/// Reads every monitoring file of `filing` and folds its rows into the
/// reporting year's windows (air outlets: HJ 75-2017 coverage; water: none
/// shipped, a rule states its own). Returns what each file gave, the folded
/// series per monitored outlet, and every diagnostic: the reader's, and a
/// located error for each row the fold refuses (a second reading for a
/// pollutant and time, naming the first line; a time off the interval's
/// grid or outside the reporting year; a unit that does not convert).
/// Without a reporting period nothing is folded.
///
/// `keep_hours`: keep every series' hours (when a rule reads `hourly(m)`).
/// `progress` hears of each file as it is done, from any thread: (files
/// done, files in all, rows read so far). Files are read in parallel
/// (rayon); the result is in filing order whatever the threads do.
pub fn fold_filing(
    filing: &Filing,
    sources: &mut Sources,
    keep_hours: bool,
    progress: &(dyn Fn(usize, usize, u64) + Sync),
) -> (Vec<SeriesFile>, Vec<super::Monitored>, Vec<Diagnostic>) {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
    let Some(year) = filing.park.period.as_ref().map(|p| p.value) else {
        return (Vec::new(), Vec::new(), Vec::new());
    };
    let timezone = park_timezone(filing);
    let jobs: Vec<(usize, usize)> = filing
        .enterprises
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            e.outlets
                .iter()
                .enumerate()
                .filter(|(_, o)| o.monitoring.is_some())
                .map(move |(j, _)| (i, j))
        })
        .collect();
    let (done, rows) = (AtomicUsize::new(0), AtomicU64::new(0));
    // Outlets in parallel, each with its own sources (merged below in
    // filing order, so the result does not depend on the threads); one
    // outlet's folder lives only while its file is read.
    let folded: Vec<Option<Folded>> = jobs
        .par_iter()
        .map(|&(i, j)| {
            let out = fold_outlet(filing, (i, j), year, &timezone, keep_hours);
            if let Some(f) = &out {
                let n = rows.fetch_add(f.file.records, Ordering::Relaxed) + f.file.records;
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len(), n);
            }
            out
        })
        .collect();
    let (mut files, mut monitored, mut diagnostics) = (Vec::new(), Vec::new(), Vec::new());
    for f in folded.into_iter().flatten() {
        let shift = sources.append(f.sources);
        diagnostics.extend(f.diagnostics.into_iter().map(|d| d.shifted(shift)));
        let mut m = f.monitored;
        for at in &mut m.at {
            let all = at
                .hours
                .iter_mut()
                .chain(&mut at.days)
                .chain(&mut at.months);
            for span in all.flatten() {
                *span = span.shifted(shift);
            }
        }
        monitored.push(m);
        files.push(f.file);
    }
    (files, monitored, diagnostics)
}

/// One outlet's folded file, with the sources its spans point into.
struct Folded {
    file: SeriesFile,
    monitored: super::Monitored,
    diagnostics: Vec<Diagnostic>,
    sources: Sources,
}

/// Reads and folds the file of outlet `(i, j)`, if it has one.
fn fold_outlet(
    filing: &Filing,
    (i, j): (usize, usize),
    year: i16,
    timezone: &jiff::tz::TimeZone,
    keep_hours: bool,
) -> Option<Folded> {
    use super::window::{Coverage, Folder};
    use crate::filing::model::Medium;
    let e = filing.enterprises.get(i)?;
    let o = e.outlets.get(j)?;
    let m = o.monitoring.as_ref()?;
    let mut sources = Sources::default();
    let range = m
        .range_max
        .iter()
        .map(|(p, q)| (p.value, q.value.clone()))
        .collect();
    let mut folder = Folder::new(year, m.interval, range);
    if keep_hours {
        folder = folder.keep_hour_rows();
    }
    let mut refused = Vec::new();
    let mut refusals = 0u64;
    let (mut file, mut diagnostics, columns) =
        read_outlet(e, o, timezone, &mut sources, &mut |row, raw| {
            if let Err(err) = folder.push(&row, raw) {
                refusals += 1;
                if refused.len() < 100 {
                    refused.push((row.line, Box::<str>::from(raw.text()), err));
                }
            }
        })?;
    // A row the windows refuse is refused, not good.
    file.good -= refusals.min(file.good);
    file.bad += refusals;
    for (line, text, err) in refused {
        // The cell the refusal is about: the unit, or the time.
        let column = columns.map(|c| match err {
            super::window::FoldError::Unit { .. } => c.unit,
            _ => c.time,
        });
        let cell = column.and_then(|i| {
            let r = super::raw::field_ranges(&text, m.delimiter)
                .get(i)
                .cloned()?;
            Some(super::raw::value_range(&text, r))
        });
        diagnostics.push(fold_diagnostic(
            &mut sources,
            (&file.file, line, &text, cell),
            &err,
        ));
    }
    let coverage = (o.medium.value == Medium::Air).then_some(&Coverage::CEMS);
    let (series, lines) = folder.finish(coverage, keep_hours);
    let kept = sources.add_lines(file.file.clone(), lines.text, lines.numbers);
    let at = series.iter().map(|s| window_spans(kept, s)).collect();
    let monitored = super::Monitored {
        enterprise: i,
        outlet: j,
        file: file.file.clone(),
        series,
        at,
    };
    Some(Folded {
        file,
        monitored,
        diagnostics,
        sources,
    })
}

/// Where each day and month of `s` starts: its first row, among the
/// lines kept in source `kept`.
fn window_spans(kept: crate::values::FileId, s: &super::window::Series) -> super::WindowSpans {
    let span = |k: &super::lines::Kept| {
        (k.line != 0).then(|| crate::values::Span::new(kept, k.range().start, k.range().end))
    };
    super::WindowSpans {
        hours: s.hour_rows.iter().map(span).collect(),
        days: s.day_rows.iter().map(span).collect(),
        months: s
            .months
            .iter()
            .map(|w| {
                // A month starts where its first day with readings does.
                s.day_rows
                    .iter()
                    .find(|k| w.first_line != 0 && k.line == w.first_line)
                    .and_then(span)
            })
            .collect(),
    }
}

/// A span over line `line` of `file`, whose text is `text` (none for line
/// 0: no reading).
fn line_span(
    sources: &mut Sources,
    file: &str,
    line: u32,
    text: &str,
) -> Option<crate::values::Span> {
    (line > 0).then(|| {
        let id = sources.add_excerpt(file, line as usize, text);
        crate::values::Span::new(id, 0, text.len())
    })
}

/// The error for a row the fold refused, at `(file, line, text)`,
/// underlining `cell` of it (else the whole line).
fn fold_diagnostic(
    sources: &mut Sources,
    (file, line, text, cell): (&str, u32, &str, Option<std::ops::Range<usize>>),
    e: &super::window::FoldError,
) -> Diagnostic {
    use super::window::FoldError as E;
    use crate::messages::t;
    let span = line_span(sources, file, line, text).map(|s| match cell {
        Some(c) => crate::values::Span::new(s.file, c.start, c.end),
        None => s,
    });
    let (code, msg) = match e {
        E::Duplicate {
            pollutant,
            time,
            first_line,
        } => (
            "series.fold.duplicate",
            t(
                "series.fold.duplicate",
                &[
                    ("pollutant", pollutant),
                    ("time", time),
                    ("first", first_line),
                ],
            ),
        ),
        E::OutsideYear { year, time } => (
            "series.fold.year",
            t("series.fold.year", &[("year", year), ("time", time)]),
        ),
        E::OffGrid { interval } => (
            "series.fold.grid",
            t(
                "series.fold.grid",
                &[(
                    "interval",
                    &match interval {
                        super::Interval::Hour => "1 h",
                        super::Interval::Minute => "1 min",
                    },
                )],
            ),
        ),
        E::Unit { expected, found } => (
            "series.fold.unit",
            t(
                "series.fold.unit",
                &[("expected", expected), ("found", found)],
            ),
        ),
    };
    let help = t(&format!("{code}.help"), &[]);
    Diagnostic::error(code, msg, span).with_help(help)
}
