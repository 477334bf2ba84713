//! Expressions: literals, names, fields, indexes, calls, aggregates. Each
//! checked node gets its static type; operators are in `ops`.
//!
//! A bare word is a bound variable, then a parameter; otherwise it is a
//! pollutant where a pollutant is expected (`s[COD]`, `p == COD`), text where
//! text may stand (`o.medium == water`), and an unknown name elsewhere.

use super::ir::{Expr, ExprKind as K, RecordKind, Type};
use super::schema;
use super::scope::{Checker, did_you_mean};
use super::types::{is_rate, join, numeric, same_kind, type_words, words, year_dim};
use crate::messages::t;
use crate::syntax::ast::{self, ExprKind as A, Text};
use crate::values::{Dim, Pollutant, Quantity, Span};

/// What a bare word may stand for where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ctx {
    /// A value: an unknown bare word is an error.
    Value,
    /// Text may stand here (comparisons, lists, `if` branches).
    TextOk,
    /// A pollutant is expected (`x[...]`, pollutant lists).
    Pollutant,
}

/// A node.
pub(super) fn mk(kind: K, ty: Type, span: Span) -> Expr {
    Expr { kind, ty, span }
}

/// The value of a number or quantity literal.
fn literal_quantity(e: &Expr) -> Option<Quantity> {
    match &e.kind {
        K::Number(v) => Some(Quantity::new(*v, crate::values::Unit::one())),
        K::Quantity(q) => Some(q.clone()),
        _ => None,
    }
}

/// The values a constant number can take: a literal, its negation, or a
/// parameter (from `numbers`, the parameters' values) written as one (one
/// value per date). Empty when the expression is not such a constant.
pub(super) fn constants(
    x: &Expr,
    numbers: &[(String, Vec<rust_decimal::Decimal>)],
) -> Vec<rust_decimal::Decimal> {
    match &x.kind {
        K::Number(n) => vec![*n],
        K::Neg(inner) => constants(inner, numbers).into_iter().map(|n| -n).collect(),
        K::Param(name) => numbers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A placeholder after an error (type `Error` suppresses follow-on errors).
pub(super) fn broken(span: Span) -> Expr {
    mk(K::Bool(false), Type::Error, span)
}

impl Checker<'_> {
    /// Checks an expression in a context.
    pub fn expr(&mut self, e: &ast::Expr, ctx: Ctx) -> Expr {
        let span = e.span;
        match &e.kind {
            A::Number(lit) => match self.number_lit(lit) {
                Some((v, Some(u))) => {
                    let dim = u.dim;
                    mk(
                        K::Quantity(Quantity::new(v, u)),
                        Type::Quantity(Some(dim)),
                        span,
                    )
                }
                Some((v, None)) => mk(K::Number(v), Type::Number, span),
                None => broken(span),
            },
            A::Str(s) if ctx == Ctx::Pollutant => self.pollutant(s, span),
            A::Str(s) => mk(K::Text(s.clone()), Type::Text, span),
            A::Date(d) => self
                .date(d, span)
                .map_or_else(|| broken(span), |d| mk(K::Date(d), Type::Date, span)),
            A::Bool(b) => mk(K::Bool(*b), Type::Bool, span),
            A::Word(w) => self.word(w, span, ctx),
            A::List(items) => self.list(items, span, ctx),
            A::Range(lo, hi) => self.range(lo, hi, span),
            A::Field(x, name) => self.field(x, name, span),
            A::Index(x, i) => self.index(x, i, span),
            A::PerYear(x) => self.per_year(x, span),
            A::Call(name, args) => self.call(name, args, span),
            A::Aggregate {
                op,
                body,
                var,
                source,
                filter,
            } => self.aggregate(op, body.as_deref(), var, source, filter.as_deref(), span),
            A::Binary(op, l, r) => self.binary(*op, l, r, span),
            A::Unary(op, x) => self.unary(*op, x, span),
            A::If(c, a, b) => self.if_expr(c, a, b, span, ctx),
        }
    }

    /// Checks a condition (must be true/false).
    pub fn condition(&mut self, e: &ast::Expr) -> Expr {
        let x = self.expr(e, Ctx::Value);
        self.want_bool(&x);
        x
    }

    /// Reports `x` unless it is a condition.
    pub fn want_bool(&mut self, x: &Expr) {
        if !matches!(x.ty, Type::Bool | Type::Error) {
            self.report("check.not_condition", &[("found", &words(x))], x.span);
        }
    }

    fn word(&mut self, w: &str, span: Span, ctx: Ctx) -> Expr {
        if let Some(ty) = self.var(w) {
            return mk(K::Var(w.to_string()), ty, span);
        }
        if let Some(ty) = self.param(w) {
            return mk(K::Param(w.to_string()), ty, span);
        }
        match ctx {
            Ctx::Pollutant => self.pollutant(w, span),
            Ctx::TextOk => mk(K::Text(w.to_string()), Type::Text, span),
            Ctx::Value => {
                let names = self.names();
                let fallback = Some(t("check.unknown_name.help", &[("name", &w)]));
                let help = did_you_mean(w, names.iter().map(String::as_str), fallback);
                self.error(
                    "check.unknown_name",
                    t("check.unknown_name", &[("name", &w)]),
                    span,
                    help,
                );
                broken(span)
            }
        }
    }

    /// A pollutant by any registry name; unknown ones are reported with
    /// the closest registry name.
    pub fn pollutant(&mut self, name: &str, span: Span) -> Expr {
        match Pollutant::lookup(name) {
            Some(p) => mk(K::Pollutant(p), Type::Pollutant, span),
            None => {
                let help = Pollutant::suggest(name)
                    .map(|s| t("check.did_you_mean", &[("name", &s)]))
                    .unwrap_or_else(|| t("check.unknown_pollutant.help", &[]));
                self.error(
                    "check.unknown_pollutant",
                    t("check.unknown_pollutant", &[("name", &name)]),
                    span,
                    Some(help),
                );
                broken(span)
            }
        }
    }

    fn list(&mut self, items: &[ast::Expr], span: Span, ctx: Ctx) -> Expr {
        let inner = if ctx == Ctx::Value { Ctx::TextOk } else { ctx };
        let xs: Vec<Expr> = items.iter().map(|i| self.expr(i, inner)).collect();
        let mut ty = Type::Error;
        for x in &xs {
            if same_kind(&ty, &x.ty) {
                ty = join(&ty, &x.ty);
            } else {
                let msg = t(
                    "check.list_items",
                    &[("left", &type_words(&ty)), ("right", &words(x))],
                );
                self.error("check.list_items", msg, x.span, None);
            }
        }
        mk(K::List(xs), Type::List(Box::new(ty)), span)
    }

    fn range(&mut self, lo: &ast::Expr, hi: &ast::Expr, span: Span) -> Expr {
        let mut l = self.expr(lo, Ctx::Value);
        let h = self.expr(hi, Ctx::Value);
        // `0.5..1 mg/L`: a plain low bound takes the high bound's unit.
        if let (K::Number(v), K::Quantity(q)) = (&l.kind, &h.kind) {
            l = mk(
                K::Quantity(Quantity::new(*v, q.unit.clone())),
                h.ty.clone(),
                l.span,
            );
        }
        let ty = match (numeric(&l.ty), numeric(&h.ty)) {
            (Some(a), Some(b)) if super::types::compatible(a, b) => Type::Range(a.or(b)),
            _ => {
                let msg = t(
                    "check.range_bounds",
                    &[("left", &words(&l)), ("right", &words(&h))],
                );
                self.error("check.range_bounds", msg, l.span, None);
                Type::Error
            }
        };
        if let (Some(a), Some(b)) = (literal_quantity(&l), literal_quantity(&h))
            && a.cmp_exact(&b) == Ok(std::cmp::Ordering::Greater)
        {
            let range = self.snippet(span).to_string();
            self.error(
                "check.range_empty",
                t("check.range_empty", &[("range", &range)]),
                span,
                None,
            );
        }
        mk(K::Range(Box::new(l), Box::new(h)), ty, span)
    }

    fn field(&mut self, x: &ast::Expr, name: &Text, span: Span) -> Expr {
        let base = self.expr(x, Ctx::Value);
        let ty = match &base.ty {
            Type::Error => Type::Error,
            Type::Record(k) => schema::field_type(*k, &name.value).unwrap_or_else(|| {
                self.unknown_field(*k, name);
                Type::Error
            }),
            other => {
                let msg = t(
                    "check.no_fields",
                    &[("what", &type_words(other)), ("name", &name.value)],
                );
                self.error("check.no_fields", msg, name.span, None);
                Type::Error
            }
        };
        mk(K::Field(Box::new(base), name.value.clone()), ty, span)
    }

    fn unknown_field(&mut self, kind: RecordKind, name: &Text) {
        let fields: Vec<&str> = schema::fields(kind).into_iter().map(|(n, _)| n).collect();
        let record = super::types::record_name(kind);
        let all = t(
            "check.unknown_field.help",
            &[("record", &record), ("fields", &fields.join(", "))],
        );
        let help = did_you_mean(&name.value, fields.iter().copied(), Some(all));
        let msg = t(
            "check.unknown_field",
            &[("record", &record), ("name", &name.value)],
        );
        self.error("check.unknown_field", msg, name.span, help);
    }

    fn index(&mut self, x: &ast::Expr, i: &ast::Expr, span: Span) -> Expr {
        let base = self.expr(x, Ctx::Value);
        let key = self.expr(i, Ctx::Pollutant);
        if !matches!(key.ty, Type::Pollutant | Type::Error) {
            let msg = t("check.index_not_pollutant", &[("found", &words(&key))]);
            self.error("check.index_not_pollutant", msg, key.span, None);
        }
        let ty = match &base.ty {
            Type::Error => Some(Type::Error),
            Type::PollutantMap(v) => Some((**v).clone()),
            Type::Record(k) => schema::index_type(*k),
            _ => None,
        };
        let ty = ty.unwrap_or_else(|| {
            self.report("check.not_indexable", &[("what", &words(&base))], base.span);
            Type::Error
        });
        mk(K::Index(Box::new(base), Box::new(key)), ty, span)
    }

    fn per_year(&mut self, x: &ast::Expr, span: Span) -> Expr {
        let v = self.expr(x, Ctx::Value);
        let ty = match &v.ty {
            Type::Error => Type::Error,
            Type::Quantity(None) | Type::Measurement(None) => Type::Quantity(None),
            Type::Quantity(Some(d)) | Type::Measurement(Some(d))
                if !is_rate(*d) && *d != Dim::NONE =>
            {
                Type::Quantity(Some(d.per(year_dim())))
            }
            other => {
                let key = match other {
                    Type::Quantity(Some(d)) | Type::Measurement(Some(d)) if is_rate(*d) => {
                        "check.per_year_rate"
                    }
                    _ => "check.per_year_amount",
                };
                self.error(
                    key,
                    t(key, &[("found", &words(&v))]),
                    v.span,
                    Some(t("check.per_year.help", &[])),
                );
                Type::Error
            }
        };
        mk(K::PerYear(Box::new(v)), ty, span)
    }

    fn if_expr(
        &mut self,
        c: &ast::Expr,
        a: &ast::Expr,
        b: &ast::Expr,
        span: Span,
        ctx: Ctx,
    ) -> Expr {
        let cond = self.condition(c);
        let branch = if ctx == Ctx::Value { Ctx::TextOk } else { ctx };
        let then = self.expr(a, branch);
        let other = self.expr(b, branch);
        if !same_kind(&then.ty, &other.ty) {
            let msg = t(
                "check.if_branches",
                &[("left", &words(&then)), ("right", &words(&other))],
            );
            let d = crate::values::Diagnostic::error("check.if_branches", msg, Some(then.span))
                .with_related(other.span, words(&other));
            self.push(d);
        }
        let ty = join(&then.ty, &other.ty);
        mk(
            K::If(Box::new(cond), Box::new(then), Box::new(other)),
            ty,
            span,
        )
    }
}
