//! Calls of built-in functions and aggregates over collections.

use super::expr::{Ctx, broken, mk};
use super::ir::{Aggregate, Builtin, Expr, ExprKind as K, RecordKind, Type};
use super::scope::{Checker, did_you_mean};
use super::types::{dim_of, join, same_kind, type_words, words};
use crate::messages::t;
use crate::series::Scale;
use crate::syntax::ast::{self, Text};
use crate::values::Span;

impl Checker<'_> {
    /// The item type of a collection (list items; the pollutants of a
    /// pollutant map or a sample); reports anything else.
    pub fn element(&mut self, src: &Expr) -> Type {
        match &src.ty {
            Type::List(item) => (**item).clone(),
            Type::PollutantMap(_) | Type::Record(RecordKind::Sample) => Type::Pollutant,
            Type::Error => Type::Error,
            _ => {
                self.report("check.not_collection", &[("found", &words(src))], src.span);
                Type::Error
            }
        }
    }

    pub(super) fn aggregate(
        &mut self,
        op: &Text,
        body: Option<&ast::Expr>,
        var: &Text,
        source: &ast::Expr,
        filter: Option<&ast::Expr>,
        span: Span,
    ) -> Expr {
        let agg = match op.value.as_str() {
            "count" => Aggregate::Count,
            "min" => Aggregate::Min,
            "max" => Aggregate::Max,
            "mean" => Aggregate::Mean,
            _ => Aggregate::Sum,
        };
        let src = self.expr(source, Ctx::Value);
        let item = self.element(&src);
        let depth = self.depth();
        self.bind(&var.value, item.clone(), var.span);
        if let Some((field, words)) = self.domain_of(&src) {
            let field = field.to_string();
            self.bind_domain(field, words);
        }
        let filter = filter.map(|f| Box::new(self.condition(f)));
        let body = match body {
            Some(b) => self.expr(
                b,
                if agg == Aggregate::Count {
                    Ctx::TextOk
                } else {
                    Ctx::Value
                },
            ),
            None => mk(K::Var(var.value.clone()), item, var.span),
        };
        self.unbind_to(depth);
        let ty = match (agg, &body.ty) {
            (Aggregate::Count, _) => Type::Number,
            (_, Type::Number) => Type::Number,
            (_, Type::Quantity(d) | Type::Measurement(d)) => Type::Quantity(*d),
            (Aggregate::Min | Aggregate::Max, Type::Date) => Type::Date,
            (_, Type::Error) => Type::Error,
            _ => {
                let msg = t("check.not_number", &[("found", &words(&body))]);
                self.error("check.not_number", msg, body.span, None);
                Type::Error
            }
        };
        let kind = K::Aggregate {
            op: agg,
            body: Box::new(body),
            var: var.value.clone(),
            source: Box::new(src),
            filter,
        };
        mk(kind, ty, span)
    }

    pub(super) fn call(&mut self, name: &Text, args: &[ast::Expr], span: Span) -> Expr {
        let (builtin, usage) = match name.value.as_str() {
            "discharge" => (Builtin::Discharge, "discharge(e, p)"),
            "rolling_discharge" => (Builtin::RollingDischarge, "rolling_discharge(e, p)"),
            "annual_limit" => (Builtin::AnnualLimit, "annual_limit(e, p)"),
            "date" => (Builtin::Date, "date(y, m, d)"),
            "first" => (Builtin::First, "first(a, b, ...)"),
            "standard_limit" => (Builtin::StandardLimit, "standard_limit(\"set.rule\", o, p)"),
            "working_days_after" => (Builtin::WorkingDaysAfter, "working_days_after(date, n)"),
            "working_days_between" => (
                Builtin::WorkingDaysBetween,
                "working_days_between(from, to)",
            ),
            "year" => (Builtin::Year, "year(date)"),
            "hourly" => (
                Builtin::Windows(Scale::Hour),
                "hourly(m) or hourly(m, minutes needed)",
            ),
            "daily" => (
                Builtin::Windows(Scale::Day),
                "daily(m) or daily(m, hours needed)",
            ),
            "monthly" => (
                Builtin::Windows(Scale::Month),
                "monthly(m) or monthly(m, days needed)",
            ),
            other => {
                const KNOWN: [&str; 17] = [
                    "discharge",
                    "rolling_discharge",
                    "hourly",
                    "daily",
                    "monthly",
                    "year",
                    "standard_limit",
                    "working_days_after",
                    "working_days_between",
                    "annual_limit",
                    "date",
                    "first",
                    "sum",
                    "count",
                    "min",
                    "max",
                    "mean",
                ];
                let help = did_you_mean(other, KNOWN, Some(t("check.unknown_function.help", &[])));
                self.error(
                    "check.unknown_function",
                    t("check.unknown_function", &[("name", &other)]),
                    name.span,
                    help,
                );
                for a in args {
                    self.expr(a, Ctx::TextOk);
                }
                return broken(span);
            }
        };
        let (wants, ret): (Vec<(Ctx, Type)>, Type) = match builtin {
            Builtin::Discharge | Builtin::RollingDischarge | Builtin::AnnualLimit => (
                vec![
                    (Ctx::Value, Type::Record(RecordKind::Enterprise)),
                    (Ctx::Pollutant, Type::Pollutant),
                ],
                Type::Quantity(dim_of(if builtin != Builtin::AnnualLimit {
                    "t"
                } else {
                    "t/a"
                })),
            ),
            Builtin::Date => (vec![(Ctx::Value, Type::Number); 3], Type::Date),
            Builtin::WorkingDaysAfter => (
                vec![(Ctx::Value, Type::Date), (Ctx::Value, Type::Number)],
                Type::Date,
            ),
            Builtin::WorkingDaysBetween => (vec![(Ctx::Value, Type::Date); 2], Type::Number),
            Builtin::Year => (vec![(Ctx::Value, Type::Date)], Type::Number),
            // `daily(m)` or `daily(m, N)`: N valid parts needed.
            Builtin::Windows(_) => (
                [
                    (Ctx::Value, Type::Record(RecordKind::Series)),
                    (Ctx::Value, Type::Number),
                ][..args.len().clamp(1, 2)]
                    .to_vec(),
                Type::List(Box::new(Type::Record(RecordKind::Window))),
            ),
            Builtin::StandardLimit => (
                vec![
                    (Ctx::TextOk, Type::Text),
                    (Ctx::Value, Type::Record(RecordKind::Outlet)),
                    (Ctx::Pollutant, Type::Pollutant),
                ],
                Type::Quantity(None),
            ),
            Builtin::First => (
                vec![(Ctx::TextOk, Type::Error); args.len().max(1)],
                Type::Error,
            ),
        };
        if args.len() != wants.len() {
            let expected = if builtin == Builtin::First {
                "1+".to_string()
            } else {
                wants.len().to_string()
            };
            let msg = t(
                "check.arity",
                &[
                    ("name", &name.value),
                    ("expected", &expected),
                    ("found", &args.len()),
                ],
            );
            self.error(
                "check.arity",
                msg,
                span,
                Some(t("check.arity.help", &[("usage", &usage)])),
            );
        }
        let mut checked = Vec::new();
        let mut ty = ret;
        for (n, (a, (ctx, want))) in args.iter().zip(wants.iter().cycle()).enumerate() {
            let x = self.expr(a, *ctx);
            let ok = match (builtin, want) {
                (Builtin::First, _) => same_kind(&ty, &x.ty),
                _ => x.ty == *want || x.ty == Type::Error,
            };
            if !ok {
                let expected = if builtin == Builtin::First {
                    type_words(&ty)
                } else {
                    type_words(want)
                };
                let msg = t(
                    "check.arg_type",
                    &[
                        ("n", &(n + 1)),
                        ("name", &name.value),
                        ("expected", &expected),
                        ("found", &words(&x)),
                    ],
                );
                self.error("check.arg_type", msg, x.span, None);
            } else if builtin == Builtin::First {
                ty = join(&ty, &x.ty);
            }
            checked.push(x);
        }
        mk(K::Call(builtin, checked), ty, span)
    }
}
