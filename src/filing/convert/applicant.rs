//! What an environmental entry standard reads of an enterprise: its
//! cleaner-production level and, for an applicant, the project as applied
//! for (`planned:`: annual output, value added and discharges).

use crate::filing::cx::{Cx, Fields, visible};
use crate::filing::fields::pollutants::entries;
use crate::filing::fields::quantity::{Expect, quantity};
use crate::filing::fields::text;
use crate::filing::model::{CleanerProduction, Planned, Status};
use crate::filing::tree::Node;
use crate::values::Spanned;
use crate::values::words;

const PLANNED_KEYS: [&str; 4] = ["output", "value_added", "discharges", "extra"];
const LEVELS: [(&str, CleanerProduction); 3] = [
    (words::CLEANER_PRODUCTION[0], CleanerProduction::I),
    (words::CLEANER_PRODUCTION[1], CleanerProduction::II),
    (words::CLEANER_PRODUCTION[2], CleanerProduction::III),
];
/// The levels' Chinese names (国际清洁生产领先水平 and short forms).
const NAMES: [(&str, &str); 6] = [
    ("国际清洁生产领先水平", "I"),
    ("国际领先", "I"),
    ("国内清洁生产先进水平", "II"),
    ("国内先进", "II"),
    ("国内清洁生产一般水平", "III"),
    ("国内一般", "III"),
];

/// The cleaner-production level, written `I`, `II` or `III`. Look-alikes
/// are errors naming the spelling to use: a number (`2`), Roman-numeral
/// characters (`Ⅱ`), lowercase or full-width letters, `level II`, the
/// Chinese grade (`二级`) and the level's Chinese name (`国内先进`).
pub(super) fn cleaner_production(
    cx: &mut Cx<'_>,
    node: &Node<'_>,
) -> Option<Spanned<CleanerProduction>> {
    let written = text(cx, node)?;
    if let Some((_, level)) = LEVELS.iter().find(|(n, _)| *n == written.value) {
        return Some(Spanned::new(*level, written.span));
    }
    let shown = visible(&written.value);
    match look_alike(&written.value) {
        Some(level) => cx.error(
            "filing.cleaner.look_alike",
            &[("text", &shown), ("level", &level)],
            written.span,
        ),
        None => cx.error("filing.cleaner.unknown", &[("text", &shown)], written.span),
    }
    None
}

/// The level a look-alike spelling means (`二级` -> `II`), if any.
fn look_alike(text: &str) -> Option<&'static str> {
    let t = text.trim();
    if let Some((_, level)) = NAMES.iter().find(|(n, _)| *n == t) {
        return Some(level);
    }
    let t = if t.to_lowercase().starts_with("level") {
        t.get(5..).unwrap_or(t).trim_start()
    } else {
        t
    };
    let t = t
        .strip_suffix("级水平")
        .or_else(|| t.strip_suffix('级'))
        .unwrap_or(t)
        .trim();
    let folded: String = t
        .chars()
        .map(|c| match c {
            'Ⅰ' | 'ⅰ' | '1' | '１' | '一' => "I".to_string(),
            'Ⅱ' | 'ⅱ' | '2' | '２' | '二' => "II".to_string(),
            'Ⅲ' | 'ⅲ' | '3' | '３' | '三' => "III".to_string(),
            'Ｉ' | 'ｉ' => "I".to_string(),
            c => c.to_ascii_uppercase().to_string(),
        })
        .collect();
    LEVELS.iter().map(|(n, _)| *n).find(|n| *n == folded)
}

/// `planned:` of an enterprise mapping. Only an applicant has a project as
/// applied for: on any other status the section is read (its own errors
/// are reported) and then refused with an error at its key. `status` is
/// `None` when the enterprise's status is bad or missing (its own error).
pub(super) fn planned<'t>(
    cx: &mut Cx<'t>,
    f: &Fields<'t, '_>,
    status: Option<Status>,
) -> Option<Planned> {
    let planned = cx.opt(f, "planned", planned_section)?;
    match status {
        Some(Status::Applicant) | None => Some(planned),
        Some(other) => {
            let name = match other {
                Status::Operating => "operating",
                Status::Closed => "closed",
                Status::Applicant => "applicant",
            };
            let at = f.entry("planned").map_or(planned.span, |(k, _)| k.span);
            cx.key("planned", |cx| {
                cx.error("filing.planned.status", &[("status", &name)], at);
            });
            None
        }
    }
}

fn planned_section<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>) -> Option<Planned> {
    let f = cx.mapping(node, &PLANNED_KEYS, &[])?;
    let output = cx.opt(&f, "output", |cx, n| above_zero(cx, n, Expect::PerYear));
    let value_added = cx.opt(&f, "value_added", |cx, n| {
        above_zero(cx, n, Expect::MoneyPerYear)
    });
    let discharges = cx
        .opt(&f, "discharges", |cx, n| {
            entries(cx, n, &[], |cx, _, v| {
                quantity(cx, v, false, Expect::AnnualRate)
            })
        })
        .map(|(_, e)| e)
        .unwrap_or_default();
    Some(Planned {
        output,
        value_added,
        discharges,
        span: node.span,
    })
}

/// A quantity of kind `expect` that is above zero: the entry standard's
/// intensities are per unit of it, so zero is an error (negative ones are
/// already refused as negative).
fn above_zero(
    cx: &mut Cx<'_>,
    node: &Node<'_>,
    expect: Expect,
) -> Option<Spanned<crate::values::Quantity>> {
    let q = quantity(cx, node, false, expect)?;
    if q.value.value.is_zero() {
        let shown = visible(node.scalar().map_or("", |(t, _)| t.trim()));
        cx.error("filing.planned.zero", &[("text", &shown)], q.span);
        return None;
    }
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::look_alike;

    #[test]
    fn look_alikes_name_the_level_they_mean() {
        for (text, level) in [
            ("2", "II"),
            ("Ⅱ", "II"),
            ("ⅱ", "II"),
            ("二级", "II"),
            ("ii", "II"),
            ("level II", "II"),
            ("Level 2", "II"),
            ("Ⅲ级", "III"),
            ("一级", "I"),
            ("Ｉ", "I"),
            ("国内先进", "II"),
            ("国际清洁生产领先水平", "I"),
        ] {
            assert_eq!(look_alike(text), Some(level), "{text}");
        }
        for text in ["IV", "4", "A", "good", ""] {
            assert_eq!(look_alike(text), None, "{text}");
        }
    }
}
