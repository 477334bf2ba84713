//! The pest parser (grammar/eipcheck.pest) and the driver that keeps going
//! after a syntax error: the file is cut into items at the lines that start
//! with an item keyword, and each piece is parsed on its own, so every broken
//! item is reported and the others still reach the checker.

use super::ast::File;
use super::build::Builder;
use super::errors::syntax_error;
use crate::values::{Diagnostic, FileId};
use pest::Parser;

/// The generated parser. The grammar path is relative to the crate root
/// (pest_derive looks there first, then under `src/`).
#[derive(pest_derive::Parser)]
#[grammar = "grammar/eipcheck.pest"]
pub(crate) struct RuleParser;

/// The expression precedence levels of the grammar, loosest first. A level
/// with one child is just that child (`x` alone is an `or_expr` of an
/// `and_expr` of ... of a `postfix`); errors call any of them a value.
pub(super) const PRECEDENCE_LEVELS: [Rule; 9] = [
    Rule::or_expr,
    Rule::and_expr,
    Rule::not_expr,
    Rule::comparison,
    Rule::range_expr,
    Rule::additive,
    Rule::term,
    Rule::unary,
    Rule::postfix,
];

/// Words that start a top-level item when they begin a line.
const ITEM_KEYWORDS: &[&str] = &[
    "import",
    "param",
    "superseded",
    "limits",
    "limit",
    "cap",
    "duty",
    "entry",
];

/// Parses one rule file into its syntax tree. Syntax errors come back as
/// diagnostics (one per broken item); the tree holds everything that parsed.
pub fn parse(file: FileId, text: &str) -> (File, Vec<Diagnostic>) {
    pest::set_error_detail(true);
    let mut out = File {
        header: None,
        items: Vec::new(),
        broken_params: Vec::new(),
    };
    let whole = match RuleParser::parse(Rule::file, text) {
        Ok(pairs) => {
            let b = Builder::new(file, 0);
            return match pairs.into_iter().next().map(|p| b.file(p, &mut out)) {
                Some(Ok(())) | None => (out, Vec::new()),
                Some(Err(broken)) => (out, vec![broken.diagnostic()]),
            };
        }
        Err(e) => syntax_error(&e, text, file, 0),
    };
    let mut diags = Vec::new();
    for (start, end) in pieces(text) {
        let piece = &text[start..end];
        let entry = if start == 0 { Rule::file } else { Rule::items };
        match RuleParser::parse(entry, piece) {
            Ok(pairs) => {
                let b = Builder::new(file, start);
                for p in pairs {
                    if let Err(broken) = b.file(p, &mut out) {
                        diags.push(broken.diagnostic());
                    }
                }
            }
            Err(e) => {
                diags.push(syntax_error(&e, text, file, start));
                out.broken_params.extend(param_name(piece));
            }
        }
    }
    if diags.is_empty() {
        diags.push(whole);
    }
    (out, diags)
}

/// Byte ranges of the header and of each item: a new piece starts at every
/// line whose first word is an item keyword. Exact for a valid file (those
/// words are reserved and strings do not span lines).
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut starts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let word: String = line
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if offset > 0 && ITEM_KEYWORDS.contains(&word.as_str()) {
            starts.push(offset);
        }
        offset += line.len();
    }
    let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
    ends.push(text.len());
    starts.into_iter().zip(ends).collect()
}

/// The name declared by a `param NAME ...` piece, if it is one.
fn param_name(piece: &str) -> Option<String> {
    let mut words = piece
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty());
    (words.next() == Some("param")).then(|| words.next().map(str::to_string))?
}
