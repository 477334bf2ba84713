//! Outlets, their permitted limits and manual samples.

use super::empty;
use crate::filing::cx::Cx;
use crate::filing::fields::pollutants::entries;
use crate::filing::fields::quantity::{limit, measurement};
use crate::filing::fields::{boolean, choice, date, text};
use crate::filing::model::{Medium, Outlet, OutletType, Sample};
use crate::filing::tree::Node;
use crate::values::Spanned;

const KEYS: [&str; 11] = [
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
    "extra",
];
/// Accepted and not read yet (the monitoring series is a later issue).
const IGNORED: [&str; 1] = ["monitoring"];
const MEDIA: [(&str, Medium); 2] = [("water", Medium::Water), ("air", Medium::Air)];
const TYPES: [(&str, OutletType); 2] =
    [("main", OutletType::Main), ("general", OutletType::General)];
const RECEIVING: [(&str, &str); 4] = [
    ("surface_water", "surface_water"),
    ("sea", "sea"),
    ("sewer", "sewer"),
    ("park_plant", "park_plant"),
];

/// One outlet; `None` (after its errors) when `medium` is bad or missing.
pub(super) fn outlet<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>) -> Option<Outlet> {
    let f = cx.mapping(node, &KEYS, &IGNORED)?;
    let id = cx.req(&f, "id", text).unwrap_or_else(|| empty(f.anchor()));
    let medium = cx.req(&f, "medium", |cx, n| {
        choice(cx, n, "filing.what.medium", &MEDIA)
    });
    let outlet_type = cx.opt(&f, "type", |cx, n| {
        choice(cx, n, "filing.what.outlet_type", &TYPES)
    });
    let eia_approved = cx.opt(&f, "eia_approved", date);
    let standard = cx.opt(&f, "standard", text);
    let class = cx.opt(&f, "class", text);
    let limits = cx
        .opt(&f, "limits", |cx, n| {
            entries(cx, n, &[], |cx, p, v| limit(cx, v, p.info().unitless))
        })
        .map(|(_, e)| e)
        .unwrap_or_default();
    let receiving = cx
        .opt(&f, "receiving", |cx, n| {
            choice(cx, n, "filing.what.receiving", &RECEIVING)
        })
        .map(|r| Spanned::new(r.value.to_string(), r.span));
    let online_monitoring = cx.opt(&f, "online_monitoring", boolean);
    let samples = cx.list(&f, "samples", sample);
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
        span: node.span,
    })
}

/// `{date: 2025-04-12, COD: "48 mg/L", pH: "7.4"}`. `None` (after its
/// errors) when the date is bad or missing.
fn sample<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>) -> Option<Sample> {
    let (f, values) = entries(cx, node, &["date", "extra"], |cx, p, v| {
        measurement(cx, v, p.info().unitless)
    })?;
    let date = cx.req(&f, "date", date)?;
    Some(Sample {
        index: cx.position(),
        date,
        values,
        span: node.span,
    })
}
