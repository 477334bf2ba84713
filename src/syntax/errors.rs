//! pest errors -> diagnostics in plain words: what was expected (rule names
//! turned into words from the catalogue), after which token, what was found,
//! and a help line for the construct being written.

use super::parser::{PRECEDENCE_LEVELS, Rule as R};
use crate::messages::t;
use crate::values::{Diagnostic, FileId, Span};
use pest::error::{Error, ErrorVariant, InputLocation};

/// What a rule (or literal token) stands for, as a catalogue key suffix of
/// `syntax.what.*`. `None`: not worth naming.
fn what(r: R) -> Option<&'static str> {
    Some(match r {
        R::unit => "unit",
        R::provisional => "provisional",
        R::string | R::string_body => "text",
        R::date => "date",
        R::ident | R::binder_var => "name",
        R::field_name => "field",
        R::number | R::signed_number | R::quantity => "number",
        R::cell | R::cell_value | R::cell_range | R::no_limit => "cell",
        R::column_name => "column",
        R::row_pollutant | R::cell_word | R::table_row | R::pollutant_word => "pollutant",
        R::row_when | R::row_condition | R::otherwise => "when",
        R::table_header | R::head_pollutant => "table_header",
        R::head_when => "kw_when",
        R::binder | R::binder_kind => "binder",
        R::severity_level => "severity",
        R::judge_mode => "judge",
        R::agg_short | R::agg_long => "comprehension",
        R::op_cmp
        | R::op_add
        | R::op_mul
        | R::field
        | R::index
        | R::op_in
        | R::op_not_in
        | R::op_starts_with => "operator",
        R::kw_and | R::kw_or | R::kw_in | R::kw_not | R::kw_starts | R::kw_per => "operator",
        r if PRECEDENCE_LEVELS.contains(&r) => "value",
        R::op_neg | R::kw_exists | R::if_expr | R::aggregate | R::call | R::list | R::boolean => {
            "value"
        }
        R::kw_cite
        | R::kw_column
        | R::kw_effective
        | R::kw_for
        | R::kw_help
        | R::kw_judge
        | R::kw_message
        | R::kw_require
        | R::kw_severity
        | R::kw_table
        | R::kw_until => "clause",
        R::rule_kind | R::kw_import | R::kw_param | R::kw_superseded => "item",
        R::kw_source | R::kw_version => "header_clause",
        R::kw_ruleset => "kw_ruleset",
        R::kw_by => "kw_by",
        R::kw_from => "kw_from",
        R::kw_if => "kw_if",
        R::kw_then => "kw_then",
        R::kw_else => "kw_else",
        R::kw_where => "kw_where",
        R::kw_with => "kw_with",
        R::kw_year => "kw_year",
        R::EOI => "end",
        _ => return None,
    })
}

/// Literal tokens worth naming (others are covered by the rules).
fn token_what(token: &str) -> Option<&'static str> {
    Some(match token {
        "|" => "pipe",
        "=" => "equals",
        "," => "comma",
        ")" => "close_paren",
        "]" => "close_bracket",
        "{" => "open_brace",
        _ => return None,
    })
}

/// Order in which expectations are listed (most telling first).
const ORDER: &[&str] = &[
    "unit",
    "pipe",
    "cell",
    "when",
    "value",
    "operator",
    "comma",
    "close_paren",
    "close_bracket",
    "equals",
    "open_brace",
    "text",
    "date",
    "name",
    "field",
    "number",
    "column",
    "pollutant",
    "table_header",
    "kw_when",
    "binder",
    "severity",
    "judge",
    "comprehension",
    "kw_ruleset",
    "kw_by",
    "kw_from",
    "kw_if",
    "kw_then",
    "kw_else",
    "kw_where",
    "kw_with",
    "kw_year",
    "provisional",
    "header_clause",
    "clause",
    "item",
    "end",
];

/// The help line for the construct most likely being written.
fn help_key(expected: &[&str]) -> &'static str {
    let has = |k: &str| expected.contains(&k);
    if has("cell") || has("pipe") || has("table_header") || has("when") {
        "syntax.help.table"
    } else if has("unit") {
        "syntax.help.unit"
    } else if has("text") {
        "syntax.help.text"
    } else if has("value") {
        "syntax.help.value"
    } else if has("kw_ruleset") {
        "syntax.help.header"
    } else if has("binder") {
        "syntax.help.binder"
    } else if has("clause") || has("item") {
        "syntax.help.clause"
    } else {
        "syntax.help"
    }
}

/// The token that starts at `pos` (for "found ..."), as shown to the user.
fn found_at(text: &str, pos: usize) -> (String, usize) {
    let rest = text.get(pos..).unwrap_or("");
    let Some(c) = rest.chars().next() else {
        return (t("syntax.found.end", &[]), 0);
    };
    if c == '\n' || c == '\r' {
        return (t("syntax.found.line_end", &[]), 0);
    }
    let len: usize = if c.is_alphanumeric() || c == '_' {
        rest.chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '+'))
            .take(24)
            .map(char::len_utf8)
            .sum()
    } else {
        c.len_utf8()
    };
    let word = &rest[..len];
    (format!("`{word}`"), len)
}

/// The last token before `pos` (for "after ..."), if any.
fn before(text: &str, pos: usize) -> Option<String> {
    let head = text.get(..pos)?.trim_end();
    let word: String = {
        let tail: Vec<char> = head
            .chars()
            .rev()
            .take_while(|c| !c.is_whitespace() && *c != '|')
            .take(24)
            .collect();
        tail.into_iter().rev().collect()
    };
    if word.is_empty() {
        head.chars().last().map(|c| c.to_string())
    } else {
        Some(word)
    }
}

/// Joins descriptions: `a`, `a or b`, `a, b or c`.
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), t("syntax.or", &[])),
    }
}

/// Converts a pest error in a piece of rule file `text` (the piece starts
/// at byte `base`) into a diagnostic.
pub(super) fn syntax_error(e: &Error<R>, text: &str, file: FileId, base: usize) -> Diagnostic {
    let at = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let mut keys: Vec<&'static str> = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            positives.iter().filter_map(|r| what(*r)).collect()
        }
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    if let Some(attempts) = e.parse_attempts().filter(|a| a.max_position == at) {
        keys.extend(
            attempts
                .expected_tokens()
                .iter()
                .filter_map(|tok| token_what(&tok.to_string())),
        );
    }
    keys.sort_by_key(|k| ORDER.iter().position(|o| o == k));
    keys.dedup();
    if keys.len() > 1 {
        keys.retain(|k| *k != "end");
    }
    if keys.contains(&"header_clause") {
        // `effective` is also a rule clause; in the header it is one of three.
        keys.retain(|k| *k != "clause");
    }
    let words: Vec<String> = keys
        .iter()
        .take(4)
        .map(|k| t(&format!("syntax.what.{k}"), &[]))
        .collect();
    let pos = base + at;
    let (found, len) = found_at(text, pos);
    let span = Span::new(file, pos, pos + len);
    let (code, message) = match (keys.is_empty(), before(text, pos)) {
        (true, _) => ("syntax.too_deep", t("syntax.too_deep", &[])),
        (false, Some(prev)) => (
            "syntax.expected_after",
            t(
                "syntax.expected_after",
                &[("expected", &join(&words)), ("after", &prev)],
            ),
        ),
        (false, None) => (
            "syntax.expected",
            t("syntax.expected", &[("expected", &join(&words))]),
        ),
    };
    let help = match near_keyword(&found) {
        Some(word) => t("syntax.did_you_mean", &[("word", &word)]),
        None => t(help_key(&keys), &[]),
    };
    Diagnostic::error(code, message, Some(span))
        .with_label(t("syntax.found", &[("found", &found)]))
        .with_help(help)
}

/// Clause and declaration keywords a misspelt word may have meant.
const KEYWORDS: [&str; 17] = [
    "cite",
    "severity",
    "effective",
    "until",
    "judge",
    "provisional",
    "message",
    "help",
    "require",
    "missing",
    "column",
    "table",
    "below",
    "import",
    "param",
    "superseded",
    "ruleset",
];

/// The keyword `found` is a near miss of (`cyte` -> `cite`), if any.
fn near_keyword(found: &str) -> Option<&'static str> {
    let word = found.trim_matches('`');
    if word.is_empty() || KEYWORDS.contains(&word) {
        return None;
    }
    KEYWORDS
        .iter()
        .copied()
        .filter(|k| strsim::levenshtein(k, word) <= 1 + k.len() / 6)
        .min_by_key(|k| strsim::levenshtein(k, word))
}
