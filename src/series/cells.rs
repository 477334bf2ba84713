//! One CSV row's cells: the header's columns, and the time, pollutant,
//! value, unit and flag of a reading, each checked with a reason. Nothing
//! here knows about lines or files: a refused cell is a [`Problem`] that
//! the reader locates.

use super::{Flag, Reading, RowValue};
use crate::filing::fields::quantity::{CONCENTRATION_UNITS, FLOW_UNITS, Measures, measures};
use crate::filing::model::Medium;
use crate::messages::{has_key, t};
use crate::values::dates::{civil_date, split_ymd};
use crate::values::number::{NumberError, parse_decimal};
use crate::values::unit::UnitError;
use crate::values::{Diagnostic, Dim, Pollutant, Span, Unit};
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// The columns of a monitoring CSV file, in the order the docs list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    /// `time`: start of the reading's interval.
    Time,
    /// `pollutant`: any registry name, alias, Chinese name or HJ 212 code.
    Pollutant,
    /// `value`: the reading.
    Value,
    /// `unit`: the reading's unit (empty for pH and the other unitless ones).
    Unit,
    /// `flag`: the HJ 212-2017 data flag (optional column; empty is `N`).
    Flag,
}

impl Column {
    /// The column's name in the header.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Column::Time => "time",
            Column::Pollutant => "pollutant",
            Column::Value => "value",
            Column::Unit => "unit",
            Column::Flag => "flag",
        }
    }
}

const COLUMNS: [Column; 5] = [
    Column::Time,
    Column::Pollutant,
    Column::Value,
    Column::Unit,
    Column::Flag,
];
const NAMES: [&str; 5] = ["time", "pollutant", "value", "unit", "flag"];

/// A refused cell: a catalogue key and its arguments, rendered only when
/// the diagnostic is kept (a file may have more bad rows than are shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// Catalogue key of the message (its help is `{code}.help` unless `help` is set).
    pub code: &'static str,
    /// Arguments of the message and its help.
    pub args: Vec<(&'static str, String)>,
    /// A help line replacing the catalogue's (a "did you mean").
    pub help: Option<String>,
}

impl Problem {
    /// Problem `code` with `args`.
    pub(crate) fn new(code: &'static str, args: &[(&'static str, &str)]) -> Problem {
        Problem {
            code,
            args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            help: None,
        }
    }

    /// The error at `span`, in column `field` (`None`: the whole line).
    pub(crate) fn diagnostic(&self, span: Span, field: Option<&str>) -> Diagnostic {
        let args: Vec<(&str, &dyn std::fmt::Display)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
            .collect();
        let mut d = Diagnostic::error(self.code, t(self.code, &args), Some(span));
        let help_key = format!("{}.help", self.code);
        if let Some(help) = &self.help {
            d = d.with_help(help.clone());
        } else if has_key(&help_key) {
            d = d.with_help(t(&help_key, &args));
        }
        match field {
            Some(f) => d.with_field(f),
            None => d,
        }
    }
}

/// Where each column is in a row (0-based), once the header is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Columns {
    /// `time`.
    pub time: usize,
    /// `pollutant`.
    pub pollutant: usize,
    /// `value`.
    pub value: usize,
    /// `unit`.
    pub unit: usize,
    /// `flag`, when the file has the column.
    pub flag: Option<usize>,
    /// Number of fields of the header: every row must have as many.
    pub width: usize,
}

/// Reads the header's names (one leading BOM already removed). Returns the
/// columns when every required one is there exactly once, and the problems
/// (with the 0-based field each is at; `None` for the line): a duplicate
/// column names both column numbers (N3); an unknown one suggests the
/// closest name; the missing ones are one problem.
pub(crate) fn header(names: &[&str]) -> (Option<Columns>, Vec<(Option<usize>, Problem)>) {
    let mut at: [Option<usize>; 5] = [None; 5];
    let mut problems = Vec::new();
    let mut suggested: Vec<&str> = Vec::new();
    let mut duplicate = false;
    for (i, name) in names.iter().enumerate() {
        match NAMES.iter().position(|n| n == name) {
            Some(c) => match at[c] {
                Some(first) => {
                    duplicate = true;
                    let (first, second) = ((first + 1).to_string(), (i + 1).to_string());
                    let args = [("name", *name), ("first", &first), ("second", &second)];
                    problems.push((Some(i), Problem::new("series.header.duplicate", &args)));
                }
                None => at[c] = Some(i),
            },
            None if name.trim().is_empty() => {
                let n = (i + 1).to_string();
                problems.push((Some(i), Problem::new("series.header.empty", &[("n", &n)])));
            }
            None => {
                let shown = crate::filing::cx::visible(name);
                let mut p = Problem::new("series.header.unknown", &[("name", &shown)]);
                if let Some(s) = crate::filing::cx::suggest(name, NAMES) {
                    suggested.push(s);
                    p.help = Some(t("filing.did_you_mean", &[("suggest", &s)]));
                }
                problems.push((Some(i), p));
            }
        }
    }
    let missing: Vec<&str> = COLUMNS[..4]
        .iter()
        .zip(&at)
        .filter(|(_, a)| a.is_none())
        .map(|(c, _)| c.name())
        .collect();
    let unsuggested: Vec<String> = missing
        .iter()
        .filter(|m| !suggested.contains(m))
        .map(|m| format!("`{m}`"))
        .collect();
    if !unsuggested.is_empty() {
        let list = unsuggested.join(", ");
        problems.push((
            None,
            Problem::new("series.header.missing", &[("list", &list)]),
        ));
    }
    let columns = match at {
        [Some(time), Some(pollutant), Some(value), Some(unit), flag] if !duplicate => {
            Some(Columns {
                time,
                pollutant,
                value,
                unit,
                flag,
                width: names.len(),
            })
        }
        _ => None,
    };
    (columns, problems)
}

/// A `time` cell: ISO 8601 date and time, with an offset (`+08:00`, `Z`:
/// converted to the park's timezone `tz`) or without (already the park's
/// local time). An impossible date says why (N7), in the filing's words.
pub(crate) fn time(text: &str, tz: &TimeZone) -> Result<DateTime, Problem> {
    match plain_time(text.as_bytes(), tz) {
        Some(t) => Ok(t),
        None => any_time(text, tz),
    }
}

/// [`time`] for every spelling ISO 8601 and jiff allow.
fn any_time(text: &str, tz: &TimeZone) -> Result<DateTime, Problem> {
    let t = text.trim();
    let format = || Problem::new("series.time.format", &[("text", t)]);
    let (y, m, d, rest) = split_ymd(t).ok_or_else(format)?;
    let Some(clock) = rest.strip_prefix(['T', 't', ' ']) else {
        return Err(format());
    };
    if let Err(why) = civil_date(y, m, d) {
        return Err(Problem::new(
            "series.time.invalid",
            &[("text", t), ("why", &why)],
        ));
    }
    if clock.contains(['+', '-', 'Z', 'z']) {
        let ts: jiff::Timestamp = t.parse().map_err(|_| format())?;
        return Ok(tz.to_datetime(ts));
    }
    t.parse::<DateTime>().map_err(|_| format())
}

/// The common case without a detour: `YYYY-MM-DDTHH:MM:SS` (or a space
/// for `T`), then nothing, `Z` or `±HH:MM`; a valid date and clock. Gives
/// what [`time`]'s general path gives; anything else is `None`.
fn plain_time(b: &[u8], tz: &TimeZone) -> Option<DateTime> {
    let n = |i: usize| -> Option<i32> {
        let (x, y) = (*b.get(i)?, *b.get(i + 1)?);
        (x.is_ascii_digit() && y.is_ascii_digit())
            .then(|| i32::from(x - b'0') * 10 + i32::from(y - b'0'))
    };
    let seps = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if b.len() < 19 || seps.iter().any(|&(i, c)| b[i] != c) || !matches!(b[10], b'T' | b' ') {
        return None;
    }
    let year = i16::try_from(n(0)? * 100 + n(2)?).ok()?;
    let date =
        jiff::civil::Date::new(year, i8::try_from(n(5)?).ok()?, i8::try_from(n(8)?).ok()?).ok()?;
    let clock = jiff::civil::Time::new(
        i8::try_from(n(11)?).ok()?,
        i8::try_from(n(14)?).ok()?,
        i8::try_from(n(17)?).ok()?,
        0,
    )
    .ok()?;
    let local = date.to_datetime(clock);
    let offset = match &b[19..] {
        [] => return Some(local),
        [b'Z'] => jiff::tz::Offset::UTC,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let seconds = n(20)? * 3600 + n(23)? * 60;
            jiff::tz::Offset::from_seconds(if *sign == b'-' { -seconds } else { seconds }).ok()?
        }
        _ => return None,
    };
    Some(tz.to_datetime(offset.to_timestamp(local).ok()?))
}

/// A `pollutant` cell: any registry name, alias, Chinese name or HJ 212 code.
pub(crate) fn pollutant(text: &str) -> Result<Pollutant, Problem> {
    let t = text.trim();
    Pollutant::lookup(t).ok_or_else(|| {
        let shown = crate::filing::cx::visible(t);
        let mut p = Problem::new("series.pollutant.unknown", &[("text", &shown)]);
        if let Some(s) = Pollutant::suggest(t) {
            p.help = Some(t_did_you_mean(s));
        }
        p
    })
}

fn t_did_you_mean(s: &str) -> String {
    t("filing.did_you_mean", &[("suggest", &s)])
}

/// A `value` cell before its unit is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueText {
    /// A number.
    Number(Decimal),
    /// `ND` (no limit), `<0.05` or `0.05L` (limit 0.05).
    NotDetected(Option<Decimal>),
    /// `n/a` or empty.
    Missing,
}

/// A `value` cell: an exact decimal; `ND`, `未检出`, `<0.05` and `0.05L`
/// are below detection; `n/a` and empty are no reading. NaN and infinity
/// in any spelling (N9), full-width digits (N11), and anything else are
/// refused.
pub(crate) fn value(text: &str) -> Result<ValueText, Problem> {
    if let Some(n) = crate::values::number::plain_decimal(text.as_bytes()) {
        return Ok(ValueText::Number(n));
    }
    let v = text.trim();
    if v.is_empty() || v.eq_ignore_ascii_case("n/a") {
        return Ok(ValueText::Missing);
    }
    if v.eq_ignore_ascii_case("nd") || v == "未检出" {
        return Ok(ValueText::NotDetected(None));
    }
    if let Some(rest) = v.strip_prefix('<') {
        return number(rest, v).map(|n| ValueText::NotDetected(Some(n)));
    }
    if let Some(num) = v.strip_suffix('L')
        && !num.is_empty()
        && num.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    {
        return number(num, v).map(|n| ValueText::NotDetected(Some(n)));
    }
    number(v, v).map(ValueText::Number)
}

fn number(num: &str, text: &str) -> Result<Decimal, Problem> {
    parse_decimal(num).map_err(|e| {
        let code = match e {
            NumberError::Invalid => "series.value.invalid",
            NumberError::FullWidth => "series.value.fullwidth",
            NumberError::NotFinite => "series.value.not_finite",
            NumberError::OutOfRange => "series.value.out_of_range",
        };
        Problem::new(code, &[("text", &crate::filing::cx::visible(text))])
    })
}

/// A `unit` cell (not empty): the project's closed unit table, both micro
/// signs (N11); `ton` and the other ambiguous spellings are refused.
pub(crate) fn unit(text: &str) -> Result<Unit, Problem> {
    Unit::parse(text).map_err(|e| match e {
        UnitError::Unknown(u) => Problem::new(
            "series.unit.unknown",
            &[("unit", &crate::filing::cx::visible(&u))],
        ),
        UnitError::Ambiguous { unit, why, suggest } => Problem::new(
            "series.unit.ambiguous",
            &[
                ("unit", &crate::filing::cx::visible(&unit)),
                ("why", why),
                ("suggest", suggest),
            ],
        ),
    })
}

/// A `flag` cell: one of the HJ 212-2017 letters; empty is `N`.
pub(crate) fn flag(text: &str) -> Result<Flag, Problem> {
    if let [letter] = text.as_bytes()
        && let Some(flag) = Flag::from_byte(*letter)
    {
        return Ok(flag);
    }
    let f = text.trim();
    if f.is_empty() {
        return Ok(Flag::Normal);
    }
    Flag::from_letter(f).ok_or_else(|| {
        Problem::new(
            "series.flag.unknown",
            &[("text", &crate::filing::cx::visible(f))],
        )
    })
}

/// Dimensions of the kinds of reading, read from the unit table.
struct Kinds {
    temperature: Dim,
    flow: [Dim; 2],
    concentration: [Dim; 6],
}

static KINDS: LazyLock<Kinds> = LazyLock::new(|| {
    let dim = |u: &str| Unit::parse(u).map_or(Dim::NONE, |u| u.dim);
    Kinds {
        temperature: dim("°C"),
        flow: FLOW_UNITS.map(dim),
        concentration: CONCENTRATION_UNITS.map(dim),
    }
});

/// The reading of pollutant `p` at an outlet of `medium`, from its value
/// and unit cells (the unit already parsed; `None` when the cell is
/// empty). Problems are (column, problem): a number needs a unit unless
/// `p` is unitless; the unit must be of the kind `p` is measured in, in
/// the outlet's medium (per litre at water, per standard cubic metre at
/// air); only temperatures may be negative.
pub(crate) fn reading<'u>(
    p: Pollutant,
    value: ValueText,
    unit: Option<&'u Unit>,
    unit_text: &str,
    medium: Option<Medium>,
) -> Result<RowValue<'u>, (Column, Problem)> {
    // Without a number there is no unit to check.
    let (ValueText::NotDetected(Some(n)) | ValueText::Number(n)) = value else {
        return measured(value, &ONE);
    };
    let unit = match unit {
        Some(u) => u,
        None if p.info().unitless => &ONE,
        None => {
            let args = [("name", p.name()), ("number", &n.to_string())];
            return Err((Column::Unit, Problem::new("series.unit.missing", &args)));
        }
    };
    if let Some(problem) = kind(p, unit, unit_text.trim(), medium) {
        return Err((Column::Unit, problem));
    }
    measured(value, unit)
}

/// The unit of a unitless reading (pH).
pub(crate) static ONE: LazyLock<Unit> = LazyLock::new(Unit::one);

/// [`reading`] once its unit is known to suit the pollutant (the reader
/// remembers the pairs it has checked): only temperatures may be negative.
pub(crate) fn measured(value: ValueText, unit: &Unit) -> Result<RowValue<'_>, (Column, Problem)> {
    let (n, detected) = match value {
        ValueText::Missing => return Ok(RowValue::Missing),
        ValueText::NotDetected(None) => return Ok(RowValue::NotDetected(None)),
        ValueText::NotDetected(Some(n)) => (n, false),
        ValueText::Number(n) => (n, true),
    };
    if n < Decimal::ZERO && unit.dim != KINDS.temperature {
        let text = n.to_string();
        return Err((
            Column::Value,
            Problem::new("series.value.negative", &[("text", &text)]),
        ));
    }
    let r = Reading { value: n, unit };
    Ok(if detected {
        RowValue::Measured(r)
    } else {
        RowValue::NotDetected(Some(r))
    })
}

/// Why `unit` is not what pollutant `p` is measured in at an outlet of
/// `medium`, if it is not.
fn kind(p: Pollutant, unit: &Unit, written: &str, medium: Option<Medium>) -> Option<Problem> {
    let d = unit.dim;
    let code = match measures(p) {
        Measures::Unitless if d != Dim::NONE => "series.unit.unitless",
        Measures::Temperature if d != KINDS.temperature => "series.unit.temperature",
        Measures::Flow if !KINDS.flow.contains(&d) => "series.unit.flow",
        Measures::Fraction if d != Dim::NONE => "series.unit.fraction",
        Measures::Concentration if !KINDS.concentration.contains(&d) => "series.unit.concentration",
        Measures::Concentration => return medium_problem(unit, medium),
        _ => return None,
    };
    let shown = crate::filing::cx::visible(written);
    Some(Problem::new(code, &[("unit", &shown), ("name", p.name())]))
}

/// A concentration in the other medium's unit.
fn medium_problem(unit: &Unit, medium: Option<Medium>) -> Option<Problem> {
    let symbol = &unit.symbol;
    let has = |atom: &str| symbol.split(['/', '×', '(', ')', ' ']).any(|a| a == atom);
    let (code, suggest) = match medium {
        Some(Medium::Water) if has("Nm3") => {
            ("series.unit.air_at_water", symbol.replace("Nm3", "L"))
        }
        Some(Medium::Air) if has("L") => ("series.unit.water_at_air", symbol.replace("/L", "/Nm3")),
        _ => return None,
    };
    Some(Problem::new(
        code,
        &[("unit", symbol), ("suggest", &suggest)],
    ))
}

/// A small memo of cell texts already parsed (pollutant names, units): a
/// file repeats a handful of them on every row. Holds at most
/// [`Memo::CAP`] entries, so a file of garbage cannot grow it.
pub(crate) struct Memo<T> {
    entries: Vec<(Box<str>, T)>,
    /// The entry found last.
    last: usize,
    /// The value of a text past the cap (not remembered).
    spill: Option<T>,
}

impl<T> Memo<T> {
    /// Most texts remembered.
    const CAP: usize = 64;

    /// An empty memo.
    pub(crate) fn new() -> Self {
        Memo {
            entries: Vec::new(),
            last: 0,
            spill: None,
        }
    }

    /// The value for `text`, computed by `f` the first time. (Files cycle
    /// through their pollutants, so the entry after the last one found is
    /// tried first.)
    pub(crate) fn get(&mut self, text: &str, f: impl FnOnce(&str) -> T) -> &T {
        let next = (self.last + 1) % self.entries.len().max(1);
        let hit = match self.entries.get(next) {
            Some((k, _)) if **k == *text => Some(next),
            _ => self.entries.iter().position(|(k, _)| **k == *text),
        };
        if let Some(i) = hit {
            self.last = i;
            return &self.entries[i].1;
        }
        let v = f(text);
        if self.entries.len() >= Self::CAP {
            return self.spill.insert(v);
        }
        self.entries.push((text.into(), v));
        let last = self.entries.len() - 1;
        &self.entries[last].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_times_read_as_the_general_path_reads_them() {
        let tz = jiff::tz::db().get("Asia/Shanghai").unwrap_or(TimeZone::UTC);
        for t in [
            "2025-05-01T16:30:00Z",
            "2025-05-01 16:30:00",
            "2025-12-31T23:00:00+08:00",
            "2025-01-01T00:00:00-05:30",
            "2024-02-29T12:00:00",
        ] {
            assert_eq!(plain_time(t.as_bytes(), &tz), any_time(t, &tz).ok(), "{t}");
            assert!(plain_time(t.as_bytes(), &tz).is_some(), "{t}");
        }
        for t in [
            "2025-02-29T00:00:00",
            "2025-05-01T24:00:00",
            "2025-05-01T16:30",
            "2025-05-01T16:30:00.5",
            "2025-05-01T16:30:00+0800",
            " 2025-05-01T16:30:00",
            "2025/05/01 16:30:00",
        ] {
            assert_eq!(plain_time(t.as_bytes(), &tz), None, "{t}");
        }
    }
}
