//! Identifiers with a checkable form: the unified social credit code
//! (GB 32100-2015), the administrative division code, the timezone.

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
