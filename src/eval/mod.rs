//! The evaluator: checked IR x filing -> findings (plain data with evidence
//! references). It never formats text beyond the catalogue's templates.

mod discharge;
mod duty;
pub mod expr;
pub mod finding;
mod judge;
pub mod ops;
pub mod record;
mod record_duty;
mod record_series;
mod rule;
mod standard;
mod table;
pub mod value;
mod workdays;

pub use finding::{
    Details, Evidence, Finding, NotJudged, Outcome, Period, Readings, RuleInfo, Status, Subject,
    Template, Verdict,
};

use crate::check::ir::RuleSet;
use crate::filing::model::Filing;
use crate::values::{Pollutant, Severity};
use jiff::civil::Date;
use rayon::prelude::*;
use record::Records;
use std::collections::HashSet;

/// Tasks (rule x subject) evaluated in parallel before their findings are
/// appended in order.
const TASKS_PER_BATCH: usize = 64;

/// Evaluates every rule of every rule set on `filing`. Findings come in rule
/// set order, then rule order, then filing order: deterministic.
///
/// A filing without a valid reporting period (`park.period`, already an
/// input error) is not evaluated: every rule's reference date depends on it,
/// and judging against a guessed year would give false verdicts.
///
/// `as_of` is the date the check is made (`--as-of`): a disclosure due
/// after it and not yet in the filing is not_applicable, "not yet due".
pub fn evaluate(
    rulesets: &[RuleSet],
    filing: &Filing,
    series: &[crate::series::Monitored],
    as_of: Date,
) -> Outcome {
    if filing.park.period.is_none() {
        return Outcome {
            findings: Vec::new(),
            not_judged: Vec::new(),
        };
    }
    let files: Vec<std::sync::Arc<str>> = series.iter().map(|m| m.file.as_str().into()).collect();
    let records = Records {
        filing,
        series,
        files: &files,
    };
    let names: Vec<Vec<rule::Names>> = rulesets
        .iter()
        .map(|set| set.rules.iter().map(|r| rule::Names::new(set, r)).collect())
        .collect();
    let tasks: Vec<rule::Task<'_, '_>> = rulesets
        .iter()
        .zip(&names)
        .flat_map(|(set, names)| {
            set.rules
                .iter()
                .zip(names)
                .flat_map(move |(rule, names)| rule::tasks(records, set, rule, names))
        })
        .collect();
    // In parallel a batch at a time, each appended in order while the next
    // runs: memory for two batches' findings beyond the result.
    let mut findings = Vec::new();
    let mut done: Vec<Vec<Finding>> = Vec::new();
    for batch in tasks.chunks(TASKS_PER_BATCH) {
        let (parts, ()) = rayon::join(
            || {
                batch
                    .par_iter()
                    .map(|task| task.run(records, rulesets, as_of))
                    .collect()
            },
            || findings.extend(done.drain(..).flatten()),
        );
        done = parts;
    }
    findings.extend(done.into_iter().flatten());
    let not_judged = coverage(filing, series, &findings);
    Outcome {
        findings,
        not_judged,
    }
}

/// Reported (subject, pollutant) pairs that no finding judged (pass, fail,
/// unknown or waived): sample values per outlet and monthly discharges per
/// enterprise. A park-level finding for a pollutant judges every
/// enterprise's discharges of it.
fn coverage(
    filing: &Filing,
    series: &[crate::series::Monitored],
    findings: &[Finding],
) -> Vec<NotJudged> {
    let judging = || {
        findings
            .iter()
            .filter(|f| f.status != Status::NotApplicable)
    };
    let judged: HashSet<(&str, Pollutant)> = judging()
        .filter_map(|f| Some((f.subject.path.as_str(), f.pollutant?)))
        .collect();
    let capped: HashSet<Pollutant> = judging()
        .filter(|f| f.subject.path == "park" && f.rule.kind == "cap")
        .filter_map(|f| f.pollutant)
        .collect();
    let mut seen: HashSet<(String, Pollutant)> = HashSet::new();
    let mut out: Vec<NotJudged> = Vec::new();
    let mut add = |path: String, id: &str, p: Pollutant, file: Option<&str>| {
        if !judged.contains(&(path.as_str(), p)) && seen.insert((path.clone(), p)) {
            out.push(NotJudged {
                subject: path,
                subject_id: id.to_string(),
                pollutant: p,
                monitoring: file.map(str::to_string),
            });
        }
    };
    for e in &filing.enterprises {
        let i = e.index;
        for o in &e.outlets {
            let path = format!("enterprises[{i}].outlets[{}]", o.index);
            for (p, _) in o.samples.iter().flat_map(|s| &s.values) {
                add(path.clone(), &o.id.value, p.value, None);
            }
        }
        for (p, _) in e.discharges.iter().flat_map(|r| &r.values) {
            if !capped.contains(&p.value) {
                add(format!("enterprises[{i}]"), &e.id.value, p.value, None);
            }
        }
    }
    // The pollutants of each monitoring file, where no finding over a
    // window of it (those carry its lines as evidence) judged them, whatever
    // judged the outlet's manual samples.
    let by_window: HashSet<(&str, Pollutant)> = judging()
        .filter(|f| f.readings.is_some())
        .filter_map(|f| Some((f.subject.path.as_str(), f.pollutant?)))
        .collect();
    for m in series {
        let (Some(e), Some(o)) = (
            filing.enterprises.get(m.enterprise),
            filing
                .enterprises
                .get(m.enterprise)
                .and_then(|e| e.outlets.get(m.outlet)),
        ) else {
            continue;
        };
        let path = format!("enterprises[{}].outlets[{}]", e.index, o.index);
        for s in m
            .series
            .iter()
            .filter(|s| !by_window.contains(&(path.as_str(), s.pollutant)))
        {
            out.push(NotJudged {
                subject: path.clone(),
                subject_id: o.id.value.clone(),
                pollutant: s.pollutant,
                monitoring: Some(m.file.clone()),
            });
        }
    }
    out
}

/// The verdict of a filing: invalid on any input error; else non-compliant
/// on an error-severity fail (provisional fails count); else incomplete on
/// any unknown; else compliant. Warning fails and waived findings do not
/// make a filing non-compliant.
pub fn verdict(findings: &[Finding], input_errors: usize) -> Verdict {
    if input_errors > 0 {
        Verdict::Invalid
    } else if findings
        .iter()
        .any(|f| f.status == Status::Fail && f.rule.severity == Severity::Error)
    {
        Verdict::NonCompliant
    } else if findings.iter().any(|f| f.status == Status::Unknown) {
        Verdict::Incomplete
    } else {
        Verdict::Compliant
    }
}

#[cfg(test)]
mod tests;
