//! Outlets, their permitted limits and manual samples.

use super::empty;
use crate::filing::cx::Cx;
use crate::filing::fields::ids::standard;
use crate::filing::fields::pollutants::entries;
use crate::filing::fields::quantity::{limit, measurement};
use crate::filing::fields::{boolean, choice, date, text};
use crate::filing::model::{Medium, Outlet, OutletType, Sample};
use crate::filing::tree::Node;
use crate::values::words;
use crate::values::{Span, Spanned};
use jiff::civil::Date;
use std::collections::HashMap;

const KEYS: [&str; 12] = [
    "id",
    "medium",
    "type",
    "eia_approved",
    "standard",
    "class",
    "limits",
    "receiving",
    "online_monitoring",
    "samples",
    "monitoring",
    "extra",
];
const MEDIA: [(&str, Medium); 2] = [
    (words::MEDIA[0], Medium::Water),
    (words::MEDIA[1], Medium::Air),
];
const TYPES: [(&str, OutletType); 2] = [
    (words::OUTLET_TYPES[0], OutletType::Main),
    (words::OUTLET_TYPES[1], OutletType::General),
];

/// One outlet; `None` (after its errors) when `medium` is bad or missing.
pub(super) fn outlet<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>) -> Option<Outlet> {
    let f = cx.mapping(node, &KEYS, &[])?;
    let id = cx.req(&f, "id", text).unwrap_or_else(|| empty(f.anchor()));
    let medium = cx.req(&f, "medium", |cx, n| {
        choice(cx, n, "filing.what.medium", &MEDIA)
    });
    let outlet_type = cx.opt(&f, "type", |cx, n| {
        choice(cx, n, "filing.what.outlet_type", &TYPES)
    });
    let eia_approved = cx.opt(&f, "eia_approved", date);
    let standard = cx.opt(&f, "standard", standard);
    let class = cx.opt(&f, "class", discharge_class);
    let m = medium.as_ref().map(|m| m.value);
    let limits = cx
        .opt(&f, "limits", |cx, n| {
            entries(cx, n, &[], |cx, p, v| limit(cx, v, p, m))
        })
        .map(|(_, e)| e)
        .unwrap_or_default();
    let receiving = cx
        .opt(&f, "receiving", |cx, n| {
            choice(
                cx,
                n,
                "filing.what.receiving",
                &words::RECEIVING.map(|r| (r, r)),
            )
        })
        .map(|r| Spanned::new(r.value.to_string(), r.span));
    let online_monitoring = cx.opt(&f, "online_monitoring", boolean);
    let mut dates = HashMap::new();
    let samples = cx.list(&f, "samples", |cx, n| sample(cx, n, m, &mut dates));
    let monitoring = cx.opt(&f, "monitoring", |cx, n| {
        super::monitoring::monitoring(cx, n)
    });
    Some(Outlet {
        index: cx.position(),
        id,
        medium: medium?,
        outlet_type,
        eia_approved,
        standard,
        class,
        limits,
        receiving,
        online_monitoring,
        samples,
        monitoring,
        span: node.span,
    })
}

/// `{date: 2025-04-12, COD: "48 mg/L", pH: "7.4"}` at an outlet of
/// `medium`. `None` (after its errors) when the date is bad or missing,
/// outside the reporting year, or the date of an earlier sample of the
/// outlet (`dates`: the dates taken so far, where first given).
fn sample<'t>(
    cx: &mut Cx<'t>,
    node: &'t Node<'_>,
    medium: Option<Medium>,
    dates: &mut HashMap<Date, Span>,
) -> Option<Sample> {
    let (f, values) = entries(cx, node, &["date", "extra"], |cx, p, v| {
        measurement(cx, v, p, medium)
    })?;
    let date = cx.req(&f, "date", |cx, n| {
        let d = date(cx, n)?;
        let year = d.value.year();
        cx.dated_once(
            d,
            year,
            dates,
            ("filing.period.date", "filing.sample.repeated"),
            "date",
        )
    })?;
    Some(Sample {
        index: cx.position(),
        date,
        values,
        span: node.span,
    })
}

/// A discharge class as standards write it (`I`, `II`, `III`, `1A`, `1B`).
/// Look-alikes match no table column, so they are errors naming the
/// canonical spelling: Roman-numeral characters (`Ⅱ`), full-width letters,
/// lowercase (`1a`) and the Chinese grade names (`一级A`, `二级`).
fn discharge_class(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<String>> {
    let class = text(cx, node)?;
    let canonical = canonical_class(&class.value);
    if canonical == class.value {
        return Some(class);
    }
    let args: crate::filing::cx::Args<'_> = &[("text", &class.value), ("ascii", &canonical)];
    cx.error("filing.class.ascii", args, class.span);
    None
}

fn canonical_class(text: &str) -> String {
    let grades = [("一级", "I"), ("二级", "II"), ("三级", "III")];
    let mut s = text.trim().to_string();
    for (zh, roman) in grades {
        if let Some(rest) = s.strip_prefix(zh) {
            // GB 18918 writes class 1A as 一级A; GB 8978 writes class I as 一级.
            s = if rest.is_empty() {
                roman.to_string()
            } else {
                format!("{}{rest}", &zh_digit(zh))
            };
        }
    }
    s.chars()
        .map(|c| match c {
            'Ⅰ' => "I".to_string(),
            'Ⅱ' => "II".to_string(),
            'Ⅲ' => "III".to_string(),
            'Ⅳ' => "IV".to_string(),
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９' => char::from_u32(c as u32 - 0xFEE0)
                .map_or(String::new(), |c| c.to_ascii_uppercase().to_string()),
            c => c.to_ascii_uppercase().to_string(),
        })
        .collect()
}

fn zh_digit(zh: &str) -> &'static str {
    match zh {
        "一级" => "1",
        "二级" => "2",
        _ => "3",
    }
}
