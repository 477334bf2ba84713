//! pest pairs -> syntax tree: expressions and limit tables.

use super::ast::*;
use super::build::{Broken, Builder, Built, Pair};
use super::parser::{PRECEDENCE_LEVELS, Rule as R};
use crate::values::Spanned;

fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

fn binary(op: BinOp, l: Expr, r: Expr) -> Expr {
    let span = l.span.to(r.span);
    Expr {
        kind: ExprKind::Binary(op, boxed(l), boxed(r)),
        span,
    }
}

fn op_of(p: &Pair<'_>) -> Option<BinOp> {
    Some(match (p.as_rule(), p.as_str()) {
        (R::op_in, _) => BinOp::In,
        (R::op_not_in, _) => BinOp::NotIn,
        (R::op_starts_with, _) => BinOp::StartsWith,
        (_, "+") => BinOp::Add,
        (_, "-") => BinOp::Sub,
        (_, "*") => BinOp::Mul,
        (_, "/") => BinOp::Div,
        (_, "==") => BinOp::Eq,
        (_, "!=") => BinOp::Ne,
        (_, "<") => BinOp::Lt,
        (_, "<=") => BinOp::Le,
        (_, ">") => BinOp::Gt,
        (_, ">=") => BinOp::Ge,
        _ => return None,
    })
}

/// The deepest expression tree built (the checker and the evaluator
/// recurse as deep). Operator chains (`a + b + c`) and postfix chains
/// (`x.a.b`) count one level per operator.
const MAX_DEPTH: usize = 100;

/// Descends through precedence levels that hold a single child (`x` alone
/// is an `or_expr` of an `and_expr` of ... of a `postfix`), without
/// recursion, so parentheses cost no depth.
fn unwrap_single(mut p: Pair<'_>) -> Pair<'_> {
    loop {
        let mut kids = p.clone().into_inner();
        let (Some(only), None) = (kids.next(), kids.next()) else {
            return p;
        };
        if !PRECEDENCE_LEVELS.contains(&p.as_rule()) {
            return p;
        }
        p = only;
    }
}

impl Builder {
    /// Any expression-level pair; nesting deeper than [`MAX_DEPTH`] is an
    /// error.
    pub(super) fn expr(&self, p: Pair<'_>) -> Built<Expr> {
        let p = unwrap_single(p);
        self.deeper(&p, 1, |b| b.node(p.clone()))
    }

    /// Runs `f` `levels` deeper, or fails past [`MAX_DEPTH`].
    fn deeper<T>(
        &self,
        p: &Pair<'_>,
        levels: usize,
        f: impl FnOnce(&Self) -> Built<T>,
    ) -> Built<T> {
        let depth = self.depth.get();
        if depth + levels > MAX_DEPTH {
            return Err(Broken::TooDeep(self.span(p)));
        }
        self.depth.set(depth + levels);
        let out = f(self);
        self.depth.set(depth);
        out
    }

    fn node(&self, p: Pair<'_>) -> Built<Expr> {
        let span = self.span(&p);
        let which = p.as_rule();
        let parts = self.parts(p.clone());
        let kind = match which {
            R::or_expr | R::and_expr => {
                let op = if which == R::or_expr {
                    BinOp::Or
                } else {
                    BinOp::And
                };
                return self.fold(&p, parts, |_| Some(op));
            }
            R::comparison | R::additive | R::term => return self.fold(&p, parts, op_of),
            // `not x`: the keyword was dropped, the operand is left.
            R::not_expr => {
                // The pair runs on over the whitespace after its operand;
                // the expression ends where the operand does.
                let x = self.expr(self.nth(&p, &parts, 0)?)?;
                let span = crate::values::Span {
                    end: x.span.end,
                    ..span
                };
                return Ok(Expr {
                    kind: ExprKind::Unary(UnOp::Not, boxed(x)),
                    span,
                });
            }
            R::range_expr => {
                let lo = self.expr(self.nth(&p, &parts, 0)?)?;
                let hi = self.expr(self.nth(&p, &parts, 1)?)?;
                ExprKind::Range(boxed(lo), boxed(hi))
            }
            R::unary => return self.unary(p),
            R::postfix => return self.postfix(&p, parts),
            R::if_expr => ExprKind::If(
                boxed(self.expr(self.nth(&p, &parts, 0)?)?),
                boxed(self.expr(self.nth(&p, &parts, 1)?)?),
                boxed(self.expr(self.nth(&p, &parts, 2)?)?),
            ),
            R::aggregate => return self.aggregate(&p, parts),
            R::call => {
                let name = self.text(&self.nth(&p, &parts, 0)?);
                let args = parts
                    .into_iter()
                    .skip(1)
                    .map(|a| self.expr(a))
                    .collect::<Built<_>>()?;
                ExprKind::Call(name, args)
            }
            R::list => ExprKind::List(
                parts
                    .into_iter()
                    .map(|a| self.expr(a))
                    .collect::<Built<_>>()?,
            ),
            R::date => ExprKind::Date(p.as_str().to_string()),
            R::quantity => ExprKind::Number(self.number_lit(&p, parts)?),
            R::string => ExprKind::Str(self.string(&p).value),
            R::boolean => ExprKind::Bool(p.as_str() == "true"),
            R::ident | R::pollutant_word => ExprKind::Word(p.as_str().to_string()),
            _ => return Err(self.broken(&p)),
        };
        Ok(Expr { kind, span })
    }

    /// `a op b op c ...` folded to the left; `op_for` maps operator pairs
    /// (for `and`/`or` the keywords are dropped, so operands are adjacent).
    fn fold(
        &self,
        p: &Pair<'_>,
        parts: Vec<Pair<'_>>,
        op_for: impl Fn(&Pair<'_>) -> Option<BinOp>,
    ) -> Built<Expr> {
        self.deeper(p, parts.len() / 2, |b| b.fold_chain(p, parts, op_for))
    }

    fn fold_chain(
        &self,
        p: &Pair<'_>,
        parts: Vec<Pair<'_>>,
        op_for: impl Fn(&Pair<'_>) -> Option<BinOp>,
    ) -> Built<Expr> {
        let mut it = parts.into_iter();
        let mut acc = self.expr(it.next().ok_or_else(|| self.broken(p))?)?;
        let is_op = |q: &Pair<'_>| {
            matches!(
                q.as_rule(),
                R::op_cmp | R::op_in | R::op_not_in | R::op_starts_with | R::op_add | R::op_mul
            )
        };
        while let Some(next) = it.next() {
            let (op, rhs) = if is_op(&next) {
                (op_for(&next), it.next().ok_or_else(|| self.broken(p))?)
            } else {
                (op_for(&next), next)
            };
            let op = op.ok_or_else(|| self.broken(p))?;
            acc = binary(op, acc, self.expr(rhs)?);
        }
        Ok(acc)
    }

    fn unary(&self, p: Pair<'_>) -> Built<Expr> {
        let span = self.span(&p);
        let kids: Vec<Pair<'_>> = p.clone().into_inner().collect();
        let first = self.nth(&p, &kids, 0)?;
        let op = match first.as_rule() {
            R::op_neg => UnOp::Neg,
            R::kw_exists => UnOp::Exists,
            _ => return self.expr(first),
        };
        let x = self.expr(self.nth(&p, &kids, 1)?)?;
        Ok(Expr {
            kind: ExprKind::Unary(op, boxed(x)),
            span,
        })
    }

    fn postfix(&self, p: &Pair<'_>, parts: Vec<Pair<'_>>) -> Built<Expr> {
        self.deeper(p, parts.len(), |b| b.postfix_chain(p, parts))
    }

    fn postfix_chain(&self, p: &Pair<'_>, parts: Vec<Pair<'_>>) -> Built<Expr> {
        let mut it = parts.into_iter();
        let mut acc = self.expr(it.next().ok_or_else(|| self.broken(p))?)?;
        for op in it {
            let span = acc.span.to(self.span(&op));
            let inner = self.parts(op.clone());
            let kind = match op.as_rule() {
                R::field => ExprKind::Field(boxed(acc), self.text(&self.nth(&op, &inner, 0)?)),
                R::index => {
                    ExprKind::Index(boxed(acc), boxed(self.expr(self.nth(&op, &inner, 0)?)?))
                }
                _ => ExprKind::PerYear(boxed(acc)),
            };
            acc = Expr { kind, span };
        }
        Ok(acc)
    }

    fn aggregate(&self, p: &Pair<'_>, parts: Vec<Pair<'_>>) -> Built<Expr> {
        let span = self.span(p);
        let op = self.text(&self.nth(p, &parts, 0)?);
        let form = self.nth(p, &parts, 1)?;
        let mut f = self.parts(form.clone()).into_iter();
        let body = if form.as_rule() == R::agg_long {
            Some(boxed(
                self.expr(f.next().ok_or_else(|| self.broken(&form))?)?,
            ))
        } else {
            None
        };
        let var = self.text(&f.next().ok_or_else(|| self.broken(&form))?);
        let source = boxed(self.expr(f.next().ok_or_else(|| self.broken(&form))?)?);
        let filter = f.next().map(|e| self.expr(e)).transpose()?.map(boxed);
        Ok(Expr {
            kind: ExprKind::Aggregate {
                op,
                body,
                var,
                source,
                filter,
            },
            span,
        })
    }

    /// A `quantity` or `cell_value` pair: number text and optional unit.
    fn number_lit(&self, p: &Pair<'_>, parts: Vec<Pair<'_>>) -> Built<NumberLit> {
        Ok(NumberLit {
            number: self.text(&self.nth(p, &parts, 0)?),
            unit: parts.get(1).map(|u| self.text(u)),
        })
    }

    /// A `table` pair.
    pub(super) fn table(&self, p: Pair<'_>) -> Built<Table> {
        let span = self.span(&p);
        let parts = self.parts(p.clone());
        let header = self.nth(&p, &parts, 0)?;
        let mut columns = Vec::new();
        for c in self
            .parts(header)
            .into_iter()
            .filter(|c| c.as_rule() == R::column_name)
        {
            columns.push(self.name_cell(&c)?);
        }
        let rows = parts
            .into_iter()
            .skip(1)
            .map(|r| self.row(r))
            .collect::<Built<_>>()?;
        Ok(Table {
            columns,
            rows,
            span,
        })
    }

    /// A `column_name` or `row_pollutant`: quoted or bare text.
    fn name_cell(&self, p: &Pair<'_>) -> Built<Text> {
        let inner = p
            .clone()
            .into_inner()
            .next()
            .ok_or_else(|| self.broken(p))?;
        Ok(match inner.as_rule() {
            R::string => self.string(&inner),
            _ => self.text(&inner),
        })
    }

    fn row(&self, p: Pair<'_>) -> Built<Row> {
        let span = self.span(&p);
        let parts = self.parts(p.clone());
        let mut row = Row {
            pollutant: self.name_cell(&self.nth(&p, &parts, 0)?)?,
            when: None,
            cells: Vec::new(),
            provisional: false,
            span,
        };
        for part in parts.into_iter().skip(1) {
            match part.as_rule() {
                R::row_when => {
                    let w = self.nth(&part, &self.parts(part.clone()), 0)?;
                    if w.as_rule() == R::row_condition {
                        row.when = Some(self.expr(self.nth(&w, &self.parts(w.clone()), 0)?)?);
                    }
                }
                R::cell => row.cells.push(self.cell(&part)?),
                _ => row.provisional = true,
            }
        }
        Ok(row)
    }

    fn cell(&self, p: &Pair<'_>) -> Built<Spanned<Cell>> {
        let inner = p
            .clone()
            .into_inner()
            .next()
            .ok_or_else(|| self.broken(p))?;
        let parts = self.parts(inner.clone());
        let cell = match inner.as_rule() {
            R::no_limit => Cell::NoLimit,
            R::cell_value => Cell::Max(self.number_lit(&inner, parts)?),
            _ => {
                let lo = self.nth(&inner, &parts, 0)?;
                let hi = self.nth(&inner, &parts, 1)?;
                let (lp, hp) = (self.parts(lo.clone()), self.parts(hi.clone()));
                Cell::Range(self.number_lit(&lo, lp)?, self.number_lit(&hi, hp)?)
            }
        };
        Ok(Spanned::new(cell, self.span(p)))
    }
}
