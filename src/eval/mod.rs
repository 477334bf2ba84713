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
mod rule;
mod standard;
mod table;
pub mod value;
mod workdays;

pub use finding::{Evidence, Finding, NotJudged, Outcome, Status, Template, Verdict};

use crate::check::ir::RuleSet;
use crate::filing::model::Filing;
use crate::values::{Pollutant, Severity};
use jiff::civil::Date;
use record::Records;
use std::collections::HashSet;

/// Evaluates every rule of every rule set on `filing`. Findings come in rule
/// set order, then rule order, then filing order: deterministic.
///
/// A filing without a valid reporting period (`park.period`, already an
/// input error) is not evaluated: every rule's reference date depends on it,
/// and judging against a guessed year would give false verdicts.
///
/// `as_of` is the date the check is made (`--as-of`): a disclosure due
/// after it and not yet in the filing is not_applicable, "not yet due".
pub fn evaluate(rulesets: &[RuleSet], filing: &Filing, as_of: Date) -> Outcome {
    if filing.park.period.is_none() {
        return Outcome {
            findings: Vec::new(),
            not_judged: Vec::new(),
        };
    }
    let records = Records { filing };
    let mut findings = Vec::new();
    for set in rulesets {
        for rule in &set.rules {
            rule::run_rule(records, rulesets, set, rule, as_of, &mut findings);
        }
    }
    let not_judged = coverage(filing, &findings);
    Outcome {
        findings,
        not_judged,
    }
}

/// Reported (subject, pollutant) pairs that no finding judged (pass, fail,
/// unknown or waived): sample values per outlet and monthly discharges per
/// enterprise. A park-level finding for a pollutant judges every
/// enterprise's discharges of it.
fn coverage(filing: &Filing, findings: &[Finding]) -> Vec<NotJudged> {
    let judging = || {
        findings
            .iter()
            .filter(|f| f.status != Status::NotApplicable)
    };
    let judged: HashSet<(&str, Pollutant)> = judging()
        .filter_map(|f| Some((&*f.subject, f.pollutant?)))
        .collect();
    let capped: HashSet<Pollutant> = judging()
        .filter(|f| &*f.subject == "park" && f.kind == "cap")
        .filter_map(|f| f.pollutant)
        .collect();
    let mut seen: HashSet<(String, Pollutant)> = HashSet::new();
    let mut out: Vec<NotJudged> = Vec::new();
    let mut add = |path: String, id: &str, p: Pollutant| {
        if !judged.contains(&(path.as_str(), p)) && seen.insert((path.clone(), p)) {
            out.push(NotJudged {
                subject: path,
                subject_id: id.to_string(),
                pollutant: p,
                monitoring: None,
            });
        }
    };
    for e in &filing.enterprises {
        let i = e.index;
        for o in &e.outlets {
            let path = format!("enterprises[{i}].outlets[{}]", o.index);
            for (p, _) in o.samples.iter().flat_map(|s| &s.values) {
                add(path.clone(), &o.id.value, p.value);
            }
        }
        for (p, _) in e.discharges.iter().flat_map(|r| &r.values) {
            if !capped.contains(&p.value) {
                add(format!("enterprises[{i}]"), &e.id.value, p.value);
            }
        }
    }
    out
}

/// Adds the pollutants of an outlet's monitoring file (`file`, at the
/// outlet `subject` with id `subject_id`) to `not_judged`. No rule judges a
/// monitoring series yet (the hourly, daily and monthly windows are the
/// next increment of issue 4), so every pollutant the file reports is
/// listed, whatever judged the outlet's manual samples: nothing looks
/// checked that was not.
pub fn not_judged_series(
    not_judged: &mut Vec<NotJudged>,
    subject: &str,
    subject_id: &str,
    file: &str,
    pollutants: &[Pollutant],
) {
    not_judged.extend(pollutants.iter().map(|&p| NotJudged {
        subject: subject.to_string(),
        subject_id: subject_id.to_string(),
        pollutant: p,
        monitoring: Some(file.to_string()),
    }));
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
        .any(|f| f.status == Status::Fail && f.severity == Severity::Error)
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
