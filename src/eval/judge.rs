//! Judging a leaf: a limit-table row against a sample value, or a rule's
//! requirements. Full-value comparison by default; rounded-value per
//! GB/T 8170-2008 where the rule says `judge rounded`.

use super::expr::{Env, Truth};
use super::finding::{Evidence, Finding, Status, Template};
use super::ops::{compare_op, flip};
use super::rule::{Ctx, Leaf};
use super::table::{Lookup, lookup};
use super::value::{Amount, Rec, Value};
use crate::check::ir::{
    BelowDetection, BinOp, Cell, Expr, ExprKind, Judgement, LimitTable, Requirement,
};
use crate::messages::{fill, t};
use crate::values::Quantity;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Judges the sample value of `leaf.pollutant` against the first matching row.
pub fn judge_table_row<'f>(
    ctx: &Ctx<'f, '_>,
    env: &mut Env<'f, '_>,
    table: &LimitTable,
    leaf: &Leaf<'f>,
) -> Finding {
    let (Some(p), Some(Rec::Sample(i, j, k))) = (leaf.pollutant, leaf.sample) else {
        return ctx.unknown(leaf, vec![t("eval.missing.sample", &[])]);
    };
    let (row, class, cell) = match lookup(env, table, p) {
        Ok(Lookup::Cell { row, class, cell }) => (row, class, cell),
        Ok(Lookup::NoRow) => {
            let mut f = ctx.finding(leaf, Status::NotApplicable);
            let reason = t(
                "eval.reason.no_row",
                &[("source", &ctx.set.source), ("pollutant", &p)],
            );
            f.details_mut().reason = Some(reason);
            return f;
        }
        Err((m, span)) => {
            let mut f = ctx.unknown(leaf, m);
            f.rule_span = span;
            return f;
        }
    };
    let actual = ctx.records.sample_value(i, j, k, p);
    let mut f = ctx.finding(leaf, Status::Pass);
    f.rule_span = cell.span;
    f.provisional |= row.provisional || env.provisional.get();
    f.span = actual.span().or(f.span);
    let (lo, hi) = match &cell.value {
        Cell::NoLimit => {
            let reason = t(
                "eval.reason.no_limit_in_class",
                &[("pollutant", &p), ("class", &class)],
            );
            f.status = Status::NotApplicable;
            f.message = Template::Key("eval.not_applicable");
            f.details_mut().reason = Some(reason);
            return f;
        }
        Cell::Max(q) => (None, q.clone()),
        Cell::Range(a, b) => (Some(a.clone()), b.clone()),
    };
    let shown = round(
        ctx.rule.judgement,
        &actual,
        finer(lo.as_ref().unwrap_or(&hi), &hi).clone(),
    );
    let policy = ctx.rule.below_detection;
    let upper = compare_nd(policy, BinOp::Le, &shown, &Value::qty(hi.clone(), None));
    let lower = lo
        .as_ref()
        .map(|l| compare_op(BinOp::Ge, &shown, &Value::qty(l.clone(), None)));
    let verdict = match (upper, lower) {
        (Value::Missing(m), _) | (_, Some(Value::Missing(m))) => Err(m),
        (Value::Bool(a), None) => Ok(a),
        (Value::Bool(a), Some(Value::Bool(b))) => Ok(a && b),
        _ => Err(vec![t("eval.missing.comparable", &[])]),
    };
    f.expected = Some(ctx.expected(match &lo {
        Some(l) => format!("{}..{}", l.value, hi),
        None => format!("<= {hi}"),
    }));
    f.actual = Some(show_actual(&actual, &shown));
    f.details_mut().class = Some(class);
    match verdict {
        Ok(true) => f.message = Template::Key("eval.table.pass"),
        Ok(false) => {
            f.status = Status::Fail;
            f.message = rule_or(ctx.names.message.as_ref(), "eval.table.fail");
            f.help = Some(rule_or(ctx.names.help.as_ref(), "eval.table.fail.help"));
        }
        Err(m) => {
            f.status = Status::Unknown;
            f.message = Template::Key("eval.unknown");
            f.help = Some(Template::Key("eval.unknown.help"));
            f.details_mut().missing = m;
        }
    }
    f
}

/// Of a range's bounds, the one whose written interval is finer: rounding
/// to it keeps every digit either bound states.
fn finer<'q>(a: &'q Quantity, b: &'q Quantity) -> &'q Quantity {
    if a.value.scale() >= b.value.scale() {
        a
    } else {
        b
    }
}

fn round<'f>(j: Judgement, actual: &Value<'f>, limit: Quantity) -> Value<'f> {
    match (j, actual) {
        (Judgement::Rounded, Value::Qty(a)) => match a.q.rounded_to(&limit) {
            Ok(q) => Value::Qty(Amount { q, ..a.clone() }),
            Err(_) => actual.clone(),
        },
        _ => actual.clone(),
    }
}

fn show_actual(actual: &Value<'_>, shown: &Value<'_>) -> Box<str> {
    let (a, s) = (actual.show(), shown.show());
    if a == s {
        a.into()
    } else {
        t("eval.actual.rounded", &[("value", &a), ("rounded", &s)]).into()
    }
}

/// True when an expression states a limit rather than reads a measured
/// value: a literal, a parameter, or a read of caps, permitted limits or
/// annual limits. Decides which side of a comparison is "actual".
fn is_limit_like(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Number(_)
        | ExprKind::Quantity(_)
        | ExprKind::Date(_)
        | ExprKind::Text(_)
        | ExprKind::Param(_) => true,
        ExprKind::Field(x, name) => {
            matches!(
                name.as_str(),
                "caps"
                    | "limits"
                    | "annual_limits"
                    | "concentration"
                    | "hourly"
                    | "daily"
                    | "committed"
                    | "rate"
                    | "grade"
                    | "range"
            ) || is_limit_like(x)
        }
        ExprKind::Index(x, _) | ExprKind::Neg(x) | ExprKind::PerYear(x) => is_limit_like(x),
        ExprKind::Call(
            crate::check::ir::Builtin::AnnualLimit
            | crate::check::ir::Builtin::StandardLimit
            | crate::check::ir::Builtin::Date,
            _,
        ) => true,
        ExprKind::Call(crate::check::ir::Builtin::First, args) => args.iter().all(is_limit_like),
        _ => false,
    }
}

struct Judged<'f> {
    status: Status,
    actual: Option<Value<'f>>,
    expected: Option<Arc<str>>,
    missing: Vec<String>,
    /// The filing value to point at: the actual side, else the expected side.
    span: Option<crate::values::Span>,
}

fn by_truth<'f>(env: &mut Env<'f, '_>, e: &Expr) -> Judged<'f> {
    let (status, missing) = match env.truth(e) {
        Truth::True => (Status::Pass, vec![]),
        Truth::False => (Status::Fail, vec![]),
        Truth::Unknown(m) => (Status::Unknown, m),
    };
    Judged {
        status,
        actual: None,
        expected: None,
        missing,
        span: None,
    }
}

/// A comparison under the rule's below-detection policy: with
/// `by_detection_limit`, `ND (limit L) <= X` passes when `L <= X`; every
/// other below-detection comparison is unknown, naming the result.
fn compare_nd<'f>(
    policy: BelowDetection,
    op: BinOp,
    actual: &Value<'f>,
    expected: &Value<'f>,
) -> Value<'f> {
    if let (
        BelowDetection::ByDetectionLimit,
        Value::NotDetected(Some(l), span),
        BinOp::Le | BinOp::Lt,
    ) = (policy, actual, op)
    {
        return match compare_op(BinOp::Le, &Value::qty(l.clone(), *span), expected) {
            Value::Bool(true) => Value::Bool(true),
            Value::Bool(false) => Value::missing(t(
                "eval.missing.nd_above_limit",
                &[("limit", l), ("expected", &expected.show())],
            )),
            other => other,
        };
    }
    compare_op(op, actual, expected)
}

/// `x in LIST` / `x in a..b`: judged as written, shown as actual and expected.
/// A membership or prefix test (`x in L`, `x starts with P`, and their
/// negations): the verdict of the whole, with `x` as the actual value and
/// the test as the expectation (`not starting with ["C2511", "C2614"]`).
fn judge_membership<'f>(
    ctx: &Ctx<'f, '_>,
    env: &mut Env<'f, '_>,
    word: &str,
    a: &Expr,
    b: &Expr,
    whole: &Expr,
) -> Judged<'f> {
    let mut judged = by_truth(env, whole);
    let actual = env.eval(a);
    let expected = env.eval(b);
    judged.expected = (!matches!(expected, Value::Missing(_)))
        .then(|| ctx.expected(format!("{word} {expected}")));
    judged.span = actual.span().or_else(|| expected.span());
    judged.actual = (!matches!(actual, Value::Missing(_))).then_some(actual);
    judged
}

fn judge_one<'f>(ctx: &Ctx<'f, '_>, env: &mut Env<'f, '_>, req: &Requirement) -> Judged<'f> {
    let rule = ctx.rule;
    let j = rule.judgement;
    // `not (x in L)` and `not (x starts with P)` read like their positive
    // forms, with the expectation negated.
    let (negated, test) = match &req.expr.kind {
        ExprKind::Not(inner) => (true, &**inner),
        _ => (false, &req.expr),
    };
    if let ExprKind::Binary(op @ (BinOp::In | BinOp::NotIn | BinOp::StartsWith), a, b) = &test.kind
    {
        let word = match (op, negated) {
            (BinOp::In, false) | (BinOp::NotIn, true) => "in",
            (BinOp::In, true) | (BinOp::NotIn, false) => "not in",
            (_, false) => "starts with",
            (_, true) => "not starting with",
        };
        return judge_membership(ctx, env, word, a, b, &req.expr);
    }
    let ExprKind::Binary(op, a, b) = &req.expr.kind else {
        return by_truth(env, &req.expr);
    };
    if !matches!(
        op,
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
    ) {
        return by_truth(env, &req.expr);
    }
    let (op, actual_e, expected_e) = if is_limit_like(a) && !is_limit_like(b) {
        (flip(*op), b, a)
    } else {
        (*op, a, b)
    };
    let expected = env.eval(expected_e);
    let mut actual = env.eval(actual_e);
    if let (Judgement::Rounded, Value::Qty(lim)) = (j, &expected) {
        actual = round(j, &actual, lim.q.clone());
    }
    let result = compare_nd(rule.below_detection, op, &actual, &expected);
    let status = match &result {
        Value::Bool(true) => Status::Pass,
        Value::Bool(false) => Status::Fail,
        _ => Status::Unknown,
    };
    let missing = if let Value::Missing(m) = result {
        m
    } else {
        vec![]
    };
    let expected_text =
        (!matches!(expected, Value::Missing(_))).then(|| ctx.expected_op(op_text(op), &expected));
    let span = actual.span().or_else(|| expected.span());
    Judged {
        status,
        actual: Some(actual),
        expected: expected_text,
        missing,
        span,
    }
}

fn op_text(op: BinOp) -> &'static str {
    match op {
        BinOp::Eq => "==",
        BinOp::Ne => "!=",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => ">",
        _ => ">=",
    }
}

/// Judges all requirements of a rule at one leaf: the finding reports the
/// first failing requirement, else the first unknown, else the first.
pub fn judge_requirements<'f>(
    ctx: &Ctx<'f, '_>,
    env: &mut Env<'f, '_>,
    reqs: &[Requirement],
    leaf: &Leaf<'f>,
) -> Finding {
    let judged: Vec<(usize, Judged<'f>)> = reqs
        .iter()
        .map(|r| judge_one(ctx, env, r))
        .enumerate()
        .collect();
    let pick = judged
        .iter()
        .find(|(_, j)| j.status == Status::Fail)
        .or_else(|| judged.iter().find(|(_, j)| j.status == Status::Unknown))
        .or_else(|| judged.first());
    let Some((idx, j)) = pick else {
        return ctx.finding(leaf, Status::Pass);
    };
    let req = &reqs[*idx];
    let mut f = if j.status == Status::Unknown {
        ctx.unknown(leaf, j.missing.clone())
    } else {
        ctx.finding(leaf, j.status)
    };
    f.provisional |= env.provisional.get();
    f.rule_span = req.span;
    // A window's mean has no place of its own: its finding stays at the
    // window's first reading.
    if leaf.window.is_none() || j.actual.as_ref().and_then(Value::span).is_some() {
        f.span = j.span.or(f.span);
    }
    f.expected.clone_from(&j.expected);
    if let Some(a) = &j.actual {
        f.actual = match a {
            Value::Qty(x) if !x.missing.is_empty() => {
                Some(t("eval.actual.partial", &[("value", &x.q)]).into())
            }
            Value::Missing(_) => None,
            other => Some(ctx.shown(other)),
        };
        if let Value::Qty(x) = a {
            if !x.parts.is_empty() {
                f.details_mut().evidence.extend(shares(x));
            }
            if f.missing().is_empty() && !x.missing.is_empty() {
                f.details_mut().missing.clone_from(&x.missing);
            }
        }
    }
    // Every other requirement that fails too, at its place in the rule.
    if j.status == Status::Fail {
        for (k, other) in judged
            .iter()
            .filter(|(k, o)| k != idx && o.status == Status::Fail)
        {
            let actual = other.actual.as_ref().map(Value::show);
            let value = match (actual, &other.expected) {
                (Some(a), Some(e)) => t("eval.also_fails", &[("actual", &a), ("expected", e)]),
                (a, e) => a
                    .or_else(|| e.as_deref().map(str::to_string))
                    .unwrap_or_default(),
            };
            f.details_mut().evidence.push(Evidence {
                what: "also fails",
                subject_id: String::new(),
                value,
                span: Some(reqs[*k].span),
            });
        }
    }
    let (req_message, req_help) = ctx
        .names
        .requirements
        .get(*idx)
        .cloned()
        .unwrap_or_default();
    let plain = f.actual.is_none() && f.expected.is_none();
    match f.status {
        Status::Unknown => {
            if let Some(m) = &req.missing {
                // The rule's own words for what is missing: data, named once.
                let pollutant = leaf.pollutant.map(|p| p.to_string()).unwrap_or_default();
                let args: [(&str, &dyn std::fmt::Display); 3] = [
                    ("pollutant", &pollutant),
                    ("subject", &f.subject.id),
                    ("period", &f.period),
                ];
                let missing = vec![fill(m, &args)];
                f.details_mut().missing = missing;
            }
            if let Some(h) = req_help {
                f.help = Some(Template::Rule(h));
            }
        }
        Status::Fail => {
            let default = match (plain, leaf.window.is_some()) {
                (true, _) => "eval.require.fail.plain",
                (false, true) => "eval.require.fail.window",
                (false, false) => "eval.require.fail",
            };
            f.message = rule_or(req_message.as_ref().or(ctx.names.message.as_ref()), default);
            f.help = Some(rule_or(
                req_help.as_ref().or(ctx.names.help.as_ref()),
                "eval.require.fail.help",
            ));
        }
        _ => {
            f.message = Template::Key(match (plain, leaf.window.is_some()) {
                (true, _) => "eval.require.pass.plain",
                (false, true) => "eval.require.pass.window",
                (false, false) => "eval.require.pass",
            });
        }
    }
    f
}

/// The rule file's own template where it gives one, else a catalogue key.
fn rule_or(own: Option<&Arc<str>>, key: &'static str) -> Template {
    own.map_or(Template::Key(key), |t| Template::Rule(Arc::clone(t)))
}

/// Evidence for a sum: each contribution and its share of the total.
fn shares(total: &Amount) -> Vec<Evidence> {
    total
        .parts
        .iter()
        .map(|p| {
            // A month of a 12-month total is shown as its amount alone.
            let share = (p.what == "share")
                .then(|| p.amount.convert_to(&total.q.unit).ok())
                .flatten()
                .and_then(|a| (a.value * Decimal::from(100)).checked_div(total.q.value))
                .map(|s| format!(" ({}%)", s.round_dp(1)))
                .unwrap_or_default();
            Evidence {
                what: p.what,
                subject_id: p.subject_id.clone(),
                value: format!("{}{share}", p.amount),
                span: p.span,
            }
        })
        .collect()
}
