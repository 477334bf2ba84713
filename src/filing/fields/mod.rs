//! Typed readers for single values: text, booleans, choices, years, dates,
//! months. Each records its own error and returns `None` for a bad value.

pub(crate) mod ids;
pub(crate) mod pollutants;
pub(crate) mod quantity;

use super::cx::{Cx, found, suggest, visible};
use super::model::YearMonth;
use super::tree::Node;
use crate::values::Spanned;
use jiff::civil::Date;

/// Text (identifiers, codes, names). A plain scalar keeps its written form:
/// `0017` is the text `0017`, never the number 17.
pub(crate) fn text(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<String>> {
    match node.scalar() {
        Some((text, _)) => Some(Spanned::new(text.to_string(), node.span)),
        None => {
            cx.expected("filing.what.text", node);
            None
        }
    }
}

/// A boolean: only plain `true` or `false` (YAML 1.2 core spellings). YAML 1.1
/// words (`yes`, `no`, `on`, `off`, `y`, `n`) and quoted text are errors.
pub(crate) fn boolean(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<bool>> {
    let value = match node.scalar() {
        Some(("true" | "True" | "TRUE", true)) => true,
        Some(("false" | "False" | "FALSE", true)) => false,
        _ => {
            let found = found(node);
            cx.error("filing.bool", &[("found", &found)], node.span);
            return None;
        }
    };
    Some(Spanned::new(value, node.span))
}

/// One of a closed list of words (`operating`, `water`...). `what` is the
/// catalogue key naming the field's kind of value.
pub(crate) fn choice<T: Copy>(
    cx: &mut Cx<'_>,
    node: &Node<'_>,
    what: &str,
    options: &[(&str, T)],
) -> Option<Spanned<T>> {
    let Some((text, _)) = node.scalar() else {
        cx.expected(what, node);
        return None;
    };
    if let Some((_, v)) = options.iter().find(|(name, _)| *name == text) {
        return Some(Spanned::new(*v, node.span));
    }
    let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
    let what = crate::messages::t(what, &[]);
    let allowed = names.join(", ");
    let args: super::cx::Args<'_> = &[
        ("what", &what),
        ("text", &visible(text)),
        ("allowed", &allowed),
    ];
    match suggest(text, names.iter().copied()) {
        Some(s) => {
            let help = crate::messages::t("filing.did_you_mean", &[("suggest", &s)]);
            cx.error_help("filing.choice", args, node.span, help);
        }
        None => cx.error("filing.choice", args, node.span),
    }
    None
}

/// A calendar year written as four digits (`2025`), 1900 to 2100.
pub(crate) fn year(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<i16>> {
    let Some((text, _)) = node.scalar() else {
        cx.expected("filing.what.year", node);
        return None;
    };
    match parse_year(text) {
        Some(y) => Some(Spanned::new(y, node.span)),
        None => {
            cx.error("filing.year", &[("text", &visible(text))], node.span);
            None
        }
    }
}

fn parse_year(text: &str) -> Option<i16> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|y| (1900..=2100).contains(y))
}

/// Parses `YYYY-MM` into (year, month) when the shape is right; the values
/// are checked by the callers.
fn split_ym(text: &str) -> Option<(i16, i8, &str)> {
    let b = text.as_bytes();
    if b.len() < 7 || b[4] != b'-' || !b[..4].iter().chain(&b[5..7]).all(u8::is_ascii_digit) {
        return None;
    }
    Some((
        text[..4].parse().ok()?,
        text[5..7].parse().ok()?,
        &text[7..],
    ))
}

/// A date, or a date-time judged on the park's local calendar date
/// (DESIGN.md): `2026-03-15`, `2026-03-15T09:30:00+08:00`, or
/// `2026-03-15T16:30:00Z` (2026-03-16 in Asia/Shanghai). A date-time without
/// an offset is already local time. Unreadable date-times are errors.
pub(crate) fn local_date(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<Date>> {
    let Some((text, _)) = node.scalar() else {
        return date(cx, node);
    };
    let Some((day, _)) = text
        .split_at_checked(10)
        .filter(|(_, rest)| rest.starts_with(['T', 't', ' ']))
    else {
        return date(cx, node);
    };
    // The date part first, so an impossible day says why (`2023-02-29`).
    date_text(cx, day, node.span)?;
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Some(Spanned::new(
            ts.to_zoned_datetime(cx.timezone.clone()).date(),
            node.span,
        ));
    }
    if let Ok(dt) = text.parse::<jiff::civil::DateTime>() {
        return Some(Spanned::new(dt.date(), node.span));
    }
    cx.error(
        "filing.date_time.format",
        &[("text", &visible(text))],
        node.span,
    );
    None
}

/// An ISO 8601 calendar date (`2025-04-12`). Impossible dates are errors
/// that say why: `2023-02-29` (not a leap year), `0000-00-00` (use null).
pub(crate) fn date(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<Date>> {
    let Some((text, _)) = node.scalar() else {
        cx.expected("filing.what.date", node);
        return None;
    };
    date_text(cx, text, node.span)
}

/// [`date`] of a text at `span`.
fn date_text(cx: &mut Cx<'_>, text: &str, span: crate::values::Span) -> Option<Spanned<Date>> {
    let parts = split_ym(text).and_then(|(y, m, rest)| {
        let d = rest
            .strip_prefix('-')
            .filter(|d| d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()))?;
        Some((y, m, d.parse::<i8>().ok()?))
    });
    let Some((y, m, d)) = parts else {
        cx.error("filing.date.format", &[("text", &visible(text))], span);
        return None;
    };
    match crate::values::dates::civil_date(y, m, d) {
        Ok(date) => Some(Spanned::new(date, span)),
        Err(why) => {
            cx.error(
                "filing.date.invalid",
                &[("text", &text), ("why", &why)],
                span,
            );
            None
        }
    }
}

/// A calendar month `YYYY-MM` (`2025-01`).
pub(crate) fn month(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<YearMonth>> {
    let Some((text, _)) = node.scalar() else {
        cx.expected("filing.what.month", node);
        return None;
    };
    match split_ym(text) {
        Some((year, month, "")) if (1900..=2100).contains(&year) && (1..=12).contains(&month) => {
            Some(Spanned::new(YearMonth { year, month }, node.span))
        }
        _ => {
            cx.error("filing.month", &[("text", &visible(text))], node.span);
            None
        }
    }
}
