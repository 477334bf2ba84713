//! Judging a disclosure duty (`disclose`): work out the last allowed day,
//! find the report, compare (DESIGN.md "Rule language", deadlines).
//!
//! The report is the subject enterprise's disclosure of the duty's kind that
//! covers the bound year (annual) or names the bound event (interim); of
//! several, the earliest published counts. Its verdict:
//! - published on or before the last allowed day with every required
//!   section: pass; a required section absent: fail, naming it;
//! - published later: fail, late by N calendar days (and N working days
//!   for a working-day deadline);
//! - not in the filing: fail once the last allowed day is before `--as-of`,
//!   else not_applicable, "not yet due, due on D".

use super::expr::{Env, Truth};
use super::finding::{Evidence, Finding, Status, Template};
use super::rule::{Ctx, Leaf};
use super::value::{Rec, Value};
use super::workdays::calendar;
use crate::check::ir::{Deadline, Duty, ReportKind};
use crate::filing::model::{Disclosure, DisclosureKind};
use crate::messages::t;
use crate::values::Span;
use crate::values::calendar::NotCovered;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use rust_decimal::Decimal;

/// When a report is due: the last allowed day, and how it was reached.
pub struct Due {
    /// The last day on which publishing is on time.
    pub last: Date,
    /// Working days counted after the anchor (`within N working days`).
    pub counted: Vec<Date>,
    /// How the last day follows from the rule, for the evidence.
    pub how: String,
    /// Where the deadline is written in the rule.
    pub span: Span,
}

/// Why a due date cannot be worked out: what is missing, and whether it
/// is a year of the working-day calendar (fixed by updating the calendar,
/// not the filing).
pub struct NoDue {
    /// What is missing.
    pub missing: Vec<String>,
    /// The working-day calendar lacks a year.
    pub calendar: bool,
    /// With `calendar`: the last day known to be in time (publishing on or
    /// before it is on time whatever the missing year holds).
    pub known_until: Option<Date>,
    /// With `calendar`: the year the calendar lacks.
    pub year: Option<i16>,
}

impl From<Vec<String>> for NoDue {
    fn from(missing: Vec<String>) -> NoDue {
        NoDue {
            missing,
            calendar: false,
            known_until: None,
            year: None,
        }
    }
}

/// The calendar lacks `e.year`; days up to `known_until` are in time.
fn not_covered(e: NotCovered, known_until: Date) -> NoDue {
    NoDue {
        missing: vec![t("eval.missing.calendar_year", &[("year", &e.year)])],
        calendar: true,
        known_until: Some(known_until),
        year: Some(e.year),
    }
}

/// The unknown finding for a due date that cannot be worked out, at the
/// `disclose` clause.
pub fn unknown_due<'f>(ctx: &Ctx<'f, '_>, leaf: &Leaf<'f>, duty: &Duty, no: NoDue) -> Finding {
    let mut f = ctx.unknown(leaf, no.missing);
    f.rule_span = duty.span;
    if no.calendar {
        f.help = Some(Template::Key("eval.missing.calendar_year.help"));
    }
    f
}

fn date_of<'f>(v: Value<'f>, what: &str) -> Result<Date, Vec<String>> {
    match v {
        Value::Date(d, _) => Ok(d),
        Value::Missing(m) => Err(m),
        other => Err(vec![format!("{what}, found {}", other.show())]),
    }
}

/// The date a duty's deadline starts from, and its reference date for
/// `effective`/`until`: the `by` date as written, or the date counting
/// starts after.
pub fn anchor(env: &mut Env<'_, '_>, duty: &Duty) -> Result<Date, NoDue> {
    let e = match &duty.deadline {
        Deadline::By { date, .. } => date,
        Deadline::Within { after, .. } => after,
    };
    Ok(date_of(env.eval(e), "a date")?)
}

/// The due date of `duty` from its `anchor` for the current bindings;
/// missing values (or a year the working-day calendar does not cover) name
/// what is missing.
fn due(env: &mut Env<'_, '_>, duty: &Duty, anchor: Date) -> Result<Due, NoDue> {
    match &duty.deadline {
        Deadline::By {
            date,
            inclusive,
            roll_forward,
        } => {
            let mut last = if *inclusive {
                anchor
            } else {
                anchor.yesterday().map_err(|_| vec![anchor.to_string()])?
            };
            let mut how = t(
                if *inclusive {
                    "eval.due.inclusive"
                } else {
                    "eval.due.exclusive"
                },
                &[("date", &anchor)],
            );
            if *roll_forward {
                let rest = last;
                while !calendar()
                    .is_working_day(last)
                    .map_err(|e| not_covered(e, rest))?
                {
                    last = last.tomorrow().map_err(|_| vec![last.to_string()])?;
                }
                if last != rest {
                    how = t("eval.due.rolled", &[("how", &how), ("rest", &rest)]);
                }
            }
            Ok(Due {
                last,
                counted: Vec::new(),
                how,
                span: date.span,
            })
        }
        Deadline::Within {
            count,
            working,
            after,
        } => {
            let n = match env.eval(count) {
                Value::Num(n) => n,
                Value::Missing(m) => return Err(m.into()),
                other => return Err(vec![format!("a number, found {}", other.show())].into()),
            };
            let days = (n.fract().is_zero() && n >= Decimal::ZERO && n <= Decimal::from(366))
                .then(|| i32::try_from(n).ok())
                .flatten()
                .ok_or_else(|| vec![t("eval.missing.working_days", &[("n", &n)])])?;

            let mut counted = Vec::new();
            let last = if *working {
                let mut d = anchor;
                while counted.len() < days as usize {
                    let before = d;
                    d = d.tomorrow().map_err(|_| vec![d.to_string()])?;
                    // Every day before the gap is short of the count.
                    if calendar()
                        .is_working_day(d)
                        .map_err(|e| not_covered(e, before))?
                    {
                        counted.push(d);
                    }
                }
                d
            } else {
                anchor
                    .checked_add(days.days())
                    .map_err(|_| vec![anchor.to_string()])?
            };
            let key = if *working {
                "eval.due.working_days"
            } else {
                "eval.due.days"
            };
            Ok(Due {
                last,
                counted,
                how: t(key, &[("n", &days), ("date", &anchor)]),
                // `5 working days after ev.received`.
                span: Span {
                    end: after.span.end.max(count.span.end),
                    ..count.span
                },
            })
        }
    }
}

/// The report the duty looks for: the earliest published disclosure of the
/// enterprise with the duty's kind that covers the year or names the event.
fn report<'f>(
    env: &mut Env<'f, '_>,
    duty: &Duty,
    enterprise: usize,
) -> Result<Option<&'f Disclosure>, Vec<String>> {
    let records = env.records;
    let Some(e) = records.enterprise(enterprise) else {
        return Ok(None);
    };
    // The year an annual report covers, or the event an interim one names.
    let (year, event) = match duty.report {
        ReportKind::Annual => match duty.covering.as_ref().map(|c| env.eval(c)) {
            Some(Value::Num(y)) => (Some(y), None),
            Some(Value::Missing(m)) => return Err(m),
            _ => return Err(vec![t("eval.missing.duty_year", &[])]),
        },
        ReportKind::Interim => match duty.about.as_ref().map(|a| env.eval(a)) {
            Some(Value::Rec(r @ Rec::Event(..))) => (None, Some(records.id(r))),
            Some(Value::Missing(m)) => return Err(m),
            _ => return Err(vec![t("eval.missing.duty_event", &[])]),
        },
    };
    let wanted = |d: &&Disclosure| match (d.kind.value, &d.covers, &d.event) {
        (DisclosureKind::Annual, Some(c), _) => year == Some(Decimal::from(c.value)),
        (DisclosureKind::Interim, _, Some(ev)) => event.as_deref() == Some(ev.value.as_str()),
        _ => false,
    };
    Ok(e.disclosures
        .iter()
        .filter(wanted)
        .min_by_key(|d| d.published.value))
}

/// Sections the duty requires of this report that it lacks, in rule order;
/// unknown when a `when` condition cannot be decided.
fn missing_sections(
    env: &mut Env<'_, '_>,
    duty: &Duty,
    d: &Disclosure,
) -> Result<Vec<String>, Vec<String>> {
    let mut out = Vec::new();
    for req in &duty.sections {
        match req.when.as_ref().map_or(Truth::True, |w| env.truth(w)) {
            Truth::True => {}
            Truth::False => continue,
            Truth::Unknown(m) => return Err(m),
        }
        for name in &req.names {
            let has = d.sections.iter().any(|s| s.value == name.value);
            if !has && !out.contains(&name.value) {
                out.push(name.value.clone());
            }
        }
    }
    Ok(out)
}

fn evidence(what: &'static str, value: String, span: Option<Span>) -> Evidence {
    Evidence {
        what,
        subject_id: String::new(),
        value,
        span,
    }
}

/// The working days counted, make-up working days (on a weekend) marked.
fn counted_days(days: &[Date]) -> String {
    let makeup = t("eval.due.makeup", &[]);
    days.iter()
        .map(|d| {
            if matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
                format!("{d} ({makeup})")
            } else {
                d.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A due date the calendar cannot give. Publishing by the last day known
/// to be in time is on time whatever the missing year holds, and a report
/// not yet published is not yet due while `--as-of` is on or before that
/// day; anything else is unknown.
fn beyond_calendar<'f>(
    ctx: &Ctx<'f, '_>,
    leaf: &Leaf<'f>,
    duty: &Duty,
    found: Option<&Disclosure>,
    as_of: Date,
    no: NoDue,
) -> Finding {
    let Some(known) = no.known_until.filter(|_| no.calendar) else {
        return unknown_due(ctx, leaf, duty, no);
    };
    let year = no.year.unwrap_or_default();
    let args: [(&str, &dyn std::fmt::Display); 2] = [("date", &known), ("year", &year)];
    match found {
        Some(d) if d.published.value <= known => {
            let mut f = ctx.finding(leaf, Status::Pass);
            f.rule_span = duty.span;
            f.span = Some(d.published.span);
            f.actual = Some(t("eval.duty.on_time", &[("date", &d.published.value)]).into());
            f.expected = Some(t("eval.due.known_until", &args).into());
            f.details_mut().evidence.push(evidence(
                "published",
                d.published.value.to_string(),
                Some(d.published.span),
            ));
            f.message = Template::Key(key(duty, "pass"));
            f
        }
        None if as_of <= known => {
            let mut f = ctx.finding(leaf, Status::NotApplicable);
            f.rule_span = duty.span;
            f.details_mut().reason = Some(t("eval.reason.not_yet_due_known", &args));
            f
        }
        _ => unknown_due(ctx, leaf, duty, no),
    }
}

/// The message key for an outcome of an annual or interim duty.
fn key(duty: &Duty, outcome: &str) -> &'static str {
    match (duty.report, outcome) {
        (ReportKind::Annual, "missing") => "eval.duty.annual.missing",
        (ReportKind::Annual, "late") => "eval.duty.annual.late",
        (ReportKind::Annual, "sections") => "eval.duty.annual.sections",
        (ReportKind::Annual, _) => "eval.duty.annual.pass",
        (ReportKind::Interim, "missing") => "eval.duty.interim.missing",
        (ReportKind::Interim, "late") => "eval.duty.interim.late",
        (ReportKind::Interim, "sections") => "eval.duty.interim.sections",
        (ReportKind::Interim, _) => "eval.duty.interim.pass",
    }
}

/// Judges `duty` for `leaf` (see the module doc), in the built-in texts
/// ([`own_texts`] puts the rule's in).
pub fn judge_duty<'f>(
    ctx: &Ctx<'f, '_>,
    env: &mut Env<'f, '_>,
    duty: &Duty,
    leaf: &Leaf<'f>,
    anchor: Date,
    as_of: Date,
) -> Finding {
    let Rec::Enterprise(i) = leaf.subject else {
        return ctx.unknown(leaf, vec![t("eval.missing.duty_enterprise", &[])]);
    };
    let found = match report(env, duty, i) {
        Ok(found) => found,
        Err(m) => return ctx.unknown(leaf, m),
    };
    let due = match due(env, duty, anchor) {
        Ok(due) => due,
        Err(no) => return beyond_calendar(ctx, leaf, duty, found, as_of, no),
    };
    let mut f = ctx.finding(leaf, Status::Pass);
    f.rule_span = duty.span;
    f.details_mut().due = Some(due.last);
    f.provisional |= env.provisional.get();
    f.expected = Some(t("eval.due.expected", &[("date", &due.last)]).into());
    f.details_mut().evidence.push(evidence(
        "due",
        format!("{} ({})", due.last, due.how),
        Some(due.span),
    ));
    if !due.counted.is_empty() {
        f.details_mut().evidence.push(evidence(
            "working days counted",
            counted_days(&due.counted),
            None,
        ));
    }
    let Some(d) = found else {
        if as_of <= due.last {
            f.status = Status::NotApplicable;
            f.message = Template::Key("eval.not_applicable");
            f.details_mut().reason = Some(t("eval.reason.not_yet_due", &[("date", &due.last)]));
            return f;
        }
        f.status = Status::Fail;
        f.actual = Some(t("eval.duty.none", &[("as_of", &as_of)]).into());
        f.message = Template::Key(key(duty, "missing"));
        f.help = Some(Template::Key("eval.duty.missing.help"));
        return f;
    };
    let published = d.published.value;
    f.span = Some(d.published.span);
    f.details_mut().evidence.push(evidence(
        "published",
        published.to_string(),
        Some(d.published.span),
    ));
    if published > due.last {
        let days = (published - due.last).get_days();
        let working = match duty.deadline {
            // A report published on a rest day right after the due date is
            // late by calendar days, not by 0 working days.
            Deadline::Within { working: true, .. } => calendar()
                .working_days_between(due.last, published)
                .ok()
                .filter(|w| *w > 0),
            _ => None,
        };
        f.status = Status::Fail;
        f.actual = Some(
            match working {
                Some(w) => t(
                    "eval.duty.late_working",
                    &[("date", &published), ("days", &days), ("working", &w)],
                ),
                None => t("eval.duty.late", &[("date", &published), ("days", &days)]),
            }
            .into(),
        );
        f.message = Template::Key(key(duty, "late"));
        f.help = Some(Template::Key("eval.duty.late.help"));
        return f;
    }
    f.actual = Some(t("eval.duty.on_time", &[("date", &published)]).into());
    match missing_sections(env, duty, d) {
        Err(m) => {
            let mut u = ctx.unknown(leaf, m);
            u.rule_span = duty.span;
            u
        }
        Ok(missing) if missing.is_empty() => {
            f.message = Template::Key(key(duty, "pass"));
            f
        }
        Ok(missing) => {
            // The whole list as written, else the publication date.
            let span = match (d.sections.first(), d.sections.last()) {
                (Some(a), Some(b)) => Some(Span {
                    end: b.span.end,
                    ..a.span
                }),
                _ => Some(d.published.span),
            };
            f.status = Status::Fail;
            f.actual = Some(
                t(
                    "eval.duty.sections",
                    &[("date", &published), ("sections", &missing.join(", "))],
                )
                .into(),
            );
            f.span = span;
            f.message = Template::Key(key(duty, "sections"));
            f.help = Some(Template::Key("eval.duty.sections.help"));
            for name in missing {
                f.details_mut()
                    .evidence
                    .push(evidence("missing section", name, span));
            }
            f
        }
    }
}

/// A fail takes the rule's own `message` and `help` where it writes them.
pub fn own_texts(ctx: &Ctx<'_, '_>, mut f: Finding) -> Finding {
    if f.status == Status::Fail {
        if let Some(m) = &ctx.names.message {
            f.message = Template::Rule(std::sync::Arc::clone(m));
        }
        if let Some(h) = &ctx.names.help {
            f.help = Some(Template::Rule(std::sync::Arc::clone(h)));
        }
    }
    f
}
