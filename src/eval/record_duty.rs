//! Reading an enterprise's disclosures and events as values (the records
//! that disclosure duties judge).

use super::record::Records;
use super::value::Value;
use crate::filing::model::{Disclosure, DisclosureKind, Event, EventKind};

impl<'f> Records<'f> {
    /// `enterprises[i].disclosures[k]`.
    pub fn disclosure(&self, i: usize, k: usize) -> Option<&'f Disclosure> {
        self.enterprise(i)?.disclosures.get(k)
    }
    /// `enterprises[i].events[k]`.
    pub fn event(&self, i: usize, k: usize) -> Option<&'f Event> {
        self.enterprise(i)?.events.get(k)
    }

    /// `d.name` of a disclosure; absent optional fields are missing.
    pub fn disclosure_field(
        &self,
        d: &'f Disclosure,
        name: &str,
        path: impl FnOnce() -> String,
    ) -> Value<'f> {
        match name {
            "kind" => Value::Text(
                match d.kind.value {
                    DisclosureKind::Annual => "annual",
                    DisclosureKind::Interim => "interim",
                }
                .into(),
                Some(d.kind.span),
            ),
            "covers" => d
                .covers
                .as_ref()
                .map_or_else(|| Value::missing(path()), |y| Value::Num(y.value.into())),
            "event" => d.event.as_ref().map_or_else(
                || Value::missing(path()),
                |e| Value::Text(e.value.clone(), Some(e.span)),
            ),
            "published" => Value::Date(d.published.value, Some(d.published.span)),
            "sections" => Value::List(
                d.sections
                    .iter()
                    .map(|s| Value::Text(s.value.clone(), Some(s.span)))
                    .collect(),
            ),
            _ => Value::missing(path()),
        }
    }

    /// `ev.name` of an event; an absent amount is missing.
    pub fn event_field(
        &self,
        ev: &'f Event,
        name: &str,
        path: impl FnOnce() -> String,
    ) -> Value<'f> {
        match name {
            "id" => Value::Text(ev.id.value.clone(), Some(ev.id.span)),
            "kind" => Value::Text(event_kind(ev.kind.value).into(), Some(ev.kind.span)),
            "received" => Value::Date(ev.received.value, Some(ev.received.span)),
            "amount" => ev.amount.as_ref().map_or_else(
                || Value::missing(path()),
                |a| Value::qty(a.value.clone(), Some(a.span)),
            ),
            _ => Value::missing(path()),
        }
    }
}

/// The filing's word for an event kind.
pub fn event_kind(k: EventKind) -> &'static str {
    match k {
        EventKind::PermitGranted => "permit_granted",
        EventKind::PermitChanged => "permit_changed",
        EventKind::PermitRevoked => "permit_revoked",
        EventKind::Penalty => "penalty",
        EventKind::DailyPenalty => "daily_penalty",
        EventKind::ProductionRestricted => "production_restricted",
        EventKind::Detention => "detention",
        EventKind::Criminal => "criminal",
        EventKind::Compensation => "compensation",
        EventKind::Incident => "incident",
    }
}
