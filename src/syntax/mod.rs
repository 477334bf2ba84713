//! The rule language's syntax: pest grammar (grammar/eipcheck.pest) -> AST.

pub mod ast;
mod build;
mod build_expr;
mod errors;
mod parser;

pub use parser::parse;

#[cfg(test)]
pub(crate) mod tests;
