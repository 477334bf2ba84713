//! Rules: clauses sorted and checked once each, binders, and the judged
//! body (requirements here, limit tables in `table`).

use super::binders::Bound;
use super::ir::{
    BelowDetection, Body, EachKind, Judgement, ReportKind, Requirement, Rule, RuleKind, SubjectKind,
};
use super::scope::Checker;
use crate::messages::t;
use crate::syntax::ast::{self, ClauseKind as C, Text};
use crate::values::{Severity, Span};

/// One rule's clauses, by kind.
#[derive(Default)]
pub(super) struct Clauses<'r> {
    pub cite: Option<&'r Text>,
    pub severity: Option<&'r Text>,
    pub effective: Option<&'r Text>,
    pub until: Option<&'r Text>,
    pub judge: Option<&'r Text>,
    pub below_detection: Option<&'r Text>,
    pub provisional: bool,
    pub message: Option<&'r Text>,
    pub help: Option<&'r Text>,
    pub column: Option<(&'r ast::Expr, Span)>,
    pub table: Option<(&'r ast::Table, Span)>,
    pub binders: Vec<&'r ast::Binder>,
    pub requires: Vec<(&'r ast::Require, Span)>,
    pub disclose: Option<(&'r ast::Disclose, Span)>,
    pub sections: Vec<(&'r ast::Sections, Span)>,
}

/// The placeholders a message, help or missing template may use.
pub const PLACEHOLDERS: [&str; 10] = [
    "pollutant",
    "actual",
    "expected",
    "class",
    "subject",
    "period",
    "title",
    "cite",
    "reason",
    "missing",
];

impl Checker<'_> {
    /// Reports `{name}` placeholders that are not in [`PLACEHOLDERS`].
    fn placeholders(&mut self, text: &Text) {
        let mut rest = text.value.as_str();
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let name = &after[..close];
            if !PLACEHOLDERS.contains(&name) {
                let help = t(
                    "check.placeholder.help",
                    &[("names", &PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(" "))],
                );
                self.error(
                    "check.placeholder",
                    t("check.placeholder", &[("name", &format!("{{{name}}}"))]),
                    text.span,
                    Some(help),
                );
            }
            rest = &after[close + 1..];
        }
    }

    /// Stores `value` in `slot`, reporting a second occurrence.
    fn once<T>(&mut self, slot: &mut Option<T>, value: T, clause: &str, span: Span) {
        if slot.is_some() {
            let msg = t("check.duplicate_clause", &[("clause", &clause)]);
            self.error(
                "check.duplicate_clause",
                msg,
                span,
                Some(t("check.duplicate_clause.help", &[("clause", &clause)])),
            );
        } else {
            *slot = Some(value);
        }
    }

    fn clauses<'r>(&mut self, r: &'r ast::Rule) -> Clauses<'r> {
        let mut c = Clauses::default();
        for clause in &r.clauses {
            let span = clause.span;
            match &clause.kind {
                C::Cite(x) => self.once(&mut c.cite, x, "cite", span),
                C::Severity(x) => self.once(&mut c.severity, x, "severity", span),
                C::Effective(x) => self.once(&mut c.effective, x, "effective", span),
                C::Until(x) => self.once(&mut c.until, x, "until", span),
                C::Judge(x) => self.once(&mut c.judge, x, "judge", span),
                C::BelowDetection(x) => {
                    self.once(&mut c.below_detection, x, "below detection", span);
                }
                C::Message(x) => {
                    self.placeholders(x);
                    self.once(&mut c.message, x, "message", span);
                }
                C::Help(x) => {
                    self.placeholders(x);
                    self.once(&mut c.help, x, "help", span);
                }
                C::Column(x) => self.once(&mut c.column, (x, span), "column", span),
                C::Table(x) => self.once(&mut c.table, (x, span), "table", span),
                C::Provisional => c.provisional = true,
                C::For(bs) => c.binders.extend(bs.iter()),
                C::Require(q) => c.requires.push((q, span)),
                C::Disclose(d) => self.once(&mut c.disclose, (d, span), "disclose", span),
                C::Sections(x) => c.sections.push((x, span)),
            }
        }
        c
    }

    /// Checks a rule of rule set `set_id`. `None` when an error leaves
    /// nothing to build (the errors are recorded).
    pub fn rule(&mut self, set_id: &str, r: &ast::Rule) -> Option<Rule> {
        let c = self.clauses(r);
        if c.cite.is_none() {
            self.report("check.missing_cite", &[("id", &r.id.value)], r.id.span);
        }
        if c.binders.is_empty() {
            self.report("check.missing_subject", &[("id", &r.id.value)], r.id.span);
        }
        let depth = self.depth();
        let mut subject = None;
        let mut each = Vec::new();
        for b in self.binders(&c.binders) {
            match b {
                Bound::Subject(s) => subject = Some(s),
                Bound::Each(e) => each.push(e),
            }
        }
        let body = if r.kind.value == "limits" {
            self.table_body(r, &c, &each)
        } else if r.kind.value == "duty" && c.disclose.is_some() {
            self.duty_body(&c)
        } else {
            self.requirements(r, &c)
        };
        if let Some(Body::Duty(d)) = &body {
            let clauses = [("judge", c.judge), ("below detection", c.below_detection)];
            for (clause, x) in clauses.into_iter().filter_map(|(n, x)| Some((n, x?))) {
                self.report("check.duty_clause", &[("clause", &clause)], x.span);
            }
            let per_item = each
                .iter()
                .any(|e| matches!(e.kind, EachKind::Event | EachKind::Disclosure));
            if d.report == ReportKind::Annual && per_item {
                self.report("check.duty_annual_loop", &[], d.span);
            }
        }
        if r.kind.value == "duty" && c.disclose.is_none() {
            for (_, span) in &c.sections {
                self.report("check.sections_alone", &[], *span);
            }
        }
        if let (Some((_, at)), Some(s)) = (c.disclose, &subject)
            && s.kind != SubjectKind::Enterprise
        {
            self.report("check.duty_subject", &[], at);
        }
        if r.kind.value != "duty" {
            let disclose = c.disclose.iter().map(|(_, s)| ("disclose", *s));
            for (clause, span) in disclose.chain(c.sections.iter().map(|(_, s)| ("sections", *s))) {
                self.report("check.duty_kind", &[("clause", &clause)], span);
            }
        }
        self.unbind_to(depth);
        let effective_from = c.effective.and_then(|d| self.date_text(d));
        let effective_until = c.until.and_then(|d| self.date_text(d));
        if let (Some(from), Some(until), Some(u)) = (effective_from, effective_until, c.until)
            && until < from
        {
            let msg = t(
                "check.effective_until",
                &[("from", &from), ("until", &until)],
            );
            self.error("check.effective_until", msg, u.span, None);
        }
        Some(Rule {
            id: format!("{set_id}.{}", r.id.value),
            local_id: r.id.clone(),
            kind: match r.kind.value.as_str() {
                "cap" => RuleKind::Cap,
                "duty" => RuleKind::Duty,
                "entry" => RuleKind::Entry,
                _ => RuleKind::Limit,
            },
            title: r.title.value.clone(),
            cite: c.cite?.value.clone(),
            severity: match c.severity.map(|s| s.value.as_str()) {
                Some("warning") => Severity::Warning,
                Some("info") => Severity::Info,
                _ => Severity::Error,
            },
            subject: subject?,
            each,
            body: body?,
            judgement: match c.judge.map(|j| j.value.as_str()) {
                Some("rounded") => Judgement::Rounded,
                _ => Judgement::Full,
            },
            below_detection: match c.below_detection.map(|j| j.value.as_str()) {
                Some("by_detection_limit") => BelowDetection::ByDetectionLimit,
                _ => BelowDetection::Unknown,
            },
            provisional: c.provisional,
            effective_from,
            effective_until,
            message: c.message.map(|m| m.value.clone()),
            help: c.help.map(|h| h.value.clone()),
            span: r.span,
        })
    }

    /// Reports a clause that only a `limits` rule may have.
    pub(super) fn table_only(&mut self, clause: &str, span: Span) {
        self.report("check.table_kind", &[("clause", &clause)], span);
    }

    fn requirements(&mut self, r: &ast::Rule, c: &Clauses<'_>) -> Option<Body> {
        if let Some((_, span)) = c.column {
            self.table_only("column", span);
        }
        if let Some((_, span)) = c.table {
            self.table_only("table", span);
        }
        if c.requires.is_empty() {
            self.report("check.missing_require", &[("id", &r.id.value)], r.id.span);
        }
        let mut out = Vec::new();
        for (q, span) in &c.requires {
            let expr = self.condition(&q.expr);
            let mut message = None;
            for t in q.message.iter().chain(&q.help).chain(&q.missing) {
                self.placeholders(t);
            }
            for m in &q.message {
                self.once(&mut message, m.value.clone(), "message", m.span);
            }
            let mut help = None;
            for h in &q.help {
                self.once(&mut help, h.value.clone(), "help", h.span);
            }
            let mut missing = None;
            for m in &q.missing {
                self.once(&mut missing, m.value.clone(), "missing", m.span);
            }
            // `require EXPR`, without the message and help after it.
            let span = Span {
                end: expr.span.end,
                ..*span
            };
            out.push(Requirement {
                expr,
                message,
                help,
                missing,
                span,
            });
        }
        Some(Body::Require(out))
    }
}
