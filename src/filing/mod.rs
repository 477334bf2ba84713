//! Filing loader: YAML or JSON (eipcheck/filing/v1) into the typed model,
//! spans kept, every error of the file collected.
//!
//! Two stages. [`tree`] reads the text into a spanned node tree (plain
//! scalars keep their written text: `0017` stays `0017`), enforcing the
//! resource budgets of [`Limits`] and refusing duplicate keys and merge keys.
//! [`convert`] turns the tree into [`model::Filing`], recording every bad
//! value and dropping it from the model (missing, never zero).
//!
//! Policies (the filing format of DESIGN.md, made exact):
//! - identifiers and codes are text; an unquoted `0017` is the text `0017`;
//! - a quantity needs a unit (`COD: 1.2e2` and `NH3N: "9"` are errors), except
//!   for unitless pollutants such as pH;
//! - booleans are only `true`/`false` (`on`, `yes`... are errors);
//! - anchors and aliases are allowed; merge keys (`<<`) are refused;
//! - a list element whose required enum, date or month is bad or missing
//!   (enterprise `status`, outlet `medium`, sample `date`, row `month`) is
//!   dropped after its error; required text left out becomes empty text, and
//!   a bad or missing `park.period` is `None`, always with an error;
//! - samples and month rows outside the reporting year, a second month row
//!   for one month, a second sample of one outlet on one date, negative
//!   amounts, sample values of the wrong kind (`COD: "152 mg"`, `pH: "6.9
//!   mg/L"`, an air unit at a water outlet) and standards not written
//!   `PREFIX NUMBER-YEAR` are errors, and the value or item is dropped;
//! - `filing` is `None` when the file cannot be read as one YAML document
//!   (size, encoding, syntax, budgets) or is not a mapping.

mod convert;
pub(crate) mod cx;
pub(crate) mod fields;
pub mod model;
mod syntax;
mod tree;

#[cfg(test)]
mod tests;

pub use model::Filing;

use crate::messages::t;
use crate::values::{Diagnostic, FileId, Sources, Span};

/// Resource budgets that turn hostile input into a located error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted file, in bytes (default 16 MiB).
    pub max_bytes: usize,
    /// Most nodes (scalars, lists, mappings) the document may hold, aliases
    /// counted at their expanded size (default 1,000,000).
    pub max_nodes: usize,
    /// Deepest nesting of lists and mappings (default 128).
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 16 * 1024 * 1024,
            max_nodes: 1_000_000,
            max_depth: 128,
        }
    }
}

/// The result of loading one filing: the model (if the file is a readable
/// mapping) and every error found, in file order.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The filing; `None` only when the file is not a readable mapping.
    pub filing: Option<Filing>,
    /// All errors (severity error, code `filing.*` or a value-level code).
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads a filing with the default [`Limits`]. `path` names the file in
/// diagnostics; the text is registered in `sources`.
pub fn load(path: &str, bytes: &[u8], sources: &mut Sources) -> Loaded {
    load_with(path, bytes, sources, &Limits::default())
}

/// Loads a filing with explicit budgets. Never panics on any input.
pub fn load_with(path: &str, bytes: &[u8], sources: &mut Sources, limits: &Limits) -> Loaded {
    if bytes.len() > limits.max_bytes {
        let file = sources.add(path, "");
        let d = Diagnostic::error(
            "filing.too_large",
            t(
                "filing.too_large",
                &[("size", &bytes.len()), ("max", &limits.max_bytes)],
            ),
            Some(Span::new(file, 0, 0)),
        )
        .with_help(t("filing.too_large.help", &[]));
        return fatal(d);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return not_utf8(path, bytes, e.valid_up_to(), sources),
    };
    let file = sources.add(path, text);
    // Exactly one leading BOM is skipped; offsets stay those of the bytes.
    let base = if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let body = &text[base..];
    let mut diagnostics = Vec::new();
    if body.starts_with('\u{FEFF}') {
        diagnostics.push(
            Diagnostic::error(
                "filing.bom_twice",
                t("filing.bom_twice", &[]),
                Some(Span::new(file, base, base + 3)),
            )
            .with_help(t("filing.bom.help", &[])),
        );
    }
    let parsed = tree::parse(body, base, file, limits);
    diagnostics.extend(parsed.diagnostics);
    let filing = parsed.root.and_then(|root| {
        // A mapping that lost a refused merge key (`<<`) reports no missing
        // fields: the merge-key error already says what to write out.
        let merged: Vec<Span> = diagnostics
            .iter()
            .filter(|d| d.code == "filing.merge_key")
            .filter_map(|d| d.span)
            .collect();
        let (filing, diags) = convert::filing(&root, file, text, path, &sha256_hex(bytes), merged);
        diagnostics.extend(diags);
        filing
    });
    diagnostics.sort_by_key(|d| d.span.map_or(0, |s| s.start));
    Loaded {
        filing,
        diagnostics,
    }
}

fn fatal(d: Diagnostic) -> Loaded {
    Loaded {
        filing: None,
        diagnostics: vec![d],
    }
}

fn not_utf8(path: &str, bytes: &[u8], at: usize, sources: &mut Sources) -> Loaded {
    // The valid prefix is registered as is, so line and column of the first
    // bad byte are exact; the rest is shown with replacement characters.
    let text = String::from_utf8_lossy(bytes).into_owned();
    let file: FileId = sources.add(path, text);
    let byte = bytes.get(at).copied().unwrap_or(0);
    let d = Diagnostic::error(
        "filing.not_utf8",
        t(
            "filing.not_utf8",
            &[("byte", &format!("{byte:02X}")), ("offset", &at)],
        ),
        Some(Span::new(file, at, at + '\u{FFFD}'.len_utf8())),
    )
    .with_help(t("filing.not_utf8.help", &[]));
    fatal(d)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
