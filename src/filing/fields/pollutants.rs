//! Mappings keyed by pollutant (`{COD: "35 t/a", 氨氮: "3.5 t/a"}`): keys
//! by any registry name, alias, Chinese name or HJ 212 code; unknown names
//! and the same pollutant twice (`COD` and `CODcr`) are errors.

use crate::filing::cx::{Cx, Fields, suggest, visible};
use crate::filing::tree::{Kind, Node};
use crate::messages::t;
use crate::values::{Diagnostic, Pollutant, Span, Spanned};

/// Converted entries of a pollutant-keyed mapping.
pub(crate) type Entries<V> = Vec<(Spanned<Pollutant>, V)>;

/// Reads `node` as a mapping whose keys are pollutants, except the
/// `reserved` keys (`date`, `month`, `extra`), which the caller reads from
/// the returned [`Fields`]. Each value is converted by `conv` with its key,
/// as written, on the path; null values are absent; bad values are dropped.
pub(crate) fn entries<'t, 'a, V>(
    cx: &mut Cx<'t>,
    node: &'t Node<'a>,
    reserved: &[&str],
    mut conv: impl FnMut(&mut Cx<'t>, Pollutant, &'t Node<'a>) -> Option<V>,
) -> Option<(Fields<'t, 'a>, Entries<V>)> {
    let node = node.get();
    let Kind::Map(map) = &node.kind else {
        cx.expected("filing.what.mapping", node);
        return None;
    };
    let mut out: Entries<V> = Vec::new();
    let mut seen: Vec<(Pollutant, &'t str, Span)> = Vec::new();
    for (k, v) in map {
        let Some((key, _)) = k.scalar() else { continue };
        if reserved.contains(&key) {
            continue;
        }
        let Some(p) = Pollutant::lookup(key) else {
            unknown(cx, key, k.span, reserved);
            continue;
        };
        if let Some(&(_, first, first_span)) = seen.iter().find(|(q, ..)| *q == p) {
            let args: crate::filing::cx::Args<'_> =
                &[("name", &p), ("first", &first), ("second", &key)];
            let d = Diagnostic::error(
                "filing.pollutant.duplicate",
                t("filing.pollutant.duplicate", args),
                Some(k.span),
            )
            .with_help(t("filing.pollutant.duplicate.help", &[]))
            .with_related(first_span, t("filing.duplicate_key.first", &[]));
            cx.report(d);
            continue;
        }
        seen.push((p, key, k.span));
        if v.is_null() {
            continue;
        }
        if let Some(value) = cx.key(key, |cx| conv(cx, p, v.get())) {
            out.push((Spanned::new(p, k.span), value));
        }
    }
    let fields = Fields { node, entries: map };
    if reserved.contains(&"extra") {
        cx.check_extra(&fields);
    }
    Some((fields, out))
}

fn unknown(cx: &mut Cx<'_>, key: &str, span: Span, reserved: &[&str]) {
    let close = suggest(key, reserved.iter().copied()).or_else(|| Pollutant::suggest(key));
    let help = match close {
        Some(s) => t("filing.did_you_mean", &[("suggest", &s)]),
        None => t("filing.pollutant.unknown.help", &[]),
    };
    cx.error_help(
        "filing.pollutant.unknown",
        &[("text", &visible(key))],
        span,
        help,
    );
}
