//! A finding's message and help, filled from its template and its own
//! fields (the evaluator only chooses the template).

use crate::eval::{Finding, Template};
use crate::messages::{fill, t};
use std::fmt::Display;

fn render(f: &Finding, template: &Template) -> String {
    let pollutant = f.pollutant.map_or("", |p| p.name());
    let missing = f.missing.join("; ");
    let args: [(&str, &dyn Display); 10] = [
        ("pollutant", &pollutant),
        ("actual", &f.actual.as_deref().unwrap_or("")),
        ("expected", &f.expected.as_deref().unwrap_or("")),
        ("class", &f.class.as_deref().unwrap_or("")),
        ("subject", &f.subject_id),
        ("period", &f.period),
        ("title", &f.title),
        ("cite", &f.cite),
        ("reason", &f.reason.as_deref().unwrap_or("")),
        ("missing", &missing),
    ];
    let text = match template {
        Template::Key(key) => t(key, &args),
        Template::Rule(own) => fill(own, &args),
    };
    text.trim_start().to_string()
}

/// The finding's one-line message.
pub fn message(f: &Finding) -> String {
    render(f, &f.message)
}

/// The finding's help line (what to do), if any.
pub fn help(f: &Finding) -> Option<String> {
    f.help.as_ref().map(|h| render(f, h))
}
