//! Linking: checks that run over all loaded rule sets together, after each
//! file was checked on its own. Today: every `standard_limit("set.rule", ..)`
//! names a limit table that is loaded.

use super::ir::{Body, Builtin, Deadline, Expr, ExprKind, RuleSet};
use crate::messages::t;
use crate::values::Diagnostic;

/// Collects the calls to `which` under `e` (the rule sets' expressions are
/// shallow: the checker caps nesting).
fn walk<'a>(e: &'a Expr, which: Builtin, out: &mut Vec<&'a Expr>) {
    let mut push = |x: &'a Expr| walk(x, which, out);
    match &e.kind {
        ExprKind::Range(a, b) | ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => {
            push(a);
            push(b);
        }
        ExprKind::List(items) | ExprKind::Call(_, items) => items.iter().for_each(push),
        ExprKind::Field(x, _)
        | ExprKind::Not(x)
        | ExprKind::Neg(x)
        | ExprKind::Exists(x)
        | ExprKind::PerYear(x) => push(x),
        ExprKind::If(c, a, b) => {
            push(c);
            push(a);
            push(b);
        }
        ExprKind::Aggregate {
            body,
            source,
            filter,
            ..
        } => {
            push(body);
            push(source);
            if let Some(f) = filter {
                push(f);
            }
        }
        _ => {}
    }
    if matches!(&e.kind, ExprKind::Call(b, _) if *b == which) {
        out.push(e);
    }
}

/// The calls to `which` in `set`'s rules.
fn calls(set: &RuleSet, which: Builtin) -> Vec<&Expr> {
    let mut out = Vec::new();
    for r in &set.rules {
        let mut roots: Vec<&Expr> = r.subject.filter.iter().collect();
        roots.extend(
            r.each
                .iter()
                .flat_map(|e| std::iter::once(&e.source).chain(e.filter.iter())),
        );
        match &r.body {
            Body::Require(reqs) => roots.extend(reqs.iter().map(|q| &q.expr)),
            Body::Table(t) => roots.extend(
                std::iter::once(&t.column).chain(t.rows.iter().filter_map(|w| w.when.as_ref())),
            ),
            Body::Duty(d) => {
                roots.extend(d.covering.iter().chain(&d.about));
                roots.extend(d.sections.iter().filter_map(|s| s.when.as_ref()));
                match &d.deadline {
                    Deadline::By { date, .. } => roots.push(date),
                    Deadline::Within { count, after, .. } => roots.extend([count, after]),
                }
            }
        }
        for root in roots {
            walk(root, which, &mut out);
        }
    }
    out
}

/// Errors for `standard_limit` calls naming no loaded limit table.
pub fn link(sets: &[RuleSet]) -> Vec<Diagnostic> {
    let tables: Vec<&str> = sets
        .iter()
        .flat_map(|s| {
            s.rules
                .iter()
                .filter(|r| matches!(r.body, Body::Table(_)))
                .map(|r| r.id.as_str())
        })
        .collect();
    let mut diags = Vec::new();
    for set in sets {
        for call in calls(set, Builtin::StandardLimit) {
            let ExprKind::Call(_, args) = &call.kind else {
                continue;
            };
            let Some(ExprKind::Text(id)) = args.first().map(|a| &a.kind) else {
                continue;
            };
            if !tables.contains(&id.as_str()) {
                let help = t(
                    "check.unknown_table.help",
                    &[("tables", &tables.join(", "))],
                );
                diags.push(
                    Diagnostic::error(
                        "check.unknown_table",
                        t("check.unknown_table", &[("rule", id)]),
                        args.first().map(|a| a.span),
                    )
                    .with_help(help),
                );
            }
        }
    }
    diags
}

/// Whether any rule of `sets` calls `which` (so the series stage keeps the
/// hourly windows only when a rule reads them).
pub fn uses(sets: &[RuleSet], which: Builtin) -> bool {
    sets.iter().any(|s| !calls(s, which).is_empty())
}
