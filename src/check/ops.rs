//! Operators: logic, comparison, membership, text prefix and arithmetic,
//! with the dimension rules (comparing or adding different dimensions is a
//! rule-file error that points at both operands).

use super::expr::{Ctx, mk};
use super::ir::{Expr, ExprKind as K, RecordKind, Type};
use super::schema;
use super::scope::{Checker, did_you_mean};
use super::types::{compatible, numeric, same_kind, type_words, words};
use crate::messages::t;
use crate::syntax::ast::{self, BinOp as B, ExprKind as A, UnOp};
use crate::values::{Diagnostic, Pollutant, Span};

fn node(op: B, a: Expr, b: Expr, ty: Type, span: Span) -> Expr {
    mk(K::Binary(op, Box::new(a), Box::new(b)), ty, span)
}

impl Checker<'_> {
    /// A binary operation.
    pub fn binary(&mut self, op: B, l: &ast::Expr, r: &ast::Expr, span: Span) -> Expr {
        if op == B::Sub
            && let Some(p) = self.hyphenated_pollutant(l, r, span)
        {
            return p;
        }
        match op {
            B::And | B::Or => {
                let a = self.condition(l);
                let b = self.condition(r);
                node(op, a, b, Type::Bool, span)
            }
            B::Add | B::Sub | B::Mul | B::Div => self.arithmetic(op, l, r, span),
            B::In | B::NotIn => self.membership(op, l, r, span),
            B::StartsWith => {
                let (a, b) = self.operands(l, r);
                let text = |ty: &Type| matches!(ty, Type::Text | Type::Error);
                // The right side may be a list of prefixes (`e.industry
                // starts with negative_list`): true when any one matches.
                let prefixes = match &b.ty {
                    Type::List(item) => text(item),
                    ty => text(ty),
                };
                if !text(&a.ty) || !prefixes {
                    let (left, right) = (words(&a), words(&b));
                    self.report(
                        "check.starts_with",
                        &[("left", &left), ("right", &right)],
                        if text(&a.ty) { b.span } else { a.span },
                    );
                }
                node(op, a, b, Type::Bool, span)
            }
            B::Eq | B::Ne | B::Lt | B::Le | B::Gt | B::Ge => self.comparison(op, l, r, span),
        }
    }

    /// A prefix operation.
    pub fn unary(&mut self, op: UnOp, x: &ast::Expr, span: Span) -> Expr {
        match op {
            UnOp::Not => {
                let v = self.condition(x);
                mk(K::Not(Box::new(v)), Type::Bool, span)
            }
            UnOp::Exists => {
                let v = self.expr(x, Ctx::Value);
                mk(K::Exists(Box::new(v)), Type::Bool, span)
            }
            UnOp::Neg => {
                let v = self.expr(x, Ctx::Value);
                let ty = match &v.ty {
                    Type::Number => Type::Number,
                    Type::Quantity(d) | Type::Measurement(d) => Type::Quantity(*d),
                    Type::Error => Type::Error,
                    _ => {
                        self.not_number(&v);
                        Type::Error
                    }
                };
                mk(K::Neg(Box::new(v)), ty, span)
            }
        }
    }

    /// `NH3-N` outside a list or index parses as `NH3 - N`; when neither
    /// side is a name in scope and the text is a pollutant, it is one.
    fn hyphenated_pollutant(&self, l: &ast::Expr, r: &ast::Expr, span: Span) -> Option<Expr> {
        let (A::Word(a), A::Word(b)) = (&l.kind, &r.kind) else {
            return None;
        };
        let known = |w: &str| self.var(w).is_some() || self.param(w).is_some();
        let text = self.snippet(span);
        if known(a) || known(b) || text.chars().any(char::is_whitespace) {
            return None;
        }
        Pollutant::lookup(text).map(|p| mk(K::Pollutant(p), Type::Pollutant, span))
    }

    /// Both sides of a comparison or membership test. Bare words and
    /// strings are read as pollutants when the other side is a pollutant
    /// (or a collection of them), and a bare word beside a non-text value
    /// is reported as an unknown name.
    fn operands(&mut self, l: &ast::Expr, r: &ast::Expr) -> (Expr, Expr) {
        let a = self.expr(l, Ctx::TextOk);
        let rctx = if a.ty == Type::Pollutant {
            Ctx::Pollutant
        } else {
            Ctx::TextOk
        };
        let b = self.expr(r, rctx);
        let a = self.retype(l, a, &b.ty);
        let b = self.retype(r, b, &a.ty);
        (a, b)
    }

    fn retype(&mut self, ast: &ast::Expr, x: Expr, other: &Type) -> Expr {
        if !matches!(x.kind, K::Text(_)) {
            return x;
        }
        let wants_pollutant = match other {
            Type::Pollutant | Type::PollutantMap(_) | Type::Record(RecordKind::Sample) => true,
            Type::List(item) => **item == Type::Pollutant,
            _ => false,
        };
        match (&ast.kind, other) {
            (A::Word(_) | A::Str(_), _) if wants_pollutant => self.expr(ast, Ctx::Pollutant),
            (A::Word(_), Type::Text | Type::Error | Type::List(_)) => x,
            (A::Word(_), _) => self.expr(ast, Ctx::Value),
            _ => x,
        }
    }

    /// The field and closed word list an expression's text comes from: a
    /// field such as `e.status` or `e.categories`, or a variable ranging
    /// over one.
    pub(super) fn domain_of<'e>(
        &'e self,
        x: &'e Expr,
    ) -> Option<(&'e str, &'static [&'static str])> {
        match &x.kind {
            K::Field(base, name) => match base.ty {
                Type::Record(kind) => schema::domain(kind, name).map(|w| (name.as_str(), w)),
                _ => None,
            },
            K::Var(name) => self.var_domain(name),
            _ => None,
        }
    }

    /// Reports each word written beside `x` that is not in `x`'s closed
    /// list (`e.status == aplicant`), with "did you mean".
    fn words_of(&mut self, x: &Expr, other: &Expr) {
        let Some((field, words)) = self.domain_of(x) else {
            return;
        };
        let field = field.to_string();
        let literals: Vec<(&str, Span)> = match &other.kind {
            K::Text(s) => vec![(s.as_str(), other.span)],
            K::List(items) => items
                .iter()
                .filter_map(|i| match &i.kind {
                    K::Text(s) => Some((s.as_str(), i.span)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let bad: Vec<(String, Span)> = literals
            .into_iter()
            .filter(|(s, _)| !words.contains(s))
            .map(|(s, sp)| (s.to_string(), sp))
            .collect();
        for (word, at) in bad {
            let help = did_you_mean(
                &word,
                words.iter().copied(),
                Some(t("check.word.help", &[])),
            );
            let msg = t(
                "check.word",
                &[
                    ("word", &word),
                    ("field", &field),
                    ("words", &words.join(", ")),
                ],
            );
            self.error("check.word", msg, at, help);
        }
    }

    fn comparison(&mut self, op: B, l: &ast::Expr, r: &ast::Expr, span: Span) -> Expr {
        let (a, b) = self.operands(l, r);
        self.words_of(&a, &b);
        self.words_of(&b, &a);
        let ordered = !matches!(op, B::Eq | B::Ne);
        let (ok, dims) = match (numeric(&a.ty), numeric(&b.ty)) {
            (Some(x), Some(y)) => (compatible(x, y), true),
            _ => {
                let orderable = |ty: &Type| matches!(ty, Type::Date | Type::Error);
                (
                    same_kind(&a.ty, &b.ty) && (!ordered || (orderable(&a.ty) && orderable(&b.ty))),
                    false,
                )
            }
        };
        if !ok {
            let help = if dims {
                "check.compare_dims.help"
            } else {
                "check.compare.help"
            };
            self.mismatch("check.compare", &a, &b, help);
        }
        node(op, a, b, Type::Bool, span)
    }

    fn membership(&mut self, op: B, l: &ast::Expr, r: &ast::Expr, span: Span) -> Expr {
        let (a, b) = self.operands(l, r);
        self.words_of(&a, &b);
        self.words_of(&b, &a);
        let items = match &b.ty {
            Type::List(item) => Some((**item).clone()),
            Type::Range(d) => Some(Type::Quantity(*d)),
            Type::PollutantMap(_) | Type::Record(RecordKind::Sample) => Some(Type::Pollutant),
            Type::Error => Some(Type::Error),
            _ => None,
        };
        match items {
            None => {
                self.report("check.in_rhs", &[("found", &words(&b))], b.span);
            }
            Some(item) if !same_kind(&a.ty, &item) => {
                let right = self.snippet(b.span).to_string();
                let msg = t(
                    "check.in_items",
                    &[
                        ("left", &words(&a)),
                        ("right", &right),
                        ("items", &type_words(&item)),
                    ],
                );
                let d = Diagnostic::error("check.in_items", msg, Some(a.span))
                    .with_related(b.span, type_words(&item));
                self.push(d);
            }
            Some(_) => {}
        }
        node(op, a, b, Type::Bool, span)
    }

    fn arithmetic(&mut self, op: B, l: &ast::Expr, r: &ast::Expr, span: Span) -> Expr {
        let a = self.expr(l, Ctx::Value);
        let b = self.expr(r, Ctx::Value);
        let (Some(da), Some(db)) = (numeric(&a.ty), numeric(&b.ty)) else {
            let bad = if numeric(&a.ty).is_none() { &a } else { &b };
            self.not_number(bad);
            return node(op, a, b, Type::Error, span);
        };
        let ty = if matches!(a.ty, Type::Error) || matches!(b.ty, Type::Error) {
            Type::Error
        } else if a.ty == Type::Number && b.ty == Type::Number {
            Type::Number
        } else {
            match op {
                B::Add | B::Sub if !compatible(da, db) => {
                    let key = if op == B::Add {
                        "check.add"
                    } else {
                        "check.subtract"
                    };
                    self.mismatch(key, &a, &b, "check.arith.help");
                    Type::Error
                }
                B::Add | B::Sub => Type::Quantity(da.or(db)),
                _ => Type::Quantity(match (da, db) {
                    (Some(x), Some(y)) if op == B::Mul => Some(x.times(y)),
                    (Some(x), Some(y)) => Some(x.per(y)),
                    _ => None,
                }),
            }
        };
        node(op, a, b, ty, span)
    }

    /// "cannot compare X with Y": primary label at the left operand,
    /// related label at the right one, both naming their units.
    fn mismatch(&mut self, key: &'static str, a: &Expr, b: &Expr, help: &str) {
        let (left, right) = (words(a), words(b));
        let msg = t(key, &[("left", &left), ("right", &right)]);
        let d = Diagnostic::error(key, msg, Some(a.span))
            .with_label(left)
            .with_related(b.span, right)
            .with_help(t(help, &[]));
        self.push(d);
    }

    fn not_number(&mut self, x: &Expr) {
        let msg = t("check.not_number", &[("found", &words(x))]);
        self.error("check.not_number", msg, x.span, None);
    }
}
