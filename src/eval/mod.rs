//! The evaluator: checked IR x filing -> findings.

pub mod finding;

pub use finding::{Evidence, Finding, NotJudged, Outcome, Status, Verdict};
