//! Rendering of a check's result: human (miette) and JSON
//! (eipcheck/result/v1). Rendering never evaluates.

mod human;
mod json;
mod json_findings;
mod json_out;
pub(crate) mod text;

pub use human::{HumanOptions, render_diagnostics, render_human};
pub use json::{render_json, write_json};

use crate::check::ir::RuleSet;
use crate::eval::{Outcome, Verdict};
use crate::values::{Diagnostic, Sources};
use jiff::civil::Date;

/// Everything known about the check of one filing.
pub struct CheckResult<'a> {
    /// All source files (rules, filing).
    pub sources: &'a Sources,
    /// The filing path as given.
    pub filing_path: &'a str,
    /// Hex SHA-256 of the filing bytes, if it could be read.
    pub filing_sha256: Option<&'a str>,
    /// The `--as-of` date.
    pub as_of: Date,
    /// Rule sets used.
    pub rulesets: &'a [RuleSet],
    /// Input errors (rule files and filing) and warnings.
    pub diagnostics: &'a [Diagnostic],
    /// The monitoring files read (one per outlet with `monitoring:`).
    pub series: &'a [crate::series::SeriesFile],
    /// Evaluation outcome, if the filing could be evaluated.
    pub outcome: Option<&'a Outcome>,
    /// The verdict.
    pub verdict: Verdict,
}
