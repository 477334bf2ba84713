//! Disclosure duties: the `disclose` clause and its `sections`.

use super::expr::Ctx;
use super::ir::{Body, Deadline, Duty, RecordKind, ReportKind, SectionRequirement, Type};
use super::rules::Clauses;
use super::scope::{Checker, did_you_mean};
use super::types::words;
use crate::syntax::ast::{self, ExprKind as A};
use crate::values::Spanned;
use crate::values::words::SECTIONS;

impl Checker<'_> {
    /// The body of a `duty` rule with a `disclose` clause.
    pub(super) fn duty_body(&mut self, c: &Clauses<'_>) -> Option<Body> {
        let (d, span) = c.disclose?;
        for (_, s) in &c.requires {
            self.report("check.duty_require", &[], *s);
        }
        let report = match d.report.value.as_str() {
            "annual" => ReportKind::Annual,
            _ => ReportKind::Interim,
        };
        let covering = d.covering.as_ref().map(|e| self.expr(e, Ctx::Value));
        let about = d.about.as_ref().map(|e| self.expr(e, Ctx::Value));
        // One error for a report given the other kind's word.
        match (report, &covering, &about) {
            (ReportKind::Annual, None, None) => self.report("check.duty_covering", &[], span),
            (ReportKind::Interim, None, None) => self.report("check.duty_about", &[], span),
            _ => {}
        }
        if let (ReportKind::Annual, Some(x)) = (report, &about) {
            self.report("check.duty_about_annual", &[], x.span);
        }
        if let (ReportKind::Interim, Some(x)) = (report, &covering) {
            self.report("check.duty_covering_interim", &[], x.span);
        }
        if let Some(x) = &covering {
            self.want(x, matches!(x.ty, Type::Number), "a year (a whole number)");
        }
        if let Some(x) = &about {
            let ok = matches!(x.ty, Type::Record(RecordKind::Event));
            self.want(x, ok, "an event (`for event ev in e.events`)");
        }
        let deadline = self.deadline(d.deadline.as_ref()?, span)?;
        // The clause as written, without what follows it.
        let end = match (&d.deadline, &deadline) {
            (Some(ast::Deadline::By { day, rest_day, .. }), Deadline::By { date, .. }) => [
                Some(date.span.end),
                day.as_ref().map(|d| d.span.end),
                rest_day.as_ref().map(|r| r.span.end),
            ]
            .into_iter()
            .flatten()
            .max(),
            (_, Deadline::Within { after, .. }) => Some(after.span.end),
            _ => None,
        };
        let span = crate::values::Span {
            end: end.unwrap_or(span.end),
            ..span
        };
        let sections = c.sections.iter().map(|(s, _)| self.sections(s)).collect();
        Some(Body::Duty(Box::new(Duty {
            report,
            covering,
            about,
            deadline,
            sections,
            span,
        })))
    }

    /// Reports `x` when it is not what `ok` says (errors already reported
    /// pass).
    fn want(&mut self, x: &super::ir::Expr, ok: bool, what: &str) {
        if !ok && x.ty != Type::Error {
            self.report(
                "check.duty_type",
                &[("want", &what), ("found", &words(x))],
                x.span,
            );
        }
    }

    fn deadline(&mut self, d: &ast::Deadline, span: crate::values::Span) -> Option<Deadline> {
        match d {
            ast::Deadline::By {
                date,
                day,
                rest_day,
            } => {
                let date = self.expr(date, Ctx::Value);
                self.want(&date, date.ty == Type::Date, "a date");
                if day.is_none() {
                    self.report("check.duty_day", &[], span);
                }
                if rest_day.is_none() {
                    self.report("check.duty_rest_day", &[], span);
                }
                Some(Deadline::By {
                    date,
                    inclusive: day.as_ref().is_some_and(|d| d.value == "inclusive"),
                    roll_forward: rest_day.as_ref().is_some_and(|r| r.value == "roll_forward"),
                })
            }
            ast::Deadline::Within {
                count,
                working,
                after,
            } => {
                let count = self.expr(count, Ctx::Value);
                self.want(&count, count.ty == Type::Number, "a number of days");
                // A written count (or a parameter's) is checked now, not at
                // every finding.
                let out_of_range = super::expr::constants(&count, &self.numbers)
                    .into_iter()
                    .find(|n| {
                        !n.fract().is_zero()
                            || n.is_sign_negative()
                            || *n > rust_decimal::Decimal::from(366)
                    });
                if let Some(n) = out_of_range {
                    self.report("check.duty_count", &[("n", &n)], count.span);
                }
                let after = self.expr(after, Ctx::Value);
                self.want(&after, after.ty == Type::Date, "a date");
                Some(Deadline::Within {
                    count,
                    working: *working,
                    after,
                })
            }
        }
    }

    fn sections(&mut self, s: &ast::Sections) -> SectionRequirement {
        let mut names = Vec::new();
        let items = match &s.list.kind {
            A::List(items) => items.as_slice(),
            _ => std::slice::from_ref(&s.list),
        };
        for item in items {
            let word = match &item.kind {
                A::Word(w) | A::Str(w) => w.as_str(),
                _ => "",
            };
            if SECTIONS.contains(&word) {
                names.push(Spanned::new(word.to_string(), item.span));
            } else {
                let help = did_you_mean(word, SECTIONS, None);
                let msg = crate::messages::t(
                    "check.section",
                    &[("name", &word), ("names", &SECTIONS.join(", "))],
                );
                self.error("check.section", msg, item.span, help);
            }
        }
        SectionRequirement {
            names,
            when: s.when.as_ref().map(|w| self.condition(w)),
        }
    }
}
