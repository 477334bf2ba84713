//! Identifiers with a checkable form: the unified social credit code
//! (GB 32100-2015), the administrative division code, the timezone, the
//! name of a discharge standard (`GB 8978-1996`).

use super::text;
use crate::filing::cx::{Cx, visible};
use crate::filing::tree::Node;
use crate::values::Spanned;

/// The 31 characters of GB 32100-2015 (digits and capitals without I, O, S,
/// V, Z), in the order of their values 0..=30.
const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of positions 1..=17 (3^(i-1) mod 31), GB 32100-2015 clause 5.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a code is not a valid unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CodeError {
    /// Not 18 characters (the count found).
    Length(usize),
    /// A character outside the charset, at a 1-based position.
    Char(char, usize),
    /// The 18th character is not the check character (expected, found).
    Check(char, char),
}

/// Checks a unified social credit code: 18 characters from [`CHARSET`], the
/// last being the check character `31 - (Σ value_i × weight_i mod 31)`
/// (31 counts as 0), GB 32100-2015.
pub(crate) fn check_credit_code(code: &str) -> Result<(), CodeError> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CodeError::Length(chars.len()));
    }
    let mut values = [0u32; 18];
    for (i, c) in chars.iter().enumerate() {
        let v = CHARSET.find(*c).ok_or(CodeError::Char(*c, i + 1))?;
        values[i] = u32::try_from(v).unwrap_or(0);
    }
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    let expected = CHARSET.chars().nth(check as usize).unwrap_or('0');
    if chars[17] == expected {
        Ok(())
    } else {
        Err(CodeError::Check(expected, chars[17]))
    }
}

/// An enterprise id: text, checked as a unified social credit code. The
/// text is kept even when the check fails (it still names the enterprise);
/// the error says what is wrong.
pub(crate) fn credit_code(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<String>> {
    let id = text(cx, node)?;
    let shown = visible(&id.value);
    match check_credit_code(&id.value) {
        Ok(()) => {}
        Err(CodeError::Length(n)) => cx.error(
            "filing.credit_code.length",
            &[("text", &shown), ("len", &n)],
            id.span,
        ),
        Err(CodeError::Char(c, pos)) => {
            let c = visible(&c.to_string());
            cx.error(
                "filing.credit_code.char",
                &[("text", &shown), ("char", &c), ("pos", &pos)],
                id.span,
            );
        }
        Err(CodeError::Check(expected, found)) => {
            let args: crate::filing::cx::Args<'_> =
                &[("text", &shown), ("expected", &expected), ("found", &found)];
            cx.error("filing.credit_code.check", args, id.span);
        }
    }
    Some(id)
}

/// An administrative division code (GB/T 2260): six ASCII digits, as text.
pub(crate) fn region(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<String>> {
    let code = text(cx, node)?;
    if code.value.len() == 6 && code.value.bytes().all(|b| b.is_ascii_digit()) {
        Some(code)
    } else {
        cx.error(
            "filing.region",
            &[("text", &visible(&code.value))],
            code.span,
        );
        None
    }
}

/// An IANA timezone name known to the time zone database (`Asia/Shanghai`).
/// Where the system has no database at all, any `Area/Location` name passes.
pub(crate) fn timezone(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<String>> {
    let name = text(cx, node)?;
    let db = jiff::tz::db();
    let known = if db.is_definitively_empty() {
        name.value.contains('/') && !name.value.contains(char::is_whitespace)
    } else {
        db.get(&name.value).is_ok()
    };
    if known {
        Some(name)
    } else {
        cx.error(
            "filing.timezone",
            &[("text", &visible(&name.value))],
            name.span,
        );
        None
    }
}

/// Why a standard's name is not in the canonical form `PREFIX NUMBER-YEAR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StandardError {
    /// Not canonical; the canonical spelling when one can be derived
    /// (`GB8978-1996` -> `GB 8978-1996`).
    Form(Option<String>),
    /// A two-digit year (`GB 8978-96`): the year as written, the four-digit
    /// year it most likely means, and the name with that year.
    Year(String, String, String),
}

/// `GB`, `GB/T`, `HJ`, `HJ/T`, `DBnn`, `DBnn/T`.
fn standard_prefix(p: &str) -> bool {
    let base = p.strip_suffix("/T").unwrap_or(p);
    matches!(base, "GB" | "HJ")
        || (base.len() == 4
            && base.starts_with("DB")
            && base[2..].bytes().all(|b| b.is_ascii_digit()))
}

/// Digits, optionally `.digits` (`8978`, `91.1`).
fn standard_number(n: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match n.split_once('.') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(n),
    }
}

/// Checks that a standard is written `PREFIX NUMBER-YEAR` (`GB 8978-1996`,
/// `GB/T 14848-2017`, `HJ 2.1-2016`, `DB44 26-2001`): the names the packs
/// compare with. A near miss (`GB8978-1996`, `gb 8978-1996`, `GB 8978—1996`)
/// is refused with the canonical spelling; a two-digit year with the
/// four-digit year it most likely means.
pub(crate) fn check_standard(text: &str) -> Result<(), StandardError> {
    if let Some((prefix, rest)) = text.split_once(' ')
        && standard_prefix(prefix)
        && let Some((number, year)) = rest.rsplit_once('-')
        && standard_number(number)
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
    {
        return Ok(());
    }
    // Full-width forms, other dashes, case and spaces are the usual slips.
    let folded: String = text
        .chars()
        .filter_map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '_' => Some('-'),
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let base_len = if folded.starts_with("GB") || folded.starts_with("HJ") {
        2
    } else if folded.starts_with("DB")
        && folded.len() >= 4
        && folded.as_bytes()[2..4].iter().all(u8::is_ascii_digit)
    {
        4
    } else {
        return Err(StandardError::Form(None));
    };
    let (base, rest) = folded.split_at(base_len);
    let (prefix, rest) = match rest.strip_prefix("/T").or_else(|| rest.strip_prefix('T')) {
        Some(rest) => (format!("{base}/T"), rest),
        None => (base.to_string(), rest),
    };
    let Some((number, year)) = rest.rsplit_once('-') else {
        return Err(StandardError::Form(None));
    };
    if !standard_number(number) || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(StandardError::Form(None));
    }
    match year.len() {
        4 => Err(StandardError::Form(Some(format!(
            "{prefix} {number}-{year}"
        )))),
        2 => {
            let century = if year < "50" { "20" } else { "19" };
            let full = format!("{century}{year}");
            let suggest = format!("{prefix} {number}-{full}");
            Err(StandardError::Year(year.to_string(), full, suggest))
        }
        _ => Err(StandardError::Form(None)),
    }
}

/// The standard named in an outlet's permit (`GB 8978-1996`), checked per
/// [`check_standard`]. Like a credit code, a name that fails the check is
/// reported and kept as written: it is never replaced by a guess, and an
/// outlet naming no standard would fall into the general standard's scope.
pub(crate) fn standard(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<String>> {
    let name = text(cx, node)?;
    let shown = visible(&name.value);
    match check_standard(&name.value) {
        Ok(()) => {}
        Err(StandardError::Form(suggest)) => {
            let help = match suggest {
                Some(s) => crate::messages::t("filing.standard.suggest", &[("suggest", &s)]),
                None => crate::messages::t("filing.standard.help", &[]),
            };
            cx.error_help("filing.standard", &[("text", &shown)], name.span, help);
        }
        Err(StandardError::Year(yy, year, suggest)) => {
            let args: crate::filing::cx::Args<'_> = &[
                ("text", &shown),
                ("yy", &yy),
                ("year", &year),
                ("suggest", &suggest),
            ];
            cx.error("filing.standard.year", args, name.span);
        }
    }
    Some(name)
}
