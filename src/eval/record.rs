//! Reading filing records as values: field access by the names of
//! `check::schema`, record ids, paths and spans.

use super::value::{Rec, Value};
use crate::filing::model::{
    AnnualLimit, Enterprise, Filing, Medium, Outlet, OutletType, ParkKind, PermitLimit, Planned,
    Sample, Status,
};
use crate::values::{Pollutant, Quantity, Span, Spanned};

fn text<'f>(s: &Spanned<String>) -> Value<'f> {
    Value::Text(s.value.clone(), Some(s.span))
}

fn opt<'f, T>(
    v: Option<&T>,
    what: impl FnOnce() -> String,
    f: impl FnOnce(&T) -> Value<'f>,
) -> Value<'f> {
    v.map_or_else(|| Value::missing(what()), f)
}

fn qty<'f>(q: &Spanned<Quantity>) -> Value<'f> {
    Value::qty(q.value.clone(), Some(q.span))
}

fn enum_text<'f, T>(s: &Spanned<T>, name: &str) -> Value<'f> {
    Value::Text(name.to_string(), Some(s.span))
}

/// The filing being judged, with helpers to reach its records.
#[derive(Debug, Clone, Copy)]
pub struct Records<'f> {
    /// The filing.
    pub filing: &'f Filing,
    /// The folded online-monitoring series of monitored outlets.
    pub series: &'f [crate::series::Monitored],
    /// Each monitored outlet's file name, shared by the findings over its
    /// windows (same order as `series`).
    pub files: &'f [std::sync::Arc<str>],
}

impl<'f> Records<'f> {
    /// `enterprises[i]`.
    pub fn enterprise(&self, i: usize) -> Option<&'f Enterprise> {
        self.filing.enterprises.get(i)
    }
    /// `enterprises[i].outlets[j]`.
    pub fn outlet(&self, i: usize, j: usize) -> Option<&'f Outlet> {
        self.enterprise(i)?.outlets.get(j)
    }
    /// `enterprises[i].outlets[j].samples[k]`.
    pub fn sample(&self, i: usize, j: usize, k: usize) -> Option<&'f Sample> {
        self.outlet(i, j)?.samples.get(k)
    }
    /// `enterprises[i].planned`.
    pub fn planned(&self, i: usize) -> Option<&'f Planned> {
        self.enterprise(i)?.planned.as_ref()
    }
    /// Filing path of a record (`enterprises[0].outlets[1]`), by the
    /// positions written in the filing.
    pub fn path(&self, r: Rec<'f>) -> String {
        let e = |i: usize| self.enterprise(i).map_or(i, |e| e.index);
        let o = |i: usize, j: usize| self.outlet(i, j).map_or(j, |o| o.index);
        match r {
            Rec::Park => "park".into(),
            Rec::Enterprise(i) => format!("enterprises[{}]", e(i)),
            Rec::Outlet(i, j) => format!("enterprises[{}].outlets[{}]", e(i), o(i, j)),
            Rec::Sample(i, j, k) => {
                let s = self.sample(i, j, k).map_or(k, |s| s.index);
                format!("enterprises[{}].outlets[{}].samples[{s}]", e(i), o(i, j))
            }
            Rec::Permit(i) => format!("enterprises[{}].permit", e(i)),
            Rec::Planned(i) => format!("enterprises[{}].planned", e(i)),
            Rec::Limit(_) => "limit".into(),
            Rec::Disclosure(i, k) => {
                let k = self.disclosure(i, k).map_or(k, |d| d.index);
                format!("enterprises[{}].disclosures[{k}]", e(i))
            }
            Rec::Event(i, k) => {
                let k = self.event(i, k).map_or(k, |ev| ev.index);
                format!("enterprises[{}].events[{k}]", e(i))
            }
            Rec::Series(m, _) | Rec::Window(m, ..) => {
                self.monitored(m).map_or_else(String::new, |m| {
                    self.path(Rec::Outlet(m.enterprise, m.outlet))
                })
            }
        }
    }
    /// Id of a record (`DW001`); samples give their date.
    pub fn id(&self, r: Rec<'f>) -> String {
        match r {
            Rec::Park => self.filing.park.id.value.clone(),
            Rec::Enterprise(i) | Rec::Permit(i) | Rec::Planned(i) => self
                .enterprise(i)
                .map(|e| e.id.value.clone())
                .unwrap_or_default(),
            Rec::Outlet(i, j) => self
                .outlet(i, j)
                .map(|o| o.id.value.clone())
                .unwrap_or_default(),
            Rec::Sample(i, j, k) => self
                .sample(i, j, k)
                .map(|s| s.date.value.to_string())
                .unwrap_or_default(),
            Rec::Limit(_) => String::new(),
            // `annual 2024`, `interim EV-1`: what the disclosure is.
            Rec::Disclosure(i, k) => self
                .disclosure(i, k)
                .map(|d| match (&d.covers, &d.event) {
                    (Some(y), _) => format!("annual {}", y.value),
                    (None, Some(ev)) => format!("interim {}", ev.value),
                    (None, None) => "disclosure".to_string(),
                })
                .unwrap_or_default(),
            Rec::Event(i, k) => self
                .event(i, k)
                .map(|ev| ev.id.value.clone())
                .unwrap_or_default(),
            Rec::Series(m, _) | Rec::Window(m, ..) => {
                self.monitored(m).map_or_else(String::new, |m| {
                    self.id(Rec::Outlet(m.enterprise, m.outlet))
                })
            }
        }
    }
    /// Span of a record.
    pub fn span(&self, r: Rec<'f>) -> Option<Span> {
        match r {
            Rec::Park => Some(self.filing.park.span),
            Rec::Enterprise(i) => self.enterprise(i).map(|e| e.span),
            Rec::Outlet(i, j) => self.outlet(i, j).map(|o| o.span),
            Rec::Sample(i, j, k) => self.sample(i, j, k).map(|s| s.span),
            Rec::Permit(i) => self
                .enterprise(i)
                .and_then(|e| e.permit.as_ref())
                .map(|p| p.span),
            Rec::Planned(i) => self.planned(i).map(|p| p.span),
            Rec::Limit(l) => Some(l.span),
            Rec::Disclosure(i, k) => self.disclosure(i, k).map(|d| d.span),
            Rec::Event(i, k) => self.event(i, k).map(|ev| ev.span),
            // A window: where its first reading is in the file.
            Rec::Window(m, k, scale, w, _) => self.window_span(m, k, scale, w),
            Rec::Series(m, _) => self
                .monitored(m)
                .and_then(|m| self.span(Rec::Outlet(m.enterprise, m.outlet))),
        }
    }
    /// True when `r.name` has a value (no text is built to say it has not).
    pub fn has(&self, r: Rec<'f>, name: &str) -> bool {
        match r {
            Rec::Park => match name {
                "kind" => self.filing.park.kind.is_some(),
                "region" => self.filing.park.region.is_some(),
                _ => true,
            },
            Rec::Enterprise(i) => self.enterprise(i).is_some_and(|e| match name {
                "industry" => e.industry.is_some(),
                "permit" => e.permit.is_some(),
                "cleaner_production" => e.cleaner_production.is_some(),
                "planned" => e.planned.is_some(),
                _ => true,
            }),
            Rec::Planned(i) => self.planned(i).is_some_and(|p| match name {
                "output" => p.output.is_some(),
                "value_added" => p.value_added.is_some(),
                _ => true,
            }),
            Rec::Outlet(i, j) => self.outlet(i, j).is_some_and(|o| match name {
                "type" => o.outlet_type.is_some(),
                "eia_approved" => o.eia_approved.is_some(),
                "standard" => o.standard.is_some(),
                "class" => o.class.is_some(),
                "receiving" => o.receiving.is_some(),
                _ => true,
            }),
            Rec::Permit(i) => self
                .enterprise(i)
                .and_then(|e| e.permit.as_ref())
                .is_some_and(|p| match name {
                    "valid_from" => p.valid_from.is_some(),
                    "valid_until" => p.valid_until.is_some(),
                    _ => true,
                }),
            Rec::Limit(l) => match name {
                "concentration" => l.concentration.is_some(),
                "hourly" => l.hourly.is_some(),
                "daily" => l.daily.is_some(),
                "committed" => l.committed.is_some(),
                "rate" => l.rate.is_some(),
                "grade" => l.grade.is_some(),
                "range" => l.range.is_some(),
                _ => false,
            },
            Rec::Sample(..) => name == "date",
            Rec::Disclosure(i, k) => self.disclosure(i, k).is_some_and(|d| match name {
                "covers" => d.covers.is_some(),
                "event" => d.event.is_some(),
                _ => true,
            }),
            Rec::Event(i, k) => self
                .event(i, k)
                .is_some_and(|ev| name != "amount" || ev.amount.is_some()),
            Rec::Series(..) => true,
            Rec::Window(m, k, scale, w, asked) => {
                name != "mean" || self.window_has_mean(m, k, scale, w, asked)
            }
        }
    }

    /// Span of a record's id value (a one-line place to point at).
    pub fn id_span(&self, r: Rec<'f>) -> Option<Span> {
        match r {
            Rec::Park => Some(self.filing.park.id.span),
            Rec::Enterprise(i) => self.enterprise(i).map(|e| e.id.span),
            Rec::Outlet(i, j) => self.outlet(i, j).map(|o| o.id.span),
            _ => self.span(r),
        }
    }

    /// Where a subject states something about pollutant `p`: an outlet's
    /// permitted limit, an enterprise's permitted annual quantity, the
    /// park's cap.
    pub fn pollutant_span(&self, r: Rec<'f>, p: Pollutant) -> Option<Span> {
        match r {
            Rec::Park => self
                .filing
                .park
                .caps
                .iter()
                .find(|(k, _)| k.value == p)
                .map(|(_, v)| v.span),
            Rec::Enterprise(i) => self
                .enterprise(i)?
                .permit
                .as_ref()?
                .annual_limits
                .iter()
                .find(|(k, _)| k.value == p)
                .map(|(k, _)| k.span),
            Rec::Outlet(i, j) => self
                .outlet(i, j)?
                .limits
                .iter()
                .find(|(k, _)| k.value == p)
                .map(|(_, l)| l.span),
            _ => None,
        }
    }

    /// The reporting year. [`crate::eval::evaluate`] runs no rule when the
    /// filing has no valid reporting period, so this is never read then.
    pub fn year(&self) -> i16 {
        self.filing.park.period.as_ref().map_or(0, |p| p.value)
    }

    /// Reads `r.name`. Fields absent from the filing are missing, naming the path.
    pub fn field(&self, r: Rec<'f>, name: &str) -> Value<'f> {
        let path = || format!("{}.{name}", self.path(r));
        match r {
            Rec::Park => self.park_field(name, path),
            Rec::Enterprise(i) => self.enterprise(i).map_or(Value::missing(path()), |e| {
                self.enterprise_field(i, e, name, path)
            }),
            Rec::Outlet(i, j) if name == "series" => self.outlet_series(i, j),
            Rec::Outlet(i, j) => self.outlet(i, j).map_or(Value::missing(path()), |o| {
                outlet_field((i, j), o, name, path)
            }),
            Rec::Sample(i, j, k) => match (self.sample(i, j, k), name) {
                (Some(s), "date") => Value::Date(s.date.value, Some(s.date.span)),
                _ => Value::missing(path()),
            },
            Rec::Permit(i) => self.permit_field(i, name, path),
            Rec::Planned(i) => self
                .planned(i)
                .map_or_else(|| Value::missing(path()), |p| planned_field(p, name, path)),
            Rec::Limit(l) => limit_field(l, name, path),
            Rec::Disclosure(i, k) => self.disclosure(i, k).map_or_else(
                || Value::missing(path()),
                |d| self.disclosure_field(d, name, path),
            ),
            Rec::Event(i, k) => self.event(i, k).map_or_else(
                || Value::missing(path()),
                |ev| self.event_field(ev, name, path),
            ),
            Rec::Series(m, k) => self.series_field(m, k, name),
            Rec::Window(m, k, scale, w, asked) => self.window_field((m, k, scale, w), asked, name),
        }
    }

    fn park_field(&self, name: &str, path: impl FnOnce() -> String) -> Value<'f> {
        let p = &self.filing.park;
        match name {
            "id" => text(&p.id),
            "name" => text(&p.name),
            "kind" => opt(p.kind.as_ref(), path, |k| {
                enum_text(
                    k,
                    match k.value {
                        ParkKind::Sector => "sector",
                        ParkKind::Comprehensive => "comprehensive",
                        ParkKind::Venous => "venous",
                    },
                )
            }),
            "region" => opt(p.region.as_ref(), path, text),
            "period" => p
                .period
                .as_ref()
                .map_or_else(|| Value::missing(path()), |y| Value::Num(y.value.into())),
            "timezone" => text(&p.timezone),
            "caps" => Value::Map(p.caps.iter().map(|(k, v)| (k.value, qty(v))).collect()),
            "enterprises" => Value::List(
                (0..self.filing.enterprises.len())
                    .map(|i| Value::Rec(Rec::Enterprise(i)))
                    .collect(),
            ),
            _ => Value::missing(path()),
        }
    }

    fn enterprise_field(
        &self,
        i: usize,
        e: &'f Enterprise,
        name: &str,
        path: impl FnOnce() -> String,
    ) -> Value<'f> {
        match name {
            "id" => text(&e.id),
            "name" => text(&e.name),
            "industry" => opt(e.industry.as_ref(), path, text),
            "status" => enum_text(
                &e.status,
                match e.status.value {
                    Status::Operating => "operating",
                    Status::Applicant => "applicant",
                    Status::Closed => "closed",
                },
            ),
            "cleaner_production" => opt(e.cleaner_production.as_ref(), path, |c| {
                enum_text(c, c.value.name())
            }),
            "planned" => e
                .planned
                .as_ref()
                .map_or_else(|| Value::missing(path()), |_| Value::Rec(Rec::Planned(i))),
            "categories" => Value::List(e.categories.iter().map(text).collect()),
            "permit" => e
                .permit
                .as_ref()
                .map_or_else(|| Value::missing(path()), |_| Value::Rec(Rec::Permit(i))),
            "outlets" => Value::List(
                (0..e.outlets.len())
                    .map(|j| Value::Rec(Rec::Outlet(i, j)))
                    .collect(),
            ),
            "discharged" => Value::List(discharged(e).into_iter().map(Value::Pollutant).collect()),
            // Months of the previous year in `discharges` (for rolling totals).
            "earlier_months" => {
                let year = self.year();
                let n = e
                    .discharges
                    .iter()
                    .filter(|r| r.month.value.year < year)
                    .count();
                Value::Num(rust_decimal::Decimal::from(n))
            }
            "disclosures" => Value::List(
                (0..e.disclosures.len())
                    .map(|k| Value::Rec(Rec::Disclosure(i, k)))
                    .collect(),
            ),
            "events" => Value::List(
                (0..e.events.len())
                    .map(|k| Value::Rec(Rec::Event(i, k)))
                    .collect(),
            ),
            _ => Value::missing(path()),
        }
    }

    fn permit_field(&self, i: usize, name: &str, path: impl FnOnce() -> String) -> Value<'f> {
        let Some(p) = self.enterprise(i).and_then(|e| e.permit.as_ref()) else {
            return Value::missing(path());
        };
        match name {
            "number" => text(&p.number),
            "valid_from" => opt(p.valid_from.as_ref(), path, |d| {
                Value::Date(d.value, Some(d.span))
            }),
            "valid_until" => opt(p.valid_until.as_ref(), path, |d| {
                Value::Date(d.value, Some(d.span))
            }),
            "annual_limits" => Value::Map(
                p.annual_limits
                    .iter()
                    .map(|(k, l)| (k.value, annual_limit_value(l, self.year(), k.value)))
                    .collect(),
            ),
            _ => Value::missing(path()),
        }
    }

    /// The value of `s[p]` for a sample record.
    pub fn sample_value(&self, i: usize, j: usize, k: usize, p: Pollutant) -> Value<'f> {
        let Some(s) = self.sample(i, j, k) else {
            return Value::missing(format!("sample {k}"));
        };
        s.values.iter().find(|(key, _)| key.value == p).map_or_else(
            || {
                Value::missing(format!(
                    "{p} in the sample of {} at {}",
                    s.date.value,
                    self.outlet(i, j)
                        .map(|o| o.id.value.as_str())
                        .unwrap_or_default()
                ))
            },
            |(_, m)| Value::measured(&m.value, m.span),
        )
    }
}

/// The annual limit for `year` (per-year form resolved).
pub fn annual_limit_value<'f>(l: &AnnualLimit, year: i16, p: Pollutant) -> Value<'f> {
    match l {
        AnnualLimit::Every(q) => qty(q),
        AnnualLimit::PerYear(years) => years.iter().find(|(y, _)| y.value == year).map_or_else(
            || Value::missing(format!("permit annual limit of {p} for {year}")),
            |(_, q)| qty(q),
        ),
    }
}

/// Pollutants an enterprise reports as discharged (in its monthly
/// discharges, including amounts refused as input errors, or its permit's
/// annual limits), in first-seen order.
pub fn discharged(e: &Enterprise) -> Vec<Pollutant> {
    let mut out: Vec<Pollutant> = Vec::new();
    let rows = e.discharges.iter().flat_map(|r| {
        let refused = r.refused.iter().map(|p| p.value);
        r.values.iter().map(|(p, _)| p.value).chain(refused)
    });
    let permit = e
        .permit
        .iter()
        .flat_map(|p| p.annual_limits.iter().map(|(k, _)| k.value));
    for p in rows.chain(permit) {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

fn outlet_field<'f>(
    (i, j): (usize, usize),
    o: &'f Outlet,
    name: &str,
    path: impl FnOnce() -> String,
) -> Value<'f> {
    match name {
        "id" => text(&o.id),
        "medium" => enum_text(
            &o.medium,
            match o.medium.value {
                Medium::Water => "water",
                Medium::Air => "air",
            },
        ),
        "type" => opt(o.outlet_type.as_ref(), path, |t| {
            enum_text(
                t,
                match t.value {
                    OutletType::Main => "main",
                    OutletType::General => "general",
                },
            )
        }),
        "eia_approved" => opt(o.eia_approved.as_ref(), path, |d| {
            Value::Date(d.value, Some(d.span))
        }),
        "standard" => opt(o.standard.as_ref(), path, text),
        "class" => opt(o.class.as_ref(), path, text),
        "limits" => Value::Map(
            o.limits
                .iter()
                .map(|(k, l)| (k.value, Value::Rec(Rec::Limit(l))))
                .collect(),
        ),
        "receiving" => opt(o.receiving.as_ref(), path, text),
        "samples" => Value::List(
            (0..o.samples.len())
                .map(|k| Value::Rec(Rec::Sample(i, j, k)))
                .collect(),
        ),
        "enterprise" => Value::Rec(Rec::Enterprise(i)),
        _ => Value::missing(path()),
    }
}

/// A field of an applicant's project; an amount not stated is missing,
/// never zero.
fn planned_field<'f>(p: &'f Planned, name: &str, path: impl FnOnce() -> String) -> Value<'f> {
    match name {
        "output" => opt(p.output.as_ref(), path, qty),
        "value_added" => opt(p.value_added.as_ref(), path, qty),
        "discharges" => Value::Map(
            p.discharges
                .iter()
                .map(|(k, v)| (k.value, qty(v)))
                .collect(),
        ),
        _ => Value::missing(path()),
    }
}

fn limit_field<'f>(l: &'f PermitLimit, name: &str, path: impl Fn() -> String) -> Value<'f> {
    let q = |v: &Option<Spanned<Quantity>>| v.as_ref().map_or_else(|| Value::missing(path()), qty);
    match name {
        "concentration" => q(&l.concentration),
        "hourly" => q(&l.hourly),
        "daily" => q(&l.daily),
        "committed" => q(&l.committed),
        "rate" => q(&l.rate),
        "grade" => l
            .grade
            .as_ref()
            .map_or_else(|| Value::missing(path()), |g| Value::Num(g.value)),
        "range" => l.range.as_ref().map_or_else(
            || Value::missing(path()),
            |r| {
                Value::Range(
                    Box::new(Value::qty(r.value.0.clone(), Some(r.span))),
                    Box::new(Value::qty(r.value.1.clone(), Some(r.span))),
                )
            },
        ),
        _ => Value::missing(path()),
    }
}
