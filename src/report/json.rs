//! `--format json`: one eipcheck/result/v1 object per filing.

use super::CheckResult;
use crate::eval::{Finding, Status};
use crate::values::{Severity, Sources, Span};
use serde_json::{Map, Value, json};

fn location(sources: &Sources, span: Span) -> Value {
    let start = sources.line_col(span.file, span.start as usize);
    let end = sources.line_col(span.file, span.end as usize);
    json!({
        "file": sources.name(span.file),
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
    })
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn finding(sources: &Sources, f: &Finding) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: Value| {
        m.insert(k.to_string(), v);
    };
    put("rule", json!(f.rule));
    put("ruleset", json!(f.ruleset));
    put("kind", json!(f.kind));
    put("status", json!(f.status.as_str()));
    put("severity", json!(severity(f.severity)));
    put("provisional", json!(f.provisional));
    put("subject", json!(f.subject));
    put("subject_id", json!(f.subject_id));
    if let Some(p) = f.pollutant {
        put("pollutant", json!(p.name()));
    }
    put("period", json!(f.period));
    if let Some(a) = &f.actual {
        put("actual", json!(a));
    }
    if let Some(e) = &f.expected {
        put("expected", json!(e));
    }
    let reason = match f.status {
        Status::NotApplicable => f.reason.clone(),
        Status::Unknown => Some(f.missing.join("; ")),
        _ => None,
    };
    if let Some(r) = reason {
        put("reason", json!(r));
    }
    put("message", json!(f.message));
    if let Some(h) = &f.help {
        put("help", json!(h));
    }
    put("cite", json!(f.cite));
    if let Some(s) = f.span {
        put("location", location(sources, s));
    }
    put("rule_location", location(sources, f.rule_span));
    let evidence: Vec<Value> = f
        .evidence
        .iter()
        .map(|e| {
            let mut v = json!({"what": e.what, "subject_id": e.subject_id, "value": e.value});
            if let (Some(s), Some(obj)) = (e.span, v.as_object_mut()) {
                obj.insert("location".into(), location(sources, s));
            }
            v
        })
        .collect();
    put("evidence", Value::Array(evidence));
    put("missing", json!(f.missing));
    Value::Object(m)
}

/// Renders the result object of one filing (one line of JSON).
pub fn render_json(r: &CheckResult<'_>) -> String {
    let findings: &[Finding] = r.outcome.map_or(&[], |o| &o.findings);
    let count = |s: Status| findings.iter().filter(|f| f.status == s).count();
    let mut filing = json!({"path": r.filing_path});
    if let (Some(sha), Some(obj)) = (r.filing_sha256, filing.as_object_mut()) {
        obj.insert("sha256".into(), json!(sha));
    }
    let errors: Vec<Value> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let mut v = json!({"message": d.message});
            if let Some(obj) = v.as_object_mut() {
                if let Some(f) = &d.field {
                    obj.insert("field".into(), json!(f));
                }
                if let Some(s) = d.span {
                    obj.insert("location".into(), location(r.sources, s));
                }
                if let Some(h) = &d.help {
                    obj.insert("help".into(), json!(h));
                }
                obj.insert("code".into(), json!(d.code));
            }
            v
        })
        .collect();
    let not_judged: Vec<Value> = r
        .outcome
        .map(|o| {
            o.not_judged
                .iter()
                .map(|n| json!({"subject": n.subject, "subject_id": n.subject_id, "pollutant": n.pollutant.name(), "reason": crate::messages::t("report.not_judged", &[])}))
                .collect()
        })
        .unwrap_or_default();
    let out = json!({
        "format": "eipcheck/result/v1",
        "tool": {"name": "eipcheck", "version": env!("CARGO_PKG_VERSION")},
        "as_of": r.as_of.to_string(),
        "filing": filing,
        "verdict": r.verdict.as_str(),
        "summary": {
            "pass": count(Status::Pass),
            "fail": count(Status::Fail),
            "unknown": count(Status::Unknown),
            "not_applicable": count(Status::NotApplicable),
            "waived": count(Status::Waived),
        },
        "rulesets": r.rulesets.iter().map(|s| {
            let mut v = json!({"id": s.id.value, "title": s.title, "source": s.source, "sha256": s.sha256});
            if let (Some(ver), Some(obj)) = (&s.version, v.as_object_mut()) {
                obj.insert("version".into(), json!(ver));
            }
            v
        }).collect::<Vec<_>>(),
        "errors": errors,
        "coverage": {"not_judged": not_judged},
        "findings": findings.iter().map(|f| finding(r.sources, f)).collect::<Vec<_>>(),
    });
    out.to_string()
}
