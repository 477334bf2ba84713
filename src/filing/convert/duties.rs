//! An enterprise's information disclosures (MEE Order No. 24) and the events
//! that trigger disclosure duties. Dates are not restricted to the reporting
//! year: the annual report for year Y is published in Y+1.

use super::empty;
use crate::filing::cx::{Args, Cx, Fields, visible};
use crate::filing::fields::quantity::{Expect, quantity};
use crate::filing::fields::{choice, local_date, text, year};
use crate::filing::model::{Disclosure, DisclosureKind, Event, EventKind};
use crate::filing::tree::Node;
use crate::values::Spanned;
use crate::values::words::{self, SECTIONS};

const DISCLOSURE_KEYS: [&str; 6] = ["kind", "covers", "event", "published", "sections", "extra"];
const EVENT_KEYS: [&str; 5] = ["id", "kind", "received", "amount", "extra"];
const DISCLOSURE_KINDS: [(&str, DisclosureKind); 2] = [
    (words::DISCLOSURE_KINDS[0], DisclosureKind::Annual),
    (words::DISCLOSURE_KINDS[1], DisclosureKind::Interim),
];
const EVENT_KINDS: [(&str, EventKind); 10] = [
    (words::EVENT_KINDS[0], EventKind::PermitGranted),
    (words::EVENT_KINDS[1], EventKind::PermitChanged),
    (words::EVENT_KINDS[2], EventKind::PermitRevoked),
    (words::EVENT_KINDS[3], EventKind::Penalty),
    (words::EVENT_KINDS[4], EventKind::DailyPenalty),
    (words::EVENT_KINDS[5], EventKind::ProductionRestricted),
    (words::EVENT_KINDS[6], EventKind::Detention),
    (words::EVENT_KINDS[7], EventKind::Criminal),
    (words::EVENT_KINDS[8], EventKind::Compensation),
    (words::EVENT_KINDS[9], EventKind::Incident),
];

/// Reads `disclosures` and `events` of an enterprise mapping, then checks
/// that event ids are unique and that each interim disclosure names an
/// event of the enterprise.
pub(super) fn disclosures_and_events<'t>(
    cx: &mut Cx<'t>,
    f: &Fields<'t, '_>,
) -> (Vec<Disclosure>, Vec<Event>) {
    let mut disclosures = cx.list(f, "disclosures", disclosure);
    // Ids of every event whose id could be read, even when the event was
    // dropped after another error: a reference to it is not a second error.
    let mut ids = Vec::new();
    let events = cx.list(f, "events", |cx, n| event(cx, n, &mut ids));
    cx.unique_ids(
        "events",
        events.iter().map(|e| (e.index, &e.id)),
        "filing.event.repeated",
    );
    // Each interim disclosure's event: named in `events` (else the
    // reference is dropped after its error), and received by the day the
    // disclosure was published.
    for d in &mut disclosures {
        let Some(ev) = &d.event else { continue };
        let Some(e) = events.iter().find(|e| e.id.value == ev.value) else {
            if !ids.contains(&ev.value) {
                let args: Args<'_> = &[("id", &visible(&ev.value))];
                at(cx, d.index, "event", |cx| {
                    cx.error("filing.disclosure.event_unknown", args, ev.span);
                });
                d.event = None;
            }
            continue;
        };
        if d.published.value < e.received.value {
            let args: Args<'_> = &[
                ("published", &d.published.value),
                ("id", &e.id.value),
                ("received", &e.received.value),
            ];
            at(cx, d.index, "published", |cx| {
                cx.error("filing.disclosure.before_event", args, d.published.span);
            });
        }
    }
    (disclosures, events)
}

/// Runs `f` at `disclosures[index].key`.
fn at<'t>(cx: &mut Cx<'t>, index: usize, key: &'t str, f: impl FnOnce(&mut Cx<'t>)) {
    cx.key("disclosures", |cx| cx.index(index, |cx| cx.key(key, f)));
}

/// One disclosure; `None` (after its errors) when `kind` or `published` is
/// bad or missing.
fn disclosure<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>) -> Option<Disclosure> {
    let f = cx.mapping(node, &DISCLOSURE_KEYS, &[])?;
    let kind = cx.req(&f, "kind", |cx, n| {
        choice(cx, n, "filing.what.disclosure_kind", &DISCLOSURE_KINDS)
    });
    let mut covers = cx.opt(&f, "covers", year);
    let mut event = cx.opt(&f, "event", text);
    let published = cx.req(&f, "published", local_date);
    let sections = cx
        .list(&f, "sections", |cx, n| {
            choice(cx, n, "filing.what.section", &SECTIONS.map(|s| (s, s)))
        })
        .into_iter()
        .map(|s| Spanned::new(s.value.to_string(), s.span))
        .collect();
    let kind = kind?;
    match kind.value {
        DisclosureKind::Annual => {
            if covers.is_none() && !present(&f, "covers") {
                cx.error("filing.disclosure.annual_covers", &[], kind.span);
            }
            if let Some(e) = event.take() {
                cx.key("event", |cx| {
                    cx.error("filing.disclosure.annual_event", &[], e.span)
                });
            }
        }
        DisclosureKind::Interim => {
            if event.is_none() && !present(&f, "event") {
                cx.error("filing.disclosure.interim_event", &[], kind.span);
            }
            if let Some(c) = covers.take() {
                cx.key("covers", |cx| {
                    cx.error("filing.disclosure.interim_covers", &[], c.span)
                });
            }
        }
    }
    let published = published?;
    if let Some(c) = covers
        .as_ref()
        .filter(|c| published.value.year() <= c.value)
    {
        let args: crate::filing::cx::Args<'_> =
            &[("published", &published.value), ("covers", &c.value)];
        cx.key("published", |cx| {
            cx.error("filing.disclosure.before_year_end", args, published.span);
        });
    }
    Some(Disclosure {
        index: cx.position(),
        kind,
        covers,
        event,
        published,
        sections,
        span: node.span,
    })
}

/// True when `key` is written with a value (its own error, if bad, is
/// already recorded).
fn present(f: &Fields<'_, '_>, key: &str) -> bool {
    f.entry(key).is_some_and(|(_, v)| !v.is_null())
}

/// One event; `None` (after its errors) when `kind` or `received` is bad or
/// missing. A readable id is added to `ids` either way.
fn event<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>, ids: &mut Vec<String>) -> Option<Event> {
    let f = cx.mapping(node, &EVENT_KEYS, &[])?;
    let id = cx.req(&f, "id", text);
    if let Some(id) = &id
        && !id.value.is_empty()
    {
        ids.push(id.value.clone());
    }
    let id = id.unwrap_or_else(|| empty(f.anchor()));
    let kind = cx.req(&f, "kind", |cx, n| {
        choice(cx, n, "filing.what.event_kind", &EVENT_KINDS)
    });
    let received = cx.req(&f, "received", local_date);
    let penalty = kind.as_ref().map(|k| k.value == EventKind::Penalty);
    let amount = cx.opt(&f, "amount", |cx, n| {
        if penalty == Some(false) {
            let k = EVENT_KINDS
                .iter()
                .find(|(_, v)| Some(*v) == kind.as_ref().map(|k| k.value))
                .map_or("", |(name, _)| name);
            cx.error("filing.event.amount", &[("kind", &k)], n.span);
            return None;
        }
        quantity(cx, n, false, Expect::Money)
    });
    Some(Event {
        index: cx.position(),
        id,
        kind: kind?,
        received: received?,
        amount,
        span: node.span,
    })
}
