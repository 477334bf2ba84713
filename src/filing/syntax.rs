//! YAML syntax errors as located diagnostics, and field-path rendering.

use crate::messages::t;
use crate::values::{Diagnostic, FileId, Span};
use serde_saphyr::granit_parser::{ErrorKind, ScanError};

/// Renders path segments (`Err(key)` or `Ok(index)`) as
/// `enterprises[1].discharges[0].COD`.
pub(crate) fn path_string<'k>(segs: impl IntoIterator<Item = Result<usize, &'k str>>) -> String {
    let mut out = String::new();
    for seg in segs {
        match seg {
            Ok(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
            Err(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
        }
    }
    out
}

/// A parser error as a diagnostic. `text` is what was parsed; it starts at
/// byte `base` of the registered file.
pub(crate) fn scan_error(
    e: &ScanError,
    text: &str,
    base: usize,
    file: FileId,
    max_depth: usize,
) -> Diagnostic {
    let m = e.marker();
    let offset = m
        .byte_offset()
        .unwrap_or_else(|| offset_of(text, m.line(), m.col()))
        .min(text.len());
    let at = |start: usize, len: usize| Some(Span::new(file, base + start, base + start + len));
    match e.kind() {
        ErrorKind::TabNotAllowed
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabAtBlockScalarStart
        | ErrorKind::TabInIndentation
        | ErrorKind::TabInPlainScalar => {
            let (tab, indent) = find_tab(text, offset);
            let code = if indent {
                "filing.tab_indent"
            } else {
                "filing.tab"
            };
            Diagnostic::error(code, t(code, &[]), at(tab, 1)).with_help(t("filing.tab.help", &[]))
        }
        ErrorKind::RecursionLimitExceeded => Diagnostic::error(
            "filing.too_deep",
            t("filing.too_deep", &[("max", &max_depth)]),
            at(offset, 0),
        )
        .with_help(t("filing.too_deep.help", &[])),
        ErrorKind::BomInsideDocument => Diagnostic::error(
            "filing.bom_inside",
            t("filing.bom_inside", &[]),
            at(offset, 3),
        )
        .with_help(t("filing.bom.help", &[])),
        _ => {
            let len = text[offset..].chars().next().map_or(0, char::len_utf8);
            Diagnostic::error(
                "filing.syntax",
                t("filing.syntax", &[("detail", &e.info())]),
                at(offset, len),
            )
            .with_help(t("filing.syntax.help", &[]))
        }
    }
}

/// Byte offset of a 1-based line and 0-based character column.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let start = text
        .match_indices('\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(i, _)| if line <= 1 { 0 } else { i + 1 });
    text[start..]
        .char_indices()
        .nth(col)
        .map_or(text.len(), |(i, _)| start + i)
}

/// The tab behind a tab error near `offset`: in the leading whitespace of the
/// error's line or the next line (the parser often reports the end of the
/// line before), else the first tab after `offset` on its line. Returns the
/// tab's offset and whether it is indentation.
fn find_tab(text: &str, offset: usize) -> (usize, bool) {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut start = line_start;
    for _ in 0..2 {
        let line = text[start..].split('\n').next().unwrap_or("");
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(i) = line[..indent].find('\t') {
            return (start + i, true);
        }
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text[offset..line_end]
        .find('\t')
        .map_or((offset, false), |i| (offset + i, false))
}
