//! `eipcheck schema filing|result`: the JSON Schemas of the filing format
//! (eipcheck/filing/v1) and of the result JSON (eipcheck/result/v1), for
//! editors and integrators. Both are embedded from `docs/schemas/`, so the
//! command prints exactly the files the documentation links to.

use clap::ValueEnum;
use std::io::Write;

/// The JSON Schema (draft 2020-12) of the filing format, as
/// `docs/schemas/filing-v1.schema.json`.
pub const FILING: &str = include_str!("../../docs/schemas/filing-v1.schema.json");

/// The JSON Schema (draft 2020-12) of `check --format json`, as
/// `docs/schemas/result-v1.schema.json`.
pub const RESULT: &str = include_str!("../../docs/schemas/result-v1.schema.json");

/// Which schema `eipcheck schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Which {
    /// The filing format (eipcheck/filing/v1).
    Filing,
    /// The result JSON of `check --format json` (eipcheck/result/v1).
    Result,
}

/// The schema text for `which`.
pub fn text(which: Which) -> &'static str {
    match which {
        Which::Filing => FILING,
        Which::Result => RESULT,
    }
}

/// Prints the schema to standard output. Returns the exit code: 0, or 2
/// when standard output cannot be written (a closed pipe).
pub fn run(which: Which) -> u8 {
    let mut out = std::io::stdout().lock();
    match out
        .write_all(text(which).as_bytes())
        .and_then(|()| out.flush())
    {
        Ok(()) => 0,
        Err(_) => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_schemas_are_json_schema_documents() {
        for which in [Which::Filing, Which::Result] {
            let value: serde_json::Value = serde_json::from_str(text(which)).unwrap_or_default();
            assert_eq!(
                value["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{which:?}"
            );
        }
        assert!(FILING.contains("\"eipcheck/filing/v1\""));
        assert!(RESULT.contains("\"eipcheck/result/v1\""));
    }
}
