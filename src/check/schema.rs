//! The filing schema as the rule language sees it: which fields each record
//! kind has and their static types. The checker resolves `x.name` here; the
//! evaluator reads the same names from the filing model.

use super::ir::{RecordKind, Type};
use crate::values::{Dim, Unit};

fn dim(unit: &str) -> Option<Dim> {
    Unit::parse(unit).ok().map(|u| u.dim)
}

/// Fields of each record kind, with their types.
pub fn fields(kind: RecordKind) -> Vec<(&'static str, Type)> {
    use RecordKind as R;
    use Type as T;
    let rec = |k| T::Record(k);
    let list = |t| T::List(Box::new(t));
    let pmap = |t| T::PollutantMap(Box::new(t));
    match kind {
        R::Park => vec![
            ("id", T::Text),
            ("name", T::Text),
            ("kind", T::Text),
            ("region", T::Text),
            ("period", T::Number),
            ("timezone", T::Text),
            ("caps", pmap(T::Quantity(dim("t/a")))),
            ("enterprises", list(rec(R::Enterprise))),
        ],
        R::Enterprise => vec![
            ("id", T::Text),
            ("name", T::Text),
            ("industry", T::Text),
            ("status", T::Text),
            ("cleaner_production", T::Text),
            ("planned", rec(R::Planned)),
            ("categories", list(T::Text)),
            ("permit", rec(R::Permit)),
            ("outlets", list(rec(R::Outlet))),
            ("discharged", list(T::Pollutant)),
            ("earlier_months", T::Number),
            ("disclosures", list(rec(R::Disclosure))),
            ("events", list(rec(R::Event))),
        ],
        R::Outlet => vec![
            ("id", T::Text),
            ("medium", T::Text),
            ("type", T::Text),
            ("eia_approved", T::Date),
            ("standard", T::Text),
            ("class", T::Text),
            ("limits", pmap(rec(R::PermitLimit))),
            ("receiving", T::Text),
            ("samples", list(rec(R::Sample))),
            ("enterprise", rec(R::Enterprise)),
            ("series", list(rec(R::Series))),
        ],
        R::Sample => vec![("date", T::Date)],
        R::Series => vec![("pollutant", T::Pollutant)],
        R::Window => vec![
            ("mean", T::Quantity(None)),
            ("flow_weighted_mean", T::Quantity(None)),
            ("valid", T::Number),
            ("needed", T::Number),
            ("excluded", T::Number),
            ("not_detected", T::Number),
            ("start", T::Date),
        ],
        R::Disclosure => vec![
            ("kind", T::Text),
            ("covers", T::Number),
            ("event", T::Text),
            ("published", T::Date),
            ("sections", list(T::Text)),
        ],
        R::Event => vec![
            ("id", T::Text),
            ("kind", T::Text),
            ("received", T::Date),
            ("amount", T::Quantity(dim("CNY"))),
        ],
        R::Permit => vec![
            ("number", T::Text),
            ("valid_from", T::Date),
            ("valid_until", T::Date),
            ("annual_limits", pmap(T::Quantity(dim("t/a")))),
        ],
        // `output` is any amount per year (t/a, m2/a, count/a): its unit is
        // known only from the filing.
        R::Planned => vec![
            ("output", T::Quantity(None)),
            ("value_added", T::Quantity(dim("10^8 CNY/a"))),
            ("discharges", pmap(T::Quantity(dim("t/a")))),
        ],
        R::PermitLimit => vec![
            ("concentration", T::Quantity(dim("mg/L"))),
            ("hourly", T::Quantity(dim("mg/L"))),
            ("daily", T::Quantity(dim("mg/L"))),
            ("committed", T::Quantity(dim("mg/L"))),
            ("rate", T::Quantity(dim("kg/h"))),
            ("grade", T::Number),
            ("range", T::Range(None)),
        ],
    }
}

/// The closed list of words a text field (or a list field's items) takes,
/// as the filing loader accepts them (`values::words`).
pub fn domain(kind: RecordKind, name: &str) -> Option<&'static [&'static str]> {
    use crate::values::words as w;
    use RecordKind as R;
    Some(match (kind, name) {
        (R::Park, "kind") => &w::PARK_KINDS,
        (R::Enterprise, "status") => &w::STATUSES,
        (R::Enterprise, "categories") => &w::CATEGORIES,
        (R::Enterprise, "cleaner_production") => &w::CLEANER_PRODUCTION,
        (R::Outlet, "medium") => &w::MEDIA,
        (R::Outlet, "type") => &w::OUTLET_TYPES,
        (R::Outlet, "receiving") => &w::RECEIVING,
        (R::Disclosure, "kind") => &w::DISCLOSURE_KINDS,
        (R::Disclosure, "sections") => &w::SECTIONS,
        (R::Event, "kind") => &w::EVENT_KINDS,
        _ => return None,
    })
}

/// The type of `kind.name`, if the field exists.
pub fn field_type(kind: RecordKind, name: &str) -> Option<Type> {
    fields(kind)
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t)
}

/// Type of indexing a record by a pollutant (`s[p]`): samples only.
pub fn index_type(kind: RecordKind) -> Option<Type> {
    match kind {
        RecordKind::Sample => Some(Type::Measurement(None)),
        _ => None,
    }
}
