//! Enterprises, their discharge permits and monthly amounts.

use super::applicant::{cleaner_production, planned};
use super::duties::disclosures_and_events;
use super::empty;
use super::outlet::outlet;
use crate::filing::cx::Cx;
use crate::filing::fields::ids::credit_code;
use crate::filing::fields::pollutants::entries;
use crate::filing::fields::quantity::{Expect, quantity};
use crate::filing::fields::{choice, date, month, text, year};
use crate::filing::model::{AnnualLimit, Enterprise, MonthRow, Permit, Status, YearMonth};
use crate::filing::tree::{Kind, Node};
use crate::values::words;
use crate::values::{Span, Spanned};
use std::collections::HashMap;

const KEYS: [&str; 14] = [
    "id",
    "name",
    "industry",
    "status",
    "cleaner_production",
    "planned",
    "categories",
    "permit",
    "outlets",
    "discharges",
    "to_plant",
    "disclosures",
    "events",
    "extra",
];
const STATUSES: [(&str, Status); 3] = [
    (words::STATUSES[0], Status::Operating),
    (words::STATUSES[1], Status::Applicant),
    (words::STATUSES[2], Status::Closed),
];
const PERMIT_KEYS: [&str; 5] = [
    "number",
    "valid_from",
    "valid_until",
    "annual_limits",
    "extra",
];

/// One enterprise; `None` (after its errors) when `status` is bad or missing.
pub(super) fn enterprise<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>) -> Option<Enterprise> {
    let f = cx.mapping(node, &KEYS, &[])?;
    let at = f.anchor();
    let id = cx.req(&f, "id", credit_code).unwrap_or_else(|| empty(at));
    let name = cx.req(&f, "name", text).unwrap_or_else(|| empty(at));
    let industry = cx.opt(&f, "industry", text);
    let status = cx.req(&f, "status", |cx, n| {
        choice(cx, n, "filing.what.status", &STATUSES)
    });
    let cleaner_production = cx.opt(&f, "cleaner_production", cleaner_production);
    let planned = planned(cx, &f, status.as_ref().map(|s| s.value));
    let categories = cx
        .list(&f, "categories", |cx, n| {
            choice(
                cx,
                n,
                "filing.what.category",
                &words::CATEGORIES.map(|c| (c, c)),
            )
        })
        .into_iter()
        .map(|c| Spanned::new(c.value.to_string(), c.span))
        .collect();
    let permit = cx.opt(&f, "permit", permit);
    let outlets = cx.list(&f, "outlets", outlet);
    cx.unique_ids(
        "outlets",
        outlets.iter().map(|o| (o.index, &o.id)),
        "filing.outlet.repeated",
    );
    let mut months = HashMap::new();
    // Discharges may also give the previous year's months, for totals over
    // any 12 consecutive months (HJ 942-2018); to_plant may not.
    let discharges = cx.list(&f, "discharges", |cx, n| month_row(cx, n, &mut months, 1));
    let mut months = HashMap::new();
    let to_plant = cx.list(&f, "to_plant", |cx, n| month_row(cx, n, &mut months, 0));
    let (disclosures, events) = disclosures_and_events(cx, &f);
    Some(Enterprise {
        index: cx.position(),
        id,
        name,
        industry,
        status: status?,
        cleaner_production,
        planned,
        categories,
        permit,
        outlets,
        discharges,
        to_plant,
        disclosures,
        events,
        span: node.span,
    })
}

/// The discharge permit. A missing number is empty text (its error recorded).
fn permit<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>) -> Option<Permit> {
    let f = cx.mapping(node, &PERMIT_KEYS, &[])?;
    let number = cx
        .req(&f, "number", text)
        .unwrap_or_else(|| empty(f.anchor()));
    let valid_from = cx.opt(&f, "valid_from", date);
    let valid_until = cx.opt(&f, "valid_until", date);
    if let (Some(from), Some(until)) = (&valid_from, &valid_until)
        && until.value < from.value
    {
        let args: crate::filing::cx::Args<'_> = &[("until", &until.value), ("from", &from.value)];
        cx.key("valid_until", |cx| {
            cx.error("filing.permit.dates", args, until.span)
        });
    }
    let annual_limits = cx
        .opt(&f, "annual_limits", |cx, n| {
            entries(cx, n, &[], |cx, _, v| annual_limit(cx, v))
        })
        .map(|(_, e)| e)
        .unwrap_or_default();
    Some(Permit {
        number,
        valid_from,
        valid_until,
        annual_limits,
        span: node.span,
    })
}

/// `"35 t/a"` (every year) or `{2023: "35 t/a", 2024: "33 t/a"}`.
fn annual_limit<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>) -> Option<AnnualLimit> {
    let Kind::Map(years) = &node.kind else {
        return quantity(cx, node, false, Expect::AnnualRate).map(AnnualLimit::Every);
    };
    let mut out = Vec::new();
    for (k, v) in years {
        let Some((key, _)) = k.scalar() else { continue };
        let y = cx.key(key, |cx| year(cx, k));
        if v.is_null() {
            continue;
        }
        let q = cx.key(key, |cx| quantity(cx, v.get(), false, Expect::AnnualRate));
        if let (Some(y), Some(q)) = (y, q) {
            out.push((y, q));
        }
    }
    Some(AnnualLimit::PerYear(out))
}

/// `{month: 2025-01, COD: "2.9 t"}`: amounts are masses. `None` (after its
/// errors) when the month is bad or missing, outside the reporting year (or
/// the `years_before` years before it), or the month of an earlier row of
/// the same list (`months`: the months taken so far, where first given);
/// two rows are never summed.
fn month_row<'t>(
    cx: &mut Cx<'t>,
    node: &'t Node<'_>,
    months: &mut HashMap<YearMonth, Span>,
    years_before: i16,
) -> Option<MonthRow> {
    let mut refused = Vec::new();
    let (f, values) = entries(cx, node, &["month", "extra"], |cx, p, v| {
        let q = quantity(cx, v, false, Expect::Mass);
        if q.is_none() {
            refused.push(Spanned::new(p, v.span));
        }
        q
    })?;
    let month = cx.req(&f, "month", |cx, n| {
        let m = month(cx, n)?;
        // A month of an allowed earlier year is checked as the period's.
        let year = match cx.period {
            Some(p) if (p - years_before..p).contains(&m.value.year) => p,
            _ => m.value.year,
        };
        cx.dated_once(
            m,
            year,
            months,
            ("filing.period.month", "filing.month.repeated"),
            "month",
        )
    })?;
    Some(MonthRow {
        index: cx.position(),
        month,
        values,
        refused,
        span: node.span,
    })
}
