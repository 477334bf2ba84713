//! Name resolution and type/unit checking: AST -> checked IR.
//!
//! [`load_ruleset`] parses a rule file, resolves every name (variables,
//! parameters, fields from [`schema`], pollutants, units) and checks types
//! and dimensions, collecting every error of the file.

mod binders;
mod calls;
mod duty;
mod expr;
pub mod ir;
mod link;
mod literal;
mod ops;
mod rules;
mod ruleset;
pub mod schema;
mod scope;
mod table;
mod types;

pub use link::{link, uses};
pub use rules::PLACEHOLDERS;

use crate::values::{Diagnostic, Severity, Sources};
use sha2::{Digest, Sha256};

/// Loads one rule file: registers `text` under `name` in `sources`, parses
/// it and checks it. Returns the checked rule set, or `None` when the file
/// has any error; the diagnostics hold every error (and warning) of the
/// file, in file order, each with its span and a help line.
pub fn load_ruleset(
    sources: &mut Sources,
    name: &str,
    text: &str,
) -> (Option<ir::RuleSet>, Vec<Diagnostic>) {
    let file = sources.add(name, text);
    let (ast, mut diags) = crate::syntax::parse(file, text);
    let sha256 = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut checker = scope::Checker::new(text, ast.broken_params.clone());
    let set = checker.ruleset(&ast, sha256);
    diags.append(&mut checker.diags);
    diags.sort_by_key(|d| d.span.map(|s| s.start));
    let failed = diags.iter().any(|d| d.severity == Severity::Error);
    (set.filter(|_| !failed), diags)
}

#[cfg(test)]
mod tests;
