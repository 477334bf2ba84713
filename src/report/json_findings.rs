//! The `findings` array of the result JSON, rendered in parallel a bounded
//! batch at a time and written in order, so memory does not grow with the
//! number of findings.

use super::json::{Location, location, severity};
use super::text::{self, Filled, Shown};
use crate::eval::{Finding, Status};
use crate::values::Sources;
use rayon::prelude::*;
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use std::borrow::Cow;
use std::fmt::Display;
use std::io::Write;

/// Findings one worker renders to one buffer.
const PER_CHUNK: usize = 512;
/// Chunks rendered at once before they are written (bounds the memory).
const CHUNKS_PER_BATCH: usize = 16;

/// A value serialized as its `Display` text, without a `String` between.
struct Displayed<T: Display>(T);

impl<T: Display> Serialize for Displayed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    what: &'a str,
    subject_id: &'a str,
    value: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location<'a>>,
}

/// A finding's evidence, serialized as it is reached.
struct EvidenceList<'a> {
    sources: &'a Sources,
    finding: &'a Finding,
}

impl Serialize for EvidenceList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for e in text::evidence(self.finding) {
            seq.serialize_element(&evidence(self.sources, e))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    ruleset: &'a str,
    kind: &'a str,
    status: &'a str,
    severity: &'a str,
    provisional: bool,
    subject: &'a str,
    subject_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pollutant: Option<&'a str>,
    period: Displayed<&'a crate::eval::Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actual: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<Cow<'a, str>>,
    message: Displayed<Filled<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Displayed<Filled<'a>>>,
    cite: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location<'a>>,
    rule_location: Location<'a>,
    evidence: EvidenceList<'a>,
    missing: &'a [String],
}

fn evidence<'a>(sources: &'a Sources, e: Shown<'a>) -> EvidenceOut<'a> {
    EvidenceOut {
        what: e.what,
        subject_id: e.subject_id,
        value: e.value,
        location: e.span.map(|s| location(sources, s)),
    }
}

fn finding<'a>(sources: &'a Sources, f: &'a Finding) -> FindingOut<'a> {
    FindingOut {
        rule: &f.rule.id,
        ruleset: &f.rule.ruleset,
        kind: f.rule.kind,
        status: f.status.as_str(),
        severity: severity(f.rule.severity),
        provisional: f.provisional,
        subject: &f.subject.path,
        subject_id: &f.subject.id,
        pollutant: f.pollutant.map(|p| p.name()),
        period: Displayed(&f.period),
        actual: f.actual.as_deref(),
        expected: f.expected.as_deref(),
        reason: match f.status {
            Status::NotApplicable => f.reason().map(Cow::Borrowed),
            Status::Unknown => Some(Cow::Owned(f.missing().join("; "))),
            _ => None,
        },
        message: Displayed(Filled(f, &f.message)),
        help: f.help.as_ref().map(|h| Displayed(Filled(f, h))),
        cite: &f.rule.cite,
        location: f.span.map(|s| location(sources, s)),
        rule_location: location(sources, f.rule_span),
        evidence: EvidenceList {
            sources,
            finding: f,
        },
        missing: f.missing(),
    }
}

/// `findings`, comma-separated, into `buf` (cleared first).
fn render(sources: &Sources, findings: &[Finding], buf: &mut Vec<u8>) -> serde_json::Result<()> {
    buf.clear();
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        serde_json::to_writer(&mut *buf, &finding(sources, f))?;
    }
    Ok(())
}

/// Writes `findings` as a JSON array (`[...]`), in order.
pub fn write_findings(
    sources: &Sources,
    findings: &[Finding],
    out: &mut impl Write,
) -> std::io::Result<()> {
    out.write_all(b"[")?;
    let chunks: Vec<&[Finding]> = findings.chunks(PER_CHUNK).collect();
    // One buffer per chunk of a batch, reused from batch to batch.
    let mut bufs: Vec<Vec<u8>> = vec![Vec::new(); CHUNKS_PER_BATCH.min(chunks.len())];
    for (b, batch) in chunks.chunks(CHUNKS_PER_BATCH).enumerate() {
        bufs.par_iter_mut()
            .zip(batch)
            .try_for_each(|(buf, chunk)| render(sources, chunk, buf))
            .map_err(std::io::Error::other)?;
        for (i, buf) in bufs.iter().take(batch.len()).enumerate() {
            if b > 0 || i > 0 {
                out.write_all(b",")?;
            }
            out.write_all(buf)?;
        }
    }
    out.write_all(b"]")
}
