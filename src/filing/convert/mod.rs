//! Stage 2: the node tree to [`Filing`], collecting every error.

mod applicant;
mod duties;
mod enterprise;
mod monitoring;
mod outlet;

use super::cx::{Cx, found};
use super::fields::ids::{region, timezone};
use super::fields::pollutants::entries;
use super::fields::quantity::{Expect, quantity};
use super::fields::{choice, text, year};
use super::model::{Filing, Park, ParkKind};
use super::tree::{Kind, Node};
use crate::values::words;
use crate::values::{Diagnostic, FileId, Span, Spanned};

/// The format name a filing must declare.
pub(crate) const FORMAT: &str = "eipcheck/filing/v1";

const TOP_KEYS: [&str; 4] = ["format", "park", "enterprises", "extra"];
const PARK_KEYS: [&str; 9] = [
    "id", "name", "kind", "region", "period", "timezone", "caps", "stats", "extra",
];
const PARK_KINDS: [(&str, ParkKind); 3] = [
    (words::PARK_KINDS[0], ParkKind::Sector),
    (words::PARK_KINDS[1], ParkKind::Comprehensive),
    (words::PARK_KINDS[2], ParkKind::Venous),
];

/// Converts the document's root. `None` only when the root is not a mapping.
pub(crate) fn filing(
    root: &Node<'_>,
    file: FileId,
    source: &str,
    path: &str,
    sha256: &str,
    merged: Vec<Span>,
) -> (Option<Filing>, Vec<Diagnostic>) {
    let mut cx = Cx::default();
    cx.merged = merged;
    // Monitoring files are named relative to the filing's folder.
    cx.folder = std::path::Path::new(path)
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    cx.line_starts = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let root = root.get();
    if !matches!(root.kind, Kind::Map(_)) {
        let found = found(root);
        cx.error("filing.not_mapping", &[("found", &found)], root.span);
        return (None, cx.diags);
    }
    let Some(f) = cx.mapping(root, &TOP_KEYS, &[]) else {
        return (None, cx.diags);
    };
    cx.req(&f, "format", |cx, n| {
        let format = text(cx, n)?;
        if format.value != FORMAT {
            cx.error(
                "filing.format",
                &[("text", &format.value), ("format", &FORMAT)],
                format.span,
            );
        }
        Some(())
    });
    // The park first: its period is the year every date is checked against.
    let park = cx
        .req(&f, "park", |cx, n| Some(park(cx, n)))
        .unwrap_or_else(|| empty_park(f.anchor()));
    cx.period = park.period.as_ref().map(|p| p.value);
    // An unknown name is already an error at `park.timezone`; the bundled
    // database always has the default.
    cx.timezone = jiff::tz::db()
        .get(&park.timezone.value)
        .unwrap_or(jiff::tz::TimeZone::UTC);
    let enterprises = cx.list(&f, "enterprises", enterprise::enterprise);
    cx.unique_ids(
        "enterprises",
        enterprises.iter().map(|e| (e.index, &e.id)),
        "filing.enterprise.repeated",
    );
    let filing = Filing {
        path: path.to_string(),
        file,
        sha256: sha256.to_string(),
        park,
        enterprises,
    };
    (Some(filing), cx.diags)
}

/// Empty text where a required text field is missing (its error recorded).
pub(crate) fn empty(span: Span) -> Spanned<String> {
    Spanned::new(String::new(), span)
}

fn empty_park(span: Span) -> Park {
    Park {
        id: empty(span),
        name: empty(span),
        kind: None,
        region: None,
        period: None,
        timezone: Spanned::new("Asia/Shanghai".to_string(), span),
        caps: Vec::new(),
        stats: Vec::new(),
        span,
    }
}

fn park<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>) -> Park {
    let Some(f) = cx.mapping(node, &PARK_KEYS, &[]) else {
        return empty_park(node.span);
    };
    let at = f.anchor();
    Park {
        id: cx.req(&f, "id", text).unwrap_or_else(|| empty(at)),
        name: cx.req(&f, "name", text).unwrap_or_else(|| empty(at)),
        kind: cx.opt(&f, "kind", |cx, n| {
            choice(cx, n, "filing.what.park_kind", &PARK_KINDS)
        }),
        region: cx.opt(&f, "region", region),
        period: cx.req(&f, "period", year),
        timezone: cx
            .opt(&f, "timezone", timezone)
            .unwrap_or_else(|| Spanned::new("Asia/Shanghai".to_string(), node.span)),
        caps: cx
            .opt(&f, "caps", |cx, n| {
                entries(cx, n, &[], |cx, _, v| {
                    quantity(cx, v, false, Expect::AnnualRate)
                })
            })
            .map(|(_, e)| e)
            .unwrap_or_default(),
        stats: cx.opt(&f, "stats", stats).unwrap_or_default(),
        span: node.span,
    }
}

type Stats = Vec<(
    Spanned<i16>,
    Vec<(Spanned<String>, Spanned<crate::values::Quantity>)>,
)>;

/// `stats: {2025: {industrial_value_added: "356.2 10^8 CNY"}}`: names are free.
fn stats<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>) -> Option<Stats> {
    let Kind::Map(years) = &node.kind else {
        cx.expected("filing.what.mapping", node);
        return None;
    };
    let mut out = Vec::new();
    for (k, v) in years {
        let Some((key, _)) = k.scalar() else { continue };
        let y = cx.key(key, |cx| year(cx, k));
        let values = cx.key(key, |cx| {
            let Kind::Map(items) = &v.get().kind else {
                cx.expected("filing.what.mapping", v.get());
                return Vec::new();
            };
            items
                .iter()
                .filter(|(_, q)| !q.is_null())
                .filter_map(|(name, q)| {
                    let (n, _) = name.scalar()?;
                    let q = cx.key(n, |cx| quantity(cx, q.get(), false, Expect::Stat))?;
                    Some((Spanned::new(n.to_string(), name.span), q))
                })
                .collect()
        });
        if let Some(y) = y {
            out.push((y, values));
        }
    }
    Some(out)
}
