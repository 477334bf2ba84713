//! `for` binders: the subject (`park`, `enterprise e`, `outlet o`) and the
//! loops after it (`sample s in o.samples`, `pollutant p in park.caps`,
//! `year y in [...]`, `event ev in e.events`, `disclosure d in e.disclosures`).

use super::expr::Ctx;
use super::ir::{Binder, Each, EachKind, RecordKind, SubjectKind, Type};
use super::scope::{Checker, PARK};
use super::types::words;
use crate::messages::t;
use crate::syntax::ast;

/// What a `for` names.
pub(super) enum Bound {
    /// The subject.
    Subject(Binder),
    /// A loop.
    Each(Each),
}

impl Checker<'_> {
    /// Checks a subject binder and binds its variable (the caller restores
    /// the scope). `None` after an error that leaves no subject.
    pub fn subject(&mut self, b: &ast::Binder) -> Option<Binder> {
        let (kind, record) = match b.kind.value.as_str() {
            "park" => (SubjectKind::Park, RecordKind::Park),
            "enterprise" => (SubjectKind::Enterprise, RecordKind::Enterprise),
            "outlet" => (SubjectKind::Outlet, RecordKind::Outlet),
            other => {
                self.report("check.subject_first", &[("kind", &other)], b.kind.span);
                return None;
            }
        };
        if let Some(source) = &b.source {
            let msg = t("check.binder_subject_in", &[("kind", &b.kind.value)]);
            self.error("check.binder_subject_in", msg, source.span, None);
        }
        let var = match (&b.var, kind) {
            (Some(v), _) => {
                if v.value != PARK || kind != SubjectKind::Park {
                    self.bind(&v.value, Type::Record(record), v.span);
                }
                v.value.clone()
            }
            (None, SubjectKind::Park) => PARK.to_string(),
            (None, _) => {
                let example = b.kind.value.get(..1).unwrap_or("x");
                let msg = t(
                    "check.binder_var",
                    &[("kind", &b.kind.value), ("example", &example)],
                );
                self.error("check.binder_var", msg, b.kind.span, None);
                return None;
            }
        };
        let filter = b.filter.as_ref().map(|f| self.condition(f));
        Some(Binder {
            kind,
            var,
            filter,
            span: b.span,
        })
    }

    /// Checks a loop binder and binds its variable.
    pub fn each(&mut self, b: &ast::Binder) -> Option<Each> {
        let kind = match b.kind.value.as_str() {
            "sample" => EachKind::Sample,
            "pollutant" => EachKind::Pollutant,
            "year" => EachKind::Year,
            "event" => EachKind::Event,
            "disclosure" => EachKind::Disclosure,
            "series" => EachKind::Series,
            "window" => EachKind::Window,
            other => {
                self.report("check.subject_later", &[("kind", &other)], b.kind.span);
                return None;
            }
        };
        let example = match kind {
            EachKind::Sample => "for sample s in o.samples",
            EachKind::Pollutant => "for pollutant p in park.caps",
            EachKind::Year => "for year y in [park.period - 1, park.period]",
            EachKind::Event => "for event ev in e.events",
            EachKind::Disclosure => "for disclosure d in e.disclosures",
            EachKind::Series => "for series m in o.series",
            EachKind::Window => "for window w in daily(m)",
        };
        let (Some(var), Some(source)) = (&b.var, &b.source) else {
            let msg = t(
                "check.binder_source",
                &[("kind", &b.kind.value), ("example", &example)],
            );
            self.error("check.binder_source", msg, b.span, None);
            return None;
        };
        let ctx = if kind == EachKind::Pollutant {
            Ctx::Pollutant
        } else {
            Ctx::Value
        };
        let src = self.expr(source, ctx);
        let item = self.element(&src);
        let (ok, want) = match kind {
            EachKind::Sample => (
                matches!(item, Type::Record(RecordKind::Sample) | Type::Error),
                "check.binder_samples",
            ),
            EachKind::Pollutant => (
                matches!(item, Type::Pollutant | Type::Error),
                "check.binder_pollutants",
            ),
            EachKind::Year => (
                matches!(item, Type::Number | Type::Error),
                "check.binder_years",
            ),
            EachKind::Event => (
                matches!(item, Type::Record(RecordKind::Event) | Type::Error),
                "check.binder_events",
            ),
            EachKind::Disclosure => (
                matches!(item, Type::Record(RecordKind::Disclosure) | Type::Error),
                "check.binder_disclosures",
            ),
            EachKind::Series => (
                matches!(item, Type::Record(RecordKind::Series) | Type::Error),
                "check.binder_series",
            ),
            EachKind::Window => (
                matches!(item, Type::Record(RecordKind::Window) | Type::Error),
                "check.binder_windows",
            ),
        };
        if !ok {
            self.error(want, t(want, &[("found", &words(&src))]), src.span, None);
        }
        self.bind(&var.value, item, var.span);
        let filter = b.filter.as_ref().map(|f| self.condition(f));
        Some(Each {
            kind,
            var: var.value.clone(),
            source: src,
            filter,
            span: b.span,
        })
    }

    /// The first binder is the subject, the rest are loops.
    pub fn binders(&mut self, all: &[&ast::Binder]) -> Vec<Bound> {
        let mut out = Vec::new();
        for (i, b) in all.iter().enumerate() {
            let bound = if i == 0 {
                self.subject(b).map(Bound::Subject)
            } else {
                self.each(b).map(Bound::Each)
            };
            out.extend(bound);
        }
        out
    }
}
