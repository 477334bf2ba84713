//! Running one rule over a filing: subjects, loops, applicability
//! (scope, effective dates, supersession), then the body.

use super::duty;
use super::expr::{Env, Truth};
use super::finding::{Finding, Period, RuleInfo, Status, Subject, Template};
use super::judge::{judge_requirements, judge_table_row};
use super::record::Records;
use super::value::{Rec, Value};
use crate::check::ir::{Body, Each, EachKind, Rule, RuleSet, SubjectKind};
use crate::messages::t;
use crate::values::Pollutant;
use jiff::civil::Date;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

/// A matching supersession clause: the standard, from when (`None` =
/// always), and whether the clause is provisional.
pub type Superseded = (String, Option<Date>, bool);

/// Where a finding is: the subject, and what the loops have bound.
#[derive(Debug, Clone)]
pub struct Leaf<'f> {
    /// The subject record.
    pub subject: Rec<'f>,
    /// The bound sample, if any (sets the period).
    pub sample: Option<Rec<'f>>,
    /// The bound pollutant, if any.
    pub pollutant: Option<Pollutant>,
    /// The bound event or disclosure, if any: the finding's subject.
    pub record: Option<Rec<'f>>,
    /// The bound window of a monitoring series, if any (sets the period
    /// and the reference date).
    pub window: Option<Rec<'f>>,
    /// The period (the sample's date, else the reporting year).
    pub period: Period,
}

/// One rule over one subject: the unit of work the evaluator runs in
/// parallel (its findings keep their order within it).
pub struct Task<'r, 'f> {
    /// The rule's rule set.
    pub set: &'r RuleSet,
    /// The rule.
    pub rule: &'r Rule,
    /// The rule's shared texts.
    pub names: &'r Names,
    /// The subject record.
    pub subject: Rec<'f>,
}

/// The tasks of `rule`: one per subject, in filing order.
pub fn tasks<'r, 'f>(
    records: Records<'f>,
    set: &'r RuleSet,
    rule: &'r Rule,
    names: &'r Names,
) -> impl Iterator<Item = Task<'r, 'f>> {
    subjects(records, rule.subject.kind)
        .into_iter()
        .map(move |subject| Task {
            set,
            rule,
            names,
            subject,
        })
}

impl<'f> Task<'_, 'f> {
    /// Evaluates the rule over the subject; its findings in order.
    pub fn run(&self, records: Records<'f>, sets: &[RuleSet], as_of: Date) -> Vec<Finding> {
        let (set, rule, subject) = (self.set, self.rule, self.subject);
        let mut out = Vec::new();
        let mut env = Env {
            records,
            vars: Vec::new(),
            params: &set.params,
            rulesets: sets,
            ref_date: Date::new(records.year(), 12, 31).unwrap_or_default(),
            as_of,
            provisional: Cell::new(false),
            standard_limits: HashMap::new(),
        };
        env.with(&rule.subject.var, Value::Rec(subject), |env| {
            let ctx = Ctx {
                records,
                set,
                rule,
                names: self.names,
                subject: Arc::new(Subject {
                    path: records.path(subject),
                    id: records.id(subject),
                }),
                expected: RefCell::new(None),
                expected_value: RefCell::new(None),
                text: RefCell::new(String::new()),
            };
            ctx.subject(env, subject, &mut out);
        });
        out
    }
}

fn subjects(records: Records<'_>, kind: SubjectKind) -> Vec<Rec<'_>> {
    let es = &records.filing.enterprises;
    match kind {
        SubjectKind::Park => vec![Rec::Park],
        SubjectKind::Enterprise => (0..es.len()).map(Rec::Enterprise).collect(),
        SubjectKind::Outlet => es
            .iter()
            .enumerate()
            .flat_map(|(i, e)| (0..e.outlets.len()).map(move |j| Rec::Outlet(i, j)))
            .collect(),
    }
}

/// A requirement's own `message` and `help` templates.
pub type OwnTexts = (Option<Arc<str>>, Option<Arc<str>>);

/// A rule's texts, shared by all its findings (built once per rule).
pub struct Names {
    info: Arc<RuleInfo>,
    /// The rule's `message` template.
    pub message: Option<Arc<str>>,
    /// The rule's `help` template.
    pub help: Option<Arc<str>>,
    /// Each requirement's own (`message`, `help`).
    pub requirements: Vec<OwnTexts>,
}

impl Names {
    /// The texts of `rule` of `set`.
    pub fn new(set: &RuleSet, rule: &Rule) -> Names {
        let arc = |s: &Option<String>| s.as_deref().map(Arc::from);
        Names {
            info: Arc::new(RuleInfo {
                id: rule.id.clone(),
                ruleset: set.id.value.clone(),
                kind: rule.kind.as_str(),
                severity: rule.severity,
                cite: rule.cite.clone(),
                title: rule.title.clone(),
            }),
            message: arc(&rule.message),
            help: arc(&rule.help),
            requirements: match &rule.body {
                Body::Require(reqs) => reqs
                    .iter()
                    .map(|q| (arc(&q.message), arc(&q.help)))
                    .collect(),
                Body::Table(_) | Body::Duty(_) => Vec::new(),
            },
        }
    }
}

/// The rule being run, with what a finding needs from it.
pub struct Ctx<'f, 'r> {
    /// The filing.
    pub records: Records<'f>,
    /// The rule's rule set.
    pub set: &'r RuleSet,
    /// The rule.
    pub rule: &'r Rule,
    /// The rule's shared texts.
    pub names: &'r Names,
    /// The subject (path and id), shared by its findings.
    pub subject: Arc<Subject>,
    /// The last expectation shown, shared by the next finding that shows
    /// the same (the days of a series expect the same limit).
    pub expected: RefCell<Option<Arc<str>>>,
    /// The last expectation of an operator and a number or quantity, by
    /// the exact written form of its value (digits, scale and unit).
    pub expected_value: RefCell<Option<(&'static str, Written, Arc<str>)>>,
    /// Room to write a shown value in before it is copied to its finding.
    pub text: RefCell<String>,
}

/// A number or quantity as it is written: its decimal's exact form
/// (digits and scale, `150` is not `150.0`) and its unit, if any.
pub type Written = ([u8; 16], Option<crate::values::Unit>);

impl<'f> Ctx<'f, '_> {
    /// A finding with the rule's and subject's fields filled in.
    pub fn finding(&self, leaf: &Leaf<'f>, status: Status) -> Finding {
        let r = self.records;
        let subject = match leaf.record {
            Some(rec) => Arc::new(Subject {
                path: r.path(rec),
                id: r.id(rec),
            }),
            None => Arc::clone(&self.subject),
        };
        Finding {
            rule: Arc::clone(&self.names.info),
            status,
            provisional: self.rule.provisional,
            subject,
            pollutant: leaf.pollutant,
            period: leaf.period.clone(),
            actual: None,
            expected: None,
            message: Template::Key(match status {
                Status::Pass => "eval.require.pass",
                Status::Fail => "eval.require.fail",
                Status::Unknown => "eval.unknown",
                _ => "eval.not_applicable",
            }),
            help: None,
            span: leaf
                .sample
                .or(leaf.record)
                .or(leaf.window)
                .and_then(|s| r.span(s))
                .or_else(|| {
                    leaf.pollutant
                        .and_then(|p| r.pollutant_span(leaf.subject, p))
                })
                .or_else(|| r.id_span(leaf.subject)),
            rule_span: self.rule.span,
            readings: leaf.window.and_then(|w| r.window_readings(w)),
            details: None,
        }
    }

    /// `text` as an expectation, shared with the previous finding's when
    /// they read the same.
    pub fn expected(&self, text: String) -> Arc<str> {
        let mut last = self.expected.borrow_mut();
        match &*last {
            Some(same) if **same == *text => Arc::clone(same),
            _ => Arc::clone(last.insert(Arc::from(text))),
        }
    }

    /// `op value` as an expectation (`<= 25 mg/L`), shared with the
    /// previous finding's; a number or quantity written as the last one is
    /// not written again.
    pub fn expected_op(&self, op: &'static str, value: &Value<'_>) -> Arc<str> {
        let written: Option<Written> = match value {
            Value::Num(n) => Some((n.serialize(), None)),
            Value::Qty(a) => Some((a.q.value.serialize(), Some(a.q.unit.clone()))),
            _ => None,
        };
        let mut last = self.expected_value.borrow_mut();
        if let (Some(w), Some((o, lw, text))) = (&written, &*last)
            && *o == op
            && lw == w
        {
            return Arc::clone(text);
        }
        let text = self.expected(format!("{op} {value}"));
        if let Some(w) = written {
            *last = Some((op, w, Arc::clone(&text)));
        }
        text
    }

    /// `value` as shown, in a box of its own size (written in room kept
    /// from finding to finding, so no string grows or shrinks).
    pub fn shown(&self, value: &impl std::fmt::Display) -> Box<str> {
        use std::fmt::Write as _;
        let mut text = self.text.borrow_mut();
        text.clear();
        let _ = write!(text, "{value}");
        Box::from(text.as_str())
    }

    fn not_applicable(&self, leaf: &Leaf<'f>, reason: String) -> Finding {
        let mut f = self.finding(leaf, Status::NotApplicable);
        f.details_mut().reason = Some(reason);
        f
    }

    /// An unknown finding naming what is missing; over a window left
    /// unknown by an over-range reading without `range_max`, the help says
    /// how to give it.
    pub fn unknown(&self, leaf: &Leaf<'f>, missing: Vec<String>) -> Finding {
        let mut f = self.finding(leaf, Status::Unknown);
        let over_range = f.readings.as_ref().is_some_and(|r| r.over_range_line != 0);
        f.help = Some(Template::Key(if over_range {
            "eval.unknown.over_range.help"
        } else {
            "eval.unknown.help"
        }));
        f.details_mut().missing = missing;
        f
    }

    fn subject(&self, env: &mut Env<'f, '_>, subject: Rec<'f>, out: &mut Vec<Finding>) {
        let leaf = Leaf {
            subject,
            sample: None,
            pollutant: None,
            record: None,
            window: None,
            period: Period::Year(self.records.year()),
        };
        if let Some(filter) = &self.rule.subject.filter {
            match env.truth(filter) {
                Truth::True => {}
                Truth::False => {
                    return out.push(self.not_applicable(&leaf, t("eval.reason.scope", &[])));
                }
                Truth::Unknown(m) => {
                    let mut f = self.unknown(&leaf, m);
                    f.rule_span = filter.span;
                    return out.push(f);
                }
            }
        }
        let superseded = superseded(env, self.set, subject);
        if let Some((by, None, provisional)) = &superseded {
            let mut f = self.not_applicable(&leaf, t("eval.reason.superseded", &[("by", by)]));
            f.provisional |= provisional;
            return out.push(f);
        }
        let before = out.len();
        self.each(env, &self.rule.each, leaf.clone(), superseded.as_ref(), out);
        if out.len() == before && !self.rule.each.is_empty() {
            out.push(self.not_applicable(&leaf, t("eval.reason.nothing", &[])));
        }
    }

    fn each(
        &self,
        env: &mut Env<'f, '_>,
        loops: &[Each],
        leaf: Leaf<'f>,
        superseded: Option<&Superseded>,
        out: &mut Vec<Finding>,
    ) {
        let Some((first, rest)) = loops.split_first() else {
            return self.leaf(env, leaf, superseded, out);
        };
        let source = env.eval(&first.source);
        let items = match env.collection(source) {
            Ok(items) => items,
            Err(m) => return out.push(self.unknown(&leaf, m)),
        };
        // Mostly one finding per item (a day of a series, a sample).
        out.reserve(items.len());
        for item in items {
            let mut next = leaf.clone();
            match (first.kind, &item) {
                (EachKind::Sample, Value::Rec(r)) => {
                    next.sample = Some(*r);
                    next.period = date_period(record_date(self.records, *r));
                }
                (EachKind::Pollutant, Value::Pollutant(p)) => next.pollutant = Some(*p),
                (EachKind::Year, Value::Num(y)) => next.period = year_period(*y),
                (EachKind::Series, Value::Rec(Rec::Series(m, k))) => {
                    next.pollutant = self.records.series(*m, *k).map(|s| s.pollutant);
                }
                (EachKind::Window, Value::Rec(w @ Rec::Window(m, k, scale, i, _))) => {
                    next.window = Some(*w);
                    next.period = self.records.window_period(*m, *k, *scale, *i);
                }
                (EachKind::Event | EachKind::Disclosure, Value::Rec(rec)) => {
                    next.record = Some(*rec);
                    next.period = date_period(record_date(self.records, *rec));
                }
                _ => {}
            }
            env.with(&first.var, item, |env| {
                let keep = first.filter.as_ref().map_or(Truth::True, |f| env.truth(f));
                match keep {
                    Truth::True => self.each(env, rest, next, superseded, out),
                    // A year or an event outside the scope is on record.
                    Truth::False if matches!(first.kind, EachKind::Year | EachKind::Event) => {
                        out.push(self.not_applicable(&next, t("eval.reason.scope", &[])));
                    }
                    Truth::False => {}
                    Truth::Unknown(m) => {
                        let mut f = self.unknown(&next, m);
                        f.rule_span = first.filter.as_ref().map_or(first.span, |x| x.span);
                        out.push(f);
                    }
                }
            });
        }
    }

    fn leaf(
        &self,
        env: &mut Env<'f, '_>,
        leaf: Leaf<'f>,
        superseded: Option<&Superseded>,
        out: &mut Vec<Finding>,
    ) {
        let r = self.records;
        let anchor = match &self.rule.body {
            Body::Duty(d) => match duty::anchor(env, d) {
                Ok(anchor) => Some(anchor),
                Err(no) => return out.push(duty::unknown_due(self, &leaf, d, no)),
            },
            _ => None,
        };
        let window_day = match leaf.window {
            Some(Rec::Window(m, k, scale, i, _)) => r.window_last_day(m, k, scale, i),
            _ => None,
        };
        let ref_date = anchor
            .or(window_day)
            .or_else(|| leaf.sample.or(leaf.record).and_then(|s| record_date(r, s)))
            .unwrap_or(env.ref_date);
        if let Some(reason) = self.not_in_force(ref_date) {
            return out.push(self.not_applicable(&leaf, reason));
        }
        if let Some((by, Some(from), provisional)) = superseded
            && *from <= ref_date
        {
            let from = from.to_string();
            let reason = t(
                "eval.reason.superseded_from",
                &[("by", by), ("from", &from)],
            );
            let mut f = self.not_applicable(&leaf, reason);
            f.provisional |= provisional;
            return out.push(f);
        }
        env.ref_date = ref_date;
        env.provisional.set(false);
        match &self.rule.body {
            Body::Table(table) => {
                let Some(Rec::Sample(i, j, k)) = leaf.sample else {
                    return out.push(self.unknown(&leaf, vec![t("eval.missing.sample", &[])]));
                };
                let pollutants: Vec<Pollutant> = r
                    .sample(i, j, k)
                    .map(|s| s.values.iter().map(|(p, _)| p.value).collect())
                    .unwrap_or_default();
                for p in pollutants {
                    let mut l = leaf.clone();
                    l.pollutant = Some(p);
                    out.push(judge_table_row(self, env, table, &l));
                }
            }
            Body::Require(reqs) => out.push(judge_requirements(self, env, reqs, &leaf)),
            Body::Duty(d) => {
                let as_of = env.as_of;
                let f = duty::judge_duty(self, env, d, &leaf, ref_date, as_of);
                out.push(duty::own_texts(self, f));
            }
        }
    }

    fn not_in_force(&self, d: Date) -> Option<String> {
        let from = [self.set.effective, self.rule.effective_from]
            .into_iter()
            .flatten()
            .max();
        let date = d.to_string();
        if let Some(from) = from.filter(|f| d < *f) {
            return Some(t(
                "eval.reason.not_yet_in_force",
                &[("date", &date), ("from", &from.to_string())],
            ));
        }
        if let Some(until) = self.rule.effective_until.filter(|u| d > *u) {
            return Some(t(
                "eval.reason.repealed",
                &[("date", &date), ("until", &until.to_string())],
            ));
        }
        None
    }
}

/// A year bound by `for year`: an integer as a year, else as written.
fn year_period(y: rust_decimal::Decimal) -> Period {
    let text = y.to_string();
    match text.parse::<i16>() {
        Ok(year) if year.to_string() == text => Period::Year(year),
        _ => Period::Text(Arc::from(text)),
    }
}

/// A record's date as a period (empty when it has none).
fn date_period(date: Option<Date>) -> Period {
    date.map_or_else(|| Period::Text(Arc::from("")), Period::Day)
}

/// The date a bound record stands for: a sample's date, an event's
/// `received`, a disclosure's `published`.
fn record_date(r: Records<'_>, rec: Rec<'_>) -> Option<Date> {
    match rec {
        Rec::Sample(i, j, k) => r.sample(i, j, k).map(|s| s.date.value),
        Rec::Event(i, k) => r.event(i, k).map(|ev| ev.received.value),
        Rec::Disclosure(i, k) => r.disclosure(i, k).map(|d| d.published.value),
        _ => None,
    }
}

/// The first supersession clause of the rule set matching `subject`:
/// (standard, from date or `None` = always).
pub fn superseded<'f>(
    env: &mut Env<'f, '_>,
    set: &RuleSet,
    subject: Rec<'f>,
) -> Option<Superseded> {
    for s in &set.supersessions {
        let bound = match (s.binder.kind, subject) {
            (SubjectKind::Park, _) => Rec::Park,
            (SubjectKind::Enterprise, Rec::Enterprise(i) | Rec::Outlet(i, _)) => Rec::Enterprise(i),
            (SubjectKind::Outlet, Rec::Outlet(..)) => subject,
            _ => continue,
        };
        let hit = env.with(&s.binder.var, Value::Rec(bound), |env| {
            let applies = s
                .binder
                .filter
                .as_ref()
                .map_or(Truth::True, |f| env.truth(f));
            if applies != Truth::True {
                return None;
            }
            match s.from.as_ref().map(|f| env.eval(f)) {
                None => Some(None),
                Some(Value::Date(d, _)) => Some(Some(d)),
                Some(_) => None,
            }
        });
        if let Some(from) = hit {
            return Some((s.by.clone(), from, s.provisional));
        }
    }
    None
}
