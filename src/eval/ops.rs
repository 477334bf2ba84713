//! Operations on runtime values: three-valued truth, exact comparison
//! (with lower-bound semantics for partial sums), membership and
//! arithmetic. No filing access: these work on values alone.

use super::expr::Truth;
use super::value::Value;
use crate::check::ir::BinOp;
use crate::messages::t;
use crate::values::quantity::QuantityError;
use crate::values::{Dim, Quantity, Unit};
use std::cmp::Ordering;

/// Truth of a value: booleans; missing is unknown; anything else is unknown too.
pub fn truth(v: &Value<'_>) -> Truth {
    match v {
        Value::Bool(true) => Truth::True,
        Value::Bool(false) => Truth::False,
        Value::Missing(m) => Truth::Unknown(m.clone()),
        Value::Qty(a) if !a.missing.is_empty() => Truth::Unknown(a.missing.clone()),
        other => Truth::Unknown(vec![format!("a true/false value, found {}", other.show())]),
    }
}

/// Orders two present values. Errors say why they cannot be compared.
pub fn compare(a: &Value<'_>, b: &Value<'_>) -> Result<Ordering, String> {
    let as_qty = |v: &Value<'_>| match v {
        Value::Qty(x) => Some(x.q.clone()),
        Value::Num(n) => Some(Quantity::new(*n, Unit::one())),
        _ => None,
    };
    match (a, b) {
        (Value::NotDetected(lim, _), _) | (_, Value::NotDetected(lim, _)) => Err(match lim {
            Some(q) => format!("a detected value (reported as not detected, detection limit {q})"),
            None => "a detected value (reported as not detected, no detection limit given)".into(),
        }),
        (Value::Date(x, _), Value::Date(y, _)) => Ok(x.cmp(y)),
        (Value::Text(x, _), Value::Text(y, _)) => Ok(x.cmp(y)),
        (Value::Pollutant(x), Value::Pollutant(y)) => Ok(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Ok(x.cmp(y)),
        _ => match (as_qty(a), as_qty(b)) {
            (Some(x), Some(y)) => x.cmp_exact(&y).map_err(|e| {
                let key = match e {
                    QuantityError::Incompatible(..) => "eval.missing.dimension",
                    QuantityError::Inexact | QuantityError::DivisionByZero => "eval.missing.exact",
                };
                crate::messages::t(key, &[("a", &x), ("b", &y)])
            }),
            _ => Err(format!(
                "comparable values (`{}` and `{}`)",
                a.show(),
                b.show()
            )),
        },
    }
}

/// Applies a comparison operator to an ordering.
pub fn holds(op: BinOp, ord: Ordering) -> bool {
    match op {
        BinOp::Eq => ord == Ordering::Equal,
        BinOp::Ne => ord != Ordering::Equal,
        BinOp::Lt => ord == Ordering::Less,
        BinOp::Le => ord != Ordering::Greater,
        BinOp::Gt => ord == Ordering::Greater,
        BinOp::Ge => ord != Ordering::Less,
        _ => false,
    }
}

/// Comparison with lower-bound semantics for partial sums: a partial left
/// side that already breaks `<=`/`<` is false; one that already meets
/// `>=`/`>` is true; otherwise unknown, naming what is missing.
pub fn compare_op<'f>(op: BinOp, a: &Value<'f>, b: &Value<'f>) -> Value<'f> {
    let partial = |v: &Value<'_>| match v {
        Value::Qty(x) if !x.missing.is_empty() => Some(x.missing.clone()),
        _ => None,
    };
    match (a, b) {
        (Value::Missing(m), _) | (_, Value::Missing(m)) => return Value::Missing(m.clone()),
        _ => {}
    }
    if let Some(m) = partial(b) {
        if partial(a).is_none() {
            return compare_op(flip(op), b, a);
        }
        let mut all = partial(a).unwrap_or_default();
        all.extend(m);
        return Value::Missing(all);
    }
    let ord = match compare(a, b) {
        Ok(ord) => ord,
        Err(why) => return Value::missing(why),
    };
    let result = holds(op, ord);
    match partial(a) {
        None => Value::Bool(result),
        Some(_) if matches!(op, BinOp::Le | BinOp::Lt) && !result => Value::Bool(false),
        Some(_) if matches!(op, BinOp::Ge | BinOp::Gt) && result => Value::Bool(true),
        Some(m) => Value::Missing(m),
    }
}

/// The same comparison with its sides swapped (`a <= b` is `b >= a`).
pub fn flip(op: BinOp) -> BinOp {
    match op {
        BinOp::Lt => BinOp::Gt,
        BinOp::Le => BinOp::Ge,
        BinOp::Gt => BinOp::Lt,
        BinOp::Ge => BinOp::Le,
        other => other,
    }
}

/// Applies a binary operator other than `and`/`or` (which short-circuit in
/// the evaluator) to two values.
pub fn binary<'f>(op: BinOp, a: Value<'f>, b: Value<'f>) -> Value<'f> {
    match op {
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            compare_op(op, &a, &b)
        }
        BinOp::In | BinOp::NotIn => {
            let r = member(&a, &b);
            match (op, r) {
                (BinOp::NotIn, Value::Bool(x)) => Value::Bool(!x),
                (_, r) => r,
            }
        }
        BinOp::StartsWith => starts_with(&a, &b),
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => arith(op, a, b),
        BinOp::And | BinOp::Or => Value::missing("logic operands"),
    }
}

/// `x starts with "C26"`, or with any prefix of a list (`x starts with
/// ["C2511", "C2614"]`): true when one matches. A missing side is missing.
fn starts_with<'f>(a: &Value<'f>, b: &Value<'f>) -> Value<'f> {
    match (a, b) {
        (Value::Missing(m), _) | (_, Value::Missing(m)) => Value::Missing(m.clone()),
        (Value::Text(x, _), Value::Text(y, _)) => Value::Bool(x.starts_with(y.as_str())),
        (Value::Text(..), Value::List(items)) => {
            let mut any = false;
            for item in items {
                match starts_with(a, item) {
                    Value::Bool(hit) => any |= hit,
                    other => return other,
                }
            }
            Value::Bool(any)
        }
        _ => Value::missing("text for `starts with`"),
    }
}

fn member<'f>(a: &Value<'f>, b: &Value<'f>) -> Value<'f> {
    match b {
        Value::Missing(m) => Value::Missing(m.clone()),
        Value::List(items) => {
            if let Value::Missing(m) = a {
                return Value::Missing(m.clone());
            }
            Value::Bool(items.iter().any(|i| compare(a, i) == Ok(Ordering::Equal)))
        }
        Value::Map(items) => match a {
            Value::Pollutant(p) => Value::Bool(items.iter().any(|(k, _)| k == p)),
            _ => Value::missing("a pollutant for map membership"),
        },
        Value::Range(lo, hi) => {
            match (compare_op(BinOp::Ge, a, lo), compare_op(BinOp::Le, a, hi)) {
                (Value::Bool(x), Value::Bool(y)) => Value::Bool(x && y),
                (Value::Missing(m), _) | (_, Value::Missing(m)) => Value::Missing(m),
                _ => Value::missing("a comparable value for the range"),
            }
        }
        other => Value::missing(format!("a list or range, found {}", other.show())),
    }
}

fn arith<'f>(op: BinOp, a: Value<'f>, b: Value<'f>) -> Value<'f> {
    let q = |v: &Value<'_>| match v {
        Value::Qty(x) => Some(x.q.clone()),
        Value::Num(n) => Some(Quantity::new(*n, Unit::one())),
        _ => None,
    };
    if let (Value::Missing(m), _) | (_, Value::Missing(m)) = (&a, &b) {
        return Value::Missing(m.clone());
    }
    let (Some(x), Some(y)) = (q(&a), q(&b)) else {
        return Value::missing(format!(
            "numbers for arithmetic (`{}`, `{}`)",
            a.show(),
            b.show()
        ));
    };
    // Exact always: a quotient that does not terminate as a decimal keeps
    // its divisor in the unit (see `Quantity::div`).
    let result = match op {
        BinOp::Add => x.add(&y),
        BinOp::Sub => x.add(&Quantity::new(-y.value, y.unit.clone())),
        BinOp::Mul => x.mul(&y),
        _ => x.div(&y),
    };
    // A product or quotient points at the filing value it is made from
    // (the left one first): `discharges[COD] / value_added` at the discharge.
    let span = match op {
        BinOp::Mul | BinOp::Div => a.span().or_else(|| b.span()),
        _ => None,
    };
    match result {
        Ok(r)
            if r.unit.dim == Dim::NONE && r.unit.symbol.is_empty() && r.unit.num == r.unit.den =>
        {
            Value::Num(r.value)
        }
        Ok(r) => Value::qty(r, span),
        Err(QuantityError::DivisionByZero) => {
            Value::missing(t("eval.missing.divide_by_zero", &[("a", &x), ("b", &y)]))
        }
        Err(_) => Value::missing(format!("an exact result of `{}` and `{}`", x, y)),
    }
}

#[cfg(test)]
#[expect(clippy::panic, reason = "tests fail loudly on bad fixtures")]
mod tests {
    use super::*;

    fn text(s: &str) -> Value<'static> {
        Value::Text(s.to_string(), None)
    }

    fn qty(s: &str) -> Value<'static> {
        Value::qty(
            Quantity::parse(s, false).unwrap_or_else(|e| panic!("{s}: {e:?}")),
            None,
        )
    }

    #[test]
    fn starts_with_any_prefix_of_a_list() {
        let list = Value::List(vec![text("C2511"), text("C2614")]);
        let op = BinOp::StartsWith;
        assert_eq!(binary(op, text("C2614"), list.clone()), Value::Bool(true));
        assert_eq!(binary(op, text("C26141"), list.clone()), Value::Bool(true));
        assert_eq!(binary(op, text("C2612"), list.clone()), Value::Bool(false));
        assert_eq!(
            binary(op, text("C2612"), Value::List(vec![])),
            Value::Bool(false)
        );
        assert_eq!(binary(op, text("C2614"), text("C26")), Value::Bool(true));
        // A missing industry is missing, never "not on the list".
        assert_eq!(
            binary(op, Value::missing("enterprises[0].industry"), list),
            Value::missing("enterprises[0].industry")
        );
    }

    #[test]
    fn intensity_divisions_compare_exactly() {
        let i = binary(BinOp::Div, qty("12 t/a"), qty("3.2 10^8 CNY/a"));
        assert_eq!(i.show(), "0.375 kg/(10^4 CNY)");
        assert_eq!(
            binary(BinOp::Le, i, qty("0.5 kg/(10^4 CNY)")),
            Value::Bool(true)
        );
        let third = binary(BinOp::Div, qty("10 t/a"), qty("3 10^8 CNY/a"));
        assert_eq!(third.show(), "0.3333333333… kg/(10^4 CNY)");
        assert_eq!(
            binary(BinOp::Gt, third, qty("0.3333333333 kg/(10^4 CNY)")),
            Value::Bool(true)
        );
        // A mass per mass is a plain number, equal to its value in kg/t.
        let per_output = binary(BinOp::Div, qty("12 t/a"), qty("50000 t/a"));
        assert_eq!(per_output, Value::Num(rust_decimal::Decimal::new(24, 5)));
        assert_eq!(
            binary(BinOp::Le, per_output, qty("0.24 kg/t")),
            Value::Bool(true)
        );
        assert!(matches!(
            binary(BinOp::Div, qty("3 t/a"), qty("0 t/a")),
            Value::Missing(_)
        ));
        assert_eq!(
            binary(BinOp::Div, qty("3 kg"), qty("1.5 kg")),
            Value::Num(2.into())
        );
    }
}
