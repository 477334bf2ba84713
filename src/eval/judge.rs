//! Judging a leaf: a limit-table row against a sample value, or a rule's
//! requirements. Full-value comparison by default; rounded-value per
//! GB/T 8170-2008 where the rule says `judge rounded`.

use super::expr::{Env, Truth, compare_op, flip};
use super::finding::{Evidence, Finding, Status};
use super::rule::{Ctx, Leaf};
use super::table::{Lookup, lookup};
use super::value::{Amount, Rec, Value};
use crate::check::ir::{
    BelowDetection, BinOp, Cell, Expr, ExprKind, Judgement, LimitTable, Requirement, Rule,
};
use crate::messages::{fill, t};
use crate::values::Quantity;
use rust_decimal::Decimal;

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
            f.message = t("eval.not_applicable", &[("reason", &reason)]);
            f.reason = Some(reason);
            return f;
        }
        Err(m) => return ctx.unknown(leaf, m),
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
            f.message = t("eval.not_applicable", &[("reason", &reason)]);
            f.reason = Some(reason);
            return f;
        }
        Cell::Max(q) => (None, q.clone()),
        Cell::Range(a, b) => (Some(a.clone()), b.clone()),
    };
    let shown = round(
        ctx.rule.judgement,
        &actual,
        lo.as_ref().unwrap_or(&hi).max_scale(&hi),
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
    f.expected = Some(match &lo {
        Some(l) => format!("{}..{}", l.value, hi),
        None => format!("<= {hi}"),
    });
    f.actual = Some(show_actual(&actual, &shown));
    let args = |f: &Finding| {
        [
            ("pollutant", p.to_string()),
            ("actual", f.actual.clone().unwrap_or_default()),
            ("expected", f.expected.clone().unwrap_or_default()),
            ("class", class.clone()),
        ]
    };
    match verdict {
        Ok(true) => f.message = msg("eval.table.pass", &args(&f)),
        Ok(false) => {
            f.status = Status::Fail;
            f.message = ctx.rule.message.as_ref().map_or_else(
                || msg("eval.table.fail", &args(&f)),
                |m| fill_args(m, &args(&f)),
            );
            f.help = Some(ctx.rule.help.as_ref().map_or_else(
                || t("eval.table.fail.help", &[]),
                |h| fill_args(h, &args(&f)),
            ));
        }
        Err(m) => {
            let (actual_text, expected_text) = (f.actual.clone(), f.expected.clone());
            f = ctx.unknown(leaf, m);
            f.actual = actual_text;
            f.expected = expected_text;
            f.span = actual.span().or(f.span);
            f.rule_span = cell.span;
        }
    }
    f
}

trait MaxScale {
    fn max_scale(&self, o: &Quantity) -> Quantity;
}
impl MaxScale for Quantity {
    /// The limit whose written interval is finer (for rounding a range).
    fn max_scale(&self, o: &Quantity) -> Quantity {
        if self.value.scale() >= o.value.scale() {
            self.clone()
        } else {
            o.clone()
        }
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

fn show_actual(actual: &Value<'_>, shown: &Value<'_>) -> String {
    if actual.show() == shown.show() {
        actual.show()
    } else {
        t(
            "eval.actual.rounded",
            &[("value", &actual.show()), ("rounded", &shown.show())],
        )
    }
}

/// The default message of a requirement: with the values compared, or the
/// plain form when the requirement compares nothing.
fn default_message(f: &Finding, key: &str, args: &[(&str, String)]) -> String {
    if f.actual.is_none() && f.expected.is_none() {
        msg(&format!("{key}.plain"), args)
    } else {
        msg(key, args).trim_start().to_string()
    }
}

fn msg(key: &str, args: &[(&str, String)]) -> String {
    let dyn_args: Vec<(&str, &dyn std::fmt::Display)> = args
        .iter()
        .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
        .collect();
    t(key, &dyn_args)
}

fn fill_args(template: &str, args: &[(&str, String)]) -> String {
    let dyn_args: Vec<(&str, &dyn std::fmt::Display)> = args
        .iter()
        .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
        .collect();
    fill(template, &dyn_args)
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
    expected: Option<String>,
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
fn judge_membership<'f>(
    env: &mut Env<'f, '_>,
    op: BinOp,
    a: &Expr,
    b: &Expr,
    whole: &Expr,
) -> Judged<'f> {
    let mut judged = by_truth(env, whole);
    let actual = env.eval(a);
    let expected = env.eval(b);
    let word = if op == BinOp::NotIn { "not in" } else { "in" };
    judged.expected =
        (!matches!(expected, Value::Missing(_))).then(|| format!("{word} {}", expected.show()));
    judged.span = actual.span().or_else(|| expected.span());
    judged.actual = (!matches!(actual, Value::Missing(_))).then_some(actual);
    judged
}

fn judge_one<'f>(env: &mut Env<'f, '_>, rule: &Rule, req: &Requirement) -> Judged<'f> {
    let j = rule.judgement;
    let ExprKind::Binary(op, a, b) = &req.expr.kind else {
        return by_truth(env, &req.expr);
    };
    if matches!(op, BinOp::In | BinOp::NotIn) {
        return judge_membership(env, *op, a, b, &req.expr);
    }
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
    let expected_text = (!matches!(expected, Value::Missing(_)))
        .then(|| format!("{} {}", op_text(op), expected.show()));
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
        .map(|r| judge_one(env, ctx.rule, r))
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
    f.span = j.span.or(f.span);
    f.expected = j.expected.clone();
    if let Some(a) = &j.actual {
        f.actual = match a {
            Value::Qty(x) if !x.missing.is_empty() => {
                Some(t("eval.actual.partial", &[("value", &x.q)]))
            }
            Value::Missing(_) => None,
            other => Some(other.show()),
        };
        if let Value::Qty(x) = a {
            f.evidence = shares(x);
            if f.missing.is_empty() {
                f.missing.clone_from(&x.missing);
            }
        }
    }
    let pollutant = leaf.pollutant.map(|p| p.to_string()).unwrap_or_default();
    let args = [
        ("pollutant", pollutant),
        ("actual", f.actual.clone().unwrap_or_default()),
        ("expected", f.expected.clone().unwrap_or_default()),
        ("subject", f.subject_id.clone()),
        ("period", f.period.clone()),
        ("title", ctx.rule.title.clone()),
    ];
    if let (Status::Unknown, Some(m)) = (f.status, &req.missing) {
        f.missing = vec![fill_args(m, &args)];
        f.message = t("eval.unknown", &[("missing", &f.missing.join("; "))]);
        if let Some(h) = &req.help {
            f.help = Some(fill_args(h, &args));
        }
    }
    let template = req.message.as_ref().or(ctx.rule.message.as_ref());
    match f.status {
        Status::Fail => {
            f.message = template.map_or_else(
                || default_message(&f, "eval.require.fail", &args),
                |m| fill_args(m, &args),
            );
            f.help = req
                .help
                .as_ref()
                .or(ctx.rule.help.as_ref())
                .map(|h| fill_args(h, &args))
                .or_else(|| Some(t("eval.require.fail.help", &[])));
        }
        Status::Pass => f.message = default_message(&f, "eval.require.pass", &args),
        _ => {}
    }
    f
}

/// Evidence for a sum: each contribution and its share of the total.
fn shares(total: &Amount) -> Vec<Evidence> {
    total
        .parts
        .iter()
        .map(|p| {
            let share = p
                .amount
                .convert_to(&total.q.unit)
                .ok()
                .and_then(|a| (a.value * Decimal::from(100)).checked_div(total.q.value))
                .map(|s| format!(" ({}%)", s.round_dp(1)))
                .unwrap_or_default();
            Evidence {
                what: "share".into(),
                subject_id: p.subject_id.clone(),
                value: format!("{}{share}", p.amount),
                span: p.span,
            }
        })
        .collect()
}
