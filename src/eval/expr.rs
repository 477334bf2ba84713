//! Expression evaluation over the filing. Total: every expression yields a
//! value; what the filing lacks is [`Value::Missing`], never zero.

use super::ops::{binary, compare, truth};
use super::record::{Records, annual_limit_value};
use super::value::{Amount, Part, Rec, Value};
use crate::check::ir::{Aggregate, BinOp, Builtin, Expr, ExprKind, Param, RuleSet};
use crate::values::Pollutant;
use crate::values::{Quantity, Unit};
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::HashMap;

/// Three-valued truth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Truth {
    /// Holds.
    True,
    /// Does not hold.
    False,
    /// Cannot be decided: what is missing.
    Unknown(Vec<String>),
}

/// Evaluation environment: the filing, bound variables, parameters, the
/// reference date for dated parameters.
pub struct Env<'f, 'r> {
    /// The filing's records.
    pub records: Records<'f>,
    /// Bound variables, innermost last.
    pub vars: Vec<(String, Value<'f>)>,
    /// The rule set's parameters.
    pub params: &'r [Param],
    /// All rule sets of the run (for `standard_limit`).
    pub rulesets: &'r [RuleSet],
    /// Reference date (dated parameters).
    pub ref_date: Date,
    /// The date the check is made (`--as-of`): decides what is due yet.
    pub as_of: Date,
    /// Set when a provisional parameter was read.
    pub provisional: Cell<bool>,
    /// `standard_limit` answers already computed for this subject:
    /// (table, enterprise index, outlet index, pollutant) -> (value, provisional).
    pub standard_limits: HashMap<(String, usize, usize, Pollutant), (Value<'f>, bool)>,
}

impl<'f> Env<'f, '_> {
    /// Binds `name` for the duration of `f`.
    pub fn with<T>(&mut self, name: &str, v: Value<'f>, f: impl FnOnce(&mut Self) -> T) -> T {
        self.vars.push((name.to_string(), v));
        let out = f(self);
        self.vars.pop();
        out
    }

    fn var(&self, name: &str) -> Value<'f> {
        match self.vars.iter().rev().find(|(n, _)| n == name) {
            Some((_, v)) => v.clone(),
            None if name == "park" => Value::Rec(Rec::Park),
            None => Value::missing(format!("variable `{name}`")),
        }
    }

    /// Evaluates an expression.
    pub fn eval(&mut self, e: &Expr) -> Value<'f> {
        match &e.kind {
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Number(n) => Value::Num(*n),
            ExprKind::Quantity(q) => Value::qty(q.clone(), None),
            ExprKind::Text(t) => Value::Text(t.clone(), None),
            ExprKind::Date(d) => Value::Date(*d, None),
            ExprKind::Pollutant(p) => Value::Pollutant(*p),
            ExprKind::Range(a, b) => Value::Range(Box::new(self.eval(a)), Box::new(self.eval(b))),
            ExprKind::List(items) => Value::List(items.iter().map(|i| self.eval(i)).collect()),
            ExprKind::Var(name) => self.var(name),
            ExprKind::Param(name) => self.param(name),
            ExprKind::Field(x, name) => match self.eval(x) {
                Value::Rec(r) => self.records.field(r, name),
                Value::Missing(m) => Value::Missing(m),
                other => Value::missing(format!("field `{name}` of {}", other.show())),
            },
            ExprKind::Index(x, k) => {
                let (x, k) = (self.eval(x), self.eval(k));
                self.index(x, k)
            }
            ExprKind::Binary(op, a, b) => {
                let a = self.eval(a);
                match op {
                    BinOp::And | BinOp::Or => self.logic(*op, a, b),
                    _ => {
                        let b = self.eval(b);
                        binary(*op, a, b)
                    }
                }
            }
            ExprKind::Not(x) => match truth(&self.eval(x)) {
                Truth::True => Value::Bool(false),
                Truth::False => Value::Bool(true),
                Truth::Unknown(m) => Value::Missing(m),
            },
            ExprKind::Neg(x) => match self.eval(x) {
                Value::Num(n) => Value::Num(-n),
                Value::Qty(mut a) => {
                    a.q.value = -a.q.value;
                    Value::Qty(a)
                }
                other => other,
            },
            ExprKind::Exists(x) => Value::Bool(self.present(x)),
            ExprKind::If(c, a, b) => match truth(&self.eval(c)) {
                Truth::True => self.eval(a),
                Truth::False => self.eval(b),
                Truth::Unknown(m) => Value::Missing(m),
            },
            ExprKind::PerYear(x) => match self.eval(x) {
                Value::Qty(mut a) => {
                    let year = year_unit();
                    a.q.unit = a.q.unit.div(&year);
                    for p in a.parts.iter_mut().filter(|p| p.what == "share") {
                        p.amount.unit = p.amount.unit.div(&year);
                    }
                    Value::Qty(a)
                }
                other => other,
            },
            ExprKind::Aggregate {
                op,
                body,
                var,
                source,
                filter,
            } => {
                let items = self.eval(source);
                self.aggregate(*op, body, var, items, filter.as_deref())
            }
            ExprKind::Call(Builtin::First, args) => match args.iter().find(|a| self.present(a)) {
                Some(a) => self.eval(a),
                None => {
                    let args: Vec<Value<'f>> = args.iter().map(|a| self.eval(a)).collect();
                    self.call(Builtin::First, args)
                }
            },
            ExprKind::Call(f, args) => {
                let args: Vec<Value<'f>> = args.iter().map(|a| self.eval(a)).collect();
                self.call(*f, args)
            }
        }
    }

    /// True when `e` has a value, decided without describing what is
    /// missing (no text is built for the common "is it there?" probes).
    pub fn present(&mut self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Field(x, name) => match self.eval(x) {
                Value::Rec(r) => self.records.has(r, name),
                _ => false,
            },
            ExprKind::Index(x, k) => match (self.eval(x), self.eval(k)) {
                (Value::Map(items), Value::Pollutant(p)) => items.iter().any(|(q, _)| *q == p),
                (Value::Rec(Rec::Sample(i, j, s)), Value::Pollutant(p)) => self
                    .records
                    .sample(i, j, s)
                    .is_some_and(|s| s.values.iter().any(|(q, _)| q.value == p)),
                _ => false,
            },
            _ => !matches!(self.eval(e), Value::Missing(_)),
        }
    }

    /// Evaluates to a truth value.
    pub fn truth(&mut self, e: &Expr) -> Truth {
        truth(&self.eval(e))
    }

    fn param(&mut self, name: &str) -> Value<'f> {
        let Some(p) = self.params.iter().find(|p| p.name.value == name) else {
            return Value::missing(format!("parameter `{name}`"));
        };
        let chosen = p
            .values
            .iter()
            .filter(|(from, _)| from.is_none_or(|d| d <= self.ref_date))
            .max_by_key(|(from, _)| *from);
        match chosen {
            Some((_, e)) => {
                if p.provisional {
                    self.provisional.set(true);
                }
                self.eval(e)
            }
            None => Value::missing(format!(
                "parameter `{name}` on {} (no value in force)",
                self.ref_date
            )),
        }
    }

    fn index(&self, x: Value<'f>, k: Value<'f>) -> Value<'f> {
        match (x, k) {
            (Value::Missing(m), _) | (_, Value::Missing(m)) => Value::Missing(m),
            (Value::Map(items), Value::Pollutant(p)) => items
                .into_iter()
                .find(|(key, _)| *key == p)
                .map_or_else(|| Value::missing(format!("{p} in the map")), |(_, v)| v),
            (Value::Rec(Rec::Sample(i, j, s)), Value::Pollutant(p)) => {
                self.records.sample_value(i, j, s, p)
            }
            (x, k) => Value::missing(format!("{}[{}]", x.show(), k.show())),
        }
    }

    fn logic(&mut self, op: BinOp, a: Value<'f>, b: &Expr) -> Value<'f> {
        let ta = truth(&a);
        match (op, &ta) {
            (BinOp::And, Truth::False) => return Value::Bool(false),
            (BinOp::Or, Truth::True) => return Value::Bool(true),
            _ => {}
        }
        let tb = self.truth(b);
        match (op, ta, tb) {
            (BinOp::And, _, Truth::False) => Value::Bool(false),
            (BinOp::Or, _, Truth::True) => Value::Bool(true),
            (_, Truth::Unknown(mut m), Truth::Unknown(n)) => {
                m.extend(n);
                Value::Missing(m)
            }
            (_, Truth::Unknown(m), _) | (_, _, Truth::Unknown(m)) => Value::Missing(m),
            (BinOp::And, _, _) => Value::Bool(true),
            _ => Value::Bool(false),
        }
    }

    /// Items of a collection value: list items, pollutant-map keys, a
    /// sample's pollutants. Errors say what is missing.
    pub fn collection(&self, v: Value<'f>) -> Result<Vec<Value<'f>>, Vec<String>> {
        match v {
            Value::List(items) => Ok(items),
            Value::Map(items) => Ok(items
                .into_iter()
                .map(|(p, _)| Value::Pollutant(p))
                .collect()),
            Value::Rec(Rec::Sample(i, j, k)) => Ok(self
                .records
                .sample(i, j, k)
                .map(|s| {
                    s.values
                        .iter()
                        .map(|(p, _)| Value::Pollutant(p.value))
                        .collect()
                })
                .unwrap_or_default()),
            Value::Missing(m) => Err(m),
            other => Err(vec![format!("a collection, found {}", other.show())]),
        }
    }

    fn aggregate(
        &mut self,
        op: Aggregate,
        body: &Expr,
        var: &str,
        items: Value<'f>,
        filter: Option<&Expr>,
    ) -> Value<'f> {
        let items = match self.collection(items) {
            Ok(items) => items,
            Err(m) => return Value::Missing(m),
        };
        let mut values = Vec::new();
        let mut missing = Vec::new();
        for item in items {
            let rec = if let Value::Rec(r) = item {
                Some(r)
            } else {
                None
            };
            let (keep, v) = self.with(var, item, |env| {
                let keep = filter.map_or(Truth::True, |f| env.truth(f));
                let v = if keep == Truth::False {
                    None
                } else {
                    Some(env.eval(body))
                };
                (keep, v)
            });
            match (keep, v) {
                (Truth::False, _) | (_, None) => {}
                (Truth::Unknown(m), _) => missing.extend(m),
                (Truth::True, Some(Value::Missing(m))) => missing.extend(m),
                (Truth::True, Some(v)) => values.push((rec, v)),
            }
        }
        match op {
            Aggregate::Count if missing.is_empty() => Value::Num(Decimal::from(values.len())),
            Aggregate::Count => Value::Missing(missing),
            Aggregate::Sum => self.sum(values, missing),
            Aggregate::Min | Aggregate::Max | Aggregate::Mean if !missing.is_empty() => {
                Value::Missing(missing)
            }
            Aggregate::Min | Aggregate::Max => extreme(op, values),
            Aggregate::Mean => mean(values),
        }
    }

    fn sum(
        &self,
        values: Vec<(Option<Rec<'f>>, Value<'f>)>,
        mut missing: Vec<String>,
    ) -> Value<'f> {
        let mut total: Option<Amount> = None;
        for (rec, v) in values {
            let Value::Qty(a) = v else {
                if let Value::Num(n) = v {
                    let q = Quantity::new(n, Unit::one());
                    total = add_amount(total, Amount::at(q, None), None, &mut missing);
                }
                continue;
            };
            let part = rec.map(|r| Part {
                what: "share",
                subject_id: self.records.id(r),
                amount: a.q.clone(),
                span: a.span,
            });
            missing.extend(a.missing.iter().cloned());
            total = add_amount(total, a, part, &mut missing);
        }
        match total {
            Some(mut t) => {
                t.missing = missing;
                t.q.value = t.q.value.normalize();
                t.span = None;
                Value::Qty(t)
            }
            None if missing.is_empty() => Value::missing("any value to sum (no item reports it)"),
            None => Value::Missing(missing),
        }
    }

    fn call(&mut self, f: Builtin, args: Vec<Value<'f>>) -> Value<'f> {
        if let Some(Value::Missing(m)) = args.iter().find(|a| matches!(a, Value::Missing(_)))
            && f != Builtin::First
        {
            return Value::Missing(m.clone());
        }
        match (f, args.as_slice()) {
            (Builtin::Discharge, [Value::Rec(Rec::Enterprise(i)), Value::Pollutant(p)]) => {
                super::discharge::discharge(self.records, *i, *p)
            }
            (Builtin::RollingDischarge, [Value::Rec(Rec::Enterprise(i)), Value::Pollutant(p)]) => {
                super::discharge::rolling_discharge(self.records, *i, *p)
            }
            (Builtin::AnnualLimit, [Value::Rec(Rec::Enterprise(i)), Value::Pollutant(p)]) => {
                match self.records.enterprise(*i).and_then(|e| e.permit.as_ref()) {
                    Some(permit) => permit
                        .annual_limits
                        .iter()
                        .find(|(k, _)| k.value == *p)
                        .map_or_else(
                            || Value::missing(format!("permit annual limit of {p}")),
                            |(_, l)| annual_limit_value(l, self.records.year(), *p),
                        ),
                    None => Value::missing(format!(
                        "permit of {}",
                        self.records.id(Rec::Enterprise(*i))
                    )),
                }
            }
            (Builtin::Date, [Value::Num(y), Value::Num(m), Value::Num(d)]) => {
                let part = |n: &Decimal| i64::try_from(*n).ok();
                match (part(y), part(m), part(d)) {
                    (Some(y), Some(m), Some(d)) => i16::try_from(y)
                        .ok()
                        .zip(i8::try_from(m).ok())
                        .zip(i8::try_from(d).ok())
                        .and_then(|((y, m), d)| Date::new(y, m, d).ok())
                        .map_or_else(
                            || {
                                let written = format!("{y}-{m:02}-{d:02}");
                                Value::missing(crate::messages::t(
                                    "eval.missing.rule_date",
                                    &[("date", &written)],
                                ))
                            },
                            |d| Value::Date(d, None),
                        ),
                    _ => Value::missing("a valid date"),
                }
            }
            (Builtin::WorkingDaysAfter, [Value::Date(d, _), Value::Num(n)]) => {
                super::workdays::after(*d, *n)
            }
            (Builtin::Year, [Value::Date(d, _)]) => Value::Num(d.year().into()),
            (Builtin::Windows(scale), [Value::Rec(s)]) => self.records.windows(*s, scale, None),
            (Builtin::Windows(scale), [Value::Rec(s), Value::Num(n)]) => {
                match u32::try_from(*n).ok().filter(|_| n.fract().is_zero()) {
                    Some(n) => self.records.windows(*s, scale, Some(n)),
                    None => Value::missing(crate::messages::t(
                        "eval.missing.coverage_count",
                        &[("n", n)],
                    )),
                }
            }
            (Builtin::WorkingDaysBetween, [Value::Date(a, _), Value::Date(b, _)]) => {
                super::workdays::between(*a, *b)
            }
            (
                Builtin::StandardLimit,
                [
                    Value::Text(id, _),
                    Value::Rec(o @ Rec::Outlet(..)),
                    Value::Pollutant(p),
                ],
            ) => super::standard::standard_limit(self, id, *o, *p),
            (Builtin::First, args) => args
                .iter()
                .find(|a| !matches!(a, Value::Missing(_)))
                .cloned()
                .unwrap_or_else(|| {
                    Value::Missing(
                        args.iter()
                            .flat_map(|a| {
                                if let Value::Missing(m) = a {
                                    m.clone()
                                } else {
                                    vec![]
                                }
                            })
                            .collect(),
                    )
                }),
            _ => Value::missing("arguments of a built-in function"),
        }
    }
}

fn add_amount(
    total: Option<Amount>,
    a: Amount,
    part: Option<Part>,
    missing: &mut Vec<String>,
) -> Option<Amount> {
    let mut t = match total {
        None => Amount {
            q: a.q.clone(),
            span: None,
            parts: Vec::new(),
            missing: Vec::new(),
        },
        Some(mut t) => match t.q.add(&a.q) {
            Ok(q) => {
                t.q = q;
                t
            }
            Err(_) => {
                missing.push(format!("a sum of `{}` and `{}`", t.q.unit, a.q.unit));
                t
            }
        },
    };
    t.parts.extend(part);
    Some(t)
}

fn extreme<'f>(op: Aggregate, values: Vec<(Option<Rec<'f>>, Value<'f>)>) -> Value<'f> {
    let mut best: Option<Value<'f>> = None;
    for (_, v) in values {
        best = match best {
            None => Some(v),
            Some(b) => match compare(&v, &b) {
                Ok(ord)
                    if (op == Aggregate::Max && ord == Ordering::Greater)
                        || (op == Aggregate::Min && ord == Ordering::Less) =>
                {
                    Some(v)
                }
                Ok(_) => Some(b),
                Err(m) => return Value::Missing(vec![m]),
            },
        };
    }
    best.unwrap_or_else(|| Value::missing("any value (the collection is empty)"))
}

fn mean<'f>(values: Vec<(Option<Rec<'f>>, Value<'f>)>) -> Value<'f> {
    let n = values.len();
    let mut total: Option<Quantity> = None;
    for (_, v) in values {
        let q = match v {
            Value::Qty(a) => a.q,
            Value::Num(n) => Quantity::new(n, Unit::one()),
            other => return Value::missing(format!("a number, found {}", other.show())),
        };
        total = match total {
            None => Some(q),
            Some(t) => match t.add(&q) {
                Ok(s) => Some(s),
                Err(_) => return Value::missing("values in one dimension"),
            },
        };
    }
    match total {
        Some(mut t) => match t.value.checked_div(Decimal::from(n)) {
            Some(v) => {
                t.value = v;
                Value::qty(t, None)
            }
            None => Value::missing("a mean within range"),
        },
        None => Value::missing("any value (the collection is empty)"),
    }
}

/// The calendar year `a`, parsed once.
fn year_unit() -> Unit {
    static YEAR: std::sync::OnceLock<Unit> = std::sync::OnceLock::new();
    YEAR.get_or_init(|| Unit::parse("a").unwrap_or_else(|_| Unit::one()))
        .clone()
}
